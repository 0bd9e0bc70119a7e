"""The embedded incident store: one SQLite file (WAL), no server.

Where the file lives: `default_store_path()` is `$GEOMAP_STORE` when set, else `./geomap.db`
in the current folder. `geomap ingest --store PATH` and `geomap incidents --store PATH` override it.

Tables: `reports` (one row per distinct report body, keyed by content hash), `places`
(gazetteer rows that some mention resolved to), `mentions` (every place mention, resolved
or not, with its span in the report), `claims` (what each report says, one row per incident
extracted from one sentence, kept so incidents can be re-merged), `incidents` (the claims
merged across reports), `incident_places`, `sources` (one row per report telling an
incident) and `ingest_problems` (files that could not be read, with the reason).

Ingest is idempotent (a report whose content hash is stored is skipped) and atomic: the
reports are read and parsed first, then everything is written in one `BEGIN IMMEDIATE`
transaction that also re-merges all stored claims into incidents, so an ingest that dies
midway leaves the previous state, and a reader never sees half an ingest.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

from geomap.exc import StoreError
from geomap.filters import IncidentFilter
from geomap.records import EventDate, Incident, IngestProblem, Mention, Place, Report, SourceRef, as_dict, from_dict

STORE_ENV = "GEOMAP_STORE"
SCHEMA_VERSION = 2  # 2: incidents keep their record as JSON (`payload`)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL,             -- file name as ingested, or the id within a batch
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT, publisher TEXT, url TEXT,
    published TEXT, published_evidence TEXT, published_confidence REAL,
    source_path TEXT,
    syndication_group TEXT,             -- reports that are copies of one story share it
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_published ON reports(published);
CREATE TABLE IF NOT EXISTS places (
    place_id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, country_code TEXT,
    feature_class TEXT, feature_code TEXT, population INTEGER, admin1 TEXT, source TEXT
);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    report INTEGER NOT NULL REFERENCES reports(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    surface TEXT NOT NULL, role TEXT NOT NULL,
    place_id TEXT REFERENCES places(place_id),   -- NULL: unresolved, kept and shown as such
    precision INTEGER, confidence REAL
);
CREATE INDEX IF NOT EXISTS mentions_report ON mentions(report);
CREATE INDEX IF NOT EXISTS mentions_place ON mentions(place_id);
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    report INTEGER NOT NULL REFERENCES reports(id),
    seq INTEGER NOT NULL,
    event_type TEXT, is_claim INTEGER, claimant TEXT,
    start INTEGER, "end" INTEGER,
    payload TEXT NOT NULL                -- the extracted Incident as JSON, re-merged on every ingest
);
CREATE INDEX IF NOT EXISTS claims_report ON claims(report);
CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL, acled_event_type TEXT,
    date_start TEXT, date_end TEXT, time_precision INTEGER,
    killed_low INTEGER, killed_high INTEGER, wounded_low INTEGER, wounded_high INTEGER,
    civilians_killed_low INTEGER, civilians_killed_high INTEGER,
    claimant TEXT, casualty_reporter TEXT, is_claim INTEGER NOT NULL,
    denied_by TEXT NOT NULL, counter_claims TEXT NOT NULL, verification TEXT,
    corroboration INTEGER NOT NULL,
    geo_precision INTEGER, acled_geo_precision INTEGER, acled_time_precision INTEGER,
    search_text TEXT NOT NULL,           -- lowercased sentences, claimants and place names, for `search`
    synthetic INTEGER NOT NULL DEFAULT 0, -- rows from insert_synthetic_incidents: kept out of re-merging
    payload TEXT NOT NULL                -- the merged Incident record as JSON: what every reader gets back
);
DROP INDEX IF EXISTS incidents_date_start;
CREATE INDEX IF NOT EXISTS incidents_dates ON incidents(date_start, date_end);  -- a date window from the index alone
CREATE INDEX IF NOT EXISTS incidents_date_end ON incidents(date_end);
CREATE INDEX IF NOT EXISTS incidents_event_type ON incidents(event_type);
CREATE INDEX IF NOT EXISTS incidents_acled_event_type ON incidents(acled_event_type);
CREATE INDEX IF NOT EXISTS incidents_claimant ON incidents(claimant);
CREATE TABLE IF NOT EXISTS incident_places (
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    seq INTEGER NOT NULL,
    place_id TEXT, name TEXT, lat REAL, lon REAL, precision INTEGER
);
CREATE INDEX IF NOT EXISTS incident_places_incident ON incident_places(incident_id);
CREATE INDEX IF NOT EXISTS incident_places_place ON incident_places(place_id);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    seq INTEGER NOT NULL,
    report_id TEXT, publisher TEXT, published TEXT,
    sentence TEXT, start INTEGER, "end" INTEGER,
    killed_low INTEGER, killed_high INTEGER, wounded_low INTEGER, wounded_high INTEGER,
    civilians_killed_low INTEGER, civilians_killed_high INTEGER,
    casualty_reporter TEXT, claimant TEXT, is_claim INTEGER,
    syndication_group TEXT,
    mention_spans TEXT                   -- JSON [[start, end], ...] relative to the sentence
);
CREATE INDEX IF NOT EXISTS sources_incident ON sources(incident_id);
CREATE INDEX IF NOT EXISTS sources_publisher ON sources(publisher);
CREATE TABLE IF NOT EXISTS ingest_problems (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, reason TEXT NOT NULL, seen_at TEXT NOT NULL,
    UNIQUE(path, reason)
);
"""

_INCIDENT_COLUMNS = ("id, event_type, acled_event_type, date_start, date_end, time_precision, killed_low, killed_high, "
                     "wounded_low, wounded_high, civilians_killed_low, civilians_killed_high, claimant, "
                     "casualty_reporter, is_claim, denied_by, counter_claims, verification, corroboration, "
                     "geo_precision, acled_geo_precision, acled_time_precision, search_text, synthetic, payload")


def default_store_path() -> Path:
    """`$GEOMAP_STORE` when set, else `./geomap.db` in the current folder."""
    return Path(os.environ.get(STORE_ENV) or "geomap.db")


@dataclass
class IngestSummary:
    """What one `ingest` did: shown at the end of `geomap ingest`."""

    reports_read: int = 0  # reports taken in by this ingest (new content)
    reports_skipped: list[IngestProblem] = field(default_factory=list)  # files or rows not read, with the reason
    incidents: int = 0  # incidents in the store after the ingest (merged across reports)
    claims: int = 0  # of those, incidents that rest on someone's claim (reported speech)
    unresolved_place_names: list[str] = field(default_factory=list)  # names in the new reports with no place
    already_present: int = 0  # reports whose content was already stored: nothing changed for them
    incidents_extracted: int = 0  # incidents and claims extracted from the new reports, before merging
    stored_reports_redated: int = 0  # stored reports that took a new report's date (same event) and were re-extracted


ProgressCallback = Callable[[int, int], None]  # (reports done, reports total)


class IncidentStore:
    """Reports, mentions, claims and merged incidents in one SQLite file."""

    def __init__(self, path: Union[str, os.PathLike, None] = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0,
                                       check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            self._upgrade()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} cannot be opened as a geomap store ({error}); "
                             "point --store at another file or remove this one") from error

    def _upgrade(self) -> None:
        """Bring a store written by an older geomap to SCHEMA_VERSION (in one transaction)."""
        db = self._db
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None and int(row[0]) >= SCHEMA_VERSION:
            return
        columns = {row[1] for row in db.execute("PRAGMA table_info(incidents)")}
        db.execute("BEGIN IMMEDIATE")
        try:
            if "payload" not in columns:  # version 1: incidents as columns only; merge them again from the claims
                db.execute("ALTER TABLE incidents ADD COLUMN payload TEXT")
                db.execute("DELETE FROM sources WHERE incident_id IN (SELECT id FROM incidents WHERE synthetic = 1)")
                db.execute("DELETE FROM incident_places WHERE incident_id IN "
                           "(SELECT id FROM incidents WHERE synthetic = 1)")
                db.execute("DELETE FROM incidents WHERE synthetic = 1")
                self._remerge()
                self._bump_generation()
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "IncidentStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------------------------

    def ingest(self, paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]], *, gazetteer=None,
               progress: Optional[ProgressCallback] = None, executor: str = "serial",
               npartitions: Optional[int] = None, scheduler: Optional[str] = None) -> IngestSummary:
        """Read, geoparse and extract the reports under `paths`, then store and re-merge in one transaction.

        `executor="dask"` reads and extracts over a dask bag (`npartitions`, `scheduler` as in
        `geomap.pipeline.extract_reports_on_dask`; workers use `shared_gazetteer()`); the write is
        the same single transaction and the stored rows are the same as the serial path's.
        """
        _check_executor(executor)
        if executor == "dask":
            from geomap.pipeline import read_reports_on_dask

            reports, problems = read_reports_on_dask(paths, npartitions=npartitions, scheduler=scheduler)
        else:
            from geomap.reports import read_reports

            reports, problems = read_reports(paths)
        return self.ingest_reports(reports, problems=problems, gazetteer=gazetteer, progress=progress,
                                   executor=executor, npartitions=npartitions, scheduler=scheduler)

    def ingest_reports(self, reports: Sequence[Report], *, problems: Sequence[IngestProblem] = (),
                       gazetteer=None, progress: Optional[ProgressCallback] = None, executor: str = "serial",
                       npartitions: Optional[int] = None, scheduler: Optional[str] = None,
                       _fail_after: Optional[int] = None) -> IngestSummary:
        """Store already-read reports (same guarantees as `ingest`). `_fail_after` is for crash tests.

        Before extraction, publication dates are harmonised over the new and the stored reports
        (`geomap.merge.harmonise_publication_dates`): a stored report whose date changes is
        re-extracted, so its incidents are dated from the new date, in the same transaction.
        """
        _check_executor(executor)
        summary = IngestSummary(reports_skipped=list(problems))
        known = {row[0] for row in self._db.execute("SELECT content_hash FROM reports")}
        fresh: list[Report] = []
        for report in reports:
            if report.content_hash in known:
                summary.already_present += 1
                continue
            known.add(report.content_hash)
            fresh.append(report)
        redated: list[tuple[int, Report]] = []
        if fresh:
            from geomap.merge import harmonise_publication_dates

            stored = self._stored_reports()
            harmonised = harmonise_publication_dates([report for _, report in stored] + fresh)
            fresh = harmonised[len(stored):]
            redated = [(pk, new) for (pk, old), new in zip(stored, harmonised) if _dated(new) != _dated(old)]
        to_extract = fresh + [report for _, report in redated]
        if executor == "dask":
            from geomap.pipeline import extract_on_dask

            extracted = extract_on_dask(to_extract, npartitions=npartitions, scheduler=scheduler)
            if progress and to_extract:
                progress(len(to_extract), len(to_extract))
        else:
            from geomap.pipeline import extract_report

            if to_extract and gazetteer is None:
                from geomap.gazetteer import shared_gazetteer

                gazetteer = shared_gazetteer()
            extracted = []
            for done, report in enumerate(to_extract, 1):
                extracted.append(extract_report(report, gazetteer))
                if progress:
                    progress(done, len(to_extract))
        extractions, re_extractions = extracted[:len(fresh)], extracted[len(fresh):]
        summary.reports_read = len(fresh)
        summary.stored_reports_redated = len(redated)
        summary.incidents_extracted = sum(len(x.incidents) for x in extractions)
        unresolved = {m.surface for x in extractions for m in x.mentions if m.place is None and m.role == "place"}
        summary.unresolved_place_names = sorted(unresolved, key=str.lower)

        now = time.strftime("%Y-%m-%dT%H:%M:%S")
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for problem in problems:
                db.execute("INSERT OR IGNORE INTO ingest_problems(path, reason, seen_at) VALUES (?, ?, ?)",
                           (problem.path, problem.reason, now))
            for n, extraction in enumerate(extractions):
                if _fail_after is not None and n >= _fail_after:
                    raise RuntimeError(f"injected failure after {n} reports")
                self._insert_extraction(extraction, now)
            for (pk, _), extraction in zip(redated, re_extractions):
                self._replace_extraction(pk, extraction)
            if extractions:
                self._remerge()
            self._bump_generation()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        counts = self.counts()
        summary.incidents = counts["incidents"] - counts["synthetic_incidents"]
        summary.claims = counts["claims_incidents"]
        return summary

    def _bump_generation(self) -> None:
        """Count one more write, inside the writer's transaction (see `store_generation`)."""
        self._db.execute("INSERT INTO meta VALUES ('generation', 1) "
                         "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    def _stored_reports(self) -> list[tuple[int, Report]]:
        """Every stored report as a record, with its row id, in ingest order."""
        rows = self._db.execute(
            "SELECT id, report_id, text, title, publisher, url, published, published_evidence, "
            "published_confidence, source_path, content_hash FROM reports ORDER BY id").fetchall()
        return [(row["id"], Report(row["report_id"], row["text"], row["title"] or "", row["publisher"] or "",
                                   row["url"] or "", row["published"], row["published_evidence"] or "",
                                   row["published_confidence"] or 0.0, row["source_path"] or "",
                                   row["content_hash"])) for row in rows]

    def _insert_extraction(self, extraction, now: str) -> None:
        report = extraction.report
        cursor = self._db.execute(
            "INSERT INTO reports(report_id, content_hash, title, publisher, url, published, published_evidence, "
            "published_confidence, source_path, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (report.report_id, report.content_hash, report.title, report.publisher, report.url, report.published,
             report.published_evidence, report.published_confidence, report.source_path, report.text, now))
        self._insert_parse(cursor.lastrowid, extraction)

    def _replace_extraction(self, report_pk: int, extraction) -> None:
        """A stored report's new publication date, and its mentions and claims extracted again with it."""
        report = extraction.report
        self._db.execute("UPDATE reports SET published = ?, published_evidence = ?, published_confidence = ? "
                         "WHERE id = ?", (report.published, report.published_evidence,
                                          report.published_confidence, report_pk))
        self._db.execute("DELETE FROM mentions WHERE report = ?", (report_pk,))
        self._db.execute("DELETE FROM claims WHERE report = ?", (report_pk,))
        self._insert_parse(report_pk, extraction)

    def _insert_parse(self, report_pk: int, extraction) -> None:
        places = {m.place.place_id: m.place for m in extraction.mentions if m.place is not None}
        for incident in extraction.incidents:
            places.update({m.place.place_id: m.place for m in incident.places if m.place is not None})
        self._db.executemany(
            "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(p.place_id, p.name, p.lat, p.lon, p.country_code, p.feature_class, p.feature_code, p.population,
              p.admin1, p.source) for p in places.values()])
        self._db.executemany(
            'INSERT INTO mentions(report, start, "end", surface, role, place_id, precision, confidence) '
            "VALUES (?,?,?,?,?,?,?,?)",
            [(report_pk, m.start, m.end, m.surface, m.role, m.place.place_id if m.place else None,
              m.precision if m.place else None, m.confidence) for m in extraction.mentions])
        self._db.executemany(
            'INSERT INTO claims(report, seq, event_type, is_claim, claimant, start, "end", payload) '
            "VALUES (?,?,?,?,?,?,?,?)",
            [(report_pk, seq, inc.event_type, int(inc.is_claim), inc.claimant, inc.sources[0].start,
              inc.sources[0].end, _json(inc))
             for seq, inc in enumerate(extraction.incidents)])

    def _remerge(self) -> None:
        """Recompute syndication groups and merged incidents over every stored report and claim."""
        from geomap.merge import merge_incidents, syndication_groups

        db = self._db
        rows = db.execute("SELECT id, content_hash, text FROM reports ORDER BY id").fetchall()
        groups = syndication_groups([(row["content_hash"], row["text"]) for row in rows])
        db.executemany("UPDATE reports SET syndication_group = ? WHERE content_hash = ?",
                       [(group, key) for key, group in groups.items()])
        group_of_pk = {row["id"]: groups[row["content_hash"]] for row in rows}
        extracted = []
        for row in db.execute("SELECT report, payload FROM claims ORDER BY report, seq"):
            incident = from_dict(Incident, json.loads(row["payload"]))
            group = group_of_pk[row["report"]]
            extracted.append(replace(incident, sources=tuple(replace(s, syndication_group=group)
                                                             for s in incident.sources)))
        merged = merge_incidents(extracted)
        db.execute("DELETE FROM sources WHERE incident_id IN (SELECT id FROM incidents WHERE synthetic = 0)")
        db.execute("DELETE FROM incident_places WHERE incident_id IN (SELECT id FROM incidents WHERE synthetic = 0)")
        db.execute("DELETE FROM incidents WHERE synthetic = 0")
        self._insert_incidents(merged)

    def _insert_incidents(self, incidents: Sequence[Incident], *, synthetic: bool = False) -> None:
        incident_rows, place_rows, source_rows = [], [], []
        for inc in incidents:
            search = " ".join([s.sentence for s in inc.sources] + [inc.claimant, inc.casualty_reporter]
                              + [m.place.name if m.place else m.surface for m in inc.places]).lower()
            incident_rows.append((
                inc.incident_id, inc.event_type, inc.acled_event_type or None, inc.date.start, inc.date.end,
                inc.date.precision, inc.killed_low, inc.killed_high, inc.wounded_low, inc.wounded_high,
                inc.civilians_killed_low, inc.civilians_killed_high, inc.claimant or None,
                inc.casualty_reporter or None, int(inc.is_claim), json.dumps(list(inc.denied_by)),
                json.dumps(list(inc.counter_claims)), inc.verification or None, inc.corroboration,
                inc.geo_precision, inc.acled_geo_precision, inc.acled_time_precision, search, int(synthetic),
                _json(inc)))
            for seq, m in enumerate(inc.places):
                p = m.place
                place_rows.append((inc.incident_id, seq, p.place_id if p else None, p.name if p else m.surface,
                                   p.lat if p else None, p.lon if p else None, m.precision if p else None))
            for seq, s in enumerate(inc.sources):
                source_rows.append((
                    inc.incident_id, seq, s.report_id, s.publisher or None, s.published, s.sentence, s.start, s.end,
                    s.killed_low, s.killed_high, s.wounded_low, s.wounded_high, s.civilians_killed_low,
                    s.civilians_killed_high, s.casualty_reporter or None, s.claimant or None, int(s.is_claim),
                    s.syndication_group or None,
                    json.dumps([[a - s.start, b - s.start] for a, b in s.mention_spans])))
        db = self._db
        db.executemany(f"INSERT INTO incidents({_INCIDENT_COLUMNS}) VALUES ({','.join('?' * 25)})", incident_rows)
        db.executemany("INSERT INTO incident_places VALUES (?,?,?,?,?,?,?)", place_rows)
        db.executemany(
            'INSERT INTO sources(incident_id, seq, report_id, publisher, published, sentence, start, "end", '
            "killed_low, killed_high, wounded_low, wounded_high, civilians_killed_low, civilians_killed_high, "
            "casualty_reporter, claimant, is_claim, syndication_group, mention_spans) "
            f"VALUES ({','.join('?' * 19)})", source_rows)

    def insert_synthetic_incidents(self, n: int, *, seed: int = 0) -> int:
        """Fill the store with `n` realistic synthetic incidents (for benchmarks); returns how many were added.

        They are marked `synthetic` and left alone by re-merging; places come from real
        Karabakh-war towns, dates from the 2020 war, sentences from the seeds' shapes.
        """
        from geomap.events import EVENT_TYPES

        rng = random.Random(seed)
        towns = [("586523", "Ganja", 40.6828, 46.3606), ("587057", "Barda", 40.3744, 47.1266),
                 ("148354", "Beylagan", 39.7756, 47.6186), ("146970", "Khankendi", 39.8153, 46.7519),
                 ("148141", "Jabrayil", 39.3999, 47.0245), ("174991", "Martuni", 39.7951, 47.1145),
                 ("147425", "Tartar", 40.3419, 46.9323), ("585170", "Shusha", 39.7583, 46.7484),
                 ("147622", "Fuzuli", 39.6003, 47.1431), ("146993", "Hadrut", 39.5200, 47.0317),
                 ("587378", "Aghdam", 39.9911, 46.9297), ("584716", "Mingachevir", 40.7640, 47.0596)]
        types = [t for t in EVENT_TYPES if t != "statement"]
        claimants = ["Azerbaijan's defence ministry", "Armenia's defence ministry", "Karabakh's foreign ministry",
                     "the Azeri Prosecutor General's Office", "Hikmet Hajiyev", "Shushan Stepanyan", ""]
        publishers = ["Reuters", "AFP", "Anadolu Agency", "TRT World", "Global Village Space", "Armenpress"]
        first = date(2020, 9, 27)
        base = self._db.execute("SELECT COUNT(*) FROM incidents WHERE synthetic = 1").fetchone()[0]
        incidents = []
        for i in range(n):
            town = rng.choice(towns)
            kind = rng.choice(types)
            day = first + timedelta(days=rng.randrange(45))
            width = rng.choice([0, 0, 0, 1, 3, 6])
            prec = 1 if width == 0 else 2 if width <= 5 else 3
            killed = rng.choice([None, None, 0, 1, 2, 3, 5, 9, 14, 21])
            claimant = rng.choice(claimants)
            sentence = (f"{claimant or 'Officials'} said {killed or 'several'} people had been killed when "
                        f"{kind.replace('_', ' ')} hit {town[1]} early on {day:%A}.")
            place = Place(f"synthetic:{town[0]}", town[1], town[2] + rng.uniform(-0.02, 0.02),
                          town[3] + rng.uniform(-0.02, 0.02), "AZ", "P", "PPL")
            spot = sentence.index(town[1])
            mention = Mention(spot, spot + len(town[1]), town[1], place, 1, 0.9)
            source = SourceRef(f"synthetic-{base + i:06d}", rng.choice(publishers), day.isoformat(), sentence, 0,
                               len(sentence), killed, killed, claimant=claimant, is_claim=bool(claimant),
                               mention_spans=((spot, spot + len(town[1])),))
            incidents.append(Incident(
                f"syn-{seed}-{base + i:07d}", kind, EVENT_TYPES[kind].acled_event_type or "",
                EventDate(day.isoformat(), (day + timedelta(days=width)).isoformat(), prec), (mention,),
                killed_low=killed, killed_high=killed, claimant=claimant, is_claim=bool(claimant),
                sources=(source,), corroboration=rng.choice([1, 1, 1, 2, 3])))
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._insert_incidents(incidents, synthetic=True)
            self._bump_generation()
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return n

    # --- reading ----------------------------------------------------------------------------------------

    def incidents(self, filter: Optional[IncidentFilter] = None, /, *, limit: Optional[int] = None,
                  **conditions) -> list[Incident]:
        """The incidents `filter` keeps (or, without one, those an `IncidentFilter(**conditions)` keeps),
        ordered by date_start then id, at most `limit` of them.

        `store.incidents(event_types=["shelling"], date_from="2020-10-01")` is short for
        `store.incidents(IncidentFilter(event_types=["shelling"], date_from="2020-10-01"))`.
        """
        if filter is None:
            filter = IncidentFilter(**conditions)
        elif conditions:
            raise TypeError("give an IncidentFilter or filter keywords, not both")
        where, params = filter.where()
        tail = ""
        if limit is not None:
            tail = " ORDER BY date_start, id LIMIT ?"
            params = [*params, int(limit)]
        return read_incidents(self._db, f"SELECT id FROM incidents WHERE {where}{tail}", params)

    def mentions(self, *, resolved: Optional[bool] = None) -> list[dict]:
        """Every stored place mention (`resolved` True/False keeps only resolved/unresolved ones)."""
        clause = "" if resolved is None else ("WHERE m.place_id IS NOT NULL" if resolved else "WHERE m.place_id IS NULL")
        return mention_records(self._db, clause)

    def reports(self) -> list[dict]:
        """Every stored report without its text, in ingest order."""
        rows = self._db.execute(
            "SELECT report_id, content_hash, title, publisher, url, published, published_evidence, "
            "published_confidence, source_path, syndication_group, ingested_at, length(text) FROM reports "
            "ORDER BY id").fetchall()
        return [{"report": r[0], "content_hash": r[1], "title": r[2], "publisher": r[3], "url": r[4],
                 "published": r[5], "published_evidence": r[6], "published_confidence": r[7],
                 "source_path": r[8], "syndication_group": r[9], "ingested_at": r[10], "chars": r[11]}
                for r in rows]

    def report_text(self, report_id: str) -> Optional[str]:
        """The verbatim text of a stored report (what source spans point into), or None."""
        row = self._db.execute("SELECT text FROM reports WHERE report_id = ? ORDER BY id LIMIT 1",
                               (report_id,)).fetchone()
        return row[0] if row else None

    def counts(self) -> dict:
        """Row counts per table, plus incidents that rest on claims and synthetic ones."""
        counts = {table: self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                  for table in ("reports", "places", "mentions", "claims", "incidents", "incident_places",
                                "sources", "ingest_problems")}
        counts["unresolved_mentions"] = self._db.execute(
            "SELECT COUNT(*) FROM mentions WHERE place_id IS NULL").fetchone()[0]
        counts["claims_incidents"] = self._db.execute(
            "SELECT COUNT(*) FROM incidents WHERE is_claim = 1 AND synthetic = 0").fetchone()[0]
        counts["synthetic_incidents"] = self._db.execute(
            "SELECT COUNT(*) FROM incidents WHERE synthetic = 1").fetchone()[0]
        return counts

    def problems(self) -> list[dict]:
        """Every file or row an ingest could not take in, with the reason."""
        return [{"path": r[0], "reason": r[1], "seen_at": r[2]} for r in
                self._db.execute("SELECT path, reason, seen_at FROM ingest_problems ORDER BY id")]

    def mentions_in_reports(self, report_ids: Iterable[str]) -> list[dict]:
        """The place mentions of just these reports (by report id), shaped as `mentions()` returns them."""
        return mentions_in_reports(self._db, report_ids)


def mention_records(db: sqlite3.Connection, where: str = "", params: Sequence = ()) -> list[dict]:
    """Place mentions with their report id and resolved place, in span order: the one reader of
    that shape (`where` filters on `m` mentions, `r` reports, `p` places)."""
    rows = db.execute(
        'SELECT r.report_id, m.start, m."end", m.surface, m.role, m.place_id, p.name, p.lat, p.lon, '
        "p.country_code, m.precision, m.confidence FROM mentions m JOIN reports r ON r.id = m.report "
        f"LEFT JOIN places p ON p.place_id = m.place_id {where} ORDER BY m.report, m.start", params).fetchall()
    return [{"report": r[0], "start": r[1], "end": r[2], "text": r[3], "role": r[4], "place_id": r[5],
             "name": r[6], "lat": r[7], "lon": r[8], "country_code": r[9], "precision": r[10],
             "confidence": r[11]} for r in rows]


def mentions_in_reports(db: sqlite3.Connection, report_ids: Iterable[str]) -> list[dict]:
    """The mentions of these reports only (one JSON parameter: a view may hold more ids than SQLite binds)."""
    return mention_records(db, "WHERE r.report_id IN (SELECT value FROM json_each(?))",
                           (json.dumps(sorted(set(report_ids))),))


def store_generation(db: sqlite3.Connection) -> int:
    """How many ingests have been committed to the store behind `db` (0 for none): readers that cache
    (the dashboard's snapshot) key on it, since a re-merge rewrites incidents under new rowids."""
    row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def read_incidents(db: sqlite3.Connection, selection: str, params: Sequence = ()) -> list[Incident]:
    """The incident records for the ids a SQL `selection` yields (e.g. "SELECT id FROM incidents WHERE ..."),
    ordered by date_start then id: the one reader of incidents, for the CLI, the exports and the dashboard."""
    rows = db.execute(f"SELECT payload FROM incidents WHERE id IN ({selection}) ORDER BY date_start, id", params)
    return [from_dict(Incident, json.loads(row[0])) for row in rows]


def _json(record) -> str:
    """A record as the JSON text the store keeps (`from_dict` reads it back)."""
    return json.dumps(as_dict(record), ensure_ascii=False)


EXECUTORS = ("serial", "dask")


def _check_executor(executor: str) -> None:
    if executor not in EXECUTORS:
        raise ValueError(f"executor must be one of {', '.join(EXECUTORS)}, not {executor!r}")


def _dated(report: Report) -> tuple:
    return report.published, report.published_evidence, report.published_confidence


__all__ = ["IncidentStore", "read_incidents", "mention_records", "mentions_in_reports", "store_generation",
           "IngestSummary", "default_store_path"]
