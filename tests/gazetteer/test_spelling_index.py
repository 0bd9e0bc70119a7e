"""The spelling blocks after `gazetteer add`: the countries of the added names read again, every other block
kept, give the searches a whole rebuild from the names table gives."""

import sqlite3

from geomap.gazetteer.kinds import NAME_ALTERNATE, NAME_DEMONYM, NAME_MAIN
from geomap.gazetteer.spellings import SpellingIndex
from geomap.normalize import fold_name

# (place id, name, kind, country): invented places in invented countries, with the names a search leaves out
# (a demonym, two letters, another script, a place with no row) beside ones it finds.
FIRST_NAMES = [
    ("p1", "Varenka", NAME_MAIN, "QA"), ("p1", "Warenka", NAME_ALTERNATE, "QA"), ("p2", "Volny Brod", NAME_MAIN, "QA"),
    ("p3", "Ostrel", NAME_MAIN, "QB"), ("p3", "Ostrelians", NAME_DEMONYM, "QB"), ("p4", "Ostrela", NAME_MAIN, "QB"),
    ("p5", "Ur", NAME_MAIN, "QB"), ("p6", "Остров", NAME_MAIN, "QB"), ("p7", "Tamberg", NAME_MAIN, "QD"),
    ("p-gone", "Osterbrook", NAME_MAIN, "QB"),
]
# Added later: in a country the index has (before, between and after its names, and the same folded name as one
# it has), in a country new to it that sorts between two it has, and in one that sorts after all of them.
ADDED_NAMES = [
    ("p8", "Ostrel", NAME_MAIN, "QB"), ("p9", "Ostara", NAME_MAIN, "QB"), ("p9", "Oztara", NAME_ALTERNATE, "QB"),
    ("p3", "Ostrell", NAME_ALTERNATE, "QB"), ("p10", "Kessow", NAME_MAIN, "QC"), ("p11", "Zander Kamp", NAME_MAIN, "QZ"),
]


def names_table(path, names):
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE IF NOT EXISTS names (place_id TEXT, name TEXT, folded TEXT, kind INTEGER, "
                    "country_code TEXT)")
        con.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)",
                        ((pid, name, fold_name(name), kind, country) for pid, name, kind, country in names))


def every_search(index, blocks):
    """What a spelling search finds for each block, at 0 and 2 letters' difference in length."""
    found = {}
    for country, initial, length in blocks:
        for edits in (0, 2):
            keys, rows = index.names_like(country, initial, length, edits)
            found[country, initial, length, edits] = (keys, rows.tolist())
    return found


def test_names_added_in_some_countries_are_found_as_after_a_whole_rebuild(tmp_path):
    names_db = tmp_path / "names.sqlite"
    names_table(names_db, FIRST_NAMES)
    place_ids = [f"p{n}" for n in range(1, 8)]
    before = SpellingIndex.build(names_db, place_ids)
    names_table(names_db, ADDED_NAMES)
    place_ids += ["p8", "p9", "p10", "p11"]

    read_again = before.with_countries_read_again(names_db, place_ids, {"QB", "QC", "QZ"})
    rebuilt = SpellingIndex.build(names_db, place_ids)

    blocks = [(c, i, n) for c in ("QA", "QB", "QC", "QD", "QZ") for i in "koqtvwz" for n in range(3, 12)]
    assert every_search(read_again, blocks) == every_search(rebuilt, blocks)
    keys, rows = read_again.names_like("QB", "o", 6, 1)
    assert keys == ["ostara", "ostrel", "ostrel", "ostrela", "ostrell", "oztara"]  # the table's order, ties by insertion
    assert rows.tolist() == [place_ids.index(p) for p in ("p9", "p3", "p8", "p4", "p3", "p9")]
    assert read_again.names_like("QC", "k", 6, 0)[0] == ["kessow"]
    assert read_again.names_like("QZ", "z", 10, 0)[0] == ["zanderkamp"]
    assert read_again.names_like("QA", "v", 9, 0)[0] == ["volnybrod"]  # a country not read again is kept
