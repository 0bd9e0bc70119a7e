"""Rebuild data/gazetteer/build/ from the registry packages and curated.csv (run by `make gazetteer`)."""

import sys
import time
from pathlib import Path

from geomap.gazetteer.build import build_index

root = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "build"
started = time.perf_counter()
counts = build_index(out, curated_path=root / "curated.csv")
print(f"gazetteer built in {out} in {time.perf_counter() - started:.1f} s: {counts}")
