"""Incidents, claims and places as uniform records with a geometry: what every export shares.

Geometry decision: an incident is a **MultiPoint of its resolved places**, in the
order the store lists them (the first is the primary place), one point when it
names one place, and `None` (GeoJSON `null`) when none resolved, so no incident is
ever dropped from an export. A Point-or-MultiPoint mix would be valid GeoJSON, but
GDAL reports such a layer as "Unknown (any)" and QGIS then splits it into two
sublayers; one geometry type keeps every export a single layer. Claims take the
geometry of their incident; places (one record per incident place, or per
mention when mentions are given) are Points.

Incidents come in as `geomap.records.Incident`; what goes out to a writer are plain dicts
with the same keys, in the same order, for every record of a kind (missing values are
None), so a writer sees one schema per layer.

Report text is untrusted, and other programs render export fields as HTML (QGIS map tips,
web-map popups built from GeoJSON, Google Earth balloons showing ExtendedData): every string
in a record is made inert (`inert`: `<` and `>` written as `&lt;` and `&gt;`), so no report can
put markup there. Text without them is unchanged; `html.unescape` gives back the original.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional, Sequence

from geomap.records import ORIGINAL_KEYS, Incident, Mention
from geomap.speakers import told_as_claim

#: The `geomap incidents` JSON shape, in its documented order; extra keys follow.
INCIDENT_KEYS = (
    "id", "type", "acled_event_type", "date_start", "date_end", "time_precision", "geo_precision",
    "places", "killed_low", "killed_high", "wounded_low", "wounded_high", "claimant", "is_claim",
    "denied_by", "counter_claims", "verification", "corroboration", "sources", "outlets",
    "review_status", "review_recheck", "review_note", "reviewed_by", "reviewed_at", "original",
)

CLAIM_KEYS = (
    "claim_id", "incident_id", "claimant", "status", "claim", "denied_by", "counter_claims",
    "verification", "type", "date_start", "date_end", "killed_low", "killed_high",
    "wounded_low", "wounded_high", "report", "publisher", "published",
)

PLACE_KEYS = (
    "place_id", "name", "lat", "lon", "precision", "incident_id", "report", "start", "end", "text", "role",
)


def is_resolved(place: dict) -> bool:
    """A place or mention dict has coordinates (unresolved mentions keep lat/lon None)."""
    return place.get("lat") is not None and place.get("lon") is not None


def primary_place(incident: Incident) -> Optional[Mention]:
    """The first resolved place: where a one-row-per-incident table (CSV) puts the incident."""
    places = incident.resolved_places
    return places[0] if places else None


def incident_geometry(incident: Incident) -> Optional[dict]:
    """A GeoJSON MultiPoint of the resolved places (longitude first), or None."""
    places = incident.resolved_places
    if not places:
        return None
    return {"type": "MultiPoint", "coordinates": [[float(m.place.lon), float(m.place.lat)] for m in places]}


def point_geometry(place: dict) -> Optional[dict]:
    """A GeoJSON Point for a place or mention dict (longitude first), or None when unresolved."""
    if not is_resolved(place):
        return None
    return {"type": "Point", "coordinates": [float(place["lon"]), float(place["lat"])]}


def _ordered_keys(rows: Iterable[dict], first: tuple[str, ...]) -> list[str]:
    keys = list(first)
    seen = set(keys)
    for row in rows:
        for key in row:
            if key not in seen:
                seen.add(key)
                keys.append(key)
    return keys


def _uniform(rows: list[dict], first: tuple[str, ...]) -> list[dict]:
    keys = _ordered_keys(rows, first)
    return [inert({key: row.get(key) for key in keys}) for row in rows]


_MARKUP = str.maketrans({"<": "&lt;", ">": "&gt;"})


def inert_text(text: str) -> str:
    """`text` that no HTML renderer reads as markup: `<` and `>` as entities (idempotent)."""
    return text.translate(_MARKUP)


def inert(value: Any) -> Any:
    """`value` (a string, or dicts and lists of them) with every string made inert (`inert_text`).

    A source's `mention_spans` (offsets into its `sentence`) move with the characters the escaping adds.
    """
    if isinstance(value, str):
        return inert_text(value)
    if isinstance(value, dict):
        out = {key: inert(item) for key, item in value.items()}
        sentence = value.get("sentence")
        if isinstance(sentence, str) and value.get("mention_spans") and ("<" in sentence or ">" in sentence):
            out["mention_spans"] = [[_inert_offset(sentence, a), _inert_offset(sentence, b)]
                                    for a, b in value["mention_spans"]]
        return out
    if isinstance(value, (list, tuple)):
        return type(value)(inert(item) for item in value)
    return value


def _inert_offset(text: str, offset: int) -> int:
    """Where `offset` into `text` lands in `inert_text(text)` (each `<` or `>` before it grows by 3)."""
    head = text[:max(0, offset)]
    return offset + 3 * (head.count("<") + head.count(">"))


def incident_records(incidents: Sequence[Incident]) -> list[tuple[dict, Optional[dict]]]:
    """(properties, geometry) per incident: the properties are the `geomap incidents` JSON shape."""
    return list(zip(_uniform([i.to_json() for i in incidents], INCIDENT_KEYS),
                    (incident_geometry(i) for i in incidents)))


def claim_status(incident: Incident) -> str:
    """`denied` when someone denies it, `disputed` when there are counter-claims, else `claimed`."""
    if incident.denied_by:
        return "denied"
    if incident.counter_claims:
        return "disputed"
    return "claimed"


def is_claim(incident: Incident) -> bool:
    """An incident told as someone's assertion (`geomap.speakers.told_as_claim`)."""
    return told_as_claim(incident.is_claim, incident.claimant)


def claim_records(incidents: Sequence[Incident]) -> list[tuple[dict, Optional[dict]]]:
    """(properties, geometry) per claim: each incident attributed to a claimant, who denies it, where.

    `claim` is the quoted sentence of the first source; every source stays on the incident.
    """
    rows, geometries = [], []
    for incident in incidents:
        if not is_claim(incident):
            continue
        first = incident.sources[0] if incident.sources else None
        rows.append({
            "claim_id": f"{incident.incident_id}:claim",
            "incident_id": incident.incident_id,
            "claimant": incident.claimant,
            "status": claim_status(incident),
            "claim": first.sentence if first else None,
            "denied_by": list(incident.denied_by),
            "counter_claims": list(incident.counter_claims),
            "verification": incident.verification or None,
            "type": incident.event_type,
            "date_start": incident.date.start,
            "date_end": incident.date.end,
            "killed_low": incident.killed_low,
            "killed_high": incident.killed_high,
            "wounded_low": incident.wounded_low,
            "wounded_high": incident.wounded_high,
            "report": first.report_id if first else None,
            "publisher": (first.publisher or None) if first else None,
            "published": first.published if first else None,
        })
        geometries.append(incident_geometry(incident))
    return list(zip(_uniform(rows, CLAIM_KEYS), geometries))


def place_records(incidents: Sequence[Incident], mentions: Optional[list[dict]] = None) -> list[tuple[dict, Optional[dict]]]:
    """(properties, geometry) per place: per mention when `mentions` (from `store.mentions()`) are given,
    else one per place of each incident (with `incident_id`). Unresolved ones keep a null geometry."""
    if mentions is not None:
        rows = [dict(m) for m in mentions]
    else:
        rows = [dict(place, incident_id=incident.incident_id)
                for incident in incidents for place in incident.to_json()["places"]]
    return list(zip(_uniform(rows, PLACE_KEYS), (point_geometry(r) for r in rows)))


def flat_value(value: Any) -> Any:
    """A value for a table cell: lists of strings joined with '; ', other lists and dicts as JSON."""
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, str) for v in value):
            return "; ".join(value)
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def flat_row(row: dict) -> dict:
    """A record for GeoPackage/KML: nested values flattened, sources also as `source_*` columns.

    `sources` becomes `sources_json` (every source with its sentence) plus the first source's
    report, publisher, published date and sentence and `source_count` (`outlets`, every outlet that carried
    the incident, reprints included, is '; '-joined like any list of names); `places` becomes
    `places_json` plus `place_names`; `original` (what the extraction said of the fields a reviewer
    corrected) becomes one `original_<key>` column per key of `ORIGINAL_KEYS`, beside the corrected one.
    """
    out: dict = {}
    for key, value in row.items():
        if key == "sources":
            sources = list(value or [])
            first = sources[0] if sources else {}
            out["sources_json"] = json.dumps(sources, ensure_ascii=False)
            out["source_count"] = len(sources)
            out["source_report"] = first.get("report")
            out["source_publisher"] = first.get("publisher")
            out["source_published"] = first.get("published")
            out["source_sentence"] = first.get("sentence")
        elif key == "places":
            places = list(value or [])
            out["places_json"] = json.dumps(places, ensure_ascii=False)
            out["place_names"] = "; ".join(str(p.get("name") or p.get("text") or "") for p in places)
        elif key == "original":
            for name in ORIGINAL_KEYS:
                out[f"original_{name}"] = flat_value((value or {}).get(name))
        else:
            out[key] = flat_value(value)
    return out


__all__ = [
    "INCIDENT_KEYS", "CLAIM_KEYS", "PLACE_KEYS", "is_resolved", "primary_place",
    "incident_geometry", "point_geometry", "incident_records", "claim_records", "place_records",
    "claim_status", "is_claim", "flat_value", "flat_row", "inert", "inert_text",
]
