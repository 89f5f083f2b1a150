"""The load balancer's health probe, answered before Django's request handling.

``/healthz`` is asked every few seconds by every load balancer and Varnish probe, and its
answer depends on one thing: whether the database answers ``SELECT 1``. The view
(``cms.core.views.healthz``) stays for the test client and for any server that does not use
``cms.wsgi``; under gunicorn the WSGI wrapper below answers the same GET/HEAD first, so the
probe does not pay the middleware stack (session, locale, page cache, CSRF, CSP, rate limit …)
that it never uses. Connections are handled as for any request: Django's ``request_started``
and ``request_finished`` signals run around it (CONN_MAX_AGE, broken connections closed).
"""

from __future__ import annotations

import json
import logging

from django.core import signals
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

PATH = "/healthz"
OK_BODY = json.dumps({"status": "ok"}).encode()
ERROR_BODY = json.dumps({"status": "error", "database": "unreachable"}).encode()
# What never_cache sets on the view's answer: a probe is never cached anywhere.
NO_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def database_answers() -> bool:
    """One ``SELECT 1``. It is itself a connection health check, so Django's own (another
    ``SELECT 1`` before the first query on a reused connection, CONN_HEALTH_CHECKS) is skipped:
    one round trip instead of two. A stale connection fails this probe once and is closed at
    the end of the request (Django closes connections that saw errors); the next one reconnects."""
    connection.health_check_done = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check failed: database unreachable")
        return False
    return True


class HealthzShortcut:
    """WSGI wrapper: GET/HEAD ``/healthz`` answered here, everything else by ``app``."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if environ.get("PATH_INFO") != PATH or method not in ("GET", "HEAD") or environ.get("QUERY_STRING"):
            return self.app(environ, start_response)
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            ok = database_answers()
        finally:
            signals.request_finished.send(sender=self.__class__)
        body = OK_BODY if ok else ERROR_BODY
        start_response(
            "200 OK" if ok else "503 Service Unavailable",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", NO_CACHE),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [b""] if method == "HEAD" else [body]
