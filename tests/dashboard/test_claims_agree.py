"""One rule says what is a claim (`geomap.speakers.told_as_claim`): the map's claims layer, the grid's claim column,
the details badge and the GeoJSON export read it alike, on incidents told by a ministry, by a reporter on the
spot only, and as fact."""

from geomap import figures
from geomap.dashboard import callbacks, queries
from geomap.dashboard.state import ViewState
from geomap.io.geojson import incidents_to_geojson
from geomap.records import EventDate, Incident, Mention, Place, SourceRef
from geomap.speakers import told_as_claim
from geomap.store import IncidentStore
from sample_store import write_incidents

TORVIK = Place("9000001", "Torvik", 61.2, 9.1, "NO", "P", "PPL")


def _incident(incident_id: str, sentence: str, *, claimant: str, is_claim: bool) -> Incident:
    start = sentence.index("Torvik")
    return Incident(incident_id, "shelling", "Explosions/Remote violence", EventDate("2031-05-02", "2031-05-02", 1),
                    (Mention(start, start + 6, "Torvik", TORVIK, 1, 0.9),), claimant=claimant, is_claim=is_claim,
                    sources=(SourceRef(f"{incident_id}.txt", "Nordic Wire", "2031-05-03", sentence, 0,
                                       len(sentence)),))


def test_the_map_the_grid_the_badge_and_the_export_agree_on_what_is_a_claim(tmp_path):
    path = tmp_path / "claims.db"
    with IncidentStore(path) as store:
        write_incidents(store, [
            _incident("ministry", "Shells hit Torvik on Friday, the defence ministry said.",
                      claimant="the defence ministry", is_claim=True),
            _incident("reporter", "Shells hit Torvik on Friday, a Nordic Wire reporter in the town said.",
                      claimant="a Nordic Wire reporter in the town", is_claim=True),
            _incident("fact", "Shells hit Torvik on Friday.", claimant="", is_claim=False)])
    conn = queries.connect(path)
    everything = ViewState().filters()
    rows = queries.map_view(conn, everything).rows
    points = figures.window_points(rows, colours=figures.type_colours(["shelling"]))
    on_claims_layer = {i for i, claim in zip(points["id"], points["claim"]) if claim}
    in_grid = {r["id"] for r in callbacks.render_table(path, ViewState())[0] if r["claim"]}
    badged = {i.incident_id for i in queries.filtered_incidents(conn, everything) if i.is_claim}
    exported = {f["properties"]["id"] for f in incidents_to_geojson(queries.filtered_incidents(conn, everything))
                ["features"] if f["properties"]["is_claim"]}
    assert on_claims_layer == in_grid == badged == exported == {"ministry"}
    assert len(points["id"]) == 3  # the reporter's telling is on the incidents layer, not lost


def test_a_witness_alone_makes_no_claim_and_a_speaker_does():
    assert told_as_claim(True, "Foreign Minister Ann Berg; an eyewitness")
    assert not told_as_claim(True, "witnesses")
    assert not told_as_claim(False, "the defence ministry")
    assert not told_as_claim(1, None)


def test_a_fact_with_a_speaker_is_said_by_them_not_claimed_on_the_map_and_in_the_details():
    from geomap.dashboard.components import incident_details
    from test_dashboard_views import text_of

    told = _incident("mayor", "Shells hit Torvik on Friday, the mayor said.", claimant="the mayor", is_claim=False)
    claim = _incident("ministry", "Shells hit Torvik on Friday, the defence ministry said.",
                      claimant="the defence ministry", is_claim=True)
    row = {"id": "mayor", "type": "shelling", "lat": 61.2, "lon": 9.1, "claimant": "the mayor", "is_claim": False}
    hover = figures.window_points([row], colours={})["hover"][0]
    assert "said by: the mayor" in hover and "claimed by" not in hover
    assert "claimed by: the defence ministry" in figures.window_points(
        [dict(row, id="ministry", claimant="the defence ministry", is_claim=True)], colours={})["hover"][0]
    assert "Said bythe mayor" in text_of(incident_details(told)) and "REPORTED" in text_of(incident_details(told))
    assert "Claimed bythe defence ministry" in text_of(incident_details(claim))
