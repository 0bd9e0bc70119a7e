"""The reader against a corpus of hostile inputs written by the tests: each is kept (repaired, with a
note) or named with its reason, never raised, never hung on, and read in time linear in its size."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from geomap.reports import html_to_text, read_sources, report_or_problem
from hostile_corpus import HOSTILE_INPUTS, path_kinds, write_hostile_corpus

#: Inputs whose detection step (title, publisher, publication date) is the slow part: read here without it;
#: the ingest's time budget covers them (tests/hostile/test_hostile_ingest.py).
LARGE = {item.name for item in HOSTILE_INPUTS if item.may_exceed_budget}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    items = write_hostile_corpus(folder)
    started = time.process_time()
    sources, problems = read_sources(folder)
    reading_seconds = time.process_time() - started
    reports = []
    for source in sources:
        if Path(source.source_path).name in LARGE:
            continue
        report, problem = report_or_problem(source)
        if report is not None:
            reports.append(report)
        else:
            problems.append(problem)
    return folder, items, sources, reports, problems, reading_seconds


def test_the_corpus_has_at_least_thirty_kinds_of_input(corpus):
    _, items, *_ = corpus
    assert len(items) >= 30


def test_reading_the_whole_corpus_takes_seconds_not_minutes(corpus):
    *_, reading_seconds = corpus
    assert reading_seconds < 20  # about 3 s on this machine: 5.5 MB of it


def test_every_file_is_kept_or_named_once_with_its_reason(corpus):
    folder, items, sources, _, problems, _ = corpus
    kinds = path_kinds(items)
    named = {Path(p.path).name for p in problems}
    kept_files = {Path(s.source_path).name for s in sources}
    for name in kinds:
        assert name in named or name in kept_files, f"{name} was neither kept nor named"
    assert named <= set(kinds), f"problems for files the corpus did not write: {named - set(kinds)}"


@pytest.mark.parametrize("item", [i for i in HOSTILE_INPUTS if i.kept], ids=lambda i: i.kind)
def test_what_can_be_read_is_kept(corpus, item):
    _, items, sources, reports, _, _ = corpus
    if item not in items:
        pytest.skip(f"this platform cannot make {item.kind}")
    found = {s.report_id: s for s in sources if Path(s.source_path).name == item.name}
    assert set(item.kept) <= set(found), f"{item.name}: kept {sorted(found)}, expected {item.kept}"
    if item.name not in LARGE:
        detected = {r.report_id for r in reports if Path(r.source_path).name == item.name}
        assert set(item.kept) <= detected
    for report_id in item.kept:
        source = found[report_id]
        for text in item.contains:
            assert text in source.text, (report_id, text)
        for text in item.lacks:
            assert text not in source.text and text not in source.url, (report_id, text)
        for words in item.notes:
            kept = [r for r in reports if r.report_id == report_id]
            notes = " | ".join(kept[0].reading_notes if kept else source.notes)
            assert words in notes, (report_id, words, notes)


@pytest.mark.parametrize("item", [i for i in HOSTILE_INPUTS if i.reasons], ids=lambda i: i.kind)
def test_what_cannot_be_read_is_named_with_its_reason(corpus, item):
    _, items, _, _, problems, _ = corpus
    if item not in items:
        pytest.skip(f"this platform cannot make {item.kind}")
    reasons = [p.reason for p in problems if Path(p.path).name in path_kinds([item])]
    assert reasons, f"{item.name} was not named"
    for reason in reasons:
        assert any(words in reason for words in item.reasons), reason
        assert item.name in reason or Path(item.name).stem in reason  # a reason reads alone in a summary
    for words in item.reasons:  # every expected kind of row problem is met
        if len(item.reasons) > 1 and item.name.endswith((".jsonl", ".csv")):
            assert any(words in reason for reason in reasons), (item.name, words)


def test_no_text_read_carries_control_characters_or_lone_surrogates(corpus):
    _, _, sources, _, _, _ = corpus
    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
    for source in sources:
        for field in (source.text, source.title, source.publisher, source.url):
            assert not forbidden.search(field), source.report_id


def test_a_future_or_ancient_dateline_is_refused_and_the_report_kept_undated(corpus):
    _, _, _, reports, _, _ = corpus
    by_id = {r.report_id: r for r in reports}
    for name in ("far_future_date.txt", "ancient_date.html"):
        assert by_id[name].published is None
        assert any("publication date refused" in note for note in by_id[name].reading_notes)


def test_an_impossible_dateline_costs_the_date_not_the_report(corpus):
    _, _, _, reports, _, _ = corpus
    report = next(r for r in reports if r.report_id == "impossible_date.txt")
    assert report.title == "Shelling near Tartar"
    assert report.published is None or "2023-12" not in report.published


def test_a_fifo_beside_a_report_is_named_without_being_opened_for_long(tmp_path):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "zeros.txt")
    (tmp_path / "report.txt").write_text("Shelling hit Tartar\n11 October 2020\nTwo people were wounded.\n")
    started = time.monotonic()
    sources, problems = read_sources(tmp_path)
    assert time.monotonic() - started < 5
    assert [s.report_id for s in sources] == ["report.txt"]
    assert sorted(Path(p.path).name for p in problems) == ["pipe.txt", "zeros.txt"]
    assert all("not a regular file" in p.reason for p in problems)


def test_a_link_to_a_folder_inside_a_folder_is_named_not_followed(tmp_path):
    import os

    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "report.txt").write_text("Shelling hit Tartar\nTwo people were wounded.\n")
    os.symlink(tmp_path, tmp_path / "inner" / "loop")  # a folder that contains itself
    sources, problems = read_sources(tmp_path)
    assert [s.report_id for s in sources] == ["report.txt"]
    assert len(problems) == 1 and "link to a folder" in problems[0].reason


def _cpu_seconds(func, *args) -> float:
    started = time.process_time()
    func(*args)
    return time.process_time() - started


@pytest.mark.parametrize("shape", [
    lambda n: "</" * n,
    lambda n: "<a " * n,
    lambda n: "<a b='" * n,
    lambda n: "<!--" * n,
    lambda n: "<div>" * n + "x" + "</span>" * n + "</div>" * n,
    lambda n: "<script>" + "</scrip" * n,
    lambda n: "&#" * n + "&amp" * n,
], ids=["end-tag-openers", "unclosed-tags", "unclosed-quotes", "comment-openers", "stray-end-tags-deep",
        "unclosed-script", "entities"])
def test_html_text_takes_time_linear_in_the_page(shape):
    """Doubling a crafted page at most about doubles the time (html.parser and libxml2 quadruple it)."""
    n = 10_000
    small = min(_cpu_seconds(html_to_text, shape(n)) for _ in range(2))
    large = min(_cpu_seconds(html_to_text, shape(4 * n)) for _ in range(2))
    assert large < 8 * max(small, 0.005), (small, large)  # 4x the input: linear ~4x, quadratic ~16x
