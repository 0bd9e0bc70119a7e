"""The gazetteer scan over long reports: it reads the text a window at a time and goes on after a key
that runs into a word without starting over, and must find what one plain scan of the whole text finds."""

import random

import geomap.geoparse.recognize as recognize
from geomap.normalize import normalize_text

SENTENCES = [
    "Shelling hit Kharkiv and the outskirts of Izium overnight.",
    "The New Yorker reported that talks in New York had stalled.",
    "Officials in the Democratic Republic of Congo said the road to Goma was closed.",
    "A Parisian court heard the case; Paris prosecutors declined to comment.",
    "Residents of Lviv-Volynskyi and Lvivska oblast were told to stay indoors.",
    "the convoy moved slowly along the river road and nobody said where it was going next.",
    "Bakhmutka, Bakhmut and Soledar were named in the report.",
    "Aid reached Tripoli, Misrata and Benghazi after the storm.",
]


def plain_scan(norm: str, automaton, key_lengths) -> list[tuple[int, int, int]]:
    """The scan as first written: the whole text each time, started over after every rejected key."""
    out, position, n = [], 0, len(norm)
    while position < n:
        resume = n
        for last, key_id in automaton.iter_long(norm[position:]):
            end = position + last + 1
            begin = end - key_lengths[key_id]
            if end < n and norm[end] not in (" ", "\x01"):
                key_id = -1
                for cut in range(end - 1, begin + 1, -1):
                    if norm[cut] in (" ", "\x01"):
                        shorter = automaton.get(norm[begin:cut], -1)
                        if shorter >= 0:
                            key_id, end = shorter, cut
                            break
                if key_id >= 0:
                    out.append((begin, end, key_id))
                resume = end if key_id >= 0 else begin + 1
                break
            out.append((begin, end, key_id))
        position = resume
    return out


def test_a_name_after_a_long_stretch_of_lower_case_prose_is_still_found(gazetteer):
    # No name ends near the end of the first window: the scan once stopped there, and lost Kharkiv.
    text = "Talks were held in Paris. " + "and then the talks went on for hours, " * 1200 + "Shelling hit Kharkiv."
    spans = recognize.find_name_spans(recognize.ReportText(text), gazetteer)
    assert [s.surface for s in spans] == ["Paris", "Kharkiv"]


def test_the_windowed_scan_finds_what_one_plain_scan_of_the_whole_text_finds(gazetteer):
    rng = random.Random(3)
    for size in (2_000, 40_000, 90_000):
        parts, length = [], 0
        while length < size:
            parts.append(rng.choice(SENTENCES))
            length += len(parts[-1]) + 1
        norm = normalize_text(" ".join(parts))
        found = recognize._longest_keys(norm, gazetteer.automaton, gazetteer.key_lengths)
        assert found == plain_scan(norm, gazetteer.automaton, gazetteer.key_lengths)
        assert len(found) > size // 200  # names were found all along the text
