"""Pieces of the page built from Dash components, never from HTML strings: report text is untrusted.

Everything a report says reaches the browser as the text of a component (React escapes it);
nothing here uses raw HTML, Markdown or `dangerously_allow_html`.
"""

from __future__ import annotations

from typing import Mapping, Optional, Sequence
from urllib.parse import urlsplit

from dash import dcc, html

from geomap.dashboard import ids
from geomap.figures import (COUNTRY_LEVEL_LABEL, DEFAULT_LAYERS, HALO_COLOUR, HALO_RADIUS_KM, MENTION_COLOUR,
                             REGION_FILL, REGION_LINE,
                             UNDATED_COLOUR, UNDATED_LABEL, UNKNOWN_COLOUR, date_scale, date_tick_format, marker_size,
                             speaker_label, type_colours, type_label)
from geomap.precision import DATE_PRECISION_LABEL, WHERE_PRECISION_LABEL, count_range_label
from geomap.records import Incident


def highlighted_sentence(sentence: str, spans: Sequence[Sequence[int]], names: Sequence[str] = ()) -> list:
    """The sentence as text pieces with each place name wrapped in html.Mark.

    `spans` are [start, end] offsets into the sentence; when a source has none, place
    names are looked up in the sentence (case-insensitively) instead.
    """
    sentence = sentence or ""
    marks = sorted({(int(a), int(b)) for a, b in spans if 0 <= int(a) < int(b) <= len(sentence)})
    if not marks:
        lowered = sentence.lower()
        for name in names:
            if name and (at := lowered.find(name.lower())) >= 0:
                marks.append((at, at + len(name)))
        marks.sort()
    pieces, cursor = [], 0
    for start, end in marks:
        if start < cursor:
            continue  # overlapping spans: keep the first
        if start > cursor:
            pieces.append(sentence[cursor:start])
        pieces.append(html.Mark(sentence[start:end], className="place-mark"))
        cursor = end
    if cursor < len(sentence):
        pieces.append(sentence[cursor:])
    return pieces


def _field(label: str, value, *, class_name: str = "") -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value, className=class_name)], className="field")


REPORT_TEXT_MAX = 200_000  # characters of a report shown around its evidence


def report_with_evidence(text: str, start: int, end: int, spans: Sequence[Sequence[int]] = ()) -> list:
    """A whole report as text pieces, the evidence sentence (`start`:`end`) marked and its place names within.

    Offsets index `text`; `spans` are place-name spans inside the report. A very long report is cut
    around the evidence, and says so.
    """
    text = text or ""
    start, end = max(0, min(int(start), len(text))), max(0, min(int(end), len(text)))
    if end <= start:
        return [text[:REPORT_TEXT_MAX]]
    first = max(0, min(start - REPORT_TEXT_MAX // 2, len(text) - REPORT_TEXT_MAX))
    last = min(len(text), first + REPORT_TEXT_MAX)
    inside = [(a - start, b - start) for a, b in spans if start <= a < b <= end]
    pieces = ["[…] " if first > 0 else "", text[first:start],
              html.Mark(highlighted_sentence(text[start:end], inside), className="evidence"),
              text[end:last], " […]" if last < len(text) else ""]
    return [p for p in pieces if p != ""]


def _safe_url(url) -> Optional[str]:
    """An article link only when it is plainly http(s): report metadata is untrusted."""
    if isinstance(url, str) and url.lower().startswith(("https://", "http://")) and len(url) <= 2000 \
            and not any(c.isspace() for c in url):
        return url
    return None


def source_item(source, report: Optional[Mapping], names: Sequence[str]) -> html.Li:
    """One source of an incident: who published it and when (and who else carried the same words), a link to the
    article, the quoted sentence with the place names marked, and the whole report one click away with the
    evidence highlighted."""
    report = report or {}
    publisher = source.publisher or report.get("publisher")
    url = _safe_url(report.get("url"))
    if not publisher and url:
        publisher = urlsplit(url).hostname  # the site is the best name there is
    meta = [html.Span(publisher or "publisher not stated", className="publisher"),
            html.Span(f" · {source.published or report.get('published') or 'undated'}", className="muted")]
    figures = count_range_label(source.killed_low, source.killed_high)
    if figures is not None:
        meta.append(html.Span(f" · says {figures} killed", className="muted"))
    title = report.get("title")
    head = [html.Div(meta, className="source-meta")]
    if source.reprinted_by:
        head.append(html.Div(f"also carried by {', '.join(source.reprinted_by)}", className="small muted reprints"))
    if title or url:
        head.append(html.Div([html.Span(title or url, className="source-title"),
                              *([" ", html.A("article ↗", href=url, target="_blank", rel="noopener noreferrer",
                                             className="article-link")] if url else [])], className="small"))
    body = [html.Blockquote(highlighted_sentence(source.sentence or "", source.to_json()["mention_spans"], names),
                            className="quote")]
    if report.get("text"):
        body.append(html.Details([
            html.Summary(f"Read the whole report ({source.report_id})", className="report-toggle"),
            html.Div(report_with_evidence(report["text"], source.start, source.end, source.mention_spans),
                     className="report-text")], className="report"))
    return html.Li(head + body, className="source")


def incident_details(incident: Optional[Incident], reports: Optional[Mapping[str, Mapping]] = None) -> html.Div:
    """The details panel for one incident record (or a hint when none is chosen).

    `reports` (report id -> title, publisher, url, published, text) adds each source's article link and
    whole text. The panel is a component of its own so review controls can sit beside it.
    """
    if incident is None:
        return html.Div([html.P("Click a point on the map or a row in the table to read what the sources say.",
                                className="hint")], className="details-empty")
    date_start, date_end, precision = incident.date.start, incident.date.end, incident.date.precision
    if not date_start:
        when = "date unknown"
    elif date_end and date_end != date_start:
        when = f"{date_start} to {date_end}"
    else:
        when = date_start
    precision_text = DATE_PRECISION_LABEL.get(precision, "unknown") if precision else "unknown"
    coarse = bool(precision and precision > 1)

    places = incident.to_json()["places"]
    place_items = [html.Li([html.Span(p["name"] or "?", className="place-name"),
                            html.Span(f" · {WHERE_PRECISION_LABEL.get(p['precision'], 'unresolved')}",
                                      className="muted")]) for p in places]
    killed = count_range_label(incident.killed_low, incident.killed_high)
    wounded = count_range_label(incident.wounded_low, incident.wounded_high)
    civilians = count_range_label(incident.civilians_killed_low, incident.civilians_killed_high)
    casualty_parts = []
    if killed is not None:
        casualty_parts.append(f"{killed} killed")
    if civilians is not None:
        # sources differ: "at least 14 killed" by one, "18 civilians" by another is no part of the first's 14
        within = incident.killed_low is None or (incident.civilians_killed_low or 0) <= incident.killed_low
        casualty_parts.append(f"including {civilians} civilians" if within else f"{civilians} civilians by one account")
    if wounded is not None:
        casualty_parts.append(f"{wounded} wounded")
    casualties = ", ".join(casualty_parts) or "not reported"
    if incident.casualty_reporter and casualty_parts:
        casualties += f" (according to {incident.casualty_reporter})"

    denied = incident.denied_by
    badges = [html.Span("CLAIM" if incident.is_claim else "REPORTED",
                        className="badge " + ("badge-claim" if incident.is_claim else "badge-fact"))]
    if denied:
        badges.append(html.Span("DENIED", className="badge badge-denied"))
    if coarse:
        badges.append(html.Span(f"DATE: {precision_text.upper()}", className="badge badge-coarse"))

    names = [p["name"] for p in places if p["name"]]
    source_items = [source_item(source, (reports or {}).get(source.report_id), names)
                    for source in incident.sources]

    corroboration = incident.corroboration or 1
    return html.Div([
        html.Div(badges, className="badges"),
        html.H3(type_label(incident.event_type), className="details-title"),
        html.Div(incident.acled_event_type or "", className="muted acled"),
        html.Dl([
            _field("Date", [when, html.Span(f" (precision: {precision_text})",
                                             className="coarse" if coarse else "muted")]),
            _field("Where", html.Ul(place_items, className="plain") if place_items else "no resolved place"),
            _field("Casualties", casualties),
            _field(speaker_label(incident.is_claim).capitalize(), incident.claimant or "—"),
            _field("Denied by", ", ".join(denied) if denied else "—", class_name="denied" if denied else ""),
            *([_field("Counter-claims", "; ".join(incident.counter_claims))] if incident.counter_claims else []),
            _field("Verification", incident.verification or "no verification note"),
            _field("Corroboration", f"{corroboration} independent source{'s' if corroboration != 1 else ''}"),
        ], className="fields"),
        html.H4(f"Sources ({len(source_items)})"),
        html.Ol(source_items, className="sources"),
    ], className="details-body", **{"data-incident": incident.incident_id or ""})


def unmapped_list(unmapped: Mapping) -> html.Div:
    """Incidents with no resolved place or no date, listed beside the map so none is lost."""
    def section(title: str, rows: Sequence[Mapping], count: int) -> html.Div:
        items = [html.Li(html.Button([html.Span(type_label(r.get("type")), className="u-type"),
                                      html.Span(f" · {r.get('date_label')}", className="muted"),
                                      html.Div(r.get("place") or r.get("claimant") or "", className="muted small")],
                                     id={"type": ids.UNMAPPED_ITEM, "id": r["id"]}, className="linklike", n_clicks=0))
                 for r in rows]
        more = [html.Li(f"… and {count - len(rows)} more", className="muted")] if count > len(rows) else []
        return html.Div([html.H5(f"{title} ({count})"), html.Ul(items + more, className="plain unmapped-items")
                         if items else html.P("none", className="muted small")])

    return html.Div([
        section("No resolved place", unmapped.get("unplaced", []), unmapped.get("unplaced_count", 0)),
        section("No date", unmapped.get("undated", []), unmapped.get("undated_count", 0)),
    ])


def shown_places(names: Sequence[str]) -> list:
    """The place names on the map as list items (visually hidden; read by tests and screen readers)."""
    return [html.Li(name) for name in names]


# The count's words, written once: `count_text` fills them here, and the page fills the same ones for each
# slider window it draws itself (assets/time.js, countText; the map data carries them).
COUNT_WORDS = {
    "of_total": " of {total} incidents",
    "undated_shown": ", {n} undated",
    "undated_left": " · {n} undated: in no date window (widen it to all dates)",
    "clustered": " · grouped into clusters: zoom in or narrow the filters to see single points",
    "points": " · {n} map points",
}


def count_text(shown: int, total: int, *, clustered: bool, points: int, undated_shown: int = 0,
               undated_left: int = 0) -> list:
    """'12 of 40 incidents' plus how they are drawn; the undated ones said apart: those shown ('2 undated'),
    and those a date window leaves out (no window can hold them). The count itself is one piece the header
    never cuts; the notes after it give way first (an ellipsis) when the header is narrow."""
    def fill(key: str, n: int = 0) -> str:
        return COUNT_WORDS[key].replace("{n}", f"{n:,}").replace("{total}", f"{total:,}")

    main = [html.Strong(f"{shown:,}"), fill("of_total")]
    if undated_shown:
        main[-1] += fill("undated_shown", undated_shown)
    notes = fill("undated_left", undated_left) if undated_left else ""
    if clustered:
        notes += fill("clustered")
    elif shown:
        notes += fill("points", points)
    text = [html.Span(main, className="count-main")]
    if notes:
        notes = notes.lstrip(" ")  # the CSS margin is the space: a flex item drops its leading one
        text.append(html.Span(notes, className="count-notes muted", title=notes.lstrip("· ")))
    return text


def _swatch(colour: str, size: float = 12.0, *, ring: bool = False, dot: bool = False, faded: bool = False,
            halo: bool = False) -> html.Span:
    style = {"width": f"{size:.0f}px", "height": f"{size:.0f}px", "background": colour}
    if ring:
        style.update(background="#fff", boxShadow=f"inset 0 0 0 3px {colour}")
    if faded:
        style["opacity"] = 0.5
    if halo:
        style.update(background="rgba(93,109,126,0.18)", boxShadow=f"inset 0 0 0 1px {HALO_COLOUR}")
    return html.Span(html.Span(className="dot-centre") if dot else None, className="swatch", style=style)


def map_legend(types: Sequence[str], *, outline: Optional[str] = None, layers: Sequence[str] = DEFAULT_LAYERS) -> list:
    """What every mark the map draws means, for the map `layers` switched on: a layer switched off takes its
    entries with it. Event types are all the store's (so entries never come and go while the date window
    moves): colours, sizes, rings, fading and halos; and `outline`, the name of the conflict outline the map
    draws dashed (`figures.outline_label`), when it draws one."""
    layers = set(layers)
    points, claims = bool({"incidents", "claims"} & layers), "claims" in layers
    colours = type_colours(types)
    kinds = [html.Li([_swatch(colours.get(kind, UNKNOWN_COLOUR)), html.Span(type_label(kind))])
             for kind in sorted(colours)]
    sizes = [html.Span(_swatch("#777", marker_size(k)), title=f"{k} killed") for k in (0, 10, 100)]
    halo_low, halo_high = HALO_RADIUS_KM[2], HALO_RADIUS_KM[5]
    marks = [
        (points, [html.Span(sizes, className="legend-sizes"),
                  html.Span("size: casualties (0, 10, 100 killed); area grows with the count")]),
        (claims, [_swatch("#777", ring=True), html.Span("ring: a claim (reported speech), not a reported fact")]),
        (claims, [_swatch("#777", ring=True, dot=True), html.Span("dark centre: the claim is denied")]),
        (points, [_swatch("#777", faded=True), html.Span("faded: date known only to a week or month")]),
        (points, [_swatch(UNDATED_COLOUR, ring=True), html.Span(UNDATED_LABEL)]),
        ("halos" in layers, [_swatch("", 16, halo=True),
                             html.Span(f"shaded circle: where the place may be ({halo_low:.0f}-{halo_high:.0f} km), "
                                       "drawn under the markers")]),
        (points, [html.Span("◎", className="legend-glyph"), html.Span(COUNTRY_LEVEL_LABEL)]),
        (points, [html.Span("12", className="legend-cluster"),
                  html.Span("a numbered circle: that many incidents grouped; zoom in to split it")]),
        ("mentions" in layers, [_swatch(MENTION_COLOUR, faded=True),
                                html.Span("mentioned place: named in a report (larger: named more often)")]),
    ]
    items = [html.Li(children) for shown, children in marks if shown]
    if outline and "regions" in layers:
        items.append(html.Li([html.Span(className="outline-swatch",
                                        style={"background": REGION_FILL, "border": f"1.5px dashed {REGION_LINE}"}),
                              html.Span(f"dashed: {outline}")], id=ids.LEGEND_OUTLINE))
    if not items and not points:
        items.append(html.Li("No map layer is on: switch one on under ☰ Filters, Map layers.", className="hint"))
    return [*([html.Ul(kinds, className="legend-types")] if points else []),
            html.Ul(items, className="legend-marks")]


FORMAT_LABELS = {"geojson": "GeoJSON", "gpkg": "GeoPackage", "csv": "CSV", "kml": "KML"}
FORMAT_HINTS = {"geojson": "RFC 7946 GeoJSON, one feature per incident", "gpkg": "GeoPackage for QGIS: "
                "incidents, claims and places layers", "csv": "CSV with ACLED-like columns",
                "kml": "KML for Google Earth"}


def export_toolbar(*, default_title: str) -> list:
    """Download buttons for the filtered view, and the briefing pack's title, options and button."""
    exports = html.Div(
        [html.Span("Export view", className="toolbar-label")]
        + [html.Button(FORMAT_LABELS[fmt], id=button_id, n_clicks=0, title=FORMAT_HINTS[fmt],
                       className="button toolbar-button") for fmt, button_id in ids.EXPORT_BUTTONS.items()],
        className="toolbar-group", role="group", **{"aria-label": "export the filtered view"})
    briefing = html.Div([
        html.Label([html.Span("Briefing title", className="visually-hidden"),
                    dcc.Input(id=ids.BRIEFING_TITLE, type="text", value="", placeholder=default_title,
                              className="toolbar-title")]),
        dcc.Checklist(id=ids.BRIEFING_STATIC, options=[{"label": "PNG + PDF", "value": "static"}], value=[],
                      className="toolbar-check", inline=True),
        html.Button("Briefing", id=ids.BRIEFING, n_clicks=0, className="button toolbar-button briefing",
                    title="a standalone HTML page of this view (with PNG + PDF: a zip, takes a few seconds)"),
    ], className="toolbar-group", role="group", **{"aria-label": "briefing pack"})
    # While a file is written a note stands where the status goes (the buttons are disabled meanwhile).
    busy = dcc.Loading([html.Span(id=ids.EXPORT_STATUS, className="toolbar-status", role="status"),
                        dcc.Download(id=ids.EXPORT_DOWNLOAD), dcc.Download(id=ids.BRIEFING_DOWNLOAD)],
                       custom_spinner=html.Span("writing the file…", className="toolbar-status busy"),
                       parent_className="toolbar-busy")
    return [exports, briefing, busy]


def panel(title: str, children, *, class_name: str = "") -> html.Section:
    """A titled box of the page."""
    return html.Section([html.H2(title, className="panel-title"), *children], className=f"panel {class_name}")


def filter_block(label: str, control, *, hint: Optional[str] = None) -> html.Div:
    """A labelled filter control."""
    return html.Div([html.Label(label, className="filter-label"), control,
                     *([html.Div(hint, className="hint")] if hint else [])], className="filter")


def day_marks(first: int, last: int, iso_of) -> dict:
    """Slider marks: days, Mondays, first days of months or New Year's days within the range (every second,
    third ... of them, so that about ten fit a narrow slider), labelled as the timeline labels its ticks, plus
    both ends with their year."""
    from datetime import date

    marks = {}
    span = last - first
    step = 1 if span <= 10 else {"days": 7, "months": 30, "years": 365}[date_scale(span)]
    every = max(1, -(-span // (step * 10)))  # at most about ten marks between the ends
    label = date_tick_format(iso_of(first), iso_of(last))  # what the timeline under the slider says of a date
    for day in range(first, last + 1):
        d = date.fromisoformat(iso_of(day))
        if step == 1:
            marked = (day - first) % every == 0
        elif step == 7:
            marked = d.weekday() == 0 and (day // 7) % every == 0
        elif step == 30:
            marked = d.day == 1 and (d.year * 12 + d.month) % every == 0
        else:
            marked = d.month == 1 and d.day == 1 and d.year % every == 0
        if marked:
            marks[day] = {"label": d.strftime(label).strip()}
    for day in (first, last):
        marks[day] = {"label": date.fromisoformat(iso_of(day)).strftime("%-d %b %Y")}
    # Keep marks from crowding the ends, whose labels carry the year and are wider ('21 Oct 1999').
    room = max(step * every * 0.6, span * 0.08)
    for day in list(marks):
        if day not in (first, last) and (day - first < room or last - day < room):
            del marks[day]
    return marks


__all__ = ["map_legend", "report_with_evidence", "source_item", "export_toolbar", "FORMAT_LABELS", "highlighted_sentence", "incident_details", "unmapped_list", "shown_places", "count_text", "panel",
           "filter_block", "day_marks"]
