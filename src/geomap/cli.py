"""The `geomap` command: geocode | eval (ingest, incidents, serve, export, brief follow)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geomap.exc import GeomapError


def _cmd_geocode(args: argparse.Namespace) -> int:
    from geomap.gazetteer import shared_gazetteer
    from geomap.geoparse import geoparse

    from geomap.reports import read_reports

    gazetteer = shared_gazetteer()
    reports, problems = read_reports(args.files)
    for report in reports:
        mentions = geoparse(report.text, gazetteer)
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

    gazetteer = shared_gazetteer()
    docs = read_gold(Path(args.gold))
    figures = score(docs, lambda text: geoparse(text, gazetteer), demonyms=args.demonyms)
    print(format_report(figures))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomap", description="News reports to a conflict map, offline.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("geocode", help="print the place mentions of each report (file, or batch row) as one JSON line")
    p.add_argument("files", nargs="+", help="report files (.txt .html .jsonl .csv) or folders of them")
    p.set_defaults(func=_cmd_geocode)
    p = sub.add_parser("eval", help="score the geoparser on a gold JSONL file")
    p.add_argument("gold", help="JSONL: {id, text, toponyms: [{start, end, name, lat, lon}]} per line")
    p.add_argument("--demonyms", choices=("auto", "include", "exclude"), default="auto",
                   help="count demonyms (Russian, Turkish) as toponyms: auto follows what the gold annotates")
    p.set_defaults(func=_cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    import signal

    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `geomap incidents | head` ends quietly
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GeomapError as exc:
        print(f"geomap: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
