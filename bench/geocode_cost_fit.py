"""Where the geoparser's CPU goes per report: a least-squares fit of each report's CPU against its number of
candidate spans (the names the scan finds in the gazetteer), as a cost per report plus a cost per span.

Three fits over the same reports, in one process with the gazetteer loaded: recognition (`ReportText` and
`find_name_spans`: normalisation, the Aho-Corasick scan, reading each name's cues), ranking (`rank_spans` on those
spans as found, before `geoparse()` adds the cues of lists and possessives, which no fit times alone) and the whole
`geoparse()` (with names the gazetteer lacks). Corpus: bench_geocode.py's report-like documents (~4 KB of shuffled
seed and LGL sentences). Each report is timed once per stage in process CPU time; the per-name caches fill over the
first reports, as in a `geomap geocode` run.

Run: .venv/bin/python bench/geocode_cost_fit.py [--mb 10] [--lgl PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_geocode import DEFAULT_LGL, lgl_path, report_like_corpus  # noqa: E402

from geomap.gazetteer import shared_gazetteer  # noqa: E402
from geomap.geoparse import geoparse  # noqa: E402
from geomap.geoparse.rank import rank_spans  # noqa: E402
from geomap.geoparse.recognize import ReportText, find_name_spans  # noqa: E402


def timed_stages(text: str, gazetteer) -> tuple[int, float, float, float]:
    """(candidate spans, recognition CPU s, ranking CPU s, whole geoparse CPU s) of one report."""
    started = time.process_time()
    spans = find_name_spans(ReportText(text), gazetteer)
    recognised = time.process_time()
    rank_spans(spans, text, gazetteer)
    ranked = time.process_time()
    geoparse(text, gazetteer)
    return len(spans), recognised - started, ranked - recognised, time.process_time() - ranked


def per_report_and_span(spans: np.ndarray, seconds: np.ndarray) -> tuple[float, float, float]:
    """(CPU s a report, CPU s a span, R^2) of the least-squares line seconds = a + b * spans."""
    design = np.column_stack([np.ones_like(spans), spans])
    (intercept, slope), *_ = np.linalg.lstsq(design, seconds, rcond=None)
    residual = seconds - design @ (intercept, slope)
    spread = float(((seconds - seconds.mean()) ** 2).sum())
    return float(intercept), float(slope), 1.0 - float((residual ** 2).sum()) / spread if spread else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--lgl", help=f"the LGL corpus (lgl.jsonl); default $GEOMAP_LGL, else {DEFAULT_LGL}")
    args = parser.parse_args()
    docs = report_like_corpus(args.mb, lgl=lgl_path(args.lgl))
    gazetteer = shared_gazetteer()
    rows = np.array([timed_stages(doc, gazetteer) for doc in docs])
    spans = rows[:, 0]
    print(f"{len(docs)} reports, {sum(len(d.encode()) for d in docs) / 1e6:.1f} MB, "
          f"{spans.mean():.0f} candidate spans a report; CPU = a + b * spans, least squares")
    figures = {"reports": len(docs), "spans_per_report": round(float(spans.mean()), 1)}
    for column, stage in enumerate(("recognition", "ranking", "geoparse"), start=1):
        per_report, per_span, r2 = per_report_and_span(spans, rows[:, column])
        mean_ms = float(rows[:, column].mean()) * 1e3
        print(f"  {stage:12s} {per_report * 1e3:6.2f} ms a report + {per_span * 1e6:5.1f} us a span "
              f"(R^2 {r2:.2f}); mean {mean_ms:.2f} ms a report")
        figures[stage] = {"ms_per_report": round(per_report * 1e3, 3), "us_per_span": round(per_span * 1e6, 2),
                          "r2": round(r2, 3), "mean_ms": round(mean_ms, 3)}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
