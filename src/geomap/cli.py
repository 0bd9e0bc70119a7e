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

    gazetteer = shared_gazetteer()
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(json.dumps({"file": str(path), "error": f"cannot read: {exc}", "mentions": []}))
            status = 1
            continue
        mentions = geoparse(text, gazetteer)
        print(json.dumps({"file": str(path), "mentions": [m.to_json() for m in mentions]}, ensure_ascii=False))
    return status


def _cmd_eval(args: argparse.Namespace) -> int:
    from geomap.evaluate import format_report, read_gold, score
    from geomap.gazetteer import shared_gazetteer
    from geomap.geoparse import geoparse

    gazetteer = shared_gazetteer()
    docs = read_gold(Path(args.gold))
    figures = score(docs, lambda text: geoparse(text, gazetteer))
    print(format_report(figures))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomap", description="News reports to a conflict map, offline.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("geocode", help="print the place mentions of each file as one JSON line")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=_cmd_geocode)
    p = sub.add_parser("eval", help="score the geoparser on a gold JSONL file")
    p.add_argument("gold")
    p.set_defaults(func=_cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GeomapError as exc:
        print(f"geomap: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
