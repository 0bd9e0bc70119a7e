"""Reports from wars the code was not written on (Sri Lanka, Kashmir, Chechnya, South Sudan, a border war in
south-east Asia): the shapes wire copy takes there, written for these tests about invented events. Each checks a
general rule: a running total is no new event, "a"/"an" before a person counts one, a definite site told again with
its place is the event told before, two sides exchanging fire is a clash, who tells of an event is not who was hit."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES
from geomap.events.casualties import find_casualties
from geomap.events.mentions import read_mention


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES]


def _surfaces(incident):
    return [m.surface for m in incident.places]


KASHMIR = """Border villages shelled in Kashmir; nine dead

SRINAGAR, Oct 4 - Indian and Pakistani troops exchanged heavy fire along the Line of Control on Wednesday, and a shell hit a house in Uri, killing a farmer, police said.

By nightfall at least seven villagers and two policemen had been killed, officials said, and 3,000 people from Kupwara and Baramulla had moved to relief camps.
"""


def test_a_running_total_by_nightfall_is_a_toll_not_an_attack_where_people_fled(read):
    incidents = read(KASHMIR, None)
    violent = _violent(incidents)
    places = sorted(p for i in violent for p in _surfaces(i))
    # the camps people moved to are no scene of violence, and the day's total is a toll of events told or untold
    assert "Kupwara" not in places and "Baramulla" not in places
    tolls = [i for i in incidents if i.event_type == "casualty_toll"]
    assert tolls and all("By nightfall" in s.sentence for t in tolls for s in t.sources)
    # the shell on Uri is a shelling with its one dead, apart from the clash along the line
    uri = [i for i in violent if "Uri" in _surfaces(i)]
    assert [i.event_type for i in uri] == ["shelling"] and (uri[0].killed_low, uri[0].killed_high) == (1, 1)
    assert any(i.event_type == "armed_clash" for i in violent)


def test_two_sides_exchanging_heavy_fire_is_a_clash_not_a_shelling():
    words = "Indian and Pakistani troops exchanged heavy fire along the Line of Control on Wednesday"
    assert read_mention(words, casualties=find_casualties(words)).event_type == "armed_clash"
    words = "Troops came under heavy fire near the bridge"
    assert read_mention(words, casualties=find_casualties(words)).event_type == "shelling"


def test_a_or_an_before_a_person_counts_one_and_never_a_weapon():
    assert find_casualties("an elderly woman was killed in the shelling of a temple").killed == (1, 1)
    assert find_casualties("a young shepherd died when the mine went off").killed == (1, 1)
    assert find_casualties("the shell landed on a house, killing a mother and her three children").killed == (4, 4)
    assert find_casualties("a car bomb killed the governor").killed is None
    assert find_casualties("a drone strike killed two fighters").killed == (2, 2)


def test_a_possessive_before_a_person_counts_one_as_a_does():
    # "her neighbour and his two sons": one, and the two after him
    figures = find_casualties("A shell struck a house in Balun on Friday, killing her neighbour and his two sons.")
    assert figures.killed == (3, 3) and figures.civilians_killed == (3, 3)
    assert find_casualties("Her brother was killed at the checkpoint, she said.").killed == (1, 1)
    assert find_casualties("He told her neighbour to leave before the shelling.").killed is None


def test_one_person_told_with_a_among_a_count_adds_one():
    mixed = find_casualties("Three soldiers and a teacher were killed when the convoy hit a mine.")
    assert mixed.killed == (4, 4) and mixed.civilians_killed == (1, 1)  # the teacher, a civilian by what she does
    assert find_casualties("Four villagers and a child were killed in the raid.").civilians_killed == (5, 5)


def test_one_person_told_with_a_before_a_count_adds_one_and_is_no_civilian_of_it():
    mixed = find_casualties("A soldier and two civilians were killed when shells hit the village of Avdiivka.")
    assert (mixed.killed, mixed.civilians_killed) == ((3, 3), (2, 2))
    listed = find_casualties("A policeman, a teacher and three children were killed in the blast in Mogadishu.")
    assert (listed.killed, listed.civilians_killed) == ((5, 5), (4, 4))  # the teacher and the three children
    assert find_casualties("An elderly woman and her two grandsons were killed in the raid on Kanbalu.").killed == (3, 3)
    assert find_casualties("A soldier and four villagers were wounded near Bamenda.").wounded == (5, 5)
    assert find_casualties("A drone and two missiles were shot down over the city.").killed is None


def test_counts_of_two_sides_summed_are_no_civilian_figure_beyond_the_civilians_own():
    assert find_casualties("Four militiamen and 15 civilians were killed in Djibo.").civilians_killed == (15, 15)
    assert find_casualties("The strike on Taiz killed 12 civilians and three soldiers.").civilians_killed == (12, 12)


def test_a_civilian_killed_with_their_family_makes_every_one_of_them_a_civilian():
    figures = find_casualties("the shell landed on a house, killing a farmer and his three sons")
    assert figures.killed == figures.civilians_killed == (4, 4)
    assert find_casualties("a sniper killed a commander near the bridge").civilians_killed is None


BORDER = """Jets strike border posts as fighting spreads

ARANYAPRATHET, Feb 9 - Government jets struck two rebel positions in Banteay Meanchey province on Sunday, the air force said.

The rebels said an old monk was killed in the shelling of a monastery in Banteay Meanchey. They denied targeting civilians.
"""


def test_the_shelling_of_a_monastery_is_told_as_new_not_folded_into_the_air_strike_before_it(read):
    violent = _violent(read(BORDER, None))
    kinds = sorted(i.event_type for i in violent)
    assert kinds == ["air_drone_strike", "shelling"]
    shelling = next(i for i in violent if i.event_type == "shelling")
    assert (shelling.killed_low, shelling.killed_high) == (1, 1) and "rebels" in shelling.claimant


LANKA = """Shells hit clinic in northern Sri Lanka, 30 killed

COLOMBO, March 9 (Newswire) - Artillery shells struck a crowded clinic in the north of Sri Lanka on Monday, killing 30 people, an aid worker said.

The clinic at Mullaitivu, on the lagoon, was hit three times before noon, the aid worker said.
"""


def test_the_site_told_again_with_its_town_is_the_strike_told_before_at_that_town(read):
    violent = _violent(read(LANKA, "2009-03-10"))
    assert len(violent) == 1
    strike = violent[0]
    assert strike.event_type == "shelling" and _surfaces(strike) == ["Mullaitivu"]
    assert (strike.killed_low, strike.killed_high) == (30, 30)
    assert any("was hit three times" in s.sentence for s in strike.sources)


SOUTH_SUDAN = """Army says it repelled attack on Bentiu

JUBA, Jan 8 (Newswire) - The army said it had repelled a rebel attack on Bentiu on Tuesday and killed 22 rebels.

A soldier was shot dead at a checkpoint in Rubkona on Tuesday night, residents said.

More than 300 people have been killed in Bentiu since fighting erupted there on Saturday, the UN said.
"""


def test_a_soldier_shot_dead_is_a_clash_whoever_tells_it_and_a_toll_since_the_fighting_began_is_apart(read):
    incidents = read(SOUTH_SUDAN, "2014-01-08")
    violent = _violent(incidents)
    rubkona = [i for i in violent if "Rubkona" in _surfaces(i)]
    assert [i.event_type for i in rubkona] == ["armed_clash"]
    bentiu = [i for i in violent if "Bentiu" in _surfaces(i)]
    # the running total since Saturday is not the toll of Tuesday's attack
    assert len(bentiu) == 1 and (bentiu[0].killed_low, bentiu[0].killed_high) == (22, 22)
    assert any(i.event_type == "casualty_toll" for i in incidents)


def test_a_clash_told_on_a_weekday_in_a_report_with_no_date_is_an_undated_event(read):
    text = ("Troops clash on the frontier\n\nGovernment and rebel soldiers traded fire along the northern frontier "
            "on Friday, the army said.\n")
    clashes = [i for i in read(text, None) if i.event_type == "armed_clash"]
    assert clashes and all(not i.date.start for i in clashes)


def test_a_drone_flown_over_positions_is_no_strike():
    words = "The fighting began at dawn, the army said, after rebels flew a drone over army positions."
    assert read_mention(words, casualties=find_casualties(words)).event_type == "armed_clash"


CHECHNYA = """Rebels ambush convoy in Chechnya

NAZRAN, Russia, April 4 - Rebels ambushed a convoy of Interior Ministry troops near Shatoi on Tuesday, killing nine servicemen, a military spokesman said.

Three more soldiers died of their wounds in hospital in Khankala on Wednesday. Russian aircraft then bombed the forest around the village, the spokesman said.

Rebel websites said dozens of troops had died in the ambush.
"""


def test_the_ambush_named_back_after_an_air_strike_is_the_ambush_and_the_wounded_died_where_they_were_treated(read):
    violent = _violent(read(CHECHNYA, None))
    ambush = [i for i in violent if i.event_type == "armed_clash"]
    assert len(ambush) == 1
    told = " ".join(s.sentence for s in ambush[0].sources)
    # the rebels' count refers back to the ambush, not to the air strike told just before it
    assert "died in the ambush" in told and "died of their wounds" in told
    # the hospital the wounded died in is no scene of violence: nothing is drawn at Khankala
    assert not any("Khankala" in _surfaces(i) for i in violent)
    strike = [i for i in violent if i.event_type == "air_drone_strike"]
    assert strike and not any("ambush" in s.sentence for s in strike[0].sources)


def test_the_dead_counted_after_a_killing_verb_are_whoever_the_report_names():
    assert find_casualties("an air strike hit a wedding party, killing at least 31 guests").killed == (31, None)
    assert find_casualties("the blast killed 12 mourners and wounded 40").killed == (12, 12)
    assert find_casualties("police opened fire, killing four protesters").killed == (4, 4)


def test_a_second_strike_in_a_story_of_air_strikes_is_an_air_strike():
    words = "A fire engine that reached the site was hit by a second strike, a rescuer said."
    assert read_mention(words, casualties=find_casualties(words)).event_type == "air_drone_strike"


CAR = """Armed group kills 9 villagers in Central African Republic

BANGUI, May 3 (Newswire) - Fighters from an armed group attacked the village of Kpokoro near Kaga-Bandoro on Sunday, killing nine civilians and burning homes, the UN mission said.

Two peacekeepers were wounded when their patrol was ambushed on the road back to Kaga-Bandoro. The mission said it had sent more troops to the area.
"""


def test_a_village_drawn_near_a_town_is_not_that_town_so_an_ambush_at_the_town_is_its_own_event(read):
    violent = _violent(read(CAR, None))
    assert sorted(i.event_type for i in violent) == ["armed_clash", "attack_on_civilians"]
    raid = next(i for i in violent if i.event_type == "attack_on_civilians")
    assert _surfaces(raid) == ["Kpokoro"] and (raid.killed_low, raid.killed_high) == (9, 9)
    assert not any("ambushed" in s.sentence for s in raid.sources)


def test_the_places_people_left_are_not_where_the_event_was(read):
    text = ("Shelling hits Kashmir town\n\nPakistani shells hit the town of Uri on Monday, killing two civilians, police "
            "said, and families from villages in Kupwara and Baramulla had moved to relief camps.\n")
    violent = _violent(read(text, "2025-03-04"))
    assert sorted(p for i in violent for p in _surfaces(i)) == ["Uri"]


def test_a_capitalised_word_before_the_plural_it_describes_leaves_the_count_open_to_the_next():
    # "Nepali" describes the peacekeepers: the count goes on to the civilians joined to them
    assert find_casualties("gunmen stormed the base, killing three Nepali peacekeepers and at least 11 civilians").killed \
        == (14, None)
    assert find_casualties("the strike killed two Hamas commanders").killed == (2, 2)
    assert find_casualties("killing 9 Yemenis in the market").killed == (9, 9)


DARFUR = """Market shelled in El Geneina, air strike on Kutum

KHARTOUM, June 3 (Newswire) - Shells fired by the paramilitary force hit the main market in El Geneina on Saturday, killing 14 people, a medical group said.

Army jets bombed paramilitary positions in Kutum the same day, killing two fighters, a local official said.

The paramilitary force denied shelling the market.
"""


def test_a_denial_that_names_a_kind_answers_the_claim_of_that_kind(read):
    violent = _violent(read(DARFUR, "2023-06-04"))
    shelling = [i for i in violent if i.event_type == "shelling"]
    strike = [i for i in violent if i.event_type == "air_drone_strike"]
    assert shelling and strike
    assert any("paramilitary" in d for d in shelling[0].denied_by)
    assert not strike[0].denied_by


def test_violence_told_over_a_count_of_years_or_months_is_a_habit_not_one_event():
    for words in ("The junta has bombed villages in Sagaing for three years, rights groups say.",
                  "Government forces have shelled Idlib for the past two years.",
                  "Rebels have attacked convoys near Aleppo for several months.",
                  "Two cartels have fought over Reynosa for a decade."):
        mention = read_mention(words, casualties=find_casualties(words), has_place=True)
        assert mention is None or not mention.happened, words
    for words in ("Government forces shelled Idlib for three hours on Monday, killing four.",
                  "A journalist who had been detained for a year was shot dead in Kabul on Monday.",
                  "A car bomb killed a judge in Mogadishu who had served on the court for a decade."):
        assert read_mention(words, casualties=find_casualties(words), has_place=True).happened, words


def test_groups_and_agencies_told_in_lower_case_are_who_says_it():
    from geomap.events.claimants import find_claimant

    assert find_claimant("The junta has bombed villages in Sagaing, rights groups say.").name == "rights groups"
    assert find_claimant("Shelling hit Idlib on Monday, aid agencies said.").name == "aid agencies"


def test_an_offensive_with_a_date_set_or_a_go_ahead_given_is_a_plan_not_an_event():
    for words in ("Israel's prime minister said a date had been set for an offensive on Rafah.",
                  "The cabinet gave the go-ahead for a ground assault on Marib."):
        mention = read_mention(words, casualties=find_casualties(words), has_place=True)
        assert mention is not None and not mention.happened, words
    words = "Despite plans for a truce, shelling killed five in Marib on Monday."
    assert read_mention(words, casualties=find_casualties(words), has_place=True).happened
