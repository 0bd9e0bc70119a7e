"""Publication dates of reports and event dates of phrases, with the words they came from.

How `publication_date` decides, strongest evidence first (the first that yields a date wins):

1. HTML metadata (`article:published_time`, `datePublished`, `<time datetime>`): 0.95; else
   the report's address when its path carries the day (".../2015/01/22/...", ".../2015-01-22-..."),
   as news sites file their stories: 0.9.
2. A dateline: a header line that stamps a date ("Mon 12 October 2020:", "Posted: Jun 7,
   2019 4:10 PM", "Wire | Jun 7, 2019") or a dateline opening the story that names its place
   first and the date with its year ("Gori, Georgia - August 9, 2008."), not under a site
   banner: 0.95 with a year, lower when the year had to be inferred or its weekday disagrees.
   A wire dateline without its year ("TBILISI, Aug 9 (Wire) -", "GANJA, October 4. The ...")
   takes the latest year the story names as its present (0.45: a paired report's better date
   wins; not a span, decade or bound such as "a war in 1991-92", "the 1990s", "since 2014"), and
   dates nothing without one (`yearless_dateline` gives its day to the merge).
3. A day count: "entered the ninth day" of fighting that "began on September 27" gives
   day 1 = Sep 27, day 9 = Oct 5. The start comes from the text, else from a known
   conflict the text names (a conflict profile, below): 0.85, 0.6 from the table alone.
4. A page banner date (a date line under "| Welcome to ...") when it does not contradict
   the story: a banner is the day the page was served, so it loses to the story's own
   evidence and is dropped when the story dates an event after it: 0.6.
5. The story's latest full date when it falls on a weekday the story names ("on Sunday,
   March 12, 2023"): 0.35; else the first day after it (or after the day fighting began)
   that falls on a weekday the story names ("began on Sept. 27" + "on Monday" -> the next
   Monday): 0.3; else the latest full date in the text: 0.25.

A date written without a year takes it, in this order, from a known conflict that started
on that day, else from the most recent year not after the banner date in which the story's
day falls on a weekday the story names, else from the first such year from the latest year
the story mentions. In step 5 a month-day without a year counts as a full date when the
report bounds its year: the address gives the year and month only (".../2020/04/..." makes
"April 9" 2020-04-09, and "December 30" the year before), or the month-day is written with
its weekday ("Thursday, 11 February") and falls on it in the latest year the story names as
its present (a copyright line's year) or the next, and in only one of them. Nothing else
gives a year: "Sunday June 6" in a story that names no year stays undated. The clock is
never consulted: the same text always gives the same date.

A report dated with confidence below 0.5 (step 5, or not at all) can borrow the date of a
better-dated report of the same news event: see `geomap.merge.harmonise_publication_dates`,
which checks the borrowed date against this report's own cues (`story_date_cues`).

Conflicts are data: the profiles of data/conflicts/ (`geomap.conflicts`), used only for a
report that names the conflict. Functions that use them take `conflicts=` to override the
profiles (tests pass `()` to see what the text alone gives).

Every stage is linear in the report's length (a date mention looks at most a few hundred
characters around it), and no malformed date ("December 57") is ever an error: it is skipped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Iterable, Mapping, Optional

from geomap.conflicts import ConflictProfile, conflict_profiles
from geomap.precision import DatePrecision
from geomap.records import EventDate
from geomap.sentences import read_once_per_sentence


# A line of page chrome ("| Welcome to Global Village Space"): reports.py uses it to skip titles too.
PAGE_BANNER = re.compile(r"^\s*(?:\|.*|welcome to\b.*)$", re.IGNORECASE)

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_NAMES = "|".join(day.title() for day in _WEEKDAYS)  # "Monday|Tuesday|...|Sunday": the one list, for patterns
_WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                 "sun": 6}
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40,
}
_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
          "ninth": 9}
for _tens, _value in (("twenty", 20), ("thirty", 30), ("forty", 40)):
    for _unit, _n in _UNITS.items():
        _ORDINAL_WORDS[f"{_tens}-{_unit}"] = _value + _n
        _ORDINAL_WORDS[f"{_tens} {_unit}"] = _value + _n

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = "|".join(_MONTH_NAMES[:12])  # "January|...|December": the one list, for patterns
# Title case, or all capitals as bylines and stamps write them ("Published: MARCH 21, 2019").
_MONTH_RE = rf"(?:{'|'.join(_MONTH_NAMES)}|{'|'.join(name.upper() for name in _MONTH_NAMES)})\.?"
_WEEKDAY_RE = rf"(?:{WEEKDAY_NAMES}|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)"
# "Friday, December 1, 2023", "Mon 12 October 2020", "Sept. 27", "October 11, 2020", "2020-10-12".
_DATE_RE = re.compile(
    rf"(?:(?P<weekday>{_WEEKDAY_RE}),?\s+)?"
    rf"(?:(?P<month1>{_MONTH_RE})\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year1>(?:19|20)\d\d))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_RE})(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
    rf"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))\b"
)
_ORDINAL_RE = "|".join(sorted((re.escape(w) for w in _ORDINAL_WORDS), key=len, reverse=True))
_DAY_COUNT_RE = re.compile(
    rf"\b(?:(?P<word>{_ORDINAL_RE})|(?P<num>\d{{1,3}})(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+|successive\s+)?day\b"
    r"|\bday\s+(?P<dayn>\d{1,3})\s+of\b",
    re.IGNORECASE,
)
_FIGHTING_RE = re.compile(r"\b(?:fight\w*|clash\w*|war|hostilit\w*|conflict|offensive|battle\w*|raged|shelling)\b",
                          re.IGNORECASE)
_START_VERB_RE = re.compile(r"\b(?:began|begun|erupted|broke out|started|flared(?: up)?|since|launched)\b[^.]{0,30}$",
                            re.IGNORECASE)
_WEEKDAY_NAMED_RE = re.compile(rf"\b({WEEKDAY_NAMES})\b")
_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)s?\b")
_ARCHIVE_RE = re.compile(r"\b(?:file photo|archive|photo taken)\b[^.]{0,20}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _DateMention:
    start: int
    end: int
    words: str
    month: int
    day: int
    year: Optional[int]
    weekday: Optional[int]

    def on(self, year: int) -> Optional[date]:
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None


def _date_mentions(text: str) -> list[_DateMention]:
    found = []
    for m in _DATE_RE.finditer(text):
        weekday = m.group("weekday")
        weekday_n = None
        if weekday:
            key = weekday.lower()
            weekday_n = _WEEKDAYS.get(key, _WEEKDAY_ABBR.get(key))
        if m.group("iso"):
            year, month, day = (int(part) for part in m.group("iso").split("-"))
        else:
            month_word = (m.group("month1") or m.group("month2")).rstrip(".").lower()
            month = _MONTHS[month_word]
            day = int(m.group("day1") or m.group("day2"))
            year_text = m.group("year1") or m.group("year2")
            year = int(year_text) if year_text else None
        if not 1 <= day <= 31 or not 1 <= month <= 12:
            continue
        found.append(_DateMention(m.start(), m.end(), m.group(0), month, day, year, weekday_n))
    return found


_SENTENCE_REACH = 400  # how far around a date mention its sentence is looked for: keeps every stage linear


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], cut at `_SENTENCE_REACH` characters each way."""
    floor, ceiling = max(0, start - _SENTENCE_REACH), min(len(text), end + _SENTENCE_REACH)
    left = max(text.rfind(".", floor, start), text.rfind("\n", floor, start), floor - 1) + 1
    right_candidates = [i for i in (text.find(".", end, ceiling), text.find("\n", end, ceiling)) if i != -1]
    return left, min(right_candidates) if right_candidates else ceiling


def _named_conflicts(text: str, conflicts: Iterable[ConflictProfile]) -> list[ConflictProfile]:
    return [c for c in conflicts if c.named_in(text)]


def _header_lines(text: str) -> list[tuple[int, str]]:
    """The lines above the story's first line of prose, with their offsets: banners, datelines, bylines, title."""
    header = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            header.append((offset, line.rstrip("\r\n")))
            words = len(stripped.split())
            prose = words >= 30 or (words >= 12 and stripped[-1:] in '.!?"”’')  # a long headline is no prose
            if len(header) >= 6 or (prose and not _DATE_RE.match(stripped)):
                break
        offset += len(line)
    return header


# What a page prints around its date stamp: labels, clock times, time zones and their offsets, weekdays, separators
# ("Posted: Jun 7, 2019 4:10 PM", "Friday, 7 June 2019 08:15 AM EAT", "Update: 2019-06-07 06:02 GMT",
# "7 June 2019 13:12 (UTC+04:00)").
_STAMP_FURNITURE = re.compile(
    r"(?i:\b(?:posted|published|updated?|last|modified|first|on|at|am|pm|a\.m|p\.m)\b)"
    r"|\b(?:UTC|GMT)\s*[+−-]\s*\d{1,2}(?::?\d\d)?\b"  # an offset: "(UTC+04:00)", "GMT+3"
    rf"|\b(?:[A-Z]{{1,4}}T|UTC|GMT)\b|\b(?:{_WEEKDAY_RE})\b|\b\d{{1,2}}[:h.]\d\d(?::\d\d)?\b|[|/:,;.()•·–—+-]+")
# A short label a stamp may carry: an outlet or a place ("Wire | Jun 7, 2019", "Chad | March 2, 2021").
_STAMP_LABEL = re.compile(r"^(?:[A-Z][\w'’&.-]*\s*){0,3}$")
# A dateline that names the place first and dates the story ("Gori, Georgia - August 9, 2008. Residents ...",
# "KHARTOUM, Sudan, June 3, 2023 (Wire) -"): the place is a few capitalised words, the date carries its year.
_PLACE_FIRST_DATELINE = re.compile(
    r"^(?:[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3})(?:,\s*[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,2}){0,2}"
    r"\s*(?:,|[-–—]{1,2}|:|\[[A-Z][\w'’. -]{1,30}\])\s*$")  # "Herat [Afghanistan] May 2": the country in brackets
_DATELINE_TAIL = re.compile(r"\s*(?:\([^()\n]{1,40}\))?\s*(?:[.:|]|[-–—]{1,2}|$)")
# A wire dateline without its year ("TBILISI, Aug 9 (Wire) -", "GANJA, October 4. The ministry ...", "Herat
# [Afghanistan] May 2 (Wire): On ..."): a dash, or a full stop or colon before the story's first sentence, closes it.
_WIRE_DATELINE_TAIL = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—]{1,2}\s|[.:]\s+(?=[A-Z“\"]))")


# A stamp labelled as the publication date, which pages print below the standfirst and byline too
# ("By JOHN ROE / Published: MARCH 21, 2019 17:05"): read within the first `_LABELLED_STAMP_LINES` lines.
_PUBLISHED_LABEL = re.compile(r"^(?:first\s+)?(?:published|posted)(?:\s+on)?\s*:?\s", re.IGNORECASE)
_LABELLED_STAMP_LINES = 12


def _stamp_lines(text: str) -> list[tuple[int, str]]:
    """The header lines (`_header_lines`), then the lines below them near the top labelled as the publication date."""
    header = _header_lines(text)
    seen = {offset for offset, _ in header}
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        if number >= _LABELLED_STAMP_LINES:
            break
        if offset not in seen and _PUBLISHED_LABEL.match(line.strip()):
            header.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return header


_TITLE_DATE_CUT = re.compile(r"\w\s*(?:,|\s[-–—|:])\s*$")  # "Report, " or "Brief – " before a title's closing date


def _stamp_date(line: str, *, first_prose: bool) -> Optional[re.Match]:
    """The date a header line stamps the story with, if the line is a date stamp or opens with a dateline.

    A stamp is a date with nothing but page furniture around it; a dateline opening the story may
    name its place first, and then needs the year (a year-less one says too little to date a page).
    """
    m = _DATE_RE.search(line)
    if not m:
        return None
    before, rest = line[: m.start()], line[m.end():].strip()
    if not before.strip():
        if rest in ("", ":", "-", "—", "–", "|") or (first_prose and rest[:1] in (":", "—", "–", "-")):
            return m
    residue = _STAMP_FURNITURE.sub(" ", before + " " + rest).strip()
    if len(line) <= 80 and _STAMP_LABEL.match(residue):
        return m
    year = m.group("year1") or m.group("year2") or m.group("iso")
    if first_prose and year and not rest and _TITLE_DATE_CUT.search(before):
        return m  # a title that ends with its date: "Humanitarian Situation Report, 14 March 2024"
    if _PLACE_FIRST_DATELINE.match(before) and (_WIRE_DATELINE_TAIL.match(line, m.end()) if not year
                                                else _DATELINE_TAIL.match(line, m.end())):
        return m
    return None


# A date in figures: "17.10.2021", "20-12-2017", "09.26.23" (read only where one order of day and month is impossible).
_NUMERIC_DATE_RE = re.compile(r"(?<![\d.:/-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)(?![\d.:/-]?\d)")


def _numeric_stamp(line: str, *, first_prose: bool) -> tuple[Optional[re.Match], Optional[_DateMention]]:
    """A header line's stamp written in figures (`_NUMERIC_DATE_RE`), when the line is a stamp (a date with page
    furniture, a byline's name, or the title's closing date) and its day and month cannot be swapped: "17.10.2021"
    is 17 October, "09.26.23" 26 September 2023; "03.04.2021" says neither, and is no stamp."""
    m = _NUMERIC_DATE_RE.search(line)
    if m is None:
        return None, None
    a, b = int(m["a"]), int(m["b"])
    if 1 <= b <= 12 < a <= 31:
        day, month = a, b
    elif 1 <= a <= 12 < b <= 31:
        day, month = b, a
    else:
        return None, None
    year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    before, rest = line[:m.start()], line[m.end():]
    residue = _STAMP_FURNITURE.sub(" ", _NUMERIC_DATE_RE.sub(" ", before + " " + rest)).strip()
    title_date = first_prose and not rest.strip() and _TITLE_DATE_CUT.search(before)
    if not (title_date or (len(line) <= 80 and _STAMP_LABEL.match(residue))):
        return None, None
    mention = _DateMention(m.start(), m.end(), m.group(0), month, day, year, None)
    return (m, mention) if mention.on(year) else (None, None)


def _header_dates(text: str) -> tuple[Optional[_DateMention], Optional[_DateMention]]:
    """(dateline, banner date): a header line that stamps a date, or a dateline opening the story.

    A date line below a site banner is the banner's date (the day the page was served).
    """
    dateline = banner = None
    under_banner = False
    for index, (offset, line) in enumerate(_stamp_lines(text)):
        stripped = line.strip()
        if PAGE_BANNER.match(stripped):
            under_banner = True
            continue
        lead = len(line) - len(line.lstrip())
        m = _stamp_date(stripped, first_prose=index == 0)
        found = _date_mentions(stripped[m.start(): m.end()]) if m else []
        if m and found:
            mention = found[0]
        else:  # "Friday, December 57, 2023": no such day; or a stamp written in figures
            m, mention = _numeric_stamp(stripped, first_prose=index == 0)
            if m is None:
                continue
        mention = _DateMention(offset + lead + m.start(), offset + lead + m.end(), mention.words, mention.month,
                               mention.day, mention.year, mention.weekday)
        if under_banner:
            banner = banner or mention
        else:
            dateline = dateline or mention
    return dateline, banner


def yearless_dateline(text: str) -> str:
    """The words of a dateline that gives its month and day but no year ("GANJA, October 4.", "KYIV, March 3
    (Wire) -"), or "": the day a report without a publication date was filed, its year unknown."""
    dateline, _ = _header_dates(text)
    return dateline.words if dateline is not None and dateline.year is None else ""


def leading_date_end(line: str) -> int:
    """Where a date opening `line` ends, with its colon or dash ("Mon 12 October 2020: ..." -> 21), else 0."""
    m = re.match(rf"\s*{_DATE_RE.pattern}\s*(?:[:|\-–—]\s*)?", line)
    return m.end() if m else 0


# A year told as the past rather than the story's present: a span ("a war in 1991-92"), a decade ("the 1990s"),
# a bound ("since 2014", "back to 1994") or a name ("the 2008 war").
_PAST_YEAR_RE = re.compile(r"\b(?:since|until|till|before|back to|the)\s+(?:(?:early|mid|late)[- ])?((?:19|20)\d\d)\b"
                           r"|\b((?:19|20)\d\d)(?:s\b|\s*[-–/]\s*(?:(?:19|20)?\d\d)\b)", re.IGNORECASE)


def _current_years(story: str) -> list[int]:
    """The years the story names as its present, for a dateline that omits its own."""
    past = {m.start(1) if m.group(1) else m.start(2) for m in _PAST_YEAR_RE.finditer(story)}
    return [int(m.group(1)) for m in _YEAR_RE.finditer(story) if m.start(1) not in past]


def _year_for(month: int, day: int, *, text: str, story_offset: Optional[int], weekdays: set[int],
              upper: Optional[date], lower_year: Optional[int], conflicts: Iterable[ConflictProfile]
              ) -> tuple[Optional[int], str, bool]:
    """(year, how it was chosen, whether it was read rather than guessed) for a date written without one."""
    for conflict in _named_conflicts(text, conflicts):
        if (conflict.start.month, conflict.start.day) == (month, day):
            return conflict.start.year, f"year {conflict.start.year} from the {conflict.name}", True
    if story_offset is None or not weekdays:
        return None, "", False

    def story_day(year: int) -> Optional[date]:
        try:
            return date(year, month, day) + timedelta(days=story_offset)
        except ValueError:
            return None

    names = "/".join(d for d, n in _WEEKDAYS.items() if n in weekdays).title()
    if upper is not None:
        for year in range(upper.year, upper.year - 40, -1):
            when = story_day(year)
            if when and when <= upper and when.weekday() in weekdays:
                return year, f"year {year}: the latest up to {upper.isoformat()} in which the story's day is a {names}", False
    if lower_year is not None:
        for year in range(lower_year, lower_year + 40):
            when = story_day(year)
            if when and when.weekday() in weekdays:
                return year, f"year {year}: the first from {lower_year} in which the story's day is a {names}", False
    return None, "", False


def iso_date(value: str) -> Optional[str]:
    """An ISO date from a machine-written or plain date ("2020-10-05T08:00Z", "5 Oct 2020"), or None."""
    m = re.match(r"\s*((?:19|20)\d\d)-([01]\d)-([0-3]\d)", value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    if not re.search(r"\d", value):  # "soon", "n/a": dateparser would read a bare word relative to today
        return None
    parsed = _dateparser_date(value, anchor=None)
    return parsed.isoformat() if parsed else None


def _meta_date(html_meta: Optional[Mapping[str, str]]) -> Optional[tuple[str, str]]:
    if not html_meta:
        return None
    for key in ("article:published_time", "datePublished", "og:published_time", "pubdate", "date", "time"):
        value = (html_meta.get(key) or "").strip()
        found = iso_date(value) if value else None
        if found:
            return found, f'{key}="{value}"'
    return None


def _day_count(text: str) -> Optional[tuple[int, str]]:
    """The first "Nth day" of fighting: (N, the words)."""
    for m in _DAY_COUNT_RE.finditer(text):
        left, right = _sentence_around(text, m.start(), m.end())
        if not _FIGHTING_RE.search(text[left:right]):
            continue
        if m.group("word"):
            n = _ORDINAL_WORDS[m.group("word").lower()]
        else:
            n = int(m.group("num") or m.group("dayn"))
        if n >= 1:
            return n, _words_before(text, left, m.start(), m.end())
    return None


def _words_before(text: str, left: int, start: int, end: int, *, reach: int = 40) -> str:
    """The words from about `reach` characters before `start` to `end`, cut at a word boundary."""
    begin = max(left, start - reach)
    if begin > left and not text[begin - 1].isspace():
        space = text.find(" ", begin, start)
        begin = space + 1 if space != -1 else start
    return text[begin:end].strip()


def _start_mention(text: str, mentions: list[_DateMention]) -> Optional[tuple[_DateMention, str]]:
    """The date the fighting began on, as the text says it ("Fighting began on Sept. 27")."""
    for mention in mentions:
        left, right = _sentence_around(text, mention.start, mention.end)
        before = text[left:mention.start]
        if _START_VERB_RE.search(before) and _FIGHTING_RE.search(text[left:right]):
            verb = _START_VERB_RE.search(before)
            return mention, text[left + verb.start():mention.end].strip()
    return None


# A news address filed by date: ".../2015/01/22/slug", ".../2015-01-22-slug", or by month only ".../2020/03/slug".
_URL_DAY_RE = re.compile(r"/((?:19|20)\d\d)([/-])([01]?\d)\2([0-3]?\d)(?=[/_.-]|$)")
_URL_MONTH_RE = re.compile(r"/((?:19|20)\d\d)/([01]?\d)/")


def _url_date(url: str) -> tuple[Optional[date], Optional[tuple[int, int]], str]:
    """(the day the address files the report under, else its (year, month), the part of the path that says so)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    m = _URL_DAY_RE.search(path)
    if m:
        try:
            return date(int(m[1]), int(m[3]), int(m[4])), None, m.group(0).strip("/")
        except ValueError:
            pass
    m = _URL_MONTH_RE.search(path)
    if m and 1 <= int(m[2]) <= 12:
        return None, (int(m[1]), int(m[2])), m.group(0).strip("/")
    return None, None, ""


def publication_date(text: str, *, title: str = "", html_meta: Optional[Mapping[str, str]] = None, url: str = "",
                     conflicts: Optional[Iterable[ConflictProfile]] = None) -> tuple[Optional[str], str, float]:
    """(ISO date or None, the words it was read from, confidence 0-1): the method is in the module docstring."""
    conflicts = conflict_profiles() if conflicts is None else tuple(conflicts)
    meta = _meta_date(html_meta)
    if meta:
        return meta[0], meta[1], 0.95
    url_day, url_month, url_words = _url_date(url) if url else (None, None, "")
    if url_day:
        return url_day.isoformat(), f'address "{url_words}"', 0.9
    found = _date_from_story(text, conflicts=conflicts, year_month=url_month)
    if found[0] is not None and url_month:
        found = (found[0], f'{found[1]} (year from the address "{url_words}")', found[2])
    if found[0] is None and title and title not in text:
        # A headline kept apart from the text (a batch's title column) is read last, and trusted less.
        day, evidence, confidence = _date_from_story(title, conflicts=conflicts, year_month=url_month)
        if day:
            return day, f"title: {evidence}", round(confidence * 0.8, 2)
    return found


def _bounded_years(mentions: list[_DateMention], *, story: str,
                   year_month: Optional[tuple[int, int]]) -> list[_DateMention]:
    """`mentions`, those without a year given the one the report bounds (the module docstring, step 5)."""
    named = _current_years(story)
    latest = max(named) if named else None
    out = []
    for m in mentions:
        year = m.year
        if year is None and year_month:
            year = year_month[0] if m.month <= year_month[1] else year_month[0] - 1
        elif year is None and m.weekday is not None and latest is not None:
            fits = [y for y in (latest, latest + 1) if m.on(y) and m.on(y).weekday() == m.weekday]
            year = fits[0] if len(fits) == 1 else None
        out.append(replace(m, year=year) if year != m.year else m)
    return out


def _date_from_story(text: str, *, conflicts: tuple[ConflictProfile, ...],
                     year_month: Optional[tuple[int, int]] = None) -> tuple[Optional[str], str, float]:

    dateline, banner = _header_dates(text)
    banner_day = banner.on(banner.year) if banner and banner.year else None
    skip = {m.start for m in (dateline, banner) if m}
    mentions = [m for m in _date_mentions(text) if m.start not in skip]
    # The story's own words: the banner's weekday and year say when the page was served, not the story.
    story = text[: banner.start] + " " * (banner.end - banner.start) + text[banner.end:] if banner else text
    weekdays = named_weekdays(story)
    body_years = [int(y) for y in _YEAR_RE.findall(story)]
    lower_year = max(body_years) if body_years else None

    # 2. dateline
    if dateline:
        year, how = dateline.year, ""
        confidence = 0.95
        place_first = bool(text[text.rfind("\n", 0, dateline.start) + 1:dateline.start].strip())
        if year is None and place_first:
            # "TBILISI, Aug 9 (Wire) - ... the ceasefire agreed in August 2008": the year the story writes, if any
            named = _current_years(story)
            latest = max(named) if named else None
            usable = latest is not None and banner_day is None and dateline.on(latest)
            year, how, confidence = (latest, f"year {latest}: the latest year the story names", 0.45) \
                if usable else (None, "", 0.0)
        elif year is None:
            year, how, _ = _year_for(dateline.month, dateline.day, text=text, story_offset=0, weekdays=weekdays,
                                     upper=banner_day, lower_year=lower_year, conflicts=conflicts)
            confidence = 0.7
        day = dateline.on(year) if year else None
        if day:
            evidence = f'dateline "{dateline.words}"' + (f" ({how})" if how else "")
            if dateline.weekday is not None and dateline.weekday != day.weekday():
                confidence -= 0.25
                evidence += f"; its weekday does not match {day.strftime('%A')}"
            return day.isoformat(), evidence, confidence

    # 3. day count from a start date
    start = _start_mention(text, mentions)
    count = _day_count(text)
    if count:
        n, count_words = count
        start_day, start_words, confidence = None, "", 0.0
        if start:
            mention, start_words = start
            year, how, year_read = mention.year, "", True
            if year is None:
                year, how, year_read = _year_for(mention.month, mention.day, text=text, story_offset=n - 1,
                                                 weekdays=weekdays, upper=banner_day, lower_year=lower_year,
                                                 conflicts=conflicts)
            start_day = mention.on(year) if year else None
            start_words = f'"{start_words}"' + (f" ({how})" if how else "")
            confidence = 0.85 if mention.year else 0.8 if year_read else 0.7
        if start_day is None:
            for conflict in _named_conflicts(text, conflicts):
                if conflict.end is None or (conflict.end - conflict.start).days + 1 >= n:
                    start_day = conflict.start
                    start_words = f"with the {conflict.name} (the text gives no start date)"
                    confidence = 0.6
                    break
        if start_day is not None:
            day = start_day + timedelta(days=n - 1)
            evidence = f'day count "{count_words}" of fighting that began {start_words}: day 1 = {start_day.isoformat()}'
            if day.weekday() in weekdays:
                confidence += 0.05
                evidence += f"; the story names {day.strftime('%A')}"
            if banner_day and abs((banner_day - day).days) > 2:
                evidence += f'; page banner "{banner.words}" ignored: it contradicts the story'
            return day.isoformat(), evidence, round(min(confidence, 0.95), 2)

    latest = _latest_dated(text, _bounded_years(mentions, story=story, year_month=year_month))

    # 4. banner date, unless the story dates something after it
    if banner_day and not (latest and latest[0] > banner_day):
        return banner_day.isoformat(), f'page banner "{banner.words}"', 0.6

    # 5. the earliest day consistent with the story
    floor = _story_floor(text, start, latest, conflicts=conflicts)
    if floor and weekdays:
        # A full date on a weekday the story names is that day's story ("on Friday, February 4"); a start
        # ("began on Sept. 27") is behind a story that names a weekday, so that weekday comes after it.
        dated_day = latest is not None and latest[0] == floor[0] and not (start and start[0] is latest[1])
        if dated_day and floor[0].weekday() in weekdays:
            named = floor[0].strftime("%A")
            return floor[0].isoformat(), f'{floor[1]}, a {named} as the story says', 0.35
        day = floor[0] + timedelta(days=1)
        while day.weekday() not in weekdays:
            day += timedelta(days=1)
        named = day.strftime("%A")
        return (day.isoformat(), f'the first {named} after {floor[1]}, since the story says "{named}"', 0.3)
    if latest:
        return latest[0].isoformat(), f'latest date in the text "{latest[1].words}"', 0.25
    return None, "", 0.0


def _latest_dated(text: str, mentions: list[_DateMention]) -> Optional[tuple[date, _DateMention]]:
    """The latest full date the story mentions (file-photo captions left out)."""
    dated = [(m.on(m.year), m) for m in mentions if m.year and m.on(m.year)
             and not _ARCHIVE_RE.search(text[max(0, m.start - 40):m.start])]
    return max(dated, key=lambda pair: pair[0]) if dated else None


def _story_floor(text: str, start: Optional[tuple[_DateMention, str]], latest: Optional[tuple[date, _DateMention]],
                 *, conflicts: tuple[ConflictProfile, ...]) -> Optional[tuple[date, str]]:
    """(day, words): the latest day the story states as past (fighting began, a full date), if any."""
    floor = None
    if start:
        mention, start_words = start
        year, how = mention.year, ""
        if year is None:
            year, how, _ = _year_for(mention.month, mention.day, text=text, story_offset=None, weekdays=set(),
                                     upper=None, lower_year=None, conflicts=conflicts)
        if year and mention.on(year):
            floor = (mention.on(year), f'"{start_words}"' + (f" ({how})" if how else ""))
    if latest and (floor is None or latest[0] > floor[0]):
        floor = (latest[0], f'"{latest[1].words}"')
    return floor


def named_weekdays(text: str) -> frozenset[int]:
    """The weekdays a text names in full, 0 = Monday."""
    return frozenset(_WEEKDAYS[w.lower()] for w in _WEEKDAY_NAMED_RE.findall(text))


def named_month_days(text: str) -> frozenset[tuple[int, int]]:
    """The days a text names by month and day without a year ("late on June 14", "this Friday, October 7"),
    as (month, day): in a report with no publication date, the day of its event with the year unknown."""
    return frozenset((m.month, m.day) for m in _date_mentions(text) if m.year is None)


def weekday_dates(text: str, *, guessed: Optional[date] = None) -> dict[int, date]:
    """The days a text writes with their weekday ("on Wednesday, 24 March", "Sunday, March 12, 2023"), by weekday
    (0 = Monday): a report that gives no publication date to count "on Wednesday" back from still means that day by
    it. A date without its year takes the year within half a year of the `guessed` publication date; a day that does
    not fall on its weekday, or a weekday written with two different days, gives nothing."""
    found: dict[int, set[date]] = {}
    for mention in _date_mentions(text[:200_000]):
        if mention.weekday is None:
            continue
        years = [mention.year] if mention.year else [guessed.year + step for step in (-1, 0, 1)] if guessed else []
        days = [day for year in years if (day := mention.on(year)) is not None
                and (mention.year or abs(day - guessed) <= YEAR_REACH) and day.weekday() == mention.weekday]
        if len(days) == 1:
            found.setdefault(mention.weekday, set()).add(days[0])
    return {weekday: next(iter(days)) for weekday, days in found.items() if len(days) == 1}


@dataclass(frozen=True, slots=True)
class StoryDateCues:
    """What a story's own words say about its publication day, to check a date borrowed from another report.

    `weekdays` are the weekdays it names (0 = Monday; a page banner's weekday is not the story's);
    `floor` is the latest day it states as past ("Fighting began on Sept. 27"), with its words.
    """

    weekdays: frozenset[int]
    floor: Optional[date]
    floor_words: str = ""

    def allows(self, day: date) -> bool:
        """True when `day` falls on a weekday the story names (if it names any) and not before its floor."""
        if self.weekdays and day.weekday() not in self.weekdays:
            return False
        return self.floor is None or day >= self.floor


def story_date_cues(text: str, *, conflicts: Optional[Iterable[ConflictProfile]] = None) -> StoryDateCues:
    """The weekdays a story names and the latest day it states as past (see `StoryDateCues`)."""
    conflicts = conflict_profiles() if conflicts is None else tuple(conflicts)
    dateline, banner = _header_dates(text)
    skip = {m.start for m in (dateline, banner) if m}
    mentions = [m for m in _date_mentions(text) if m.start not in skip]
    story = text[: banner.start] + " " * (banner.end - banner.start) + text[banner.end:] if banner else text
    weekdays = named_weekdays(story)
    floor = _story_floor(text, _start_mention(text, mentions), _latest_dated(text, mentions), conflicts=conflicts)
    return StoryDateCues(weekdays, floor[0] if floor else None, floor[1] if floor else "")


def _dateparser_date(phrase: str, *, anchor: Optional[date]) -> Optional[date]:
    found = _dateparser_data(phrase, anchor=anchor)
    return found[0] if found else None


def _dateparser_data(phrase: str, *, anchor: Optional[date]) -> Optional[tuple[date, str]]:
    # Imported here: dateparser takes about a second to load, and importing geomap must stay cheap.
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime.combine(anchor, time())
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    except (ValueError, OverflowError, TypeError):  # a date that cannot exist is no date, never an error
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def _event(start: date, end: date, precision: DatePrecision, evidence: str) -> EventDate:
    return EventDate(start.isoformat(), end.isoformat(), int(precision), evidence)


_FUTURE_RE = re.compile(r"\b(?:will|won't|shall|(?:is|are) (?:due|scheduled|set|expected|planned) to)\b")
_REPORTED_RE = re.compile(r"\b(?:said|says|told|announced|reported|stated|added|claimed|accused|tweeted|wrote)\b")


def _is_future_weekday(lowered: str, weekday: str) -> bool:
    """True when a phrase plainly looks ahead: "next Thursday", or "on Thursday, talks will ..." unreported.

    News is told in the past, so a weekday means the latest such day unless this says otherwise.
    Reported speech ("the army said on Sunday it will respond") keeps the past: the weekday is
    usually when it was said. A sentence is not parsed, so subtler futures stay past.
    """
    if re.search(rf"\bnext {weekday}\b", lowered):
        return True
    return bool(_FUTURE_RE.search(lowered)) and not _REPORTED_RE.search(lowered)


def resolve_relative_date(phrase: str, *, anchor: date, start: Optional[date] = None) -> EventDate:
    """The dates a phrase ("on Sunday", "last week", "the ninth day") points to, seen from `anchor`.

    `anchor` is the report's publication date; `start` is the day fighting began, for day
    counts. Weekdays are the most recent such day on or before the anchor, as news tells the
    past; "next Thursday" or an unreported "on Thursday, talks will ..." look ahead instead.
    "Early hours", "overnight" and the like mean the anchor day unless a weekday is named, which
    they then only qualify ("the early hours of Sunday" is Sunday). A phrase that names no date
    gives an EventDate with start None (kept, never guessed).
    """
    words = phrase.strip()
    lowered = " ".join(words.lower().split())

    month_only = re.fullmatch(rf"(?:in\s+)?(?:(early|mid|late)[- ])?({_MONTH_RE})(?:\s+(last|this)\s+year)?", words,
                              re.IGNORECASE)
    if month_only:
        month = _MONTHS[month_only[2].rstrip(".").lower()]
        year = anchor.year if month <= anchor.month else anchor.year - 1
        if (month_only[3] or "").lower() == "last":
            year = anchor.year - 1
        first, last = _month_of(date(year, month, 1))
        part = (month_only[1] or "").lower()
        if part == "early":
            last = first + timedelta(days=9)
        elif part == "mid":
            first, last = first + timedelta(days=9), first + timedelta(days=19)
        elif part == "late":
            first = first + timedelta(days=19)
        last = min(last, anchor)
        return EventDate(first.isoformat(), last.isoformat(), span_precision(first, last), words)
    count = _DAY_COUNT_RE.search(lowered)
    if count and start is not None:
        n = _ORDINAL_WORDS[count.group("word")] if count.group("word") else int(count.group("num") or count.group("dayn"))
        day = start + timedelta(days=n - 1)
        return _event(day, day, DatePrecision.DAY, words)

    weekday = _WEEKDAY_NAMED_RE.search(words)
    # "the early hours of Sunday", "overnight on Saturday": a named weekday is the day; the
    # time of day only qualifies it. Without one, these words mean the anchor day.
    if not weekday and re.search(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|early hours|"
                                 r"earlier in the day|overnight|hours? ago)\b", lowered):
        return _event(anchor, anchor, DatePrecision.DAY, words)
    ago = re.search(r"\b(a|one|two|three|four|five|\d) (day|week)s? (?:ago|earlier|before)\b", lowered)
    if ago:
        n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(ago[1]) or int(ago[1])
        if ago[2] == "day":
            day = anchor - timedelta(days=n)
            return _event(day, day, DatePrecision.DAY, words)
        first, last = _week_of(anchor - timedelta(days=7 * n))
        return _event(first, last, DatePrecision.WEEK, words)
    if re.search(r"\bday before yesterday\b", lowered):
        day = anchor - timedelta(days=2)
        return _event(day, day, DatePrecision.DAY, words)
    if re.search(r"\b(?:yesterday|last night)\b", lowered):
        day = anchor - timedelta(days=1)
        return _event(day, day, DatePrecision.DAY, words)
    if re.search(r"\b(?:last|past|previous) (?:few|several|couple of) days\b|\bin recent days\b", lowered):
        return _event(anchor - timedelta(days=6), anchor, DatePrecision.DAYS, words)
    if re.search(r"\b(?:last|previous) week\b|\ba week ago\b", lowered):
        first, last = _week_of(anchor - timedelta(days=7))
        return _event(first, last, DatePrecision.WEEK, words)
    if re.search(r"\b(?:this|earlier this|earlier in the) week\b", lowered):
        first, _ = _week_of(anchor)
        return _event(first, anchor, DatePrecision.WEEK, words)
    if re.search(r"\b(?:last|previous) month\b", lowered):
        first, last = _month_of(anchor.replace(day=1) - timedelta(days=1))
        return _event(first, last, DatePrecision.MONTH, words)
    if re.search(r"\b(?:this|earlier this|earlier in the) month\b", lowered):
        first, _ = _month_of(anchor)
        return _event(first, anchor, DatePrecision.MONTH, words)
    if re.search(r"\blast year\b", lowered):
        year = anchor.year - 1
        return _event(date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR, words)
    if re.search(r"\bthis year\b", lowered):
        return _event(date(anchor.year, 1, 1), anchor, DatePrecision.YEAR, words)

    last_month = re.fullmatch(rf"last\s+({_MONTH_RE})", words, re.IGNORECASE)
    if last_month:  # "last March": the latest March before the month of the anchor
        month = _MONTHS[last_month[1].rstrip(".").lower()]
        first, last = _month_of(date(anchor.year - (month >= anchor.month), month, 1))
        return _event(first, last, DatePrecision.MONTH, words)
    mentions = _date_mentions(words)
    if mentions:
        mention = mentions[0]
        year = mention.year or anchor.year
        day = mention.on(year)
        if day and mention.year is None and day > anchor:
            day = mention.on(year - 1)
        if day:
            return _event(day, day, DatePrecision.DAY, words)

    if weekday:
        named = _WEEKDAYS[weekday.group(1).lower()]
        if _is_future_weekday(lowered, weekday.group(1).lower()):
            ahead = (named - anchor.weekday()) % 7
            if ahead == 0 and re.search(rf"\bnext {weekday.group(1).lower()}\b", lowered):
                ahead = 7
            day = anchor + timedelta(days=ahead)
            return _event(day, day, DatePrecision.DAY, words)
        back = (anchor.weekday() - named) % 7
        if re.search(r"\blast\b", lowered) and back == 0:
            back = 7
        day = anchor - timedelta(days=back)
        return _event(day, day, DatePrecision.DAY, words)

    war_years = _WAR_YEARS_PHRASE.fullmatch(words)
    if war_years:
        first, last = war_span(war_years)
        return _event(first, last, DatePrecision.YEAR, words)
    month_year = re.fullmatch(rf"(?:in\s+)?({_MONTH_RE})\s+((?:19|20)\d\d)", words, re.IGNORECASE)
    if month_year:
        first, last = _month_of(date(int(month_year[2]), _MONTHS[month_year[1].rstrip(".").lower()], 1))
        return _event(first, last, DatePrecision.MONTH, words)
    year_only = re.fullmatch(r"(?:in\s+)?((?:19|20)\d\d)", lowered)
    if year_only:
        year = int(year_only[1])
        return _event(date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR, words)

    parsed = _dateparser_data(words, anchor=anchor)
    if parsed:
        day, period = parsed
        if period == "week":
            first, last = _week_of(day)
            return _event(first, last, DatePrecision.WEEK, words)
        if period == "month":
            first, last = _month_of(day)
            return _event(first, min(last, anchor), DatePrecision.MONTH, words)
        if period == "year":
            return _event(date(day.year, 1, 1), min(date(day.year, 12, 31), anchor), DatePrecision.YEAR, words)
        return _event(day, day, DatePrecision.DAY, words)
    return EventDate(None, None, None, words)


# --- event dates in sentences -----------------------------------------------------------------------------------

# Phrases that date an event, strongest first: a calendar date, a weekday or a year, a day count,
# words relative to the report's day. A weekday that says when something was said ("residents
# said on Thursday") dates the telling, not the event: it is used only when nothing else is.
FULL_DATE, WEEKDAY, DAY_COUNT, RELATIVE, SPEECH_DAY = range(5)
_WEEKDAY_PHRASE = re.compile(
    rf"\b(?:(?:the\s+)?(?:early|small)\s+hours\s+of\s+|overnight\s+(?:on\s+|into\s+|to\s+)?|(?:early|late|on|last|this)\s+)?"
    rf"(?:(?-i:{WEEKDAY_NAMES})"
    rf"|(?:(?<=\bon )|(?<=\blast )|(?<=\bthis ))(?-i:{WEEKDAY_NAMES.lower()}))"  # "on saturday"
    rf"(?:[’']s)?(?:\s+(?:morning|afternoon|evening|night))?\b",
    re.IGNORECASE)
_LOWER_WEEKDAY = re.compile(rf"\b(?:{WEEKDAY_NAMES.lower()})\b")
_MONTH_YEAR_PHRASE = re.compile(rf"\b[Ss]ince\s+(?:(?:early|mid|late)[- ])?(?:{_MONTH_RE}\s+)?(?:19|20)\d\d\b"
                                rf"|\b(?:[Ii]n\s+|[Dd]uring\s+|[Bb]y\s+)?(?:(?:early|mid|late)[- ])?{_MONTH_RE}\s+(?:19|20)\d\d\b"
                                rf"|\b[Ii]n\s+(?:(?:early|mid|late)[- ])?(?:19|20)\d\d\b"
                                rf"|\b[Ii]n\s+(?:(?:early|mid|late)[- ])?(?:January|February|March|April|June|July|August|September"
                                rf"|October|November|December)\b(?!\s+\d)(?:\s+(?:last|this) year)?"
                                rf"|\b[Ll]ast\s+(?:January|February|March|April|May|June|July|August|September|October"
                                rf"|November|December)\b(?!\s+\d)")
# A war, or a time, named by its years or decade: "the 1992-95 war", "the 2008 war", "the war of the early 1990s",
# "during the 1990s". What a sentence sets in it happened then: history, never an event of the report's day.
_WAR_WORDS = r"(?:war|conflict|fighting|insurgency|uprising|invasion|offensive|genocide|massacres?|clashes|hostilities)"


def _years(tag: str) -> str:
    """A year, a range of years or a decade, its groups named with `tag` (a pattern holds it twice)."""
    return (rf"(?:(?P<part{tag}>early|mid|late)[- ])?(?P<first{tag}>(?:19|20)\d\d)"
            rf"(?:(?P<decade{tag}>s)|\s*[-–]\s*(?P<last{tag}>(?:19|20)?\d\d)\b)?")


_WAR_YEARS_PHRASE = re.compile(
    rf"\b(?:the|a)\s+{_years('a')}\s+(?:[\w-]+\s+)?{_WAR_WORDS}\b"
    rf"|\b(?:the\s+)?{_WAR_WORDS}\s+(?:of|in)\s+(?:the\s+)?{_years('b')}(?!\w)"
    rf"|\b(?:in|during|throughout)\s+the\s+(?:(?P<partc>early|mid|late)[- ])?(?P<firstc>(?:19|20)\d0)(?P<decadec>s)\b",
    re.IGNORECASE)
_COMPARED_BEFORE = re.compile(r"\b(?:since|than|like|as in|after|before|until)\s+$", re.IGNORECASE)


def war_span(match: re.Match) -> tuple[date, date]:
    """The first and last day of the years a `_WAR_YEARS_PHRASE` match names: a decade's ten years (its early,
    mid or late part: four of them), a range's years ("1992-95"), or one year."""
    tag = next(tag for tag in "abc" if match[f"first{tag}"])
    first, part = int(match[f"first{tag}"]), (match[f"part{tag}"] or "").lower()
    closing = match[f"last{tag}"] if tag != "c" else None
    if match[f"decade{tag}"]:
        first, last = {"early": (first, first + 3), "mid": (first + 3, first + 6),
                       "late": (first + 6, first + 9)}.get(part, (first, first + 9))
    elif closing:
        last = int(closing) if len(closing) == 4 else first // 100 * 100 + int(closing)
        last = last + 100 if last < first else last
    else:
        last = first
    return date(first, 1, 1), date(last, 12, 31)


_DAY_COUNT_PHRASE = re.compile(r"\bthe\s+(?:\w+(?:-\w+)?|\d+(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+)?day\b"
                               r"|\bday\s+\d{1,3}\s+of\b", re.IGNORECASE)
_RELATIVE_PHRASE = re.compile(
    r"\b(?:later |earlier )?today\b|\btonight\b|\byesterday\b|\blast night\b|\bovernight\b"
    r"|\b(?:the )?(?:early|small) hours\b(?: of the morning)?|\bthis (?:morning|afternoon|evening)\b|\bearlier in the day\b"
    r"|\b(?:in |over )?the (?:last|past) (?:few|several|couple of) days\b|\bin recent days\b|\bday before yesterday\b"
    r"|\b(?:last|earlier this|this|previous|earlier in the) (?:week|month|year)\b|\b(?:a|one|two|three|four|five|\d) (?:days?|weeks?)"
    r" (?:ago|earlier|before)\b", re.IGNORECASE)
_SPEECH_VERBS = (r"said|says|told|tells|announced|reported|stated|confirmed|added|tweeted|wrote|claimed|declared|denied"
                 r"|accused|warned|quoted|posted|insisted|explained|vowed|pledged|threatened|promised|condemned|denounced"
                 r"|urged|called|demanded|dismissed|rejected|acknowledged|admitted|speaking|spoke|talking|briefing")
_SPOKEN_BEFORE = re.compile(rf"\b(?:{_SPEECH_VERBS})\s+(?:\w+\s+){{0,3}}?$", re.IGNORECASE)
_SPOKEN_AFTER = re.compile(rf"^(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:(?:also|again|later|had|has)\s+)?(?:{_SPEECH_VERBS})\b",
                           re.IGNORECASE)
# A date that is not the event's: of something planned, or a point the event is told relative to ("before dawn on
# Monday" is a time of the day, not a point).
_NOT_THE_EVENTS = re.compile(r"\b(?:(?:after|before|until|till)(?!\s+(?:dawn|daybreak|sunrise|sunset|first light|noon"
                             r"|midday|midnight|nightfall|dark)\b)|ahead of|due|supposed to \w+|scheduled|set to \w+|expected"
                             r"|planned|meant to \w+|to take effect|takes effect|will)\s+(?:\w+\s+){0,2}?(?:on\s+)?$", re.IGNORECASE)
# "Friday's rocket attack": a day that owns an act of violence is that act's day, after "died after" too.
_OWNED_VIOLENCE = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|raids?|bombings?|bombardment|shelling|blasts?"
                             r"|explosions?|assaults?|ambush|massacre|killings?|fighting|clashes|offensive)\b", re.IGNORECASE)


def _not_the_events(sentence: str, position: int, words: str) -> bool:
    """Whether a date is of something planned or a point the event is told relative to (`_NOT_THE_EVENTS`); never a
    weekday that owns the violence it dates ("died after Friday's rocket attack" dates the attack)."""
    if not _NOT_THE_EVENTS.search(sentence[max(0, position - 40):position]):
        return False
    return not (re.search(r"[’']s$", words) and _OWNED_VIOLENCE.match(sentence, position + len(words)))


_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:the\s+)?[\w-]+\s+(?:began|erupted|started|broke out)\s+(?:on\s+|in\s+)?)?$",
                           re.IGNORECASE)
_SINCE_START = re.compile(r"\bsince (?:the )?(?:fighting|war|clashes|conflict|hostilities|offensive) (?:erupted|began"
                          r"|started|broke out)\b", re.IGNORECASE)
_START_OF_FIGHTING = re.compile(r"\b(?:began|erupted|started|broke out)\s+on\s+(?P<d>.{3,30})")


@dataclass(frozen=True, slots=True)
class DatedPhrase:
    """An event date read from a sentence, how strong its evidence is (FULL_DATE ... SPEECH_DAY) and where it is."""

    date: EventDate
    strength: int
    position: int = 0


def span_precision(start: date, end: date) -> int:
    """The precision code of a span of days from `start` to `end`: a day, a few days, a week, a month or more."""
    days = (end - start).days + 1
    for limit, precision in ((1, DatePrecision.DAY), (6, DatePrecision.DAYS), (7, DatePrecision.WEEK),
                             (31, DatePrecision.MONTH)):
        if days <= limit:
            return int(precision)
    return int(DatePrecision.YEAR)


def fighting_start(text: str, published: Optional[date], *,
                   conflicts: Optional[Iterable[ConflictProfile]] = None) -> Optional[date]:
    """The day the fighting began: as the text says it ("began on Sept. 27"), else from a conflict profile
    the report is about (it names the conflict and was published while it was under way)."""
    from geomap.conflicts import profiles_for

    if published is not None:
        for match in _START_OF_FIGHTING.finditer(text[:200_000]):
            mentions = _date_mentions(match["d"])
            if mentions and mentions[0].start == 0:
                found = resolve_relative_date(mentions[0].words, anchor=published)
                if found.start and found.start <= published.isoformat():
                    return date.fromisoformat(found.start)
    for conflict in profiles_for(text, published, conflicts=conflicts):
        return conflict.start
    return None


_OTHER_CLOCK = re.compile(r"\([^()]*\b(?:GMT|UTC)\b[^()]*$")  # "at 1 am (2030 GMT on Friday)": the same moment


@read_once_per_sentence  # the phrases only: each copy of a sentence resolves them against its own report's date
def _phrases(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """(strength, position, words) of every dating phrase in the sentence."""
    found = [(FULL_DATE, m.start, m.words) for m in _date_mentions(sentence)]
    found += [(WEEKDAY, m.start(), m.group(0)) for m in _MONTH_YEAR_PHRASE.finditer(sentence)]
    for m in _WEEKDAY_PHRASE.finditer(sentence):
        if any(start <= m.start() < start + len(words) for kind, start, words in found if kind == FULL_DATE):
            continue  # "Friday, December 1": the weekday belongs to the full date
        spoken = _SPOKEN_BEFORE.search(sentence[max(0, m.start() - 60):m.start()]) or \
            _SPOKEN_AFTER.match(sentence[m.end():m.end() + 40])
        words = _LOWER_WEEKDAY.sub(lambda day: day.group(0).title(), m.group(0))
        found.append((SPEECH_DAY if spoken else WEEKDAY, m.start(), words))
    found += [(DAY_COUNT, m.start(), m.group(0)) for m in _DAY_COUNT_PHRASE.finditer(sentence)]
    found += [(RELATIVE, m.start(), m.group(0)) for m in _RELATIVE_PHRASE.finditer(sentence)]
    if not found:  # a war's years date only a sentence that names no time of its own ("... on Tuesday, in the 2024 offensive")
        found = [(WEEKDAY, m.start(), m.group(0)) for m in _WAR_YEARS_PHRASE.finditer(sentence)
                 if not _COMPARED_BEFORE.search(sentence[max(0, m.start() - 12):m.start()])]  # "since the 1990s war"
    return tuple(sorted(found))


@dataclass(frozen=True, slots=True)
class ToldDays:
    """The days a sentence names in words that a report without a publication date cannot place: weekdays (0 =
    Monday), (month, day) pairs and months. They still tell events apart: "Early on Tuesday gangs stormed the
    suburb" and "On November 11 gunmen shot at a plane" are two events, though neither has a date."""

    weekdays: frozenset[int] = frozenset()
    month_days: frozenset[tuple[int, int]] = frozenset()
    months: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.weekdays or self.month_days or self.months)

    def __or__(self, other: "ToldDays") -> "ToldDays":
        return ToldDays(self.weekdays | other.weekdays, self.month_days | other.month_days, self.months | other.months)

    @property
    def day(self) -> bool:
        """Whether a day is named (a weekday or a date), not only a month."""
        return bool(self.weekdays or self.month_days)

    def apart_from(self, other: "ToldDays") -> bool:
        """Whether the two name days that cannot be one: both dates and none the same give or take one, both
        weekdays and none the same give or take one ("Sunday night" is Monday's news), or months that differ."""
        months_of = lambda days: {m for m, _ in days.month_days} | days.months  # noqa: E731
        if self.month_days and other.month_days:
            return not any(abs(d1 - d2) <= 1 for m1, d1 in self.month_days for m2, d2 in other.month_days if m1 == m2)
        if self.weekdays and other.weekdays:
            return not ({(d + k) % 7 for d in self.weekdays for k in (-1, 0, 1)} & other.weekdays)
        if (self.month_days or self.months) and (other.month_days or other.months):
            return not (months_of(self) & months_of(other))
        return False

    def named_otherwise(self, other: "ToldDays") -> bool:
        """Whether one names only a weekday and the other only a date or a month: news names a day of the past week
        by its weekday and an older one by its date, so a new event told by date is not one told by weekday (a
        reference back, "Saturday's attacks", may still be)."""
        return bool(self.weekdays) != bool(other.weekdays) and bool(self.weekdays or other.weekdays) \
            and not (self.weekdays and (self.month_days or self.months)) \
            and not (other.weekdays and (other.month_days or other.months)) \
            and bool(self.month_days or self.months or other.month_days or other.months)


def told_days(sentence: str) -> ToldDays:
    """The days a sentence names for its event without a year (`ToldDays`): not the day something was said, nor a
    day planned or told relative to ("before Monday"), as `sentence_date` reads them."""
    weekdays, month_days, months = set(), set(), set()
    for strength, position, words in _phrases(sentence):
        if strength not in (FULL_DATE, WEEKDAY) or re.search(r"(?:19|20)\d\d", words) \
                or _not_the_events(sentence, position, words) \
                or _OTHER_CLOCK.search(sentence[:position]):
            continue
        if strength == FULL_DATE:
            month_days.update((m.month, m.day) for m in _date_mentions(words) if m.year is None)
        elif _WEEKDAY_NAMED_RE.search(words.title()):
            weekdays.update(named_weekdays(words.title()))
        elif not sentence[:position].strip(" \t\"“‘'"):  # a month frames the sentence only when it opens it ("In
            # August, gunmen ..."); inside, it may date a clause of its own ("since a truce was agreed in December")
            months.update(_MONTHS[w.lower()] for w in re.findall(r"[A-Za-z]+", words) if w.lower() in _MONTHS)
    return ToldDays(frozenset(weekdays), frozenset(month_days), frozenset(months))


def names_a_time(sentence: str) -> bool:
    """Whether a sentence names any time (a date, a weekday, a month, a year, "yesterday", "the ninth day")."""
    return bool(_phrases(sentence))


def event_times(words: str) -> list[str]:
    """The phrases of `words` that can date an event told in them: not a day something was said on, nor one of
    something planned or that an event is told relative to (`_not_the_events`)."""
    return [phrase for strength, position, phrase in _phrases(words)
            if strength != SPEECH_DAY and not _not_the_events(words, position, phrase)]


YEAR_REACH = timedelta(days=182)  # how far from a guessed publication date a month-day may fall to take its year


def _weekday_written(words: str, weekdays: Optional[Mapping[int, date]]) -> Optional[date]:
    """The day a weekday phrase ("on Wednesday", "early hours of Wednesday") means when the report writes that
    weekday with its day (`weekday_dates`); None for any other phrase, and for "last" or "next" Wednesday, which count
    from the day of writing."""
    named = _WEEKDAY_NAMED_RE.search(words)
    if not weekdays or named is None or re.search(r"\b(?:last|next|this)\b", words, re.IGNORECASE):
        return None
    return weekdays.get(_WEEKDAYS[named.group(1).lower()])


def _against_news_day(words: str, news_day: date) -> Optional[EventDate]:
    """A weekday or relative phrase ("on Saturday", "yesterday") read against the day a report with no publication
    date gives for its news (`sentence_date`'s `news_day`): the latest such day on or before it. The day itself is
    precision 1; another is precision 2, as the report was written some days after its news, on a day it does not
    give."""
    found = resolve_relative_date(words, anchor=news_day)
    if not found.start or found.start != found.end:
        return None
    precision = DatePrecision.DAY if found.start == news_day.isoformat() else DatePrecision.DAYS
    return EventDate(found.start, found.end, int(precision),
                     f"{words}: the latest such day on or before {news_day.isoformat()}, the day the report "
                     f"gives for its news (it has no date of its own)")


def sentence_date(sentence: str, *, published: Optional[date], start: Optional[date] = None,
                  guessed: Optional[date] = None, weekdays: Optional[Mapping[int, date]] = None,
                  news_day: Optional[date] = None) -> Optional[DatedPhrase]:
    """The event date a sentence names, resolved against the publication date, with its strength; None when
    it names none. Without a publication date only dates written with their year are read, and month-days
    ("on April 9") when the report's words give a `guessed` publication date (one too weak to say what "on
    Saturday" is, but whose year the report bounds: `publication_date`, step 5): the year that puts the
    month-day within half a year of it, and a weekday the report writes with its day elsewhere (`weekdays`, from
    `weekday_dates`: "on Wednesday" after "on Wednesday, 24 March") is that day; any other weekday, and words like
    "yesterday", are read against `news_day`, the full date the report gives for its news, if it gives one
    (`_against_news_day`). Words relative to a day ("overnight", "yesterday") count from the day
    the sentence says something was said, if it names one ("Authorities said Tuesday that an overnight
    operation ..."), else from publication."""
    if published is not None and start is not None and _SINCE_START.search(sentence):
        since = _SINCE_START.search(sentence)
        return DatedPhrase(EventDate(start.isoformat(), published.isoformat(), span_precision(start, published),
                                     since.group(0)), RELATIVE, since.start())
    phrases = _phrases(sentence)
    spoken_day = None
    if published is not None:
        spoken = [words for strength, _, words in phrases if strength == SPEECH_DAY]
        if spoken:
            found = resolve_relative_date(spoken[0], anchor=published)
            spoken_day = date.fromisoformat(found.start) if found.start else None
    for strength, position, words in phrases:
        if _not_the_events(sentence, position, words) or _OTHER_CLOCK.search(sentence[:position]):
            continue
        if published is None:
            written = re.search(r"(?:19|20)\d\d", words)
            if written:
                anchor = date(int(written.group(0)), 12, 31)
            elif guessed is not None and strength == FULL_DATE:
                anchor = guessed + YEAR_REACH
            elif (named := _weekday_written(words, weekdays)) is not None:
                anchor = named
            elif news_day is not None and strength in (WEEKDAY, RELATIVE):
                read = _against_news_day(words, news_day)
                if read is not None:
                    return DatedPhrase(read, strength, position)
                continue
            else:
                continue  # a weekday or "yesterday" means nothing without the report's date
        else:
            anchor = spoken_day if strength == RELATIVE and spoken_day else published
        if strength == DAY_COUNT and start is None:
            continue
        since = re.match(r"since\s+", words, re.IGNORECASE)
        resolved = resolve_relative_date(words[since.end():] if since else words, anchor=anchor, start=start)
        if since and resolved.start and published is not None:
            first = date.fromisoformat(resolved.start)
            resolved = EventDate(resolved.start, published.isoformat(), span_precision(first, published), words)
        if not resolved.start or (published is not None and resolved.start > published.isoformat()):
            continue  # no date, or a date after publication: a plan or a misreading, not this event
        if _SINCE_BEFORE.search(sentence[:position]) and published is not None:
            day = date.fromisoformat(resolved.start)
            resolved = EventDate(resolved.start, published.isoformat(), span_precision(day, published),
                                 sentence[max(0, position - 12):position + len(words)].strip())
        elif published is not None and resolved.end and resolved.end > published.isoformat():
            resolved = EventDate(resolved.start, published.isoformat(),
                                 span_precision(date.fromisoformat(resolved.start), published), resolved.evidence)
        return DatedPhrase(resolved, strength, position)
    return None


__all__ = ["DAY_COUNT", "DatedPhrase", "ToldDays", "told_days", "FULL_DATE", "RELATIVE", "SPEECH_DAY", "WEEKDAY", "WEEKDAY_NAMES", "MONTH_NAMES", "fighting_start", "sentence_date","PAGE_BANNER", "StoryDateCues", "iso_date", "leading_date_end", "named_month_days", "named_weekdays", "publication_date", "resolve_relative_date",
           "event_times", "names_a_time", "span_precision", "story_date_cues", "weekday_dates"]
