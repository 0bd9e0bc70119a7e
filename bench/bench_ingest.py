"""Ingest throughput: realistic synthetic reports into a temporary store; prints reports/s and peak memory.

    .venv/bin/python bench/bench_ingest.py [--reports 5000] [--seed 0] [--keep PATH]

Reports are built from the seeds' sentence shapes (accusations, tolls, quotes, denials,
verification notes, boilerplate) with real place names of the 2020 Karabakh war, so the
geoparser, event extraction and merging do the work they do on real news. About one report
in ten is a syndicated copy of another (reworded lead, extra paragraph), as in the seeds.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TOWNS = ["Ganja", "Barda", "Beylagan", "Stepanakert", "Tartar", "Fuzuli", "Jabrayil", "Hadrut", "Martuni",
         "Shusha", "Aghdam", "Mingachevir", "Goranboy", "Agdere", "Lachin", "Kalbajar", "Horadiz", "Yevlakh"]
CLAIMANTS = ["Azerbaijan's defence ministry", "Armenia's defence ministry", "Karabakh's foreign ministry",
             "The Azeri Prosecutor General's Office", "Hikmet Hajiyev, aide to President Aliyev",
             "Armenian defence ministry spokeswoman Shushan Stepanyan", "President Ilham Aliyev",
             "Prime Minister Nikol Pashinyan"]
DENIERS = ["Armenia", "Azerbaijan", "Yerevan", "Baku"]
PUBLISHERS = ["by Anadolu Agency", "Source: TRTWorld and agencies", "GVS News Desk", "by Reuters", "by AFP"]
NUMBERS = ["two", "three", "four", "five", "nine", "11", "14", "21", "34", "dozens of", "nearly 300", "at least 12"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

LEADS = [
    "{claimant} said {side} forces shelled residential areas in {town} on {weekday}, killing {n} civilians.",
    "Earlier on {weekday}, {accuser} accused {target} of heavily shelling a residential area in {town}, "
    "in the early hours of the morning.",
    "{claimant} tweeted that {side} forces attacked “densely populated civilian areas” in {town} and {town2} "
    "“with missiles and rockets.”",
    "Fighting between Armenia and Azerbaijan near {town} entered the {ordinal} day.",
    "A drone strike hit a military convoy near {town} on {weekday} morning, {claimant} said.",
    "Following a lull early {weekday}, there was renewed shelling in {town}, an AFP journalist in the city reported.",
]
FOLLOWS = [
    "{reporter} said {n} people had been killed and {m} wounded in the attack.",
    "Reuters could not independently verify the assertions about the number of deaths or injuries.",
    "{denier} denied the accusations.",
    "The two sides have reported a total of {total} deaths since the fighting erupted, including {civ} civilians.",
    "“We will be fighting until the end,” {claimant} said.",
    "{claimant} told reporters that a rocket had landed very close to {town}'s main hospital.",
    "Stoltenberg has also called for a ceasefire as the death toll rose during fighting in the South Caucasus.",
    "Talks to resolve the conflict, mediated by Russia, the United States and France, have made little progress.",
    "Air-raid sirens rang out and the city of {town} was littered with glass and debris from previous shelling.",
]
ORDINALS = ["ninth", "tenth", "eleventh", "twelfth", "fifteenth", "twentieth"]
BOILERPLATE = ["Leave a comment", "READ MORE: Azerbaijan says Armenia attacking cities far beyond conflict zone",
               "Share this story!", "You may also like"]


def synthetic_reports(n: int, *, seed: int = 0) -> list[tuple[str, str]]:
    """`n` (file name, text) pairs of realistic synthetic reports; deterministic for a seed."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    start = date(2020, 9, 27)
    for i in range(n):
        if out and rng.random() < 0.1:  # a syndicated copy of an earlier report, with a paragraph added
            name, text = rng.choice(out)
            out.append((f"r{i:06d}.txt", text.replace("\n\n", "\n\nSource: TRTWorld and agencies\n\n", 1)
                        + "\n\nTurkey, meanwhile, has supported Baku's right to self-defense."))
            continue
        day = start + timedelta(days=rng.randrange(40))
        towns = rng.sample(TOWNS, 3)
        accuser, target = rng.choice([("Azerbaijan", "Armenia"), ("Armenia", "Azerbaijan")])
        fill = dict(claimant=rng.choice(CLAIMANTS), side=rng.choice(["Armenian", "Azerbaijani"]), town=towns[0],
                    town2=towns[1], weekday=rng.choice(WEEKDAYS), accuser=accuser, target=target,
                    ordinal=rng.choice(ORDINALS), reporter=rng.choice(CLAIMANTS), n=rng.choice(NUMBERS),
                    m=rng.randrange(2, 60), denier=rng.choice(DENIERS), total=rng.randrange(100, 900),
                    civ=rng.randrange(10, 90))
        title = f"{accuser} accuses {target} of attacks on {towns[0]} (#{i})"
        lines = [title, "", day.strftime("%a %d %B %Y:"), rng.choice(PUBLISHERS), ""]
        lines.append(rng.choice(LEADS).format(**fill))
        for template in rng.sample(FOLLOWS, rng.randint(3, 6)):
            fill["town"] = rng.choice(towns)
            lines.append(template.format(**fill))
        lines += ["", rng.choice(BOILERPLATE)]
        out.append((f"r{i:06d}.txt", "\n".join(lines)))
    return out


def write_reports(folder: Path, n: int, *, seed: int = 0) -> list[Path]:
    """Write `n` synthetic reports as .txt files under `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in synthetic_reports(n, seed=seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", default=None, help="keep the store at this path")
    args = parser.parse_args(argv)

    from geomap.gazetteer import shared_gazetteer
    from geomap.store import IncidentStore

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        t0 = time.perf_counter()
        write_reports(folder, args.reports, seed=args.seed)
        t1 = time.perf_counter()
        gazetteer = shared_gazetteer()
        t2 = time.perf_counter()
        store_path = Path(args.keep) if args.keep else Path(tmp) / "bench.db"
        with IncidentStore(store_path) as store:
            summary = store.ingest([folder], gazetteer=gazetteer)
            t3 = time.perf_counter()
            again = store.ingest([folder], gazetteer=gazetteer)
            t4 = time.perf_counter()
            counts = store.counts()
    print(f"reports generated: {args.reports} in {t1 - t0:.1f} s; gazetteer loaded in {t2 - t1:.2f} s")
    print(f"ingest: {summary.reports_read} reports in {t3 - t2:.1f} s = {summary.reports_read / (t3 - t2):.0f} reports/s "
          f"({summary.incidents_extracted} incidents extracted, {summary.incidents} after merging, "
          f"{summary.claims} claims, {len(summary.reports_skipped)} skipped)")
    print(f"re-ingest of the same files: {again.already_present} already present, {again.reports_read} new, "
          f"{t4 - t3:.1f} s")
    print(f"store rows: {counts}")
    print(f"peak memory (max RSS): {_peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
