"""Read news reports from disk (txt, html, jsonl and csv batches) into Report records.

Reading is two steps so that no input can stall or crash it:
1. `read_sources`: files to `ReportSource`s (a report's text and the fields a batch gives), in time
   linear in the size of the input. Only regular files are opened, never more than `max_bytes` of
   them is read, bytes are decoded with repairs that are reported (mixed encodings, mojibake,
   UTF-16 without a byte-order mark, NUL and control characters), HTML is reduced to its visible text.
2. `report_from_source`: the title, publisher and publication date detected from the text; a date
   before 1900 or after the ingest day (plus a margin) is refused with a reason.

`read_reports` does both and never raises for one bad file: a file or batch row that cannot be
taken in becomes an IngestProblem naming it, the reason and the fix, and the rest go in. A repair
the reader made is kept with the report (`Report.reading_notes`) and shown by `geomap ingest`.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import html
import io
import json
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Union
from urllib.parse import urlsplit

from geomap.dates import PAGE_BANNER, iso_date, leading_date_end, publication_date
from geomap.exc import ReportDecodeError, ReportError
from geomap.records import IngestProblem, Report
from geomap.resources import data_file

PathLike = Union[str, os.PathLike]

MAX_REPORT_BYTES = 20 * 1024 * 1024
BATCH_FIELDS = ("id", "title", "text", "source", "url", "published")
#: Publication dates outside [PUBLISHED_FLOOR, ingest day + PUBLISHED_MARGIN] are refused.
PUBLISHED_FLOOR = date(1900, 1, 1)
PUBLISHED_MARGIN = timedelta(days=2)  # time zones, and a page dated by its server's clock
MAX_ID_CHARS = 200
MAX_FIELD_CHARS = 300  # title and publisher: longer ones are cut at a word
MAX_URL_CHARS = 2048
MAX_DATE_CHARS = 64


@lru_cache(maxsize=1)
def publisher_names() -> dict[str, str]:
    """How publishers write their names in bylines, credits and desk signatures -> one canonical name.

    Data, not code: data/publishers.csv (as_written,publisher), one row per spelling; add rows for
    the outlets you read.
    """
    with data_file("publishers.csv").open(encoding="utf-8", newline="") as f:
        return {row["as_written"].strip().lower(): row["publisher"].strip() for row in csv.DictReader(f)
                if (row.get("as_written") or "").strip() and (row.get("publisher") or "").strip()}


@lru_cache(maxsize=1)
def _agency_credit() -> re.Pattern:
    """Words that say a text credits a publisher of data/publishers.csv as its own source, not merely quotes
    it: "(Name) -" after a dateline, "Name could not independently verify", "according to Name"."""
    names = "|".join(re.escape(name) for name in sorted(publisher_names(), key=len, reverse=True))
    return re.compile(
        rf"\((?P<a>{names})\)\s*[-–—]"
        rf"|\b(?P<b>{names})\s+(?:could not|was unable to|cannot|has not been able to)"
        r"\s+(?:independently\s+)?(?:verify|confirm)"
        rf"|\b(?:according to|reported by|told)\s+(?P<c>{names})\b",
        re.IGNORECASE)
_BYLINE = re.compile(r"^\s*by\s+(?P<name>[^\n]{2,60}?)\s*$", re.IGNORECASE)
_SOURCE_CREDIT = re.compile(r"^\s*(?:source|sources|via)\s*:\s*(?P<name>.+?)\s*$", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^\s*(?:leave a (?:comment|reply)|you must (?:be )?log ?in|read more\b|read also\b|also read\b"
    r"|related\s*:|you may also like|share this (?:story|article)|think your friends would be interested"
    r"|advertisement\s*$|sign up for|subscribe\b|follow us\b|click here\b)",
    re.IGNORECASE,
)
_TITLE_MAX_CHARS = 300


@dataclass(frozen=True, slots=True)
class ReportSource:
    """A report's text as read from a file or a batch row, before its title, publisher and date are detected."""

    report_id: str
    text: str
    source_path: str
    title: str = ""  # given by a batch row or the page's <h1>/<title>; else detected
    publisher: str = ""
    url: str = ""
    published: Optional[str] = None  # an ISO date a batch row gives (checked for plausibility already)
    html_meta: tuple[tuple[str, str], ...] = ()  # <meta> and <time> values of an HTML page
    notes: tuple[str, ...] = ()  # repairs made while reading (mixed encodings, control characters ...)


# --- files: only regular files, and never more of them than the limit -----------------------------------


def read_reports(paths: Union[PathLike, Iterable[PathLike]], *, max_bytes: int = MAX_REPORT_BYTES,
                 today: Optional[date] = None, metadata: bool = True) -> tuple[list[Report], list[IngestProblem]]:
    """Every report under `paths` (files or folders, folders walked in sorted order), and every problem.

    `metadata=False` reads the text and ids only (no title, publisher or publication date detection):
    what `geomap geocode` needs, at a third of the cost.
    """
    sources, problems = read_sources(paths, max_bytes=max_bytes)
    reports = []
    for source in sources:
        report, problem = report_or_problem(source, today=today, metadata=metadata)
        if report is not None:
            reports.append(report)
        else:
            problems.append(problem)
    return reports, problems


def read_sources(paths: Union[PathLike, Iterable[PathLike]], *, max_bytes: int = MAX_REPORT_BYTES
                 ) -> tuple[list[ReportSource], list[IngestProblem]]:
    """The report texts under `paths` and every problem met: `read_reports` without the detection step."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    sources: list[ReportSource] = []
    problems: list[IngestProblem] = []
    for path in report_files(paths, problems):
        found, file_problems = read_file_sources(path, max_bytes=max_bytes)
        sources.extend(found)
        problems.extend(file_problems)
    return sources, problems


def report_files(paths: Iterable[PathLike], problems: list[IngestProblem]) -> list[Path]:
    """The files under `paths` (folders walked in sorted order, hidden names skipped); links to folders
    inside a folder are named, not followed (they can loop); folders that can't be listed are named."""
    files = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            def unlistable(error: OSError) -> None:
                problems.append(IngestProblem(str(error.filename), f"{error.filename} cannot be listed "
                                              f"({error.strerror or error}); check its permissions"))

            for folder, subfolders, names in os.walk(path, onerror=unlistable):
                for name in sorted(subfolders):
                    if not name.startswith(".") and os.path.islink(os.path.join(folder, name)):
                        link = Path(folder) / name
                        problems.append(IngestProblem(str(link), f"{link} is a link to a folder: geomap does not "
                                                      "follow links to folders (they can loop); pass the folder "
                                                      "itself to read it"))
                subfolders[:] = sorted(d for d in subfolders if not d.startswith(".")
                                       and not os.path.islink(os.path.join(folder, d)))
                files.extend(Path(folder) / name for name in sorted(names) if not name.startswith("."))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(IngestProblem(str(path), f"{path} does not exist; check the path"))
    return files


def read_file_sources(path: PathLike, *, max_bytes: int = MAX_REPORT_BYTES
                      ) -> tuple[list[ReportSource], list[IngestProblem]]:
    """The report texts in one file, by its suffix, and the problems met; never raises for a bad file."""
    path = Path(path)
    try:
        return read_report_file(path, max_bytes=max_bytes)
    except ReportError as error:
        return [], [IngestProblem(str(path), str(error))]
    except OSError as error:
        return [], [IngestProblem(str(path), _os_error_reason(path, error))]
    except Exception as error:  # a bug of geomap's, met on this file: the other files still go in
        return [], [IngestProblem(str(path), _internal_error_reason(str(path), error))]


def report_or_problem(source: ReportSource, *, today: Optional[date] = None, metadata: bool = True
                      ) -> tuple[Optional[Report], Optional[IngestProblem]]:
    """`report_from_source`, or the problem that stopped it (a bug met on this report is named, not raised)."""
    try:
        return report_from_source(source, today=today, metadata=metadata), None
    except ReportError as error:
        return None, IngestProblem(source.source_path or source.report_id, str(error))
    except Exception as error:
        label = source.source_path if source.report_id == Path(source.source_path).name else \
            f"{source.source_path} report {source.report_id!r}"
        return None, IngestProblem(source.source_path or source.report_id, _internal_error_reason(label, error))


def _internal_error_reason(label: str, error: Exception) -> str:
    return (f"{label} could not be read: geomap failed on it ({type(error).__name__}: {str(error)[:200]}); "
            "this is a bug in geomap, please report it with the file; the other reports went in")


_OS_ERRORS = {
    errno.ENOENT: "does not exist (a link to a missing file?); check the path",
    errno.ELOOP: "is a link that loops (or too many links deep); fix or remove the link",
    errno.EACCES: "cannot be read: permission denied; make it readable (chmod +r) or move it out of the folder",
    errno.EPERM: "cannot be read: permission denied; make it readable or move it out of the folder",
}


def _os_error_reason(path: Path, error: OSError) -> str:
    known = _OS_ERRORS.get(error.errno)
    if known:
        return f"{path} {known}"
    return f"{path} cannot be read ({error.strerror or error}); check that it exists and is readable"


def read_report_file(path: PathLike, *, max_bytes: int = MAX_REPORT_BYTES
                     ) -> tuple[list[ReportSource], list[IngestProblem]]:
    """The report texts in one file, by its suffix; raises ReportError (or OSError) when the whole file is unusable."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReportError(f"{path} is not a report format geomap reads ({', '.join(sorted(READERS))}); "
                          "convert it or move it out of the folder")
    # a batch's rows are split by the format's own line ends; its fields are cleaned one by one (`_field_text`)
    decoded = read_report_text(path, max_bytes=max_bytes, fields_cleaned_later=reader in BATCH_READERS)
    sources, problems = reader(decoded.text, path=path)
    if decoded.notes:
        sources = [replace(s, notes=decoded.notes + s.notes) for s in sources]
    return sources, problems


def read_report_bytes(path: PathLike, *, max_bytes: int = MAX_REPORT_BYTES) -> bytes:
    """The bytes of a regular file, refusing anything else (FIFOs, devices, sockets) without reading it and
    refusing a file larger than `max_bytes`, checked on its size and again on what is actually read."""
    path = Path(path)
    kind = _file_kind(os.stat(path).st_mode)  # follows links: a link to /dev/zero is a device
    if kind != "regular file":
        raise ReportError(f"{path} is {kind}, not a regular file; geomap reads only regular files: "
                          "move it out of the folder")
    _check_size(path, os.stat(path).st_size, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)  # non-blocking: a FIFO swapped in after the check can't hang the open
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise ReportError(f"{path} is {_file_kind(status.st_mode)}, not a regular file; geomap reads only "
                              "regular files: move it out of the folder")
        _check_size(path, status.st_size, max_bytes)
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(descriptor, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(descriptor)
    if total > max_bytes:  # it grew while read, or it is a file whose size the system does not know
        _check_size(path, total, max_bytes, exact=False)
    return b"".join(chunks)


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISREG, "regular file"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


def _check_size(path: Path, size: int, max_bytes: int, *, exact: bool = True) -> None:
    if size > max_bytes:
        limit = f"{max_bytes / 1024 / 1024:.0f} MB"
        measured = f"{size / 1024 / 1024:.1f} MB" if exact else f"over {limit} as read"
        # The limit is per file, batches included: advice to make it "a jsonl batch" would fail the same way.
        raise ReportError(f"{path} is {measured}, over the {limit} limit for one file (a jsonl or csv batch "
                          f"included); split it into several files or batches of at most {limit} each")


def read_report_text(path: PathLike, *, max_bytes: int = MAX_REPORT_BYTES,
                     fields_cleaned_later: bool = False) -> "DecodedText":
    """A report file's text and the repairs made to it, refusing oversized, empty and binary files.
    `fields_cleaned_later`: a batch, whose fields `clean_text` cleans one by one (`decode_report_bytes`)."""
    decoded = decode_report_bytes(read_report_bytes(path, max_bytes=max_bytes), path=str(path),
                                  fields_cleaned_later=fields_cleaned_later)
    if not decoded.text.strip():
        what = "only control characters" if decoded.notes else "no text after decoding"
        raise ReportError(f"{path} is empty ({what}); remove it or re-export the report")
    return decoded


# --- decoding: text from bytes, repairs reported -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A report's text and the repairs made to decode it (empty when the bytes were clean)."""

    text: str
    notes: tuple[str, ...] = ()


# Files that are not text, by their first bytes: (signature, what it is, what to do).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "remove it from the folder"),
    (b"\xff\xd8\xff", "a JPEG image", "remove it from the folder"),
    (b"GIF87a", "a GIF image", "remove it from the folder"),
    (b"GIF89a", "a GIF image", "remove it from the folder"),
    (b"%PDF-", "a PDF document", "convert it to text first (for example with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel/ODF file)", "unpack or convert it and ingest the text inside"),
    (b"PK\x05\x06", "an empty ZIP archive", "remove it from the folder"),
    (b"\x1f\x8b", "gzip-compressed data", "decompress it and ingest the text inside"),
    (b"\xfd7zXZ\x00", "xz-compressed data", "decompress it and ingest the text inside"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data", "decompress it and ingest the text inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and ingest the text inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and ingest the text inside"),
    (b"\x7fELF", "an executable (ELF) program", "remove it from the folder"),
    (b"SQLite format 3\x00", "an SQLite database", "export the reports as .jsonl or .csv"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document", "save it as text or HTML first"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

# cp1252 for its curly quotes and dashes; the five bytes it leaves undefined stay Latin-1.
_CP1252_FOR_C1 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
# A byte that is not UTF-8, escaped by errors="surrogateescape" as U+DC80..U+DCFF -> its cp1252 character.
_ESCAPED_BYTE_TO_CP1252 = {0xDC00 + b: _CP1252_FOR_C1.get(b, chr(b)) for b in range(0x80, 0x100)}
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII_TEXT = re.compile("[^\x00-\x7f\udc80-\udcff]")
# Characters a report never needs: C0 and C1 controls but tab and line breaks; DEL; noncharacters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Of those, the ones that separate words or lines (form feed, vertical tab, separators, NEL): a line break.
_CONTROL_BREAK = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A character cp1252 makes of a UTF-8 lead byte, then one it makes of a continuation byte: "É™" for "ə".
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][" + re.escape("".join(_CP1252_FOR_C1.get(b, chr(b)) for b in range(0x80, 0xC0))) + "]")
_NOT_TEXTLIKE = re.compile(r"[^\w\s!-/:-@\[-`{-~]")  # letters, digits, spaces and ASCII punctuation are text


def decode_report_bytes(data: bytes, *, path: str = "<bytes>", fields_cleaned_later: bool = False) -> DecodedText:
    """Text from UTF-8 (BOM or not), UTF-16/32 (BOM or not), cp1252/Latin-1, or a mix of UTF-8 and cp1252.

    Repairs are made and named in the notes: bytes that are not UTF-8 inside UTF-8 text are read
    as cp1252 (mixed encodings), UTF-8 text that was once read as cp1252 and saved again is
    restored (mojibake, by ftfy), NUL and control characters are removed. Bytes that are not text
    (images, archives, programs, mostly unprintable data) raise ReportDecodeError. Linear in the input.
    With `fields_cleaned_later` (a batch), control characters are left to the cleaning of each field: a NEL or
    U+2028 inside a JSON string made a line break here would cut its row in two.
    """
    if not data.strip():
        return DecodedText("")
    notes: list[str] = []
    kind = _binary_kind(data)
    if kind:
        what, fix = kind
        raise ReportDecodeError(f"{path} is {what} (binary), not a text report; {fix}")
    text = _decode_unicode_with_bom(data, path=path)
    if text is None:
        text = _decode_utf16_without_bom(data, notes)
    if text is None:
        data = _without_stray_nuls(data.removeprefix(_UTF8_BOM), path=path, notes=notes)
        text = _decode_utf8_or_cp1252(data, path=path, notes=notes)
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > 0.1 * len(sample) and _CONTROL.sub("", sample).strip():
        raise ReportDecodeError(f"{path} is mostly control characters, not text; it is not a report geomap can "
                                "read: re-save it as UTF-8 text")
    text = _repair_mojibake(text, notes)
    if not fields_cleaned_later:
        text = clean_text(text, notes)
    if text.strip() and not _looks_like_text(text):
        raise ReportDecodeError(f"{path} is mostly not text (symbols or unprintable characters); it is not a "
                                "report geomap can read: re-save it as UTF-8 text")
    return DecodedText(text, tuple(notes))


def clean_text(text: str, notes: Optional[list[str]] = None) -> str:
    """`text` without control characters (NUL, terminal escapes' ESC, C1 codes; tab and line breaks stay,
    form feeds and other separators become line breaks) and with lone surrogates replaced by U+FFFD;
    what was changed is added to `notes`."""
    if _LONE_SURROGATE.search(text):
        count = len(_LONE_SURROGATE.findall(text))
        text = _LONE_SURROGATE.sub("\ufffd", text)
        if notes is not None:
            notes.append(f"{count} invalid character{'s' if count > 1 else ''} (lone UTF-16 surrogates) "
                         "replaced by \ufffd")
    controls = _CONTROL.findall(text)
    if controls:
        text = _CONTROL.sub("", _CONTROL_BREAK.sub("\n", text))
        if notes is not None:
            names = ", ".join(sorted({"NUL" if c == "\0" else f"U+{ord(c):04X}" for c in controls})[:6])
            notes.append(f"{len(controls)} control character{'s' if len(controls) > 1 else ''} removed ({names})")
    return text


def _binary_kind(data: bytes) -> Optional[tuple[str, str]]:
    for signature, what, fix in _SIGNATURES:
        if data.startswith(signature):
            return what, fix
    if _BZIP2.match(data):
        return "bzip2-compressed data", "decompress it and ingest the text inside"
    return None


_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xff\xfe", "utf-16-le"),
         (b"\xfe\xff", "utf-16-be"))
_UTF8_BOM = b"\xef\xbb\xbf"


def _decode_unicode_with_bom(data: bytes, *, path: str) -> Optional[str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                cut = "truncated, or " if error.end >= len(data) - len(bom) - 4 else ""
                raise ReportDecodeError(f"{path} starts with a {encoding.upper()} byte-order mark but is not valid "
                                        f"{encoding.upper()} (it may be {cut}damaged); re-save it as UTF-8") from None
    return None


def _decode_utf16_without_bom(data: bytes, notes: list[str]) -> Optional[str]:
    """UTF-16 text saved without a byte-order mark: mostly ASCII, so every other byte is NUL."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if len(zeros) >= 8 and zeros.count(0) > 0.6 * len(zeros) and other.count(0) < 0.05 * len(other):
            try:
                text = data[: len(data) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                return None
            notes.append(f"read as {encoding.upper()} (the file has no byte-order mark)")
            return text
    return None


def _without_stray_nuls(data: bytes, *, path: str, notes: list[str]) -> bytes:
    nuls = data.count(0)
    if not nuls:
        return data
    if nuls > 0.01 * len(data):
        raise ReportDecodeError(f"{path} is binary (it is {100 * nuls / len(data):.0f}% NUL bytes), not a text "
                                "report; export the report as .txt, .html, .jsonl or .csv")
    notes.append(f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed")
    return data.replace(b"\0", b"")


def _decode_utf8_or_cp1252(data: bytes, *, path: str, notes: list[str]) -> str:
    """UTF-8; else cp1252 for the bytes that are not UTF-8, noted when the file also holds real UTF-8."""
    try:
        text, consumed = _utf8_prefix(data)
    except UnicodeDecodeError:
        consumed = None
    if consumed is not None:
        if consumed == len(data):
            return text
        # valid UTF-8 that stops inside a character: cut off, unless it reads as one Latin-1 letter at the end
        if len(data) - consumed > 1 or _NON_ASCII_TEXT.search(text):
            raise ReportError(f"{path} ends in the middle of a UTF-8 character: the file looks truncated; "
                              "download or export it again")
    escaped = data.decode("utf-8", errors="surrogateescape")
    escapes = len(_ESCAPED_BYTE.findall(escaped))
    text = escaped.translate(_ESCAPED_BYTE_TO_CP1252)
    # Western European text is mostly ASCII: bytes that are mostly neither ASCII nor UTF-8 are not it.
    if escapes > 0.3 * len(escaped) or not _looks_like_text(text):
        raise ReportDecodeError(f"{path} is neither UTF-8 nor text in Latin-1/cp1252 (mostly unprintable or "
                                "high bytes); re-save it as UTF-8 text")
    if _NON_ASCII_TEXT.search(escaped):  # real UTF-8 beside the bytes that are not
        notes.append(f"mixed encodings: {escapes} byte{'s' if escapes > 1 else ''} that are not UTF-8 were read as "
                     "cp1252 (Windows Western); check the text, or re-save the file as UTF-8")
    return text


def _utf8_prefix(data: bytes) -> tuple[str, int]:
    import codecs

    return codecs.utf_8_decode(data, "strict", False)


def _repair_mojibake(text: str, notes: list[str]) -> str:
    """UTF-8 once read as cp1252 and saved again ("GÉ™ncÉ™" for "Gəncə") back to what was written (ftfy).

    ftfy runs only when a pair of characters typical of such text occurs: it is slower than the rest.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy

    config = ftfy.TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
                                  fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
                                  remove_control_chars=False, fix_surrogates=False, normalization=None, explain=True)
    fixed = ftfy.fix_and_explain(text, config)
    if fixed.text != text:
        notes.append("mojibake repaired: text that was UTF-8 had been read as cp1252/Latin-1 and saved again "
                     "(ftfy); check the text")
    return fixed.text


def _looks_like_text(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation."""
    sample = text[:65536]
    # Counted by a regular expression: a per-character Python loop here cost a fifth of `geomap geocode`.
    return not sample or len(_NOT_TEXTLIKE.findall(sample)) <= 0.5 * len(sample)


def content_hash(body: str) -> str:
    """sha256 of the body with whitespace collapsed and lowercased: the same story hashes the same."""
    return hashlib.sha256(" ".join(body.split()).lower().encode("utf-8")).hexdigest()


def canonical_publisher(name: str) -> str:
    """The canonical name for a publisher as written ("TRTWorld" -> "TRT World"), or the name tidied."""
    tidy = " ".join(name.strip(" .,;|-").split())
    return publisher_names().get(tidy.lower(), tidy)


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
                or line.strip().lower() in publisher_names())


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
        if byline and byline["name"].lower() in publisher_names():
            return canonical_publisher(byline["name"])
    for line in reversed(lines[-6:]):
        credit = _SOURCE_CREDIT.match(line)
        if credit:
            first = re.split(r",|\band\b|/|;", credit["name"], maxsplit=1)[0]
            return canonical_publisher(first)
        if line.lower() in publisher_names():
            return canonical_publisher(line)
    for line in lines[:4]:
        banner = re.match(r"^\s*\|?\s*welcome to\s+(?P<name>.+?)\s*$", line, re.IGNORECASE)
        if banner:
            return canonical_publisher(banner["name"])
    credit = _agency_credit().search(text)
    if credit:
        return canonical_publisher(credit["a"] or credit["b"] or credit["c"])
    return ""


def story_body(text: str) -> str:
    """The story without page chrome (banners, date lines, bylines, credits, boilerplate): what content_hash hashes."""
    return "\n".join(line for line in text.splitlines() if line.strip() and not _is_chrome(line.strip()))


# --- sources to reports: title, publisher and a plausible publication date --------------------------------


def implausible_publication_date(value: Optional[str], *, today: Optional[date] = None) -> str:
    """Why `value` (an ISO date) can't be a report's publication date, or "" when it can: before 1900,
    or after the ingest day plus PUBLISHED_MARGIN (a report is never published in the future)."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date"
    latest = (today or date.today()) + PUBLISHED_MARGIN
    if day < PUBLISHED_FLOOR:
        return f"{value} is before {PUBLISHED_FLOOR.year}"
    if day > latest:
        return f"{value} is after today ({(today or date.today()).isoformat()}, with a margin of {PUBLISHED_MARGIN.days} days)"
    return ""


def report_from_source(source: ReportSource, *, today: Optional[date] = None, metadata: bool = True) -> Report:
    """A Report from a source: what the source does not give is detected from the text (unless `metadata` is
    false: then the text and ids only). A detected publication date that is implausible is left out, with the
    reason in `reading_notes`; a report dated only by it goes in undated."""
    text, notes = source.text, source.notes
    if not metadata:
        return Report(report_id=source.report_id, text=text, title=source.title, publisher=source.publisher,
                      url=source.url, published=source.published, source_path=source.source_path,
                      reading_notes=notes)
    meta = dict(source.html_meta)
    title = source.title or detect_title(text)
    if source.published:
        refused = implausible_publication_date(source.published, today=today)
        if refused:
            where = source.source_path if source.report_id == Path(source.source_path).name else \
                f"{source.source_path} (id {source.report_id!r})"
            raise ReportError(f"{where} has published={source.published}, which {refused.split(' ', 1)[1]}: "
                              "not a publication date; fix it or leave it empty")
        date_iso, evidence, confidence = source.published, "published field", 1.0
    else:
        try:
            date_iso, evidence, confidence = publication_date(text, title=title, html_meta=meta or None,
                                                               url=source.url or meta.get("og:url", ""))
        except Exception as error:  # a bug in date reading must cost the date, not the report
            date_iso, evidence, confidence = None, "", 0.0
            notes += (f"publication date not read: geomap's date reader failed ({type(error).__name__}: "
                      f"{str(error)[:120]}); the report goes in undated (a bug in geomap: please report it)",)
        refused = implausible_publication_date(date_iso, today=today)
        if refused:
            notes += (f"publication date refused: {refused} (read from {evidence}); the report goes in undated",)
            date_iso, evidence, confidence = None, "", 0.0
    publisher = source.publisher or (canonical_publisher(meta["og:site_name"]) if meta.get("og:site_name")
                                     else detect_publisher(text))
    return Report(
        report_id=source.report_id, text=text, title=title, publisher=publisher, url=source.url or meta.get("og:url", ""),
        published=date_iso, published_evidence=evidence, published_confidence=confidence,
        source_path=source.source_path, content_hash=content_hash(story_body(text)), reading_notes=notes,
    )


def report_from_text(text: str, *, report_id: str, source_path: str = "", title: str = "", publisher: str = "",
                     url: str = "", published: Optional[str] = None) -> Report:
    """A Report from a report's plain text (kept verbatim); what is not given is detected from the text."""
    return report_from_source(ReportSource(report_id, text, source_path, title=title, publisher=publisher, url=url,
                                           published=published))


def read_txt_report(text: str, *, path: Path) -> tuple[list[ReportSource], list[IngestProblem]]:
    """One report from a plain-text file."""
    return [ReportSource(path.name, text, str(path))], []


# --- html: visible text, by a tokenizer linear in the page --------------------------------------------------

# Why not html.parser or lxml: on crafted pages both take time quadratic in the page (Python 3.11.7's
# html.parser on 80,000 "</": 4.9 s, x3.8 per doubling; libxml2 2.14 on unmatched end tags under 20,000
# nested elements: 1.75 s, x4.4 per doubling). Text extraction needs far less than a DOM: tags, comments,
# raw-text elements and entities, each consumed once.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment, to its end or the end of the page
    r"|<[!?][^>]*(?:>|\Z)"  # doctype, processing instruction, CDATA: dropped
    r"|<(?P<close>/?)(?P<tag>[A-Za-z][^\s/>]*)"  # a tag and its attributes; quoted '>' stay inside
    r"(?P<attrs>(?:[^>\"']+|\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z))*)(?:>|\Z)",
    re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>"']+)))?""")
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")


class _PageText:
    """Visible text, title, headline and date metadata; script, style and similar contents are dropped."""

    _HIDDEN = {"script", "style", "noscript", "template", "iframe", "object", "svg"}
    _BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
               "header", "footer", "blockquote", "pre", "ul", "ol", "table", "figcaption", "hr", "time"}
    _VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self._open: list[str] = []
        self._open_count: Counter = Counter()  # O(1) "is this tag open?": no scan of a deep stack
        self._hidden = 0
        self._in_h1 = 0

    def feed(self, markup: str) -> None:
        position = 0
        tokens = _TOKEN.finditer(markup)
        for token in iter(lambda: next(tokens, None), None):
            start = token.start()
            if start < position:  # inside a raw-text element consumed below
                if token.end() > position:  # it straddles the element's end: tokenize again from there
                    tokens = _TOKEN.finditer(markup, position)
                continue
            if start > position:
                self.data(markup[position:start])
            position = token.end()
            tag = token.group("tag")
            if tag is None:
                continue  # a comment, doctype or processing instruction
            tag = tag.lower()
            if token.group("close"):
                self.end(tag)
                continue
            self.start(tag, token.group("attrs"))
            if tag in _RAW_TEXT:  # its text runs to its end tag, markup and all (as browsers read it)
                close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(markup, position)
                inner_end = close.start() if close else len(markup)
                if tag == "title":
                    self.title += html.unescape(markup[position:inner_end])
                elif tag == "textarea":
                    self.data(markup[position:inner_end])
                position = close.end() if close else len(markup)
                self.end(tag)
        self.data(markup[position:])

    def start(self, tag: str, attrs: str) -> None:
        if tag in ("meta", "time"):
            attributes = {m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "") for m in _ATTRIBUTE.finditer(attrs)}
            if tag == "meta":
                key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
                if key and attributes.get("content"):
                    self.meta.setdefault(key, attributes["content"])
            elif attributes.get("datetime"):
                self.meta.setdefault("time", attributes["datetime"])
        if tag in self._VOID:
            if tag in self._BLOCKS:
                self.parts.append("\n")
            return
        self._open.append(tag)
        self._open_count[tag] += 1
        self._hidden += tag in self._HIDDEN
        self._in_h1 += tag == "h1"
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        if not self._open_count[tag]:
            return  # a stray end tag: ignored, as browsers do
        while self._open:  # close anything left open inside, as browsers do
            closed = self._open.pop()
            self._open_count[closed] -= 1
            self._hidden -= closed in self._HIDDEN
            self._in_h1 -= closed == "h1"
            if closed == tag:
                break
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def data(self, raw: str) -> None:
        if not raw or self._hidden:
            return
        text = html.unescape(raw)
        if self._in_h1:
            self.h1 += text
        self.parts.append(text)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> tuple[str, str, dict[str, str]]:
    """(visible text, title, meta) from HTML, markup and script contents removed, entities unescaped."""
    page = _PageText()
    page.feed(markup)
    title = " ".join(page.h1.split()) or " ".join(page.title.split()) or page.meta.get("og:title", "")
    return clean_text(page.text()), clean_text(title), {k: clean_text(v) for k, v in page.meta.items()}


def html_source(markup: str, *, report_id: str, source_path: str = "") -> ReportSource:
    """A page's visible text as a source (Report.text is that text: spans point into it)."""
    text, title, meta = html_to_text(markup)
    if not text.strip():
        raise ReportError(f"{source_path or report_id} has no visible text once the markup is removed; "
                          "save the article page itself, not a script or frame")
    url = meta.get("og:url", "")
    return ReportSource(report_id, text, source_path, title=_clamp(title, MAX_FIELD_CHARS), url=_safe_url(url)[0],
                        html_meta=tuple(sorted((k, v) for k, v in meta.items() if k != "og:url")))


def report_from_html(markup: str, *, report_id: str, source_path: str = "") -> Report:
    """A Report from an HTML page: Report.text is the page's visible text, which spans point into."""
    return report_from_source(html_source(markup, report_id=report_id, source_path=source_path))


def read_html_report(text: str, *, path: Path) -> tuple[list[ReportSource], list[IngestProblem]]:
    """One report from an HTML file."""
    return [html_source(text, report_id=path.name, source_path=str(path))], []


# --- batches ----------------------------------------------------------------------------------------------


def _field_text(value, *, name: str, where: str, notes: list[str]) -> str:
    """A batch field as clean text: strings and numbers only (a nested object is not a report's text)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ReportError(f"{where} has a {name} that is not text ({type(value).__name__}); write it as a string")
    return clean_text(str(value), notes)


def _clamp(value: str, limit: int) -> str:
    if len(value) <= limit:
        return value
    cut = value.rfind(" ", 0, limit)
    return value[: cut if cut > limit // 2 else limit].rstrip() + "…"


def _safe_url(url: str) -> tuple[str, str]:
    """(url, why it was dropped): only http(s) links of sane length are kept, since views turn them into links."""
    url = url.strip()
    if not url:
        return "", ""
    if len(url) > MAX_URL_CHARS:
        return "", f"url dropped: longer than {MAX_URL_CHARS} characters"
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in ("http", "https"):
        return "", f"url dropped: only http and https links are kept, not {url[:40]!r}"
    return url, ""


def _report_from_row(row, *, path: Path, row_number: int, seen_ids: set[str]) -> ReportSource:
    """One batch row as a source; raises ReportError naming the row and the fix."""
    where = f"{path} row {row_number}"
    if not isinstance(row, dict):
        raise ReportError(f"{where} is not an object with keys {', '.join(BATCH_FIELDS)}; fix or remove the row")
    notes: list[str] = []
    report_id = _field_text(row.get("id"), name="id", where=where, notes=notes).strip()
    if not report_id:
        raise ReportError(f"{where} has no id; give every row a unique id")
    if len(report_id) > MAX_ID_CHARS:
        raise ReportError(f"{where} has an id longer than {MAX_ID_CHARS} characters ({len(report_id)}); "
                          "give it a short unique id")
    where = f"{where} (id {report_id!r})"
    if report_id in seen_ids:
        raise ReportError(f"{path} row {row_number} repeats id {report_id!r}; give every row a unique id")
    text = row.get("text")
    if text is not None and not isinstance(text, str):
        raise ReportError(f"{where} has a text that is not text ({type(text).__name__}); write the report's "
                          "text as a string")
    text = _repair_mojibake(clean_text(text or "", notes), notes)
    if not text.strip():
        raise ReportError(f"{where} has no text; fill in the text or remove the row")
    title = _field_text(row.get("title"), name="title", where=where, notes=notes).strip()
    publisher = _field_text(row.get("source"), name="source", where=where, notes=notes).strip()
    for name, value in (("title", title), ("source", publisher)):
        if len(value) > MAX_FIELD_CHARS:
            notes.append(f"{name} cut to {MAX_FIELD_CHARS} characters (it had {len(value)})")
    url, dropped = _safe_url(_field_text(row.get("url"), name="url", where=where, notes=notes))
    notes.extend([dropped] if dropped else [])
    written = _field_text(row.get("published"), name="published", where=where, notes=notes).strip()
    published = None
    if written:
        published = iso_date(written) if len(written) <= MAX_DATE_CHARS else None
        if published is None:
            raise ReportError(f"{where} has published={_clamp(written, 40)!r}, which is not a date; write it as "
                              "YYYY-MM-DD or leave it empty")
    seen_ids.add(report_id)
    return ReportSource(report_id, text, str(path), title=_clamp(title, MAX_FIELD_CHARS),
                        publisher=canonical_publisher(_clamp(publisher, MAX_FIELD_CHARS)) if publisher else "",
                        url=url, published=published, notes=tuple(notes))


def _row_or_problem(row, *, path: Path, row_number: int, seen_ids: set[str]
                    ) -> tuple[Optional[ReportSource], Optional[IngestProblem]]:
    try:
        return _report_from_row(row, path=path, row_number=row_number, seen_ids=seen_ids), None
    except ReportError as error:
        return None, IngestProblem(str(path), str(error))
    except Exception as error:  # a bug of geomap's, met on this row: the other rows still go in
        return None, IngestProblem(str(path), _internal_error_reason(f"{path} row {row_number}", error))


_JSONL_ROW_END = re.compile(r"\r\n|\r|\n")


def read_jsonl_batch(text: str, *, path: Path) -> tuple[list[ReportSource], list[IngestProblem]]:
    """One report per JSON line; a bad or cut-off line becomes a problem and the others still go in."""
    sources, problems, seen_ids = [], [], set()
    # A row ends at a line end ("\n", "\r\n" or an old Mac's "\r", which a JSON string never holds raw), not at the
    # U+0085 or U+2028 a JSON string may hold raw, as str.splitlines would have it
    lines = _JSONL_ROW_END.split(text)
    ends_cleanly = text.endswith(("\n", "\r"))
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except RecursionError:
            problems.append(IngestProblem(str(path), f"{path} row {number} is nested too deeply to be a report; "
                                                     "fix or remove the line"))
            continue
        except ValueError as error:  # not JSON, or a number too long to convert
            message = getattr(error, "msg", None) or "it holds a number too long to read"
            if number == len(lines) and not ends_cleanly:
                reason = (f"{path} row {number} is cut off ({message}): the file looks truncated; "
                          "export the batch again")
            else:
                reason = f"{path} row {number} is not valid JSON ({message}); fix or remove the line"
            problems.append(IngestProblem(str(path), reason))
            continue
        source, problem = _row_or_problem(row, path=path, row_number=number, seen_ids=seen_ids)
        if source is not None:
            sources.append(source)
        else:
            problems.append(problem)
    if not sources and not problems:
        raise ReportError(f"{path} holds no rows; remove it or export the batch again")
    return sources, problems


def read_csv_batch(text: str, *, path: Path) -> tuple[list[ReportSource], list[IngestProblem]]:
    """One report per CSV row (header: id, title, text, source, url, published); bad rows become problems."""
    if csv.field_size_limit() < MAX_REPORT_BYTES:
        csv.field_size_limit(MAX_REPORT_BYTES)  # the csv module's default (128 KB) is below one report's limit
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise ReportError(f"{path} has a header that cannot be parsed ({error}); fix its first line") from None
    missing = [name for name in ("id", "text") if name not in header]
    if missing:
        raise ReportError(f"{path} has no {' or '.join(missing)} column; the header must name "
                          f"{', '.join(BATCH_FIELDS)}")
    reader.fieldnames = header
    sources, problems, seen_ids = [], [], set()
    row_number, line = 0, reader.line_num
    try:
        for row in reader:
            row_number += 1
            first_line, line = line + 1, reader.line_num
            if None in row or any(value is None for value in row.values()):
                if None not in row and line > first_line and line >= text.count("\n") + (not text.endswith("\n")):
                    reason = (f"{path} row {row_number} (line {first_line}) has an unclosed quote: its field runs "
                              "to the end of the file; close the quote")
                else:
                    reason = (f"{path} row {row_number} (line {first_line}) has {'more' if None in row else 'fewer'} "
                              "fields than the header; quote fields that contain commas or fix the row")
                problems.append(IngestProblem(str(path), reason))
                continue
            source, problem = _row_or_problem(row, path=path, row_number=row_number, seen_ids=seen_ids)
            if source is not None:
                sources.append(source)
            else:
                problems.append(problem)
    except csv.Error as error:
        problems.append(IngestProblem(str(path), f"{path} cannot be parsed after row {row_number} ({error}): "
                                                 "the file may be truncated or have an unclosed quote; fix it"))
    return sources, problems


READERS = {
    ".txt": read_txt_report,
    ".html": read_html_report,
    ".htm": read_html_report,
    ".jsonl": read_jsonl_batch,
    ".csv": read_csv_batch,
}
BATCH_READERS = (read_jsonl_batch, read_csv_batch)  # one report per row, each field cleaned on its own

__all__ = [
    "BATCH_FIELDS", "DecodedText", "MAX_REPORT_BYTES", "PUBLISHED_FLOOR", "PUBLISHED_MARGIN", "READERS",
    "ReportSource", "canonical_publisher", "clean_text", "content_hash", "decode_report_bytes", "detect_publisher",
    "detect_title", "html_source", "html_to_text", "publisher_names", "implausible_publication_date", "read_csv_batch",
    "read_file_sources", "read_html_report", "read_jsonl_batch", "read_report_bytes", "read_report_file",
    "read_report_text", "read_reports", "read_sources", "read_txt_report", "report_files", "report_from_html",
    "report_from_source", "report_from_text", "report_or_problem", "story_body",
]
