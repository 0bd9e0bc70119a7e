"""Seed-like incidents written into a real IncidentStore, for dashboard and browser tests.

The rows follow what the seeds tell (Ganja shelled on 2020-10-11, the Ganja/Barda/Beylagan
claim and Armenia's denial, the rocket near Stepanakert's hospital), plus the awkward cases a
map must not lose: a week-precision date, an incident with no resolved place, one with no
date, a stack of incidents at one spot, and a report carrying script-injection payloads.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from geomap.records import EventDate, Incident, Mention, Place, SourceRef
from geomap.store import IncidentStore

GANJA = Place("586523", "Ganja", 40.6828, 46.3606, "AZ", "P", "PPLA")
BARDA = Place("587057", "Barda", 40.3744, 47.1266, "AZ", "P", "PPLA")
BEYLAGAN = Place("148354", "Beylagan", 39.7756, 47.6186, "AZ", "P", "PPLA")
KHANKENDI = Place("146970", "Khankendi", 39.8153, 46.7519, "AZ", "P", "PPLA")
TARTAR = Place("147425", "Tartar", 40.3419, 46.9323, "AZ", "P", "PPLA")
KARABAKH = Place("curated:nk", "Nagorno-Karabakh", 39.9, 46.75, "AZ", "L", "RGN")

GANJA_SENTENCE = ("Nine civilians were killed and 34 wounded when Armenian forces shelled a residential area "
                  "of Ganja in the early hours of Sunday, the Azeri Prosecutor General's Office said.")
CLAIM_SENTENCE = ("Hikmet Hajiyev, aide to President Aliyev, tweeted that Armenian forces attacked "
                  "\u201cdensely populated civilian areas\u201d in Ganja, Barda, Beylagan and other towns")
HOSPITAL_SENTENCE = "A rocket hit near the main hospital in Stepanakert on Saturday, Karabakh officials said."
XSS_SENTENCE = ('Officials in Tartar said <script>window.__xss_script = 1</script> shells fell, '
                '<img src=x onerror="window.__xss_img = 1"> and <a href="javascript:window.__xss_link=1">see more</a>.')


def _mention(sentence: str, surface: str, place: Place, precision: int = 1) -> Mention:
    start = sentence.index(surface)
    return Mention(start, start + len(surface), surface, place, precision, 0.9)


def _source(report: str, publisher: str, published: str, sentence: str, spans=(), **extra) -> SourceRef:
    return SourceRef(report, publisher, published, sentence, 0, len(sentence), mention_spans=tuple(spans), **extra)


def _spans(sentence: str, *names: str):
    return [(sentence.index(n), sentence.index(n) + len(n)) for n in names]


def seedlike_incidents() -> list[Incident]:
    """The hand-made incidents every dashboard test starts from."""
    out = [
        Incident("inc-ganja-shelling", "shelling", "Explosions/Remote violence",
                 EventDate("2020-10-11", "2020-10-11", 1, "early hours of Sunday"),
                 (_mention(GANJA_SENTENCE, "Ganja", GANJA),), killed_low=9, killed_high=9, wounded_low=34,
                 wounded_high=34, claimant="the Azeri Prosecutor General's Office", is_claim=True,
                 denied_by=("Armenia's defence ministry",),
                 verification="Reuters could not independently verify the reports.",
                 sources=(_source("002_795c765db5f53e9b.txt", "Reuters", "2020-10-11", GANJA_SENTENCE,
                                  _spans(GANJA_SENTENCE, "Ganja")),
                          _source("004_69d44303080b5a50.txt", "TRT World", "2020-10-11", GANJA_SENTENCE,
                                  _spans(GANJA_SENTENCE, "Ganja"))),
                 corroboration=2),
        Incident("inc-claim-towns", "shelling", "Explosions/Remote violence",
                 EventDate("2020-10-04", "2020-10-04", 1, "on Sunday"),
                 tuple(_mention(CLAIM_SENTENCE, n, p) for n, p in (("Ganja", GANJA), ("Barda", BARDA),
                                                                   ("Beylagan", BEYLAGAN))),
                 claimant="Hikmet Hajiyev", is_claim=True, denied_by=("Armenia",),
                 sources=(_source("000_85a7f8ab5cef56bc.txt", "Anadolu Agency", "2020-10-05", CLAIM_SENTENCE,
                                  _spans(CLAIM_SENTENCE, "Ganja", "Barda", "Beylagan")),)),
        Incident("inc-stepanakert-hospital", "missile_strike", "Explosions/Remote violence",
                 EventDate("2020-10-03", "2020-10-03", 1, "on Saturday"),
                 (_mention(HOSPITAL_SENTENCE, "Stepanakert", KHANKENDI),), claimant="Karabakh officials",
                 is_claim=False,
                 sources=(_source("003_b163161e0a909d7f.txt", "Reuters", "2020-10-04", HOSPITAL_SENTENCE,
                                  _spans(HOSPITAL_SENTENCE, "Stepanakert")),)),
        Incident("inc-week-fighting", "battle", "Battles", EventDate("2020-10-05", "2020-10-11", 3, "last week"),
                 (Mention(0, 16, "Nagorno-Karabakh", KARABAKH, 4, 0.8),), killed_low=200, killed_high=300,
                 is_claim=False,
                 sources=(_source("001_be499ba81f919fdf.txt", "Global Village Space", "2020-10-12",
                                  "Nagorno-Karabakh saw heavy fighting last week, with hundreds killed.",
                                  [(0, 16)]),)),
        Incident("inc-no-place", "statement", "", EventDate("2020-10-06", "2020-10-06", 1, "on Tuesday"), (),
                 claimant="Turkish Foreign Minister Mevlut Cavusoglu", is_claim=True,
                 sources=(_source("000_85a7f8ab5cef56bc.txt", "Anadolu Agency", "2020-10-06",
                                  "Armenia directly targets civilians, which is essentially a war crime.", ()),)),
        Incident("inc-no-date", "ceasefire", "Strategic developments", EventDate(None, None, None, ""),
                 (_mention("A ceasefire in Barda was discussed.", "Barda", BARDA, 2),), is_claim=False,
                 sources=(_source("001_be499ba81f919fdf.txt", "Global Village Space", None,
                                  "A ceasefire in Barda was discussed.", [(13, 18)]),)),
        Incident("inc-xss", "shelling", "Explosions/Remote violence", EventDate("2020-10-09", "2020-10-09", 1),
                 (_mention(XSS_SENTENCE, "Tartar", TARTAR),), claimant="<b>officials</b>", is_claim=True,
                 denied_by=('<img src=x onerror="window.__xss_denied=1">',),
                 verification='<script>window.__xss_note=1</script>',
                 sources=(_source("<script>window.__xss_report=1</script>.txt", '<a href="javascript:alert(1)">x</a>',
                                  "2020-10-09", XSS_SENTENCE, _spans(XSS_SENTENCE, "Tartar")),)),
    ]
    # Five incidents at one spot in Barda on consecutive days: the map must spread them apart.
    for k in range(5):
        day = date(2020, 10, 14) + timedelta(days=k)
        sentence = f"Shells hit Barda on {day:%d %B}, local officials said."
        out.append(Incident(f"inc-barda-{k}", "shelling", "Explosions/Remote violence",
                            EventDate(day.isoformat(), day.isoformat(), 1), (_mention(sentence, "Barda", BARDA),),
                            killed_low=k, killed_high=k, claimant="local officials", is_claim=True,
                            sources=(_source(f"synthetic-barda-{k}", "AFP", day.isoformat(), sentence,
                                             _spans(sentence, "Barda")),)))
    return out


def write_incidents(store: IncidentStore, incidents) -> None:
    """Write incident records straight into the store (no geoparsing), in one transaction."""
    store._db.execute("BEGIN IMMEDIATE")
    try:
        store._insert_incidents(incidents)
        store._db.execute("COMMIT")
    except BaseException:
        store._db.execute("ROLLBACK")
        raise


def make_sample_store(path: Path) -> Path:
    """A store file at `path` holding `seedlike_incidents()`."""
    with IncidentStore(path) as store:
        write_incidents(store, seedlike_incidents())
    return path
