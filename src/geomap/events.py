"""Incidents and claims from a report's sentences and place mentions.

Taxonomy (geomap type -> ACLED event type / sub-event type), tried in this order on a sentence:

| geomap type           | ACLED event type              | ACLED sub-event                       | words |
|-----------------------|-------------------------------|---------------------------------------|-------|
| air_drone_strike      | Explosions/Remote violence    | Air/drone strike                      | air strike, air raid, drone, warplane, bombing |
| missile_strike        | Explosions/Remote violence    | Shelling/artillery/missile attack     | missile, rocket, ballistic |
| shelling              | Explosions/Remote violence    | Shelling/artillery/missile attack     | shelling, artillery, mortar, bombardment |
| attack_on_civilians   | Violence against civilians    | Attack                                | targeting civilians / settlements / hospitals, massacre |
| armed_clash           | Battles                       | Armed clash                           | fighting, clashes, attack, offensive, captured, destroyed |
| casualty_toll         | (none)                        |                                       | a count of dead or wounded with no event word ("a total of 286 deaths since ...") |
| ceasefire             | Strategic developments        | Agreement                             | ceasefire or truce agreed, brokered, violated |
| talks                 | Strategic developments        | Other                                 | talks, negotiations, meetings, phone calls |
| statement             | (none)                        |                                       | accused, condemned, called for, urged, vowed, warned |

Statements (accusations, calls, threats) and cumulative tolls are not events in ACLED's
sense, so their `acled_event_type` is None; they stay in the store so analysts can follow
who said what, and a filter on `acled_event_type` leaves them out. A call for a ceasefire
is a statement, not a ceasefire.

Rules worth knowing:
- A sentence in reported speech ("X said", "according to X", a quote following "X said")
  makes a claim: `is_claim` True with the claimant. A sentence the outlet narrates has no
  claimant and `is_claim` False; it is the outlet's report, shown with its source, never
  more than that.
- A sentence that refers back ("in the attack", "the strike") or only adds figures adds to
  the incident of the sentence before (places, casualties, who gave the figures); a
  verification note ("Reuters could not independently verify ...") and a denial ("Armenia
  denied the accusations") attach to the nearest preceding incident, a denial to the
  nearest preceding claim.
- Places are the resolved place mentions of the sentence (demonyms are not places;
  unresolved names are kept), the most specific kind only: countries and vague areas are
  kept only when nothing finer is named, and names inside the claimant ("Turkey's foreign
  ministry") are not the incident's places.
- Dates: an absolute date beats a weekday, which beats a day count ("the ninth day"),
  which beats "today", "early hours", "in recent days"; all are resolved against the
  publication date by `geomap.dates.resolve_relative_date`. "since the fighting erupted
  (on Sept. 27)" spans from that day to publication. An undated sentence gets the week up
  to publication (date_prec 3).
- Figures (see `figure_range`): exact numbers are low = high; "nearly N" is 5N/6 .. N-1
  (nearly 300 -> 250..299); "about/some N" is N +- 10 %; "at least N" is N .. unknown,
  "more than N" N+1 .. unknown; "dozens" 24..99, "hundreds" 200..999, "thousands"
  2000..9999. Figures in a clause about an earlier year ("the 1990s, when some 30,000
  people were killed") are history, not this incident, and are skipped.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional, Sequence

from geomap.dates import KNOWN_CONFLICTS, resolve_relative_date
from geomap.precision import DatePrecision, WherePrecision
from geomap.records import EventDate, Incident, Mention, Report, SourceRef
from geomap.sentences import Sentence, split_sentences


@dataclass(frozen=True, slots=True)
class EventType:
    """One geomap event type and where it sits in ACLED's scheme (None: ACLED does not code it)."""

    name: str
    acled_event_type: Optional[str]
    acled_sub_event_type: Optional[str]
    description: str


EVENT_TYPES: dict[str, EventType] = {t.name: t for t in (
    EventType("air_drone_strike", "Explosions/Remote violence", "Air/drone strike", "air strike, drone strike, bombing"),
    EventType("missile_strike", "Explosions/Remote violence", "Shelling/artillery/missile attack",
              "missile or rocket strike"),
    EventType("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling, artillery"),
    EventType("attack_on_civilians", "Violence against civilians", "Attack",
              "civilians, settlements or hospitals targeted"),
    EventType("armed_clash", "Battles", "Armed clash", "fighting between armed forces"),
    EventType("casualty_toll", None, None, "a count of dead or wounded, often cumulative"),
    EventType("ceasefire", "Strategic developments", "Agreement", "a ceasefire or truce agreed, in force or broken"),
    EventType("talks", "Strategic developments", "Other", "talks, negotiations, meetings between parties"),
    EventType("statement", None, None, "an accusation, call, threat or other statement"),
)}

VIOLENT_TYPES = frozenset({"air_drone_strike", "missile_strike", "shelling", "attack_on_civilians", "armed_clash"})

_NOT_AN_EVENT = re.compile(r"\b(?:missile|air|aerial)[- ](?:defen[cs]e|systems?)\b|\bS-400\b|air[- ]raid sirens?"
                           r"|\b(?:rocket|missile) launchers?\b",
                           re.IGNORECASE)
_TRIGGERS: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
    ("air_drone_strike", r"\bair[- ]?(?:strikes?|raids?)\b|\bdrones?\b|\bwarplanes?\b|\bbomb(?:ed|ing|ings|s)\b"),
    ("missile_strike", r"\bmissiles?\b|\brockets?\b|\bballistic\b"),
    ("shelling", r"\bshell(?:ed|ing|s)\b|\bartillery\b|\bmortars?\b|\bbombard(?:ed|ing|ment)\b"),
    ("attack_on_civilians", r"\btarget(?:ed|ing|s)?\s+(?:[\w“”\"'’-]+\s+){0,4}?(?:civilians?|settlements?|residential"
                            r"|hospitals?|medical|schools?|homes)\b|\bmassacre|\bexecut(?:ed|ion)"),
    ("armed_clash", r"\bfighting\b|\bclash(?:es|ed)?\b|\bbattles?\b|\bfought\b|\boffensive\b|\battack(?:ed|s|ing)?\b"
                    r"|\bassault\b|\bcaptured?\b|\bliberat(?:ed|es|ing)\b|\brecaptur\w*|\bseized\b|\bdestroyed\b"
                    r"|\bhostilities\b|\bforced to retreat\b"),
))
_CEASEFIRE = re.compile(r"\bcease[- ]?fire\b|\btruce\b|\bcease fighting\b|\bhalt to the fighting\b", re.IGNORECASE)
_TALKS = re.compile(r"\btalks\b|\bnegotiations?\b|\bmeet(?:ing|s)?\b|\bmet\b|\bphone call\b|\bsummit\b|\bmediat\w+",
                    re.IGNORECASE)
_CALL = re.compile(r"\b(?:call(?:s|ed|ing)?\s+(?:on\s+\w+\s+)?(?:for|to)|urg(?:e|es|ed|ing)|demand(?:s|ed)?|appeal\w*"
                   r"|dismiss(?:ed|es)|push(?:ed)? for|press(?:ed)?|downplay\w*|hope of|no military solution)\b",
                   re.IGNORECASE)
_STATEMENT = re.compile(r"\b(?:accus\w+|condemn\w+|call(?:s|ed)?\b|urg\w+|vow\w*|warn\w*|threat\w*|demand\w*"
                        r"|dubb\w+|war crimes?|pledg\w+)", re.IGNORECASE)
_ANAPHORA = re.compile(r"\b(?:in|during|by|from|after|of) the (?:attack|strike|shelling|assault|bombardment|blast"
                       r"|explosion|incident|raid|missile attack|rocket attack)\b|^(?:The|This|That) (?:attack|strike"
                       r"|shelling|assault|blast|explosion|incident|raid)\b")
_VERIFICATION = re.compile(r"\b(?:could not|cannot|can ?not|couldn[’']t|was unable to|were unable to|has not been able to"
                           r"|have not been able to)\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*"
                           r"|\bnot\s+(?:been\s+)?independently\s+(?:verified|confirmed)\b|\bunverified\b",
                           re.IGNORECASE)
_DENIAL = re.compile(r"\b(?:denied|denies|deny|rejected|rejects|refuted|refutes|dismissed)\s+(?:the\s+|these\s+"
                     r"|those\s+|such\s+|all\s+|any\s+)?(?:\w+\s+)?(?:accusations?|allegations?|claims?|reports?"
                     r"|charges?)\b|\b(?:denied|denies)\s+(?:that|it|this|any|involvement|responsibility)\b",
                     re.IGNORECASE)
_COUNTER = re.compile(r"\b(?:countered|blamed|retorted|in turn|instead said|on the contrary|said it was the)\b",
                      re.IGNORECASE)
_HEADING_MAX_WORDS = 10
_CUMULATIVE = re.compile(r"\bsince\b|\ba total of\b|\bdeath toll\b|\bso far\b|\bto date\b|\boverall\b",
                         re.IGNORECASE)

# --- claimants ------------------------------------------------------------------------------------------------

_SPEECH_VERB = (r"(?:said|says|say|told|tells|tweeted|claimed|claims|claim|accused|accuses|alleged|alleges|reported"
                r"|reports|stated|states|announced|announces|added|adds|insisted|wrote|posted|denied|denies|confirmed"
                r"|confirms|warned|warns|vowed|vows|urged|urges|called|calls|condemned|condemns|dismissed|asked"
                r"|stressed|pledged|dubbed|noted|argued|charged)")
_SUBJECT_VERB = re.compile(rf"\b(?:(?:has|have|had|also|both|previously|reportedly|later|earlier|then)\s+)*"
                           rf"(?P<verb>{_SPEECH_VERB})\b")
_TRAILING = re.compile(rf",\s*(?P<who>[^,“”\"]{{2,80}}?)\s+(?:{_SPEECH_VERB})(?:\s+(?:reporters|journalists|"
                       rf"on \w+|in a statement|[A-Z][\w’']+))?\s*[.!]?\s*$")
_INVERTED = re.compile(rf"[”\"’]\s*,?\s*(?:{_SPEECH_VERB})\s+(?P<who>[A-Z][^,.;:]{{1,80}}?)(?=\s+(?:after|before|in|on"
                       rf"|during|at|while|when|as|to|who|that|urging|adding|referring)\b|[,.;:]|$)")
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;:]{2,80})")
_PRONOUN = re.compile(r"^(?:he|she|it|they|the minister|the ministry|the official)$", re.IGNORECASE)
_ADVERBIAL = re.compile(r"^(?:earlier|later|on|in|at|meanwhile|however|also|then|separately|last|this|following"
                        r"|after|before|during|since|for (?:his|her|its|their) part|speaking|asked"
                        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_FINITE_VERB = re.compile(r"\s(?:is|are|was|were|has been|have been|seems?|appears?)\s", re.IGNORECASE)
_RELATIVE = re.compile(r"(?P<who>\b[Tt]he [\w’'-]+(?: [\w’'-]+){0,3}),\s*which\s+(?:has\s+|have\s+|had\s+)?$")
_LEADING_FILLER = re.compile(r"^(?:both|and|but|while|as|so|the two sides'?\s*(?=$))\s+", re.IGNORECASE)
_AUXILIARIES = re.compile(r"(?:\s+(?:has|have|had|also|both|previously|reportedly|later|earlier|then|is|was|were|has been"
                          r"|on \w+|this week|instead|in turn|meanwhile|however))+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who a sentence says makes its claim, and where the words are in the sentence."""

    name: str
    start: int
    end: int
    verb: str


def _mask_quotes(text: str) -> str:
    """The text with quoted passages blanked (same length), so verbs inside quotes are not attributions."""
    out = list(text)
    for match in re.finditer(r"“[^”]*”?|\"[^\"]*\"?", text):
        for i in range(match.start() + 1, match.end() - 1):
            out[i] = " "
    return "".join(out)


def find_claimant(sentence: str) -> Optional[Claimant]:
    """Who the sentence attributes its content to ("X said", "according to X", "“...,” said X"), or None."""
    masked = _mask_quotes(sentence)
    match = _ACCORDING.search(masked)
    if match:
        return _claimant(sentence, match.start("who"), match.end("who"), "according to")
    match = _TRAILING.search(masked)
    if match and _plausible_subject(match["who"]):
        return _claimant(sentence, match.start("who"), match.end("who"), "said")
    match = _INVERTED.search(masked)
    if match:
        return _claimant(sentence, match.start("who"), match.end("who"), "said")
    for match in _SUBJECT_VERB.finditer(masked):
        before = masked[:match.start()]
        relative = _RELATIVE.search(before)
        if relative:  # "... from the Armenian side, which has reported 240 fatalities"
            return _claimant(sentence, relative.start("who"), relative.end("who"), match["verb"])
        cut = max(before.rfind("”"), before.rfind('"'), before.rfind(":"), before.rfind(";"))
        left = cut + 1
        segments = [(m.start() + left, m.end() + left) for m in re.finditer(r"[^,]+", before[left:])]
        segments = [(a, b) for a, b in segments
                    if sentence[a:b].strip() and not _ADVERBIAL.search(sentence[a:b].strip())]
        if not segments:
            continue
        start, end = segments[0]
        if _FINITE_VERB.search(f" {sentence[start:end]} "):
            start, end = segments[-1]  # "Western powers are urging ..., but Cavusoglu instead said"
        elif len(segments) > 1 and sentence[segments[1][0]:segments[1][1]].strip()[:1].islower() \
                and not sentence[segments[1][0]:segments[1][1]].strip().startswith("including"):
            end = segments[1][1]  # an apposition: "Hikmet Hajiyev, aide to President Aliyev"
        candidate = _claimant(sentence, start, end, match["verb"])
        if candidate and _plausible_subject(candidate.name) and not _FINITE_VERB.search(f" {candidate.name} "):
            return candidate
    return None


def _claimant(sentence: str, start: int, end: int, verb: str) -> Optional[Claimant]:
    piece = sentence[start:end]
    lead = len(piece) - len(piece.lstrip())
    start += lead
    piece = piece.strip()
    trimmed = _AUXILIARIES.sub("", piece)
    trimmed = _LEADING_FILLER.sub("", trimmed).strip(" ,;:")
    if not trimmed:
        return None
    start = sentence.find(trimmed, start)
    return Claimant(trimmed, start, start + len(trimmed), verb)


def _plausible_subject(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 12:
        return False
    first = words[0]
    if words[-1].lower() in ("the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "by", "that"):
        return False  # "Most of the [confirmed deaths]": an adjective, not a speech verb
    if _PRONOUN.match(name.strip()):
        return True
    return first[:1].isupper() or first.lower() in ("the", "an", "a")


# --- figures --------------------------------------------------------------------------------------------------

_SMALL_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_SMALL_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                       "ninety": 90, "a dozen": 12, "dozen": 12, "a hundred": 100})
# Vague amounts: (low, high).
VAGUE_AMOUNTS = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
                 "tens of thousands": (20000, 99999), "several": (3, 9), "a few": (2, 5)}
_NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+|tens of thousands|dozens|scores|hundreds|thousands|several|a few|a dozen"
           r"|a hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six"
           r"|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
           r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
_QUALIFIER = (r"(?:(?P<q>nearly|almost|close to|just under|about|around|approximately|roughly|some|an estimated"
              r"|at least|more than|over|upwards of|up to|as many as|a total of|total of)\s+)?")
_FILLER = r"(?:(?:people|persons|civilians|soldiers|servicemen|troops|fighters|militants|children|women|men|of|the|them|" \
          r"whom|were|was|have|has|had|been|being|reportedly|also|injured,?|and|Armenian|Azerbaijani|Azeri|military|" \
          r"separatist|Karabakh)\s+){0,4}?"
_KILLED = re.compile(rf"\b{_QUALIFIER}(?P<n>{_NUMBER})\s+{_FILLER}(?:killed|dead\b(?!\s+(?:person|body|man|woman|people))"
                     rf"|died|deaths|lives|fatalities)\b", re.IGNORECASE)
_KILLED_VERB_FIRST = re.compile(rf"\b(?:killing|killed|left|leaving|claimed the lives of)\s+{_QUALIFIER}"
                                rf"(?P<n>{_NUMBER})\s+(?P<who>people|civilians|soldiers|servicemen|troops|fighters)"
                                rf"(?:\s+dead)?\b", re.IGNORECASE)
_WOUNDED = re.compile(rf"\b{_QUALIFIER}(?P<n>{_NUMBER})\s+{_FILLER}(?:wounded|injured|hurt|injuries)\b", re.IGNORECASE)
_CIVILIANS = re.compile(rf"\bincluding\s+{_QUALIFIER}(?P<n>{_NUMBER})\s+civilians\b", re.IGNORECASE)
_PAST_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")


def figure_range(number: str, qualifier: str = "") -> Optional[tuple[int, Optional[int]]]:
    """(low, high) for a figure as written: "nine" -> (9, 9), "nearly 300" -> (250, 299), "hundreds" -> (200, 999).

    None for high means no upper bound was given ("at least 5").
    """
    word = number.lower().strip()
    if word in VAGUE_AMOUNTS:
        return VAGUE_AMOUNTS[word]
    if word.replace(",", "").isdigit():
        n = int(word.replace(",", ""))
    elif word in _SMALL_NUMBERS:
        n = _SMALL_NUMBERS[word]
    elif "-" in word and all(part in _SMALL_NUMBERS for part in word.split("-")):
        tens, unit = word.split("-")
        n = _SMALL_NUMBERS[tens] + _SMALL_NUMBERS[unit]
    else:
        return None
    q = (qualifier or "").lower()
    if q in ("nearly", "almost", "close to", "just under"):
        return math.ceil(n * 5 / 6), max(n - 1, 0)
    if q in ("about", "around", "approximately", "roughly", "some", "an estimated"):
        return math.floor(n * 0.9), math.ceil(n * 1.1)
    if q == "at least":
        return n, None
    if q in ("more than", "over", "upwards of"):
        return n + 1, None
    if q in ("up to", "as many as"):
        return 0, n
    return n, n


@dataclass(frozen=True, slots=True)
class Casualties:
    """Killed and wounded figures read from one sentence."""

    killed: Optional[tuple[int, Optional[int]]] = None
    wounded: Optional[tuple[int, Optional[int]]] = None
    civilians_killed: Optional[tuple[int, Optional[int]]] = None

    def __bool__(self) -> bool:
        return bool(self.killed or self.wounded)


def find_casualties(sentence: str, *, published_year: Optional[int] = None) -> Casualties:
    """The killed/wounded figures of a sentence, skipping figures about earlier years' wars."""
    def historic(position: int) -> bool:
        if published_year is None:
            return False
        return any(int(m.group(1)) < published_year for m in _PAST_YEAR.finditer(sentence[:position]))

    killed = wounded = civilians = None
    candidates = sorted([m for m in _KILLED.finditer(sentence)] + [m for m in _KILLED_VERB_FIRST.finditer(sentence)],
                        key=lambda m: m.start())
    for match in candidates:
        if historic(match.start()) or sentence[max(0, match.start() - 10):match.start()].lower().endswith("including "):
            continue
        killed = figure_range(match["n"], match["q"] or "")
        if killed and re.search(r"\bcivilians\b", match.group(0), re.IGNORECASE):
            civilians = killed
        if killed:
            break
    for match in _WOUNDED.finditer(sentence):
        if not historic(match.start()):
            wounded = figure_range(match["n"], match["q"] or "")
            if wounded:
                break
    match = _CIVILIANS.search(sentence)
    if match and killed:
        civilians = figure_range(match["n"], match["q"] or "")
    return Casualties(killed, wounded, civilians)


# --- dates ----------------------------------------------------------------------------------------------------

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE_PHRASES: tuple[tuple[int, re.Pattern], ...] = (
    (0, re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?\b|\b\d{{1,2}}\s+{_MONTH}"
                   rf"(?:\s+(?:19|20)\d\d)?\b")),
    (1, re.compile(rf"\b(?:(?:early|late|on|last)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b")),
    (2, re.compile(r"\bthe\s+(?:\w+(?:-\w+)?|\d+(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+)?day\b",
                   re.IGNORECASE)),
    (3, re.compile(r"\b(?:later |earlier )?today\b|\btonight\b|\byesterday\b|\blast night\b|\bovernight\b"
                   r"|\bearly hours\b(?: of the morning)?|\bthis (?:morning|afternoon|evening)\b"
                   r"|\b(?:in |over )?the (?:last|past) (?:few|several|couple of) days\b|\bin recent days\b"
                   r"|\b(?:last|earlier this|this) (?:week|month)\b", re.IGNORECASE)),
)
_SINCE = re.compile(r"\b(?:since|erupted on|began on|started on|broke out on|erupted|began)\s*$", re.IGNORECASE)
_SINCE_START = re.compile(r"\bsince (?:the )?(?:fighting|war|clashes|conflict|hostilities) (?:erupted|began|started"
                          r"|broke out)\b", re.IGNORECASE)
_START_OF_FIGHTING = re.compile(rf"\b(?:began|erupted|started|broke out)\s+on\s+(?P<d>{_MONTH}\s+\d{{1,2}}(?:,?\s+"
                                rf"(?:19|20)\d\d)?|\d{{1,2}}\s+{_MONTH}(?:\s+(?:19|20)\d\d)?)")


def fighting_start(text: str, published: Optional[date]) -> Optional[date]:
    """The day the fighting began, from the text ("began on Sept. 27") or a known conflict under way at publication."""
    if published is None:
        return None
    match = _START_OF_FIGHTING.search(text)
    if match:
        found = resolve_relative_date(match["d"], anchor=published)
        if found.start:
            return date.fromisoformat(found.start)
    for conflict in KNOWN_CONFLICTS:
        if conflict.start <= published <= conflict.end + timedelta(days=30):
            return conflict.start
    return None


def _span_precision(start: date, end: date) -> int:
    days = (end - start).days + 1
    if days <= 1:
        return int(DatePrecision.DAY)
    if days <= 6:
        return int(DatePrecision.DAYS)
    if days <= 7:
        return int(DatePrecision.WEEK)
    if days <= 31:
        return int(DatePrecision.MONTH)
    return int(DatePrecision.YEAR)


def sentence_date(sentence: str, *, published: Optional[date], start: Optional[date]) -> Optional[EventDate]:
    """The event date a sentence names, resolved against the publication date; None when it names none."""
    if published is None:
        return None
    if _SINCE_START.search(sentence) and start is not None:
        return EventDate(start.isoformat(), published.isoformat(), _span_precision(start, published),
                         _SINCE_START.search(sentence).group(0))
    found = []
    for priority, pattern in _DATE_PHRASES:
        for match in pattern.finditer(sentence):
            found.append((priority, match.start(), match))
    for priority, _, match in sorted(found, key=lambda item: (item[0], item[1])):
        if priority == 2 and start is None:
            continue
        resolved = resolve_relative_date(match.group(0), anchor=published, start=start)
        if not resolved.start:
            continue
        if resolved.start > published.isoformat():
            continue  # a date after publication is a plan or a misreading, not this event
        if _SINCE.search(sentence[:match.start()]):
            day = date.fromisoformat(resolved.start)
            return EventDate(resolved.start, published.isoformat(), _span_precision(day, published),
                             sentence[max(0, match.start() - 12):match.end()].strip())
        return resolved
    return None


def undated(published: Optional[date]) -> EventDate:
    """The date of an incident whose sentence names none: the week up to publication."""
    if published is None:
        return EventDate(None, None, None, "")
    return EventDate((published - timedelta(days=6)).isoformat(), published.isoformat(), int(DatePrecision.WEEK),
                     "no date in the sentence: the week up to publication")


# --- extraction ---------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    """An incident being built from one sentence and those that add to it."""

    event_type: str
    first: int  # index of the first sentence
    last: int
    places: list[Mention]
    date: EventDate
    claimant: str = ""
    claimant_is_inherited: bool = False
    casualties: Casualties = Casualties()
    casualty_reporter: str = ""
    denied_by: list[str] = field(default_factory=list)
    counter_claims: list[str] = field(default_factory=list)
    verification: list[str] = field(default_factory=list)


def classify_sentence(sentence: str, *, has_casualties: bool = False) -> Optional[str]:
    """The geomap event type a sentence tells of, or None (see the taxonomy in the module docstring)."""
    masked = _NOT_AN_EVENT.sub(" ", sentence)
    calls_for_ceasefire = bool(_CEASEFIRE.search(masked) and _CALL.search(masked))
    for name, pattern in _TRIGGERS:
        if pattern.search(masked):
            if name == "armed_clash" and (_CEASEFIRE.search(masked) or calls_for_ceasefire):
                if not re.search(r"\b(?:despite|violat\w+|breach\w*)\b", masked, re.IGNORECASE):
                    break  # "cease fighting", "halt to the fighting": about a ceasefire, not a clash
            return name
    if has_casualties:
        return "casualty_toll"
    if _CEASEFIRE.search(masked):
        return "statement" if calls_for_ceasefire else "ceasefire"
    if _TALKS.search(masked):
        return "talks"
    if _STATEMENT.search(masked):
        return "statement"
    return None


def _is_heading(sentence: Sentence) -> bool:
    text = sentence.text.strip()
    return len(text.split()) <= _HEADING_MAX_WORDS and not re.search(r"[.!?”\"’]\s*$", text)


def _incident_places(mentions: Sequence[Mention], *, exclude: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    places = [m for m in mentions if m.role == "place"
              and not any(a <= m.start and m.end <= b for a, b in exclude)]
    resolved = [m for m in places if m.place is not None]
    unresolved = [m for m in places if m.place is None]
    for ceiling in (WherePrecision.REGION, WherePrecision.VAGUE_AREA, WherePrecision.COUNTRY):
        chosen = [m for m in resolved if m.precision <= ceiling]
        if chosen:
            resolved = chosen
            break
    seen, out = set(), []
    for m in sorted(resolved + unresolved, key=lambda m: m.start):
        key = m.place.place_id if m.place else m.surface.lower()
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def extract_incidents(report: Report, mentions: Sequence[Mention], *,
                      sentences: Optional[Sequence[Sentence]] = None) -> list[Incident]:
    """The incidents and claims told in one report, each with its verbatim sentence and span."""
    from geomap.reports import is_page_chrome

    text = report.text
    sentences = list(sentences) if sentences is not None else split_sentences(text)
    published = date.fromisoformat(report.published) if report.published else None
    start_of_fighting = fighting_start(text, published)
    by_sentence: list[list[Mention]] = [[] for _ in sentences]
    k = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while k < len(sentences) and sentences[k].end <= m.start:
            k += 1
        if k < len(sentences) and sentences[k].start <= m.start:
            by_sentence[k].append(m)

    drafts: list[_Draft] = []
    last_claimant = ""
    lines = text.split("\n")
    for index, sentence in enumerate(sentences):
        if is_page_chrome(lines[sentence.line].strip()) or _is_heading(sentence):
            continue
        words = sentence.text
        claimant = find_claimant(words)
        name = claimant.name if claimant else ""
        inherited = False
        if claimant and _PRONOUN.match(name) and last_claimant:
            name, inherited = last_claimant, True
        elif claimant is None and words.lstrip()[:1] in "“\"" and last_claimant:
            name, inherited = last_claimant, True  # a quotation following "X said" is still X's
        if name and not inherited:
            last_claimant = name
        previous = drafts[-1] if drafts and index - drafts[-1].last <= 2 else None

        if _VERIFICATION.search(words):
            if previous:
                previous.verification.append(words)
                previous.last = index
            continue
        if _DENIAL.search(words):
            claim = next((d for d in reversed(drafts) if d.claimant and index - d.last <= 4), None)
            if claim and name and name != claim.claimant:
                claim.denied_by.append(name)
                rest = re.search(r"\b(?:and said|saying|adding|and insisted)\b(?P<rest>.+)$", words)
                if rest:
                    claim.counter_claims.append(f"{name}: {words}")
                continue
        figures = find_casualties(words, published_year=published.year if published else None)
        event_type = classify_sentence(words, has_casualties=bool(figures))
        when = sentence_date(words, published=published, start=start_of_fighting)
        if published and not figures and (when is None or when.end < (published - timedelta(days=365)).isoformat()):
            if any(int(y) < published.year for y in _PAST_YEAR.findall(words)):
                continue  # "A cease-fire, however, was agreed upon in 1994": history, not news
        if figures and event_type == "armed_clash" and (_CUMULATIVE.search(words) or (when and when.precision
                                                                                    and when.precision >= 4)):
            event_type = "casualty_toll"  # "286 deaths since the fighting erupted": a toll, not one battle
        exclude = [(sentence.start + claimant.start, sentence.start + claimant.end)] if claimant else []
        places = _incident_places(by_sentence[index], exclude=exclude)
        refers_back = bool(_ANAPHORA.search(words))
        adds_figures = bool(figures) and (event_type in (None, "casualty_toll") or refers_back) \
            and not _CUMULATIVE.search(words)
        if previous and (refers_back or adds_figures) and not places and not previous.casualties \
                and not any(_is_heading(sentences[i]) for i in range(previous.last + 1, index)):
            previous.last = index
            if figures:
                previous.casualties = figures
                previous.casualty_reporter = name or previous.claimant
            continue
        if previous and previous.claimant and name and name != previous.claimant and _COUNTER.search(words):
            previous.counter_claims.append(f"{name}: {words}")
        if event_type is None:
            continue
        if figures and not places and previous and event_type == previous.event_type and index - previous.last == 1:
            previous.last = index  # "Hundreds of people have been killed in the fiercest clashes ..."
            if figures and not previous.casualties:
                previous.casualties = figures
                previous.casualty_reporter = name or previous.claimant
            continue
        drafts.append(_Draft(event_type, index, index, places, when or undated(published), claimant=name, claimant_is_inherited=inherited,
                             casualties=figures, casualty_reporter=name if figures else ""))
    return [_finish(d, report, sentences, by_sentence) for d in drafts]


def _finish(draft: _Draft, report: Report, sentences: Sequence[Sentence], by_sentence) -> Incident:
    first, last = sentences[draft.first], sentences[draft.last]
    words = report.text[first.start:last.end]
    spans = tuple((m.start, m.end) for m in draft.places)
    kind = EVENT_TYPES[draft.event_type]
    killed, wounded, civilians = draft.casualties.killed, draft.casualties.wounded, draft.casualties.civilians_killed
    is_claim = bool(draft.claimant)
    source = SourceRef(
        report.report_id, report.publisher, report.published, words, first.start, last.end,
        killed[0] if killed else None, killed[1] if killed else None,
        wounded[0] if wounded else None, wounded[1] if wounded else None,
        draft.casualty_reporter, spans, claimant=draft.claimant, is_claim=is_claim,
        civilians_killed_low=civilians[0] if civilians else None,
        civilians_killed_high=civilians[1] if civilians else None)
    digest = hashlib.sha1(f"{report.content_hash or report.report_id}:{first.start}".encode()).hexdigest()[:12]
    return Incident(
        f"inc-{digest}", draft.event_type, kind.acled_event_type or "", draft.date, tuple(draft.places),
        killed_low=source.killed_low, killed_high=source.killed_high, wounded_low=source.wounded_low,
        wounded_high=source.wounded_high, claimant=draft.claimant, is_claim=is_claim,
        denied_by=tuple(dict.fromkeys(draft.denied_by)), counter_claims=tuple(dict.fromkeys(draft.counter_claims)),
        verification=" ".join(draft.verification), sources=(source,), corroboration=1,
        casualty_reporter=draft.casualty_reporter, civilians_killed_low=source.civilians_killed_low,
        civilians_killed_high=source.civilians_killed_high)


__all__ = ["EVENT_TYPES", "EventType", "VIOLENT_TYPES", "Casualties", "Claimant", "classify_sentence",
           "extract_incidents", "figure_range", "find_casualties", "find_claimant", "fighting_start",
           "sentence_date", "undated"]
