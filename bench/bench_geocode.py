"""Geocoding throughput against two anchors on the same text, plus gazetteer cold load.

Corpus: >= 10 MB of report-like text in ~4 KB documents, built by shuffling the sentences
of the seeds and (when ../shared/eval/lgl.jsonl is beside the repo) the LGL news articles.
Anchors: `grep -F -o -w -f <every gazetteer name>` (case-sensitive; loading its patterns
timed apart from matching) and the `geotext` package's bare `GeoText(doc)` calls.

Run: .venv/bin/python bench/bench_geocode.py [--mb 10]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"
DOC_BYTES = 4096


def report_like_corpus(megabytes: float, *, seed: int = 7) -> list[str]:
    """Documents of ~4 KB made of real news sentences, shuffled."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if LGL.exists():
        texts += [json.loads(line)["text"] for line in LGL.open(encoding="utf-8")]
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


def measure_cold_load() -> tuple[float, float]:
    """Seconds and peak MB to import geomap and load the gazetteer in a fresh process."""
    code = ("import time, resource; t = time.perf_counter(); from geomap.gazetteer import Gazetteer; "
            "g = Gazetteer.load(); print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def measure_geomap(docs: list[str]) -> tuple[float, int, int]:
    from geomap.gazetteer import shared_gazetteer
    from geomap.geoparse import geoparse

    gazetteer = shared_gazetteer()
    geoparse(docs[0], gazetteer)  # warm the normalisation tables
    found = resolved = 0
    started = time.perf_counter()
    for doc in docs:
        mentions = geoparse(doc, gazetteer)
        found += len(mentions)
        resolved += sum(m.place is not None for m in mentions)
    return time.perf_counter() - started, found, resolved


def measure_grep(docs: list[str], workdir: Path) -> tuple[float, float, int]:
    """(pattern-loading seconds, matching seconds, matches)."""
    from geomap.gazetteer import default_index_dir

    names = workdir / "names.txt"
    with sqlite3.connect(default_index_dir() / "names.sqlite") as con, names.open("w", encoding="utf-8") as fh:
        for (name,) in con.execute("SELECT DISTINCT name FROM names"):
            if name and "\n" not in name:
                fh.write(name + "\n")
    corpus = workdir / "corpus.txt"
    corpus.write_text("\n".join(docs), encoding="utf-8")
    empty = workdir / "empty.txt"
    empty.write_text("", encoding="utf-8")

    def run(path: Path) -> tuple[float, int]:
        started = time.perf_counter()
        proc = subprocess.run(["grep", "-F", "-o", "-w", "-f", str(names), str(path)],
                              capture_output=True, env={"LC_ALL": "C.UTF-8"})
        return time.perf_counter() - started, proc.stdout.count(b"\n")

    load, _ = min(run(empty) for _ in range(2))
    total, matches = run(corpus)
    return load, max(total - load, 1e-9), matches


def measure_geotext(docs: list[str]) -> tuple[float, int]:
    from geotext import GeoText

    GeoText(docs[0])  # its index loads on first use
    found = 0
    started = time.perf_counter()
    for doc in docs:
        g = GeoText(doc)
        found += len(g.cities) + len(g.countries)
    return time.perf_counter() - started, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    args = parser.parse_args()
    docs = report_like_corpus(args.mb)
    megabytes = sum(len(d.encode()) for d in docs) / 1e6
    print(f"corpus: {len(docs)} documents, {megabytes:.1f} MB (~{DOC_BYTES // 1024} KB each)")

    load_s, load_mb = measure_cold_load()
    print(f"gazetteer cold load: {load_s:.2f} s, peak {load_mb:.0f} MB resident (targets: <= 1 s, <= 300 MB)")

    geomap_s, found, resolved = measure_geomap(docs)
    with tempfile.TemporaryDirectory() as tmp:
        grep_load, grep_match, grep_found = measure_grep(docs, Path(tmp))
    geotext_s, geotext_found = measure_geotext(docs)

    rate = megabytes / geomap_s
    grep_rate = megabytes / grep_match
    geotext_rate = megabytes / geotext_s
    print(f"geomap geocode (find + resolve): {rate:6.1f} MB/s  {len(docs) / geomap_s:7.0f} docs/s  "
          f"{found} mentions, {resolved} resolved")
    print(f"grep -F -o -w -f names:          {grep_rate:6.1f} MB/s matching after {grep_load:.2f} s loading "
          f"{grep_found} matches, none resolved")
    print(f"geotext GeoText(doc):            {geotext_rate:6.1f} MB/s  {len(docs) / geotext_s:7.0f} docs/s  "
          f"{geotext_found} places, none resolved")
    print(f"ratios: geomap / grep matching = {rate / grep_rate:.2f} (target >= 0.5); "
          f"geomap / geotext = {rate / geotext_rate:.2f} (target >= 1.0)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"corpus_mb": round(megabytes, 1), "documents": len(docs), "geomap_mb_s": round(rate, 2),
                      "geomap_docs_s": round(len(docs) / geomap_s), "grep_mb_s": round(grep_rate, 2),
                      "grep_load_s": round(grep_load, 2), "geotext_mb_s": round(geotext_rate, 2),
                      "cold_load_s": round(load_s, 3), "cold_load_peak_mb": round(load_mb),
                      "bench_peak_mb": round(peak)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
