"""Who says so: the claimant of a sentence, denials, counter-claims and verification notes.

A sentence in reported speech ("X said", "according to X", a quote followed by "said X")
is a claim by X. A sentence the outlet narrates has no claimant. A verification note
("Reuters could not independently verify ...") and a denial ("Rwanda denied the
accusations") are not events: they qualify the claim told before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from geomap.sentences import read_once_per_sentence

VERIFICATION = re.compile(r"\b(?:could not|cannot|can ?not|couldn[’']t|was unable to|were unable to|has not been able to"
                           r"|have not been able to)\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*"
                           r"|\bnot\s+(?:been\s+)?independently\s+(?:verified|confirmed)\b|\bunverified\b",
                           re.IGNORECASE)
DENIAL = re.compile(r"\b(?:denied|denies|deny|rejected|rejects|refuted|refutes|dismissed)\s+(?:the\s+|these\s+"
                     r"|those\s+|such\s+|all\s+|any\s+)?(?:\w+\s+)?(?:accusations?|allegations?|claims?|reports?"
                     r"|charges?|figures?|tolls?|account)\b"
                     # "denied the attack", "denies any strike on the town": the event it is said to have done; not
                     # what the event was ("denied the attack was racially motivated" grants the attack)
                     r"|\b(?:denied|denies|deny)\s+(?:the|this|that|any|an?)\s+(?:\w+\s+)?(?:attacks?|strikes?|shelling"
                     r"|bombings?|bombardment|raids?|killings?|massacres?|assault|ambush)\b(?!\s+(?:was|were|is|are)\s+"
                     r"(?:\w+ly\s+)?(?:motivated|linked|connected|related|planned|premeditated|aimed|intended|deliberate"
                     r"|retaliation|revenge|an?\s|the\s))"
                     r"|\b(?:denied|denies)\s+(?:that|it|this|any|involvement|responsibility|having|being)\b"
                     r"|\b(?:denied|denies|deny)\s+(?:\w+ly\s+)?\w+ing\b",  # "denied carrying out the strike"
                     re.IGNORECASE)
# "..., a claim Kyiv denied": a denial inside the sentence that makes the claim.
INLINE_DENIAL = re.compile(r"\b(?:a claim|claims|an accusation|accusations|an allegation|allegations|a report|reports)"
                           r"\s+(?:that\s+|which\s+)?(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:has\s+|had\s+)?"
                           r"(?:denied|denies|rejected|rejects|dismissed|dismisses|disputed|disputes|refuted|refutes)\b")
COUNTER_CLAIM = re.compile(r"\b(?:countered|blamed|retorted|in turn|instead said|on the contrary|said it was the)\b",
                      re.IGNORECASE)

# Verbs that attribute what a sentence tells to a speaker (also how `geomap.events.casualties` tells a speaker from a
# victim listed after a count: "killed six policemen, two officials said").
SPEECH_VERB = (r"(?:said|says|say|told|tells|tweeted|claimed|claims|claim|accused|accuses|alleged|alleges|reported"
                r"|reports|stated|states|announced|announces|added|adds|insisted|wrote|posted|denied|denies|confirmed"
                r"|confirms|warned|warns|vowed|vows|urged|urges|called|calls|condemned|condemns|dismissed|asked"
                r"|stressed|pledged|dubbed|noted|argued|charged)")
_SUBJECT_VERB = re.compile(rf"\b(?:(?:has|have|had|also|both|previously|reportedly|later|earlier|then)\s+)*"
                           rf"(?P<verb>{SPEECH_VERB})\b")
_TRAILING = re.compile(rf",\s*(?P<who>[^,“”\"]{{2,80}}?)\s+(?:{SPEECH_VERB})(?:\s+(?:reporters|journalists|"
                       rf"on \w+|in a statement|[A-Z][\w’']+))?\s*[.!]?\s*$")
_INVERTED = re.compile(rf"[”\"’]\s*,?\s*(?:{SPEECH_VERB})\s+(?P<who>[A-Z][^,.;:]{{1,80}}?)(?=\s+(?:after|before|in|on"
                       rf"|during|at|while|when|as|to|who|that|urging|adding|referring)\b|[,.;:]|$)")
# ", a doctors' group said, as fighting ...": an attribution in the middle of a sentence.
_MIDDLE = re.compile(rf",\s*(?P<who>[^,“”\"]{{2,60}}?)\s+(?:{SPEECH_VERB})\s*,\s+(?:as|while|after|and|but|adding|saying|with)\b")
# Speakers headlines and wires name in lower case: "health ministry says", "doctors say", "a military source said".
_AGENT = re.compile(r"\b(?:ministry|ministries|officials?|police|army|military|groups?|agencies|organi[sz]ations?|analysts"
                    r"|experts|diplomats|aid workers|rescuers|rescue workers|paramedics|doctors|medics|residents|witnesses"
                    r"|sources?|coalition|rebels|monitor|agency|media|government|governor|spokes\w+|authorities|survivors"
                    r"|activists|observers|monitors|mission|council|command|forces|hospital|reports?|eyewitness\w*|locals"
                    r"|mayor|commander|minister|president|ngo|charity|un|report|radio|television|tv|broadcaster|newspaper)$", re.IGNORECASE)
_NOT_A_SPEAKER = re.compile(r"\d|\b(?:kills?|killed|hits?|strikes?|struck|attacks?|attacked|shell(?:ing|ed|s)|bombed"
                            r"|bombard(?:ed|s)|pounded|raided|stormed|wounded|injured|explosions?|blasts?|fighting|clashes)\b"
                            r"|^(?:a|an|the)\s+(?:claim|accusation|allegation|report)s?\b", re.IGNORECASE)
_WHERE_THEY_ARE = re.compile(r"\s+(?:in|of|from|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*$")
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;:]{2,80})")
PRONOUN = re.compile(r"^(?:he|she|it|they|the minister|the ministry|the official)$", re.IGNORECASE)
_ADVERBIAL = re.compile(r"^(?:earlier|later|on|in|at|meanwhile|however|also|then|separately|elsewhere|last|this|following"
                        r"|after|before|during|since|for (?:his|her|its|their) part|speaking|asked"
                        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_FINITE_VERB = re.compile(r"\s(?:is|are|was|were|has been|have been|seems?|appears?)\s", re.IGNORECASE)
_RELATIVE = re.compile(r"(?P<who>\b[Tt]he [\w’'-]+(?: [\w’'-]+){0,3}),\s*which\s+(?:has\s+|have\s+|had\s+)?$")
# "..., which local officials say killed 40", "..., where local radio said": the relative word is not who says it.
_RELATIVE_SPEAKER = re.compile(r"^\s*(?:which|who|where|when)\s+(?!ha[sd]\b|have\b|is\b|was\b|were\b|are\b)", re.IGNORECASE)
_LEADING_FILLER = re.compile(r"^(?:both|and|but|while|as|so|which|who|whom|where|when|the two sides'?\s*(?=$))\s+", re.IGNORECASE)
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


@read_once_per_sentence
def find_claimant(sentence: str) -> Optional[Claimant]:
    """Who the sentence attributes its content to ("X said", "according to X", "“...,” said X"), or None."""
    masked = _mask_quotes(sentence)
    match = _ACCORDING.search(masked)
    if match:
        return _claimant(sentence, match.start("who"), match.end("who"), "according to")
    match = _TRAILING.search(masked) or _MIDDLE.search(masked)
    if match and _plausible_subject(match["who"]):
        return _claimant(sentence, match.start("who"), match.end("who"), "said")
    match = _INVERTED.search(masked)
    if match:
        return _claimant(sentence, match.start("who"), match.end("who"), "said")
    for match in _SUBJECT_VERB.finditer(masked):
        before = masked[:match.start()]
        if _PASSIVE.search(before):  # "a ceasefire brokered by France was announced": what was said, not who said it
            agent = _PASSIVE_AGENT.match(masked, match.end())  # "... was announced by the army on Monday"
            if agent and _plausible_subject(agent["who"]):
                return _claimant(sentence, agent.start("who"), agent.end("who"), match["verb"])
            continue
        relative = _RELATIVE.search(before)
        if relative:  # "... from the rebel side, which has reported 240 fatalities"
            return _claimant(sentence, relative.start("who"), relative.end("who"), match["verb"])
        cut = max(before.rfind("”"), before.rfind('"'), before.rfind(":"), before.rfind(";"))
        left = cut + 1
        segments = [(m.start() + left, m.end() + left) for m in re.finditer(r"[^,]+", before[left:])]
        segments = [(a, b) for a, b in segments
                    if sentence[a:b].strip() and not _ADVERBIAL.search(sentence[a:b].strip())]
        if not segments:
            continue
        start, end = segments[0]
        if _FINITE_VERB.search(f" {sentence[start:end]} ") or _RELATIVE_SPEAKER.match(sentence[slice(*segments[-1])]):
            start, end = segments[-1]  # "Western powers are urging ..., but Cavusoglu instead said"; ", which X say"
        elif len(segments) > 1 and sentence[segments[1][0]:segments[1][1]].strip()[:1].islower() \
                and not re.match(r"(?:including|which|who|where|when|that)\b", sentence[slice(*segments[1])].strip()):
            end = segments[1][1]  # an apposition: "Hikmet Hajiyev, aide to President Aliyev"
        # the subject as read, else the words just before the verb: "Troops shelled the town overnight, local
        # officials said ...": the clause of the event first, its speaker after it
        nearest = segments[-1]
        if len(segments) > 2 and sentence[slice(*nearest)].strip()[:1].islower():
            nearest = (segments[-2][0], nearest[1])  # "..., Jean Bako, head of the prefecture council, told"
        for start, end in dict.fromkeys([(start, end), nearest]):
            candidate = _claimant(sentence, start, end, match["verb"])
            if candidate and _plausible_subject(candidate.name) and not _FINITE_VERB.search(f" {candidate.name} "):
                return candidate
    return None


# A speech verb in the passive ("was announced", "has been reported", "were said"): its subject is what was said.
_PASSIVE_AGENT = re.compile(r"\s+by\s+(?P<who>[^,.;:“”\"]{2,60}?)(?=\s+(?:on|in|at|late|early|after|before|during|when"
                            r"|that|to|as)\b|[,.;:]|$)")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+|also\s+|later\s+|first\s+)?$", re.IGNORECASE)


_RELATIVE_BEFORE_VERB = re.compile(r",\s+(?:which|who|whose|that)\b[^,;:“”\"]*,\s*$", re.IGNORECASE)
_RELATIVE_AFTER_NAME = re.compile(r",\s+(?:which|who|whose|that)\b.*$", re.IGNORECASE | re.DOTALL)
_MANNER = re.compile(r"(?:\s+(?:\w+ly|quickly|swiftly|again|firmly))+$", re.IGNORECASE)


_IN_RELATIVE = re.compile(r",\s+(?:which|who)\s+(?:\w+ly\s+|also\s+)?$", re.IGNORECASE)


def denial_in(sentence: str) -> Optional[re.Match]:
    """The denial a sentence makes (`DENIAL`, outside quotes), not one a relative clause tells of someone as background
    ("The UAE, which denies arming the RSF, has hosted talks"); None when it makes none."""
    masked = _mask_quotes(sentence)
    return next((m for m in DENIAL.finditer(masked) if not _IN_RELATIVE.search(masked[:m.start()])), None)


def find_denier(sentence: str) -> str:
    """Who a denial names as denying: the subject of "denied" or "rejected the accusation" ("Russia's defence
    ministry rejected the accusation and said ..."), "" when the sentence denies nothing or names no one."""
    match = denial_in(sentence)
    if match is None:
        return ""
    masked = _mask_quotes(sentence)
    # "The RSF, which seized Nyala last year, denied ...": the subject stands before its relative clause
    before = _RELATIVE_BEFORE_VERB.sub(lambda m: " " * len(m.group(0)), masked[:match.start()])
    cut = max(before.rfind(mark) for mark in ",;:”\"")
    found = _claimant(sentence, cut + 1, match.start(), "denied")
    if found is None:
        return ""
    name = _MANNER.sub("", _AUXILIARIES.sub("", found.name)).strip()
    name = re.sub(r"^(?:but|however|and|yet)\s+", "", name, flags=re.IGNORECASE)
    name = _RELATIVE_AFTER_NAME.sub("", name)
    return name if name and not PRONOUN.match(name) and _plausible_subject(name) else ""


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


_PERSONAL_PRONOUN = re.compile(r"^(?:he|she|it|they)$", re.IGNORECASE)
# How much of the story before a speaker word `speaker_meant` reads for the body it means (a few paragraphs): a bound
# keeps a long report linear, as each of its "the ministry says" would read the whole text before it.
SPEAKER_LOOKBACK_CHARS = 5000


def speaker_meant(anaphor: str, last_claimant: str, earlier: str) -> str:
    """Who a `PRONOUN` speaker is. "He", "they": the last speaker named. "The ministry": the last speaker who is a
    ministry, else the last ministry the story named before ("The interior ministry blamed ..."), else the words
    themselves: a hospital's medics quoted before are not "the ministry". `earlier`: the story before the sentence,
    its last `SPEAKER_LOOKBACK_CHARS` enough."""
    if _PERSONAL_PRONOUN.match(anaphor):
        return last_claimant or anaphor
    head = anaphor.split()[-1].lower()
    if re.search(rf"\b{head}\b", last_claimant, re.IGNORECASE):
        return last_claimant
    named = [m.group(0) for m in re.finditer(rf"\b[Tt]he\s+(?:[\w’'-]+\s+){{0,3}}?{head}\b", earlier, re.IGNORECASE)]
    return named[-1] if named else anaphor


def _plausible_subject(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 12 or _NOT_A_SPEAKER.search(name):
        return False  # "Israeli strike on Rafah home kills 13": a headline's event, not its speaker
    first = words[0]
    if words[-1].lower() in ("the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "by", "that"):
        return False  # "Most of the [confirmed deaths]": an adjective, not a speech verb
    if PRONOUN.match(name.strip()):
        return True
    # "authorities in Mexico City", "officials of the province": the agent word before where they are
    agent = _WHERE_THEY_ARE.sub("", name.strip(" '’"))
    return first[:1].isupper() or first.lower() in ("the", "an", "a") or bool(_AGENT.search(agent))


__all__ = ["COUNTER_CLAIM", "Claimant", "DENIAL", "INLINE_DENIAL", "PRONOUN", "SPEAKER_LOOKBACK_CHARS", "SPEECH_VERB",
           "VERIFICATION", "denial_in", "find_claimant", "find_denier", "speaker_meant"]
