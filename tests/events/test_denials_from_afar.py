"""A denial told a paragraph after the claim it answers still answers it, when the report makes clear which claim:
the one of the kind it names, the one that harmed civilians when it denies harming them, or the only claim there is.
Reports written for these tests about Myanmar and Yemen."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES

LASHIO = """Rebels say army shelled Lashio market

The Northern Alliance said on Sunday that army artillery shelled the central market in Lashio, killing eight civilians.
The market was crowded with shoppers at the time, the group said.
Thousands of residents have fled the town in recent weeks.
Aid agencies say food prices have tripled.
The United Nations called for restraint from all sides.
Schools in the area have been closed since October.
The military government denied shelling the market and said the rebels had staged the deaths.
"""

HAJJAH = """Houthis say air strike hit wedding in Hajjah

The Houthi health ministry said a coalition air strike hit a wedding party in Hajjah province on Tuesday, killing 14 people.
Photographs showed a tent torn apart and cars burned out.
Fuel shortages have slowed the delivery of aid to the province.
The port of Hodeidah remains under blockade.
Talks on a truce are due to resume next month in Muscat.
The coalition rejected the accusations and said it had struck a weapons depot.
"""

TWO_CLAIMS = """Both sides report attacks around Marib

Houthi media said a coalition air strike hit a market in Marib on Tuesday, killing six people.
Government forces said Houthi rockets struck a camp for displaced people near Marib city on Tuesday, killing three.
Fuel shortages have slowed the delivery of aid.
The port of Hodeidah remains under blockade.
Talks on a truce are due to resume next month.
The United Nations envoy called for calm.
A spokesman rejected the accusations.
"""


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES]


def test_a_denial_naming_the_kind_answers_the_claim_a_paragraph_before(read):
    [shelling] = _violent(read(LASHIO, "2023-11-20"))
    assert shelling.claimant == "The Northern Alliance" and shelling.denied_by == ("The military government",)


def test_a_denial_of_the_accusations_answers_the_only_claim_of_the_report(read):
    [strike] = _violent(read(HAJJAH, "2022-06-08"))
    assert strike.event_type == "air_drone_strike" and strike.denied_by == ("The coalition",)


def test_a_bare_denial_far_from_two_claims_answers_neither(read):
    assert all(not i.denied_by for i in _violent(read(TWO_CLAIMS, "2022-06-08")))


EL_FASHER = """Paramilitaries attack El Fasher hospital

The RSF attacked the last working hospital in El Fasher on Sunday, killing nine patients, the health ministry said.
The RSF, which seized Nyala last year, denied the attack.
"""

KHERSON = """Missile hits Kherson hospital

A missile hit the regional hospital in Kherson on Monday, killing three people, Ukrainian officials said.
Russia denied any strike on the hospital.
"""


def test_denying_the_attack_itself_is_a_denial_and_its_subject_stands_before_a_relative_clause(read):
    [attack] = _violent(read(EL_FASHER, "2024-06-10"))
    assert attack.denied_by == ("The RSF",)
    [strike] = _violent(read(KHERSON, "2024-06-11"))
    assert strike.denied_by == ("Russia",)


def test_a_denial_told_of_someone_in_a_relative_clause_denies_nothing_here(read):
    text = ("Drone strike kills five in Kassala\n\nA drone strike killed five people at a market in Kassala on Monday, "
            "the army said.\nThe UAE, which denies arming the RSF, called for calm.\n")
    [strike] = _violent(read(text, "2024-06-11"))
    assert strike.denied_by == ()
    text = ("Coalition strike hits Saada\n\nA coalition air strike killed seven people in Saada on Monday, the Houthis "
            "said.\nIran, which denies arming the Houthis, condemned the strike.\n")
    [strike] = _violent(read(text, "2024-06-11"))
    assert strike.denied_by == ()


def test_denying_what_an_attack_was_grants_the_attack(read):
    text = ("Gunmen attack mosque in Kano\n\nGunmen attacked a mosque in Kano on Friday, killing four worshippers, "
            "residents said.\nPolice denied the attack was religiously motivated.\n")
    [attack] = _violent(read(text, "2024-06-15"))
    assert attack.denied_by == ()
