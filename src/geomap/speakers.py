"""Who makes a claim, read as one person or body: the one rule for claimant names on the read side.

Reports name a speaker many ways ("Zelensky", "President Volodymyr Zelensky", "Ukraine's President Volodymyr
Zelensky", with a straight or a curly apostrophe), and merging joins the names of every telling
("A; B"). The store keeps what the reports wrote (provenance); every view reads it through here, so
the dashboard's filter and details, the command line's `--claimant` and the exports agree:

- a person is known by the surname after any title ("Foreign Minister", "spokesman") and any
  possessive ("Turkey's"): news writing names a person in full once and by surname after, so the
  surname is what the tellings share (two speakers of one surname in one store would be joined);
- a body ("the defence ministry", "Russia and Belarus") by its words, case and apostrophes aside;
- the outlet's own staff or an eyewitness ("an AFP journalist in the city", "witnesses") saw rather
  than claims: no claimant, and an incident only they tell is not badged as a claim;
- each speaker is shown in the fullest form the text gives ("Ukraine's President Volodymyr Zelensky");
- two spellings of one surname are one person (`same_speaker`): transliterations differ by a doubled
  letter, "y" for "i", an accent or one letter more or less, never in the first or last letter (which keeps
  "Aliyev" and "Aliyeva", two people, apart).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Iterable, Mapping, Optional

from rapidfuzz.distance import Levenshtein

JOINED_BY = "; "  # how geomap.merge joins the claimants of an incident's tellings
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})

# Witnesses, not claimants: the press on the spot, or people who saw it (a noun phrase, not a party).
_WITNESS_WORD = (r"(?:journalists?|reporters?|correspondents?|photographers?|photojournalists?|cameram[ae]n|"
                 r"videographers?|stringers?|(?:eye)?witness(?:es)?)(?=$|(?-i:\s+[a-z]))")  # not "Reporters Without Borders"
WITNESS = re.compile(rf"^(?:(?:an?|one|two|three|several|some|our|its)\s+(?:[\w'.-]+\s+){{0,3}}?|(?:[A-Z][\w'.-]*\s+)?)"
                     rf"{_WITNESS_WORD}", re.IGNORECASE)
# Words before a person's name that say what they are, not who: after the last of them comes the name.
TITLE_WORDS = frozenset("""
president vice prime minister ministers foreign defence defense interior deputy secretary general gen gen. chief
spokesman spokeswoman spokesperson spokespeople mr mr. mrs mrs. ms ms. dr dr. king queen chancellor ambassador
envoy governor mayor commander lieutenant lt lt. col col. colonel major maj maj. captain capt capt. brigadier sergeant
senator sen sen. representative rep rep. chairman chairwoman chair leader premier speaker lawmaker adviser advisor
aide official director head senior former acting top army military police state special
""".split())
# Words that make a name a body (an institution or a group), not a person.
BODY_WORDS = re.compile(r"\b(?:ministry|ministries|government|army|forces|military|police|council|command|office|"
                        r"service|agency|committee|coalition|movement|party|front|brigade|battalion|group|media|"
                        r"authorities|officials|sources?|side|sides|mission|organi[sz]ation|union|nations|"
                        r"court|parliament|administration|department|headquarters|staff|guard|militia|rebels|international|watch|"
                        r"institute|network|observatory|cent(?:er|re)|foundation|commission|red cross|red crescent)\b",
                        re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:[A-Z][\w.-]*\s+){0,3}[\w.-]+'s?\s+(?=\S)")  # "Ukraine's ", "the Kremlin's "
_SPELLING = {"defence": "defense", "defense": "defense"}  # the two spellings of one word, read as one
# The small words of a person's name written in lower case ("al-Burhan", "bin Zayed", "von der Leyen",
# "da Silva"): they do not make a name a body's, and an article glued to a surname is not part of it.
_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|bin|ibn|bint|de|da|di|do|dos|du|del|della|der|den|van|von|"
                       r"le|la|ter)(?:-|$)")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az)-")


def split_claimants(claimant: Optional[str]) -> list[str]:
    """The speakers an incident's claimant field names ("A; B" -> ["A", "B"]), apostrophes made straight."""
    if not claimant:
        return []
    return [part.strip() for part in claimant.translate(APOSTROPHES).split(JOINED_BY.strip()) if part.strip()]


def is_witness(name: str) -> bool:
    """Whether `name` is the press on the spot or an eyewitness ("an AFP journalist in the city")."""
    return bool(WITNESS.match(name.translate(APOSTROPHES).strip()))


def speaker_key(name: str) -> Optional[str]:
    """One key per person or body (see the module docstring); None for a witness or no name."""
    text = name.translate(APOSTROPHES).strip().strip(" ,;:.")
    if not text or is_witness(text):
        return None
    who = text.split(",")[0].strip()  # "Hikmet Hajiyev, aide to President Aliyev": the apposition says what
    who = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE)
    words = who.split()
    several = " and " in f" {who.lower()} "
    titled = [k for k, w in enumerate(words[:-1]) if w.lower() in TITLE_WORDS]
    if titled and not several:  # "Sudan's army spokesman Nabil Abdallah": the name follows the last title
        tail = words[titled[-1] + 1:]
        if len(tail) <= 4 and all(w[:1].isupper() or _PARTICLE.match(w) for w in tail) \
                and not BODY_WORDS.search(" ".join(tail)):
            return "name:" + _surname(tail[-1])
    if several or BODY_WORDS.search(who) or any(w[:1].islower() and not _PARTICLE.match(w) for w in words[1:]):
        return "body:" + " ".join(_SPELLING.get(w, w) for w in who.lower().split())
    return "name:" + _surname(_POSSESSIVE.sub("", who).split()[-1])


def _surname(word: str) -> str:
    """A surname as a key: "al-Burhan" and "Burhan" are one name."""
    return _ARTICLE.sub("", word.lower())


@lru_cache(maxsize=4096)
def _skeleton(surname: str) -> str:
    """A surname as transliterations agree on it: accents dropped, "y" read as "i", doubled letters single."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", surname.lower()) if not unicodedata.combining(c))
    return re.sub(r"(.)\1+", r"\1", plain.replace("y", "i"))


SPELLING_MIN_LETTERS = 5  # shorter surnames one letter apart are too often two names ("Khan", "Khani")


def same_speaker(key: str, other: str) -> bool:
    """Whether two `speaker_key`s are one person or body: equal, or two spellings of one surname (the module
    docstring): the same skeleton, or at most one letter apart between the same first and last letters."""
    if key == other:
        return True
    if not (key.startswith("name:") and other.startswith("name:")):
        return False
    a, b = _skeleton(key[5:]), _skeleton(other[5:])
    if a == b:
        return True
    return (min(len(a), len(b)) >= SPELLING_MIN_LETTERS and a[0] == b[0] and a[-1] == b[-1]
            and Levenshtein.distance(a, b, score_cutoff=1) <= 1)


def _by_speaker(names: Iterable[str]) -> dict[str, list[str]]:
    """The names grouped by speaker (`same_speaker`), witnesses left out, keyed by each speaker's first key."""
    groups: dict[str, list[str]] = {}
    for name in names:
        key = speaker_key(name)
        if key is None:
            continue
        known = key if key in groups else next((k for k in groups if same_speaker(key, k)), key)
        groups.setdefault(known, []).append(name)
    return groups


def _fullest(names: Iterable[str]) -> str:
    """The variant that says most (the most words; the first of those)."""
    return max(names, key=lambda n: len(n.split()))


def canonical_claimants(claimant: Optional[str]) -> tuple[str, ...]:
    """The distinct speakers of one claimant field, witnesses left out, each in its fullest form, in order."""
    return tuple(_fullest(names) for names in _by_speaker(split_claimants(claimant)).values())


def canonical_claimant(claimant: Optional[str]) -> str:
    """`canonical_claimants` joined as the store joins them ("" when only witnesses speak)."""
    return JOINED_BY.join(canonical_claimants(claimant))


def told_as_claim(is_claim, claimant: Optional[str]) -> bool:
    """Whether an incident is a claim: marked as reported speech and told by a speaker, not only by witnesses.
    The one rule the map's claims layer, the grid's claim column, the details badge and the exports share."""
    return bool(is_claim) and bool(canonical_claimant(claimant))


def claimant_choices(counts: Mapping[Optional[str], int]) -> list[str]:
    """One filter entry per speaker from the store's claimant fields and how many incidents have each:
    the fullest form of each speaker, the most frequent speakers first."""
    told = [(name, n) for claimant, n in counts.items() for name in split_claimants(claimant)]
    variants = _by_speaker(name for name, _ in told)
    weight: Counter = Counter()
    for name, n in told:
        key = speaker_key(name)
        if key is not None:
            weight[key if key in variants else next(k for k in variants if same_speaker(key, k))] += n
    return [_fullest(variants[key]) for key in sorted(variants, key=lambda k: (-weight[k], _fullest(variants[k])))]


NO_SPEAKER = ""  # the key `speaks` matches for an incident no one claims (only witnesses, or nobody)


def speaker_keys(names: Iterable[Optional[str]]) -> frozenset:
    """The keys of the speakers a filter asks for; None (or "") stands for no speaker."""
    keys = set()
    for name in names:
        keys.add(NO_SPEAKER if not name else speaker_key(name) or NO_SPEAKER)
    return frozenset(keys)


def speaks(claimant: Optional[str], wanted: frozenset) -> bool:
    """Whether an incident whose claimant field is `claimant` is claimed by one of the `wanted` keys."""
    keys = {speaker_key(name) for name in split_claimants(claimant)} - {None}
    if not keys:
        return NO_SPEAKER in wanted
    return bool(keys & wanted) or any(same_speaker(key, w) for key in keys for w in wanted if w)


SQL_FUNCTION = "geomap_speaks"  # (claimant, wanted keys joined by "\n") -> 1 or 0


def _sql_speaks(claimant: Optional[str], wanted: Optional[str]) -> int:
    return int(speaks(claimant, frozenset((wanted or "").split("\n"))))


def register_sql(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Give `conn` the SQL function the claimant filter asks (geomap.filters): every store connection has it."""
    conn.create_function(SQL_FUNCTION, 2, _sql_speaks, deterministic=True)
    return conn


__all__ = ["JOINED_BY", "NO_SPEAKER", "SQL_FUNCTION", "canonical_claimant", "canonical_claimants",
           "claimant_choices", "is_witness", "register_sql", "same_speaker", "speaker_key", "speaker_keys", "speaks",
           "split_claimants", "told_as_claim"]
