"""Incidents, claims and statements from a report's sentences and place mentions, one per event.

`extract_incidents(report, mentions)` is the whole stage (`geomap.events.extract` documents
its steps); the pieces are public so they can be tested and reused on their own:
`taxonomy` (event types and ACLED's), `mentions` (what a sentence tells of), `places` (where
it happened), `casualties` (figures), `claimants` (who says so).
"""

from geomap.events.casualties import VAGUE_AMOUNTS, Casualties, figure_range, find_casualties
from geomap.events.claimants import Claimant, find_claimant
from geomap.events.extract import extract_incidents
from geomap.events.mentions import EventMention, read_mention
from geomap.events.places import EventPlaces, event_places
from geomap.events.taxonomy import EVENT_TYPES, VIOLENT_TYPES, EventType

__all__ = ["Casualties", "Claimant", "EVENT_TYPES", "EventMention", "EventPlaces", "EventType", "VAGUE_AMOUNTS",
           "VIOLENT_TYPES", "event_places", "extract_incidents", "figure_range", "find_casualties", "find_claimant",
           "read_mention"]
