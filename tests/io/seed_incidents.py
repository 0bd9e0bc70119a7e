"""Incident records written by hand from the seeds' facts, for the export tests.

Sentences and their spans are taken from the seed files at test time, so each
source quote is verbatim. Coordinates are the shipped gazetteer's.
"""

from __future__ import annotations

from pathlib import Path

from geomap.records import EventDate, Incident, Mention, Place, SourceRef

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

GANJA = Place("586523", "Ganja", 40.68157, 46.36134, "AZ", "P", "PPLA")
BARDA = Place("587057", "Barda", 40.37577, 47.12619, "AZ", "P", "PPLA")
BEYLAGAN = Place("148354", "Beylagan", 39.77556, 47.61861, "AZ", "P", "PPLA")
ANKARA = Place("323786", "Ankara", 39.91987, 32.85427, "TR", "P", "PPLC")
MOSCOW = Place("524901", "Moscow", 55.75222, 37.61556, "RU", "P", "PPLC")
NAGORNO_KARABAKH = Place("curated:nagorno-karabakh", "Nagorno-Karabakh", 39.8, 46.75, "AZ", "L", "RGN",
                         source="curated")


def _seed_text(seed: str) -> tuple[str, str]:
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    return path.name, path.read_text(encoding="utf-8")


def source(seed: str, sentence: str, *, publisher: str, published: str) -> SourceRef:
    """A source quoting `sentence` verbatim from the seed file whose name starts with `seed`."""
    name, text = _seed_text(seed)
    start = text.index(sentence)
    return SourceRef(name, publisher, published, sentence, start, start + len(sentence))


def place(seed: str, found: Place, precision: int = 1) -> Mention:
    """The first mention of `found` by name in the seed file whose name starts with `seed`."""
    _, text = _seed_text(seed)
    start = text.index(found.name)
    return Mention(start, start + len(found.name), found.name, found, precision, 0.9)


def seed_incidents() -> list[Incident]:
    return [
        Incident(
            "inc-ganja-2020-10-11", "shelling", "Explosions/Remote violence",
            EventDate("2020-10-11", "2020-10-11", 1), (place("004", GANJA),),
            killed_low=9, killed_high=9, wounded_low=34, wounded_high=34,
            claimant="Azeri Prosecutor General\u2019s Office", is_claim=True,
            verification="Reuters could not independently verify Azeri assertions about the number of deaths or injuries.",
            sources=(source("004", "The Azeri Prosecutor General\u2019s Office said nine people had been killed and 34 "
                                   "wounded in the attack.", publisher="TRT World", published="2020-10-12"),),
        ),
        Incident(
            "inc-ganja-barda-beylagan-2020-10-05", "missile strike", "Explosions/Remote violence",
            EventDate("2020-10-03", "2020-10-05", 2), tuple(place("000", p) for p in (GANJA, BARDA, BEYLAGAN)),
            claimant="Hikmet Hajiyev", is_claim=True, denied_by=("Armenia",),
            counter_claims=("Armenia denied the accusations.",), corroboration=1,
            sources=(
                source("000", "Hikmet Hajiyev, aide to President Aliyev, tweeted that Armenian forces attacked "
                              "\u201cdensely populated civilian areas\u201d in Ganja, Barda, Beylagan and other towns "
                              "\u201cwith missiles and rockets.\u201d", publisher="TRT World", published="2020-10-05"),
                source("002", "Hikmet Hajiyev, aide to President Aliyev, tweeted that Armenian forces attacked "
                              "\u201cdensely populated civilian areas\" in Ganja, Barda, Beylagan and other towns "
                              "\u201cwith missiles and rockets.\"", publisher="TRT World and agencies",
                       published="2020-10-05"),
            ),
        ),
        Incident(
            "inc-ankara-meeting-2020-10-05", "meeting", "Strategic developments",
            EventDate("2020-10-05", "2020-10-05", 1), (place("001", ANKARA),), is_claim=False,
            sources=(source("001", "\u201cArmenia directly targets civilians [in Azerbaijan] which is essentially a "
                                   "war crime,\u201d said Mevlut Cavusoglu after hosting NATO Secretary General Jens "
                                   "Stoltenberg in the capital Ankara.", publisher="Anadolu Agency",
                            published="2020-10-05"),),
        ),
        Incident(
            "inc-nk-toll-2020-10-06", "battle", "Battles", EventDate("2020-09-27", "2020-10-06", 3),
            (place("003", NAGORNO_KARABAKH, 5),), killed_low=270, killed_high=300, is_claim=True,
            sources=(source("003", "Fierce clashes that erupted on September 27 between Armenian-backed separatists "
                                   "and Azerbaijani forces over the disputed Nagorno-Karabakh region have claimed "
                                   "nearly 300 lives and show no sign of letting up, with both sides vowing to "
                                   "continue the fight.", publisher="Global Village Space", published="2020-10-06"),),
        ),
        Incident(
            "inc-moscow-truce-2020-10-10", "ceasefire", "Strategic developments",
            EventDate("2020-10-10", "2020-10-10", 1), (place("004", MOSCOW),), is_claim=False,
            sources=(source("004", "The Russian-brokered ceasefire, clinched after 10 hours of talks in Moscow, was "
                                   "meant to halt fighting", publisher="TRT World", published="2020-10-12"),),
        ),
        Incident(
            "inc-unlocated-2020-10-06", "statement", "Strategic developments",
            EventDate("2020-10-06", "2020-10-06", 1), (), claimant="both sides", is_claim=True,
            sources=(source("003", "Both sides continued to claim to have inflicted heavy losses in manpower and "
                                   "equipment and to accuse each other of targeting civilian areas.",
                            publisher="Global Village Space", published="2020-10-06"),),
        ),
    ]
