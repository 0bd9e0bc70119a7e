"""`geomap gazetteer add FILE` merges a user's GeoNames country export or CSV into a copy of the
index, records the source, and the geocoder then finds the new places; `gazetteer sources` lists them."""

import json
import os
import shutil
import subprocess
import sys

import pytest

# GeoNames' 19 columns: geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
# feature code, country code, cc2, admin1-4, population, elevation, dem, timezone, modification date.
EXPORT_ROWS = [
    ["9100001", "Khor Dabbas", "Khor Dabbas", "Khawr Dabbas,Khor Debbas", "13.4521", "30.1187", "P", "PPL", "SD", "",
     "05", "", "", "", "0", "", "512", "Africa/Khartoum", "2024-02-01"],
    ["9100002", "Umm Sayala", "Umm Sayala", "Um Sayala", "14.3310", "31.0555", "P", "PPL", "SD", "", "05", "", "",
     "", "1200", "", "420", "Africa/Khartoum", "2024-02-01"],
    ["9100003", "Wadi Qarra", "Wadi Qarra", "", "13.9", "30.5", "H", "WAD", "SD", "", "05", "", "", "", "0", "",
     "400", "Africa/Khartoum", "2024-02-01"],
    ["9100004", "Dabbas Road", "Dabbas Road", "", "13.5", "30.2", "R", "RD", "SD", "", "05", "", "", "", "0", "",
     "400", "Africa/Khartoum", "2024-02-01"],
]


def geomap(*args, index_dir):
    env = {**os.environ, "GEOMAP_GAZETTEER_DIR": str(index_dir)}
    return subprocess.run([sys.executable, "-m", "geomap.cli", *args], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def extended_index(gazetteer, tmp_path_factory):
    """A copy of the built index with a small GeoNames export and a CSV added to it."""
    folder = tmp_path_factory.mktemp("gazetteer")
    index_dir = folder / "index"
    shutil.copytree(gazetteer.index_dir, index_dir)
    export = folder / "SD.txt"
    export.write_text("".join("\t".join(row) + "\n" for row in EXPORT_ROWS), encoding="utf-8")
    table = folder / "villages.csv"
    table.write_text("name,lat,lon,country_code,alternate_names\nAbu Zabad Camp,12.35,29.25,SD,Abuzabad Camp\n",
                     encoding="utf-8")
    results = [geomap("gazetteer", "add", str(export), index_dir=index_dir),
               geomap("gazetteer", "add", str(table), index_dir=index_dir)]
    return index_dir, folder, results


@pytest.mark.slow
def test_adding_a_geonames_export_and_a_csv_succeeds_and_says_what_it_added(extended_index):
    _, _, (export, table) = extended_index
    assert export.returncode == 0 and "SD.txt: 3 places added" in export.stdout  # the road is not a place
    assert table.returncode == 0 and "villages.csv: 1 places added" in table.stdout


@pytest.mark.slow
def test_the_geocoder_finds_added_places_by_name_and_alternate_name(extended_index):
    index_dir, folder, _ = extended_index
    report = folder / "report.txt"
    report.write_text("Militia fighters attacked Khawr Dabbas and Um Sayala, and families fled toward "
                      "Abuzabad Camp in Sudan.", encoding="utf-8")
    result = geomap("geocode", str(report), index_dir=index_dir)
    mentions = {m["text"]: m for m in json.loads(result.stdout)["mentions"]}
    assert mentions["Khawr Dabbas"]["place_id"] == "9100001" and mentions["Khawr Dabbas"]["lat"] == 13.4521
    assert mentions["Um Sayala"]["name"] == "Umm Sayala" and mentions["Um Sayala"]["country_code"] == "SD"
    assert mentions["Abuzabad Camp"]["lat"] == 12.35


@pytest.mark.slow
def test_an_added_village_is_found_under_another_spelling(extended_index):
    """The spelling search reads the names table as it is after the addition, not as it was built."""
    index_dir, folder, _ = extended_index
    report = folder / "variant.txt"
    report.write_text("Gunmen burned the village of Khor Dabas on Tuesday and then moved on to Um Sayala, Sudan.",
                      encoding="utf-8")
    result = geomap("geocode", str(report), index_dir=index_dir)
    mentions = {m["text"]: m for m in json.loads(result.stdout)["mentions"]}
    assert mentions["Khor Dabas"]["place_id"] == "9100001"


@pytest.mark.slow
def test_an_added_name_is_keyed_under_its_arabic_transliterations_as_built_in_names_are(extended_index):
    """`gazetteer add` keys names as the build does: "Om Sayala" and "Wady Qarra" are Umm Sayala and Wadi Qarra."""
    index_dir, folder, _ = extended_index
    report = folder / "transliterated.txt"
    report.write_text("Families fled Om Sayala for the camps of Wady Qarra, in Sudan.", encoding="utf-8")
    result = geomap("geocode", str(report), index_dir=index_dir)
    mentions = {m["text"]: m for m in json.loads(result.stdout)["mentions"]}
    assert mentions["Om Sayala"]["place_id"] == "9100002", mentions
    assert mentions["Wady Qarra"]["place_id"] == "9100003", mentions


@pytest.mark.slow
def test_sources_lists_the_built_in_sources_and_each_added_file(extended_index):
    index_dir, _, _ = extended_index
    lines = [json.loads(line) for line in geomap("gazetteer", "sources", index_dir=index_dir).stdout.splitlines()]
    sources = {line["source"]: line for line in lines}
    assert sources["added: SD.txt"]["places_added"] == 3 and sources["added: SD.txt"]["places"] == 3
    assert sources["added: villages.csv"]["places"] == 1
    assert any("GeoNames" in s and n["places"] > 100_000 for s, n in sources.items())


def test_a_file_in_neither_format_is_refused_with_what_to_fix(tmp_path, gazetteer):
    bad = tmp_path / "places.csv"
    bad.write_text("town;latitude\nX;1\n", encoding="utf-8")
    result = geomap("gazetteer", "add", str(bad), index_dir=gazetteer.index_dir)
    assert result.returncode == 2 and "name, lat and lon" in result.stderr and "Traceback" not in result.stderr
