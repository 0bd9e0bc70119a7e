"""The event types: geomap's small taxonomy and where each sits in ACLED's scheme.

| geomap type         | ACLED event type            | ACLED sub-event                      | told by |
|---------------------|-----------------------------|--------------------------------------|---------|
| air_drone_strike    | Explosions/Remote violence  | Air/drone strike                     | air strike, air raid, warplanes, drones |
| missile_strike      | Explosions/Remote violence  | Shelling/artillery/missile attack    | missiles, rockets |
| shelling            | Explosions/Remote violence  | Shelling/artillery/missile attack    | shelling, artillery, mortars, bombardment |
| bombing             | Explosions/Remote violence  | Remote explosive/landmine/IED        | a bomb, blast, explosion, IED, suicide bomber, car bomb |
| attack_on_civilians | Violence against civilians  | Attack                               | massacres, gunmen killing villagers, raids on homes, executions |
| armed_clash         | Battles                     | Armed clash                          | fighting, clashes, an assault on a base, an ambush |
| territory_change    | Strategic developments      | Change to group/activity             | a town captured, retaken, overrun, abandoned |
| blockade            | Strategic developments      | Other                                | a blockade imposed, tightened or lifted; a siege lifted or ended |
| casualty_toll       | (none)                      |                                      | a count of dead or wounded over a period ("6,000 deaths since 2013") |
| ceasefire           | Strategic developments      | Agreement                            | a ceasefire or truce agreed, in force or broken |
| talks               | Strategic developments      | Other                                | talks, negotiations, meetings |
| statement           | (none)                      |                                      | an accusation, condemnation, call, threat, denial |

The first six are violence: they are drawn as markers. A town besieged in battle ("rebels laid siege to
the town") is a clash; a blockade or siege declared, imposed or lifted, a strategic move, as ACLED codes
it. A capture of a town is told apart from the fighting for it: "heavy fighting as the rebels took the town" is a clash, "took the
town after heavy fighting" or "announced they had captured the town" a change of control,
and a battle again when the report tells of deaths in it ("the fighting killed 12"). Statements and cumulative tolls are not events
in ACLED's sense (`acled_event_type` None); they stay in the store so an analyst can follow
who said what, and a filter on `acled_event_type` leaves them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True, slots=True)
class EventType:
    """One geomap event type and where it sits in ACLED's scheme (None: ACLED does not code it)."""

    name: str
    acled_event_type: Optional[str]
    acled_sub_event_type: Optional[str]
    description: str
    violent: bool = False


EVENT_TYPES: dict[str, EventType] = {t.name: t for t in (
    EventType("air_drone_strike", "Explosions/Remote violence", "Air/drone strike", "air strike, drone strike",
              violent=True),
    EventType("missile_strike", "Explosions/Remote violence", "Shelling/artillery/missile attack",
              "missile or rocket strike", violent=True),
    EventType("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling, artillery",
              violent=True),
    EventType("bombing", "Explosions/Remote violence", "Remote explosive/landmine/IED",
              "a bomb, IED, suicide or car bombing", violent=True),
    EventType("attack_on_civilians", "Violence against civilians", "Attack",
              "civilians, villages, homes or hospitals attacked", violent=True),
    EventType("armed_clash", "Battles", "Armed clash", "fighting between armed forces", violent=True),
    EventType("territory_change", "Strategic developments", "Change to group/activity",
              "a place captured, retaken or abandoned"),
    EventType("blockade", "Strategic developments", "Other", "a siege or blockade imposed, tightened or lifted"),
    EventType("casualty_toll", None, None, "a count of dead or wounded over a period"),
    EventType("ceasefire", "Strategic developments", "Agreement", "a ceasefire or truce agreed, in force or broken"),
    EventType("talks", "Strategic developments", "Other", "talks, negotiations, meetings between parties"),
    EventType("statement", None, None, "an accusation, condemnation, call, threat or other statement"),
)}

VIOLENT_TYPES = frozenset(name for name, kind in EVENT_TYPES.items() if kind.violent)
REMOTE_VIOLENCE = frozenset({"air_drone_strike", "missile_strike", "shelling", "bombing"})

# Which type names an event told in several ways: the most specific telling wins ("an air strike"
# over "the attack"), a killing of civilians over a clash, violence over a change of control, a truce or talks over the
# blockade they are about.
TYPE_PRIORITY = ("air_drone_strike", "missile_strike", "bombing", "shelling", "attack_on_civilians", "armed_clash",
                 "territory_change", "casualty_toll", "ceasefire", "talks", "blockade", "statement")


def more_specific(a: str, b: str) -> str:
    """The more specific of two event types (see TYPE_PRIORITY)."""
    return a if TYPE_PRIORITY.index(a) <= TYPE_PRIORITY.index(b) else b


def compatible(a: str, b: str) -> bool:
    """Whether two tellings can be one event: both violent, or the same type (a town changing hands is told
    apart from the fighting for it)."""
    return a == b or (a in VIOLENT_TYPES and b in VIOLENT_TYPES)


__all__ = ["EVENT_TYPES", "EventType", "REMOTE_VIOLENCE", "TYPE_PRIORITY", "VIOLENT_TYPES", "compatible",
           "more_specific"]
