"""Property-based fuzzing of the readers (Hypothesis): whatever the bytes, a reader returns text or a
ReportError naming the input, never another exception, and what it returns is clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from geomap.exc import ReportError
from geomap.reports import (
    MAX_ID_CHARS,
    clean_text,
    decode_report_bytes,
    html_to_text,
    read_csv_batch,
    read_jsonl_batch,
    report_or_problem,
)

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text as reports come: words in several scripts, punctuation, line breaks, now and then a control character.
words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "Cc", "Sm", "So")),
                max_size=200)
markup_pieces = st.lists(st.one_of(
    words,
    st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "</script>", "<style>", "</style>",
                     "<!--", "-->", "<title>", "</title>", "<h1>", "</h1>", "<", ">", "</", "'", '"', "&amp;",
                     "&#x3c;", "&lt;script&gt;", "<a href='", "<svg>", "</svg>", "<![CDATA[", "]]>",
                     "<meta property='article:published_time' content='", "<time datetime='"]),
), max_size=40).map("".join)


@FUZZ
@given(st.binary(max_size=4096))
@example(b"\xff\xfe\x00")
@example(b"\x00" * 10 + b"text")
@example("Gəncə".encode("utf-8")[:-1])
@example(b"\xef\xbb\xbf\xe2\x80")
def test_any_bytes_decode_to_clean_text_or_a_report_error(data):
    try:
        decoded = decode_report_bytes(data, path="fuzz.txt")
    except ReportError as error:
        assert "fuzz.txt" in str(error)
        return
    assert not FORBIDDEN.search(decoded.text)


@FUZZ
@given(words)
def test_utf8_text_comes_back_as_written_unless_a_repair_is_noted(text):
    text = clean_text(text)
    if not text.strip():
        return  # nothing to read: refused as empty by read_report_text
    try:
        decoded = decode_report_bytes(text.encode("utf-8"), path="fuzz.txt")
    except ReportError:
        return  # mostly symbols: refused as not text, by name
    assert decoded.text == text or decoded.notes


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.sampled_from(["utf-16", "utf-32", "cp1252"]))
def test_other_encodings_of_text_are_read_back(text, encoding):
    text = clean_text(text)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        decoded = decode_report_bytes(data, path="fuzz.txt")
    except ReportError:
        return
    if encoding != "cp1252":  # single-byte text may read as UTF-8 by chance ("Ã©" is "é"): noted or not, it's text
        assert decoded.text == text or decoded.notes


@FUZZ
@given(markup_pieces, st.text(alphabet="ABCDEFGHIJ", min_size=8, max_size=8))
def test_html_never_leaks_script_contents_and_never_raises(markup, secret):
    # Script and style first: markup before them could make them text in a browser too ("<?<script>" is a
    # bogus comment that ends at the tag's ">").
    assume(secret not in markup)
    page = f"<script>var {secret} = '</p>';</script><style>.{secret} {{}}</style>{markup}<!-- {secret} -->"
    text, title, meta = html_to_text(page)
    assert secret not in text
    assert not FORBIDDEN.search(text + title + "".join(meta.values()))


@FUZZ
@given(st.text(max_size=2000))
def test_plain_text_as_html_keeps_its_words(text):
    if "<" in text or "&" in text:
        return
    page_text, _, _ = html_to_text(text)
    assert page_text.split() == clean_text(text).split()


row_values = st.one_of(st.none(), words, st.integers(), st.floats(allow_nan=True), st.booleans(),
                       st.lists(words, max_size=3), st.dictionaries(words, words, max_size=2))
rows = st.one_of(
    st.fixed_dictionaries({"id": row_values, "text": row_values},
                          optional={"title": row_values, "source": row_values, "url": row_values,
                                    "published": st.one_of(row_values, st.dates().map(str))}),
    row_values,
)


@FUZZ
@given(st.lists(rows, max_size=8), st.lists(st.text(max_size=60), max_size=3))
def test_jsonl_batches_give_clean_rows_or_named_problems(batch, junk_lines):
    lines = [json.dumps(r) for r in batch] + junk_lines
    _check_batch(read_jsonl_batch, "\n".join(lines) + "\n")


@FUZZ
@given(st.lists(st.lists(st.one_of(words, st.sampled_from(['"', ",", "\n", "2020-10-11", "x" * 300])),
                         max_size=8), max_size=6))
def test_csv_batches_give_clean_rows_or_named_problems(cells):
    header = "id,title,text,source,url,published\n"
    _check_batch(read_csv_batch, header + "\n".join(",".join(row) for row in cells) + "\n")


def _check_batch(reader, text: str) -> None:
    path = Path("fuzz/batch")
    try:
        sources, problems = reader(clean_text(text), path=path)
    except ReportError as error:
        assert str(path) in str(error)
        return
    assert all(str(path) in p.reason for p in problems)
    assert len({s.report_id for s in sources}) == len(sources)
    for source in sources:
        assert source.text.strip() and source.report_id and len(source.report_id) <= MAX_ID_CHARS
        assert not source.url or source.url.startswith(("http://", "https://"))
        for value in (source.text, source.title, source.publisher, source.report_id):
            assert not FORBIDDEN.search(value)
        report, problem = report_or_problem(source)
        assert (report is None) != (problem is None)
        if problem is not None:
            assert "bug in geomap" not in problem.reason, problem.reason
