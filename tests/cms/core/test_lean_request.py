"""What every request pays: /healthz makes one database round trip, and the CSP header is built
once rather than per response (but still per response when a nonce or a decorator needs it)."""

from unittest import mock

import pytest
from csp.utils import build_policy
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from cms.core.csp import CSPMiddleware

pytestmark = pytest.mark.django_db


def test_healthz_skips_djangos_extra_health_check_round_trip(client, settings):
    connection.ensure_connection()
    connection.health_check_enabled = True
    connection.health_check_done = False
    with mock.patch.object(connection, "is_usable", wraps=connection.is_usable) as is_usable:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert is_usable.call_count == 0


def _respond(view):
    request = RequestFactory().get("/side/")
    middleware = CSPMiddleware(view)
    return middleware(request)


def test_memoised_policy_is_the_policy_django_csp_builds():
    response = _respond(lambda request: HttpResponse("hei"))
    assert response["Content-Security-Policy"] == build_policy()


def test_policy_follows_a_settings_change(settings):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["https://bilder.example"]}
    }
    response = _respond(lambda request: HttpResponse("hei"))
    assert "img-src https://bilder.example" in response["Content-Security-Policy"]


def test_a_response_that_used_a_nonce_gets_that_nonce_in_its_header():
    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    response = _respond(view)
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_excluded_prefixes_get_no_header():
    request = RequestFactory().get("/admin/")
    response = CSPMiddleware(lambda request: HttpResponse("admin"))(request)
    assert "Content-Security-Policy" not in response
