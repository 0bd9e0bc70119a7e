"""The embedded store: the seeds in, incident records (and the `geomap incidents` shape) out, idempotent and
atomic ingest."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from geomap.reports import read_reports
from geomap.pipeline import ingest, ingest_reports
from geomap.exc import StoreError
from geomap.store import SCHEMA_VERSION, IncidentStore, default_store_path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BAD_INPUTS = ROOT / "tests" / "data" / "bad_inputs"
SHAPE = {"id", "type", "acled_event_type", "date_start", "date_end", "time_precision", "places", "killed_low",
         "killed_high", "wounded_low", "wounded_high", "claimant", "denied_by", "verification", "corroboration",
         "sources"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, gazetteer):
    store = IncidentStore(tmp_path_factory.mktemp("store") / "seeds.db")
    summary = ingest(store, [SEEDS], gazetteer=gazetteer)
    yield store, summary
    store.close()


def _by_words(store, words):
    found = store.incidents(search=words)
    assert len(found) == 1, found
    return found[0]


def test_every_incident_has_the_documented_shape(seeded):
    store, summary = seeded
    incidents = store.incidents()
    assert summary.reports_read == 5 and summary.reports_skipped == [] and summary.incidents == len(incidents)
    for incident in (i.to_json() for i in incidents):
        assert SHAPE <= set(incident)
        assert all(set(p) >= {"place_id", "name", "lat", "lon", "precision"} for p in incident["places"])
        assert all(set(s) >= {"report", "publisher", "published", "sentence", "start", "end"}
                   for s in incident["sources"])


def test_ganja_shelling_as_stored(seeded):
    store, _ = seeded
    ganja = _by_words(store, "heavily shelling a residential area")
    assert ganja.event_type == "shelling" and ganja.date.start == ganja.date.end == "2020-10-11"
    assert ganja.date.precision == 1 and ganja.acled_time_precision == 1
    assert (ganja.killed_low, ganja.killed_high, ganja.wounded_low, ganja.wounded_high) == (9, 9, 34, 34)
    assert [m.place.name for m in ganja.places] == ["Ganja"] and ganja.geo_precision == 1
    assert "Reuters could not independently verify" in ganja.verification
    # every sentence of the report that tells the shelling is a source: the accusation, the toll, "the recent attack"
    assert {s.report_id for s in ganja.sources} == {"004_69d44303080b5a50.txt"} and len(ganja.sources) >= 2
    source = next(s for s in ganja.sources if "heavily shelling" in s.sentence)
    assert source.publisher == "Reuters"
    text = (SEEDS / source.report_id).read_text(encoding="utf-8")
    assert text[source.start:source.end] == source.sentence
    assert [text[a:b] for a, b in source.mention_spans] == ["Ganja"]
    shown = next(s for s in ganja.to_json()["sources"] if "heavily shelling" in s["sentence"])
    assert [shown["sentence"][a:b] for a, b in shown["mention_spans"]] == ["Ganja"]


def test_a_stored_incident_reads_back_as_the_record_the_merge_wrote(seeded):
    store, _ = seeded
    ganja = _by_words(store, "heavily shelling a residential area")
    (mention,) = ganja.places
    assert (mention.place.feature_class, mention.place.country_code, mention.place.admin1) == ("P", "AZ", "AZ.20")
    assert ganja.date.evidence
    moscow = [m for i in store.incidents(search="moscow") for m in i.places if m.surface == "Moscow"]
    assert moscow and all(m.runners_up for m in moscow), "the ranker's runners-up are kept"


def test_near_duplicate_seeds_merge_and_count_once(seeded):
    store, _ = seeded
    claims = store.incidents(search="hikmet hajiyev")  # one claim per town struck: Ganja, Barda, Beylagan
    assert sorted(m.place.name for c in claims for m in c.places) == ["Barda", "Beylagan", "Ganja"]
    for claim in claims:
        assert sorted(s.report_id[:3] for s in claim.sources) == ["000", "002"]
        assert claim.corroboration == 1
        assert claim.denied_by == ("Armenia",) and claim.is_claim
    groups = {r["report"][:3]: r["syndication_group"] for r in store.reports()}
    assert groups["000"] == groups["002"] != groups["001"]


def test_filters_combine(seeded):
    store, _ = seeded
    assert {i.event_type for i in store.incidents(event_types=["missile_strike"])} == {"missile_strike"}
    october_11 = store.incidents(date_from="2020-10-11", date_to="2020-10-11")
    assert october_11 and all(i.date.start <= "2020-10-11" <= i.date.end for i in october_11)
    assert all(any(s.publisher == "Reuters" for s in i.sources) for i in store.incidents(publishers=["Reuters"]))
    assert store.incidents(claimants=["Azerbaijan"], event_types=["shelling"])[0].killed_low == 9
    assert len(store.incidents(limit=3)) == 3
    assert store.incidents(search="100%_no_such") == []


def test_a_date_window_is_answered_from_the_index_alone(seeded):
    store, _ = seeded
    plan = " ".join(r[3] for r in store._db.execute(
        "EXPLAIN QUERY PLAN SELECT rowid FROM incidents WHERE date_end >= ? AND date_start <= ?", ("a", "b")))
    assert "COVERING INDEX" in plan


def test_mentions_reports_counts(seeded):
    store, _ = seeded
    assert {m["text"] for m in store.mentions(resolved=True)} >= {"Ganja", "Barda", "Beylagan", "Stepanakert"}
    assert all(m["place_id"] is None for m in store.mentions(resolved=False))
    assert len(store.reports()) == 5
    counts = store.counts()
    assert counts["reports"] == 5 and counts["mentions"] == len(store.mentions())


def test_reingesting_the_seeds_changes_no_row_count(tmp_path, gazetteer):
    with IncidentStore(tmp_path / "g.db") as store:
        ingest(store, [SEEDS], gazetteer=gazetteer)
        before = store.counts()
        again = ingest(store, [SEEDS], gazetteer=gazetteer)
        assert again.already_present == 5 and again.reports_read == 0
        assert store.counts() == before


def test_ingest_in_two_steps_merges_across_the_store(tmp_path, gazetteer):
    with IncidentStore(tmp_path / "g.db") as store:
        ingest(store, [SEEDS / "000_85a7f8ab5cef56bc.txt"], gazetteer=gazetteer)
        ingest(store, [SEEDS / "002_795c765db5f53e9b.txt"], gazetteer=gazetteer)
        claims = store.incidents(search="hikmet hajiyev")  # one claim per town struck
        assert len(claims) == 3 and all(len(c.sources) == 2 and c.corroboration == 1 for c in claims)


def test_failure_midway_leaves_the_previous_state(tmp_path, gazetteer):
    reports, _ = read_reports(SEEDS)
    with IncidentStore(tmp_path / "g.db") as store:
        ingest_reports(store, reports[:2], gazetteer=gazetteer)
        before = store.counts(), store.incidents()
        with pytest.raises(RuntimeError, match="injected failure"):
            ingest_reports(store, reports[2:], gazetteer=gazetteer, _fail_after=2)
        assert (store.counts(), store.incidents()) == before
    assert sqlite3.connect(tmp_path / "g.db").execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_bad_inputs_are_named_and_good_ones_kept(tmp_path, gazetteer):
    huge = tmp_path / "in" / "huge.txt"
    huge.parent.mkdir()
    with open(huge, "wb") as f:
        f.truncate(30 * 1024 * 1024)
    with IncidentStore(tmp_path / "g.db") as store:
        summary = ingest(store, [BAD_INPUTS, huge.parent], gazetteer=gazetteer)
        skipped = {Path(p.path).name: p.reason for p in summary.reports_skipped}
        assert {"binary_photo.txt", "empty.txt", "report.pdf", "whitespace_only.txt", "huge.txt"} <= set(skipped)
        assert "MB" in skipped["huge.txt"]
        stored = {r["report"] for r in store.reports()}
        assert {"latin1_report.txt", "utf16_report.txt", "no_date.txt", "script_injection.html"} <= stored
        assert {Path(p["path"]).name for p in store.problems()} == set(skipped)


def test_default_store_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("GEOMAP_STORE", raising=False)
    assert default_store_path() == Path("geomap.db")
    monkeypatch.setenv("GEOMAP_STORE", str(tmp_path / "x.db"))
    assert default_store_path() == tmp_path / "x.db"


# --- publication dates harmonised over new and stored reports ----------------------------------------------


def test_seed_001_is_dated_by_the_press_conference_it_shares_quotes_with(seeded):
    store, _ = seeded
    r = next(r for r in store.reports() if r["report"].startswith("001"))
    assert (r["published"], r["published_confidence"]) == ("2020-10-05", 0.8)
    assert r["published_evidence"].startswith("same event as 002_795c765db5f53e9b.txt")
    told = [s for i in store.incidents() for s in i.sources if s.report_id == r["report"]]
    assert told and all(s.published == "2020-10-05" for s in told)
    war_crime = _by_words(store, "directly targets civilians")
    assert war_crime.date.start == "2020-10-05"  # "on Monday", seen from Monday Oct 5, not Sep 28
    assert sorted(s.report_id[:3] for s in war_crime.sources) == ["000", "001", "002"]
    assert war_crime.corroboration == 2  # 000 and 002 are one story


def _without_links(incidents):
    """Incidents less the link evidence, which records the order claims met in (the same members either way)."""
    return [replace(i, sources=tuple(replace(s, link=None) for s in i.sources)) for i in incidents]


def test_a_stored_report_is_redated_when_the_same_event_arrives_later(tmp_path, gazetteer):
    seed = {p.name[:3]: p for p in SEEDS.glob("*.txt")}
    with IncidentStore(tmp_path / "steps.db") as store:
        ingest(store, [seed["001"]], gazetteer=gazetteer)
        assert store.reports()[0]["published"] == "2020-09-28"
        summary = ingest(store, [seed["000"]], gazetteer=gazetteer)
        assert summary.reports_read == 1 and summary.stored_reports_redated == 1
        first = store.reports()[0]
        assert (first["published"], first["published_confidence"]) == ("2020-10-05", 0.6)
        assert "000_85a7f8ab5cef56bc.txt" in first["published_evidence"]
        ingest(store, [seed[k] for k in ("002", "003", "004")], gazetteer=gazetteer)
        stepwise = _without_links(store.incidents()), store.counts()
        assert store.reports()[0]["published_confidence"] == 0.8  # now from 002, the better-dated copy
    with IncidentStore(tmp_path / "once.db") as store:
        ingest(store, [SEEDS], gazetteer=gazetteer)
        assert (_without_links(store.incidents()), store.counts()) == stepwise


def test_every_write_transaction_counts_one_more_generation(tmp_path, gazetteer):
    from geomap.store import store_generation

    with IncidentStore(tmp_path / "g.db") as store:
        assert store_generation(store._db) == 0
        ingest(store, [SEEDS / "000_85a7f8ab5cef56bc.txt"], gazetteer=gazetteer)
        assert store_generation(store._db) == 1
        ingest(store, [SEEDS / "002_795c765db5f53e9b.txt"], gazetteer=gazetteer)
        assert store_generation(store._db) == 2
        reports, _ = read_reports(SEEDS / "004_69d44303080b5a50.txt")
        with pytest.raises(RuntimeError, match="injected failure"):
            ingest_reports(store, reports, gazetteer=gazetteer, _fail_after=0)
        assert store_generation(store._db) == 2  # a rolled-back ingest counts for nothing


def test_a_store_of_version_4_files_its_claims_by_month_too_and_keeps_its_incidents(tmp_path, gazetteer):
    # Version 4 filed a claim dated on a day under its days only, where a claim dated "in October" never looked.
    path = tmp_path / "v4.db"
    with IncidentStore(path) as store:
        ingest(store, [SEEDS], gazetteer=gazetteer)
        current, blocks = store.incidents(), [tuple(r) for r in store._db.execute("SELECT key, claim FROM claim_blocks")]
    old = sqlite3.connect(path)
    assert old.execute("DELETE FROM claim_blocks WHERE key LIKE '%|in____-__'").rowcount > 0
    old.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    old.commit()
    old.close()
    with IncidentStore(path) as store:
        assert store.incidents() == current
        assert sorted(tuple(r) for r in store._db.execute("SELECT key, claim FROM claim_blocks")) == sorted(blocks)


def test_a_store_of_version_5_gains_an_empty_reprints_table_and_keeps_everything_else(tmp_path, gazetteer):
    path = tmp_path / "v5.db"
    with IncidentStore(path) as store:
        ingest(store, [SEEDS], gazetteer=gazetteer)
        current, counts = store.incidents(), store.counts()
    old = sqlite3.connect(path)
    old.execute("DROP TABLE reprints")  # version 5 had none
    old.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    old.commit()
    old.close()
    with pytest.raises(StoreError, match="older geomap"):
        IncidentStore(path, read_only=True)
    with IncidentStore(path) as store:
        assert store.incidents() == current and store.counts() == counts
        assert store._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "6"
        summary = ingest(store, [SEEDS], gazetteer=gazetteer)
        assert (summary.already_present, summary.reprints) == (5, 0) and store.incidents() == current
    with IncidentStore(path, read_only=True) as store:
        assert store.incidents() == current


def test_a_store_from_before_incident_records_is_brought_up_to_date_on_open(tmp_path, gazetteer):
    path = tmp_path / "old.db"
    with IncidentStore(path) as store:
        ingest(store, [SEEDS], gazetteer=gazetteer)
        current = store.incidents()
    old = sqlite3.connect(path)
    old.execute("ALTER TABLE incidents DROP COLUMN payload")  # version 1 kept incidents as columns only
    old.execute("DROP INDEX claims_incident")  # ... and had no block or fingerprint index
    for index in ("claims_claim_id", "sources_claim_id", "incidents_review_status"):  # ... nor reviews
        old.execute(f"DROP INDEX {index}")
    for table, column in (("incidents", "review_status"), ("incidents", "review_recheck"), ("sources", "claim_id")):
        old.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    old.execute("ALTER TABLE claims DROP COLUMN claim_id")
    old.execute("ALTER TABLE claims DROP COLUMN incident_id")
    old.execute("DELETE FROM claim_blocks")
    old.execute("DELETE FROM report_fingerprints")
    old.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    old.commit()
    old.close()
    with IncidentStore(path) as store:
        assert store.incidents() == current
        assert store._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
        claim = next(i for i in store.incidents() if "hikmet hajiyev" in i.sources[0].sentence.lower())
        assert len(claim.sources) == 2 and claim.corroboration == 1  # 000 and 002 merged again, one story
        summary = ingest(store, [SEEDS], gazetteer=gazetteer)  # the indexes are back: nothing is new
        assert summary.already_present == 5 and store.incidents() == current


def test_claims_written_in_a_transaction_read_back_as_their_stored_json_gives_them(tmp_path, gazetteer):
    from geomap.pipeline import extract_report

    report = next(r for r in read_reports(SEEDS)[0] if r.report_id.startswith("004"))
    claims = extract_report(report, gazetteer).incidents
    assert len(claims) >= 2
    with IncidentStore(tmp_path / "g.db") as store:
        with store.transaction():
            pk = store.add_report(report, story="story-a", fingerprints=())
            for seq, claim in enumerate(claims):
                store.add_claim(pk, seq, claim, incident_id="incident-a", blocks=["area|2020-10-11"])
            as_written = store.claims_of_incidents(["incident-a"])["incident-a"]
            in_block = [claim for _, _, claim in store.claims_in_blocks(["area|2020-10-11"])]
        decoded = store.claims_of_incidents(["incident-a"])["incident-a"]
        assert as_written == decoded and in_block == decoded
        assert {s.syndication_group for c in decoded for s in c.sources} == {"story-a"}
        assert [s.claim_id for c in decoded for s in c.sources][:1] == [claims[0].incident_id]

        # Once the transaction is over, another writer may change a claim: it is read as stored, not as written.
        other = sqlite3.connect(tmp_path / "g.db")
        other.execute("UPDATE claims SET payload = (SELECT payload FROM claims WHERE seq = 1) WHERE seq = 0")
        other.commit()
        assert store.claims_of_incidents(["incident-a"])["incident-a"][0] == decoded[1]


_LASHIO_DAY = [  # one day's fighting at one town, told by four outlets (the last reprints the third)
    ("army.txt", "Army Daily", "Artillery shells landed on Lashio before dawn on Thursday, killing three civilians, "
                               "the army said."),
    ("rebels.txt", "Rebel Voice", "Our units fought enemy troops at the market of Lashio all day, a spokesman for "
                                  "the alliance said."),
    ("wire.txt", "Wire Service", "Fighters clashed with soldiers at the market in Lashio on Thursday and two people "
                                 "were killed, residents said. Shops stayed closed across the town as the sound of "
                                 "gunfire echoed through the streets."),
    ("reprint.txt", "Evening Paper", "Fighters clashed with soldiers at the market in Lashio on Thursday and two "
                                     "people were killed, residents said. Shops stayed closed across the town as the "
                                     "sound of gunfire echoed through the streets. Reporting by our correspondent."),
]


def _batch(folder, rows):
    path = folder / f"{rows[0][0]}.jsonl"
    path.write_text("".join(json.dumps({"id": name, "title": "", "published": "2023-11-02", "source": outlet,
                                        "text": text}) + "\n" for name, outlet, text in rows))
    return path


def test_an_event_told_first_alone_then_by_two_that_join_each_other_is_one_incident_in_the_store(tmp_path, gazetteer):
    # the army's telling arrives alone; the rebels' does not link to it; the wire links to both, better to the
    # rebels', and takes the army's incident in with it
    with IncidentStore(tmp_path / "steps.db") as store:
        for row in _LASHIO_DAY:
            ingest(store, [_batch(tmp_path, [row])], gazetteer=gazetteer)
        [incident] = store.incidents()
        ids = {row[0] for row in store._db.execute("SELECT DISTINCT incident_id FROM claims")}
        assert ids == {incident.incident_id} and incident.incident_id == min(
            c.incident_id for c in store.extracted_incidents())
        killed = {s.report_id: s.killed_low for s in incident.sources if s.killed_low is not None}
        assert killed == {"army.txt": 3, "wire.txt": 2, "reprint.txt": 2}
        assert incident.corroboration == 3  # the reprint is a copy of the wire's story: counted once
        assert any("joined too, every pair compatible" in e
                   for s in incident.sources if s.link for e in s.link.evidence)
        stepwise = _without_links(store.incidents())
    with IncidentStore(tmp_path / "once.db") as store:
        ingest(store, [_batch(tmp_path, _LASHIO_DAY)], gazetteer=gazetteer)  # merged within one ingest
        assert _without_links(store.incidents()) == stepwise
