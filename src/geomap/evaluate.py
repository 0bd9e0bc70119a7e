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
    with open(path, encoding="utf-8") as fh:
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
            except (ValueError, KeyError, TypeError) as exc:
                raise EvalError(f"{path}:{number}: not a gold document ({exc}); expected keys id, text, toponyms") from exc
    return docs


def score(docs: Iterable[GoldDocument], parse: Callable[[str], list[Mention]]) -> dict:
    """Recognition is scored on place mentions (demonyms are not toponyms); resolution on
    the exactly matched spans the system resolved, as the published LGL figures are."""
    true_pos = overlap_pos = predicted = gold_total = documents = 0
    overlap_gold_hit = 0
    errors: list[float] = []
    for doc in docs:
        documents += 1
        mentions = [m for m in parse(doc.text) if m.role == "place"]
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
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def format_report(figures: dict) -> str:
    """Human-readable lines, then one line of JSON that other tools read."""
    lines = [
        f"documents {figures['documents']}, gold toponyms {figures['toponyms']}",
        f"recognition (exact span):   precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  F1 {figures['f1']:.3f}",
        f"recognition (overlap):      F1 {figures['overlap_f1']:.3f}",
        f"resolution: accuracy@161km {figures['acc_at_161km']:.3f}  mean error {figures['mean_error_km']} km  median {figures['median_error_km']} km",
        json.dumps(figures, sort_keys=True),
    ]
    return "\n".join(lines)
