"""Records between stages: the JSON round trip the store relies on, and the `geomap incidents` shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Optional

from geomap.records import (Candidate, EventDate, Incident, Mention, Place, SourceRef, as_dict, as_json,
                             from_dict)

GANJA = Place("586523", "Ganja", 40.68157, 46.36134, "AZ", "P", "PPLA", 330663, "AZ.20")
GANJA_IA = Place("5120093", "Ganja", 42.3, -93.0, "US", "P", "PPL", 600, "US.IA")
SENTENCE = "Shelling hit Ganja on Sunday, the ministry said."
REPORT_START = 120  # where the sentence sits in its report


def ganja_shelling() -> Incident:
    at = REPORT_START + SENTENCE.index("Ganja")
    mention = Mention(at, at + 5, "Ganja", GANJA, 1, 0.93, runners_up=(Candidate(GANJA_IA, 0.12),))
    source = SourceRef("r1.txt", "Wire", "2020-10-11", SENTENCE, REPORT_START, REPORT_START + len(SENTENCE),
                       killed_low=9, killed_high=9, mention_spans=((at, at + 5),), claimant="the ministry")
    unresolved = Mention(10, 16, "Xyzzyv", None, 5, 0.0)
    return Incident("inc-1", "shelling", "Explosions/Remote violence", EventDate("2020-10-11", "2020-10-11", 1, "Sunday"),
                    (mention, unresolved), killed_low=9, killed_high=9, claimant="the ministry",
                    denied_by=("the other side",), sources=(source,), corroboration=2)


def test_an_incident_survives_json_whole_runners_up_included():
    incident = ganja_shelling()
    back = from_dict(Incident, json.loads(json.dumps(as_dict(incident))))
    assert back == incident
    assert back.places[0].runners_up[0].place == GANJA_IA
    assert isinstance(back.denied_by, tuple) and isinstance(back.sources[0].mention_spans[0], tuple)


def test_the_json_text_the_store_keeps_is_that_of_the_plain_dict():
    from geomap.precision import WherePrecision

    incident = ganja_shelling()
    text = as_json(incident)
    assert text == json.dumps(as_dict(incident), ensure_ascii=False)
    assert from_dict(Incident, json.loads(text)) == incident
    exact = Mention(3, 8, "Gäncä", GANJA, WherePrecision.EXACT, 0.5)  # an int enum is written as its number
    assert json.loads(as_json(exact))["precision"] == 1 and "Gäncä" in as_json(exact)


def test_keys_from_a_newer_geomap_are_ignored_and_missing_ones_take_their_default():
    data = as_dict(ganja_shelling())
    data["perpetrator"] = "someone"
    del data["civilians_killed_low"]
    assert from_dict(Incident, data) == ganja_shelling()


def test_a_field_added_to_a_record_round_trips_with_no_codec_change():
    @dataclass(frozen=True)
    class Later:
        date: EventDate
        places: tuple[Mention, ...] = ()
        note: Optional[str] = None

    later = Later(EventDate("2020-10-11", None, 1), (ganja_shelling().places[0],), "new")
    assert from_dict(Later, json.loads(json.dumps(as_dict(later)))) == later


def test_the_json_shape_puts_mention_spans_inside_the_sentence_and_names_unresolved_places():
    shown = ganja_shelling().to_json()
    assert shown["id"] == "inc-1" and shown["type"] == "shelling" and shown["time_precision"] == 1
    (source,) = shown["sources"]
    assert [SENTENCE[a:b] for a, b in source["mention_spans"]] == ["Ganja"]
    assert source["report"] == "r1.txt" and source["start"] == REPORT_START
    assert [p["name"] for p in shown["places"]] == ["Ganja", "Xyzzyv"]
    assert shown["places"][1] == {"place_id": None, "name": "Xyzzyv", "lat": None, "lon": None, "precision": None}


def test_location_precision_is_the_finest_resolved_place():
    incident = ganja_shelling()
    assert incident.geo_precision == 1 and incident.acled_geo_precision == 1
    vague = Incident("inc-2", "battle", "Battles", EventDate(None, None, None), (incident.places[1],))
    assert vague.geo_precision is None and vague.acled_time_precision is None
    assert vague.resolved_places == () and incident.resolved_places == incident.places[:1]
