"""Event mentions: what kind of event a sentence tells of, if any, and how it tells it.

A sentence is read in named steps, each a table of (pattern, meaning) rather than a chain of
branches, so the rules read as a spec:

1. Words that look like events but are not are blanked first (`NOT_EVENTS`: "missile defence
   system", "air-raid sirens", "heart attack", "strike a deal").
2. Event words (`EVENT_WORDS`) name candidate types: "air strike" and "drone" an air or drone
   strike, "rocket" a missile strike, "artillery" shelling, "car bomb" a bombing, "massacre"
   an attack on civilians, "fighting" or "ambush" a clash, "captured" a change of control. A
   bare "bombed" is an air strike only with aircraft in the sentence. The most specific type
   wins (`geomap.events.taxonomy.TYPE_PRIORITY`); who was hit decides between an attack on
   civilians and a clash (`CIVILIAN_TARGETS`, `MILITARY_TARGETS`); a capture told with fighting
   is a clash ("heavy fighting as the rebels took the town"), unless the fighting is only its
   circumstance ("took control of the town after launching an attack", "pulled out after
   intense fighting"); a capture told with deaths is a clash ("seized the town, killing 20").
3. A killing with no event word ("At least 16 soldiers were killed") is still violence: a
   clash when the dead are fighters, else an attack on civilians; counted over a period
   ("6,000 deaths since 2013", `CUMULATIVE`; a running total, "By evening 11 had been killed", wherever
   the sentence places it, `RUNNING_TOTAL`), or in thousands ("More than 7,000 killed in battle for
   Aleppo", `CAMPAIGN_TOLL`), it is a casualty toll. Deaths by accident (a stampede, a road crash, a
   fuel tanker that exploded, `_ACCIDENT`) are no event, unless another word says someone struck; a
   shell or mine a war left behind, set off by chance, is a remote explosive (`_LEFTOVER_EXPLOSIVE`).
4. What is not an event of its own (`NOT_HAPPENED`): a call, threat, plan or fear ("urged a
   halt to the shelling", "could attack"), a negation ("no attack has killed more"), a habit
   ("trade fire almost every day"), a general accusation with no place or time ("accused
   the army of targeting civilians"). These are statements: records of who said what, never
   violence.
5. How it refers: a definite mention of an event told before ("the attack", "the strike",
   `REFERS_BACK`) joins that event rather than starting one, and a reaction to it ("the EU
   condemned the attack in Brussels", `REACTION`) joins it without its places, which are where
   the reaction was made; "separately", "another",
   "earlier" (`NEW_EVENT`) start a new one; a clause dated to an earlier year is background
   (history, kept with its own date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from geomap.dates import MONTH_NAMES, WEEKDAY_NAMES, names_a_time
from geomap.events.casualties import ARMED_PEOPLE, CIVILIAN_PEOPLE, Casualties
from geomap.events.places import WITNESS_WORDS
from geomap.events.taxonomy import TYPE_PRIORITY, VIOLENT_TYPES
from geomap.sentences import read_once_per_sentence

_I = re.IGNORECASE

NOT_EVENTS = re.compile(
    r"\b(?:missile|air|aerial|rocket)[- ](?:defen[cs]es?|shields?|systems?|alerts?)\b|\bS-\d{3}\b|\bIron Domes?\b"
    r"|\bair[- ]raid (?:sirens?|alerts?|warnings?|shelters?)\b|\bsirens?\b|\b(?:heart|panic|cyber|asthma) attacks?\b"
    r"|\b(?:hunger|general|labou?r) strikes?\b|\bstrike (?:a|the) (?:deal|balance|chord)\b|\bshell compan\w+"
    r"|\bfight(?:ing)? (?:against )?(?:corruption|poverty|disease|covid|inflation|climate)\b|\bbattle(?:d)? (?:for votes|with "
    r"(?:cancer|illness))\b|(?<!down a )(?<!down an )(?<!down the )(?<!downed a )(?<!downed an )(?<!downed the )(?:\bfighter jets?\b"
    r"(?![^.;]{0,60}\b(?:hit|struck|bombed|pounded|strafed|raided|targeted)\b)|\battack helicopters?\b)(?!\s+(?:was|were|had been"
    r"|has been|have been) (?:shot|brought) down)|\bmissile (?:program|programme|tests?)\b"
    r"|\b(?:flew|flown|flying|fly|flies|sent|spotted|sighted)\s+(?:an?\s+|\w+\s+){0,2}?(?:surveillance\s+|reconnaissance\s+)?"
    r"(?:drones?|UAVs?)(?=\s+(?:over|above|near|along)\b)|\b(?:surveillance|reconnaissance|spy) (?:drones?|UAVs?|flights?)\b"
    r"|\bdrone (?:footage|video|images?)\b|\bcaptur(?:ed|es|ing) (?:the (?:sound|moment|scene)|(?:on )?(?:video|camera|film)"
    r"|footage|images?)\b|\bmine(?:s|rals?)? (?:of|for) (?:gold|copper|coal|cobalt)\b"
    r"|\b(?:gold|copper|coal|cobalt|diamond) mines?\b|\bfire(?:fighters?| brigade| service)\b"
    r"|\b(?:most|more|very|particularly|especially|equally|as)\s+striking\b"
    r"|\bstriking (?:gains?|examples?|contrast|similarit\w+|features?|images?|resemblance|success\w*|victor\w+)\b"
    r"|\b(?:movie|film|video|footage|scenes?|photos?|pictures?|episodes?|series|documentary|commercial|portraits?"
    r"|photo ?shoot|campaign|cover|advert\w*|ads?)\s+(?:was|were"
    r"|had been|has been|have been)\s+shot\b|\bshot (?:on|in) (?:location|film|camera|video|black and white)\b"
    # weather that pounds a place, named or not: "Hurricane Milton pounded Florida", "heavy snow pounded Denver"
    r"|\b(?:hurricanes?|typhoons?|cyclones?|storms?|snow(?:fall)?|blizzards?|rain(?:s|fall)?|downpours?|hail|winds?|gales?"
    r"|waves|surf|swells?|tornado(?:e?s)?|floods?|floodwaters)(?:,?\s+(?-i:[A-Z])[\w'-]*){0,2},?"
    r"(?:\s+(?:has|have|had|was|were|kept|continued))?\s+pound(?:s|ed|ing)\b"
    # a team that pounds or torches another by a score, or its pitching: "The Rangers torched the Bruins 7-1"
    r"|\b(?:pound|torch)(?:s|es|ed|ing)?\s+(?:the\s+)?(?:(?-i:[A-Z])[\w.'-]*\s+){1,3}(?:\d{1,3}-\d{1,3}\b"
    r"|(?:pitching|pitchers?|bullpen|defen[cs]e|goalies?)\b)"
    # criticism: "the mayor came under fire for cutting library hours", "... over his remarks", "... from critics"
    r"|\bcame under (?:\w+ )?(?:fire|attack)\b(?=[^.;]{0,60}?\b(?:for (?!(?:the |a |an |several |two |three |\d+ )?(?:\w+ )?"
    r"(?:days?|hours?|weeks?|nights?|months?|minutes|time)\b)|over (?:his|her|their|its|a|an|allegations?|claims?|plans?"
    r"|remarks|comments|reports?|the (?:handling|decision|way|cost|plan|policy|response|use))\b|from (?:critics|lawmakers"
    r"|legislators|opponents|activists|unions|parents|voters|conservatives|liberals|Democrats|Republicans|the opposition"
    r"|rights groups)\b))",
    _I)

# Burning and looting, an attack on civilians when what burns is theirs (`_violence_kind`), and the words of a fight
# with two sides, a battle whoever died: each list is a trigger below and a test of who was hit.
_SET_ALIGHT_OR_LOOTED = r"set (?:fire|ablaze)|looted|plunder\w*"
_HARM_TO_PROPERTY = (r"torch(?:ed|ing)|(?<=[a-z] )(?<!\bthe )(?<!\ba )(?<!\bolympic )torch(?:es)?(?= (?:the |an? )?\w)"
                     rf"|{_SET_ALIGHT_OR_LOOTED}")
_TWO_SIDED = (r"fighting|fought|clash(?:es|ed)?|battl(?:es?|ed|ing)|gun ?fights?|firefights?|skirmish\w*"
              r"|exchang\w+ (?:of )?(?:heavy |intense |sporadic )?fire|traded? (?:heavy |intense |sporadic )?fire")

# Sabotage done by armed men ("carried out deep sabotage around X", "acts of sabotage", "sabotage raids"), not
# sabotage of talks or a peace effort, which is a charge, not an event, nor cyber sabotage or a "sabotage-themed" game.
_SABOTAGE = (r"\b(?:conduct\w*|carr(?:y|ied|ies|ying) out|commit\w*|stag(?:e|ed|es|ing)|launch\w*)\s+(?:an?\s+)?"
             r"(?:[\w\"“”'-]+\s+){0,2}?(?<!\bcyber )(?<!\bcyber-)sabotage\b(?!-)(?!\s+(?:of|against|on) (?:the )?(?:talks|peace|process|efforts?|ceasefire"
             r"|truce|negotiations|agreement|deal|elections?)\b)|\bacts? of sabotage\b(?!\s+against (?:the )?(?:talks|peace"
             r"|process|ceasefire|truce))|\bsabotage (?:attacks?|raids?|operations?)\b")

# "Troops storm Kherson": a headline tells what happened in the present tense. "storm" is a verb only with a subject
# before it and an object after it, and not weather ("a storm", "Tropical Storm Ida hits") nor a crowd of shoppers or
# fans rushing in ("Shoppers storm Walmart stores").
_NOT_STORMERS = ("a", "an", "the", "this", "that", "its", "tropical", "winter", "snow", "dust", "sand", "rain", "ice",
                 "perfect", "political", "media", "diplomatic", "major", "severe", "heavy", "big", "huge", "fresh", "new",
                 "fans", "shoppers", "buyers", "customers", "tourists", "investors")
_STORM_TARGETS = (r"parliament|police|embassy|base|barracks|town|city|village|prison|jail|palace|camp|headquarters"
                  r"|building|compound|station|airport|port|checkpoint|post|positions|offices?|mosque|church|hospital"
                  r"|hotel|school|court|capitol|presidential|government|army|military|rebel|enemy|militant|insurgent")
_STORM_VERB = ("(?<=[a-z] )" + "".join(rf"(?<!\b{word} )" for word in _NOT_STORMERS)
               + rf"(?-i:storms?)(?= (?:the |an? )?(?:(?-i:[A-Z])|(?:{_STORM_TARGETS})\b))")
# "Rebels laid siege to the town", "troops besieged Mweso"; not "the besieged city", where aid may arrive.
_SIEGE = (r"\b(?:laid|lay|lays|laying) siege to\b|(?<!\bthe )(?<!\ba )(?<!\bof )(?<!\bin )\bbesieg(?:ed|ing)"
          r"(?= (?:the |an? )?(?:(?-i:[A-Z])|\w+-held\b|rebel|army|town|city|village|camp|base|garrison))")
# A manned aircraft shot down is a fight between who fired and who flew it ("Rebels shot down an army helicopter");
# a drone or missile stopped in the air is an interception (`_intercepted`), no clash.
_AIRCRAFT_DOWNED = (r"\b(?:sho(?:t|ots?|oting)|br(?:ought|ings?|inging)) down\s+(?:an?\s+|the\s+|two\s+|three\s+|\d+\s+)?"
                    r"(?:[\w-]+\s+){0,2}?(?:helicopters?|warplanes?|(?:fighter\s+)?jets?|planes?|aircraft|gunships?)\b"
                    r"|\bdown(?:ed|s|ing)\s+(?:an?\s+|the\s+|two\s+|three\s+|\d+\s+)?(?:[\w-]+\s+){0,2}?"
                    r"(?:helicopters?|warplanes?|(?:fighter\s+)?jets?|planes?|aircraft|gunships?)\b"
                    r"|\b(?:helicopters?|warplanes?|jets?|planes?|aircraft|gunships?)\s+(?:was|were|had been|has been|have been)"
                    r"\s+(?:shot|brought) down\b")

# "tortured" told of a history, a relationship or a soul, or of a mind "tortured by doubts", hurt no one: "the
# city's tortured history with the river".
_NOT_TORTURE = (r"(?!\s+(?:history|relationship|relations|past|soul|souls|logic|prose|syntax|process|path|negotiations"
                r"|reasoning|artist|genius|existence|journey)\b)(?!\s+by\s+(?:doubts?|guilt|memories|thoughts|fears?"
                r"|questions|regrets?|injur\w+|indecision|grief)\b)")
# Only people are taken hostage: "Republicans took the debt ceiling hostage" holds a budget, not people.
_NOT_HOSTAGES = (r"(?!(?:budget|debt|ceiling|economy|bill|process|agenda|government|negotiations|talks|legislation|vote"
                 r"|nomination|funding|programm?e?|reform|deal|country|nation|debate|policy|league|season)\b)")
# An incursion into a market, a business or a genre is no raid: "Apple's incursion into China's smartphone market".
_NOT_INCURSION = (r"(?!\s+(?:in)?to\s+(?:\w+\s+)?airspace\b)(?!\s+into\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){0,3}?"
                  r"(?:markets?|business|industry|sector|politics|music|jazz|genre|fashion|retail|television|film"
                  r"|streaming)\b)")

# (type, words): the event words of each type, most specific types first.
EVENT_WORDS: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(pattern, _I)) for name, pattern in (
    ("air_drone_strike", r"\bair ?[- ]?strikes?\b|\bair ?raids?\b|\baerial (?:bombardment|attacks?|strikes?|bombing)\b"
                         r"|\bwarplanes?\b|\b(?:war)?jets? (?:struck|hit|bombed|pounded|attacked)\b|\bdrones?\b|\bUAVs?\b"
                         r"|\b(?:jets?|aircraft|planes?|helicopters?)\b(?=[^.;]{0,60}\b(?:hit|struck|striking|bomb\w*"
                         r"|pound\w*|target\w*|fired|raid\w*)\b)|\bstriking\b|\bgunships?\b|\bbombing raids?\b|(?-i:\b[A-Z][\w.-]+) strikes?\b|\b(?:coalition|government|army|military)"
                         r" strikes?\b|\bstrikes? (?:on|against|in|near|hit|that|which|killed|targeted)\b"
                         r"|\ba strike\b|\bthe strikes?\b|\b(?:struck|hit|attacked|bombed|targeted|strafed) from the air\b"
                         r"|\b(?:a|another) (?:second|third|follow-up|further|fresh|double-tap|separate|similar|new|deadly"
                         r"|retaliatory|pre-?emptive|targeted|suspected) strike\b"),
    ("missile_strike", r"\bmissiles?\b|\brockets?\b|\bballistic\b|\bGrads?\b|\bKatyushas?\b|\bbarrages?\b"),
    ("bombing", r"\bsuicide (?:bomb\w*|attack\w*|vest)|\bcar[- ]bomb\w*|\b(?:roadside|truck|landmine|remote[- ]controlled)"
                r" bomb\w*|\bbomb (?:blast|attack|explosion)s?\b|\bblasts?\b|\bexplosions?\b|\bexploded\b|\bexplosives?\b"
                r"|\bIEDs?\b|\bimprovised explosive|\blandmines?\b|\bdetonat\w+|\bblew (?:himself|herself|themselves) up\b"
                r"|\b(?:threw|thrown|throwing|hurled|hurling|lobbed|lobbing|tossed|tossing|fired|launched)\s+(?:\w+\s+){0,2}?"
                r"grenades?\b|\bgrenades?\s+(?:attacks?|blasts?|explosions?|(?:was|were)\s+(?:thrown|hurled|lobbed|tossed)"
                r"|exploded|hit|struck|went off|landed)\b"
                r"|\bbomb(?:s|ed|ing|ings)?\b"),
    ("shelling", r"\bshell(?:ed|ing|s)\b|\bartillery\b|\bmortars?\b|\bbombard(?:ed|ing|ment|ments)\b|\bhowitzers?\b"
                 r"|(?-i:\b(?:a|an|one|the|artillery|mortar|tank|stray) shell\b)|\bshell (?:hit|struck|landed|exploded|fell|slammed)\b"
                 r"|\bheavy weapons\b|\btank fire\b|(?<!exchanged )(?<!traded )(?<!exchange of )\bheavy fire\b"
                 r"|\bpound(?:s|ed|ing)"
                 r"(?= (?:the )?(?:(?-i:[A-Z])|(?:\w+ )?(?:positions|targets|towns?|villages?|cit(?:y|ies)"
                 r"|areas?|districts?|neighbou?rhoods?)\b))"),
    ("attack_on_civilians", r"\bmassacr\w+|\bexecut(?:ed|ing|ions?)\b|\bput to death\b|\bslaughter\w*|\bbeheaded\b|\bburn(?:ed|t) alive\b"
                            rf"|\b(?:{_HARM_TO_PROPERTY})\b|\bkidnapp\w+|\babduct\w+|\blynch(?:ed|ing|ings)\b"
                            rf"|\btortur(?:ed|ing)\b{_NOT_TORTURE}"
                            rf"|\b(?:took|taken|taking|take|takes)\s+(?:{_NOT_HOSTAGES}\w+\s+){{0,3}}?hostages?\b|\bhostage-taking\b"
                            r"|\btarget(?:ed|ing|s)?\s+(?:(?!(?:base|camp|post|positions?|barracks|checkpoint|troops|soldiers)\b)"
                            r"[\w“”\"'’-]+\s+){0,4}?(?:civilians?|settlements?|residential|hospitals?"
                            r"|medical|schools?|homes|villages?|markets?)\b|\bshot dead\b|\bgunned down\b|\bshooting spree\b"),
    ("armed_clash", rf"\b(?:{_TWO_SIDED})\b|\bcombat\b|\boffensive\b"
                    r"|\bassault(?:s|ed)?\b|\battack(?:ed|s|ing|ers)?\b|\braid(?:s|ed)?\b|\bambush\w*|\bstorm(?:ed|ing)\b"
                    r"|\bopen(?:ed)? fire\b|\bfired (?:on|at|upon)\b|\bshot at\b"
                    rf"|\bhostilities\b|\bcounter-?attack\w*|\bincursions?\b{_NOT_INCURSION}"
                    r"|\brepel(?:led)?\b|\brepuls(?:ed|ing)\b|\bshootings?\b|\bgunmen\b|\bgunfire\b|\binsurgent attack"
                    rf"|{_STORM_VERB}|{_AIRCRAFT_DOWNED}|{_SIEGE}"
                    r"|\bcame under (?:\w+ )?(?:fire|attack)\b|\b(?:was|were|had been|has been|have been|got) shot\b(?! down)"
                    r"|\bdestroyed\b|\bforced to retreat\b|\bpushed back\b|\bfierce resistance\b"
                    r"|\b(?:was|were|had been|has been|have been) (?:hit|struck)\b"
                    rf"|{_SABOTAGE}"),
    ("territory_change", r"\bcaptur(?:ed?|es|ing)\b|\bseiz(?:ed?|es|ing|ure)\b|\btook (?:control|over)\b|\btaken (?:control|over)\b"
                         r"|\b(?:taken|took|overrun|entered) the (?:(?-i:[a-z])[\w-]* )?(?:town|city|village|base|camp|district|airport"
                         r"|port)\b"
                         r"|\btakes? (?:control|over)\b|\btook the (?:town|city|village|base|camp)\b|\boverr(?:an|uns?)\b"
                         # "took Kora from the militia": a named place taken from a side, not a person from a home
                         r"|\btook (?-i:[A-Z])[\w’'-]*(?: (?:[a-z]{1,3}-)?(?-i:[A-Z])[\w’'-]*){0,2} from\b"
                         r"(?! (?:his|her|their|its)\b)"
                         r"|\bretook\b|\bretaken\b|\brecaptur\w+|\bliberat(?:ed|es|ing|ion)\b|\bfell to\b|\bfall of\b"
                         r"|\bwithdr(?:ew|awn|aw)\b|\bpulled out\b|\bretreated\b|\bregained control\b|\bcontrol of\b"
                         r"|\bin (?:the )?hands of\b|\bunder (?:the )?control of\b"),
    # a blockade declared, imposed or lifted, or a siege lifted: a strategic move; a town besieged in battle is a clash
    ("blockade", r"\bblockad(?:e|es|ed|ing)\b|\b(?:lift(?:s|ed|ing)?|end(?:s|ed|ing)?|broke|break(?:s|ing)?|broken"
                 r"|impos(?:e|ed|es|ing)|tighten(?:s|ed|ing)?)\s+(?:the\s+|a\s+|its\s+|their\s+)?(?:[\w-]+\s+)?siege\b"
                 r"|\bsiege (?:was|has been|had been|is) (?:lifted|broken|ended|imposed|tightened)\b"),
    ("ceasefire", r"\bcease[- ]?fires?\b|\btruces?\b|\barmistice\b|\bcessation of hostilities\b|\bpeace (?:deal|agreement)\b"),
    ("talks", r"\btalks\b|\bnegotiat\w+|\bsummit\b|\bmeeting\b|\bmet with\b|\bphone call\b|\bmediat\w+"),
    ("statement", r"\baccus\w+|\bcondemn\w+|\bcall(?:s|ed|ing)? (?:on|for)\b|\burg\w+|\bvow\w*|\bwarn\w*|\bthreat\w*"
                  r"|\bdemand\w*|\bdenounc\w+|\bblam\w+|\bpledg\w+|\bwar crimes?\b|\bcrimes? against humanity\b"),
))
# Event words that say only that violence happened, not what kind: "the attack", "gunmen", "a raid". Of a sentence's
# words of one type the one that says more is its trigger ("described the attack as intense battles": battles).
GENERIC_TRIGGERS = re.compile(r"^(?:attack\w*|assault\w*|raid\w*|gunmen|gunfire|storm\w*|violence|operation"
                              r"|destroyed|shootings?|(?:was|were|had been|has been|have been) (?:hit|struck)"
                              r"|came under (?:\w+ )?(?:fire|attack)|incursions?|)$", _I)
# Armed men named by what they do, not an act: "gunmen" tells who, so beside a blockade or a place held it is no
# second event ("Gunmen have blockaded the town since May").
ATTACKERS = re.compile(r"\b(?:attackers|assailants|raiders|gunmen)\b", _I)
_AIRCRAFT = re.compile(r"\b(?:air ?craft|air force|warplanes?|jets?|planes?|helicopters?|aerial|air ?strikes?|air raids?)\b",
                       _I)
def mentions_aircraft(sentence: str) -> bool:
    """Whether a sentence tells of aircraft or air strikes: the bombs of a story that does are dropped from the air."""
    return bool(_AIRCRAFT.search(sentence))


_BARE_BOMB = re.compile(r"^bomb(?:s|ed|ing|ings)?$", _I)
_GENERIC_STRIKE = re.compile(r"(?:[\w.-]+ )?strikes?(?: \w+)?|an? strike|the strikes?", _I)

CIVILIAN_TARGETS = re.compile(
    rf"\b(?:{CIVILIAN_PEOPLE}|homes?|houses?|villages?|markets?|mosques?|church(?:es)?|hospitals?|schools?"
    r"|hotels?|buses|bus|displacement camp|camp for (?:the )?displaced|residential|neighbou?rhoods?|crowds?|people)\b", _I)
MILITARY_TARGETS = re.compile(
    r"\b(?:soldiers?|troops?|army|military|servicemen|forces?|police(?:men)?|officers?|base|barracks|garrison|checkpoints?"
    r"|convoys?|positions?|patrols?|outposts?|army post|military post|camp|fighters?|militants?|insurgents?|rebels?"
    r"|jihadists?|gangs?|gang members|militias?|militiamen|guards?|platoon|battalion|brigade|unit|units|depot|government"
    r" forces)\b", _I)
_FIGHTING = re.compile(r"\b(?:fighting|fought|clash\w*|battl\w+|combat|assault\w*|attack\w*|raid\w*|ambush\w*|storm\w*"
                       r"|gunfire|fire)\b", _I)

# "the toll from two weeks of clashes rose to 130", "three days of fighting have killed 40": the dead of days of
# fighting, however many events they fell in.
_DAYS_OF_FIGHTING = (r"\b(?:(?:several|many|a few|two|three|four|five|six|seven|ten|\d+)\s+(?:straight\s+)?(?:days|weeks|months)"
                     r"|a week|a month)\s+of\s+(?:heavy\s+|fierce\s+|intense\s+)?(?:fighting|clashes|combat|violence|battles?"
                     r"|hostilities|shelling|bombardment|air ?strikes)\b(?=[^.;]{0,80}\b(?:toll|killed|dead|deaths|died|lives)\b)"
                     r"|\b(?:toll|dead|deaths)\b[^.;]{0,30}\b(?:from|of|in|over)\s+(?:the\s+)?(?:several|many|a few|two|three|four"
                     r"|five|six|seven|ten|\d+)\s+(?:days|weeks|months)\s+of\b")
# The dead counted from the war's outbreak or up to an hour of the day, "since fighting erupted on Sunday", "By evening
# 11 had been killed": a running total of events told or untold, wherever the sentence places it.
RUNNING_TOTAL = re.compile(
    r"\bsince (?:the )?(?:fighting|war|clashes|conflict|hostilities|offensive|violence) (?:erupted|began|started|broke out)\b"
    r"|\bby (?:the end of (?:the )?(?:day|night|week)|(?:late |early )?(?:evening|nightfall|night|dusk|midday|noon"
    rf"|afternoon|morning)|(?:late )?(?:{WEEKDAY_NAMES})(?: (?:evening|night|morning))?|then|now)\b"
    r"[^.;]{0,120}\b(?:had|have|has) (?:been killed|died|lost their lives)\b"
    rf"|{_DAYS_OF_FIGHTING}", _I)
# Deaths counted over a period; "this year" or "last year" after a month or a day dates one event instead ("killed
# 30 villagers in June last year").
CUMULATIVE = re.compile(
    RUNNING_TOTAL.pattern + r"|\bsince (?:the )?(?:\w+ )?(?:19|20)\d\d\b|\bsince (?:the (?:start|beginning|outbreak)|it began|the war|the conflict"
    r"|the fighting|the offensive|fighting|hostilities|the crisis|then)\b|\ba total of\b|\bso far\b|\bto date\b"
    r"|\boverall\b|\bcumulative\b|(?<!earlier )(?<!\d )(?<!uary )(?<!March )(?<!April )(?<!May )(?<!June )(?<!July )"
    r"(?<!gust )(?<!mber )(?<!tober )\b(?:this|last|past) (?:year|month|decade)\b|\bin (?:the )?(?:past|last) \w+ (?:years|months"
    r"|weeks)\b|\bover the (?:past|last) \w+ (?:years|months|weeks)\b|\b\d+-year\b|\btens of thousands\b|\bwar that\b"
    r"|\bcrisis\b|\bin total\b|\bdeath toll\b.*\bsince\b|\bduring the (?:\w+ )?(?:war|conflict|battle|crisis|offensive)\b"
    r"|\bthroughout\b|\bin (?:the )?(?:\w+ )?(?:war|conflict)\b|\b(?:erupted|began|broke out|started) (?:on|in)\b"
    r"|\b(?:past|last|previous) (?:\d+|twenty-four) hours\b|\bacross (?:the )?(?:country|\w+ (?:Strip|region|province))\b"
    r"|\bacross [A-Z]\w+\b"
    r"|\b(?:hundreds|thousands|tens of thousands)\b[^.;]*\bhave (?:been killed|died|lost their lives)\b"
    r"|\bhave (?:been killed|died|lost their lives)\b[^.;]*\b(?:hundreds|thousands)\b", _I)

NOT_HAPPENED: tuple[tuple[str, re.Pattern], ...] = tuple((reason, re.compile(pattern, _I)) for reason, pattern in (
    ("future or hypothetical", r"\b(?:will|would|could|might|(?-i:may)|shall|going to|about to|due to|set to|expected to"
                               r"|likely to|plan(?:s|ned)? to|prepar\w+ (?:to|for)|intend\w* to|aim(?:s|ed)? to"
                               r"|threaten\w* to|vow\w* to|promis\w* to|pledg\w* to|if"
                               r"|(?:a )?date (?:has |had |was )?(?:been )?set for|set a date for"
                               r"|(?:gave|given|give) the go-ahead for)\b[^.;]{0,60}$"),
    # "urged a halt to the shelling"; not "air traffic was halted after the drone strike", which says what it did
    ("call", r"\b(?:call(?:s|ed|ing)? (?:on|for|to)|urg\w+|appeal\w*|demand\w*|push\w* for|press(?:ed|es|ing)?|ask(?:ed|s)?"
             r"|(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )halt(?:ed|ing)?|end to|stop|an end|prevent\w*|avoid\w*"
             r"|deter\w*|de-?escalat\w*|restraint|resolve|meant to|cease)\b[^.;]{0,60}$"),
    ("threat or promise", r"\b(?:vow\w*|pledg\w*|threat\w*|promis\w*|retaliat\w*|revenge|avenge\w*)\b[^.;]{0,80}$"),
    ("fear or risk", r"\b(?:fear\w*(?!\s+(?:swept|sweeps|gripped|grips|spread|spreads|seized|reigned|reigns)\b)|risk\w*|danger\w* of|threat of|spectre of|prospect of|possibility of|warn\w* (?:of|that"
                     r"|against))\b[^.;]{0,40}$"),
    ("negated", r"\b(?:no|not|never|neither|nor|without|n[o’']t|denied|denies|deny|ruled out)\b[^.;,]{0,40}$"),
    # "blamed many of the deaths on a store of explosives at the site": a side's account of a cause, not an explosion
    ("a cause blamed", r"\b(?:blam\w+|attribut\w+|put down)\b[^.;]{0,40}?\b(?:deaths?|dead|casualties|killings?|damage"
                       r"|destruction)\s+(?:on|to)\s+[^.;]{0,60}$"),
    # "thousands of villagers were forced out of their homes because of the shelling", "fled from heavy shelling":
    # what drove people out, not one event; not "militants who fled from X raided ...", "left the base and came
    # under fire from rebel mortars", where "from" names a place or who fired
    ("a cause of displacement", r"\b(?:fled|flee\w*|leave|left|leaving|displaced|uprooted|driven)\b[^.;]{0,60}"
                                r"\b(?:(?:as a result of|because of|owing to|amid)\s+(?:[\w-]+\s+){0,2}"
                                r"|from\s+(?:the\s+)?(?:(?:heavy|intense|constant|continued|relentless|renewed|daily)\s+)?)$"),
))
_CEASEFIRE_CALL = re.compile(r"\b(?:call\w*|urg\w+|appeal\w*|push\w*|press\w*|demand\w*|dismiss\w*|downplay\w*"
                             r"|reject\w*)\b(?:\s+[\w’'“”\"]+){0,6}?\s+(?:for\s+|to\s+)?(?:an?\s+|the\s+|\w+\s+)*?"
                             r"(?:cease[- ]?fires?|truces?|halt to (?:the )?fighting|cessation of hostilities)\b"
                             r"|\bno (?:hope|chance|prospect) of a (?:cease[- ]?fire|truce)\b", _I)
_HABIT = re.compile(r"\b(?:almost |nearly )?(?:every|each) (?:day|night|week)\b|\bdaily\b|\bregularly\b|\broutinely\b"
                    r"|\bkeeps? (?:on )?\w+ing\b|\bkept (?:on )?\w+ing\b|\bcontinues? to\b|\bgo(?:es)? on\b"
                    r"|\b(?:have|has) been (?:\w+ly )?(?:target|attack|shell|bomb|kill|strik|fight)\w*ing\b"
                    r"|\boften\b|\bfrequent(?:ly)?\b|\busually\b|\bcontinu\w+ to\b|\bfor (?:years|decades|months)\b"
                    r"|\bhas (?:long|been) \w+ing\b|\bhistory of\b|\brecord of\b|\bknown for\b|\bever since\b"
                    r"|\b(?:has|have) raged\b|\b(?:has|have) been under ?way\b|\bin recent (?:days|weeks|months|years)\b"
                    r"|\b(?:over|in|during) the (?:past|last) (?:\w+ )?(?:years?|months|decades?)\b"
                    r"|\b(?:has|have) (?:\w+ )?(?:surged|intensified|escalated|worsened|spread|grown)\b|\baccustomed to\b"
                    r"|\b(?:scores|dozens|hundreds|thousands|numerous|countless) of (?:\w+ )?(?:attacks|raids|strikes"
                    r"|assaults|bombings|ambushes)\b|\b(?:endless|constant|repeated|incessant|relentless|recurring|persistent"
                    r"|frequent|regular) (?:\w+ )?(?:attacks|raids|strikes|assaults|bombings|ambushes|killings|incursions)\b",
                    _I)
# Where the clause of an event word ends: a relative or concessive clause after it tells of something else ("fighting
# near the airport, which has not operated for years").
_CLAUSE_END = re.compile(r"[;:]|,\s*(?:which|who|whose|where|although|though|but)\b|\s[-—–]\s", _I)
_GENERAL_ACCUSATION = re.compile(
    r"\b(?:accus\w+|alleg\w+|blam\w+|charg\w+)\b[^.;]{0,40}\bof\b|\b(?:directly|deliberately|openly|systematically"
    r"|constantly|continuously|indiscriminately|repeatedly|routinely)\s+(?:\w+\s+)?$|\bby\s+$", _I)
_LABELLED = re.compile(r"\bwar crimes?\b|\bcrimes? against humanity\b|\bgenocide\b|\bterroris[mt]\b|\bfascism\b", _I)
# A length of time after the event word, in its clause: "has bombed villages for three years", "fought over the city
# for a decade" (before it, "a journalist detained for a year was shot dead", it tells of something else, as it does
# in a relative clause after it: "killed a judge who had served on the court for a decade").
_LASTED = re.compile(r"\bfor (?:the (?:past|last) )?(?:(?:a|two|three|four|five|six|several|many|\d+) )?"
                     r"(?:years?|decades?|months?)\b", _I)
_RELATIVE_PRONOUN = re.compile(r"\b(?:who|whom|whose|which)\b", _I)
# A fight told with a length of months or years is a campaign, not an event of one day: "the 9-month battle to free
# the city", "a years-long siege", "the two-year war".
_CAMPAIGN = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many)[- ](?:month|year|decade)s?"
    r"(?:[- ]long)?\s+$|\b(?:months|years|decades)[- ]long\s+$", _I)
_SUPERLATIVE = re.compile(r"\b(?:deadliest|worst|biggest|largest|most \w+|no (?:attack|assault|strike)s? (?:since|in))\b", _I)
# "saw some of the worst battles foreign troops fought", "faced some of their fiercest clashes there": a class of fights
# ranked (its event words, and the verb of its clause), not one event, wherever it is told, unless the sentence gives it a time ("some of the heaviest fighting was
# on Monday in X").
_SOME_OF_THE_MOST = re.compile(r"\bsome of (?:the|their|its|his|her|our) (?:\w+est|most \w+|worst)\b"
                               r"(?:[^,;:.]|(?<=\b[A-Z])\.){0,40}$", _I)  # "A.U. troops fought": no full stop

_DEFINITE = (r"\b(?:the|this|that|these|those|the latest|the recent|the same|Saturday's|Sunday's|Monday's|Tuesday's"
             r"|Wednesday's|Thursday's|Friday's|Saturday’s|Sunday’s|Monday’s|Tuesday’s|Wednesday’s|Thursday’s|Friday’s"
             r"|yesterday's|today's)\s+(?:(?!an?\s)\w+[- ]){0,2}?")  # "said that a missile ...": no demonstrative
_TOLD_EVENT = (r"(?:attacks?|strikes?|air ?strikes?|raids?|assaults?|shelling|shells|bombs?|bombing|blasts?|explosions?"
               r"|incident|massacre|killings?|ambush|offensive|violence|rockets?|missiles?|drones?|barrage|bombardment"
               r"|fighting|clashes|battle|operation|tragedy|carnage)")
# "killed in the shelling of a pagoda", "the bombing of two schools": a definite event whose object is told as new (an
# indefinite "of a ...") is a first telling, not a reference to an event told before.
_NEW_OBJECT = r"(?!\s+of\s+(?:an?|one|two|three|four|five|several|\d+)\s)"
REFERS_BACK = re.compile(_DEFINITE + r"(?:" + _TOLD_EVENT + r"|assailants|attackers|gunmen|militants|crowd|victims|dead"
                         r"|wounded)\b" + _NEW_OBJECT, _I)
_REFERS_TO_EVENT = re.compile(_DEFINITE + _TOLD_EVENT + r"\b" + _NEW_OBJECT, _I)  # the event itself, not who took part in it
# Sites an event hits that a later sentence names again ("the camp", "the market"): `geomap.events.extract` keeps the
# town each was told at.
FACILITY_NOUNS = r"camp|site|building|market|hospital|compound|base"
PLACE_ANAPHORA = re.compile(rf"\b(?:the|this|that) (?:city|town|village|area|district|neighbou?rhood|capital|scene"
                            rf"|{FACILITY_NOUNS}|(?:[\w-]+ )?airport)\b"
                            r"(?![- ](?:of|council|authorities|administration))", _I)
NEW_EVENT = re.compile(r"\b(?:separately|in a separate|in another|another (?:attack|strike|raid|incident|assault|blast)"
                       r"|renewed|fresh (?:attacks?|strikes?|shelling|fighting|clashes)|once again|a new (?:attack|strike|wave)"
                       r"|a second|elsewhere|meanwhile|also (?:struck|hit|attacked|shelled|bombed|killed)|earlier|previously"
                       r"|last (?:week|month|year)|in an earlier|last (?-i:January|February|March|April|May|June|July|August"
                       r"|September|October|November|December))\b", _I)
# A reaction to an event told before: "The EU condemned the attack in Brussels", "police confirmed the attack at a
# press conference". The sentence tells who reacted, and where, not where the event happened.
REACTION = re.compile(r"\b(?:condemn\w*|denounc\w*|deplor\w*|confirm\w*|describ\w*|mourn\w*|decr(?:y|ied|ies|ying)"
                      r"|investigat\w*|claim\w* responsibility for|took responsibility for|responsibility for)\s+"
                      r"(?:the|this|that|these|those|its|their|[A-Z]\w+day[’']s)\s+(?:[\w-]+\s+){0,2}?[\w-]+$", _I)
# "Local media had reported earlier in the day that ...": when it was said, not another event.
_SAID_EARLIER = re.compile(r"\b(?:said|reported|announced|told|stated|confirmed|wrote)\s+(?:\w+\s+)?(?:earlier|previously)\b", _I)
# "its fighters have controlled the town of X for over a year", "rebels have controlled X since March 2013": a place an armed
# side has held for a length of time, or since a time, was taken before it: a change of control the report recalls
# (background), dated by the time "since" names. Not control told with no start ("the government, which holds
# Tripoli"), nor talks, office or a record held, which are no places.
_HELD_PLACE_WORDS = (r"(?:the\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|district|province|region|area|base|airport|port"
                     r"|capital|territory|enclave|crossing)\b(?:\s+of\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})?"
                     r"|(?:parts|much|most|swathes|large parts|the rest) of\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?"
                     r"|(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})")
_HELD_FOR = (r"for\s+(?:more than\s+|over\s+|nearly\s+|almost\s+|about\s+|some\s+|the (?:past|last)\s+)?"
             r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|\d+)\s+)?(?:years?|months?|decades?)")
SINCE_WHEN = re.compile(rf"\bsince\s+((?:(?:early|late|mid-?)\s*)?(?:(?-i:{MONTH_NAMES})\s+)?(?:19|20)\d\d"
                        rf"|(?-i:{MONTH_NAMES})|(?:the\s+)?(?:start|beginning|outbreak) of [\w\s]{{1,30}}?)\b", _I)
HELD_PLACE = re.compile(rf"\b(?:has|have|had)\s+(?:(?:long|also|effectively|firmly)\s+)?(?:held|controlled|occupied"
                        rf"|been in control of|been holding|been occupying|been controlling)\s+{_HELD_PLACE_WORDS}\s+"
                        rf"(?:{_HELD_FOR}|{SINCE_WHEN.pattern[2:]})", _I)
_DECADES = re.compile(r"\b(?:in the (?:early |mid-?|late )?(?:19|20)\d0s|decades? ago|years ago|a decade|centur(?:y|ies))\b",
                      _I)


@dataclass(frozen=True, slots=True)
class EventMention:
    """How one sentence tells of an event: its type, the words that say so, and how it refers.

    `happened` is False for calls, threats, negations and general accusations (statements);
    `refers_back` for a definite mention of an event told before ("the attack"); `new_event`
    when the sentence marks a separate event ("separately", "another strike"); `background`
    for history (a clause dated to an earlier year); `casualties_only` when only a killing
    or a toll, no event word, says something happened.
    """

    event_type: str
    trigger: str
    start: int
    end: int
    happened: bool = True
    refers_back: bool = False
    new_event: bool = False
    background: bool = False
    casualties_only: bool = False
    place_anaphora: bool = False  # "the city", "the town": a place told before
    reason: str = ""
    reaction: bool = False  # "condemned the attack": a reaction to an event told before, where it was said
    fought: bool = False  # a capture told "after heavy fighting": a battle if the report tells of deaths in it
    answers: bool = False  # "troops answered the assault with a drone strike": a new event told against one before
    participants_only: bool = False  # refers back to who took part ("the militants"), not to the event ("the attack")
    held: bool = False  # "have held the city for a year": its capture, before the news, told by how long it was held

    @property
    def violent(self) -> bool:
        return self.happened and self.event_type in VIOLENT_TYPES


def _masked(sentence: str) -> str:
    return NOT_EVENTS.sub(lambda m: " " * len(m.group(0)), sentence)


# Rockets told beside guns ("artillery and rocket launchers shelled the town", "Grad rockets and mortar rounds") are
# rocket artillery, a shelling: a missile strike is told by a missile, ballistic or cruise one.
_ROCKET_ARTILLERY = re.compile(r"rockets?|Grads?|Katyushas?|barrages?", _I)


def _candidates(masked: str, sentence: str, *, air_war: bool = False) -> list[tuple[str, re.Match]]:
    found = [(name, match) for name, pattern in EVENT_WORDS for match in pattern.finditer(masked)]
    bare = [match for name, match in found if name == "bombing" and _BARE_BOMB.match(match.group(0))]
    # "the air force bombed the city", "a fighter jet dropped bombs"; and in a story of air strikes, "the town was bombed
    # as well", unless the sentence says what kind of bomb ("a bomb exploded at the market")
    aerial = bool(bare) and (bool(_AIRCRAFT.search(sentence)) or (air_war and not any(
        name == "bombing" and match not in bare for name, match in found)))
    if aerial:
        found = [("air_drone_strike" if match in bare else name, match) for name, match in found]
    if any(name == "shelling" for name, _ in found) and all(
            _ROCKET_ARTILLERY.fullmatch(match.group(0)) for name, match in found if name == "missile_strike"):
        found = [(name, match) for name, match in found if name != "missile_strike"]
    weapons = {name for name, match in found if name in ("missile_strike", "shelling", "bombing")}
    if weapons:  # "a missile strike on the city": the weapon says what kind of strike
        found = [(name, match) for name, match in found
                 if not (name == "air_drone_strike" and _GENERIC_STRIKE.fullmatch(match.group(0)))]
    return found


# People driven from their homes are not who was hit: "clashes broke out, forcing hundreds of families to flee"
# is a clash, "thousands of residents fled" tells where the violence sent them, not whom it struck.
_UPROOTED = r"civilians?|residents?|families|villagers|people"
_DISPLACED = re.compile(
    r"\b(?:forc|send|sent|driv|drove|prompt)\w*\s+(?:[\w,-]+\s+){0,6}?(?:to\s+)?(?:flee|fleeing|evacuate|abandon)\b"
    rf"|\b(?:displac|uproot)\w*\s+(?:[\w,-]+\s+){{0,5}}?(?:{_UPROOTED})\b"
    rf"|\b(?:[\w,-]+\s+){{0,4}}?(?:{_UPROOTED})\s+(?:have\s+|had\s+)?"
    r"(?:fled|been displaced|were displaced|had to flee)\b", _I)


def _one_or_a_list(words: str) -> str:
    """A pattern for one of `words` or a list of up to four: "residents", "residents and villagers", "survivors, locals".
    Bounded, so a search stays linear on a long run of such words."""
    return rf"(?:{words})(?:(?:\s*,\s*|,?\s+(?:and|or)\s+)(?:{words})){{0,3}}"


# Who tells of the event is not who was hit: "a soldier was shot dead at a checkpoint, residents and villagers said",
# "according to survivors", "doctors said": the witnesses of `geomap.events.places`, the victims' kin or any civilian;
# and who is told of it ("the minister told reporters").
_TOLD_THE_PRESS = r"\b(?:told|tells|telling|briefed|briefing|addressed|addressing)\s+(?:\w+\s+){0,2}?(?:reporters|journalists)\b"
_CIVILIAN_SPEAKERS = re.compile(
    rf"\b{_one_or_a_list(WITNESS_WORDS + '|relatives|' + CIVILIAN_PEOPLE)}\s+(?:{_TOLD_THE_PRESS}|said|say|says|told"
    rf"|reported|described|recalled)\b|\baccording to (?:\w+\s+){{0,3}}?{_one_or_a_list(WITNESS_WORDS + '|' + CIVILIAN_PEOPLE)}\b"
    rf"|{_TOLD_THE_PRESS}", _I)


def civilians_hit(text: str) -> Optional[re.Match]:
    """The civilians a text says were hit, leaving out those it only says fled or were driven out, and those who tell
    of it."""
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    return CIVILIAN_TARGETS.search(_CIVILIAN_SPEAKERS.sub(blank, _DISPLACED.sub(blank, text)))


# "set fire to two army vehicles" or "torched the police station" is part of a fight with the forces whose property
# it was, not an attack on civilians.
# a trigger of _HARM_TO_PROPERTY read alone, without the context its present tense "torch" asks for
_HARMS_PROPERTY = re.compile(rf"torch(?:ed|ing|es)?|{_SET_ALIGHT_OR_LOOTED}", _I)
_SHOT = re.compile(r"shot dead|gunned down", _I)  # "a soldier was shot dead at a checkpoint": who was shot decides


# What a verb of harm struck, when the sentence says it actively: its object runs to the first comma or preposition
# ("shot two nurses and looted the pharmacy", "stormed an army post near the village": the post, not the village).
_HARM_VERB = re.compile(
    r"\b(?:kill(?:ed|ing)|shot|shooting|wound(?:ed|ing)|injur(?:ed|ing)|abduct(?:ed|ing)|kidnapp(?:ed|ing)"
    r"|massacr(?:ed|ing)|execut(?:ed|ing)|burn(?:ed|t|ing)|torch(?:ed|ing)|loot(?:ed|ing)|raid(?:ed|ing)"
    r"|storm(?:ed|ing)|attack(?:ed|ing)|ambush(?:ed|ing)|target(?:ed|ing)|broke into|break(?:s|ing)? into|(?:forc(?:ed|ing)|made) (?:their|its) way into)\s+"
    r"(?P<object>(?:(?!(?:in|on|at|near|by|from|during|when|as|after|before|while|with|outside|inside|around|across"
    r"|over|into|for|to|who|which|that)\b)[\w'’-]+\s*){1,6})", _I)


# "killed 60 civilians as security forces fought militants" is a battle whoever died.
_FIGHT_OF_TWO_SIDES = re.compile(rf"\b(?:{_TWO_SIDED})\b", _I)
# Civilians killed in a fight between two sides ("two medics were killed in the fighting", "... as they carried the
# injured out of the combat area") died in that battle, which ACLED codes as the battle (`geomap.events.extract` joins
# such a telling to the fight the story tells where it is).
_BATTLE = re.compile(rf"\b(?:{_TWO_SIDED}|combat|hostilities)\b", _I)


def told_in_battle(sentence: str) -> bool:
    """Whether a sentence tells of a fight between two sides (above)."""
    return bool(_BATTLE.search(sentence))



def _struck(sentence: str) -> tuple[bool, bool]:
    """(whether the verbs of harm struck civilians, whether they struck an armed side), from their objects."""
    objects = [m.group("object") for m in _HARM_VERB.finditer(sentence)]
    return any(civilians_hit(o) for o in objects), any(MILITARY_TARGETS.search(o) for o in objects)


def _violence_kind(sentence: str, default: str) -> str:
    """Attack on civilians or clash, from who was hit: the civilians named and no armed side, or not. When the
    sentence names both and tells of no fight between two sides, the objects of its verbs of harm decide: "militia
    gunmen broke into a clinic and shot two nurses" hit civilians; the militia is who struck."""
    civilians = civilians_hit(sentence)
    military = MILITARY_TARGETS.search(sentence)
    if civilians and military and not _FIGHT_OF_TWO_SIDES.search(sentence):
        civilians, military = _struck(sentence)
        if not civilians and not military:
            return default
    if civilians and not military:
        return "attack_on_civilians"
    if military and not civilians:
        return "armed_clash"
    return default


# Deaths by accident are no political violence, which is all ACLED codes: a stampede, a crash, a boat capsized, a
# building collapsed, a fuel tanker or a gas cylinder that exploded. They tell no event unless a word of violence
# other than the explosion says someone struck ("a stampede as gunmen opened fire" is the shooting).
_ACCIDENT = re.compile(
    r"\bstampedes?\b|\bcrush(?:ed)? (?:at|in|during)\b|\b(?:road|traffic|car|bus|lorry|truck|train|rail|boat|ferry"
    r"|plane|air|helicopter|mining|industrial) (?:accident|crash|collision|derailment)s?\b|\bcollided\b|\bcollisions?\b"
    r"|\bderail(?:ed|ment)\b|\bcapsiz(?:ed|es|ing)\b|\b(?:boat|ferry|vessel|canoe) sank\b|\bdrown(?:ed|ing)\b"
    r"|\b(?:building|bridge|wall|roof|mine|dam) (?:collapsed|collapse)\b|\blandslides?\b|\bmudslides?\b"
    r"|\bflash floods?\b|\bstruck by lightning\b|\belectrocuted\b"
    r"|\b(?:fuel|oil|petrol|gas) (?:tanker|depot|cylinder|pipeline|station) (?:exploded|explosion|blast|fire|caught fire)\b"
    r"|\bgas (?:leak|explosion|cylinder)\b|\b(?:crashed|crash-landed) (?:into|on|near|shortly|after|in|while)\b", _I)
# Explosives a war left behind, set off by chance: ACLED codes their blasts as remote explosives ("Remote
# explosive/landmine/IED"), the one kind of accident that is a conflict event.
_LEFTOVER_EXPLOSIVE = re.compile(
    r"\bunexploded (?:[\w-]+ ){0,2}?(?:ordnance|shells?|bombs?|mortars?|rounds?|munitions?|devices?|grenades?|rockets?"
    r"|missiles?|projectiles?|explosives?|mines?|landmines?)\b|\bUXOs?\b|\b(?:explosive )?remnants? of war\b"
    r"|\b(?:left ?over|left behind|abandoned|old) (?:[\w-]+ ){0,2}?(?:ordnance|shells?|bombs?|mortars?|munitions?"
    r"|explosives?|landmines?)\b", _I)  # not "an old gold mine" or "an abandoned mine": a pit
# The explosion words an accident also uses (a tanker that exploded): no sign on their own that anyone struck.
_BLAST_WORDS = re.compile(r"(?:explosions?|exploded|blasts?|detonat\w+)", _I)
# A weapon is no accident's, but a leftover explosive's own ("an unexploded mortar bomb"): beside an accident's words
# it says someone struck ("a missile crashed into a block of flats", "a bomb hidden in a gas cylinder exploded").
_WEAPON_WORDS = re.compile(r"(?:bomb|bombs|shells?|mortars?|rockets?|missiles?|explosives?|landmines?)", _I)


def _by_accident(masked: str, sentence: str, violent: list[tuple[str, re.Match]]) -> Optional[EventMention]:
    """What a sentence telling of deaths by accident or by a leftover explosive is: a remote explosive event for the
    explosive (`_LEFTOVER_EXPLOSIVE`), no event (a "statement" that did not happen) for an accident (`_ACCIDENT`, read
    in the sentence as written, whose "gold mine" the masking blanks), or None when the sentence tells of no accident,
    or also of someone striking."""
    leftover = _LEFTOVER_EXPLOSIVE.search(masked)
    accident = _ACCIDENT.search(sentence) if leftover is None else None
    if leftover is None and accident is None:
        return None
    inside = (leftover or accident).span()
    if any(not (inside[0] <= match.start() < inside[1]) and not _BLAST_WORDS.fullmatch(match.group(0))
           and not (leftover is not None and _WEAPON_WORDS.fullmatch(match.group(0))) for _, match in violent):
        return None
    if leftover is not None:
        return EventMention("bombing", leftover.group(0), leftover.start(), leftover.end(),
                            reason="a leftover explosive set off")
    return EventMention("statement", accident.group(0), accident.start(), accident.end(), happened=False,
                        reason="an accident")


_ABBREVIATION_DOT = re.compile(r"(?<=\b[A-Z])\.")


def _not_happened(sentence: str, position: int) -> str:
    """Why the event word at `position` does not tell of an event that happened ("" when it does)."""
    clause = _ABBREVIATION_DOT.sub(" ", sentence[:position])  # "pressed the U.S.-led coalition to ...": one clause
    for reason, pattern in NOT_HAPPENED:
        if pattern.search(clause):
            return reason
    return ""


@read_once_per_sentence
def read_mention(sentence: str, *, casualties: Casualties = Casualties(), has_place: bool = False,
                 air_war: bool = False) -> Optional[EventMention]:
    """The event a sentence tells of (the steps in the module docstring), or None. `air_war`: the story told of
    aircraft before this sentence, so a bare "bombed" is an air strike."""
    masked = _masked(sentence)
    candidates = sorted(_candidates(masked, sentence, air_war=air_war),
                        key=lambda c: (TYPE_PRIORITY.index(c[0]), bool(GENERIC_TRIGGERS.match(c[1].group(0))),
                                       c[1].start()))
    violent = _without_backdrop(masked, [(name, match) for name, match in candidates
                                         if name in VIOLENT_TYPES or name == "territory_change"])
    accidental = _by_accident(masked, sentence, violent) if (violent or casualties) else None
    if accidental is not None:
        return accidental
    actors_only = all(ATTACKERS.fullmatch(match.group(0)) for _, match in violent)
    if violent and actors_only and not casualties and any(name == "blockade" for name, _ in candidates):
        violent = []  # "Gunmen blockaded the town": the blockade is the event, the gunmen who imposed it
    if not violent and casualties:
        return _casualty_mention(masked, casualties)
    held = HELD_PLACE.search(masked)
    # "gunmen" say who holds the place, unless the sentence counts dead: then they killed ("Gunmen who have held the
    # town since March killed five villagers on Sunday")
    if held and all(held.start() <= match.start() < held.end()
                    or (ATTACKERS.fullmatch(match.group(0)) and not casualties) for _, match in violent):
        return EventMention("territory_change", held.group(0), held.start(), held.end(), background=True, held=True,
                            reason="a place held since a time: taken before it")
    refers_back = bool(REFERS_BACK.search(masked))
    new_event = bool(NEW_EVENT.search(_SAID_EARLIER.sub("", masked)))
    background = bool(_DECADES.search(masked))
    ceasefire_call = _CEASEFIRE_CALL.search(masked)
    if ceasefire_call:
        return EventMention("statement", ceasefire_call.group(0), ceasefire_call.start(), ceasefire_call.end(),
                            happened=False, refers_back=refers_back, reason="a call for a ceasefire")
    told = len(violent)
    violent = _capture_first(masked, violent, casualties)
    circumstance = len(violent) < told
    fought = any(name in VIOLENT_TYPES for name, _ in violent)
    first_reason = ""
    for name, match in violent:
        if name == "territory_change" and fought:
            continue  # "heavy fighting as the rebels took the town": the fighting is the event
        reason = _why_not_an_event(masked, match, has_place=has_place)
        if reason:
            first_reason = first_reason or reason
            continue
        if name == "territory_change" and casualties.killed:
            name = "armed_clash"  # "seized the town, killing 20 soldiers": ACLED codes a capture with deaths a battle
        # a fight that names no side stays a fight whoever died in it: "heavy fighting killed six civilians" tells of
        # a battle, which ACLED codes with its civilian dead as its toll; with a side named, who was hit decides
        fight = name == "armed_clash" and _FIGHT_OF_TWO_SIDES.fullmatch(match.group(0)) \
            and not ARMED_PEOPLE.search(masked) and not MILITARY_TARGETS.search(masked)
        if (name == "armed_clash" and not fight) or (name == "attack_on_civilians" and (
                _HARMS_PROPERTY.fullmatch(match.group(0)) or _SHOT.fullmatch(match.group(0)))):
            name = _violence_kind(masked, name)
        if name in VIOLENT_TYPES and casualties.killed and ((CUMULATIVE.search(masked) and not has_place)
                                                          or RUNNING_TOTAL.search(masked) or _campaign_toll(casualties)):
            return EventMention("casualty_toll", match.group(0), match.start(), match.end(), background=background,
                                reason="a toll over a period")
        # up to an event word: "condemned the attack in Brussels and warned that the fighting would ..."
        reaction = any(REACTION.search(masked[:other.end()]) for _, other in violent if other.start() <= match.start())
        return EventMention(name, match.group(0), match.start(), match.end(), refers_back=refers_back or reaction,
                            new_event=new_event and not reaction, background=background,
                            place_anaphora=bool(PLACE_ANAPHORA.search(masked)), reaction=reaction,
                            fought=circumstance and name == "territory_change",
                            answers=not reaction and _answers(masked, match),
                            participants_only=refers_back and not reaction and not _REFERS_TO_EVENT.search(masked))
    killing = _KILLING.search(masked)
    if first_reason and casualties.killed and killing and not _not_happened(masked, killing.start()):
        # "two militants were killed as they prepared to bomb the station": the plan did not happen, the deaths did
        return _casualty_mention(masked, casualties)
    if first_reason and first_reason != "call":
        # "“The army directly targets civilians,” said the minister after meeting ...": the accusation is the point
        name, match = violent[0]
        return EventMention("statement", match.group(0), match.start(), match.end(), happened=False,
                            refers_back=refers_back, reason=first_reason)
    for name, match in candidates:
        if name == "blockade" and (_NOT_A_SIDES_BLOCKADE.search(masked, 0, match.start())
                                   or _NOT_A_SIDES_BLOCKADE.search(masked, match.end())):
            continue
        if name in ("ceasefire", "talks", "blockade", "statement"):
            reason = _not_happened(masked, match.start()) if name != "statement" else "said"
            if reason:
                return EventMention("statement", match.group(0), match.start(), match.end(), happened=False,
                                    refers_back=refers_back, reason=reason if name != "statement" else "")
            return EventMention(name, match.group(0), match.start(), match.end(), refers_back=refers_back,
                                background=background)
    if violent:
        name, match = violent[0]
        return EventMention("statement", match.group(0), match.start(), match.end(), happened=False,
                            refers_back=refers_back, reason=first_reason)
    return None


# A road blocked by a protest ("Protesters blockaded the highway", "farmers blockading the motorway") or a police
# stand-off ("police ended a siege at a bank where a gunman held hostages") is no armed side's strategic move.
_NOT_A_SIDES_BLOCKADE = re.compile(
    r"\b(?:protesters|demonstrators|activists|strikers|truckers|lorry drivers|farmers|students|workers|fishermen)\s+"
    r"(?:[\w-]+\s+){0,2}$|\bhostages?\b|\bbarricaded\b", _I)


_CLAUSE_OPENING = re.compile(r"^\W*$")
_INDEFINITE = re.compile(r"\b(?:an?|one|two|three|four|five|several|\d+)\s+(?:[\w-]+\s+){0,2}$", _I)
_DONE = re.compile(r"\w+ed\b|\b(?:fought|took|overran|retook|withdrew|hit|struck)\b", _I)
_NEXT_WORD = re.compile(r"\s*\w*")  # "artillery shelled the columns": the verb after the event word


def _answers(masked: str, match: re.Match) -> bool:
    """Whether the event word tells a new event against one the sentence refers back to as its object or its
    circumstance: "troops answered the assault with a drone strike", "after the raid, jets bombed the camp". A
    reference that opens the sentence is its subject and the event word says more of it ("The attack was carried
    out by a drone"); one that holds the event word is the event itself ("the drone strike"). The new event is
    told as one (a verb in it or after it, or "a"/"two" before it), not as gear ("both sides in the battle rely on heavy weapons")."""
    reference = _REFERS_TO_EVENT.search(masked)
    return reference is not None and reference.end() <= match.start() \
        and not _CLAUSE_OPENING.match(masked[:reference.start()]) \
        and bool(_DONE.search(masked[match.start():match.end()] + _NEXT_WORD.match(masked[match.end():]).group(0))
                 or _INDEFINITE.search(masked[:match.start()]))


_ADJUNCT = re.compile(r"\b(?:after|following|amid|despite|in the wake of)\b", _I)
# "stormed the town after days of artillery fire": a stretch of violence before the event is its backdrop, not its kind.
_BACKDROP = re.compile(r"\b(?:after|following|amid|in the wake of)\s+(?:(?:several|many|two|three|four|five|six|seven|\d+)\s+)?"
                       r"(?:days|weeks|months|hours|nights)\s+of\b[^,.;]*", _I)


def _without_backdrop(masked: str, violent: list[tuple[str, re.Match]]) -> list[tuple[str, re.Match]]:
    """The event words outside a backdrop of days or weeks of violence (`_BACKDROP`), when any are: "Government
    forces stormed the town after days of artillery fire" is a storming, not a shelling."""
    spans = [m.span() for m in _BACKDROP.finditer(masked)]
    outside = [(name, match) for name, match in violent if not any(a <= match.start() < b for a, b in spans)]
    return outside if outside and len(outside) < len(violent) else violent


def _capture_first(masked: str, violent: list[tuple[str, re.Match]], casualties: Casualties
                   ) -> list[tuple[str, re.Match]]:
    """A capture told with the fighting as its circumstance ("took control of the town after launching an attack",
    "pulled out after intense fighting") is a change of control; told with deaths, here or in a sentence that
    refers back to it ("the fighting killed 10 policemen", `geomap.events.extract`), it is a battle."""
    captures = [match for name, match in violent if name == "territory_change"]
    if not captures or casualties.killed:
        return violent
    return [(name, match) for name, match in violent if name == "territory_change" or not any(
        c.end() <= match.start() and _ADJUNCT.search(masked[c.end():match.start()]) for c in captures)]


def _campaign(masked: str, match: re.Match) -> bool:
    """Whether the event word is a fight given a length of months or years ("the 9-month battle")."""
    return bool(_CAMPAIGN.search(masked[max(0, match.start() - 30):match.start()]))


def _why_not_an_event(masked: str, match: re.Match, *, has_place: bool) -> str:
    """Why an event word does not tell of one event that happened ("" when it does)."""
    reason = _not_happened(masked, match.start())
    if not reason and _campaign(masked, match):
        reason = "a campaign over months or years"
    clause_end = _CLAUSE_END.search(masked, match.end())
    if not reason and _HABIT.search(masked, 0, clause_end.start() if clause_end else len(masked)):
        reason = "a habit, not one event"
    own_words = _ANOTHER_CLAUSE.split(masked[match.end():clause_end.start() if clause_end else len(masked)], 1)[0]
    if not reason and _LASTED.search(_RELATIVE_PRONOUN.split(own_words, 1)[0]):
        reason = "a habit, not one event"
    if not reason and (_DEFUSED.search(own_words) or _FOUND.match(own_words)):
        reason = "a bomb defused, not an explosion"
    if not reason and _CAMPAIGN_WORD.match(match.group(0)) and _UNDER_WAY.match(own_words):
        reason = "a campaign under way, not one event"
    if not reason and _intercepted(masked, match):
        reason = "an interception, not a strike"
    if not reason and _SOME_OF_THE_MOST.search(masked, 0, match.start()) and not names_a_time(masked):
        reason = "a comparison, not one event"
    if not reason and _SUPERLATIVE.search(masked) and not has_place:
        reason = "a comparison, not one event"
    accusation = _GENERAL_ACCUSATION.search(masked[:match.start()])
    if accusation and accusation.group(0).lower().startswith("by") and not match.group(0).lower().endswith("ing"):
        accusation = None  # "civilians killed by rockets" names the weapon; "dragging it into war by attacking" a way
    if not reason and accusation and not has_place:
        reason = "a general accusation"
    if not reason and _LABELLED.search(masked) and not has_place and not REFERS_BACK.search(masked):
        reason = "a general accusation"
    return reason


# "Air defences shot down two drones over X", "the missiles were intercepted": a weapon stopped in the air struck
# nothing at X (ACLED codes it apart, as disrupted weapons use). It is a strike after all when the sentence tells of
# harm ("debris fell on a house", "one got through and hit a depot", "two people were hurt").
_INTERCEPTED = re.compile(r"\b(?:intercept(?:ed|s|ing|ions?)?|shot down|shoots? down|shooting down|downed|brought down"
                          r"|thwarted|foiled|destroyed (?:in (?:the )?air|mid-?air))\b", _I)
_FAILED = re.compile(r"\b(?:fail(?:ed|s|ing)? to|could not|couldn[’']t|did not|didn[’']t|unable to|not|no)\s+(?:\w+\s+)?$", _I)
_HARM = re.compile(r"\b(?:debris|fragments?|wreckage|shrapnel|damag\w*|injur\w*|wound\w*|hurt|kill\w*|dead|died"
                   r"|fire broke out|caught fire|hit|struck|landed|impact\w*|exploded|casualt\w+)\b", _I)
_WEAPONS_THAT_FLY = frozenset({"air_drone_strike", "missile_strike"})


def _intercepted(masked: str, match: re.Match) -> bool:
    """Whether a drone, missile or rocket the sentence tells of was stopped in the air, harming no one (above)."""
    if not any(name in _WEAPONS_THAT_FLY and pattern.fullmatch(match.group(0)) for name, pattern in EVENT_WORDS):
        return False
    stopped = [m for m in _INTERCEPTED.finditer(masked) if not _FAILED.search(masked[:m.start()])]
    return bool(stopped) and not _HARM.search(masked)


# "the offensive on Mosul advances", "the campaign to retake the city entered its third week": a campaign going on.
_CAMPAIGN_WORD = re.compile(r"offensives?|campaigns?|push|operations?$", _I)
_UNDER_WAY = re.compile(r"(?:\s+(?:on|against|for|in|to \w+)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)?\s+(?:advances|advanced"
                        r"|advancing|continues|continued|grinds on|presses on|pressed on|gains ground|gained ground|moves ahead"
                        r"|enters|entered|nears|is under ?way|was under ?way|drags on|dragged on)\b", _I)
_ANOTHER_CLAUSE = re.compile(r",\s*(?:and|while|but|whereas)\b", _I)
# "An explosive device found on the highway was defused": a bomb that did not go off is no bombing.
_FOUND = re.compile(r"\W*(?:[\w-]+\s+){0,2}?(?:(?:was|were|had been|been)\s+)?(?:found|discovered|turned up|recovered"
                    r"|seized|uncovered)\b(?!\s+(?:its|their|a way)\b)", _I)  # "an explosive device discovered near the road", "a second explosive turned up"
_DEFUSED = re.compile(r"\b(?:defused|disarmed|deactivated|neutrali[sz]ed|made safe|dismantled by|safely detonated"
                      r"|detonated in a controlled)\b", _I)


_COUNTED_DEAD = re.compile(r"\b(?:deaths|fatalities|lives lost|death toll)\b", _I)
_KILLING = re.compile(r"\b(?:killed|killing|died|dead|shot|slain|massacred|executed|lost their lives)\b", _I)


CAMPAIGN_TOLL = 1000  # deaths that one sentence counts over a battle or a war, not in one event


def _campaign_toll(casualties: Casualties) -> bool:
    """Whether the dead are counted in thousands: "More than 7,000 killed in battle for Aleppo" sums up a campaign, and
    ACLED and UCDP code the events of a war, whose tolls are rarely this high, one by one."""
    return casualties.killed is not None and casualties.killed[0] >= CAMPAIGN_TOLL


def _casualty_mention(masked: str, casualties: Casualties) -> EventMention:
    background = bool(_DECADES.search(masked))
    if CUMULATIVE.search(masked) or (_COUNTED_DEAD.search(masked) and not _KILLING.search(masked)) \
            or _campaign_toll(casualties):
        return EventMention("casualty_toll", "", 0, 0, background=background, casualties_only=True,
                            reason="a toll over a period")
    # the dead counted as the attackers are fighters: "Forty of the assailants were killed" tells of a battle; so
    # do dead a figure counts as an armed side's, whoever else the sentence names ("police and civilian
    # self-defence patrols left nine suspected bandits dead in the hills")
    fighters_dead = casualties.killed_side in ("forces", "armed groups")
    kind = "armed_clash" if fighters_dead or (ATTACKERS.search(masked) and not civilians_hit(masked)) \
        else _violence_kind(masked, "attack_on_civilians")
    return EventMention(kind, "", 0, 0, refers_back=True, new_event=bool(NEW_EVENT.search(masked)),
                        background=background, casualties_only=True)


__all__ = ["ATTACKERS", "CIVILIAN_TARGETS", "CUMULATIVE", "HELD_PLACE", "SINCE_WHEN", "RUNNING_TOTAL", "EVENT_WORDS", "EventMention", "GENERIC_TRIGGERS", "MILITARY_TARGETS", "NEW_EVENT",
           "NOT_EVENTS", "NOT_HAPPENED", "PLACE_ANAPHORA", "REACTION", "REFERS_BACK", "mentions_aircraft", "read_mention",
           "told_in_battle"]
