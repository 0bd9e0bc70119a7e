"""`geomap eval-incidents`: the matching rule of issue #8 on small golds written here, and on the seeds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.evaluate import (
    IncidentGold,
    PredictedIncident,
    gold_as_predictions,
    placeable_in_gazetteer,
    killed_agrees,
    predicted_incidents,
    read_incident_gold,
    same_event_groups_found,
    score_incidents,
)
from geomap.exc import EvalError
from geomap.records import EventDate, Incident, Mention, Place, SourceRef

DATA = Path(__file__).resolve().parent / "data"

KHARTOUM = (15.5007, 32.5599)
OMDURMAN = (15.6445, 32.4777)  # about 18 km from Khartoum
EL_FASHER = (13.6279, 25.3494)  # about 800 km away


def _gold(tmp_path, incidents: dict, same_event=()) -> IncidentGold:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({**incidents, "same_event": [{"pairs": p} for p in same_event]}), encoding="utf-8")
    return read_incident_gold(path)


def _incident(kind="airstrike", point=KHARTOUM, day="2023-05-02", precision="day", killed=None, **more):
    return {"type": kind, "lat": point[0] if point else None, "lon": point[1] if point else None, "date": day,
            "date_precision": precision, "killed": killed, **more}


def _predicted(incident_id, report="r1", *, violent=True, points=(KHARTOUM,), days=("2023-05-02", "2023-05-02"),
               killed=None, event_type="") -> PredictedIncident:
    dates = (date.fromisoformat(days[0]), date.fromisoformat(days[1])) if days else None
    return PredictedIncident(incident_id, report, violent, tuple(points), dates, killed, event_type)


def test_two_events_in_one_city_on_one_day_are_paired_by_their_kind(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident("clash", killed=60), _incident("airstrike", killed=15)]})
    predicted = [_predicted("strike", killed=(15, 15), event_type="air_drone_strike"),
                 _predicted("battle", killed=(60, 60), event_type="armed_clash")]
    assert score_incidents(gold, predicted)["deaths_agree"] == 1.0
    assert score_incidents(gold, predicted[::-1])["deaths_agree"] == 1.0


def test_two_events_in_one_city_on_two_days_are_placed_each_with_the_prediction_of_its_day(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident("bombing", day="2022-10-29"), _incident("bombing", day="2017-10-14")]})
    predicted = [_predicted("old", days=("2017-10-14", "2017-10-14"), event_type="bombing"),
                 _predicted("new", days=("2022-10-29", "2022-10-29"), event_type="bombing")]
    assert score_incidents(gold, predicted)["dates_wrong"] == 0.0
    assert score_incidents(gold, predicted[::-1])["dates_wrong"] == 0.0
    one = _gold(tmp_path, {"r1": [_incident("bombing", day="2022-10-29")]})
    assert score_incidents(one, predicted[:1])["dates_wrong"] == 1.0  # the only one near it, on another day


def test_a_strike_found_at_its_place_on_its_day_with_its_toll(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident(killed=12)]})
    figures = score_incidents(gold, [_predicted("a", killed=(12, 12))])
    assert figures["events_found"] == 1.0 and figures["right_day"] == 1.0 and figures["deaths_agree"] == 1.0
    assert figures["violent_markers_real"] == 1.0 and figures["markers_per_event"] == 1.0


def test_a_place_within_50_km_matches_and_one_800_km_away_does_not(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident()]})
    assert score_incidents(gold, [_predicted("a", points=(OMDURMAN,))])["events_found"] == 1.0
    far = score_incidents(gold, [_predicted("a", points=(EL_FASHER,))])
    assert far["events_found"] == 0.0 and far["violent_markers_real"] == 0.0


def test_dates_match_within_two_days_or_four_for_an_approximate_gold(tmp_path):
    exact = _gold(tmp_path, {"r1": [_incident(day="2023-05-02")]})
    assert score_incidents(exact, [_predicted("a", days=("2023-05-04", "2023-05-04"))])["events_found"] == 1.0
    assert score_incidents(exact, [_predicted("a", days=("2023-05-05", "2023-05-05"))])["events_found"] == 0.0
    rough = _gold(tmp_path, {"r1": [_incident(day="2023-05-02", precision="approximate")]})
    assert score_incidents(rough, [_predicted("a", days=("2023-05-05", "2023-05-05"))])["events_found"] == 1.0


def test_a_week_long_prediction_matches_but_is_not_the_right_day(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident(day="2023-05-02")]})
    figures = score_incidents(gold, [_predicted("a", days=("2023-04-26", "2023-05-02"))])
    assert figures["events_found"] == 1.0 and figures["right_day"] == 0.0


def test_an_undated_prediction_matches_only_an_undated_gold(tmp_path):
    dated = _gold(tmp_path, {"r1": [_incident()]})
    figures = score_incidents(dated, [_predicted("a", days=None)])
    assert figures["events_found"] == 0.0 and figures["events_at_place"] == 1.0
    undated = _gold(tmp_path, {"r1": [_incident(day=None)]})
    assert score_incidents(undated, [_predicted("a", days=None)])["events_found"] == 1.0


def test_a_month_in_the_gold_is_the_whole_month(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident(day="2023-05", precision="month")]})
    figures = score_incidents(gold, [_predicted("a", days=("2023-05-20", "2023-05-20"))])
    assert figures["events_found"] == 1.0 and figures["right_day"] == 1.0


def test_violent_and_non_violent_never_match(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident(kind="ceasefire")]})
    figures = score_incidents(gold, [_predicted("a")])
    assert figures["violent_gold"] == 0 and figures["violent_markers_real"] == 0.0


def test_each_gold_takes_one_prediction_and_extra_markers_count_against_it(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident(), _incident(point=EL_FASHER)]})
    # Three markers for the Khartoum strike, none for El Fasher: one event found, three markers on it.
    predictions = [_predicted("a", points=(KHARTOUM,)), _predicted("b", points=(OMDURMAN,)),
                   _predicted("c", points=(KHARTOUM,), days=("2023-04-26", "2023-05-02"))]
    figures = score_incidents(gold, predictions)
    assert figures["events_found"] == 0.5 and figures["markers_per_event"] == 3.0
    assert figures["violent_markers_real"] == 1.0 and figures["drawings_per_event"] == 3.0


def test_another_event_s_marker_in_the_same_city_is_not_a_second_drawing_of_this_one(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident("clash"), _incident("airstrike")]})
    # Both events found, each drawn once: each matches both markers, and two markers stand for two events.
    predictions = [_predicted("battle", event_type="armed_clash"), _predicted("strike", event_type="air_drone_strike")]
    figures = score_incidents(gold, predictions)
    assert figures["events_found"] == 1.0 and figures["markers_per_event"] == 2.0
    assert figures["drawings_per_event"] == 1.0
    # A third marker that stands for neither is one more drawing, counted once though it matches both.
    figures = score_incidents(gold, predictions + [_predicted("again", points=(OMDURMAN,))])
    assert figures["markers_per_event"] == 3.0 and figures["drawings_per_event"] == 1.5


def test_one_prediction_cannot_stand_for_two_events(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident(), _incident(point=OMDURMAN)]})
    assert score_incidents(gold, [_predicted("a", points=(KHARTOUM, OMDURMAN))])["events_found"] == 0.5


def test_a_same_event_group_is_found_when_its_members_are_one_stored_incident(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident()], "r2": [_incident()]}, same_event=[[["r1", 0], ["r2", 0]]])
    merged = [_predicted("a", "r1"), _predicted("a", "r2")]
    assert score_incidents(gold, merged)["same_event_found"] == 1.0
    apart = [_predicted("a", "r1"), _predicted("b", "r2")]
    assert score_incidents(gold, apart)["same_event_found"] == 0.0


def test_a_group_with_a_member_not_found_is_out_of_the_merges_reach(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident()], "r2": [_incident()], "r3": [_incident()], "r4": [_incident()]},
                 same_event=[[["r1", 0], ["r2", 0]], [["r3", 0], ["r4", 0]]])
    # r1 and r2 found, as two incidents; r4's incident lies 800 km away (Nyala), so its member is not found
    predicted = [_predicted("a", "r1"), _predicted("b", "r2"), _predicted("c", "r3"),
                 _predicted("c", "r4", points=((12.05, 24.88),))]
    figures = score_incidents(gold, predicted)
    assert figures["same_event_members_found"] == 0.5 and figures["same_event_found"] == 0.0
    assert same_event_groups_found(gold.same_event, {("r1", 0): "a", ("r2", 0): "a"}) == (1, 1)


@pytest.mark.parametrize("gold, predicted, agrees", [
    (None, None, True), ((12, 12), None, False), (None, (3, 3), False), ((12, 12), (12, 12), True),
    ((40, 40), (41, None), True),  # "more than 40" against a gold that stores it as 40
    ((300, 300), (250, 299), True),  # "nearly 300"
    ((45, 46), (45, 45), True), ((12, 12), (5, None), False), ((9, 9), (11, 11), False),
    (None, (24, 99), True), (None, (3, 9), True),  # "dozens", "several": no exact figure, as the gold's null
    ((30, 30), (24, 99), True), ((12, 12), (24, 99), False),
])
def test_death_figures_agree_when_the_ranges_meet(gold, predicted, agrees):
    assert killed_agrees(gold, predicted) is agrees


def test_a_stored_incident_gives_one_prediction_per_report_with_that_reports_figure():
    khartoum = Place("379252", "Khartoum", *KHARTOUM, "SD", "P", "PPLC")
    record = Incident("inc-1", "shelling", "", EventDate("2023-05-01", "2023-05-02", 2),
                      (Mention(0, 8, "Khartoum", khartoum, 1, 0.9), Mention(20, 26, "Xyzzyv", None, 5, 0.0)),
                      sources=(SourceRef("r1", "", None, "", 0, 1, killed_low=5),
                               SourceRef("r2", "", None, "", 0, 1, killed_low=7, killed_high=7),
                               SourceRef("r2", "", None, "", 2, 3)))
    by_report = {p.report: p for p in predicted_incidents([record], violent_types={"shelling"})}
    assert by_report["r1"].killed == (5, None) and by_report["r2"].killed == (7, 7)
    assert by_report["r1"].points == (KHARTOUM,) and by_report["r1"].violent
    assert by_report["r2"].dates == (date(2023, 5, 1), date(2023, 5, 2))


@pytest.mark.parametrize("content, words", [
    ("[1, 2]", "JSON object"), ("{\"r1\": [{\"lat\": 1}]}", "needs type"),
    ("{\"r1\": [{\"type\": \"clash\", \"lat\": 1, \"lon\": 2, \"date\": \"May 2\"}]}", "YYYY-MM-DD"),
    ("{\"r1\": [], \"same_event\": [{\"pairs\": [[\"r1\", 3]]}]}", "the gold lacks"), ("{", "not a JSON"),
])
def test_a_malformed_gold_is_a_clear_error(tmp_path, content, words):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=words):
        read_incident_gold(path)


def test_cli_refuses_a_missing_store_without_creating_it(tmp_path, capsys):
    missing = tmp_path / "none.db"
    assert main(["eval-incidents", str(DATA / "seeds_incidents.json"), "--store", str(missing)]) == 2
    assert "geomap ingest" in capsys.readouterr().err and not missing.exists()


def test_cli_scores_the_seed_store_against_the_hand_made_seed_gold(seed_store, capsys):
    assert main(["eval-incidents", str(DATA / "seeds_incidents.json"), "--store", str(seed_store)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["reports"] == figures["reports_in_store"] == 5
    assert figures["violent_gold"] == 17 and figures["same_event_groups"] == 4
    assert figures["events_found"] >= 0.75 and figures["same_event_found"] == 1.0


def test_a_member_whose_report_gives_no_date_is_extracted_when_its_undated_incident_is_at_its_place(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident()], "r2": [_incident()], "r3": [_incident()]},
                 same_event=[[["r1", 0], ["r2", 0]], [["r1", 0], ["r3", 0]]])
    # r2 gives no date: its incident at Khartoum is undated, so only a merge with r1's dated telling can date
    # it. r3's undated incident lies 800 km away (Nyala): not extracted at its place.
    predicted = [_predicted("a", "r1"), _predicted("b", "r2", days=None),
                 _predicted("c", "r3", points=((12.05, 24.88),), days=None)]
    figures = score_incidents(gold, predicted)
    assert figures["same_event_members_found"] == 0.5 and figures["same_event_found"] == 0.0
    # merged into r1's incident, r2's telling carries r1's day and the group is found
    assert score_incidents(gold, [_predicted("a", "r1"), _predicted("a", "r2")])["same_event_found"] == 0.5


def test_a_perfect_prediction_draws_each_event_once_though_its_town_s_other_strike_counts_as_its_marker(tmp_path):
    # Two strikes on Khartoum two days apart and one on El Fasher, each told once: within the two days' slack
    # each Khartoum marker also matches the other strike, so the strict reading counts 2 + 2 + 1 markers for
    # 3 events, while each marker drawn for some found event, counted once, is one drawing per event.
    gold = _gold(tmp_path, {"r1": [_incident(day="2023-05-02"), _incident(day="2023-05-04"),
                                   _incident(point=EL_FASHER, day="2023-05-03")]})
    figures = score_incidents(gold, gold_as_predictions(gold))
    assert figures["events_found"] == figures["violent_markers_real"] == figures["right_day"] == 1.0
    assert figures["markers_per_event"] == round(5 / 3, 4) and figures["drawings_per_event"] == 1.0


def test_the_gold_as_prediction_tells_one_event_of_two_reports_as_one_incident(tmp_path):
    gold = _gold(tmp_path, {"r1": [_incident(), _incident("clash", point=EL_FASHER)], "r2": [_incident()],
                            "r3": [_incident(day="2023-05-03")]},
                 same_event=[[["r1", 0], ["r2", 0]], [["r2", 0], ["r3", 0]]])
    predictions = gold_as_predictions(gold)
    assert len({p.incident_id for p in predictions}) == 2
    assert score_incidents(gold, predictions)["same_event_found"] == 1.0


def test_a_group_of_two_events_of_one_report_is_out_of_reach_of_a_prediction_that_finds_both(tmp_path):
    # Two villages near Khartoum raided the same night, one report telling each and another telling them as one.
    gold = _gold(tmp_path, {"r1": [_incident("massacre"), _incident("massacre", point=OMDURMAN)],
                            "r2": [_incident("massacre")]}, same_event=[[["r1", 0], ["r1", 1], ["r2", 0]]])
    figures = score_incidents(gold, gold_as_predictions(gold))
    assert figures["events_found"] == 1.0 and figures["same_event_found"] == 0.0


def test_cli_scores_the_gold_as_its_own_prediction_without_a_store(capsys):
    assert main(["eval-incidents", str(DATA / "seeds_incidents.json"), "--gold-as-predictions"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["events_found"] == figures["same_event_found"] == figures["deaths_agree"] == 1.0


def test_within_the_gazetteer_an_event_at_a_village_it_lacks_is_out_of_reach_and_one_at_a_named_town_is_not(
        tmp_path, gazetteer):
    # One report: a strike on Omdurman, and a raid on "Um Kuweikat Wad Hamza", a hamlet written only by its own
    # name (no gazetteer holds it) that lies 300 km from anything the report names.
    gold = _gold(tmp_path, {"r1": [_incident(point=OMDURMAN), _incident("massacre", point=(13.90, 29.90))],
                            "r2": [_incident(point=OMDURMAN)]}, same_event=[[["r1", 0], ["r2", 0]]])
    texts = {"r1": "Jets struck a market in Omdurman on Tuesday. Gunmen raided Um Kuweikat Wad Hamza the same night.",
             "r2": "An air strike hit Omdurman, witnesses said."}
    placeable = placeable_in_gazetteer(texts, lambda name: gazetteer.places_named(name, limit=5000))
    assert [placeable(g) for g in gold.incidents["r1"]] == [True, False]
    figures = score_incidents(gold, gold_as_predictions(gold, placeable=placeable))
    assert figures["events_found"] == round(2 / 3, 4) and figures["same_event_found"] == 1.0
    assert figures["violent_markers_real"] == 1.0


def test_within_the_gazetteer_a_namesake_far_from_the_event_does_not_make_it_reachable(tmp_path, gazetteer):
    # "Khartoum" written in the report cannot place an event 800 km away in Darfur.
    gold = _gold(tmp_path, {"r1": [_incident(point=EL_FASHER)]})
    placeable = placeable_in_gazetteer({"r1": "Officials in Khartoum said a hamlet was raided."},
                                       lambda name: gazetteer.places_named(name, limit=5000))
    assert not placeable(gold.incidents["r1"][0])
    assert placeable_in_gazetteer({"r1": "Officials said El Fasher was shelled."},
                                  lambda name: gazetteer.places_named(name, limit=5000))(gold.incidents["r1"][0])


def test_cli_scores_the_gold_within_the_gazetteer_from_a_store_s_texts(tmp_path, capsys):
    store = tmp_path / "seeds.db"
    assert main(["ingest", "--store", str(store), str(DATA.parent.parent / "seeds")]) == 0
    capsys.readouterr()
    assert main(["eval-incidents", str(DATA / "seeds_incidents.json"), "--gold-as-predictions",
                 "--within-gazetteer", "--store", str(store)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["events_found"] == figures["same_event_found"] == 1.0  # every seed event is at a town it names


def test_cli_within_the_gazetteer_keeps_the_events_of_reports_the_store_lacks_and_needs_the_gold_as_predictions(
        tmp_path, capsys):
    store = tmp_path / "one_seed.db"
    one = sorted((DATA.parent.parent / "seeds").glob("*.txt"))[0]
    assert main(["ingest", "--store", str(store), str(one)]) == 0
    capsys.readouterr()
    # the other seeds' texts are not in this store: nothing rules their events out, so none is out of reach
    assert main(["eval-incidents", str(DATA / "seeds_incidents.json"), "--gold-as-predictions",
                 "--within-gazetteer", "--store", str(store)]) == 0
    assert json.loads(capsys.readouterr().out)["events_found"] == 1.0
    # without --gold-as-predictions the gold's figures would be printed as if they were the store's
    assert main(["eval-incidents", str(DATA / "seeds_incidents.json"), "--within-gazetteer", "--store", str(store)]) != 0
    assert "--gold-as-predictions" in capsys.readouterr().err
