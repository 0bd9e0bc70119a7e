"""Analyst review: the log applied to what was extracted, on claims written here and on a real store of the seeds."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.exc import ReviewError
from geomap.filters import IncidentFilter
from geomap.pipeline import ingest
from geomap.records import (CONFIRMED, CORRECTED, REJECTED, UNREVIEWED, EventDate, Incident, Mention, Place, Review,
                            SourceRef)
from geomap.review import apply_reviews, claim_ids, diff_incidents, review, review_queue
from geomap.store import IncidentStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

GANJA = Place("586523", "Ganja", 40.68157, 46.36134, "AZ", "P", "PPLA", 330663, "AZ.20")
BARDA = Place("587057", "Barda", 40.37444, 47.12611, "AZ", "P", "PPLA", 41600, "AZ.08")


def claim(name: str, report: str, *, killed=None, place=GANJA, day="2020-10-11", kind="shelling") -> Incident:
    """One report's telling of a strike, as the extractor gives it (its id is the claim's id)."""
    sentence = f"Shelling hit {place.name} on Sunday, officials said."
    at = sentence.index(place.name)
    source = SourceRef(report, "Wire", "2020-10-12", sentence, 0, len(sentence), killed, killed,
                       mention_spans=((at, at + len(place.name)),))
    return Incident(name, kind, "Explosions/Remote violence", EventDate(day, day, 1, "Sunday"),
                    (Mention(at, at + len(place.name), place.name, place, 1, 0.9),), killed_low=killed,
                    killed_high=killed, sources=(source,))


def logged(n: int, action: str, claims, **fields) -> Review:
    return Review(action, claims[0], tuple(claims), f"note {n}", "analyst", f"2026-01-0{n}T10:00:00Z",
                  review_id=n, **fields)


def one(incidents, name):
    return next(i for i in incidents if name in claim_ids(i))


# --- the pure application of the log --------------------------------------------------------------------------


def test_a_corrected_figure_holds_and_the_extracted_one_is_kept_beside_it():
    clusters = {"inc-a": [claim("inc-a", "r1", killed=9), claim("inc-b", "r2", killed=9)]}
    (shown,) = apply_reviews(clusters, [logged(1, "set", ["inc-a", "inc-b"], field="killed", before=[9, 9],
                                               after=[10, 10])])
    assert (shown.killed_low, shown.killed_high) == (10, 10)
    assert shown.review_status == CORRECTED and shown.review.original_killed == (9, 9)
    assert shown.to_json()["original"] == {"killed_low": 9, "killed_high": 9}
    assert [s.killed_low for s in shown.sources] == [9, 9]  # each source keeps what it said


def test_the_latest_value_of_a_field_wins_and_the_original_stays_the_extracted_one():
    clusters = {"inc-a": [claim("inc-a", "r1", killed=9)]}
    reviews = [logged(1, "set", ["inc-a"], field="killed", after=[10, 10]),
               logged(2, "set", ["inc-a"], field="date", after="2020-10-10"),
               logged(3, "set", ["inc-a"], field="killed", after=[11, 11])]
    (shown,) = apply_reviews(clusters, reviews)
    assert shown.killed_low == 11 and shown.review.original_killed == (9, 9)
    assert (shown.date.start, shown.date.precision) == ("2020-10-10", 1) and shown.review.original_date.start == "2020-10-11"
    assert shown.review.note == "note 3"


def test_a_rejected_incident_stays_rejected_until_confirmed():
    clusters = {"inc-a": [claim("inc-a", "r1")]}
    rejected = logged(1, "reject", ["inc-a"], field="status")
    assert apply_reviews(clusters, [rejected])[0].review_status == REJECTED
    corrected = apply_reviews(clusters, [rejected, logged(2, "set", ["inc-a"], field="killed", after=[3, 3])])[0]
    assert corrected.review_status == REJECTED and corrected.killed_low == 3
    assert apply_reviews(clusters, [rejected, logged(2, "confirm", ["inc-a"], field="status")])[0].review_status \
        == CONFIRMED


def test_merged_incidents_stay_one_and_a_split_source_stays_apart():
    clusters = {"inc-a": [claim("inc-a", "r1")], "inc-c": [claim("inc-c", "r2"), claim("inc-d", "r3")]}
    merged = apply_reviews(clusters, [logged(1, "merge", ["inc-a", "inc-c", "inc-d"], field="incidents")])
    assert len(merged) == 1 and claim_ids(merged[0]) == ("inc-a", "inc-c", "inc-d")
    assert merged[0].review is None  # a merge regroups; it does not review
    split = apply_reviews(clusters, [logged(1, "merge", ["inc-a", "inc-c", "inc-d"], field="incidents"),
                                     logged(2, "split", ["inc-a", "inc-c", "inc-d"], field="source", target="inc-c")])
    assert sorted(claim_ids(i) for i in split) == [("inc-a", "inc-d"), ("inc-c",)]


def test_a_split_is_void_once_its_claim_no_longer_sits_with_the_others():
    # the machine now keeps inc-c with a new claim inc-e, away from inc-a and inc-b: nothing to split
    clusters = {"inc-a": [claim("inc-a", "r1"), claim("inc-b", "r2")], "inc-c": [claim("inc-c", "r3"),
                                                                                claim("inc-e", "r4")]}
    shown = apply_reviews(clusters, [logged(1, "split", ["inc-a", "inc-b", "inc-c"], field="source",
                                            target="inc-c")])
    assert sorted(claim_ids(i) for i in shown) == [("inc-a", "inc-b"), ("inc-c", "inc-e")]


def test_a_review_follows_most_of_its_claims_when_the_machine_regroups_them():
    reviewed = ["inc-a", "inc-b", "inc-c"]
    review_log = [logged(1, "set", reviewed, field="killed", after=[10, 10])]
    together = apply_reviews({"inc-a": [claim(n, n) for n in reviewed]}, review_log)
    assert together[0].killed_low == 10
    # a later re-merge puts inc-c with another event: the correction stays with inc-a and inc-b
    apart = apply_reviews({"inc-a": [claim("inc-a", "r1"), claim("inc-b", "r2")],
                           "inc-c": [claim("inc-c", "r3", place=BARDA), claim("inc-f", "r4", place=BARDA)]}, review_log)
    assert one(apart, "inc-a").killed_low == 10 and one(apart, "inc-c").killed_low is None
    assert one(apart, "inc-c").review is None


def test_new_claims_flag_a_reviewed_incident_for_another_look_until_it_is_confirmed_again():
    before = {"inc-b": [claim("inc-b", "r1")]}
    confirm = logged(1, "confirm", ["inc-b"], field="status")
    assert apply_reviews(before, [confirm])[0].review.recheck is False
    after = {"inc-a": [claim("inc-b", "r1"), claim("inc-a", "r2", killed=4)]}  # a new report; the id changes
    (flagged,) = apply_reviews(after, [confirm])
    assert flagged.incident_id == "inc-a" and flagged.review_status == CONFIRMED and flagged.review.recheck
    (again,) = apply_reviews(after, [confirm, logged(2, "confirm", ["inc-b", "inc-a"], field="status")])
    assert not again.review.recheck
    assert apply_reviews(after, [])[0].review is None  # nobody reviewed it: nothing to look at again


# --- on a real store of the seeds ------------------------------------------------------------------------------

NEW_REPORT = """Mon 12 October 2020:
Twelve people were killed when shells hit Ganja on Sunday, the prosecutor general's office said on Monday.
Rescue teams were still searching a flattened apartment block.
"""


LATER_REPORT = """Tue 13 October 2020:
Twelve people were killed when shells hit Ganja on Sunday, prosecutors said on Tuesday.
"""


@pytest.fixture
def store_path(seed_store, tmp_path):
    path = tmp_path / "seeds.db"
    shutil.copy(seed_store, path)
    return path


@pytest.fixture(scope="module")
def updated_store(seed_store, tmp_path_factory, gazetteer):
    """The seeds and a report of 13 October that tells the Ganja shelling of the 11th again, with a higher toll."""
    folder = tmp_path_factory.mktemp("later")
    (folder / "reports").mkdir()
    (folder / "reports" / "ganja_13oct.txt").write_text(LATER_REPORT, encoding="utf-8")
    path = folder / "seeds.db"
    shutil.copy(seed_store, path)
    with IncidentStore(path) as opened:
        assert ingest(opened, [folder / "reports"], gazetteer=gazetteer).reports_read == 1
    return path


@pytest.fixture
def updated_path(updated_store, tmp_path):
    path = tmp_path / "updated.db"
    shutil.copy(updated_store, path)
    return path


def ganja_shelling(incidents) -> Incident:
    """The shelling of Ganja on 11 October that only the report of 12 October tells."""
    return next(i for i in incidents if i.event_type == "shelling" and i.date.start == "2020-10-11"
                and [m.place.name for m in i.resolved_places] == ["Ganja"])


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_corrections_and_rejections_survive_a_reingest_and_a_new_report(store_path, tmp_path, capsys, gazetteer):
    store = str(store_path)
    with IncidentStore(store_path) as opened:
        incidents = opened.incidents()
    ganja = ganja_shelling(incidents)
    assert ganja.killed_low == 9
    other = next(i for i in incidents if i.event_type == "statement" and i.date.start == "2020-10-11")
    assert cli(capsys, "review", "set", ganja.incident_id, "--killed", "10", "--note", "prosecutor's update",
               "--store", store, "--by", "alice")[0] == 0
    assert cli(capsys, "review", "reject", other.incident_id, "--note", "a statement, not an event",
               "--store", store)[0] == 0
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "ganja_toll.txt").write_text(NEW_REPORT, encoding="utf-8")
    with IncidentStore(store_path) as opened:
        summary = ingest(opened, [SEEDS, tmp_path / "new"], gazetteer=gazetteer)
        assert summary.already_present == 5 and summary.reports_read == 1
    code, out, _ = cli(capsys, "incidents", "--store", store)
    shown = [json.loads(line) for line in out.splitlines()]
    now = next(i for i in shown if ganja.incident_id in [s["claim_id"] for s in i["sources"]])
    assert now["killed_low"] == now["killed_high"] == 10 and now["review_status"] == CORRECTED
    assert now["original"] == {"killed_low": 9, "killed_high": 12}  # what the two reports say
    # re-merged with the new report's claim and renamed: the review held
    assert now["id"] != ganja.incident_id and len({s["claim_id"] for s in now["sources"]}) == 2
    assert now["review_recheck"] is True  # a new report changed it since the review
    assert other.incident_id not in [i["id"] for i in shown]
    code, out, _ = cli(capsys, "incidents", "--include-rejected", "--store", store)
    rejected = [json.loads(line) for line in out.splitlines() if json.loads(line)["id"] == other.incident_id]
    assert rejected[0]["review_status"] == REJECTED and rejected[0]["review_note"] == "a statement, not an event"
    code, out, _ = cli(capsys, "review", "log", "--json", "--store", store)
    log = [json.loads(line) for line in out.splitlines()]
    assert [(e["incident"], e["action"], e["field"], e["before"], e["after"], e["who"]) for e in log] == [
        (ganja.incident_id, "set", "killed", [9, 9], [10, 10], "alice"),
        (other.incident_id, "reject", "status", UNREVIEWED, REJECTED, log[1]["who"])]
    assert log[1]["who"] and all(e["when"].endswith("Z") and e["note"] for e in log)
    code, out, _ = cli(capsys, "review", "log", "--store", store)
    assert "killed: 9 -> 10" in out and "status: unreviewed -> rejected" in out


def test_merge_and_split_hold_after_the_whole_store_is_merged_again(store_path):
    with IncidentStore(store_path) as opened:
        incidents = opened.incidents()
        told_thrice = next(i for i in incidents if len({s.report_id for s in i.sources}) == 3)
        ganja, other = [i for i in incidents if [m.place.name for m in i.resolved_places] == ["Ganja"]][:2]
        review(opened, "merge", [ganja.incident_id, other.incident_id], note="one strike told twice", by="bo")
        (split,) = review(opened, "split", [told_thrice.incident_id], source=2, note="another day", by="bo")
        assert split.after == told_thrice.sources[1].claim_id

        def state():
            shown = opened.incidents()
            return (sorted(claim_ids(one(shown, ganja.sources[0].claim_id))),
                    sorted(claim_ids(one(shown, told_thrice.sources[0].claim_id))),
                    claim_ids(one(shown, split.after)))

        expected = (sorted(claim_ids(ganja) + claim_ids(other)),
                    sorted(set(claim_ids(told_thrice)) - {split.after}), (split.after,))
        assert state() == expected
        with opened.transaction():
            opened._index_again()  # every incident merged again from its claims, as an upgrade does
        assert state() == expected


def test_the_review_log_cannot_be_edited_or_deleted(store_path):
    with IncidentStore(store_path) as opened:
        target = opened.incidents()[0]
        review(opened, "confirm", [target.incident_id], note="checked against the wire", by="cy")
    db = sqlite3.connect(store_path)
    for statement in ("UPDATE reviews SET note = 'rewritten'", "DELETE FROM reviews"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(statement)


def test_a_moved_incident_takes_a_runner_up_a_gazetteer_name_or_an_id(store_path, gazetteer):
    with IncidentStore(store_path) as opened:
        strike = next(i for i in opened.incidents() if i.event_type == "missile_strike"
                      and [m.place.name for m in i.resolved_places] == ["Barda"])
        runner_up = next(c.place for c in strike.places[0].runners_up if c.place.country_code == "AZ")
        assert runner_up.place_id != strike.places[0].place.place_id
        review(opened, "set", [strike.incident_id], place=runner_up.name.upper(), note="the district, not the town",
               gazetteer=gazetteer)
        moved = opened.incident(strike.incident_id)
        assert [(m.place.place_id, m.place.country_code) for m in moved.places] == [(runner_up.place_id, "AZ")]
        assert moved.review.original_places == strike.places and moved.to_json()["places"][0]["place_id"] == runner_up.place_id
        review(opened, "set", [strike.incident_id], place="584871", note="Tartar, by the map", gazetteer=gazetteer)
        assert opened.incident(strike.incident_id).places[0].place.name == "Tartar"
        assert opened.incident(strike.incident_id).review.original_places == strike.places  # still the extracted
        review(opened, "set", [strike.incident_id], place=strike.places[0].place.place_id, note="back: the town",
               gazetteer=gazetteer)
        assert opened.incident(strike.incident_id).places[0].place == strike.places[0].place
        with pytest.raises(ReviewError, match="places are named 'Barda'.*587057 Barda \\(AZ"):
            review(opened, "set", [ganja_shelling(opened.incidents()).incident_id], place="Barda", note="n",
                   gazetteer=gazetteer)


@pytest.mark.parametrize("args, message", [
    (["confirm", "ID", "--note", "  "], "--note is empty"),
    (["confirm", "inc-000000000000", "--note", "x"], "no incident 'inc-000000000000'"),
    (["set", "ID", "--note", "x"], "set needs something to set"),
    (["set", "ID", "--killed", "ten", "--note", "x"], "--killed: 'ten' is not a whole number"),
    (["set", "ID", "--wounded", "-3", "--note", "x"], "--wounded: -3 is out of range"),
    (["set", "ID", "--date", "11/10/2020", "--note", "x"], "--date: '11/10/2020' is not a day"),
    (["set", "ID", "--date", "2999-01-01", "--note", "x"], "after today"),
    (["set", "ID", "--type", "riot", "--note", "x"], "--type: 'riot' is not an event type"),
    (["set", "ID", "--place", "Xqzvwk", "--note", "x"], "no place named 'Xqzvwk'"),
    (["merge", "ID", "--note", "x"], "merge needs two incident ids"),
    (["merge", "ID", "ID", "--note", "x"], "merge needs two incident ids"),
    (["split", "ID", "--source", "1", "--note", "x"], "one report's telling"),
    (["confirm", "ID", "--note", "x", "--by", "a\tb"], "--by holds control characters"),
])
def test_every_review_option_is_checked_with_a_clear_error(store_path, capsys, args, message):
    with IncidentStore(store_path) as opened:
        target = ganja_shelling(opened.incidents()).incident_id
    args = [target if a == "ID" else a for a in args]
    code, out, err = cli(capsys, "review", *args, "--store", str(store_path))
    assert code == 2 and message in err and "Traceback" not in err, err
    with IncidentStore(store_path) as opened:
        assert opened.reviews() == []  # nothing was logged


def test_the_map_as_known_on_a_day_leaves_out_what_later_reports_told(updated_path, capsys):
    code, out, _ = cli(capsys, "incidents", "--as-of", "2020-10-06", "--store", str(updated_path))
    known = [json.loads(line) for line in out.splitlines()]
    assert known and all(s["published"] <= "2020-10-06" for i in known for s in i["sources"])
    with IncidentStore(updated_path) as opened:
        today = opened.incidents()
    assert ganja_shelling(today).incident_id not in [i["id"] for i in known]
    assert not any(i["type"] == "shelling" and i["date_start"] == "2020-10-11" for i in known)
    # told on 12 and 13 October: as of the 12th it is what the report of the 12th said, nine killed
    both = ganja_shelling(today)
    assert {s.published for s in both.sources} == {"2020-10-12", "2020-10-13"} and both.killed_high == 12
    code, out, _ = cli(capsys, "incidents", "--as-of", "2020-10-12", "--store", str(updated_path))
    earlier = next(json.loads(line) for line in out.splitlines()
                   if set(claim_ids(both)) & {s["claim_id"] for s in json.loads(line)["sources"]})
    assert {s["published"] for s in earlier["sources"]} == {"2020-10-12"}
    assert (earlier["killed_low"], earlier["killed_high"]) == (9, 9)
    code, out, _ = cli(capsys, "incidents", "--as-of", "2020-10-04", "--store", str(updated_path))
    assert out == ""  # no seed was published yet


def test_reviews_count_from_the_day_they_were_made(store_path):
    with IncidentStore(store_path) as opened:
        ganja = ganja_shelling(opened.incidents())
        review(opened, "set", [ganja.incident_id], killed=10, note="update", at="2020-10-13T09:00:00Z")
        review(opened, "reject", [ganja.incident_id], note="a duplicate", at="2020-10-15T09:00:00Z")
        on = {day: [i for i in opened.incidents(as_of=day, include_rejected=True) if i.date.start == "2020-10-11"
                    and i.event_type == "shelling"] for day in ("2020-10-12", "2020-10-13", "2020-10-15")}
        assert [(i.killed_low, i.review_status) for i in on["2020-10-12"]] == [(9, UNREVIEWED)]
        assert [(i.killed_low, i.review_status) for i in on["2020-10-13"]] == [(10, CORRECTED)]
        assert [(i.killed_low, i.review_status) for i in on["2020-10-15"]] == [(10, REJECTED)]
        assert ganja.incident_id not in [i.incident_id for i in opened.incidents(as_of="2020-10-15")]


def test_diff_lists_new_changed_and_withdrawn_incidents_between_two_days(store_path, capsys):
    with IncidentStore(store_path) as opened:
        ganja = ganja_shelling(opened.incidents())
        review(opened, "set", [ganja.incident_id], killed=10, note="update", at="2020-10-13T09:00:00Z")
        other = next(i for i in opened.incidents() if i.event_type == "statement" and i.date.start == "2020-10-11")
        review(opened, "reject", [other.incident_id], note="not an event", at="2020-10-14T09:00:00Z")
        changes = diff_incidents(opened.incidents(as_of="2020-10-12"), opened.incidents(as_of="2020-10-14"))
    assert [(c.change, c.incident.incident_id, c.fields) for c in changes] == [
        ("changed", ganja.incident_id, (("killed", [9, 9], [10, 10]),)), ("withdrawn", other.incident_id, ())]
    code, out, _ = cli(capsys, "diff", "--from", "2020-10-06", "--to", "2020-10-12", "--store", str(store_path))
    lines = out.splitlines()
    assert any(line.startswith(f"new       {ganja.incident_id}  shelling, Ganja, 2020-10-11") for line in lines)
    code, out, err = cli(capsys, "diff", "--from", "2020-10-12", "--to", "2020-10-06", "--store", str(store_path))
    assert code == 2 and "--to 2020-10-06 is before --from 2020-10-12" in err


def test_diff_shows_what_a_later_report_changed(updated_path, capsys):
    code, out, _ = cli(capsys, "diff", "--from", "2020-10-12", "--to", "2020-10-13", "--store", str(updated_path))
    changed = [line for line in out.splitlines() if line.startswith("changed")]
    assert code == 0 and len(changed) == 1 and "shelling, Ganja, 2020-10-11" in changed[0]
    assert "killed: 9 -> 9-12" in changed[0] and "reports: 1 -> 2" in changed[0], changed
    assert not [line for line in out.splitlines() if line.startswith(("new", "withdrawn"))]


def test_filters_by_review_status_agree_between_the_cli_and_the_store(store_path, capsys):
    with IncidentStore(store_path) as opened:
        first, second, third = opened.incidents()[:3]
        review(opened, "confirm", [first.incident_id], note="ok")
        review(opened, "set", [second.incident_id], event_type="armed_clash", note="a clash")
        review(opened, "reject", [third.incident_id], note="no")
        total = len(opened.incidents(include_rejected=True))
        for choice, expected in (("reviewed", {first.incident_id, second.incident_id}),
                                 ("rejected", {third.incident_id})):
            assert {i.incident_id for i in opened.incidents(review=[choice])} == expected
            code, out, _ = cli(capsys, "incidents", "--review", choice, "--store", str(store_path))
            assert {json.loads(line)["id"] for line in out.splitlines()} == expected
        assert len(opened.incidents(review=["unreviewed"])) == total - 3
        assert opened.incident(second.incident_id).acled_event_type == "Battles"


def test_export_and_brief_as_of_a_day_write_what_was_known_then(store_path, tmp_path, capsys):
    from geomap.api import open_store

    code, out, _ = cli(capsys, "export", "--as-of", "2020-10-06", "--store", str(store_path), str(tmp_path / "o.geojson"))
    features = json.loads((tmp_path / "o.geojson").read_text(encoding="utf-8"))["features"]
    assert code == 0 and out.startswith(f"{tmp_path / 'o.geojson'}: {len(features)} incidents")
    assert features and all(s["published"] <= "2020-10-06" for f in features for s in f["properties"]["sources"])
    with open_store(store_path) as bench:
        ganja = ganja_shelling(bench.incidents())
        paths = bench.brief(tmp_path / "pack", filter=IncidentFilter(as_of="2020-10-06"), formats=["html"])
        page = paths["html"].read_text(encoding="utf-8")
        assert "as known on 2020-10-06" in page and ganja.sources[0].sentence[:60] not in page
        paths = bench.brief(tmp_path / "now", formats=["html"])
        assert ganja.sources[0].sentence[:60] in paths["html"].read_text(encoding="utf-8")


def test_the_queue_puts_the_most_reported_first_and_drops_what_was_reviewed(updated_path, capsys):
    with IncidentStore(updated_path) as opened:
        queue = review_queue(opened.reader())
        reports = [n for _, n in queue]
        assert reports == sorted(reports, reverse=True) and len(queue) == len(opened.incidents())
        first, second = queue[0][0], queue[1][0]
        review(opened, "confirm", [first], note="checked", by="cy")
        review(opened, "reject", [second], note="not an event", by="cy")
        assert [i for i, _ in review_queue(opened.reader())][:1] != [first]
        assert {first, second}.isdisjoint(i for i, _ in review_queue(opened.reader()))
    code, out, _ = cli(capsys, "review", "queue", "--limit", "3", "--store", str(updated_path))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3 and lines[0].startswith(queue[2][0])
    assert f"{queue[2][1]} reports" in lines[0]


def test_a_confirmed_incident_a_new_report_changes_comes_back_to_the_queue(store_path, gazetteer, tmp_path):
    with IncidentStore(store_path) as opened:
        ganja = ganja_shelling(opened.incidents())
        review(opened, "confirm", [ganja.incident_id], note="as the prosecutor said", by="cy")
        assert ganja.incident_id not in dict(review_queue(opened.reader()))
        (tmp_path / "later").mkdir()
        (tmp_path / "later" / "ganja.txt").write_text(LATER_REPORT, encoding="utf-8")
        ingest(opened, [tmp_path / "later"], gazetteer=gazetteer)
        queue = dict(review_queue(opened.reader()))
        (again,) = [i for i in queue if ganja.sources[0].claim_id in claim_ids(opened.incident(i))]
        assert queue[again] == 2 and opened.incident(again).review.recheck


def test_a_read_only_store_reads_as_of_a_day_and_never_writes(updated_path, tmp_path):
    before = updated_path.read_bytes()
    with IncidentStore(updated_path, read_only=True) as opened:
        known = opened.incidents(as_of="2020-10-12")
        assert known and all(s.published <= "2020-10-12" for i in known for s in i.sources)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            review(opened, "confirm", [known[0].incident_id], note="n", by="cy")
    assert updated_path.read_bytes() == before
    from geomap.exc import StoreError
    with pytest.raises(StoreError, match="no incident store"):
        IncidentStore(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()
