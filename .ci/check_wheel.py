"""Build geomap's wheel, install it into a new virtual environment and run the main commands outside the checkout.

    python3 .ci/check_wheel.py [--keep]

What a user gets from `pip install geomap-*.whl`: every command must work from an unrelated
folder, with no file of the checkout within reach (the current folder is a temporary one and
the checkout's `src/` is not on the path). The gazetteer index is built at first use into a
fresh cache folder, as on a new machine. Prints one line per check and exits 1 on the first
failure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
REPORT = ("KYIV, Oct 10 (Wire) - Shelling hit Kharkiv on Monday, killing three people and wounding 12, "
          "the regional governor said. Russian forces also struck the outskirts of Izium, officials said.\n")


def run(command: list[str], *, cwd: Path, env: dict, check: bool = True, timeout: float = 1800) -> str:
    started = time.monotonic()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    took = time.monotonic() - started
    if check and done.returncode != 0:
        print(f"FAILED ({took:.0f} s): {' '.join(command)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        raise SystemExit(1)
    print(f"ok ({took:.0f} s): {' '.join(Path(c).name if os.sep in c else c for c in command)}", flush=True)
    return done.stdout + done.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="geomap-wheel-"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "GEOMAP_GAZETTEER_DIR",
                                                             "GEOMAP_STORE")}
    env["XDG_CACHE_HOME"] = str(work / "cache")  # a new machine: no gazetteer index yet
    try:
        python = sys.executable
        run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(work / "dist"), str(CHECKOUT)],
            cwd=work, env=env)
        (wheel,) = (work / "dist").glob("geomap-*.whl")
        run([python, "-m", "venv", str(work / "venv")], cwd=work, env=env)
        bin_dir = work / "venv" / "bin"
        run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "-c", str(CHECKOUT / "constraints.txt"),
             str(wheel)], cwd=work, env=env)
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
        here = work / "elsewhere"
        (here / "reports").mkdir(parents=True)
        (here / "reports" / "kharkiv.txt").write_text(REPORT, encoding="utf-8")
        for seed in sorted((CHECKOUT / "seeds").glob("*.txt")):
            shutil.copy(seed, here / "reports" / seed.name)

        out = run([str(bin_dir / "python"), "-c", "import geomap; print(geomap.geoparse('Shelling hit Kharkiv on "
                   "Monday.'))"], cwd=here, env=env)
        assert "building the gazetteer index" in out, "the first use says it builds the index"
        assert "Kharkiv" in out and "49.9" in out and "36.2" in out, out[-2000:]
        out = run(["geomap", "geocode", "reports/kharkiv.txt"], cwd=here, env=env)
        mentions = json.loads(out.splitlines()[0])["mentions"]
        assert any(m["name"] == "Kharkiv" and abs(m["lat"] - 49.99) < 0.1 for m in mentions), mentions
        out = run(["geomap", "ingest", "--store", "s.db", "reports"], cwd=here, env=env)
        assert "reports read: 6" in out, out
        out = run(["geomap", "incidents", "--store", "s.db", "--search", "kharkiv"], cwd=here, env=env)
        assert out.strip() and all(json.loads(line)["places"] for line in out.splitlines()), out
        for fmt in ("geojson", "gpkg", "csv", "kml"):
            run(["geomap", "export", "--store", "s.db", "--format", fmt, f"view.{fmt}"], cwd=here, env=env)
            assert (here / f"view.{fmt}").stat().st_size > 1000, fmt
        run(["geomap", "brief", "--store", "s.db", "--title", "Wheel check", "pack"], cwd=here, env=env)
        assert all((here / f"pack.{kind}").stat().st_size > 1000 for kind in ("html", "png", "pdf"))
        port = free_port()
        server = subprocess.Popen(["geomap", "serve", "--store", "s.db", "--port", str(port)], cwd=here, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            page = ""
            for _ in range(120):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                        page = response.read().decode("utf-8")
                    break
                except OSError:
                    time.sleep(1)
            assert "_dash-config" in page, "the dashboard answers"
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout", timeout=60) as response:
                assert b"GeoNames (CC BY 4.0)" in response.read(), "the layout is built over the store"
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/assets/geomap.css", timeout=30) as response:
                assert response.status == 200, "the packaged assets are served"
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/geomap/boundaries/countries.geojson",
                                        timeout=30) as response:
                assert json.loads(response.read())["features"], "the boundaries are served"
            print("ok: serve")
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"wheel check passed: {wheel.name}")
        return 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
