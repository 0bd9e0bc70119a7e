"""Gazetteer names and report texts are keyed with Arabic articles and frequent name words in one spelling
(data/gazetteer/transliterations.csv), by one function, so that both sides of a match fold alike and a span
found in the folded text maps back to the original exactly."""

from geomap.normalize import fold_transliterations, name_keys, normalize_text


def test_two_transliterations_of_one_name_share_a_key():
    assert name_keys("Dayr al Balah") & name_keys("Deir el-Balah")
    assert name_keys("Ra's al 'Ayn") & name_keys("Ras al-Ain")
    assert name_keys("Khirbat Ghazala") & name_keys("Khirbet Ghazala")
    assert not name_keys("Dayr al Balah") & name_keys("Deir Hafer")


def test_a_name_keeps_its_key_as_written_beside_the_folded_one():
    # "El Paso" in a sentence is not folded (the article is not joined by a hyphen): it needs its own key.
    assert normalize_text("El Paso") in name_keys("El Paso")
    assert name_keys("Tell") == {normalize_text("Tell")}  # a name word alone is not folded


def test_english_words_in_prose_are_not_folded():
    for text in ("She served as an envoy at Geneva.", "An air strike hit Aleppo as fighting went on.",
                 "Tell them to leave, said a man at Umm", "Fighting At Kirkuk"):
        assert fold_transliterations(normalize_text(text), text) == (normalize_text(text), None), text


def test_folded_text_maps_back_to_the_original_offsets():
    text = "Shelling hit Deir ez-Zor and ash-Shaddadi; Ra's al 'Ayn was quiet."
    norm = normalize_text(text)
    folded, offsets = fold_transliterations(norm, text)
    assert offsets is not None and len(offsets) == len(folded)
    assert offsets == sorted(offsets)  # one way: a match's first and last characters bound its span
    for name in ("Deir ez-Zor", "ash-Shaddadi", "Ra's al 'Ayn"):
        key = fold_transliterations(normalize_text(name))[0].rstrip(" \x01")
        begin = folded.index(key.lstrip(" \x01")) - 1
        end = begin + len(key.lstrip(" \x01")) + 1
        assert text[offsets[begin]:offsets[end - 1]] == name
