from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import path


@pytest.mark.django_db
def test_healthz_answers_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_database_is_down(client):
    with mock.patch("cms.core.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_unknown_url_gives_designed_404(client, home_page):
    response = client.get("/finnes-ikke-i-det-hele-tatt/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-header"' in html and 'role="search"' in html


def _boom(request):
    raise RuntimeError("database exploded")


urlpatterns = [path("boom/", _boom)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_gives_designed_500_without_stack_trace(client):
    from cms.core.views import server_error

    client.raise_request_exception = False
    with mock.patch("django.urls.resolvers.URLResolver.resolve_error_handler", return_value=server_error):
        response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Noe gikk galt" in html
    assert "RuntimeError" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_security_headers_and_csp_without_inline_scripts(client, home_page):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'self'" in script_src
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_robots_and_sitemap(client, home_page):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"<loc>http://testserver/</loc>" in sitemap.content


@pytest.mark.django_db
def test_admin_login_is_throttled_after_repeated_failures(client, admin_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "redaktor", "password": "feil"})
    # Even the right password is refused while locked out.
    response = client.post("/admin/login/", {"username": "redaktor", "password": "passord-som-er-langt"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
