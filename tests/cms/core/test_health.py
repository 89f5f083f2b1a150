"""The /healthz probe under gunicorn (cms.wsgi): answered before the middleware stack, with
the same answers as the view, and nothing else taken out of Django's hands."""

from unittest import mock

import pytest
from django.core import signals
from django.db import OperationalError, close_old_connections
from django.test import RequestFactory

from cms.core.health import HealthzShortcut
from cms.wsgi import application

pytestmark = pytest.mark.django_db


def _call(app, method="GET", path="/healthz", **extra):
    environ = RequestFactory(HTTP_HOST="localhost").generic(method, path, **extra).environ
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = status
        started["headers"] = dict(headers)

    # As Django's test client does: the test's transaction must survive the request signals
    # (outside tests they close obsolete connections, which is what they are there for).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(app(environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return int(started["status"].split()[0]), started["headers"], body


def test_probe_answers_ok_without_the_django_stack():
    inner = mock.Mock()
    status, headers, body = _call(HealthzShortcut(inner))
    assert status == 200
    assert body == b'{"status": "ok"}'
    assert headers["Content-Type"] == "application/json"
    assert "no-store" in headers["Cache-Control"]
    inner.assert_not_called()


def test_probe_answers_503_when_the_database_is_down():
    with mock.patch("cms.core.health.connection.cursor", side_effect=OperationalError("connection refused")):
        status, headers, body = _call(HealthzShortcut(mock.Mock()))
    assert status == 503
    assert b'"database": "unreachable"' in body
    assert "no-store" in headers["Cache-Control"]


def test_head_probe_has_no_body():
    status, _headers, body = _call(HealthzShortcut(mock.Mock()), method="HEAD")
    assert status == 200
    assert body == b""


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/healthz"), ("GET", "/healthz/"), ("GET", "/healthzz"), ("GET", "/healthz?x=1"), ("GET", "/")],
)
def test_everything_else_goes_to_django(method, path):
    def inner(environ, start_response):
        start_response("418 I'm a teapot", [])
        return [b"django"]

    status, _headers, body = _call(HealthzShortcut(inner), method=method, path=path)
    assert (status, body) == (418, b"django")


def test_the_served_application_answers_the_probe_and_refuses_a_post_to_it():
    status, _headers, body = _call(application)
    assert (status, body) == (200, b'{"status": "ok"}')
    # A POST is not a probe: Django's stack answers it, as before (CSRF refuses it first).
    status, _headers, body = _call(application, method="POST")
    assert status in (403, 405)
    assert body != b'{"status": "ok"}'
