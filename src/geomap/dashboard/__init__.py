"""The Dash dashboard over an incident store: `create_app(store_path=...)` builds it, nothing runs at import."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Optional, Union

BOUNDARY_ROUTE = "/geomap/boundaries/"


def url_boundaries(name: str) -> str:
    """Boundary layers as URLs on this app: the browser fetches each file once from 127.0.0.1 and caches it."""
    return f"{BOUNDARY_ROUTE}{name}.geojson"


def create_app(store_path: Union[str, Path, None] = None, *, title: str = "geomap", review: bool = False,
               reviewer: Optional[str] = None):
    """A Dash app that reads the store at `store_path` and never writes to it, unless `review` is set.

    A path with no store behind it is shown as an empty store, with the command that fills it;
    responses are compressed (gzip or brotli, as the browser accepts). With `review`, the review panel's
    buttons append to the store's review log as `reviewer` (default: the system user name); see
    geomap.dashboard.review_panel for what that writes.
    """
    import dash
    from flask import Response, abort, request, send_file

    from geomap.dashboard import queries
    from geomap.dashboard.callbacks import legend_outline, register_callbacks
    from geomap.dashboard.layout import serve_layout
    from geomap.resources import BOUNDARY_FILES, boundary_path
    from geomap.store import default_store_path

    store_path = Path(store_path) if store_path is not None else default_store_path()
    assets = resources.files("geomap.dashboard") / "assets"  # the page's CSS and scripts, packaged with it
    app = dash.Dash(__name__, title=title, assets_folder=str(assets), update_title=None,
                    serve_locally=True, suppress_callback_exceptions=False, compress=True)

    @app.server.route(f"{BOUNDARY_ROUTE}<name>.geojson")
    def boundary_file(name: str):
        if name == "regions":
            # Only the outlines this store's incidents meet; the store may change under a running server, so
            # the browser asks again each time and an ETag of the answer spares it the body when nothing changed.
            body = json.dumps(queries.store_outlines(queries.connect(store_path), store_path), separators=(",", ":"))
            response = Response(body, mimetype="application/geo+json", headers={"Cache-Control": "no-cache"})
            response.add_etag()
            return response.make_conditional(request)
        if name not in BOUNDARY_FILES:
            abort(404)
        return send_file(boundary_path(name), mimetype="application/geo+json", max_age=3600)

    def layout():
        conn = queries.connect(store_path)
        return serve_layout(queries.catalog(conn), store_path=str(store_path),
                            problem=queries.store_problem(store_path), review=review,
                            outline=legend_outline(store_path))

    app.layout = layout
    if review:
        from geomap.review import reviewer_name

        reviewer = reviewer_name(reviewer)  # checked once, before the first request
    register_callbacks(app, store_path, boundaries=url_boundaries, review=review, reviewer=reviewer)
    return app


__all__ = ["create_app", "url_boundaries"]
