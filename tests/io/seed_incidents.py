"""Incidents in the `geomap incidents` shape, written by hand from the seeds' facts.

Sentences and their spans are taken from the seed files at test time, so each
source quote is verbatim. Coordinates are the shipped gazetteer's.
"""

from __future__ import annotations

from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

GANJA = {"place_id": "586523", "name": "Ganja", "lat": 40.68157, "lon": 46.36134, "precision": 1}
BARDA = {"place_id": "587057", "name": "Barda", "lat": 40.37577, "lon": 47.12619, "precision": 1}
BEYLAGAN = {"place_id": "148354", "name": "Beylagan", "lat": 39.77556, "lon": 47.61861, "precision": 1}
ANKARA = {"place_id": "323786", "name": "Ankara", "lat": 39.91987, "lon": 32.85427, "precision": 1}
MOSCOW = {"place_id": "524901", "name": "Moscow", "lat": 55.75222, "lon": 37.61556, "precision": 1}
NAGORNO_KARABAKH = {"place_id": "curated:nagorno-karabakh", "name": "Nagorno-Karabakh", "lat": 39.8, "lon": 46.75,
                    "precision": 5}


def source(seed: str, sentence: str, *, publisher: str, published: str) -> dict:
    """A source dict quoting `sentence` verbatim from the seed file whose name starts with `seed`."""
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    text = path.read_text(encoding="utf-8")
    start = text.index(sentence)
    return {"report": path.name, "publisher": publisher, "published": published, "sentence": sentence,
            "start": start, "end": start + len(sentence)}


def _incident(**fields) -> dict:
    base = {"id": None, "type": None, "acled_event_type": None, "date_start": None, "date_end": None,
            "time_precision": None, "places": [], "killed_low": None, "killed_high": None, "wounded_low": None,
            "wounded_high": None, "claimant": None, "denied_by": [], "verification": None, "corroboration": 1,
            "sources": []}
    base.update(fields)
    return base


def seed_incidents() -> list[dict]:
    return [
        _incident(
            id="inc-ganja-2020-10-11", type="shelling", acled_event_type="Explosions/Remote violence",
            date_start="2020-10-11", date_end="2020-10-11", time_precision=1, places=[GANJA],
            killed_low=9, killed_high=9, wounded_low=34, wounded_high=34,
            claimant="Azeri Prosecutor General\u2019s Office", is_claim=True,
            verification="Reuters could not independently verify Azeri assertions about the number of deaths or injuries.",
            sources=[source("004", "The Azeri Prosecutor General\u2019s Office said nine people had been killed and 34 "
                                   "wounded in the attack.", publisher="TRT World", published="2020-10-12")],
        ),
        _incident(
            id="inc-ganja-barda-beylagan-2020-10-05", type="missile strike", acled_event_type="Explosions/Remote violence",
            date_start="2020-10-03", date_end="2020-10-05", time_precision=2, places=[GANJA, BARDA, BEYLAGAN],
            claimant="Hikmet Hajiyev", is_claim=True, denied_by=["Armenia"], counter_claims=["Armenia denied the accusations."],
            corroboration=1,
            sources=[
                source("000", "Hikmet Hajiyev, aide to President Aliyev, tweeted that Armenian forces attacked "
                              "\u201cdensely populated civilian areas\u201d in Ganja, Barda, Beylagan and other towns "
                              "\u201cwith missiles and rockets.\u201d", publisher="TRT World", published="2020-10-05"),
                source("002", "Hikmet Hajiyev, aide to President Aliyev, tweeted that Armenian forces attacked "
                              "\u201cdensely populated civilian areas\" in Ganja, Barda, Beylagan and other towns "
                              "\u201cwith missiles and rockets.\"", publisher="TRT World and agencies",
                       published="2020-10-05"),
            ],
        ),
        _incident(
            id="inc-ankara-meeting-2020-10-05", type="meeting", acled_event_type="Strategic developments",
            date_start="2020-10-05", date_end="2020-10-05", time_precision=1, places=[ANKARA], is_claim=False,
            sources=[source("001", "\u201cArmenia directly targets civilians [in Azerbaijan] which is essentially a war "
                                   "crime,\u201d said Mevlut Cavusoglu after hosting NATO Secretary General Jens "
                                   "Stoltenberg in the capital Ankara.", publisher="Anadolu Agency",
                            published="2020-10-05")],
        ),
        _incident(
            id="inc-nk-toll-2020-10-06", type="battle", acled_event_type="Battles",
            date_start="2020-09-27", date_end="2020-10-06", time_precision=3, places=[NAGORNO_KARABAKH],
            killed_low=270, killed_high=300, claimant=None, geo_precision=5,
            sources=[source("003", "Fierce clashes that erupted on September 27 between Armenian-backed separatists "
                                   "and Azerbaijani forces over the disputed Nagorno-Karabakh region have claimed "
                                   "nearly 300 lives and show no sign of letting up, with both sides vowing to "
                                   "continue the fight.", publisher="Global Village Space", published="2020-10-06")],
        ),
        _incident(
            id="inc-moscow-truce-2020-10-10", type="ceasefire", acled_event_type="Strategic developments",
            date_start="2020-10-10", date_end="2020-10-10", time_precision=1, places=[MOSCOW], is_claim=False,
            sources=[source("004", "The Russian-brokered ceasefire, clinched after 10 hours of talks in Moscow, was "
                                   "meant to halt fighting", publisher="TRT World", published="2020-10-12")],
        ),
        _incident(
            id="inc-unlocated-2020-10-06", type="statement", acled_event_type="Strategic developments",
            date_start="2020-10-06", date_end="2020-10-06", time_precision=1, places=[],
            claimant="both sides", is_claim=True,
            sources=[source("003", "Both sides continued to claim to have inflicted heavy losses in manpower and "
                                   "equipment and to accuse each other of targeting civilian areas.",
                            publisher="Global Village Space", published="2020-10-06")],
        ),
    ]
