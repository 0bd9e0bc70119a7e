"""Rebuild the gazetteer index from the registry packages and curated.csv (run by `make gazetteer`).

    python data/gazetteer/scripts/build_gazetteer.py [OUT_DIR]

OUT_DIR defaults to geomap.resources.gazetteer_index_dir(): data/gazetteer/build in a checkout.
"""

import sys
import time
from pathlib import Path

from geomap.gazetteer.build import build_index
from geomap.resources import data_path, gazetteer_index_dir

out = Path(sys.argv[1]) if len(sys.argv) > 1 else gazetteer_index_dir()
started = time.perf_counter()
counts = build_index(out, curated_path=data_path("gazetteer", "curated.csv"))
print(f"gazetteer built in {out} in {time.perf_counter() - started:.1f} s: {counts}")
