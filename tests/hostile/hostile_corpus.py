"""A corpus of hostile inputs, written by the tests into a folder: nothing large is committed.

Each `HostileInput` writes one file (or a FIFO, a link, a batch) and says what a careful reader
does with it: the ids of the reports it keeps, text each kept report must contain or must
not, and words that each reason for a skipped file or row must contain. The texts are our
own, in the shapes real reports and broken exports take.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

STORY = ("Shelling hit a residential district of Tartar overnight, local officials said on Sunday.\n"
         "Two people were wounded and a school was damaged, the district administration said.\n")


def story(title: str, dateline: str = "11 October 2020") -> str:
    """A short, plausible report with a title and a dateline line."""
    return f"{title}\n{dateline}\n{STORY}"


@dataclass(frozen=True)
class HostileInput:
    """One hostile input and what a reader that can't be stalled, crashed or fooled makes of it."""

    name: str  # the file name written into the folder
    kind: str  # what it is, as a test id
    write: Callable[[Path], None]
    kept: tuple[str, ...] = ()  # report ids taken in from it
    reasons: tuple[str, ...] = ()  # each skip reason for this file contains one of these, and each is used
    contains: tuple[str, ...] = ()  # text every kept report from it has
    lacks: tuple[str, ...] = ()  # text no kept report from it has
    notes: tuple[str, ...] = ()  # words in the reading notes of its kept reports (a repair the reader reports)
    may_exceed_budget: bool = False  # kept, or skipped for its time budget
    needs: str = ""  # "fifo", "symlink", "non-root": skipped where the platform cannot make it


def _text(content: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content.encode(encoding))


def _bytes(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def _jsonl(rows: list, *, ends_cleanly: bool = True) -> Callable[[Path], None]:
    lines = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + ("\n" if ends_cleanly else "")
    return lambda path: path.write_text(lines, encoding="utf-8")


def _zip_bomb(path: Path) -> None:
    """A zip whose one member unpacks to 200 MB of zeros (200 KB on disk): never to be unpacked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("report.txt", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):
                member.write(chunk)
    path.write_bytes(buffer.getvalue())


def _gzip_bomb(path: Path) -> None:
    path.write_bytes(gzip.compress(b"\0" * (50 << 20), compresslevel=9))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link(target: str) -> Callable[[Path], None]:
    return lambda path: os.symlink(target, path)


def _loop(path: Path) -> None:
    other = path.with_name(path.stem + "_partner.txt")
    os.symlink(other.name, path)
    os.symlink(path.name, other)


def _unreadable(path: Path) -> None:
    path.write_text(story("Locked report"), encoding="utf-8")
    path.chmod(0)


def _huge_one_line(path: Path) -> None:
    """A quarter of a megabyte on one line (some 1,500 clauses in one "sentence"): dates, places and claims with
    no sentence break anywhere. Scale is tested elsewhere: twenty times that, alone beside the seeds, is
    `test_a_five_megabyte_one_line_report_...` in test_hostile_ingest.py, and the stages' time linear in a
    one-line report's length is a test of its own there and in test_dates.py."""
    unit = ("on 12 October 2020 Azerbaijan's defence ministry said shelling hit Ganja and Barda while "
            "officials in Stepanakert said that drones struck near Martuni on Sunday and ")
    path.write_text("Report without line breaks " + unit * (250_000 // len(unit)), encoding="utf-8")


def _dates_without_breaks(path: Path) -> None:
    """100 KB of dated clauses (some 1,300 dates) with no full stop: the shape that made date finding quadratic.
    Linear time on it is test_dates.py's test; here it must go in, or be skipped within its budget."""
    unit = "fighting that began on September 27 resumed on 3 October 2020 near Fuzuli, "
    path.write_text("Dated clauses\n" + unit * (100_000 // len(unit)) + "\n", encoding="utf-8")


def _one_word(path: Path) -> None:
    path.write_text("Headline\n" + "x" * 2_000_000 + "\n", encoding="utf-8")


def _many_names(path: Path) -> None:
    """10,000 place names in one report: every one a candidate to rank."""
    path.write_text("Names\n" + "Ganja, Barda, Tartar and Shusha. " * 2_500, encoding="utf-8")


def _nested_html(path: Path) -> None:
    depth = 100_000
    path.write_text("<html><head><title>Deep page</title></head><body>" + "<div>" * depth
                    + "<p>Shelling hit Tartar on 11 October 2020.</p>" + "</span>" * depth + "</div>" * depth
                    + "</body></html>", encoding="utf-8")


def _deep_json(path: Path) -> None:
    rows = [{"id": "deep-ok", "text": STORY, "published": "2020-10-11"}]
    path.write_text(json.dumps(rows[0]) + "\n" + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")


def _huge_csv_field(path: Path) -> None:
    """A text field of 135,000 characters: over the csv module's default limit of 131,072 by a little, as far
    over as it needs to be (each "Ganja" in it is a place name the ingest resolves)."""
    path.write_text("id,title,text,source,url,published\n"
                    f"big-1,Long one,\"{STORY.strip()} {'Ganja ' * 22_500}\",,,2020-10-11\n"
                    f"big-2,Short one,\"{STORY.strip()}\",,,2020-10-12\n", encoding="utf-8")


def _csv_with_nul(path: Path) -> None:
    path.write_bytes(("id,title,text,source,url,published\n"
                      f"nul-1,Clean,\"{STORY.strip()}\",,,2020-10-11\n").encode()
                     + b"nul-2,Dirty,\"Shelling \x00hit Barda.\",,,2020-10-11\n"
                     + f"nul-3,After,\"{STORY.strip()}\",,,2020-10-13\n".encode())


def _utf16_no_bom(encoding: str) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(story("Rockets hit Gəncə overnight").encode(encoding))


MARKUP = '<script>alert("x")</script> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">link</a>'

HOSTILE_INPUTS: tuple[HostileInput, ...] = (
    # --- size and shape ---
    HostileInput("huge_one_line.txt", "huge-one-line-report", _huge_one_line,
                 kept=("huge_one_line.txt",), may_exceed_budget=True),
    HostileInput("dates_without_breaks.txt", "dated-clauses-without-sentence-breaks", _dates_without_breaks,
                 kept=("dates_without_breaks.txt",), may_exceed_budget=True),
    HostileInput("one_long_word.txt", "two-megabyte-word", _one_word, kept=("one_long_word.txt",),
                 may_exceed_budget=True),
    HostileInput("many_place_names.txt", "ten-thousand-place-names", _many_names,
                 kept=("many_place_names.txt",), may_exceed_budget=True),
    HostileInput("deeply_nested.html", "deeply-nested-html", _nested_html, kept=("deeply_nested.html",),
                 contains=("Shelling hit Tartar",)),
    # --- not text ---
    HostileInput("photo.txt", "png-named-txt", _bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 8),
                 reasons=("PNG image",)),
    HostileInput("zip_bomb.txt", "zip-bomb-named-txt", _zip_bomb, reasons=("ZIP archive",)),
    HostileInput("gzip_bomb.txt", "gzip-bomb-named-txt", _gzip_bomb, reasons=("gzip",)),
    HostileInput("random_bytes.txt", "random-high-bytes", _bytes(bytes((i * 167 + 13) % 256 for i in range(6000))),
                 reasons=("binary", "not text", "neither UTF-8")),
    HostileInput("program.txt", "elf-executable-named-txt", _bytes(b"\x7fELF\x02\x01\x01" + bytes(4000)),
                 reasons=("executable",)),
    HostileInput("report.docx", "unknown-suffix", _bytes(b"PK\x03\x04 word document"),
                 reasons=("not a report format",)),
    # --- empty ---
    HostileInput("empty.txt", "empty-file", _bytes(b""), reasons=("empty",)),
    HostileInput("whitespace.txt", "whitespace-only", _text(" \n\t\r\n   \u00a0\u2003\n"), reasons=("empty",)),
    HostileInput("only_controls.txt", "control-characters-only", _bytes(b"\x01\x02\x03\x1b\x07\x7f" * 50),
                 reasons=("empty", "not text")),
    HostileInput("script_only.html", "html-with-no-visible-text", _text("<html><script>alert(1)</script></html>"),
                 reasons=("no visible text",)),
    # --- encodings ---
    HostileInput("nul_bytes.txt", "nul-bytes-in-text",
                 _bytes(story("Rockets hit Ganja").encode().replace(b"Shelling", b"Shel\0ling\0")),
                 kept=("nul_bytes.txt",), contains=("Shelling hit",), lacks=("\0",), notes=("NUL",)),
    HostileInput("control_chars.txt", "terminal-escapes-and-control-characters",
                 _text(story("Rockets \x1b[31mhit\x1b[0m Ganja\x07").replace("Two", "T\x08wo\x0b")),
                 kept=("control_chars.txt",), contains=("Rockets [31mhit[0m Ganja",),
                 lacks=("\x1b", "\x07", "\x08"), notes=("control character",)),
    HostileInput("mixed_encoding.txt", "utf8-with-cp1252-bytes",
                 _bytes(story("Rockets hit Gəncə").encode() + "He called it \u201ca miracle\u201d.\n".encode("cp1252")),
                 kept=("mixed_encoding.txt",), contains=("Gəncə", "\u201ca miracle\u201d"), lacks=("É™",),
                 notes=("mixed encodings",)),
    HostileInput("mojibake.txt", "utf8-read-as-cp1252-and-saved-again",
                 _text(story("Rockets hit Gəncə and Ağdam").encode("utf-8").decode("cp1252", "replace")),
                 kept=("mojibake.txt",), contains=("Gəncə", "Ağdam"), lacks=("É™",), notes=("mojibake",)),
    HostileInput("latin1.txt", "latin1-text", _text(story("Shelling near Göygöl café"), "latin-1"),
                 kept=("latin1.txt",), contains=("Göygöl café",)),
    HostileInput("utf16le_bom.txt", "utf16-le-with-bom", _text(story("Rockets hit Gəncə"), "utf-16"),
                 kept=("utf16le_bom.txt",), contains=("Gəncə",), lacks=("\ufeff",)),
    HostileInput("utf16be_bom.txt", "utf16-be-with-bom",
                 _bytes(b"\xfe\xff" + story("Rockets hit Gəncə").encode("utf-16-be")),
                 kept=("utf16be_bom.txt",), contains=("Gəncə",), lacks=("\ufeff",)),
    HostileInput("utf16le_no_bom.txt", "utf16-le-without-bom", _utf16_no_bom("utf-16-le"),
                 kept=("utf16le_no_bom.txt",), contains=("Gəncə",), notes=("UTF-16",)),
    HostileInput("utf16be_no_bom.txt", "utf16-be-without-bom", _utf16_no_bom("utf-16-be"),
                 kept=("utf16be_no_bom.txt",), contains=("Gəncə",), notes=("UTF-16",)),
    HostileInput("utf32.txt", "utf32-with-bom", _text(story("Rockets hit Gəncə"), "utf-32"),
                 kept=("utf32.txt",), contains=("Gəncə",)),
    HostileInput("truncated.txt", "truncated-multibyte-character", _bytes(story("Rockets hit Gəncə").encode()[:-1]
                                                                          + "Gə".encode()[:-1]),
                 reasons=("truncated",)),
    HostileInput("bad_utf16.txt", "utf16-bom-with-odd-length", _bytes(b"\xff\xfe" + "Gəncə".encode("utf-16-le") + b"\x00"),
                 reasons=("truncated", "not valid")),
    # --- markup ---
    HostileInput("markup.txt", "script-payloads-in-plain-text",
                 _text(story(f"Rockets hit Ganja {MARKUP}")),
                 kept=("markup.txt",), contains=("<script>",)),  # kept verbatim: exports and views escape it
    HostileInput("payload.html", "script-style-and-handlers-in-html",
                 _text("<html><head><title>Rockets hit Ganja</title><style>p{}</style></head><body "
                       "onload=alert(1)><h1>Rockets hit Ganja</h1><p>Shelling hit Tartar on 11 October 2020."
                       f"</p>{MARKUP}<iframe src=javascript:alert(3)>inside</iframe><svg><script>alert(4)</script>"
                       "</svg><p>Two people were wounded.</p></body></html>"),
                 kept=("payload.html",), contains=("Shelling hit Tartar", "Two people were wounded"),
                 lacks=("alert", "<", "javascript")),
    # --- dates ---
    HostileInput("impossible_date.txt", "impossible-dateline",
                 _text(story("Shelling near Tartar", "Friday, December 57, 2023")),
                 kept=("impossible_date.txt",)),
    HostileInput("far_future_date.txt", "dated-31-december-2099",
                 _text(story("Shelling near Tartar", "31 December 2099")),
                 kept=("far_future_date.txt",), notes=("2099-12-31",)),
    HostileInput("ancient_date.html", "page-published-in-1850",
                 _text('<html><head><meta property="article:published_time" content="1850-03-03T08:00:00Z">'
                       f'</head><body><h1>Shelling near Tartar</h1><p>{STORY}</p></body></html>'),
                 kept=("ancient_date.html",), notes=("1850-03-03",)),
    # --- batches ---
    HostileInput("malformed.jsonl", "malformed-jsonl-rows", _jsonl([
        {"id": "j-ok", "text": STORY, "published": "2020-10-11"},
        "{not json",
        "[1, 2, 3]",
        "42",
        {"id": "", "text": STORY},
        {"id": "j-no-text", "text": "   "},
        {"id": "j-ok", "text": STORY + "again"},
        {"id": "j-text-object", "text": {"nested": STORY}},
        {"id": "j-bad-date", "text": STORY, "published": "2020-99-99"},
        {"id": "j-weird-date", "text": STORY, "published": "Friday, December 57, 2023"},
        {"id": "j-future", "text": STORY, "published": "2099-12-31"},
        {"id": "j-ancient", "text": STORY, "published": "1850-03-03"},
        '{"id": "j-surrogate", "text": "Shelling hit Barda \\ud800 overnight.", "published": "2020-10-11"}',
        '{"id": "j-nul", "text": "Shelling hit \\u0000Barda overnight.", "published": "2020-10-11"}',
        {"id": "j-long-id-" + "x" * 5000, "text": STORY},
        {"id": "j-long-fields", "title": "T" * 100_000, "source": "S" * 100_000, "url": "u" * 100_000,
         "text": STORY, "published": "2020-10-11"},
        {"id": "j-script-url", "text": STORY, "url": "javascript:alert(1)"},
        '{"id": "j-big-number", "text": "x", "published": ' + "9" * 5000 + "}",
        '{"id": "j-cut", "text": "cut off mid'], ends_cleanly=False),
                 kept=("j-ok", "j-surrogate", "j-nul", "j-long-fields", "j-script-url"),
                 lacks=("\0", "\ud800", "javascript"),
                 reasons=("not valid JSON", "not an object", "has no id", "has no text", "repeats id",
                          "is not text", "not a date", "after today", "before 1900", "longer than", "cut off")),
    HostileInput("deep.jsonl", "jsonl-nested-200000-deep", _deep_json, kept=("deep-ok",),
                 reasons=("nested",)),
    HostileInput("malformed.csv", "malformed-csv-rows", _text(
        "id,title,text,source,url,published\n"
        f"c-ok,Fine,\"{STORY.strip()}\",,,2020-10-11\n"
        "c-more,Too,many,fields,here,2020-10-11,extra\n"
        "c-less,Too few\n"
        "c-date,Bad date,Some text.,,,2020-13-45\n"
        f"c-quote,Unclosed,\"{STORY.strip()},,,2020-10-11\n"),
                 kept=("c-ok",), reasons=("more fields", "fewer fields", "not a date", "unclosed quote")),
    HostileInput("huge_field.csv", "csv-field-over-the-csv-module-limit", _huge_csv_field,
                 kept=("big-1", "big-2")),
    HostileInput("nul_in.csv", "csv-with-a-nul-byte", _csv_with_nul, kept=("nul-1", "nul-2", "nul-3"),
                 notes=("NUL",)),
    HostileInput("no_header.csv", "csv-without-header", _text("just,some,values\n1,2,3\n"),
                 reasons=("no id or text column",)),
    # --- not regular files ---
    HostileInput("pipe.txt", "fifo-named-txt", _fifo, reasons=("not a regular file",), needs="fifo"),
    HostileInput("zeros.txt", "symlink-to-dev-zero", _link("/dev/zero"), reasons=("not a regular file",),
                 needs="symlink"),
    HostileInput("kernel_memory.txt", "symlink-to-proc-self-mem", _link("/proc/self/mem"),
                 reasons=("cannot be read", "empty"), needs="symlink"),
    HostileInput("loop.txt", "symlink-loop", _loop, reasons=("cannot be read", "link"), needs="symlink"),
    HostileInput("dangling.txt", "dangling-symlink", _link("does-not-exist.txt"), reasons=("does not exist", "link"),
                 needs="symlink"),
    HostileInput("locked.txt", "unreadable-permissions", _unreadable, reasons=("permission",), needs="non-root"),
)


def write_hostile_corpus(folder: Path) -> list[HostileInput]:
    """Write every hostile input this platform can make into `folder`; returns those written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in HOSTILE_INPUTS:
        if item.needs == "fifo" and not hasattr(os, "mkfifo"):
            continue
        if item.needs == "symlink" and not hasattr(os, "symlink"):
            continue
        if item.needs == "non-root" and hasattr(os, "geteuid") and os.geteuid() == 0:
            continue  # root reads any file: a permission the reader can't meet can't be made
        item.write(folder / item.name)
        written.append(item)
    return written


def path_kinds(items: list[HostileInput]) -> dict[str, HostileInput]:
    """The inputs by file name, and by the partner files they make (a symlink loop is two files)."""
    by_name = {item.name: item for item in items}
    for item in items:
        if item.write is _loop:
            by_name[Path(item.name).stem + "_partner.txt"] = item
    return by_name


__all__ = ["HOSTILE_INPUTS", "HostileInput", "MARKUP", "STORY", "path_kinds", "story", "write_hostile_corpus"]
