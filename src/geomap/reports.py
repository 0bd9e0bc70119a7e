"""Read news reports from disk (txt, html, jsonl and csv batches) into Report records.

`read_reports` never raises for one bad file: a file or batch row that cannot be taken
in becomes an IngestProblem naming it, the reason and the fix, and the rest go in.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Optional, Union

from geomap.dates import PAGE_BANNER, iso_date, leading_date_end, publication_date
from geomap.exc import ReportDecodeError, ReportError
from geomap.records import IngestProblem, Report

MAX_REPORT_BYTES = 20 * 1024 * 1024
BATCH_FIELDS = ("id", "title", "text", "source", "url", "published")

# How publishers write their names in bylines, credits and desk signatures -> one canonical name.
PUBLISHER_NAMES = {
    "anadolu agency": "Anadolu Agency", "anadolu": "Anadolu Agency", "aa": "Anadolu Agency",
    "trtworld": "TRT World", "trt world": "TRT World",
    "gvs news desk": "Global Village Space", "gvs": "Global Village Space",
    "global village space": "Global Village Space",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "Associated Press", "associated press": "Associated Press", "the associated press": "Associated Press",
    "azertac": "AZERTAC", "armenpress": "Armenpress", "tass": "TASS", "bbc": "BBC", "bbc news": "BBC",
    "al jazeera": "Al Jazeera", "eurasianet": "Eurasianet",
}
# Words that say a text credits an agency as its own source, not merely quotes it.
_AGENCY_CREDIT = re.compile(
    r"\((?P<a>Reuters|AFP|AP|Anadolu Agency|AA)\)\s*[-–—]"
    r"|\b(?P<b>Reuters|AFP|AP|Anadolu Agency)\s+(?:could not|was unable to|cannot|has not been able to)"
    r"\s+(?:independently\s+)?(?:verify|confirm)"
    r"|\b(?:according to|reported by|told)\s+(?P<c>Reuters|AFP|Anadolu Agency)\b"
)
_BYLINE = re.compile(r"^\s*by\s+(?P<name>[^\n]{2,60}?)\s*$", re.IGNORECASE)
_SOURCE_CREDIT = re.compile(r"^\s*(?:source|sources|via)\s*:\s*(?P<name>.+?)\s*$", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^\s*(?:leave a (?:comment|reply)|you must (?:be )?log ?in|read more\b|read also\b|also read\b"
    r"|related\s*:|you may also like|share this (?:story|article)|think your friends would be interested"
    r"|advertisement\s*$|sign up for|subscribe\b|follow us\b|click here\b)",
    re.IGNORECASE,
)
_TITLE_MAX_CHARS = 300


def read_reports(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]], *,
                 max_bytes: int = MAX_REPORT_BYTES, metadata: bool = True) -> tuple[list[Report], list[IngestProblem]]:
    """Every report under `paths` (files or folders, folders walked in sorted order), and every problem.

    `metadata=False` reads the text and ids only (no title, publisher or publication date detection):
    what `geomap geocode` needs, at a third of the cost.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    reports: list[Report] = []
    problems: list[IngestProblem] = []
    for path in report_files(paths, problems):
        try:
            found, row_problems = read_report_file(path, max_bytes=max_bytes, metadata=metadata)
        except ReportError as error:
            problems.append(IngestProblem(str(path), str(error)))
            continue
        except OSError as error:
            problems.append(IngestProblem(str(path), f"{path} cannot be read ({error.strerror or error}); "
                                                     "check that it exists and is readable"))
            continue
        reports.extend(found)
        problems.extend(row_problems)
    return reports, problems


def report_files(paths: Iterable[Union[str, os.PathLike]], problems: list[IngestProblem]) -> list[Path]:
    files = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                files.extend(Path(folder) / name for name in sorted(names) if not name.startswith("."))
        elif path.exists():
            files.append(path)
        else:
            problems.append(IngestProblem(str(path), f"{path} does not exist; check the path"))
    return files


def read_report_file(path: Union[str, os.PathLike], *, max_bytes: int = MAX_REPORT_BYTES, metadata: bool = True
                     ) -> tuple[list[Report], list[IngestProblem]]:
    """The reports in one file, by its suffix; raises ReportError when the whole file is unusable."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReportError(f"{path} is not a report format geomap reads ({', '.join(sorted(READERS))}); "
                          "convert it or move it out of the folder")
    text = read_report_text(path, max_bytes=max_bytes)
    return reader(text, path=path, metadata=metadata)


def read_report_text(path: Union[str, os.PathLike], *, max_bytes: int = MAX_REPORT_BYTES) -> str:
    """A report file's text, refusing oversized, empty and binary files before they reach a parser."""
    path = Path(path)
    size = os.stat(path).st_size  # before reading: a 30 GB file must not be pulled into memory
    if size > max_bytes:
        limit = f"{max_bytes / 1024 / 1024:.0f} MB"
        # The limit is per file, batches included: advice to make it "a jsonl batch" would fail the same way.
        raise ReportError(f"{path} is {size / 1024 / 1024:.1f} MB, over the {limit} limit for one file (a jsonl "
                          f"or csv batch included); split it into several files or batches of at most {limit} each")
    text = decode_report_bytes(path.read_bytes(), path=str(path))
    if not text.strip():
        raise ReportError(f"{path} is empty (no text after decoding); remove it or re-export the report")
    return text


def decode_report_bytes(data: bytes, *, path: str = "<bytes>") -> str:
    """Text from UTF-8 (BOM or not), UTF-16 with a BOM, or cp1252/Latin-1 bytes that look like text."""
    if not data.strip():
        return ""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_strict(data, "utf-8-sig", path=path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_strict(data, "utf-16", path=path)
    if b"\x00" in data:
        sample = data[:4096]
        if sample.count(b"\x00") * 3 > len(sample) and _mostly_ascii(sample.replace(b"\x00", b"")):
            raise ReportDecodeError(f"{path} looks like UTF-16 text without a byte-order mark; "
                                    "re-save it as UTF-8")
        raise ReportDecodeError(f"{path} is binary (it contains NUL bytes), not a text report; "
                                "export the report as .txt, .html, .jsonl or .csv")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            raise ReportError(f"{path} ends in the middle of a UTF-8 character: the file looks truncated; "
                              "download or export it again") from None
        if not _looks_like_text(_decode_single_byte(data), single_byte=True):
            raise ReportDecodeError(f"{path} is neither UTF-8 nor text in Latin-1/cp1252 (mostly unprintable or "
                                    "high bytes); re-save it as UTF-8 text")
        text = _decode_single_byte(data)
    if not _looks_like_text(text):
        raise ReportDecodeError(f"{path} is mostly not text (control or unprintable characters); "
                                "it is not a report geomap can read: re-save it as UTF-8 text")
    return text


def _decode_strict(data: bytes, encoding: str, *, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise ReportDecodeError(f"{path} starts with a {encoding} byte-order mark but is not valid {encoding}; "
                                "it may be truncated: re-save it as UTF-8") from None
    if not _looks_like_text(text):
        raise ReportDecodeError(f"{path} is mostly not text; re-save it as UTF-8 text")
    return text


# cp1252 for its curly quotes and dashes; the five bytes it leaves undefined stay Latin-1.
_CP1252_FOR_C1 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _decode_single_byte(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252_FOR_C1)


def _mostly_ascii(sample: bytes) -> bool:
    return bool(sample) and sum(32 <= b < 127 or b in (9, 10, 13) for b in sample) > 0.9 * len(sample)


_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NOT_WORDLIKE = re.compile(r"[^\w\s]|_")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _looks_like_text(text: str, *, single_byte: bool = False) -> bool:
    """Few control characters, mostly letters, digits and spaces; for cp1252/Latin-1, mostly ASCII as well."""
    sample = text[:65536]
    if not sample:
        return True
    # Counted by regular expressions: a per-character Python loop here cost a fifth of `geomap geocode`.
    control = len(_CONTROL_CHARS.findall(sample))
    wordlike = len(sample) - len(_NOT_WORDLIKE.findall(sample))
    if single_byte and len(_NON_ASCII.findall(sample)) > 0.3 * len(sample):
        return False  # Western European text is mostly ASCII; bytes that are mostly high are not it
    return control <= 0.01 * len(sample) and wordlike >= 0.5 * len(sample)


def content_hash(body: str) -> str:
    """sha256 of the body with whitespace collapsed and lowercased: the same story hashes the same."""
    return hashlib.sha256(" ".join(body.split()).lower().encode("utf-8")).hexdigest()


def canonical_publisher(name: str) -> str:
    """The canonical name for a publisher as written ("TRTWorld" -> "TRT World"), or the name tidied."""
    tidy = " ".join(name.strip(" .,;|-").split())
    return PUBLISHER_NAMES.get(tidy.lower(), tidy)


# --- plain text -------------------------------------------------------------------------------------------


def _is_boilerplate(line: str) -> bool:
    return bool(_BOILERPLATE.match(line))


def _is_date_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and leading_date_end(stripped) == len(stripped)


def _is_chrome(line: str) -> bool:
    """A line that belongs to the page, not the story: banners, date lines, bylines, credits, boilerplate."""
    return bool(PAGE_BANNER.match(line) or _is_date_line(line) or _BYLINE.match(line)
                or _SOURCE_CREDIT.match(line) or _is_boilerplate(line)
                or line.strip().lower() in PUBLISHER_NAMES)


def is_page_chrome(line: str) -> bool:
    """True for a line of page chrome, not story: banner, date line, byline, credit, boilerplate (for geomap.events)."""
    return _is_chrome(line.strip()) if line.strip() else False


def detect_title(text: str) -> str:
    """The first meaningful line: banners, date lines, bylines and boilerplate are skipped."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or _is_chrome(stripped):
            continue
        lead = leading_date_end(stripped)
        if lead and stripped[:lead].rstrip()[-1:] in ":-–—|":
            # a dateline opening the line ("Mon 12 October 2020: Aliyev said ...") is not part of the title
            stripped = stripped[lead:]
        if len(stripped) > _TITLE_MAX_CHARS:
            cut = stripped.rfind(" ", 0, _TITLE_MAX_CHARS)
            stripped = stripped[: cut if cut > 0 else _TITLE_MAX_CHARS] + "…"
        return stripped
    return ""


def detect_publisher(text: str) -> str:
    """Who published the report: a byline or credit line, else a site banner, else an agency the text credits."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:8]:
        byline = _BYLINE.match(line)
        if byline and byline["name"].lower() in PUBLISHER_NAMES:
            return canonical_publisher(byline["name"])
    for line in reversed(lines[-6:]):
        credit = _SOURCE_CREDIT.match(line)
        if credit:
            first = re.split(r",|\band\b|/|;", credit["name"], maxsplit=1)[0]
            return canonical_publisher(first)
        if line.lower() in PUBLISHER_NAMES:
            return canonical_publisher(line)
    for line in lines[:4]:
        banner = re.match(r"^\s*\|?\s*welcome to\s+(?P<name>.+?)\s*$", line, re.IGNORECASE)
        if banner:
            return canonical_publisher(banner["name"])
    credit = _AGENCY_CREDIT.search(text)
    if credit:
        return canonical_publisher(credit["a"] or credit["b"] or credit["c"])
    return ""


def story_body(text: str) -> str:
    """The story without page chrome (banners, date lines, bylines, credits, boilerplate): what content_hash hashes."""
    return "\n".join(line for line in text.splitlines() if line.strip() and not _is_chrome(line.strip()))


def report_from_text(text: str, *, report_id: str, source_path: str = "", title: str = "", publisher: str = "",
                     url: str = "", published: Optional[str] = None, metadata: bool = True) -> Report:
    """A Report from a report's plain text (kept verbatim); what is not given is detected from the text
    (unless `metadata` is false: then the text and ids only)."""
    if not metadata:
        return Report(report_id=report_id, text=text, title=title, publisher=publisher, url=url,
                      published=published, source_path=source_path)
    title = title or detect_title(text)
    if published:
        date_iso, evidence, confidence = published, "published field", 1.0
    else:
        date_iso, evidence, confidence = publication_date(text, title=title)
    return Report(
        report_id=report_id, text=text, title=title, publisher=publisher or detect_publisher(text), url=url,
        published=date_iso, published_evidence=evidence, published_confidence=confidence,
        source_path=source_path, content_hash=content_hash(story_body(text)),
    )


def read_txt_report(text: str, *, path: Path, metadata: bool = True) -> tuple[list[Report], list[IngestProblem]]:
    """One report from a plain-text file."""
    return [report_from_text(text, report_id=path.name, source_path=str(path), metadata=metadata)], []


# --- html -------------------------------------------------------------------------------------------------


class _ReportHTMLParser(HTMLParser):
    """Visible text, title, headline and date metadata; script, style and similar contents are dropped."""

    _HIDDEN = {"script", "style", "noscript", "template", "iframe", "object", "svg"}
    _BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
               "header", "footer", "blockquote", "pre", "ul", "ol", "table", "figcaption", "hr", "time"}
    _VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self._hidden_depth = 0
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        attributes = {key.lower(): (value or "") for key, value in attrs}
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
            if key and attributes.get("content"):
                self.meta.setdefault(key, attributes["content"])
        if tag == "time" and attributes.get("datetime"):
            self.meta.setdefault("time", attributes["datetime"])
        if tag in self._VOID:
            if tag in self._BLOCKS:
                self.parts.append("\n")
            return
        if tag in self._HIDDEN:
            self._hidden_depth += 1
        self._open.append(tag)
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return
        while self._open:  # close anything left open inside, as browsers do
            closed = self._open.pop()
            if closed in self._HIDDEN:
                self._hidden_depth -= 1
            if closed == tag:
                break
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._hidden_depth:
            return
        if "title" in self._open:
            self.title += data
            return
        if "h1" in self._open:
            self.h1 += data
        self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> tuple[str, str, dict[str, str]]:
    """(visible text, title, meta) from HTML, markup and script contents removed, entities unescaped."""
    parser = _ReportHTMLParser()
    parser.feed(markup)
    parser.close()
    title = " ".join(parser.h1.split()) or " ".join(parser.title.split()) or parser.meta.get("og:title", "")
    return parser.text(), title, parser.meta


def report_from_html(markup: str, *, report_id: str, source_path: str = "", metadata: bool = True) -> Report:
    """A Report from an HTML page: Report.text is the page's visible text, which spans point into."""
    text, title, meta = html_to_text(markup)
    if not text.strip():
        raise ReportError(f"{source_path or report_id} has no visible text once the markup is removed; "
                          "save the article page itself, not a script or frame")
    if not metadata:
        return Report(report_id=report_id, text=text, title=title, source_path=source_path)
    title = title or detect_title(text)
    date_iso, evidence, confidence = publication_date(text, title=title, html_meta=meta)
    publisher = canonical_publisher(meta["og:site_name"]) if meta.get("og:site_name") else detect_publisher(text)
    return Report(
        report_id=report_id, text=text, title=title, publisher=publisher, url=meta.get("og:url", ""),
        published=date_iso, published_evidence=evidence, published_confidence=confidence,
        source_path=source_path, content_hash=content_hash(story_body(text)),
    )


def read_html_report(text: str, *, path: Path, metadata: bool = True) -> tuple[list[Report], list[IngestProblem]]:
    """One report from an HTML file."""
    return [report_from_html(text, report_id=path.name, source_path=str(path), metadata=metadata)], []


# --- batches ----------------------------------------------------------------------------------------------


def _report_from_row(row: dict, *, path: Path, row_number: int, seen_ids: set[str], metadata: bool = True) -> Report:
    """One batch row as a Report; raises ReportError naming the row and the fix."""
    where = f"{path} row {row_number}"
    if not isinstance(row, dict):
        raise ReportError(f"{where} is not an object with keys {', '.join(BATCH_FIELDS)}; fix or remove the row")
    values = {key: ("" if row.get(key) is None else str(row.get(key))) for key in BATCH_FIELDS}
    report_id = values["id"].strip()
    if not report_id:
        raise ReportError(f"{where} has no id; give every row a unique id")
    if report_id in seen_ids:
        raise ReportError(f"{where} repeats id {report_id!r}; give every row a unique id")
    if not values["text"].strip():
        raise ReportError(f"{where} (id {report_id!r}) has no text; fill in the text or remove the row")
    published = None
    if values["published"].strip():
        published = iso_date(values["published"])
        if published is None:
            raise ReportError(f"{where} (id {report_id!r}) has published={values['published']!r}, which is not "
                              "a date; write it as YYYY-MM-DD or leave it empty")
    seen_ids.add(report_id)
    return report_from_text(values["text"], report_id=report_id, source_path=str(path), title=values["title"].strip(),
                            publisher=canonical_publisher(values["source"]) if values["source"].strip() else "",
                            url=values["url"].strip(), published=published, metadata=metadata)


def read_jsonl_batch(text: str, *, path: Path, metadata: bool = True) -> tuple[list[Report], list[IngestProblem]]:
    """One report per JSON line; a bad or cut-off line becomes a problem and the others still go in."""
    reports, problems, seen_ids = [], [], set()
    lines = text.splitlines()
    ends_cleanly = text.endswith(("\n", "\r"))
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            if number == len(lines) and not ends_cleanly:
                reason = (f"{path} row {number} is cut off ({error.msg}): the file looks truncated; "
                          "export the batch again")
            else:
                reason = f"{path} row {number} is not valid JSON ({error.msg}); fix or remove the line"
            problems.append(IngestProblem(str(path), reason))
            continue
        try:
            reports.append(_report_from_row(row, path=path, row_number=number, seen_ids=seen_ids, metadata=metadata))
        except ReportError as error:
            problems.append(IngestProblem(str(path), str(error)))
    if not reports and not problems:
        raise ReportError(f"{path} holds no rows; remove it or export the batch again")
    return reports, problems


def read_csv_batch(text: str, *, path: Path, metadata: bool = True) -> tuple[list[Report], list[IngestProblem]]:
    """One report per CSV row (header: id, title, text, source, url, published); bad rows become problems."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in ("id", "text") if name not in header]
    if missing:
        raise ReportError(f"{path} has no {' or '.join(missing)} column; the header must name "
                          f"{', '.join(BATCH_FIELDS)}")
    reader.fieldnames = header
    reports, problems, seen_ids = [], [], set()
    row_number = 0
    try:
        for row in reader:
            row_number += 1
            if None in row or any(value is None for value in row.values()):
                problems.append(IngestProblem(str(path), f"{path} row {row_number} (line {reader.line_num}) has "
                                              f"{'more' if None in row else 'fewer'} fields than the header; "
                                              "quote fields that contain commas or fix the row"))
                continue
            try:
                reports.append(_report_from_row(row, path=path, row_number=row_number, seen_ids=seen_ids,
                                                metadata=metadata))
            except ReportError as error:
                problems.append(IngestProblem(str(path), str(error)))
    except csv.Error as error:
        problems.append(IngestProblem(str(path), f"{path} cannot be parsed after row {row_number} ({error}): "
                                                 "the file may be truncated or have an unclosed quote; fix it"))
    return reports, problems


READERS = {
    ".txt": read_txt_report,
    ".html": read_html_report,
    ".htm": read_html_report,
    ".jsonl": read_jsonl_batch,
    ".csv": read_csv_batch,
}

__all__ = [
    "MAX_REPORT_BYTES", "READERS", "canonical_publisher", "report_files", "content_hash", "decode_report_bytes", "detect_publisher",
    "detect_title", "html_to_text", "read_csv_batch", "read_html_report", "read_jsonl_batch", "read_report_file",
    "read_report_text", "read_reports", "read_txt_report", "report_from_html", "report_from_text", "story_body",
]
