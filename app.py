"""Run the geomap dashboard on 127.0.0.1 over the store (ingesting this checkout's seeds/ first when it is empty).

    .venv/bin/python app.py [--store PATH] [--port 8050]
"""

import argparse
from pathlib import Path

from geomap.dashboard import create_app
from geomap.store import default_store_path

SEEDS = Path(__file__).resolve().parent / "seeds"

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=str(default_store_path()))
    parser.add_argument("--port", type=int, default=8050)
    args = parser.parse_args()
    app = create_app(args.store, seeds=SEEDS)
    app.run(host="127.0.0.1", port=args.port, debug=False)
