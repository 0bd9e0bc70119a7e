"""Synthetic incidents for the benchmarks: realistic records written straight into a store.

They take the shapes the seeds show (towns of one war's front, its dates, its claimants and
outlets) so that figures measured on them are comparable run to run; nothing in `geomap`
knows them. A store filled here holds no reports or claims, so an ingest into it would
re-merge them away: use a store of its own.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from geomap.events import EVENT_TYPES
from geomap.records import EventDate, Incident, Mention, Place, SourceRef
from geomap.store import IncidentStore

TOWNS = [("586523", "Ganja", 40.6828, 46.3606), ("587057", "Barda", 40.3744, 47.1266),
         ("148354", "Beylagan", 39.7756, 47.6186), ("146970", "Khankendi", 39.8153, 46.7519),
         ("148141", "Jabrayil", 39.3999, 47.0245), ("174991", "Martuni", 39.7951, 47.1145),
         ("147425", "Tartar", 40.3419, 46.9323), ("585170", "Shusha", 39.7583, 46.7484),
         ("147622", "Fuzuli", 39.6003, 47.1431), ("146993", "Hadrut", 39.5200, 47.0317),
         ("587378", "Aghdam", 39.9911, 46.9297), ("584716", "Mingachevir", 40.7640, 47.0596)]
CLAIMANTS = ["Azerbaijan's defence ministry", "Armenia's defence ministry", "Karabakh's foreign ministry",
             "the Azeri Prosecutor General's Office", "Hikmet Hajiyev", "Shushan Stepanyan", ""]
PUBLISHERS = ["Reuters", "AFP", "Anadolu Agency", "TRT World", "Global Village Space", "Armenpress"]
FIRST_DAY = date(2020, 9, 27)


def synthetic_incidents(n: int, *, seed: int = 0) -> list[Incident]:
    """`n` incidents over 45 days at a dozen towns, deterministic for a seed."""
    rng = random.Random(seed)
    types = [t for t in EVENT_TYPES if t != "statement"]
    incidents = []
    for i in range(n):
        town = rng.choice(TOWNS)
        kind = rng.choice(types)
        day = FIRST_DAY + timedelta(days=rng.randrange(45))
        width = rng.choice([0, 0, 0, 1, 3, 6])
        prec = 1 if width == 0 else 2 if width <= 5 else 3
        killed = rng.choice([None, None, 0, 1, 2, 3, 5, 9, 14, 21])
        claimant = rng.choice(CLAIMANTS)
        sentence = (f"{claimant or 'Officials'} said {killed or 'several'} people had been killed when "
                    f"{kind.replace('_', ' ')} hit {town[1]} early on {day:%A}.")
        place = Place(f"synthetic:{town[0]}", town[1], town[2] + rng.uniform(-0.02, 0.02),
                      town[3] + rng.uniform(-0.02, 0.02), "AZ", "P", "PPL")
        spot = sentence.index(town[1])
        mention = Mention(spot, spot + len(town[1]), town[1], place, 1, 0.9)
        source = SourceRef(f"synthetic-{i:06d}", rng.choice(PUBLISHERS), day.isoformat(), sentence, 0,
                           len(sentence), killed, killed, claimant=claimant, is_claim=bool(claimant),
                           mention_spans=((spot, spot + len(town[1])),))
        incidents.append(Incident(
            f"syn-{seed}-{i:07d}", kind, EVENT_TYPES[kind].acled_event_type or "",
            EventDate(day.isoformat(), (day + timedelta(days=width)).isoformat(), prec), (mention,),
            killed_low=killed, killed_high=killed, claimant=claimant, is_claim=bool(claimant),
            sources=(source,), corroboration=rng.choice([1, 1, 1, 2, 3])))
    return incidents


def fill_store(path: Path, n: int, *, seed: int = 0) -> None:
    """A store at `path` holding `synthetic_incidents(n, seed=seed)`, written in one transaction."""
    with IncidentStore(path) as store, store.transaction():
        store.replace_incidents((), synthetic_incidents(n, seed=seed))
