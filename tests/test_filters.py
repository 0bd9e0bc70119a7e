"""One definition of the incident filters: the command line, the exports and the dashboard keep the same incidents."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

import geomap.filters
from geomap.cli import main
from geomap.dashboard import queries
from geomap.exc import FilterError, GeomapError
from geomap.filters import MAX_SEARCH_CHARS, NO_CLAIMANT, NOT_REJECTED, UNKNOWN, UNVERIFIED, VERIFIED, IncidentFilter

# (filter fields, the same as command-line options)
VIEWS = [
    (dict(claimants=[NO_CLAIMANT]), ["--claimant", NO_CLAIMANT]),
    (dict(claimants=["Aliyev", NO_CLAIMANT], event_types=["armed_clash"]),
     ["--claimant", "Aliyev", "--claimant", NO_CLAIMANT, "--type", "armed_clash"]),
    (dict(date_from="2020-10-05", date_to="2020-10-06", publishers=["Reuters"]),
     ["--from", "2020-10-05", "--to", "2020-10-06", "--publisher", "Reuters"]),
    (dict(geo_precisions=[1, UNKNOWN], time_precisions=["1"], verification=UNVERIFIED),
     ["--where-prec", "1", "--where-prec", UNKNOWN, "--date-prec", "1", "--verification", UNVERIFIED]),
    (dict(search="ganja"), ["--search", "ganja"]),
]


@pytest.fixture
def store(seed_store, tmp_path):
    """A copy of the seed store, so the dashboard's caches start empty for it."""
    path = tmp_path / "seeds.db"
    shutil.copy(seed_store, path)
    return path


def cli_ids(store, options, capsys) -> list[str]:
    assert main(["incidents", "--store", str(store), *options]) == 0
    return [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]


def export_ids(store, options, out) -> list[str]:
    assert main(["export", "--store", str(store), "--format", "geojson", "--force", *options, str(out)]) == 0
    return [f["id"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]


def dashboard_ids(store, view: IncidentFilter) -> list[str]:
    conn = queries.connect(store)
    snap = queries.snapshot(conn, store)
    return sorted(str(snap.ids[i]) for i, kept in enumerate(queries.incident_mask(conn, snap, view)) if kept)


@pytest.mark.parametrize("fields, options", VIEWS, ids=["nobody-claims", "claimant-or-none", "reuters-week",
                                                        "precisions", "search"])
def test_the_cli_the_export_and_the_dashboard_keep_the_same_incidents(store, tmp_path, capsys, fields, options):
    view = IncidentFilter(**fields)
    printed = cli_ids(store, options, capsys)
    assert printed, "each view keeps something in the seeds"
    assert export_ids(store, options, tmp_path / "view.geojson") == printed
    assert dashboard_ids(store, view) == sorted(printed)
    assert [i.incident_id for i in queries.filtered_incidents(queries.connect(store), view)] == printed


def test_a_rule_changed_in_one_place_changes_the_cli_the_export_and_the_dashboard(store, tmp_path, capsys,
                                                                                   monkeypatch):
    options, view = ["--claimant", "hikmet"], IncidentFilter(claimants=["hikmet"])
    assert cli_ids(store, options, capsys) == [] and dashboard_ids(store, view) == []
    # The claimant rule becomes "starts with, any case": one entry in one table.
    monkeypatch.setitem(geomap.filters.CONDITIONS, "claimants",
                        lambda names, params: params.extend(names) or "lower(claimant) LIKE lower(?) || '%'")
    printed = cli_ids(store, options, capsys)
    assert len(printed) == 3  # Hikmet Hajiyev's claim of strikes on Ganja, Barda and Beylagan, one per town
    assert export_ids(store, options, tmp_path / "view.geojson") == printed
    queries._snapshots.clear()
    assert dashboard_ids(store, view) == printed


def test_nobody_claims_means_no_claimant_and_nothing_else(store):
    everything = IncidentFilter()
    unclaimed = IncidentFilter(claimants=[NO_CLAIMANT])
    from geomap.store import IncidentStore

    with IncidentStore(store) as opened:
        kept = opened.incidents(unclaimed)
        assert kept and all(i.claimant == "" for i in kept)
        assert len(kept) == sum(1 for i in opened.incidents(everything) if not i.claimant)


def test_values_are_normalised_so_equal_filters_are_equal():
    assert IncidentFilter(event_types=["shelling", "shelling"], geo_precisions=["1", UNKNOWN], search=" Ganja ") == \
        IncidentFilter(event_types=("shelling",), geo_precisions=(1, None), search="Ganja")
    assert IncidentFilter(claimants="Aliyev").claimants == ("Aliyev",)
    assert IncidentFilter(date_from="", search="  ", include_rejected=True).conditions() == {}
    assert IncidentFilter(date_from="", search="  ").conditions() == {"review": NOT_REJECTED}
    assert IncidentFilter(review=["rejected", "rejected"], as_of="2020-10-06") == \
        IncidentFilter(review=("rejected",), as_of=date(2020, 10, 6))


@pytest.mark.parametrize("fields, message", [
    (dict(date_from="11/10/2020"), "not an ISO date"),
    (dict(geo_precisions=["7"]), "not a precision code 1-6"),
    (dict(time_precisions=["week"]), "not a precision code 1-5"),
    (dict(verification="maybe"), "not one of corroborated, unverified"),
    (dict(review=["checked"]), "not one of unreviewed, reviewed, rejected, recheck"),
    (dict(as_of="last week"), "as_of: 'last week' is not an ISO date"),
])
def test_a_value_a_filter_cannot_mean_is_a_clear_error(fields, message):
    with pytest.raises(FilterError, match=message) as caught:
        IncidentFilter(**fields)
    assert isinstance(caught.value, (GeomapError, ValueError))


def test_an_empty_choice_keeps_nothing_and_no_choice_keeps_everything_but_the_rejected():
    assert IncidentFilter(event_types=[], include_rejected=True).where() == ("0", [])
    assert IncidentFilter(include_rejected=True).where() == ("1", [])
    assert IncidentFilter().where() == IncidentFilter(review=NOT_REJECTED).where()


def test_parts_keep_the_dates_together_and_combine_to_the_whole():
    view = IncidentFilter(date_from="2020-10-01", date_to="2020-10-05", event_types=["shelling"], verification=VERIFIED)
    parts = view.parts()
    assert [p.conditions() for p in parts] == [
        {"date_from": "2020-10-01", "date_to": "2020-10-05"}, {"event_types": ("shelling",)},
        {"verification": VERIFIED}, {"review": NOT_REJECTED}]
    assert view.without_dates() == IncidentFilter(event_types=["shelling"], verification=VERIFIED)


def test_search_words_are_taken_literally_not_as_wildcards(store, capsys):
    assert cli_ids(store, ["--search", "ganja"], capsys)
    assert cli_ids(store, ["--search", "g_nja"], capsys) == []
    assert cli_ids(store, ["--search", "%"], capsys) == []


def test_a_search_longer_than_the_limit_is_refused_with_a_reason_not_a_sqlite_error(store, capsys):
    with pytest.raises(FilterError, match="characters is more than"):
        IncidentFilter(search="ganja " * 1000).where()
    assert IncidentFilter(search="x" * MAX_SEARCH_CHARS).where()[0]
    with pytest.raises(SystemExit) as exit_:
        main(["incidents", "--store", str(store), "--search", "shelling " * 6000])
    assert exit_.value.code == 2
    assert "characters is more than" in capsys.readouterr().err
