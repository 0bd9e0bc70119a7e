"""Reading reports: the five seed reports, and a corpus of bad inputs that must be named, never raised."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from geomap.exc import ReportDecodeError, ReportError
from geomap.reports import (
    content_hash,
    decode_report_bytes,
    detect_publisher,
    read_report_text,
    read_reports,
    report_from_html,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BAD_INPUTS = Path(__file__).resolve().parent / "data" / "bad_inputs"

BOILERPLATE = ("Leave a comment", "READ MORE", "Read more", "You may also like", "Share this story",
               "Think your friends", "Welcome to", "You must login")


@pytest.fixture(scope="module")
def seed_reports():
    reports, problems = read_reports(SEEDS)
    assert problems == []
    return {report.report_id[:3]: report for report in reports}


@pytest.fixture(scope="module")
def bad_corpus():
    reports, problems = read_reports(BAD_INPUTS)
    return {r.report_id: r for r in reports}, {Path(p.path).name: p.reason for p in problems}, problems


# --- the five seeds -------------------------------------------------------------------------------------


def test_every_seed_is_read_in_sorted_order():
    reports, problems = read_reports(SEEDS)
    assert [r.report_id for r in reports] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert problems == []


@pytest.mark.parametrize("seed, title, publisher, published", [
    ("000", "Turkey, a longtime ally of Azerbaijan, has accused Armenia of committing war crimes after reports it "
            "has been targeting civilian territories in the fight over occupied Karabakh.", "", "2020-10-05"),
    ("001", "Turkey Says Armenia’s Targeting Civilians ‘War Crime’", "Anadolu Agency", "2020-09-28"),
    ("002", "Turkey, a longtime ally of Azerbaijan, has accused Armenia of committing war crimes after reports it "
            "has been targeting civilian territories in the fight over occupied Karabakh.", "TRT World", "2020-10-05"),
    ("003", "Turkey calls for international community to back Azerbaijan", "Global Village Space", "2020-10-06"),
    ("004", "Dubbing the recent attack a “war crime,” Aliyev said it is also a “gross violation” of the Geneva "
            "Conventions", "Reuters", "2020-10-12"),
])
def test_seed_title_publisher_and_publication_date(seed_reports, seed, title, publisher, published):
    report = seed_reports[seed]
    assert report.title == title
    assert report.publisher == publisher
    assert report.published == published
    assert report.published_evidence
    assert not any(words in report.title for words in BOILERPLATE)


def test_seed_text_is_the_file_verbatim(seed_reports):
    for report in seed_reports.values():
        assert report.text == Path(report.source_path).read_text(encoding="utf-8")


def test_banner_and_its_date_are_not_the_title_of_seed_003(seed_reports):
    report = seed_reports["003"]
    assert "Welcome" not in report.title and "2023" not in report.title
    assert report.published == "2020-10-06"
    assert "tenth day" in report.published_evidence
    assert "September 27" in report.published_evidence
    assert "Friday, December 1, 2023" in report.published_evidence  # named as ignored


def test_dateline_of_seed_004_is_stripped_from_its_title_and_read_as_its_date(seed_reports):
    report = seed_reports["004"]
    assert not report.title.startswith("Mon 12 October")
    assert report.published_confidence >= 0.9


def test_seed_001_without_a_day_count_is_dated_with_low_confidence(seed_reports):
    assert seed_reports["001"].published_confidence < seed_reports["002"].published_confidence
    assert seed_reports["001"].published_confidence <= 0.4


def test_content_hash_ignores_whitespace_case_and_page_chrome(seed_reports, tmp_path):
    body = "Fighting  entered\nthe NINTH day."
    assert content_hash(body) == hashlib.sha256(b"fighting entered the ninth day.").hexdigest()
    # The same story with and without its boilerplate and trailing credit hashes the same.
    text = (SEEDS / "001_be499ba81f919fdf.txt").read_text(encoding="utf-8")
    stripped = text.replace("You may also like", "").replace("Leave a Comment", "").replace("by Anadolu Agency", "")
    copy = tmp_path / "copy.txt"
    copy.write_text(stripped, encoding="utf-8")
    reports, _ = read_reports(copy)
    assert reports[0].content_hash == seed_reports["001"].content_hash
    assert seed_reports["000"].content_hash != seed_reports["001"].content_hash


# --- bad inputs -----------------------------------------------------------------------------------------


def test_every_good_report_in_the_bad_corpus_is_kept(bad_corpus):
    reports, _, _ = bad_corpus
    assert sorted(reports) == sorted([
        "csv-1", "csv-3",  # the csv batch minus its bad row
        "rt-001", "rt-002",  # the jsonl batch minus its cut-off last line
        "latin1_report.txt", "utf16_report.txt", "script_injection.html", "no_date.txt",
        "utf16_without_bom.txt",  # repaired, with a note
    ])


@pytest.mark.parametrize("name, words", [
    ("binary_photo.txt", "binary"),
    ("empty.txt", "empty"),
    ("whitespace_only.txt", "empty"),
    ("not_text.txt", "neither UTF-8 nor text in Latin-1"),
    ("truncated_utf8.txt", "truncated"),
    ("truncated.jsonl", "row 3 is cut off"),
    ("batch_one_bad_row.csv", "row 2 (id 'csv-2') has no text"),
    ("report.pdf", "not a report format"),
])
def test_every_bad_input_is_named_with_its_reason(bad_corpus, name, words):
    _, reasons, _ = bad_corpus
    assert words in reasons[name]
    assert name in reasons[name]  # the reason names the file, so it reads alone in a summary


def test_each_bad_input_is_reported_once(bad_corpus):
    _, reasons, problems = bad_corpus
    assert len(problems) == len(reasons) == 8


def test_reasons_say_what_to_do(bad_corpus):
    _, reasons, _ = bad_corpus
    fixes = ("re-save", "export", "remove", "fill in", "convert", "download")
    for name, reason in reasons.items():
        assert any(fix in reason for fix in fixes), (name, reason)


def test_latin1_text_is_decoded_with_its_accents_and_cp1252_quotes(bad_corpus):
    reports, _, _ = bad_corpus
    report = reports["latin1_report.txt"]
    assert "Göygöl" in report.text and "café" in report.text
    assert "“a miracle”" in report.text
    assert report.title == "Shelling reported near Göygöl"
    assert report.publisher == "Anadolu Agency"


def test_utf16_with_bom_is_decoded(bad_corpus):
    reports, _, _ = bad_corpus
    report = reports["utf16_report.txt"]
    assert report.title == "Ganja hit by rockets overnight"
    assert "Gəncə" in report.text and "\ufeff" not in report.text
    assert report.published == "2020-10-11"


def test_utf16_without_bom_is_decoded_and_the_repair_noted(bad_corpus):
    reports, _, _ = bad_corpus
    report = reports["utf16_without_bom.txt"]
    assert "\x00" not in report.text and report.text.split()[0].isalpha()
    assert any("UTF-16" in note for note in report.reading_notes)


def test_script_and_markup_never_reach_the_report_text(bad_corpus):
    reports, _, _ = bad_corpus
    report = reports["script_injection.html"]
    for never in ("alert(1)", "INJECTED-SCRIPT-TEXT", "document.cookie", "evil.example", "NOSCRIPT-TEXT",
                  "secret-style-rule", "onerror", "<img", "<p>"):
        assert never not in report.text
    assert "nine people were killed & 34 wounded" in report.text
    assert "civilians — \"we hit only military targets\"" in report.text
    assert report.title == "Rockets hit Ganja apartment block"
    assert report.published == "2020-10-11"
    assert "article:published_time" in report.published_evidence
    assert report.publisher == "Example News"


def test_html_time_element_gives_the_date_when_there_is_no_meta():
    report = report_from_html(
        "<html><body><h1>Clashes in Tovuz</h1><time datetime='2020-07-14'>14 July</time>"
        "<p>Clashes broke out on the border.</p></body></html>", report_id="tovuz.html")
    assert report.published == "2020-07-14"
    assert report.title == "Clashes in Tovuz"


def test_html_unclosed_script_hides_the_rest_rather_than_leaking_it():
    report = report_from_html("<h1>Headline</h1><p>Story.</p><script>alert(1)", report_id="x.html")
    assert "alert" not in report.text and "Story." in report.text


def test_a_report_without_a_date_goes_in_with_published_none(bad_corpus):
    reports, _, _ = bad_corpus
    report = reports["no_date.txt"]
    assert report.published is None
    assert report.published_confidence == 0.0
    assert report.title == "Ceasefire talks stall in Moscow"


def test_batch_rows_keep_their_ids_fields_and_published_dates(bad_corpus):
    reports, _, _ = bad_corpus
    assert reports["csv-1"].publisher == "TRT World"
    assert reports["csv-1"].url == "https://example.org/csv-1"
    assert reports["csv-1"].text == "A drone struck a convoy near Fuzuli, the defence ministry said."
    assert reports["csv-3"].published == "2020-10-09"  # "9 October 2020" in the published column
    assert reports["rt-001"].published == "2020-10-04" and reports["rt-001"].published_confidence == 1.0
    assert reports["rt-002"].published == "2020-10-12"  # no published field: read from its dateline
    assert reports["rt-002"].title == "Truce agreed"


def test_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "huge_report.txt"
    with open(big, "wb") as handle:  # sparse: 30 MB on paper, nothing on disk
        handle.truncate(30 * 1024 * 1024)
    good = tmp_path / "small.txt"
    good.write_text("Small report\n\nA short story about Ganja.\n", encoding="utf-8")

    read = []
    real_read = os.read

    def spy_read(descriptor, size):
        data = real_read(descriptor, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", spy_read)
    reports, problems = read_reports(tmp_path)
    assert [r.report_id for r in reports] == ["small.txt"]
    assert len(problems) == 1 and problems[0].path == str(big)
    assert "30.0 MB" in problems[0].reason and "20 MB" in problems[0].reason
    assert "split" in problems[0].reason
    assert "of at most 20 MB each" in problems[0].reason
    assert "into smaller files or a jsonl batch" not in problems[0].reason  # a batch has the same limit
    assert sum(read) == len(good.read_bytes())  # the small file was read, the large one never


def test_missing_path_is_a_problem_not_an_exception(tmp_path):
    reports, problems = read_reports([tmp_path / "nowhere.txt"])
    assert reports == [] and "does not exist" in problems[0].reason


def test_folders_are_walked_in_sorted_order_including_subfolders(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    for path in (tmp_path / "b" / "1.txt", tmp_path / "a" / "2.txt", tmp_path / "0.txt"):
        path.write_text(f"Report {path.name}\n\nText of the report.\n", encoding="utf-8")
    reports, problems = read_reports(tmp_path)
    assert [Path(r.source_path).relative_to(tmp_path).as_posix() for r in reports] == ["0.txt", "a/2.txt", "b/1.txt"]
    assert problems == []


def test_jsonl_bad_row_in_the_middle_is_named_and_the_rest_go_in(tmp_path):
    path = tmp_path / "batch.jsonl"
    rows = [json.dumps({"id": "a", "text": "Report a."}), "{not json", json.dumps({"id": "c", "text": "Report c."})]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    reports, problems = read_reports(path)
    assert [r.report_id for r in reports] == ["a", "c"]
    assert len(problems) == 1 and "row 2 is not valid JSON" in problems[0].reason


def test_jsonl_rows_holding_line_breaks_other_than_newline_stay_whole(tmp_path):
    # raw U+0085, U+2028 and a form feed are legal inside JSON strings; only "\n" ends a row
    path = tmp_path / "batch.jsonl"
    texts = ["Shelling hit Korvan.\u0085Two people died.", "Page one\u2028page two of the report.",
             "Form\x0cfeed inside.", "Windows line end."]
    rows = [json.dumps({"id": f"r{k}", "text": text}, ensure_ascii=False) for k, text in enumerate(texts)]
    path.write_text("\n".join(rows[:3]) + "\n" + rows[3] + "\r\n", encoding="utf-8")
    reports, problems = read_reports(path)
    assert problems == []
    assert [r.report_id for r in reports] == ["r0", "r1", "r2", "r3"]
    assert "Two people died" in reports[0].text and "page two" in reports[1].text


def test_jsonl_rows_ended_by_carriage_returns_alone_are_rows(tmp_path):
    path = tmp_path / "batch.jsonl"
    rows = [json.dumps({"id": f"r{k}", "text": f"Report {k}."}) for k in range(3)]
    path.write_bytes("\r".join(rows).encode("utf-8") + b"\r")
    reports, problems = read_reports(path)
    assert problems == [] and [r.report_id for r in reports] == ["r0", "r1", "r2"]


def test_csv_duplicate_ids_and_bad_dates_are_named(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text("id,title,text,source,url,published\n"
                    "x,One,Report one.,,,\n"
                    "x,Two,Report two.,,,\n"
                    "y,Three,Report three.,,,soon\n"
                    "z,Four,Report four.,,\n", encoding="utf-8")
    reports, problems = read_reports(path)
    assert [r.report_id for r in reports] == ["x"]
    reasons = " | ".join(p.reason for p in problems)
    assert "row 2 repeats id 'x'" in reasons
    assert "published='soon'" in reasons
    assert "row 4 (line 5) has fewer fields" in reasons


def test_utf8_with_bom_is_decoded_without_the_bom():
    assert decode_report_bytes("\ufeffÜber Gəncə".encode("utf-8")).text == "Über Gəncə"


def test_high_bytes_that_are_not_western_text_are_refused():
    with pytest.raises(ReportDecodeError, match="re-save it as UTF-8"):
        decode_report_bytes(bytes(range(0xA0, 0x100)) * 20)
    assert decode_report_bytes("Straße nach Gänse, café".encode("latin-1")).text == "Straße nach Gänse, café"


def test_decode_errors_are_typed():
    with pytest.raises(ReportDecodeError):
        decode_report_bytes(b"\x00\x01\x02binary")
    assert issubclass(ReportDecodeError, ValueError)


def test_read_report_text_raises_report_error_for_an_empty_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n\n")
    with pytest.raises(ReportError, match="empty"):
        read_report_text(path)


def test_reading_without_metadata_keeps_text_and_ids_and_skips_dates(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling hit Ganja on Sunday, October 11, 2020.\nMore text.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "r1", "text": "Rockets fell on Barda."}) + "\n", encoding="utf-8")
    full, _ = read_reports([tmp_path])
    bare, problems = read_reports([tmp_path], metadata=False)
    assert not problems
    assert [(r.report_id, r.text) for r in bare] == [(r.report_id, r.text) for r in full]
    assert full[0].published and bare[0].published is None and bare[0].title == ""


@pytest.mark.parametrize("text, publisher", [
    ("VARNESTA, March 3 (TASS) - Two drones struck a fuel depot overnight, the governor said.", "TASS"),
    ("Shelling hit the market on Sunday, according to Armenpress, and three people were hurt.", "Armenpress"),
    ("Rockets fell near the port. Reuters could not independently verify the figure.", "Reuters"),
])
def test_a_text_credits_any_publisher_of_the_data_file_as_its_source(text, publisher):
    """The agencies a text may credit are the rows of data/publishers.csv, not names written in the code."""
    assert detect_publisher(text) == publisher
