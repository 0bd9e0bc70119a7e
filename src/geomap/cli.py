"""The `geomap` command: geocode | eval | eval-incidents | gazetteer | ingest | incidents | export | brief | review
| diff | serve."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional

from geomap.exc import GeomapError


def _cmd_geocode(args: argparse.Namespace) -> int:
    from geomap.gazetteer import shared_gazetteer
    from geomap.geoparse import geoparse
    from geomap.reports import read_reports

    gazetteer = shared_gazetteer()
    online = None
    if args.online:
        from geomap.geoparse.online import OnlineGeocoder

        online = OnlineGeocoder(domain=args.online_domain, scheme=args.online_scheme, timeout=args.online_timeout,
                                min_delay_seconds=args.online_delay)
    reports, problems = read_reports(args.files, metadata=False)  # geocode prints no dates or titles
    for report in reports:
        mentions = geoparse(report.text, gazetteer, online=online)
        line = {"file": report.source_path or report.report_id, "mentions": [m.to_json() for m in mentions]}
        if report.report_id != Path(line["file"]).name:
            line["report_id"] = report.report_id  # a row of a jsonl/csv batch
        print(json.dumps(line, ensure_ascii=False))
    for problem in problems:
        print(json.dumps({"file": problem.path, "error": problem.reason, "mentions": []}, ensure_ascii=False))
    return 1 if problems else 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from geomap.evaluate import format_report, read_gold, score
    from geomap.gazetteer import shared_gazetteer
    from geomap.geoparse import geoparse

    docs = read_gold(Path(args.gold))  # a bad gold file is told before the index takes seconds to load
    gazetteer = shared_gazetteer()
    figures = score(docs, lambda text: geoparse(text, gazetteer), demonyms=args.demonyms)
    print(format_report(figures))
    return 0


def _cmd_eval_incidents(args: argparse.Namespace) -> int:
    from geomap.evaluate import (gold_as_predictions, placeable_in_gazetteer, predicted_incidents, read_incident_gold,
                                 score_incidents)
    from geomap.events import VIOLENT_TYPES
    from geomap.exc import EvalError
    from geomap.store import IncidentStore, default_store_path

    gold = read_incident_gold(Path(args.gold))
    if args.within_gazetteer and not args.gold_as_predictions:  # else the gold's figures would pass for the store's
        raise EvalError("--within-gazetteer scores the gold's own incidents, not the store's: give it with "
                        "--gold-as-predictions (the --store only lends the reports' texts)")
    if args.gold_as_predictions and not args.within_gazetteer:
        print(json.dumps(score_incidents(gold, gold_as_predictions(gold)), sort_keys=True))
        return 0
    path = Path(args.store) if args.store else default_store_path()
    if not path.is_file():  # opening a missing store would create an empty one and score nothing
        raise EvalError(f"no incident store at {path}; run `geomap ingest --store {path} REPORTS...` first")
    if args.within_gazetteer:
        from geomap.gazetteer import shared_gazetteer

        with IncidentStore(path) as store:
            # a report the store lacks has no text to rule its events out: they stay placeable
            texts = {report: text for report in gold.incidents if (text := store.report_text(report)) is not None}
        gazetteer = shared_gazetteer()
        placeable = placeable_in_gazetteer(texts, lambda name: gazetteer.places_named(name, limit=5000))
        predictions = gold_as_predictions(gold, placeable=placeable)
    else:
        with IncidentStore(path) as store:
            records = store.extracted_incidents() if args.before_merge else store.incidents()
        predictions = predicted_incidents(records, violent_types=VIOLENT_TYPES)
    print(json.dumps(score_incidents(gold, predictions), sort_keys=True))
    return 0


def _cmd_gazetteer_add(args: argparse.Namespace) -> int:
    from geomap.gazetteer import default_index_dir
    from geomap.gazetteer.extend import add_to_index, read_places

    path = Path(args.file)
    places = read_places(path)
    summary = add_to_index(default_index_dir(), places, source=path.name)
    print(f"{path.name}: {summary.places_added} places added, {summary.places_updated} places given more names, "
          f"{summary.names_added} names, in {default_index_dir()}")
    return 0


def _cmd_gazetteer_sources(args: argparse.Namespace) -> int:
    from geomap.gazetteer import default_index_dir
    from geomap.gazetteer.extend import gazetteer_sources

    for entry in gazetteer_sources(default_index_dir()):
        print(json.dumps(entry, ensure_ascii=False))
    return 0


#: `geomap ingest` exit codes: everything went in; some input was skipped (named in the summary); it failed.
EXIT_OK, EXIT_SKIPPED, EXIT_FAILED = 0, 1, 2


def _cmd_ingest(args: argparse.Namespace) -> int:
    from geomap.pipeline import DaskOptions, ReportBudget, ingest
    from geomap.store import IncidentStore

    step = args.progress_every
    chunk = {"read": step, "extract": step, "link": step * 20}  # claims are linked in thousands
    what = {"read": "reports read", "extract": "reports extracted", "link": "claims linked"}

    def progress(stage: str, done: int, total: int) -> None:
        every = chunk.get(stage, step)
        if total >= every and (done % every == 0 or done == total):
            print(f"geomap ingest: {done}/{total} {what.get(stage, stage)} ({100 * done // total}%)",
                  file=sys.stderr, flush=True)

    def waiting(message: str) -> None:
        print(f"geomap ingest: {message}", file=sys.stderr, flush=True)

    dask = None
    if args.dask or args.dask_scheduler:
        dask = DaskOptions(workers=args.dask, scheduler=args.dask_scheduler)
    with IncidentStore(args.store) as store:
        summary = ingest(store, args.paths, progress=progress, dask=dask, wait=args.wait, waiting=waiting,
                         budget=ReportBudget(base=args.report_seconds))
        print(f"store: {store.path}")
    print(f"reports read: {summary.reports_read}"
          + (f" ({summary.already_present} already in the store, unchanged)" if summary.already_present else ""))
    if summary.reprints:
        print(f"reprints: {summary.reprints} (a stored report's words from another outlet, URL or date: "
              "its outlet kept, counted once)")
    print(f"reports skipped: {len(summary.reports_skipped)}")
    for problem in summary.reports_skipped:
        print(f"  {problem.reason}" if problem.path in problem.reason else f"  {problem.path}: {problem.reason}")
    if summary.reading_notes:
        print(f"reports repaired while read: {len({label for label, _ in summary.reading_notes})}")
        for label, note in summary.reading_notes:
            print(f"  {label}: {note}")
    print(f"incidents: {summary.incidents} ({summary.incidents_extracted} extracted from the new reports, "
          "merged across reports)")
    print(f"claims: {summary.claims}")
    names = summary.unresolved_place_names
    print(f"unresolved place names: {len(names)}" + (f": {', '.join(names)}" if names else ""))
    return EXIT_SKIPPED if summary.reports_skipped else EXIT_OK


def _filter(args: argparse.Namespace):
    """The IncidentFilter the filter options ask for (see `_add_filter_options`)."""
    from geomap.filters import IncidentFilter

    return IncidentFilter(date_from=getattr(args, "date_from", None), date_to=getattr(args, "date_to", None),
                          event_types=args.type, claimants=args.claimant, publishers=args.publisher,
                          geo_precisions=args.where_prec, time_precisions=args.date_prec,
                          verification=args.verification, search=args.search or "", review=args.review,
                          include_rejected=args.include_rejected, as_of=getattr(args, "as_of", None))


def _cmd_incidents(args: argparse.Namespace) -> int:
    from geomap.store import IncidentStore

    view = _filter(args)
    with IncidentStore(args.store) as store:
        for incident in store.incidents(view, limit=args.limit):
            print(json.dumps(incident.to_json(), ensure_ascii=False))
    return 0


def _existing_store_path(args: argparse.Namespace, error: type[Exception]) -> Path:
    """The store a reading command opens: it must exist (opening a missing one would create an empty one)."""
    from geomap.store import default_store_path

    path = Path(args.store) if args.store else default_store_path()
    if not path.is_file():
        raise error(f"no incident store at {path}; run `geomap ingest --store {path} REPORTS...` first")
    return path


def _existing_store(args: argparse.Namespace):
    """The store `export` and `brief` read, as a Workbench."""
    from geomap.api import Workbench
    from geomap.exc import ExportError

    return Workbench(_existing_store_path(args, ExportError))


def _cmd_export(args: argparse.Namespace) -> int:
    from geomap.io.export import format_for

    fmt = format_for(Path(args.out), args.format)  # a bad format or suffix is refused before the store is read
    view = _filter(args)
    with _existing_store(args) as store:
        path = store.export(args.out, filter=view, fmt=fmt, force=args.force)
        count = store.count(view)
    print(f"{path}: {count} incidents ({fmt})")
    return 0


def _cmd_brief(args: argparse.Namespace) -> int:
    from geomap.io.briefing import parse_size

    size = parse_size(args.size)
    view = _filter(args)
    with _existing_store(args) as store:
        paths = store.brief(args.out_prefix, filter=view, title=args.title, size=size, force=args.force)
    for path in paths.values():
        print(path)
    return 0


def _stored(args: argparse.Namespace):
    """The store `review` and `diff` read, as an IncidentStore."""
    from geomap.exc import StoreError
    from geomap.store import IncidentStore

    return IncidentStore(_existing_store_path(args, StoreError))


def _cmd_review(args: argparse.Namespace) -> int:
    from geomap.review import log_line, review

    options = {"note": args.note, "by": args.by}
    if args.action == "set":
        options.update(place=args.place, day=args.date, event_type=args.type, killed=args.killed, wounded=args.wounded)
    if args.action == "split":
        options["source"] = args.source
    with _stored(args) as store:
        for entry in review(store, args.action, args.ids, **options):
            print(log_line(entry))
    return 0


def _cmd_review_log(args: argparse.Namespace) -> int:
    from geomap.review import log_line

    with _stored(args) as store:
        entries = store.reviews()
    if args.incident:
        entries = [e for e in entries if args.incident in e.incident_id.split(",") or args.incident in e.claims]
    for entry in entries:
        print(json.dumps(entry.to_json(), ensure_ascii=False) if args.json else log_line(entry))
    return 0


def _cmd_review_queue(args: argparse.Namespace) -> int:
    from geomap.review import review_queue

    with _stored(args) as store:
        queue = review_queue(store.reader(), limit=args.limit)
        for incident_id, reports in queue:
            incident = store.incident(incident_id)
            where = ", ".join(m.place.name for m in incident.resolved_places) or "no place"
            flag = "  (changed since review)" if incident.review and incident.review.recheck else ""
            print(f"{incident_id}  {reports} report{'s' if reports != 1 else ''}  {incident.event_type}, {where}, "
                  f"{incident.date.start or 'undated'}{flag}")
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from geomap.review import change_line, diff_incidents

    from geomap.exc import FilterError
    from geomap.filters import IncidentFilter

    view = _filter(args)
    for option, day in (("--from", args.from_day), ("--to", args.to_day)):
        try:
            IncidentFilter(as_of=day)
        except FilterError:
            raise FilterError(f"{option}: {day!r} is not an ISO date such as 2020-10-11") from None
    if args.to_day is not None and args.to_day < args.from_day:
        raise FilterError(f"--to {args.to_day} is before --from {args.from_day}")
    with _stored(args) as store:
        before = store.incidents(replace(view, as_of=args.from_day))
        after = store.incidents(replace(view, as_of=args.to_day))
    for change in diff_incidents(before, after):
        print(json.dumps(change.to_json(), ensure_ascii=False) if args.json else change_line(change))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from geomap.dashboard import create_app
    from geomap.dashboard.queries import catalog, connect, store_problem
    from geomap.dashboard.server import serve
    from geomap.store import default_store_path

    store = Path(args.store) if args.store else default_store_path()
    # reads the store and never writes to it, unless --review: then the review log (geomap.dashboard.review_panel)
    app = create_app(store, review=args.review, reviewer=args.by)
    problem = store_problem(store)
    if problem is not None or not catalog(connect(store))["total"]:
        print(f"geomap serve: {problem or f'{store} holds no incidents yet'}; the dashboard shows it empty. "
              f"Add reports with `geomap ingest --store {store} REPORTS...` and reload the page.", file=sys.stderr)
    print(f"geomap dashboard on http://{args.host}:{args.port}/ over {store} (Ctrl-C stops it)", file=sys.stderr)
    if args.review:
        print(f"geomap serve: reviewing is on: anyone who can open this page can add reviews to {store}",
              file=sys.stderr)
    serve(app, store_path=store, host=args.host, port=args.port, threads=args.threads)
    return 0


def _add_filter_options(p: argparse.ArgumentParser, *, dates: bool = True) -> None:
    """The incident filters (geomap.filters.IncidentFilter), the same for incidents, export, brief and diff
    (which has no date window, and two days of its own)."""
    from geomap.filters import MAX_SEARCH_CHARS, NO_CLAIMANT, REVIEW_CHOICES, UNKNOWN, VERIFICATION_CHOICES

    p.add_argument("--store", default=None, help="store file (default: $GEOMAP_STORE, else ./geomap.db)")
    if dates:
        p.add_argument("--from", dest="date_from", default=None, help="only incidents on or after this ISO date")
        p.add_argument("--to", dest="date_to", default=None, help="only incidents on or before this ISO date")
        p.add_argument("--as-of", dest="as_of", default=None, metavar="DATE",
                       help="the map as known on DATE: only what reports published (and reviews made) by then told")
    p.add_argument("--type", action="append", help="only this event type (repeatable)")
    p.add_argument("--claimant", action="append",
                   help=f"only claims by this claimant (repeatable; {NO_CLAIMANT!r}: incidents nobody claims)")
    p.add_argument("--publisher", action="append", help="only incidents this publisher told (repeatable)")
    p.add_argument("--where-prec", action="append", metavar="CODE",
                   help=f"only this UCDP location precision, 1 exact .. 6 country, or {UNKNOWN} (repeatable)")
    p.add_argument("--date-prec", action="append", metavar="CODE",
                   help=f"only this UCDP date precision, 1 day .. 5 year, or {UNKNOWN} (repeatable)")
    p.add_argument("--verification", choices=VERIFICATION_CHOICES, default=None,
                   help="only corroborated incidents with no doubt noted, or only the others")
    p.add_argument("--search", type=_text(MAX_SEARCH_CHARS), default=None,
                   help="only incidents whose sentences, claimant or places contain these words "
                        f"(at most {MAX_SEARCH_CHARS} characters)")
    p.add_argument("--review", action="append", choices=REVIEW_CHOICES,
                   help="only incidents of this review status (repeatable; recheck: reviewed, then changed by "
                        "new reports)")
    p.add_argument("--include-rejected", action="store_true",
                   help="also the incidents an analyst rejected (left out by default)")


def _add_review_parsers(sub) -> None:
    """geomap review confirm | reject | set | merge | split | log | queue."""
    p = sub.add_parser("review", help="confirm, reject, correct, merge or split incidents, logged with a note; "
                                      "`review log` lists every change")
    actions = p.add_subparsers(dest="action", required=True)

    def action(name: str, help: str, *, many: bool = False) -> argparse.ArgumentParser:
        a = actions.add_parser(name, help=help)
        a.add_argument("ids", nargs="+" if many else 1, metavar="ID",
                       help="incident ids as `geomap incidents` prints them" if many else "an incident id")
        a.add_argument("--note", required=True, help="why, in a few words (kept in the review log)")
        a.add_argument("--by", default=None, help="who reviews (default: the system user name)")
        a.add_argument("--store", default=None, help="store file (default: $GEOMAP_STORE, else ./geomap.db)")
        a.set_defaults(func=_cmd_review)
        return a

    action("confirm", "the incident is right as shown (clears a recheck flag)")
    action("reject", "not an event, or not this conflict: hidden unless --include-rejected")
    a = action("set", "correct the place, day, type or figures; the extracted values are kept beside")
    a.add_argument("--place", default=None, metavar="NAME_OR_GEONAMES_ID",
                   help="a place name (a runner-up of the geoparser's, or the gazetteer's) or a gazetteer id")
    a.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="the day it happened")
    a.add_argument("--type", default=None, help="the event type (geomap's types, see README)")
    a.add_argument("--killed", default=None, metavar="N", help="how many were killed")
    a.add_argument("--wounded", default=None, metavar="N", help="how many were wounded")
    action("merge", "these incidents are one event", many=True)
    a = action("split", "a source tells another event: split its report's telling out")
    a.add_argument("--source", type=_number(int, 1), required=True, metavar="N",
                   help="the source to split out, numbered from 1 as `geomap incidents` lists them")
    a = actions.add_parser("log", help="every review: incident, action, field, before, after, note, who, when")
    a.add_argument("--json", action="store_true", help="one JSON object per line")
    a.add_argument("--incident", default=None, metavar="ID", help="only the reviews of this incident or claim")
    a.add_argument("--store", default=None, help="store file (default: $GEOMAP_STORE, else ./geomap.db)")
    a.set_defaults(func=_cmd_review_log)
    a = actions.add_parser("queue", help="the incidents still to review (unreviewed, or changed since their review), "
                                         "most reported first")
    a.add_argument("--limit", type=_number(int, 0), default=None, metavar="N", help="at most N incidents")
    a.add_argument("--store", default=None, help="store file (default: $GEOMAP_STORE, else ./geomap.db)")
    a.set_defaults(func=_cmd_review_queue)


def _add_view_options(p: argparse.ArgumentParser) -> None:
    _add_filter_options(p)
    p.add_argument("--force", action="store_true", help="overwrite existing output files")


def _number(kind: type, low: float, high: Optional[float] = None, *, unit: str = ""):
    """An argparse type: a `kind` number from `low` to `high`, or a clear error naming the range."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {'a whole number' if kind is int else 'a number'}") from None
        if value != value or value < low or (high is not None and value > high):  # NaN is out of every range
            top = f" to {high:g}" if high is not None else " or more"
            raise argparse.ArgumentTypeError(f"{text} is out of range: give {low:g}{top}{unit}")
        return value

    return parse


def _text(limit: int):
    """An argparse type: text of at most `limit` characters."""
    def parse(text: str) -> str:
        if len(text) > limit:
            raise argparse.ArgumentTypeError(f"{len(text)} characters is more than the {limit} it may have")
        return text

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomap", description="News reports to a conflict map, offline.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("geocode", help="print the place mentions of each report (file, or batch row) as one JSON line")
    p.add_argument("files", nargs="+", help="report files (.txt .html .jsonl .csv) or folders of them")
    p.add_argument("--online", action="store_true",
                   help="look names the offline gazetteer lacks up with Nominatim (geopy): rate-limited, cached "
                        "on disk, off by default; offline they stay unresolved")
    p.add_argument("--online-domain", default="nominatim.openstreetmap.org", help="Nominatim host[:port]")
    p.add_argument("--online-scheme", default="https", choices=("https", "http"))
    p.add_argument("--online-timeout", type=_number(float, 0.1, 600, unit=" seconds"), default=5.0, help="seconds per request (default 5)")
    p.add_argument("--online-delay", type=_number(float, 0, 3600, unit=" seconds"), default=1.0, help="seconds between requests (default 1)")
    p.set_defaults(func=_cmd_geocode)
    p = sub.add_parser("eval", help="score the geoparser on a gold JSONL file")
    p.add_argument("gold", help="JSONL: {id, text, toponyms: [{start, end, name, lat, lon}]} per line")
    p.add_argument("--demonyms", choices=("auto", "include", "exclude"), default="auto",
                   help="count demonyms (Russian, Turkish) as toponyms: auto follows what the gold annotates")
    p.set_defaults(func=_cmd_eval)
    p = sub.add_parser("eval-incidents", help="score the stored incidents against an incident gold (JSON line)")
    p.add_argument("gold", help='JSON: {REPORT: [{type, lat, lon, date, date_precision, killed, ...}], "same_event": [...]}')
    p.add_argument("--store", default=None, help="store file (default: $GEOMAP_STORE, else ./geomap.db)")
    p.add_argument("--before-merge", action="store_true",
                   help="score the incidents as extracted from each report, before merging across reports")
    p.add_argument("--gold-as-predictions", action="store_true",
                   help="score the gold's own incidents instead of a store: the figures of a perfect extraction")
    p.add_argument("--within-gazetteer", action="store_true",
                   help="score the gold's own incidents that a place the gazetteer holds and the report names (in the "
                        "--store's texts) lies near: the figures of a perfect extraction over this gazetteer")
    p.set_defaults(func=_cmd_eval_incidents)
    p = sub.add_parser("gazetteer", help="extend the gazetteer with your own places, or list what it holds")
    gazetteer_sub = p.add_subparsers(dest="gazetteer_command", required=True)
    q = gazetteer_sub.add_parser("add", help="merge a GeoNames country export (UA.txt) or a CSV (name,lat,lon,...) into the index")
    q.add_argument("file", help="GeoNames export (19 tab-separated columns) or CSV with a name,lat,lon header")
    q.set_defaults(func=_cmd_gazetteer_add)
    q = gazetteer_sub.add_parser("sources", help="list the index's sources, one JSON object per line")
    q.set_defaults(func=_cmd_gazetteer_sources)
    p = sub.add_parser("ingest", help="read reports into the incident store (idempotent, atomic); exits 1 when some input was skipped")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (txt, html, jsonl, csv)")
    p.add_argument("--store", default=None, help="store file (default: $GEOMAP_STORE, else ./geomap.db)")
    p.add_argument("--progress-every", type=_number(int, 1), default=100,
                   help="print progress every N reports (default 100)")
    p.add_argument("--report-seconds", type=_number(float, 1, 86400, unit=" seconds"), default=20.0, metavar="S",
                   help="CPU seconds each report may take to read and to extract, plus 5 s per MB of its text; a "
                        "report over it is skipped with the reason (default 20)")
    p.add_argument("--wait", type=_number(float, 0, 86400, unit=" seconds"), default=600.0, metavar="S",
                   help="how long to wait for another ingest into the same store to finish (default 600)")
    p.add_argument("--dask", type=_number(int, 0, 1024), default=0, metavar="N",
                   help="read and extract on a local Dask cluster of N worker processes, stopped at the end "
                        "(pip install 'geomap[dask]'); the same incidents as serial, the write stays one transaction")
    p.add_argument("--dask-scheduler", default=None, metavar="ADDRESS",
                   help="read and extract on a running dask.distributed scheduler (e.g. tcp://10.0.0.5:8786)")
    p.set_defaults(func=_cmd_ingest)
    p = sub.add_parser("incidents", help="print the stored incidents, one JSON object per line")
    _add_filter_options(p)
    p.add_argument("--limit", type=_number(int, 0), default=None, help="print at most N incidents")
    p.set_defaults(func=_cmd_incidents)
    p = sub.add_parser("export", help="write the (filtered) incidents as GeoJSON, GeoPackage, CSV or KML")
    p.add_argument("out", metavar="OUT", help="output file; its suffix gives the format when --format is omitted")
    p.add_argument("--format", default=None, help="geojson | gpkg | csv | kml")
    _add_view_options(p)
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser("brief", help="write a briefing pack: OUT_PREFIX.html (offline), .png and .pdf of the map")
    p.add_argument("out_prefix", metavar="OUT_PREFIX", help="e.g. briefings/front writes briefings/front.html/.png/.pdf")
    p.add_argument("--title", type=_text(300), default=None, help="title on the page and the images")
    p.add_argument("--size", default="1920x1080", help="PNG/PDF size in pixels, WIDTHxHEIGHT (default 1920x1080)")
    _add_view_options(p)
    p.set_defaults(func=_cmd_brief)
    _add_review_parsers(sub)
    p = sub.add_parser("diff", help="incidents new, changed (figures, place, day) and withdrawn between two days "
                                    "of the map as known then")
    p.add_argument("--from", dest="from_day", required=True, metavar="DATE", help="the earlier day")
    p.add_argument("--to", dest="to_day", default=None, metavar="DATE", help="the later day (default: as known now)")
    p.add_argument("--json", action="store_true", help="one JSON object per change")
    _add_filter_options(p, dates=False)
    p.set_defaults(func=_cmd_diff)
    p = sub.add_parser("serve", help="run the dashboard over the store (read only, unless --review)")
    p.add_argument("--store", default=None, help="store file (default: $GEOMAP_STORE, else ./geomap.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_number(int, 1, 65535), default=8050)
    p.add_argument("--threads", type=_number(int, 1, 1024), default=8, help="server worker threads (default 8)")
    p.add_argument("--review", action="store_true",
                   help="let the page review incidents: append to the store's review log (nothing else is written)")
    p.add_argument("--by", default=None, help="who reviews from this page, with --review (default: the system user)")
    p.set_defaults(func=_cmd_serve)
    return parser


#: Commands whose output is a stream of lines a reader may stop early (`geomap incidents | head`).
_STREAMS = ("geocode", "incidents")


def main(argv: list[str] | None = None) -> int:
    """Run one command; exit 0 when it did everything, 1 when `ingest` skipped some input, 2 when it failed
    (a bad option, a bad file or store, an error of geomap's own: a message, never a traceback), 130 on Ctrl-C."""
    import os
    import signal
    import traceback

    args = build_parser().parse_args(argv)  # a bad option: argparse's message, exit 2
    if args.command in _STREAMS and hasattr(signal, "SIGPIPE") and argv is None:
        # ends quietly when the reader stops; only for the command itself, not for a caller (a test runner)
        # that calls main() in-process and would be killed by a later broken pipe.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        return args.func(args)
    except GeomapError as exc:
        print(f"geomap: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("geomap: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a file or folder the system refused: not a bug, a path to fix
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"geomap: {where}{exc.strerror or exc}; check the path, its length and its permissions", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a bug: said in one line; the traceback on request, for the report
        if os.environ.get("GEOMAP_TRACEBACK"):
            traceback.print_exc()
        print(f"geomap: internal error ({type(exc).__name__}: {str(exc)[:300]}); this is a bug in geomap: please "
              "report it, with the traceback that GEOMAP_TRACEBACK=1 prints", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
