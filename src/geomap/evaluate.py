"""Score the geoparser against a gold file: recognition P/R/F1 and resolution error."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from geopy.distance import geodesic

from geomap.exc import EvalError
from geomap.records import Mention

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
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "documents": documents,
        "toponyms": gold_total,
        "demonyms_counted": count_demonyms,
    }


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
        json.dumps(figures, sort_keys=True),
    ]
    return "\n".join(lines)
