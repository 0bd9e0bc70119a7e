"""Conflict profiles: knowledge of a war kept as data, applied only to reports about that war."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import pytest

from geomap.conflicts import CONFLICTS_DIR, CONFLICTS_ENV, conflict_profiles, profiles_for, read_profile
from geomap.dates import publication_date
from geomap.events import extract_incidents
from geomap.exc import ConflictTableError, GeomapError
from geomap.records import Report

TIGRAY = {
    "name": "Tigray war", "names_in_text": ["Tigray", "TPLF"], "countries": ["ET"], "start": "2020-11-04",
    "end": "2022-11-02", "map_window": [36.0, 12.0, 41.0, 15.5], "source": "written for this test",
}
NINTH_DAY = ("Clashes in Tigray entered their ninth day on Thursday as federal troops pushed towards Mekelle.\n"
             "Government forces said they had taken the town of Humera.\n")


def _profile(tmp_path: Path, data: dict, name: str = "tigray.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_shipped_profiles_each_name_their_source_and_live_as_data_files():
    profiles = conflict_profiles()
    assert profiles and all(p.source and p.names_in_text and Path(p.path).parent == CONFLICTS_DIR for p in profiles)
    assert conflict_profiles() is profiles  # read once


def test_a_profile_added_for_another_conflict_dates_its_day_counts(tmp_path):
    # Without a profile the text alone gives no start date, so "the ninth day" dates nothing.
    assert publication_date(NINTH_DAY, conflicts=()) == (None, "", 0.0)
    tigray = read_profile(_profile(tmp_path, TIGRAY))
    day, evidence, _ = publication_date(NINTH_DAY, conflicts=[tigray])
    assert day == "2020-11-12" and "Tigray war" in evidence  # 4 Nov is day 1: day 9 is Thursday 12 Nov


def test_a_profile_added_through_the_environment_takes_effect(tmp_path, monkeypatch):
    folder = tmp_path / "profiles"
    folder.mkdir()
    _profile(folder, TIGRAY)
    monkeypatch.setenv(CONFLICTS_ENV, str(folder))
    assert "Tigray war" in {p.name for p in conflict_profiles()}
    day, evidence, _ = publication_date(NINTH_DAY)
    assert day == "2020-11-12" and "Tigray war" in evidence


def test_a_profile_applies_only_to_reports_that_name_its_conflict_while_it_is_under_way(tmp_path):
    tigray = read_profile(_profile(tmp_path, TIGRAY))
    assert profiles_for(NINTH_DAY, date(2020, 11, 12), conflicts=[tigray]) == [tigray]
    assert profiles_for("Shelling hit Ganja on Sunday.", date(2020, 11, 12), conflicts=[tigray]) == []
    assert profiles_for(NINTH_DAY, date(2024, 5, 1), conflicts=[tigray]) == []  # long after its end
    assert profiles_for("The TPLFX party met.", None, conflicts=[tigray]) == []  # a whole word, not a prefix


def test_the_start_of_a_profile_dates_an_event_only_in_reports_about_it(tmp_path):
    tigray = read_profile(_profile(tmp_path, TIGRAY))
    report = Report("t.txt", "Fighting in Tigray began when federal troops crossed into the region near Humera, "
                             "killing 20 soldiers.\n", published="2020-11-20")
    [incident] = [i for i in extract_incidents(report, [], conflicts=[tigray]) if i.event_type == "armed_clash"]
    assert incident.date.start == "2020-11-04"
    elsewhere = Report("s.txt", "Fighting in Darfur began when gunmen crossed into the region, killing 20 "
                                "soldiers.\n", published="2020-11-20")
    assert all(i.date.start != "2020-11-04" for i in extract_incidents(elsewhere, [], conflicts=[tigray]))


@pytest.mark.parametrize("change, message", [
    ({"start": "4 November 2020"}, "ISO dates"),
    ({"names_in_text": "Tigray"}, "a list of names"),
    ({"source": ""}, "needs name, names_in_text, start, source"),
    ({"map_window": [41.0, 12.0, 36.0, 15.5]}, "west < east"),
    ({"countries": ["Ethiopia"]}, "alpha-2"),
    ({"end": "2019-01-01"}, "before start"),
])
def test_a_malformed_profile_names_the_file_and_the_fix(tmp_path, change, message):
    path = _profile(tmp_path, {**TIGRAY, **change})
    with pytest.raises(ConflictTableError, match=message) as caught:
        read_profile(path)
    assert str(path) in str(caught.value) and isinstance(caught.value, GeomapError)


def test_a_missing_or_broken_profile_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConflictTableError, match="cannot be read"):
        read_profile(tmp_path / "missing.json")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(ConflictTableError, match="not UTF-8 JSON"):
        conflict_profiles([tmp_path / "broken.json"])


def test_places_get_only_the_outlines_they_lie_in_or_near(delta_profile):
    from geomap.conflicts import outlines_near

    def names(*places):
        lats, lons = zip(*places)
        return {f["properties"]["name"] for f in outlines_near(lats, lons)["features"]}

    assert "Delta front (rough)" in names((10.5, 30.5))  # inside the square
    assert "Delta front (rough)" in names((11.8, 31.4))  # 0.8 degrees beyond its corner
    assert names((48.2, 8.9)) == set()  # far from every outline
    # two wars on either side of the square, 12 degrees apart: their frame holds it, neither lies near it
    assert names((4.0, 24.0), (16.0, 36.0)) == set()
    assert "Delta front (rough)" in names((4.0, 24.0), (16.0, 36.0), (10.9, 30.1))
    # a place without coordinates lies near nothing, and says so without a warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert names((None, None)) == set() and "Delta front (rough)" in names((float("nan"), 30.5), (10.5, 30.5))
