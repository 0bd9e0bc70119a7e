"""`geomap geocode` and `geomap eval` as other tools call them: a subprocess, JSON out."""

import json
from pathlib import Path
import subprocess
import sys

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

MENTION_KEYS = {"start", "end", "text", "place_id", "name", "lat", "lon", "country_code", "feature",
                "precision", "confidence", "role"}


def geomap(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "geomap.cli", *args], capture_output=True, text=True, **kwargs)


def test_geocode_prints_one_json_object_per_file_with_the_stable_shape():
    result = geomap("geocode", str(SEEDS))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0
    assert [line["file"].rsplit("/", 1)[-1] for line in lines] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for line in lines:
        text = (SEEDS / line["file"].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        for m in line["mentions"]:
            assert MENTION_KEYS <= m.keys()
            assert text[m["start"]:m["end"]] == m["text"]
            assert m["role"] in {"place", "demonym"}
            if m["place_id"] is not None:
                assert -90 <= m["lat"] <= 90 and -180 <= m["lon"] <= 180 and 1 <= m["precision"] <= 6
                assert 0.0 <= m["confidence"] <= 1.0
    ganja = [m for line in lines for m in line["mentions"] if m["text"] == "Ganja"]
    assert ganja and {m["place_id"] for m in ganja} == {"586523"}


def test_geocode_keeps_unresolved_names_with_a_null_place(tmp_path):
    report = tmp_path / "village.txt"
    report.write_text("Shells fell on the village of Qzvryxa near the front, the ministry said.", encoding="utf-8")
    (line,) = [json.loads(x) for x in geomap("geocode", str(report)).stdout.splitlines()]
    unresolved = [m for m in line["mentions"] if m["text"] == "Qzvryxa"]
    assert unresolved and unresolved[0]["place_id"] is None and unresolved[0]["lat"] is None


def test_geocode_names_an_unreadable_file_and_still_prints_the_others(tmp_path):
    (tmp_path / "good.txt").write_text("Rockets hit Ganja overnight.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = geomap("geocode", str(tmp_path))
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert result.returncode == 1
    assert any(line["file"].endswith("good.txt") and line["mentions"] for line in lines)
    bad = [line for line in lines if line["file"].endswith("binary.txt")]
    assert bad and bad[0]["error"]


def test_eval_prints_f1_and_accuracy_and_ends_with_a_json_line():
    result = geomap("eval", str(DATA / "seeds_gold.jsonl"))
    assert result.returncode == 0
    assert "F1" in result.stdout and "accuracy@161km" in result.stdout
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"precision", "recall", "f1", "overlap_f1", "acc_at_161km", "mean_error_km", "median_error_km",
            "documents", "toponyms"} <= figures.keys()
    assert figures["documents"] == 5 and figures["toponyms"] == 217 and figures["f1"] > 0.9


def test_eval_rejects_a_malformed_gold_file_with_a_clear_error(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "x", "text": "Baku"}\n', encoding="utf-8")
    result = geomap("eval", str(gold))
    assert result.returncode == 2 and "gold.jsonl:1" in result.stderr and "toponyms" in result.stderr


def test_eval_names_a_missing_gold_file_without_a_traceback(tmp_path):
    result = geomap("eval", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2
    assert "missing.jsonl" in result.stderr and "Traceback" not in result.stderr
