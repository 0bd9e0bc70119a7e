"""Run the geomap dashboard on 127.0.0.1 over a store, read only (the same as `geomap serve`).

    .venv/bin/python app.py [--store PATH] [--port 8050]
"""

import argparse

from geomap.dashboard import create_app
from geomap.dashboard.server import serve
from geomap.store import default_store_path

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=str(default_store_path()))
    parser.add_argument("--port", type=int, default=8050)
    args = parser.parse_args()
    serve(create_app(args.store), store_path=args.store, port=args.port)
