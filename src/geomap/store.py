"""The embedded incident store: one SQLite file (WAL), no server.

Where the file lives: `default_store_path()` is `$GEOMAP_STORE` when set, else `./geomap.db`
in the current folder. `geomap ingest --store PATH` and `geomap incidents --store PATH` override it.

Tables: `reports` (one row per distinct report body, keyed by content hash), `places`
(gazetteer rows that some mention resolved to), `mentions` (every place mention, resolved
or not, with its span in the report), `claims` (what each report says, one row per incident
extracted from one sentence, kept so incidents can be re-merged), `incidents` (the claims
merged across reports), `incident_places`, `sources` (one row per report telling an
incident), `reprints` (another outlet's, URL's or date's publication of a stored report's very words,
`geomap.records.Reprint`: its report is extracted once and counts once towards corroboration; its outlet
shows on the incidents, `SourceRef.reprints`) and `ingest_problems` (files that could not be read, with the reason).

Reviews: `reviews` is the analysts' log, append-only (triggers refuse updates and deletes), one row per
change (`geomap.records.Review`), each anchored to the claims it was made on (`review_claims` finds the
reviews of a claim). The `incidents` rows are the incidents as shown: the merged claims with the reviews
applied (`geomap.review`), with `review_status` and `review_recheck` for the filters; what was extracted
stays in `claims`, never overwritten, so every review is applied again after each ingest and re-merge.
`sources.claim_id` says which claim each source of a shown incident comes from.

Merging is incremental, through two indexes: `claim_blocks` files every claim under its blocks
(area x day, and its story; see `geomap.merge.block_keys`) so a new claim meets only the claims it
could be one event with, and `report_fingerprints` holds winnowed passage hashes of every report
(at most `FINGERPRINT_POSTINGS` reports per hash) so a new report meets its copies and the reports it
shares quotes with. `claims.incident_id` says which incident each claim is part of (`claims.claim_id` is
the claim's own id, the extracted incident's).

The store stores: reading, extracting and merging are `geomap.pipeline`'s; it calls the write
methods here inside `transaction()` (one `BEGIN IMMEDIATE`), so a killed ingest leaves the previous
state and a reader never sees half an ingest. Ingest is idempotent: a report whose content hash is stored
(`stored_hashes`) is a reprint when no known publication of that report is the same (`publications`), else
nothing changes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence, Union

from geomap.exc import StoreBusyError, StoreError
from geomap.filters import IncidentFilter
from geomap.merge import COMMON_FINGERPRINT, UNDATED_REACH, is_wide_block, story_block_key
from geomap.records import Incident, IngestProblem, Mention, Report, Reprint, Review, as_json, from_dict
from geomap.speakers import canonical_claimant, register_sql, told_as_claim

STORE_ENV = "GEOMAP_STORE"
SCHEMA_VERSION = 6  # 2: incidents keep their record as JSON (`payload`); 3: block and fingerprint indexes; 4: reviews;
# 5: claims dated within a month filed under it too (geomap.merge.block_keys); 6: reprints
FINGERPRINT_POSTINGS = COMMON_FINGERPRINT  # reports kept per passage fingerprint: a hash in more is boilerplate

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
CREATE INDEX IF NOT EXISTS reports_syndication_group ON reports(syndication_group);
CREATE TABLE IF NOT EXISTS report_fingerprints (  -- winnowed passage hashes (geomap.merge.passage_fingerprints)
    fingerprint INTEGER NOT NULL, report INTEGER NOT NULL REFERENCES reports(id)
);
CREATE INDEX IF NOT EXISTS report_fingerprints_fingerprint ON report_fingerprints(fingerprint);
CREATE INDEX IF NOT EXISTS report_fingerprints_report ON report_fingerprints(report);
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
    claim_id TEXT,
    incident_id TEXT,
    payload TEXT NOT NULL                -- the extracted Incident as JSON, with how it joined (SourceRef.link)
);
CREATE INDEX IF NOT EXISTS claims_report ON claims(report);
CREATE TABLE IF NOT EXISTS claim_blocks (    -- geomap.merge.block_keys: where a new claim finds its candidates
    key TEXT NOT NULL, claim INTEGER NOT NULL REFERENCES claims(id)
);
CREATE INDEX IF NOT EXISTS claim_blocks_key ON claim_blocks(key);
CREATE INDEX IF NOT EXISTS claim_blocks_claim ON claim_blocks(claim);
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
    payload TEXT NOT NULL,               -- the merged Incident record as JSON: what every reader gets back
    review_status TEXT NOT NULL DEFAULT 'unreviewed',  -- geomap.records.REVIEW_STATUSES
    review_recheck INTEGER NOT NULL DEFAULT 0,         -- reviewed, then changed by new reports
    search_text TEXT NOT NULL            -- lowercased sentences, claimants and place names, for `search`
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
    claim_id TEXT,                       -- the claim this source is part of (claims.claim_id)
    mention_spans TEXT                   -- JSON [[start, end], ...] relative to the sentence
);
CREATE INDEX IF NOT EXISTS sources_incident ON sources(incident_id);
CREATE INDEX IF NOT EXISTS sources_publisher ON sources(publisher);
CREATE TABLE IF NOT EXISTS reviews (       -- the review log (geomap.records.Review), append-only
    id INTEGER PRIMARY KEY,                  -- the order of the log
    action TEXT NOT NULL, incident_id TEXT NOT NULL, field TEXT NOT NULL,
    before TEXT, after TEXT,                 -- JSON values
    note TEXT NOT NULL, who TEXT NOT NULL, made_at TEXT NOT NULL,   -- UTC, ISO 8601
    target TEXT NOT NULL,
    claims TEXT NOT NULL                     -- JSON list of the claim ids the review is anchored to
);
CREATE TRIGGER IF NOT EXISTS reviews_never_updated BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'the review log is append-only: add a review instead'); END;
CREATE TRIGGER IF NOT EXISTS reviews_never_deleted BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'the review log is append-only: add a review instead'); END;
CREATE TABLE IF NOT EXISTS review_claims (
    review INTEGER NOT NULL REFERENCES reviews(id), claim_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS review_claims_claim ON review_claims(claim_id);
CREATE TABLE IF NOT EXISTS reprints (      -- geomap.records.Reprint: a stored report's words published again
    id INTEGER PRIMARY KEY,
    report INTEGER NOT NULL REFERENCES reports(id),   -- the stored report it copies
    report_id TEXT NOT NULL, publisher TEXT, url TEXT, published TEXT, source_path TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reprints_report ON reprints(report);
CREATE TABLE IF NOT EXISTS ingest_problems (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, reason TEXT NOT NULL, seen_at TEXT NOT NULL,
    UNIQUE(path, reason)
);
"""

_INCIDENT_COLUMNS = ("id, event_type, acled_event_type, date_start, date_end, time_precision, killed_low, killed_high, "
                     "wounded_low, wounded_high, civilians_killed_low, civilians_killed_high, claimant, "
                     "casualty_reporter, is_claim, denied_by, counter_claims, verification, corroboration, "
                     "geo_precision, acled_geo_precision, acled_time_precision, search_text, payload, "
                     "review_status, review_recheck")



def _acquire(handle, lock_path: Path, *, timeout: float, waiting: Optional[Callable[[str], None]]) -> None:
    """Take an exclusive `flock` on `handle`, polling until `timeout` (no lock on platforms without fcntl)."""
    try:
        import fcntl
    except ImportError:  # Windows: writers are not serialised; a report stored meanwhile is skipped at write
        return
    started, told = time.monotonic(), False
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        handle.seek(0)
        holder = handle.read().split()
        who = f"pid {holder[0]}, since {holder[1]}" if len(holder) >= 2 else "another process"
        waited = time.monotonic() - started
        if waited >= timeout:
            raise StoreBusyError(f"another ingest into {lock_path.with_suffix('')} ({who}) still holds it after "
                                 f"{waited:.0f} s of waiting; try again when it has finished, or wait longer "
                                 "(geomap ingest --wait SECONDS)")
        if not told and waiting is not None:
            waiting(f"another ingest into {lock_path.with_suffix('')} is running ({who}); waiting for it to "
                    f"finish (at most {timeout:.0f} s)")
            told = True
        time.sleep(min(0.2, max(0.01, timeout - waited)))


def default_store_path() -> Path:
    """`$GEOMAP_STORE` when set, else `./geomap.db` in the current folder."""
    return Path(os.environ.get(STORE_ENV) or "geomap.db")


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A stored report as a record, with its row id and its story (syndication group)."""

    pk: int
    report: Report
    story: str


_OPEN_TIMEOUT = 30.0  # seconds a store busy with another writer is waited for


class IncidentStore:
    """Reports, mentions, claims and merged incidents in one SQLite file."""

    def __init__(self, path: Union[str, os.PathLike, None] = None, *, read_only: bool = False) -> None:
        """Open (or create) the store at `path`; `read_only` opens an existing, up-to-date one without ever
        writing to it (the dashboard's reads), and refuses a missing or older one with what to run."""
        self.path = Path(path) if path is not None else default_store_path()
        self._known_on: Optional[tuple[tuple, sqlite3.Connection]] = None  # see `reader`
        # Claims added in the open transaction, by row id, as they were given: read back as they are rather than
        # decoded again from their JSON (an ingest links and combines the claims it has just written). Only
        # add_claim writes a claim's payload then, and a row undone by a savepoint is never read; after the
        # transaction another writer may change any row, so the claims are forgotten.
        self._written: dict[int, Incident] = {}
        if read_only:
            self._open_read_only()
            return
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # Two processes that create one store at the same instant can each find the other half-way through
        # setting it up, and SQLite then answers "locked" at once rather than waiting: try again until
        # _OPEN_TIMEOUT, as a busy store is waited for.
        give_up = time.monotonic() + _OPEN_TIMEOUT
        while True:
            try:
                self._open_for_writing()
                return
            except sqlite3.DatabaseError as error:
                if getattr(self, "_db", None) is not None:
                    self._db.close()
                locked = isinstance(error, sqlite3.OperationalError) and "locked" in str(error)
                if not locked or time.monotonic() > give_up:
                    raise StoreError(f"{self.path} cannot be opened as a geomap store ({error}); "
                                     "point --store at another file or remove this one") from error
                time.sleep(0.05)

    def _open_for_writing(self) -> None:
        self._db = register_sql(sqlite3.connect(str(self.path), isolation_level=None, timeout=_OPEN_TIMEOUT,
                                                check_same_thread=False))
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        self._upgrade()

    def _open_read_only(self) -> None:
        if not self.path.is_file():
            raise StoreError(f"no incident store at {self.path}; run `geomap ingest --store {self.path} REPORTS...`")
        try:
            self._db = register_sql(sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True,
                                                    isolation_level=None, timeout=_OPEN_TIMEOUT, check_same_thread=False))
            self._db.row_factory = sqlite3.Row
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} cannot be opened as a geomap store ({error}); "
                             "point --store at another file") from error
        if row is None or int(row[0]) < SCHEMA_VERSION:
            self._db.close()
            raise StoreError(f"{self.path} was written by an older geomap; bring it up to date once with "
                             f"`geomap incidents --store {self.path} --limit 0`")

    def _upgrade(self) -> None:
        """Bring a store written by an older geomap to SCHEMA_VERSION (in one transaction)."""
        db = self._db
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None and int(row[0]) >= SCHEMA_VERSION:
            return
        incident_columns = {row[1] for row in db.execute("PRAGMA table_info(incidents)")}
        claim_columns = {row[1] for row in db.execute("PRAGMA table_info(claims)")}
        db.execute("BEGIN IMMEDIATE")
        try:
            if "payload" not in incident_columns:  # version 1: incidents as columns only
                db.execute("ALTER TABLE incidents ADD COLUMN payload TEXT")
            for column in ("claim_id", "incident_id"):
                if column not in claim_columns:
                    db.execute(f"ALTER TABLE claims ADD COLUMN {column} TEXT")
            for column, kind in (("review_status", "TEXT NOT NULL DEFAULT 'unreviewed'"),
                                 ("review_recheck", "INTEGER NOT NULL DEFAULT 0")):
                if column not in incident_columns:  # version 3: no reviews
                    db.execute(f"ALTER TABLE incidents ADD COLUMN {column} {kind}")
            if "claim_id" not in {row[1] for row in db.execute("PRAGMA table_info(sources)")}:
                db.execute("ALTER TABLE sources ADD COLUMN claim_id TEXT")
            db.execute("CREATE INDEX IF NOT EXISTS claims_incident ON claims(incident_id)")
            db.execute("CREATE INDEX IF NOT EXISTS claims_claim_id ON claims(claim_id)")
            db.execute("CREATE INDEX IF NOT EXISTS sources_claim_id ON sources(claim_id)")
            db.execute("CREATE INDEX IF NOT EXISTS incidents_review_status ON incidents(review_status)")
            version = int(row[0]) if row is not None else None
            if version == 4:  # the merges stand; only the blocks they are found by changed
                self._file_claims_again()
            elif version is not None and version >= 5:
                pass  # 6 only adds `reprints`, created empty by _SCHEMA: the incidents stand as they are
            elif row is not None or db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]:
                self._index_again()
                self._bump_generation()
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _file_claims_again(self) -> None:
        """Every stored claim filed again under the blocks `geomap.merge.block_keys` gives it now."""
        from geomap.merge import block_keys

        self._db.execute("DELETE FROM claim_blocks")
        rows = self._db.execute("SELECT c.id, c.payload, r.syndication_group FROM claims c "
                                "JOIN reports r ON r.id = c.report").fetchall()
        for pk, payload, story in rows:
            self._file_claim(pk, block_keys(_claim(payload, story), story=story or ""))

    def _file_claim(self, pk: int, blocks: Iterable[str]) -> None:
        self._db.executemany("INSERT INTO claim_blocks VALUES (?, ?)", [(key, pk) for key in blocks])

    def _index_again(self) -> None:
        """A store from before the block and fingerprint indexes: stories, fingerprints, blocks and incidents
        computed again from the stored reports and claims, in ingest order, by geomap.merge's rules."""
        from geomap.merge import block_keys, cluster_claims, combine, passage_fingerprints, syndication_groups, with_link

        db = self._db
        rows = db.execute("SELECT id, content_hash, text FROM reports ORDER BY id").fetchall()
        stories = syndication_groups([(row["content_hash"], row["text"]) for row in rows])
        db.execute("DELETE FROM report_fingerprints")
        for row in rows:
            db.execute("UPDATE reports SET syndication_group = ? WHERE id = ?", (stories[row["content_hash"]], row["id"]))
            self._add_fingerprints(row["id"], passage_fingerprints(row["text"]))
        story_of = {row["id"]: stories[row["content_hash"]] for row in rows}
        claims = [(row["id"], _claim(row["payload"], story_of[row["report"]]))
                  for row in db.execute("SELECT id, report, payload FROM claims ORDER BY report, seq")]
        links = cluster_claims([claim for _, claim in claims])
        db.execute("DELETE FROM claim_blocks")
        clusters: dict[str, list[Incident]] = {}
        for (pk, claim), link in zip(claims, links):
            claim = with_link(claim, link)
            db.execute("UPDATE claims SET claim_id = ?, incident_id = ?, payload = ? WHERE id = ?",
                       (claim.incident_id, link.incident_id, _json(claim), pk))
            self._file_claim(pk, block_keys(claim, story=claim.sources[0].syndication_group))
            clusters.setdefault(link.incident_id, []).append(claim)
        renamed: dict[str, list[Incident]] = {}
        for incident_id, cluster in clusters.items():
            merged = combine(cluster)
            self.rename_incident(incident_id, merged.incident_id)
            renamed[merged.incident_id] = cluster
        for table in ("sources", "incident_places", "incidents"):
            db.execute(f"DELETE FROM {table}")
        from geomap.review import apply_reviews  # the incidents as shown: every review applied again

        self._insert_incidents(apply_reviews(renamed, self.reviews()))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "IncidentStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- one writer at a time ------------------------------------------------------------------------------

    @contextmanager
    def writer_lock(self, *, timeout: float = 600.0,
                    waiting: Optional[Callable[[str], None]] = None) -> Iterator[None]:
        """Hold the store's ingest lock for the block: a second ingest into the same store waits for the
        first (calling `waiting` once with a message saying so), then sees what the first stored.

        The lock is `flock` on a file beside the store (`<store>.lock`), so it is released however the
        holder ends, a kill included. Raises StoreBusyError after `timeout` seconds of waiting.
        """
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            handle = open(lock_path, "a+")
        except OSError as error:
            raise StoreError(f"cannot create the lock file {lock_path} ({error.strerror or error}); "
                             "make its folder writable") from error
        try:
            _acquire(handle, lock_path, timeout=timeout, waiting=waiting)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()} {time.strftime('%Y-%m-%dT%H:%M:%S')}\n")
            handle.flush()
            yield
        finally:
            handle.close()  # releases the lock

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A part of the current transaction that is undone alone when it fails: one report's rows."""
        db = self._db
        db.execute("SAVEPOINT part")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK TO part")
            db.execute("RELEASE part")
            raise
        db.execute("RELEASE part")

    # --- writing (called by geomap.pipeline inside `transaction()`) ----------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (`BEGIN IMMEDIATE`): all of it commits, or none of it; counts one generation."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._bump_generation()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        finally:
            self._written.clear()

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these report content hashes are stored already."""
        return {row[0] for row in self._db.execute(
            "SELECT content_hash FROM reports WHERE content_hash IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(hashes))),))}

    def fingerprint_postings(self, fingerprints: Iterable[int]) -> dict[int, list[int]]:
        """The stored reports (row ids) under each of these passage fingerprints (at most `FINGERPRINT_POSTINGS`)."""
        postings: dict[int, list[int]] = {}
        for fingerprint, report in self._db.execute(
                "SELECT fingerprint, report FROM report_fingerprints "
                "WHERE fingerprint IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(fingerprints))),)):
            postings.setdefault(fingerprint, []).append(report)
        return postings

    def stored_reports(self, pks: Iterable[int]) -> list[StoredReport]:
        """These stored reports as records with their story, in ingest order."""
        return self._stored_reports("WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(pks))),))

    def reports_in_stories(self, groups: Iterable[str], *, limit: int) -> list[StoredReport]:
        """Stored reports of these syndication groups (copies of the same stories), at most `limit` per group,
        the best-dated first, returned in ingest order."""
        return self._stored_reports(
            "WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY syndication_group "
            "ORDER BY published_confidence DESC, id) AS rank FROM reports "
            "WHERE syndication_group IN (SELECT value FROM json_each(?))) WHERE rank <= ?)",
            (json.dumps(sorted(set(groups))), limit))

    def _stored_reports(self, where: str, params: Sequence) -> list[StoredReport]:
        rows = self._db.execute(
            "SELECT id, report_id, text, title, publisher, url, published, published_evidence, "
            f"published_confidence, source_path, content_hash, syndication_group FROM reports {where} ORDER BY id",
            params).fetchall()
        return [StoredReport(row["id"], Report(row["report_id"], row["text"], row["title"] or "",
                                               row["publisher"] or "", row["url"] or "", row["published"],
                                               row["published_evidence"] or "", row["published_confidence"] or 0.0,
                                               row["source_path"] or "", row["content_hash"]),
                             row["syndication_group"] or "") for row in rows]

    def claims_in_blocks(self, keys: Iterable[str]) -> list[tuple[str, str, Incident]]:
        """Stored claims filed under any of these block keys: (block key, incident id, claim); of an area's
        block for any day or of its undated claims (`geomap.merge.is_wide_block`) only the latest `UNDATED_REACH`."""
        keys = set(keys)
        wide = sorted(k for k in keys if is_wide_block(k))
        query = ("SELECT b.key, c.incident_id, c.id, c.payload, r.syndication_group FROM claim_blocks b "
                 "JOIN claims c ON c.id = b.claim JOIN reports r ON r.id = c.report ")
        rows = self._db.execute(query + "WHERE b.key IN (SELECT value FROM json_each(?))",
                                (json.dumps(sorted(keys - set(wide))),)).fetchall()
        for key in wide:
            rows += self._db.execute(query + "WHERE b.key = ? ORDER BY b.claim DESC LIMIT ?",
                                     (key, UNDATED_REACH)).fetchall()
        return [(row[0], row[1], self._stored_claim(row[2], row[3], row[4])) for row in rows]

    def claims_of_incidents(self, incident_ids: Iterable[str]) -> dict[str, list[Incident]]:
        """Every stored claim of these incidents, in ingest order, their sources marked with their story."""
        found: dict[str, list[Incident]] = {}
        rows = self._db.execute(
            "SELECT c.incident_id, c.id, c.payload, r.syndication_group, c.report FROM claims c "
            "JOIN reports r ON r.id = c.report "
            "WHERE c.incident_id IN (SELECT value FROM json_each(?)) ORDER BY c.report, c.seq",
            (json.dumps(sorted(set(incident_ids))),)).fetchall()
        reprints = self.reprints_of(row[4] for row in rows)
        for row in rows:
            found.setdefault(row[0], []).append(self._stored_claim(row[1], row[2], row[3], reprints.get(row[4], ())))
        return found

    def _stored_claim(self, pk: int, payload: str, story: Optional[str],
                      reprints: Sequence[Reprint] = ()) -> Incident:
        """The claim in row `pk` as `_claim` reads it, taken as written when this transaction added it."""
        written = self._written.get(pk)
        return _claim(payload, story, reprints) if written is None else _marked(written, story, reprints)

    def incidents_of_reports(self, pks: Iterable[int]) -> set[str]:
        """The incidents that claims of these stored reports are part of (as merged, and as shown after review)."""
        pks = json.dumps(sorted(set(pks)))
        return {row[0] for row in self._db.execute(
            "SELECT DISTINCT incident_id FROM claims WHERE report IN (SELECT value FROM json_each(?)) UNION "
            "SELECT DISTINCT s.incident_id FROM sources s WHERE s.claim_id IN "
            "(SELECT claim_id FROM claims WHERE report IN (SELECT value FROM json_each(?)))", (pks, pks)) if row[0]}

    # --- reviews: the log, and where its claims are --------------------------------------------------------

    def add_reviews(self, reviews: Sequence[Review]) -> list[Review]:
        """Append reviews to the log, in order; returns them numbered (`review_id`). Inside `transaction()`."""
        stored = []
        for review in reviews:
            cursor = self._db.execute(
                "INSERT INTO reviews(action, incident_id, field, before, after, note, who, made_at, target, claims) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                (review.action, review.incident_id, review.field, json.dumps(review.before, ensure_ascii=False),
                 json.dumps(review.after, ensure_ascii=False), review.note, review.by, review.at, review.target,
                 json.dumps(list(review.claims))))
            self._db.executemany("INSERT INTO review_claims VALUES (?, ?)",
                                 [(cursor.lastrowid, claim) for claim in dict.fromkeys(review.claims)])
            stored.append(replace(review, review_id=cursor.lastrowid))
        return stored

    def reviews(self, *, claim_ids: Optional[Iterable[str]] = None) -> list[Review]:
        """The review log in order: all of it, or the reviews anchored to any of `claim_ids`."""
        where, params = "", ()
        if claim_ids is not None:
            where = "WHERE id IN (SELECT review FROM review_claims WHERE claim_id IN (SELECT value FROM json_each(?)))"
            params = (json.dumps(sorted(set(claim_ids))),)
        return [Review(row[1], row[2], tuple(json.loads(row[10])), row[6], row[7], row[8], field=row[3],
                       before=json.loads(row[4]), after=json.loads(row[5]), target=row[9], review_id=row[0])
                for row in self._db.execute(
                    "SELECT id, action, incident_id, field, before, after, note, who, made_at, target, claims "
                    f"FROM reviews {where} ORDER BY id", params)]

    def merged_incidents_of_claims(self, claim_ids: Iterable[str]) -> set[str]:
        """The incidents as merged, before review (`claims.incident_id`), that hold these claims."""
        return {row[0] for row in self._db.execute(
            "SELECT DISTINCT incident_id FROM claims WHERE claim_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(claim_ids))),)) if row[0]}

    def shown_incidents_of_claims(self, claim_ids: Iterable[str]) -> set[str]:
        """The incidents as shown (the `incidents` rows) that have a source from these claims."""
        return {row[0] for row in self._db.execute(
            "SELECT DISTINCT incident_id FROM sources WHERE claim_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(claim_ids))),))}

    def claims_published_after(self, day: str) -> dict[str, str]:
        """Claims of the reports published after `day` (a report with no publication date: ingested after it),
        claim id -> the incident it is merged into."""
        return {row[0]: row[1] for row in self._db.execute(
            "SELECT c.claim_id, c.incident_id FROM claims c JOIN reports r ON r.id = c.report "
            "WHERE coalesce(r.published, substr(r.ingested_at, 1, 10)) > ?", (day,))}

    def incident(self, incident_id: str) -> Optional[Incident]:
        """The incident as shown with this id, or the one showing the claim of this id (an as-of view's id)."""
        found = read_incidents(self._db, "SELECT id FROM incidents WHERE id = ? UNION "
                               "SELECT incident_id FROM sources WHERE claim_id = ?", (incident_id, incident_id))
        return found[0] if found else None

    def add_problems(self, problems: Iterable[IngestProblem]) -> None:
        """Remember files or rows that could not be read, with the reason."""
        now = time.strftime("%Y-%m-%dT%H:%M:%S")
        self._db.executemany("INSERT OR IGNORE INTO ingest_problems(path, reason, seen_at) VALUES (?, ?, ?)",
                             [(p.path, p.reason, now) for p in problems])

    def add_report(self, report: Report, *, story: str, fingerprints: Iterable[int]) -> int:
        """Store a new report with its story and passage fingerprints; returns its row id."""
        cursor = self._db.execute(
            "INSERT INTO reports(report_id, content_hash, title, publisher, url, published, published_evidence, "
            "published_confidence, source_path, syndication_group, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (report.report_id, report.content_hash, report.title, report.publisher, report.url, report.published,
             report.published_evidence, report.published_confidence, report.source_path, story, report.text,
             time.strftime("%Y-%m-%dT%H:%M:%S")))
        pk = cursor.lastrowid
        self._add_fingerprints(pk, fingerprints)
        return pk

    def _add_fingerprints(self, pk: int, fingerprints: Iterable[int]) -> None:
        """A report's postings, except under fingerprints that already have `FINGERPRINT_POSTINGS` (boilerplate)."""
        prints = sorted(set(fingerprints))
        full = {row[0] for row in self._db.execute(
            "SELECT fingerprint FROM report_fingerprints WHERE fingerprint IN (SELECT value FROM json_each(?)) "
            "GROUP BY fingerprint HAVING COUNT(*) >= ?", (json.dumps(prints), FINGERPRINT_POSTINGS))}
        self._db.executemany("INSERT INTO report_fingerprints VALUES (?, ?)",
                             [(h, pk) for h in prints if h not in full])

    def publications(self, hashes: Iterable[str]) -> dict[str, tuple[int, list[Reprint]]]:
        """For each of these content hashes that is stored: its report's row id, and every publication of it
        known (the report as first stored, then its reprints), each as a `Reprint` record."""
        found: dict[str, tuple[int, list[Reprint]]] = {}
        for row in self._db.execute(
                "SELECT content_hash, id, report_id, publisher, url, published, source_path FROM reports "
                "WHERE content_hash IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(hashes))),)):
            found[row[0]] = (row[1], [Reprint(row[2], row[3] or "", row[4] or "", row[5], row[6] or "")])
        by_pk = {pk: known for pk, known in found.values()}
        for pk, reprints in self.reprints_of(by_pk).items():
            by_pk[pk].extend(reprints)
        return found

    def add_reprint(self, pk: int, report: Report) -> Reprint:
        """Record `report` as another publication of stored report `pk` (the same words); returns it."""
        reprint = Reprint(report.report_id, report.publisher, report.url, report.published, report.source_path)
        self._db.execute("INSERT INTO reprints(report, report_id, publisher, url, published, source_path, ingested_at) "
                         "VALUES (?,?,?,?,?,?,?)", (pk, reprint.report_id, reprint.publisher or None,
                                                    reprint.url or None, reprint.published, reprint.source_path or None,
                                                    time.strftime("%Y-%m-%dT%H:%M:%S")))
        return reprint

    def reprints_of(self, pks: Iterable[int]) -> dict[int, tuple[Reprint, ...]]:
        """The reprints of these stored reports (row ids), each report's in the order they were stored."""
        found: dict[int, list[Reprint]] = {}
        for row in self._db.execute(
                "SELECT report, report_id, publisher, url, published, source_path FROM reprints "
                "WHERE report IN (SELECT value FROM json_each(?)) ORDER BY id", (json.dumps(sorted(set(pks))),)):
            found.setdefault(row[0], []).append(Reprint(row[1], row[2] or "", row[3] or "", row[4], row[5] or ""))
        return {pk: tuple(reprints) for pk, reprints in found.items()}

    def rename_stories(self, renames: Mapping[str, str]) -> set[str]:
        """Syndication groups merged into others (old -> new name); returns the incidents whose sources moved."""
        touched: set[str] = set()
        for old, new in renames.items():
            touched |= {row[0] for row in self._db.execute(
                "SELECT DISTINCT c.incident_id FROM claims c JOIN reports r ON r.id = c.report "
                "WHERE r.syndication_group = ?", (old,)) if row[0]}
            self._db.execute("UPDATE reports SET syndication_group = ? WHERE syndication_group = ?", (new, old))
            self._db.execute("UPDATE claim_blocks SET key = ? WHERE key = ?", (story_block_key(new), story_block_key(old)))
        return touched

    def redate_report(self, pk: int, report: Report) -> set[str]:
        """A stored report's new publication date; its mentions and claims are removed to be extracted again.
        Returns the incidents its claims were part of."""
        touched = self.incidents_of_reports([pk])
        self._db.execute("UPDATE reports SET published = ?, published_evidence = ?, published_confidence = ? "
                         "WHERE id = ?", (report.published, report.published_evidence,
                                          report.published_confidence, pk))
        self._db.execute("DELETE FROM mentions WHERE report = ?", (pk,))
        self._db.execute("DELETE FROM claim_blocks WHERE claim IN (SELECT id FROM claims WHERE report = ?)", (pk,))
        self._db.execute("DELETE FROM claims WHERE report = ?", (pk,))
        return touched

    def add_mentions(self, pk: int, mentions: Sequence[Mention], incidents: Sequence[Incident] = ()) -> None:
        """A report's place mentions (resolved or not) and the gazetteer rows they and its claims point at."""
        places = {m.place.place_id: m.place for m in mentions if m.place is not None}
        for incident in incidents:
            places.update({m.place.place_id: m.place for m in incident.places if m.place is not None})
        self._db.executemany(
            "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(p.place_id, p.name, p.lat, p.lon, p.country_code, p.feature_class, p.feature_code, p.population,
              p.admin1, p.source) for p in places.values()])
        self._db.executemany(
            'INSERT INTO mentions(report, start, "end", surface, role, place_id, precision, confidence) '
            "VALUES (?,?,?,?,?,?,?,?)",
            [(pk, m.start, m.end, m.surface, m.role, m.place.place_id if m.place else None,
              m.precision if m.place else None, m.confidence) for m in mentions])

    def add_claim(self, pk: int, seq: int, claim: Incident, *, incident_id: str, blocks: Iterable[str]) -> None:
        """One claim of a stored report, the incident it joined and the blocks it is filed under."""
        cursor = self._db.execute(
            'INSERT INTO claims(report, seq, event_type, is_claim, claimant, start, "end", claim_id, incident_id, '
            "payload) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (pk, seq, claim.event_type, int(claim.is_claim), claim.claimant, claim.sources[0].start,
             claim.sources[0].end, claim.incident_id, incident_id, _json(claim)))
        self._written[cursor.lastrowid] = claim
        self._file_claim(cursor.lastrowid, blocks)

    def rename_incident(self, old: str, new: str) -> None:
        """Claims of incident `old` are now part of `new` (an incident is named by its smallest member)."""
        self._db.execute("UPDATE claims SET incident_id = ? WHERE incident_id = ?", (new, old))

    def replace_incidents(self, removed: Iterable[str], incidents: Sequence[Incident]) -> None:
        """Merged incidents rewritten: the `removed` ids (and the new ones' ids) deleted, `incidents` inserted."""
        ids = json.dumps(sorted(set(removed) | {inc.incident_id for inc in incidents}))
        for table, column in (("sources", "incident_id"), ("incident_places", "incident_id"), ("incidents", "id")):
            self._db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))", (ids,))
        self._insert_incidents(incidents)

    def _bump_generation(self) -> None:
        """Count one more write, inside the writer's transaction (see `store_generation`)."""
        self._db.execute("INSERT INTO meta VALUES ('generation', 1) "
                         "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    def extracted_incidents(self) -> list[Incident]:
        """Every incident as extracted from its own report, before merging across reports (for scoring each stage)."""
        return [from_dict(Incident, json.loads(row[0]))
                for row in self._db.execute("SELECT payload FROM claims ORDER BY report, seq")]

    def _insert_incidents(self, incidents: Sequence[Incident]) -> None:
        _insert_incidents(self._db, incidents)

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
        return read_incidents(self.reader(filter.as_of), f"SELECT id FROM incidents WHERE {where}{tail}", params)

    def reader(self, as_of: Optional[str] = None) -> sqlite3.Connection:
        """Where the filters' SQL reads incidents: this store, or the incidents as known on day `as_of`
        (computed by geomap.review.known_on into an in-memory store of the same tables)."""
        if not as_of:
            return self._db
        key = (store_generation(self._db), as_of)
        if self._known_on is None or self._known_on[0] != key:  # the last day asked, until the next write
            from geomap.review import known_on

            self._known_on = (key, known_on(self, as_of))
        return self._known_on[1]

    def view(self, *, without: Iterable[str], add: Sequence[Incident]) -> sqlite3.Connection:
        """An in-memory copy of the incidents (their places, sources and the store's generation) less the ids
        `without`, plus the incidents `add`: a store of its own that the same reads and filters answer."""
        view = register_sql(sqlite3.connect("file::memory:", uri=True, check_same_thread=False))
        view.row_factory = sqlite3.Row
        view.execute("ATTACH DATABASE ? AS store", (self.path.resolve().as_uri() + "?mode=ro",))  # read only
        try:
            view.execute("CREATE TEMP TABLE dropped AS SELECT value AS id FROM json_each(?)",
                         (json.dumps(sorted(set(without))),))
            view.execute("CREATE TABLE meta AS SELECT * FROM store.meta")
            for table, column in (("incidents", "id"), ("incident_places", "incident_id"),
                                  ("sources", "incident_id")):
                view.execute(f"CREATE TABLE {table} AS SELECT * FROM store.{table} "
                             f"WHERE {column} NOT IN (SELECT id FROM temp.dropped)")
        finally:
            view.execute("DETACH DATABASE store")
        for statement in ("CREATE INDEX incidents_id ON incidents(id)",
                          "CREATE INDEX incidents_dates ON incidents(date_start, date_end)",
                          "CREATE INDEX sources_incident ON sources(incident_id)"):
            view.execute(statement)
        _insert_incidents(view, add)
        return view

    def count(self, filter: Optional[IncidentFilter] = None) -> int:
        """How many incidents `filter` keeps (all without one)."""
        filter = filter or IncidentFilter()
        where, params = filter.where()
        return self.reader(filter.as_of).execute(f"SELECT COUNT(*) FROM incidents WHERE {where}", params).fetchone()[0]

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
        """Row counts per table, plus unresolved mentions and incidents that rest on claims."""
        counts = {table: self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                  for table in ("reports", "reprints", "places", "mentions", "claims", "incidents", "incident_places",
                                "sources", "ingest_problems")}
        counts["unresolved_mentions"] = self._db.execute(
            "SELECT COUNT(*) FROM mentions WHERE place_id IS NULL").fetchone()[0]
        counts["claims_incidents"] = self._db.execute(
            "SELECT COUNT(*) FROM incidents WHERE is_claim = 1").fetchone()[0]
        return counts

    def problems(self) -> list[dict]:
        """Every file or row an ingest could not take in, with the reason."""
        return [{"path": r[0], "reason": r[1], "seen_at": r[2]} for r in
                self._db.execute("SELECT path, reason, seen_at FROM ingest_problems ORDER BY id")]

    def mentions_in_reports(self, report_ids: Iterable[str]) -> list[dict]:
        """The place mentions of just these reports (by report id), shaped as `mentions()` returns them."""
        return mentions_in_reports(self._db, report_ids)


def _insert_incidents(db: sqlite3.Connection, incidents: Sequence[Incident]) -> None:
    """Rows of the `incidents`, `incident_places` and `sources` tables for these incidents, on any store's tables."""
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
            inc.geo_precision, inc.acled_geo_precision, inc.acled_time_precision, search,
            _json(inc), inc.review_status, int(bool(inc.review and inc.review.recheck))))
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
                json.dumps([[a - s.start, b - s.start] for a, b in s.mention_spans]), s.claim_id or None))
    db.executemany(f"INSERT INTO incidents({_INCIDENT_COLUMNS}) VALUES ({','.join('?' * 26)})", incident_rows)
    db.executemany("INSERT INTO incident_places VALUES (?,?,?,?,?,?,?)", place_rows)
    db.executemany(
        'INSERT INTO sources(incident_id, seq, report_id, publisher, published, sentence, start, "end", '
        "killed_low, killed_high, wounded_low, wounded_high, civilians_killed_low, civilians_killed_high, "
        "casualty_reporter, claimant, is_claim, syndication_group, mention_spans, claim_id) "
        f"VALUES ({','.join('?' * 20)})", source_rows)


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
    return [_speakers_read(from_dict(Incident, json.loads(row[0]))) for row in rows]


def _speakers_read(incident: Incident) -> Incident:
    """The incident with its claimants read as one name per speaker, witnesses no claimant (geomap.speakers)."""
    claimant = canonical_claimant(incident.claimant)
    if claimant == incident.claimant:
        return incident
    return replace(incident, claimant=claimant, is_claim=told_as_claim(incident.is_claim, incident.claimant))


def _json(record) -> str:
    """A record as the JSON text the store keeps (`from_dict` reads it back)."""
    return as_json(record)


def _claim(payload: str, story: Optional[str], reprints: Sequence[Reprint] = ()) -> Incident:
    """A stored claim decoded from its JSON payload, marked as `_marked` says."""
    return _marked(from_dict(Incident, json.loads(payload)), story, reprints)


def _marked(claim: Incident, story: Optional[str], reprints: Sequence[Reprint] = ()) -> Incident:
    """A stored claim's sources marked with their report's current story, its reprints (when read for merging)
    and the claim's id."""
    return replace(claim, sources=tuple(replace(s, syndication_group=story or "", claim_id=claim.incident_id,
                                                reprints=tuple(reprints)) for s in claim.sources))


__all__ = ["IncidentStore", "StoredReport", "read_incidents", "mention_records", "mentions_in_reports",
           "store_generation", "default_store_path"]
