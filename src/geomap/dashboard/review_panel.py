"""Analyst review in the dashboard: the review panel beside the details, its controls and the review queue.

The dashboard reads the store and never writes to it, with one deliberate exception an operator
turns on: `geomap serve --review` (`create_app(..., review=True)`). Then, and only then, the
panel's buttons append to the store's review log through `geomap.review.review`, the same call
`geomap review` makes, which also rewrites the `incidents` rows the review touches (the incidents as
shown); reports and claims are never written. Each write opens the store for that write alone,
one at a time in this process (SQLite's lock orders it against an ingest). Who reviews is the
name `serve` was started with (`--by`, else the system user). Without the option the panel shows
each incident's review (status, note, what was extracted) and how to review it from the command line.

Pure functions (store path and values in, props out) are tested by calling them;
`register_review_callbacks` only wires them to the page.
"""

from __future__ import annotations

import threading
from typing import Mapping, Optional, Sequence

from dash import Input, Output, State, dcc, html, no_update

from geomap.dashboard import ids, queries
from geomap.exc import GeomapError
from geomap.figures import type_label
from geomap.records import CORRECTED, REJECTED, UNREVIEWED, Incident
from geomap.review import (CONFIRM, MERGE, NOTE_LIMIT, REJECT, SET, SPLIT, claim_ids, review, review_queue,
                           value_text)

ID_MAX = 300  # characters of an incident id or a place id sent by the page
TEXT_MAX = NOTE_LIMIT  # characters of any text field sent by the page
SEARCH_MIN = 2  # characters typed before the gazetteer is searched
SEARCH_LIMIT = 12  # places offered for one search
_WRITE = threading.Lock()  # one review write at a time in this process
STATUS_LABEL = {UNREVIEWED: "not reviewed", "confirmed": "confirmed", CORRECTED: "corrected", REJECTED: "rejected"}


def _text(value, limit: int = TEXT_MAX) -> str:
    """A text value from the page: a string, trimmed and cut, else empty."""
    return value.strip()[:limit] if isinstance(value, str) else ""


def _an_id(value) -> Optional[str]:
    text = _text(value, ID_MAX)
    return text or None


# --- what the panel shows -----------------------------------------------------------------------------------


def review_summary(incident: Optional[Incident], *, enabled: bool) -> list:
    """The incident's review status, the latest note with who and when, and each extracted value an analyst
    corrected; without reviewing enabled, how to review it from the command line."""
    if incident is None:
        return [html.P("Select an incident to review it.", className="hint")]
    state = incident.review
    status = incident.review_status
    parts = [html.Div([html.Span(STATUS_LABEL.get(status, status).upper(), className=f"badge review-{status}"),
                       *([html.Span("CHANGED SINCE REVIEW", className="badge review-recheck")]
                         if state is not None and state.recheck else [])], className="badges")]
    if state is not None:
        parts.append(html.P([html.Q(state.note), html.Span(f" — {state.by}, {state.at}", className="muted")],
                            className="review-note"))
        original = state.original_json()
        shown = []
        for field, label in (("type", "type"), ("date_start", "day"), ("places", "place"), ("killed_low", "killed"),
                             ("wounded_low", "wounded")):
            if field not in original:
                continue
            value = original[field]
            if field == "places":
                value = "; ".join(p.get("name") or "?" for p in value) or "no place"
            elif field == "killed_low":
                value = value_text("killed", [original["killed_low"], original["killed_high"]])
            elif field == "wounded_low":
                value = value_text("wounded", [original["wounded_low"], original["wounded_high"]])
            elif field == "type":
                value = type_label(value)
            shown.append(html.Li(f"{label}: {value}"))
        if shown:
            parts.append(html.Div([html.Span("As extracted:", className="muted small"),
                                   html.Ul(shown, className="plain small review-original")]))
    if not enabled:
        parts.append(html.P(["Reviewing here is off (the dashboard only reads). Start it with ",
                             html.Code("geomap serve --review"), " or use ",
                             html.Code(f"geomap review confirm {incident.incident_id} --note …"), "."],
                            className="muted small"))
    return parts


def place_options(incident: Optional[Incident]) -> list[dict]:
    """The places to move an incident to, first offered: its own places and the geoparser's runners-up."""
    if incident is None:
        return []
    seen: dict[str, dict] = {}
    for mention in incident.places:
        candidates = ([mention.place] if mention.place else []) + [c.place for c in mention.runners_up]
        for place in candidates:
            if place.place_id not in seen:
                seen[place.place_id] = {"label": _place_label(place), "value": place.place_id}
    return list(seen.values())


def _place_label(place) -> str:
    where = ", ".join(x for x in (place.country_code, place.feature) if x)
    return f"{place.name} ({where})" if where else place.name


def searched_places(gazetteer, text, offered: Sequence[dict] = ()) -> list[dict]:
    """The dropdown's options while an analyst types a place name: gazetteer names beginning with it, the most
    populous first, after the options already offered (so a chosen one stays)."""
    text = _text(text, 100)
    options = [o for o in offered if isinstance(o, dict) and isinstance(o.get("value"), str)][:50]
    if len(text) < SEARCH_MIN or gazetteer is None:
        return options
    known = {o["value"] for o in options}
    found = [{"label": _place_label(p), "value": p.place_id}
             for p in gazetteer.places_named(text, limit=SEARCH_LIMIT, prefix=True) if p.place_id not in known]
    return options + found


def split_options(incident: Optional[Incident]) -> list[dict]:
    """The sources an analyst can split out: one per report's telling (a claim), numbered as listed."""
    if incident is None or len(claim_ids(incident)) < 2:
        return []
    options, seen = [], set()
    for number, source in enumerate(incident.sources, start=1):
        if source.claim_id in seen:
            continue
        seen.add(source.claim_id)
        who = source.publisher or source.report_id
        options.append({"label": f"{number}. {who}, {source.published or 'undated'}: {source.sentence[:70]}",
                        "value": number})
    return options


def correction_values(incident: Optional[Incident]) -> tuple:
    """(type, day, killed, wounded) as the correction fields start: the incident as shown."""
    if incident is None:
        return None, "", None, None
    def single(low, high):
        return low if low is not None and low == high else None
    return (incident.event_type, incident.date.start or "", single(incident.killed_low, incident.killed_high),
            single(incident.wounded_low, incident.wounded_high))


# --- what the buttons do ----------------------------------------------------------------------------------


def review_options(action: str, incident: Incident, form: Mapping) -> dict:
    """The arguments of `geomap.review.review` for one button and the form's values: for set, only the fields
    that differ from the incident as shown (an unchanged field is not a correction)."""
    if action == SET:
        options: dict = {}
        kind = _text(form.get("type"), 60)
        if kind and kind != incident.event_type:
            options["event_type"] = kind
        day = _text(form.get("day"), 20)
        if day and day != (incident.date.start or ""):
            options["day"] = day
        for name, low, high in (("killed", incident.killed_low, incident.killed_high),
                                ("wounded", incident.wounded_low, incident.wounded_high)):
            value = form.get(name)
            if value in (None, ""):
                continue
            if not (isinstance(value, (int, float, str)) and not isinstance(value, bool)):
                options[name] = "?"  # refused with its message by geomap.review
            elif str(value).strip() not in {str(low), str(high)} or low != high:
                options[name] = str(value).strip()
        return options
    if action == "move":
        place = _an_id(form.get("place"))
        return {"place": place} if place else {}
    if action == SPLIT:
        source = form.get("source")
        return {"source": source if isinstance(source, int) and not isinstance(source, bool) else None}
    return {}


BUTTON_ACTIONS = {ids.REVIEW_CONFIRM: CONFIRM, ids.REVIEW_REJECT: REJECT, ids.REVIEW_MOVE: "move",
                  ids.REVIEW_SET: SET, ids.REVIEW_MERGE: MERGE, ids.REVIEW_SPLIT: SPLIT}


def perform_review(store_path, button, incident_id, form: Mapping, *, by: Optional[str], gazetteer=None) -> tuple:
    """(message, incident id to select, written?) for a review button pressed on the selected incident.

    Every value comes from the page and is checked here or by `geomap.review.review`; a refused review says
    why and writes nothing.
    """
    from geomap.store import IncidentStore

    action = BUTTON_ACTIONS.get(button) if isinstance(button, str) else None
    incident_id = _an_id(incident_id)
    if action is None or incident_id is None:
        return "Select an incident first.", None, False
    note = _text(form.get("note"))
    if not note:
        return "Write a short note first: why (it is kept in the review log).", incident_id, False
    problem = queries.store_problem(store_path)
    if problem:
        return f"Cannot review: {problem}.", incident_id, False
    with _WRITE:
        try:
            with IncidentStore(store_path) as store:
                incident = store.incident(incident_id)
                if incident is None:
                    return f"No incident {incident_id} in the store any more; reload the page.", None, False
                ids_ = [incident.incident_id]
                if action == MERGE:
                    other = _an_id(form.get("merge_with"))
                    if other is None:
                        return "Give the id of the incident to merge with.", incident_id, False
                    ids_.append(other)
                options = review_options(action, incident, form)
                if action in (SET, "move") and not options:
                    return ("Nothing to correct: change a field first." if action == SET
                            else "Pick a place to move it to."), incident_id, False
                made = review(store, SET if action == "move" else action, ids_, note=note, by=by,
                              gazetteer=gazetteer, **options)
                # merge, split and a moved claim can rename the incident: follow its first claim
                followed = store.incident(claim_ids(incident)[0]) or store.incident(incident.incident_id)
        except GeomapError as error:
            return f"Not saved: {error}", incident_id, False
    done = {CONFIRM: "Confirmed", REJECT: "Rejected", SET: "Corrected", "move": "Moved", MERGE: "Merged",
            SPLIT: "Split"}[action]
    return f"{done} ({len(made)} change{'s' if len(made) != 1 else ''} logged).", \
        (followed.incident_id if followed is not None else None), True


def queue_step(store_path, current, step) -> Optional[str]:
    """The incident `step` (+1 next, -1 previous) from `current` in the review queue (geomap.review.review_queue):
    an incident not in the queue (just reviewed) goes to the top of what is left."""
    queue = [incident_id for incident_id, _ in review_queue(queries.connect(store_path))]
    if not queue:
        return None
    current = _an_id(current)
    step = 1 if step != -1 else -1
    if current not in queue:
        return queue[0]
    return queue[max(0, min(len(queue) - 1, queue.index(current) + step))]


def queue_label(store_path) -> str:
    left = len(review_queue(queries.connect(store_path)))
    return f"{left:,} to review" if left else "nothing left to review"


# --- the panel ----------------------------------------------------------------------------------------------


def review_panel(*, enabled: bool, event_types: Sequence[str]) -> list:
    """The review panel's children: the summary, then (when reviewing is enabled) the controls, which stay on the
    page and are filled for each selected incident."""
    summary = html.Div(review_summary(None, enabled=enabled), id=ids.REVIEW_SUMMARY)
    if not enabled:  # stepping through a queue of work nobody here can do would only mislead
        return [summary]
    queue = html.Div([
        html.Button("◂ Previous", id=ids.REVIEW_PREV, n_clicks=0, className="button secondary small",
                    title="previous incident to review (key p)"),
        html.Button("Next to review ▸", id=ids.REVIEW_NEXT, n_clicks=0, className="button small",
                    title="next incident to review, most reported first (key n)"),
        html.Span(id=ids.REVIEW_QUEUE_LEFT, className="muted small"),
    ], className="review-queue")
    field = lambda label, control: html.Label([html.Span(label, className="muted small"), control],  # noqa: E731
                                              className="review-field")
    controls = html.Div([
        dcc.Input(id=ids.REVIEW_NOTE, type="text", maxLength=TEXT_MAX, debounce=False, className="review-note-input",
                  placeholder="note: why (required, kept in the log)"),
        html.Div([html.Button("Confirm", id=ids.REVIEW_CONFIRM, n_clicks=0, className="button small"),
                  html.Button("Reject", id=ids.REVIEW_REJECT, n_clicks=0, className="button small danger",
                              title="not an event, or not this conflict: hidden from the map")],
                 className="review-buttons"),
        html.Details([html.Summary("Move to another place"),
                      dcc.Dropdown(id=ids.REVIEW_PLACE, options=[], searchable=True, clearable=True,
                                   placeholder="a runner-up, a name to search, or click a place on the map"),
                      html.Button("Move", id=ids.REVIEW_MOVE, n_clicks=0, className="button small")],
                     className="review-group"),
        html.Details([html.Summary("Correct type, day, figures"),
                      field("Type", dcc.Dropdown(id=ids.REVIEW_TYPE, clearable=False,
                                                 options=[{"label": type_label(t), "value": t} for t in event_types])),
                      field("Day (YYYY-MM-DD)", dcc.Input(id=ids.REVIEW_DAY, type="text", maxLength=10)),
                      field("Killed", dcc.Input(id=ids.REVIEW_KILLED, type="number", min=0, step=1)),
                      field("Wounded", dcc.Input(id=ids.REVIEW_WOUNDED, type="number", min=0, step=1)),
                      html.Button("Save corrections", id=ids.REVIEW_SET, n_clicks=0, className="button small")],
                     className="review-group"),
        html.Details([html.Summary("Merge or split"),
                      field("Merge with incident", dcc.Input(id=ids.REVIEW_MERGE_WITH, type="text", maxLength=ID_MAX,
                                                             placeholder="inc-…")),
                      html.Button("Merge", id=ids.REVIEW_MERGE, n_clicks=0, className="button small"),
                      field("Split out source", dcc.Dropdown(id=ids.REVIEW_SPLIT_SOURCE, options=[],
                                                             clearable=True)),
                      html.Button("Split", id=ids.REVIEW_SPLIT, n_clicks=0, className="button small")],
                     className="review-group"),
        html.Div(id=ids.REVIEW_MESSAGE, className="review-message", role="status"),
    ], className="review-controls")
    return [queue, summary, controls]


# --- wiring -------------------------------------------------------------------------------------------------


def register_review_callbacks(app, store_path, *, callback, enabled: bool, by: Optional[str] = None) -> None:
    """Connect the panel to the page with `callback` (the dashboard's guarded registration). The write callback
    and the review queue exist only when reviewing is `enabled`."""
    from geomap.dashboard.callbacks import triggered_id

    def selected_incident(incident_id) -> Optional[Incident]:
        incident_id = _an_id(incident_id)
        return queries.incident_detail(queries.connect(store_path), incident_id) if incident_id else None

    if not enabled:
        @callback(Output(ids.REVIEW_SUMMARY, "children"), Input(ids.SELECTED, "data"))
        def show_review(incident_id):
            return review_summary(selected_incident(incident_id), enabled=False)
        return

    @callback(Output(ids.SELECTED, "data", allow_duplicate=True), Input(ids.REVIEW_NEXT, "n_clicks"),
              Input(ids.REVIEW_PREV, "n_clicks"), State(ids.SELECTED, "data"), prevent_initial_call=True)
    def step_queue(_next, _prev, current):
        found = queue_step(store_path, current, -1 if triggered_id() == ids.REVIEW_PREV else 1)
        return found if found is not None else no_update

    @callback(Output(ids.REVIEW_QUEUE_LEFT, "children"), Input(ids.SELECTED, "data"), Input(ids.REVIEW_STAMP, "data"))
    def count_queue(_selected, _stamp):
        return queue_label(store_path)

    gazetteer_once: list = []

    def gazetteer():
        if not gazetteer_once:
            from geomap.gazetteer import shared_gazetteer

            gazetteer_once.append(shared_gazetteer())
        return gazetteer_once[0]

    @callback(Output(ids.REVIEW_SUMMARY, "children"), Output(ids.REVIEW_PLACE, "options"),
              Output(ids.REVIEW_PLACE, "value"), Output(ids.REVIEW_SPLIT_SOURCE, "options"),
              Output(ids.REVIEW_SPLIT_SOURCE, "value"), Output(ids.REVIEW_TYPE, "value"),
              Output(ids.REVIEW_DAY, "value"), Output(ids.REVIEW_KILLED, "value"), Output(ids.REVIEW_WOUNDED, "value"),
              Input(ids.SELECTED, "data"), Input(ids.REVIEW_STAMP, "data"))
    def show_review(incident_id, _stamp):
        incident = selected_incident(incident_id)
        return (review_summary(incident, enabled=True), place_options(incident), None, split_options(incident), None,
                *correction_values(incident))

    @callback(Output(ids.REVIEW_PLACE, "options", allow_duplicate=True), Input(ids.REVIEW_PLACE, "search_value"),
              State(ids.REVIEW_PLACE, "options"), State(ids.SELECTED, "data"), prevent_initial_call=True)
    def search_place(text, offered, incident_id):
        if len(_text(text, 100)) < SEARCH_MIN:
            return no_update
        offered = offered if isinstance(offered, list) else place_options(selected_incident(incident_id))
        return searched_places(gazetteer(), text, offered)

    @callback(Output(ids.REVIEW_PLACE, "options", allow_duplicate=True),
              Output(ids.REVIEW_PLACE, "value", allow_duplicate=True), Input(ids.MAP, "clickData"),
              State(ids.REVIEW_PLACE, "options"), prevent_initial_call=True)
    def place_from_map(click_data, offered):
        place = clicked_place(gazetteer(), click_data)
        if place is None:
            return no_update, no_update
        offered = [o for o in (offered if isinstance(offered, list) else []) if isinstance(o, dict)][:50]
        if place["value"] not in {o.get("value") for o in offered}:
            offered = offered + [place]
        return offered, place["value"]

    write_buttons = list(BUTTON_ACTIONS)

    @callback(Output(ids.REVIEW_MESSAGE, "children"), Output(ids.REVIEW_STAMP, "data"),
              Output(ids.SELECTED, "data", allow_duplicate=True), Output(ids.REVIEW_NOTE, "value"),
              *[Input(b, "n_clicks") for b in write_buttons], State(ids.SELECTED, "data"), State(ids.REVIEW_NOTE, "value"),
              State(ids.REVIEW_PLACE, "value"), State(ids.REVIEW_TYPE, "value"), State(ids.REVIEW_DAY, "value"),
              State(ids.REVIEW_KILLED, "value"), State(ids.REVIEW_WOUNDED, "value"),
              State(ids.REVIEW_MERGE_WITH, "value"), State(ids.REVIEW_SPLIT_SOURCE, "value"),
              State(ids.REVIEW_STAMP, "data"), prevent_initial_call=True)
    def write_review(*values):
        clicks = values[:len(write_buttons)]
        selected, note, place, kind, day, killed, wounded, merge_with, source, stamp = values[len(write_buttons):]
        button = triggered_id()
        if button not in BUTTON_ACTIONS or not any(isinstance(c, int) and c > 0 for c in clicks):
            return no_update, no_update, no_update, no_update
        form = {"note": note, "place": place, "type": kind, "day": day, "killed": killed, "wounded": wounded,
                "merge_with": merge_with, "source": source}
        message, chosen, written = perform_review(store_path, button, selected, form, by=by,
                                                  gazetteer=gazetteer() if button == ids.REVIEW_MOVE else None)
        if not written:
            return message, no_update, no_update, no_update
        stamp = stamp + 1 if isinstance(stamp, int) else 1
        return message, stamp, (chosen if chosen != selected else no_update), ""


def clicked_place(gazetteer, click_data) -> Optional[dict]:
    """The gazetteer place of a place marker clicked on the map (the mentions layer's `place:ID`), as an option."""
    points = click_data.get("points") if isinstance(click_data, dict) else None
    if not (isinstance(points, list) and points and isinstance(points[0], dict)):
        return None
    custom = points[0].get("customdata")
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    if not (isinstance(custom, str) and custom.startswith("place:") and len(custom) <= ID_MAX):
        return None
    place = gazetteer.by_id(custom[len("place:"):]) if gazetteer is not None else None
    return {"label": _place_label(place), "value": place.place_id} if place is not None else None


__all__ = ["review_panel", "review_summary", "place_options", "searched_places", "split_options", "correction_values",
           "review_options", "perform_review", "queue_step", "queue_label", "clicked_place",
           "register_review_callbacks", "BUTTON_ACTIONS"]
