"""The anonymous page cache: what it serves from memory, what it never caches, and every path
by which an edit reaches visitors at once."""

import pytest
from django.test import Client

from cms.core.models import SiteSettings, StandardPage
from cms.core.page_cache import normalised_query
from cms.plans.models import MeasureStatus
from tests.cms.plans.factories import make_measure, make_plan
from tests.conftest import MODEL_BACKEND

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    page = StandardPage(title="Om oss", slug="om-oss", intro="Første versjon av teksten.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    # Site settings are created on the first render; create them now so that first render
    # does not itself invalidate the cache.
    SiteSettings.for_site(home_page.get_site())
    return page


def test_second_anonymous_get_is_served_from_cache_without_queries(client, about, django_assert_num_queries):
    first = client.get(about.url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(about.url)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_anonymous_page_is_public_with_a_short_max_age_and_validators(client, about):
    response = client.get(about.url)
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert "Cookie" in response["Vary"]
    assert "Cookie" in client.get(about.url)["Vary"]  # also when served from the cache


def test_if_none_match_gets_304_from_cache_and_on_first_render(client, about):
    etag = client.get(about.url)["ETag"]

    cached = client.get(about.url, headers={"if-none-match": etag})
    assert cached.status_code == 304
    assert cached.content == b""

    # Also when the page has just been re-rendered (after an edit that did not change it).
    from cms.core.page_cache import bump_generation

    bump_generation()
    rendered = client.get(about.url, headers={"if-none-match": etag})
    assert rendered.status_code == 304


def test_stale_etag_gets_the_full_page(client, about):
    response = client.get(about.url, headers={"if-none-match": '"not-this-one"'})
    assert response.status_code == 200
    assert b"Om oss" in response.content


def test_query_string_order_and_tracking_parameters_share_one_entry():
    assert normalised_query("b=2&a=1&utm_source=nyhetsbrev&fbclid=x") == normalised_query("a=1&b=2")
    assert normalised_query("side=2") != normalised_query("side=3")


def test_tracking_parameters_are_served_the_cached_page(client, about, django_assert_num_queries):
    client.get(about.url)
    with django_assert_num_queries(0):
        response = client.get(about.url + "?utm_source=nyhetsbrev&utm_medium=epost")
    assert response["X-Page-Cache"] == "hit"


def test_english_and_bokmal_are_cached_apart(client, about):
    nb = client.get("/")
    en = client.get("/en/")
    assert nb.status_code == 200
    assert en.get("X-Page-Cache") != "hit"
    assert 'lang="en"' in en.content.decode() or en.status_code != 200


def test_publishing_a_page_changes_what_anonymous_visitors_see_immediately(client, about):
    assert "Første versjon" in client.get(about.url).content.decode()

    about.intro = "Andre versjon av teksten."
    about.save_revision().publish()

    html = client.get(about.url).content.decode()
    assert "Andre versjon" in html


def test_publishing_a_new_page_updates_the_cached_parent_and_menu(client, home_page, about):
    client.get("/")
    client.get(about.url)
    news = StandardPage(title="Kontakt oss", slug="kontakt", show_in_menus=True)
    home_page.add_child(instance=news)
    news.save_revision().publish()

    assert "Kontakt oss" in client.get("/").content.decode()


def test_unpublishing_a_page_removes_it_at_once(client, about):
    assert client.get(about.url).status_code == 200
    about.unpublish()
    assert client.get(about.url).status_code == 404


def test_deleting_a_page_removes_it_at_once(client, about):
    url = about.url
    assert client.get(url).status_code == 200
    about.delete()
    assert client.get(url).status_code == 404


def test_moving_a_page_removes_it_from_its_old_address(client, home_page, about):
    other = StandardPage(title="Annet", slug="annet")
    home_page.add_child(instance=other)
    other.save_revision().publish()
    old_url = about.url
    assert client.get(old_url).status_code == 200

    about.move(other, pos="last-child")

    assert client.get(old_url).status_code != 200  # a redirect to the new address
    assert client.get("/annet/om-oss/").status_code == 200


def test_changing_site_settings_changes_the_cached_footer(client, home_page, about):
    client.get(about.url)
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.contact_phone = "55 55 12 34"
    site_settings.save()

    assert "55 55 12 34" in client.get(about.url).content.decode()


def test_logged_in_users_never_get_or_fill_the_cache(client, about, admin_user):
    client.get(about.url)  # fills the cache
    editor = Client()
    editor.force_login(admin_user, backend=MODEL_BACKEND)

    response = editor.get(about.url)

    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_page_rendered_for_an_editor_is_not_served_to_anonymous_visitors(client, about, admin_user):
    editor = Client()
    editor.force_login(admin_user, backend=MODEL_BACKEND)
    editor.get(about.url)

    response = client.get(about.url)

    assert response["X-Page-Cache"] == "miss"


def test_response_that_sets_a_cookie_is_not_cached(client, rf, about):
    from cms.core.page_cache import PageCacheMiddleware

    def view(request):
        from django.http import HttpResponse

        response = HttpResponse("hei")
        response.set_cookie("valgt", "1")
        return response

    middleware = PageCacheMiddleware(view)
    request = rf.get("/noe/")
    first = middleware(request)
    second = middleware(rf.get("/noe/"))

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert "no-store" in first["Cache-Control"]


def test_response_with_a_csrf_token_is_not_cached(rf, db):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from cms.core.page_cache import PageCacheMiddleware

    calls = []

    def view(request):
        calls.append(1)
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/skjema/"))
    middleware(rf.get("/skjema/"))

    assert len(calls) == 2


def test_response_that_used_a_csp_nonce_is_not_cached(rf, db):
    from django.http import HttpResponse

    from cms.core.page_cache import PageCacheMiddleware

    calls = []

    def view(request):
        calls.append(1)
        request._csp_nonce = "abc"
        return HttpResponse('<script nonce="abc"></script>')

    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/med-skript/"))
    middleware(rf.get("/med-skript/"))

    assert len(calls) == 2


def test_cached_page_keeps_the_security_headers_of_its_body(client, about):
    first = client.get(about.url)
    second = client.get(about.url)
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "SAMEORIGIN"


def test_not_found_pages_are_not_cached(client, home_page):
    client.get("/finnes-ikke/")
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_visitor_with_pending_messages_is_not_served_a_cached_page(client, about):
    client.get(about.url)
    client.cookies["messages"] = "noe"
    assert "X-Page-Cache" not in client.get(about.url)


def test_healthz_and_admin_are_never_cached(client, home_page):
    client.get("/healthz")
    assert "X-Page-Cache" not in client.get("/healthz")


def test_page_cache_can_be_switched_off(client, about, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_ENABLED = False
    client.get(about.url)
    response = client.get(about.url)
    assert "X-Page-Cache" not in response


# --- Snippets that pages show ---------------------------------------------------------------


@pytest.fixture
def plan(home_page):
    SiteSettings.for_site(home_page.get_site())
    return make_plan(home_page, focus_areas=1)


def test_changing_a_measure_status_invalidates_the_plan_page(client, plan):
    area = plan.focus_areas.first()
    measure = make_measure(area, "6.1.1", title="Felles kompetanseplan")
    assert "Felles kompetanseplan" in client.get(plan.url).content.decode()
    before = client.get(plan.url)
    assert before["X-Page-Cache"] == "hit"

    MeasureStatus.objects.create(measure=measure, date="2026-01-01", status="done", comment="Ferdig")

    after = client.get(plan.url)
    assert after["X-Page-Cache"] == "miss"
    assert after.content != before.content


def test_editing_a_measure_snippet_invalidates_the_plan_page(client, plan):
    area = plan.focus_areas.first()
    measure = make_measure(area, "6.1.1", title="Gammel tittel")
    assert "Gammel tittel" in client.get(plan.url).content.decode()

    measure.title = "Ny tittel på tiltaket"
    measure.save()
    measure.save_revision().publish()

    html = client.get(plan.url).content.decode()
    assert "Ny tittel på tiltaket" in html
    assert "Gammel tittel" not in html


def test_rendering_a_page_does_not_invalidate_the_cache(client, about):
    """Renditions, search index rows and the like written while rendering must not bump."""
    from cms.core.page_cache import current_generation

    before = current_generation()
    client.get(about.url)
    client.get("/")
    assert current_generation() == before


# --- Front cache (Varnish) ------------------------------------------------------------------


@pytest.fixture
def purged(settings, monkeypatch):
    """A Varnish front cache whose PURGE requests are recorded instead of sent."""
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://varnish:6081"}
    }
    urls = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: urls.append(url))
    return urls


def _commit_fixtures(purged):
    """Run what the fixtures left for "after commit" (the test's transaction never commits), so
    that only the action under test counts."""
    from django.db import connection

    pending, connection.run_on_commit = connection.run_on_commit, []
    for _savepoints, callback, _robust in pending:
        callback()
    purged.clear()


def test_publishing_a_page_purges_the_front_cache_after_commit(about, purged, django_capture_on_commit_callbacks):
    _commit_fixtures(purged)
    with django_capture_on_commit_callbacks(execute=True):
        about.intro = "Ny tekst."
        about.save_revision().publish()

    assert purged == ["http://testserver/.purge-all"]


def test_a_snippet_edit_purges_the_front_cache_once(home_page, purged, django_capture_on_commit_callbacks):
    plan = make_plan(home_page, focus_areas=1)
    _commit_fixtures(purged)
    with django_capture_on_commit_callbacks(execute=True):
        make_measure(plan.focus_areas.first(), "6.1.1", title="Tiltak")

    assert purged == ["http://testserver/.purge-all"]


def test_without_a_front_cache_nothing_is_purged(about, settings, django_capture_on_commit_callbacks):
    from cms.core.page_cache import current_generation

    settings.WAGTAILFRONTENDCACHE = None
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    assert current_generation() != before
