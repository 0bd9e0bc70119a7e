"""Serving the dashboard with a production WSGI server (waitress): threads, no reloader, no debugger."""

from __future__ import annotations

import logging
from typing import Optional

DEFAULT_THREADS = 8


def warm_up(app, store_path) -> None:
    """Import and read, once and in one thread, what the callbacks would otherwise do first in many at once.

    Fifty sessions arriving together would each start the same lazy imports (pandas by way of the
    exports) and the same first read of the store; a module seen half-initialised by a second thread
    fails that request. Doing it here, before the first request, makes every request a warm one.
    """
    import pandas  # noqa: F401  (imported lazily by the export and briefing callbacks)

    import geomap.io  # noqa: F401
    import geomap.io.briefing  # noqa: F401
    from geomap.dashboard import queries

    conn = queries.connect(store_path)
    queries.snapshot(conn, store_path)
    queries.catalog(conn)


def serve(app, *, store_path, host: str = "127.0.0.1", port: int = 8050, threads: int = DEFAULT_THREADS,
          log: Optional[logging.Logger] = None) -> None:
    """Serve `app` (from `create_app`) with waitress until interrupted."""
    from waitress import serve as waitress_serve

    warm_up(app, store_path)
    (log or logging.getLogger("geomap")).info("geomap dashboard on http://%s:%s/", host, port)
    # Each browser session opens a few connections at once (the page, its scripts, parallel callbacks);
    # a generous backlog and connection limit let fifty of them queue rather than be refused.
    waitress_serve(app.server, host=host, port=port, threads=threads, ident="geomap", backlog=1024,
                   connection_limit=1000, channel_timeout=60, clear_untrusted_proxy_headers=True)


__all__ = ["serve", "warm_up", "DEFAULT_THREADS"]
