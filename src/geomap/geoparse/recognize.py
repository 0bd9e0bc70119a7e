"""Text -> candidate place-name spans, found by the gazetteer automaton.

Recognition only finds names the gazetteer knows, with spans into the original text;
whether a span is a place (not a person, an organisation or an ordinary word) is
judged from its surroundings here, and which place it is, in geomap.geoparse.rank.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from geomap.gazetteer.index import Gazetteer
from geomap.gazetteer.kinds import CAPITAL, NAME_MAIN
from geomap.normalize import CAPITAL_MARK, SEPARATOR, fold_transliterations, normalize_text

_BOUNDARY = (SEPARATOR, CAPITAL_MARK)

# Words before a capitalised name that make it a person's name, not a place.
PERSON_TITLES = frozenset("""
mr mrs ms miss dr sir lord lady president minister secretary general gen sen senator rep representative
gov governor mayor sheriff judge justice officer deputy det detective sgt sergeant capt captain lt lieutenant
col colonel maj major chief coach pastor rev reverend prof professor father sister brother aunt uncle
king queen prince princess pope bishop ambassador chairman chairwoman spokesman spokeswoman commissioner
councilman councilwoman trooper agent attorney superintendent principal dean
""".split())
# Words before a name that say a place follows.
LOCATIVE_CUES = frozenset("""
in at near from to into outside inside across around toward towards through via between
northwest northeast southwest southeast north south east west
hit struck strike strikes shelled shelling bombed bombing attacked targeted targeting captured
liberated seized retook entered reached visited evacuated besieged encircled
""".split())
# Of those, the two that as often precede a body or a person ("talks to Hamas", "a letter from Amanda Cole").
WEAK_LOCATIVE_CUES = frozenset({"to", "from"})
# Nouns that, followed by "of", say a place name comes next ("the town of X", "north of X", and those who
# live in one: "residents of X said", where X is no speaker).
PLACE_NOUNS = frozenset("""
residents inhabitants villagers townspeople
city cities town towns village villages settlement settlements district districts province provinces region
regions state states county counties area areas outskirts suburb suburbs neighbourhood neighbourhoods
neighborhood neighborhoods municipality municipalities governorate governorates community communities
locality localities capital port hamlet hamlets parts part centre center heart north south east west
direction directions
northwest northeast southwest southeast northeast north-east north-west south-east south-west
""".split())
# Plural place words after a list ("the Dashkasan, Kalbajar and Lachin regions"): every member is a place.
PLURAL_PLACE_HEADS = frozenset("""
cities towns villages settlements districts provinces regions states counties areas neighbourhoods
neighborhoods municipalities governorates localities directions woredas zones
""".split())
# Words after a name that say the name is part of an organisation or a thing, not the place itself.
ORGANISATION_HEADS = frozenset("""
group agency university college school academy company corp corporation inc ltd club team conventions
convention accord accords protocol treaty times post herald tribune journal news gazette daily press chronicle
observer telegraph courier inquirer monitor
bank hotel restaurant church hospital center centre institute foundation association federation union
party airlines airways
""".split())
# Head words that end an organisation's name only when capitalised ("Liberation Front", not "front line").
NAME_ONLY_ORGANISATION_HEADS = frozenset("front movement dispatch beacon massmedia media radio television army force forces"
                                         .split())
# Words after a name that make it a public body of the place: the name still names the place
# ("Kirkuk police", "the Michoacan Public Security Secretariat"), as gazetteer-based gold annotates it.
GOVERNMENT_HEADS = frozenset("""
police department dept office ministry council committee commission government authorities officials
governor mayor province administration public security secretariat prosecutor court command
""".split())
# Words after a name that keep it a place ("Rapides Parish", "Goma city").
PLACE_HEADS = frozenset("""
county parish city town village district province region state oblast rayon raion governorate river
valley lake mountains mountain island islands bay sea coast airport area
""".split())
# A place word after a name that says it is an administrative unit ("Douglas and Sarpy counties",
# "Helmand province"), not the town of the same name. ("City" says little: "the Texas city of McAllen".)
ADMIN_HEADS = frozenset("""
county counties parish parishes district districts province provinces region regions state states oblast oblasts
rayon rayons raion raions governorate governorates municipality municipalities woreda woredas
""".split())
_PLURAL_UNITS = frozenset(word for word in ADMIN_HEADS if word.endswith("s"))
LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\s+[A-Z]|,\s+[A-Z]")  # after a member of a list, the next one
# A place word before or after a name that says it is a settlement ("the villages of X and Y",
# "X village"), not the region or district of the same name.
SETTLEMENT_HEADS = frozenset("village villages town towns hamlet hamlets settlement settlements city cities".split())
# Sites a report places by the town they stand in or near ("Zobe junction in Baidoa", "the hospital at X",
# "Benina airport, 15 km east of Benghazi"): where the site is, the town is.
SITE_WORDS = frozenset("""
junction roundabout crossroads neighbourhood neighborhood district quarter suburb area camp airport airbase base
market village hamlet locality township settlement post checkpoint bridge hospital clinic school mosque church
temple pagoda dam depot
""".split())

# Nouns for weapons: a name just before one, or before a few words ending in one, names the weapon
# ("Grad rockets", "Grad multiple rocket launchers"), unless an attack follows ("the Kharkiv missile strike").
WEAPON_NOUNS = frozenset("""
rocket rockets missile missiles launcher launchers drone drones howitzer howitzers mortar mortars mlrs
rifle rifles tank tanks warhead warheads shell shells
""".split())
ATTACK_NOUNS = frozenset("strike strikes attack attacks barrage barrages raid raids".split())
WEAPON_MODIFIERS = frozenset("multiple cruise ballistic guided artillery air defence defense attack launch".split())
_FOUR_WORDS_AFTER = re.compile(r"(?: [A-Za-z]+\b){1,4}")
_WEAPON_WORD_STARTS = frozenset(word[:3] for word in WEAPON_NOUNS | WEAPON_MODIFIERS)  # every one has three letters or more

# Words of direction: a name made of them alone ("the North-East", "Southwest") is a part of somewhere, not a
# place the gazetteer lacks.
COMPASS_WORDS = frozenset("""
north south east west northeast northwest southeast southwest northern southern eastern western central
northeastern northwestern southeastern southwestern
""".split())

# Words that tell a unit by where it lies or what it is ("the Capital district", "the Coastal region"):
# before a unit's word they describe one, they are no unit's own name.
UNIT_DESCRIPTIONS = COMPASS_WORDS | frozenset("capital coastal border upper lower middle".split())

# Words after a name that make it a street's ("Oak Street", "Ashbourne Rd."): no town to put on a map.
STREET_WORDS = frozenset("street st road rd avenue ave drive lane boulevard blvd highway court".split())

# Names of days, months and feasts are places somewhere (Thursday, March, Christmas) but not in news prose.
CALENDAR_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december christmas easter thanksgiving halloween
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
""".split())

# Nouns for people after a capitalised word make it the name of a people or a faith, not of a place:
# "Hema herders", "Fulani gunmen", "between Dogon and Fulani communities".
PEOPLE_NOUNS = frozenset("""
herders herdsmen farmers pastoralists gunmen militia militias militiamen fighters communities clans clan tribes
tribesmen
""".split())
# Before a capitalised word, words that make it an adjective of a people or a faith: "ethnic Dogon
# villages", "a mainly Christian town", "a largely Druze region".
PEOPLE_ADJECTIVES = ("ethnic", "tribal", "mainly", "mostly", "largely", "predominantly", "overwhelmingly")
PEOPLE_BEFORE = re.compile(rf"\b(?:{'|'.join(PEOPLE_ADJECTIVES)})\s+$")
_PEOPLE_ADJECTIVE_ENDS = frozenset(word[-1] for word in PEOPLE_ADJECTIVES)


# Verbs of speech after a bare name make it a person ("Moore said"), unless it is a country.
SPEECH_VERBS = frozenset("said says told added wrote explained noted stated asked replied testified".split())

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Capitalised function words ("A Kirkuk resident", "The Kharkiv attack") start sentences, not names.
_FUNCTION_WORDS = frozenset("a an the this that these those his her its their our my your some any every each".split())


class NameSpan(NamedTuple):
    """A gazetteer name found in the text, before resolution. Immutable (a changed cue is a new span,
    `span._replace(...)`); a tuple rather than a frozen dataclass, whose __init__ sets each of the 22
    fields through object.__setattr__: 2.3 us a span against 0.5, and a report has about fifty."""

    start: int
    end: int
    key_id: int
    surface: str  # text[start:end]
    folded: str  # the name as matched, case and diacritics folded, single spaces
    sentence_initial: bool  # or in a Title Case line: its capital says nothing
    preceding_word: str  # as written
    following_word: str
    locative_cue: bool
    cue_carried: bool  # the locative cue came from the list it stands in ("in Kutum, Tawila"), not its own word
    person_cue: bool  # a title or another capitalised word glued before it: part of a person's or body's name
    organisation_cue: bool
    capitalised_next: bool  # "David Smith", "Fairfield Inn": a capitalised word glued after it
    place_head_next: bool  # "Jabrayil town", "Rapides Parish": a place word follows
    hyphen_compound: bool  # "Wal-Mart": hyphen-joined to a capitalised word that is not part of the name
    acronym: bool  # "NATO", "OSCE": five capitals or fewer
    speech_next: bool  # "Moore said"
    possessed: bool = False  # "Iraq's Ramadi": a capitalised possessive glued before it (the ranker checks it is a place)
    # "admin" when a place word after it or its list ("Helmand province"), or before it ("the
    # province of Idlib"), says it is an administrative unit
    head_kind: str = ""
    dateline: bool = False  # "GOMA, Congo" / "MOSUL, Iraq (AP) —" at the start of a line
    weapon_next: bool = False  # "Grad rockets", "Uragan rockets": the name of a weapon, not of a town
    numbered: bool = False  # "Zone 2", "Sector 4": a number glued after it
    firm_name: bool = False  # "Stevens & Wilkinson": joined by an ampersand to a capitalised word, a firm's name
    age_next: bool = False  # "Gary Wilson, 54, of Palestine": an age between commas after it, a person's name


# The gap (up to four characters that are not letters or digits) and the word around an offset:
# after it read forwards, before it read forwards in the reversed text.
_GAP_AND_WORD_AFTER = re.compile(r"([\W_]{0,4})([^\W_]+(?:['’][^\W_]+)*)?")
_GAP_AND_WORD_BEFORE_REVERSED = re.compile(r"([\W_]{0,4})((?:[^\W_]|['’.])*)")


class ReportText:
    """A report's text with what reading its cues needs, computed once: its Title Case lines and
    a reversed copy, so that a regular expression reads the word before an offset forwards."""

    __slots__ = ("text", "backwards", "title_lines")

    def __init__(self, text: str) -> None:
        self.text = text
        self.backwards = text[::-1]
        self.title_lines = _title_case_lines(text)

    def word_before(self, start: int) -> tuple[str, str]:
        """The word just before `start` and the characters between it and `start`."""
        match = _GAP_AND_WORD_BEFORE_REVERSED.match(self.backwards, len(self.text) - start)
        return match.group(2)[::-1], match.group(1)[::-1]

    def word_after(self, end: int) -> tuple[str, str]:
        """The word just after `end` and the characters between `end` and it."""
        match = _GAP_AND_WORD_AFTER.match(self.text, end)
        return match.group(2) or "", match.group(1)

    def in_title_line(self, offset: int) -> bool:
        i = bisect_right(self.title_lines, (offset, float("inf"))) - 1  # the last line starting at or before it
        return i >= 0 and offset < self.title_lines[i][1]

    def sentence_initial(self, start: int) -> bool:
        """Whether `start` begins a sentence or a line, where a capital says nothing about a name."""
        text = self.text
        i = start - 1
        while i >= 0 and text[i] in " \t\"'“‘(«[":
            i -= 1
        if i < 0:
            return True
        if text[i] != ".":
            return text[i] in "!?:\n\r|•—–-"
        # "U.S. troops", "Lt. Col. Martin O'Donnell": the period of an initial or a title ends no sentence.
        return i == 0 or not (text[i - 1].isupper() or self.word_before(i)[0].lower().rstrip(".") in PERSON_TITLES)


@lru_cache(maxsize=65536)
def _folded_key(key: str) -> str:
    """An automaton key as a plain folded name: single spaces, no capital marks."""
    return " ".join(key.replace(CAPITAL_MARK, SEPARATOR).split())


def find_name_spans(report: ReportText, gazetteer: Gazetteer) -> list[NameSpan]:
    """Every longest gazetteer-name match that starts and ends on word boundaries."""
    text = report.text
    norm = normalize_text(text)
    automaton = gazetteer.automaton
    key_lengths, key_upper, key_abbreviation = gazetteer.key_lengths, gazetteer.key_upper, gazetteer.key_abbreviation
    # Scanned with Arabic articles and name words in one spelling, as the keys hold them; `offsets` takes a
    # match back to `norm` (None: nothing folded, the offsets are the same).
    scanned, offsets = fold_transliterations(norm, text)
    spans: list[NameSpan] = []
    for begin, end, key_id in _longest_keys(scanned, automaton, key_lengths):
        if offsets is not None:
            begin, end = offsets[begin], offsets[end - 1] + 1
        end, key_id = _city_of_its_body(norm, text, begin, end, key_id, gazetteer)
        start, stop = begin, end - 1  # norm has one leading separator: norm[i] is text[i - 1]
        if key_upper[key_id] and not text[start:stop].isupper():
            continue  # "DRC", "UAE" name a country only in capitals: "Car bomb" is not the Central African Republic
        if key_abbreviation[key_id]:
            if text[stop:stop + 1] == ".":
                stop += 1  # "Ind.", "U.S.": the period belongs to the abbreviation
            elif text[start:stop].isalpha() and not (text[start:stop].isupper() and text[max(0, start - 2):start] == ", "):
                # "Wash your hands", "La Nina", "KY 90": a one-word abbreviation without its period is a word or a
                # code, no place; a postal code after a comma qualifies the town before it ("Lexington, KY").
                continue
        spans.append(_describe(report, start, stop, key_id, _folded_key(norm[begin:end])))
    return spans


_CAPITALISED_NEXT = re.compile(r" ([A-Z][\w’']*)")
_AGE_AFTER = re.compile(r",\s+\d{1,3},")  # "Kevin Johnson, 34, was struck": a person's age


def _city_of_its_body(norm: str, text: str, begin: int, end: int, key_id: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """"Dublin City Council", "the Dublin City Manager": "City" before a body's capitalised word is the body's
    name ("City Council"), and the place is the town, Dublin, not the unit "Dublin City" whose name the longest
    key would take (nor "Belfast City", another name of Belfast). A town whose own name it is ("Boulder City
    Council", "Mexico City Hall") keeps its whole name. (end, key id) of the key to take."""
    after = _CAPITALISED_NEXT.match(text, end - 1) if norm.endswith("city", begin, end) else None
    if after is None or after.group(1).lower() in PLACE_HEADS:
        return end, key_id
    lo, hi = gazetteer.np_key_offsets[key_id], gazetteer.np_key_offsets[key_id + 1]
    if ((gazetteer.np_feature[gazetteer.np_cand_rows[lo:hi]] <= CAPITAL) & (gazetteer.np_cand_kinds[lo:hi] == NAME_MAIN)).any():
        return end, key_id
    cut = max(norm.rfind(_BOUNDARY[0], begin + 2, end), norm.rfind(_BOUNDARY[1], begin + 2, end))
    town = gazetteer.automaton.get(norm[begin:cut], -1) if cut > begin else -1
    return (cut, town) if town >= 0 else (end, key_id)


def _longest_keys(norm: str, automaton, key_lengths) -> list[tuple[int, int, int]]:
    """(begin, end, key id) of the longest keys that end on word boundaries, left to right. A key that
    runs into a word ("New Yorker") falls back to the longest shorter key that ends on a boundary;
    when it does, or when none does, the scan resumes after what was kept, so a key that begins
    inside the rejected one is still found ("The D" must not hide "Democratic Republic of Congo")."""
    out = []
    n = len(norm)
    position = 0
    longest = _longest_key(key_lengths)
    window = _WINDOW
    while position < n:
        # The automaton reads a window of the text, not all of it from `position`: it copies what it is given on
        # every call, and a scan resumed once per rejected key over the whole rest made a long report quadratic.
        # A match that ends `longest` characters before the window does is the one the whole text gives.
        stop = min(n, position + window + 2 * longest)
        safe = n if stop == n else stop - longest
        # A window read to its end without a match ending past `safe` has no match across `safe` either (it would
        # end inside the window): the next window begins there. (Was the end of the text: a long report lost
        # every name after a stretch of lower-case words at a window's end.)
        resume = safe
        for last, key_id in automaton.iter_long(norm[position:stop]):
            end = position + last + 1
            if end > safe:
                resume, window = (out[-1][1], _WINDOW) if out and out[-1][1] > position else (position, window * 2)
                break
            begin = end - key_lengths[key_id]
            if end < n and norm[end] not in _BOUNDARY:
                rejected_end = end
                key_id = -1
                # the word boundaries inside the key, last first (rfind: a one-word key has none)
                cut = max(norm.rfind(_BOUNDARY[0], begin + 2, end), norm.rfind(_BOUNDARY[1], begin + 2, end))
                while cut >= 0:
                    shorter = automaton.get(norm[begin:cut], -1)
                    if shorter >= 0:
                        key_id, end = shorter, cut
                        break
                    cut = max(norm.rfind(_BOUNDARY[0], begin + 2, cut), norm.rfind(_BOUNDARY[1], begin + 2, cut))
                if key_id >= 0:
                    out.append((begin, end, key_id))
                resume = end if key_id >= 0 else begin + 1
                # Every key begins with a separator: when none lies between `resume` and the rejected key's
                # end (a one-word key run into a word: 98 rejections in 100 on news text), no key begins there, and the
                # automaton, which goes on from that end, finds what a scan resumed at `resume` would.
                if _BOUNDARY[0] not in norm[resume:rejected_end] and _BOUNDARY[1] not in norm[resume:rejected_end]:
                    resume = safe
                    continue
                window = _WINDOW
                break
            out.append((begin, end, key_id))
        position = resume
    return out


_WINDOW = 1 << 14  # characters of the text the automaton reads at a time (`_longest_keys`)


_LONGEST_KEY: dict[int, tuple[object, int, int]] = {}  # id(key_lengths) -> (key_lengths, its length, its largest)


def _longest_key(key_lengths) -> int:
    """The longest automaton key, found once per gazetteer (and again when an extension adds keys)."""
    kept = _LONGEST_KEY.get(id(key_lengths))
    if kept is None or kept[0] is not key_lengths or kept[1] != len(key_lengths):
        kept = _LONGEST_KEY[id(key_lengths)] = (key_lengths, len(key_lengths), max(key_lengths, default=0))
    return kept[2]


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 5


_LONGEST_HEADLINE = 200  # characters: a longer line is prose, whatever its capitals


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in Title Case (headlines), where capitals say nothing about names."""
    out = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line) > _LONGEST_HEADLINE:
            offset += len(line)
            continue
        words = [w for w in _WORD.findall(line) if len(w) > 3]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out.append((offset, offset + len(line)))
        offset += len(line)
    return out


def _describe(report: ReportText, start: int, end: int, key_id: int, folded: str) -> NameSpan:
    text = report.text
    in_title_line = report.in_title_line(start)
    before, gap_before = report.word_before(start)
    after, gap_after = report.word_after(end)
    before_folded = before.lower().rstrip(".")
    after_folded = _strip_possessive(after.lower())
    sentence_initial = in_title_line or report.sentence_initial(start)
    adjacent_before = gap_before in (" ", "\u00a0")
    adjacent_after = gap_after in (" ", "\u00a0")
    possessed = adjacent_before and before[:1].isupper() and before[-2:] in ("'s", "’s")
    locative = adjacent_before and before_folded in LOCATIVE_CUES
    kind = head_kind(after_folded) if adjacent_after else ""
    if kind == "settlement" and text.startswith(" of ", end + len(gap_after) + len(after)):
        kind = ""  # "the Texas city of McAllen": the name says where the city is, not what it is
    if adjacent_before and before_folded == "of":
        # "the town of X", "north of X", "the cities of X and Y"; "the province of X" names the unit
        noun, _gap = report.word_before(start - len(gap_before) - len(before))
        locative = noun.lower() in PLACE_NOUNS
        # "the provinces of Idlib and Hama" are units; "the residential districts of Misrata" are parts of one
        if not (noun.lower() in _PLURAL_UNITS and LIST_GOES_ON.match(text, end) is None):
            kind = kind or head_kind(noun.lower())
    person_cue = adjacent_before and before_folded in PERSON_TITLES
    # "Chiquita Raquel Henry", "OSCE Minsk Group": a capitalised word glued before the name
    # that is not how a sentence starts makes the name part of a person's or a body's name.
    if (adjacent_before and before[:1].isupper() and not sentence_initial and not in_title_line
            and before_folded not in LOCATIVE_CUES and before_folded not in _FUNCTION_WORDS and not possessed):
        if not report.sentence_initial(start - len(gap_before) - len(before)) or before.isupper():
            person_cue = True
    government = adjacent_after and after_folded in GOVERNMENT_HEADS
    organisation_cue = adjacent_after and not government and (
        after_folded in ORGANISATION_HEADS
        # the run of capitalised words can only begin with one, or with a link word ("of", "the")
        or ((after[:1] in _ASCII_CAPITALS or after in _LINK_WORDS) and _names_an_organisation(text, end)))
    # "a mainly Christian town", "ethnic Hema": a people or a faith, not the place that shares the name
    organisation_cue = organisation_cue or _after_a_people_adjective(text, start)
    capitalised_next = (adjacent_after and after[:1].isupper() and not in_title_line and not government
                        and after_folded not in PLACE_HEADS and after_folded not in ORGANISATION_HEADS)
    hyphen_compound = (text[end:end + 1] == "-" and text[end + 1:end + 2].isupper()) or (
        start > 1 and text[start - 1] == "-" and text[start - 2].isalpha())
    surface = text[start:end]
    dateline = ((start == 0 or text[start - 1] in "\n\r") and surface.isupper() and len(surface) > 2
                and _DATELINE_TAIL.match(text, end) is not None)
    return NameSpan(
        start=start, end=end, key_id=key_id, surface=surface, folded=folded, sentence_initial=sentence_initial,
        preceding_word=before, following_word=after,
        locative_cue=locative or dateline, cue_carried=False,
        person_cue=person_cue and not dateline, organisation_cue=organisation_cue,
        capitalised_next=capitalised_next, hyphen_compound=hyphen_compound and not dateline,
        place_head_next=adjacent_after and after_folded in PLACE_HEADS,
        acronym=_is_acronym(surface) and not dateline,
        speech_next=adjacent_after and after_folded in SPEECH_VERBS,
        possessed=possessed, dateline=dateline, head_kind=kind,
        # a weapon's noun or modifier comes first: its first three letters are the next word's
        weapon_next=(adjacent_after and not dateline and gap_after == " " and after[:3].lower() in _WEAPON_WORD_STARTS
                     and _names_a_weapon(text, end)),
        numbered=adjacent_after and after.isdigit(),
        firm_name=(gap_after.strip() == "&" and after[:1].isupper()) or (gap_before.strip() == "&" and before[:1].isupper()),
        age_next=gap_after.startswith(",") and after.isdigit() and len(after) <= 3 and _AGE_AFTER.match(text, end) is not None,
    )


def _names_a_weapon(text: str, end: int) -> bool:
    """"Grad rockets", "Grad multiple rocket launchers": a weapon noun after the name, or after a few of
    the words that qualify one ("cruise", "multiple rocket"), and no attack noun after it ("a Kharkiv missile strike" is a strike on Kharkiv)."""
    match = _FOUR_WORDS_AFTER.match(text, end)
    if match is None:
        return False
    words = match.group(0).lower().split()
    for i, word in enumerate(words[:3]):
        if word in WEAPON_NOUNS:
            return i + 1 == len(words) or words[i + 1] not in ATTACK_NOUNS
        if word not in WEAPON_MODIFIERS:
            return False
    return False


def _after_a_people_adjective(text: str, start: int) -> bool:
    """PEOPLE_BEFORE just before `start`; asked of the text only when the word before the spaces
    there ends as one of its words does (most names are not preceded by one)."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return 0 < i < start and text[i - 1] in _PEOPLE_ADJECTIVE_ENDS and PEOPLE_BEFORE.search(text, max(0, start - 30), start) is not None


def head_kind(word: str) -> str:
    """"admin" for "county", "provinces", "districts"...; "settlement" for "village", "towns"...; else ""."""
    return "admin" if word in ADMIN_HEADS else "settlement" if word in SETTLEMENT_HEADS else ""


# After an ALL-CAPS name at a line's start, what makes it a dateline: "GOMA, Congo", "MOSUL (AP) -".
_DATELINE_TAIL = re.compile(r",|\s*\(|\s+[-–—]")
_CAPITALISED_WORD = re.compile(r"\s([A-Z][\w’']*)")
_LINK_WORDS = ("of", "for", "and", "the")
_LINK = re.compile(rf"\s({'|'.join(_LINK_WORDS)})(?=\s[A-Z])")
_ASCII_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _strip_possessive(word: str) -> str:
    return word[:-2] if word[-2:] in ("'s", "’s") else word


def _names_an_organisation(text: str, end: int) -> bool:
    """"Tigray People's Liberation Front", "Washington Free Beacon": the run of capitalised words
    glued after the name holds an organisation's head word, so the name is part of its name."""
    i = end
    for _ in range(6):
        match = _CAPITALISED_WORD.match(text, i)
        if match is None:
            link = _LINK.match(text, i, i + 6)
            if link is None:
                return False
            i = link.end()
            continue
        word = _strip_possessive(match.group(1).lower())
        if word in ORGANISATION_HEADS or word in NAME_ONLY_ORGANISATION_HEADS:
            return True
        if word in GOVERNMENT_HEADS:
            return False
        i = match.end()
    return False


def locative_before(report: ReportText, start: int) -> bool:
    """A word before `start` that says a place follows: "in", "near", "shelled", "the towns of"."""
    before, gap = report.word_before(start)
    if gap not in (" ", "\u00a0"):
        return False
    word = before.lower().rstrip(".")
    if word == "of":
        noun, _gap = report.word_before(start - len(gap) - len(before))
        return noun.lower() in PLACE_NOUNS
    return word in LOCATIVE_CUES


def word_after(report: ReportText, end: int) -> str:
    """The word after `end` when only a space separates it, folded ("" otherwise)."""
    word, gap = report.word_after(end)
    return word.lower() if gap in (" ", "\u00a0") else ""
