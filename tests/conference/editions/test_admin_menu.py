"""One "Conference" admin menu, defined by the editions app, holds every conference app's items."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import admin_menu

from tests.conference.registration.admin.conftest import organiser  # noqa: F401

pytestmark = pytest.mark.django_db


def top_level_menu(user):
    reverse("wagtailadmin_home")  # loads the URLconf, which registers the admin viewsets and their menu items
    request = RequestFactory().get("/admin/")
    request.user = user
    return request, admin_menu.menu_items_for_request(request)


def test_conference_tools_share_one_admin_menu(admin_user):
    with translation.override("en"):
        request, items = top_level_menu(admin_user)
        labels = [str(item.label) for item in items]
        conference = [item for item in items if item.name == "conference"]
        assert len(conference) == 1
        assert "Registration setup" not in labels
        shown = sorted(conference[0].menu.menu_items_for_request(request), key=lambda item: item.order)
        submenu = [str(item.label) for item in shown]

    assert submenu[:5] == [
        "Registrations",
        "Registration dashboard",
        "Check-in",
        "Register someone",
        "E-mail to attendees",
    ]
    for label in ("Ticket types", "Add-ons", "Registration settings", "Card payments", "Stripe events"):
        assert label in submenu


def test_conference_menu_is_called_konferanse_in_bokmal(admin_user):
    with translation.override("nb"):
        _request, items = top_level_menu(admin_user)
        assert [str(item.label) for item in items if item.name == "conference"] == ["Konferanse"]


def test_edition_switcher_lists_each_edition_once_when_translated(client, organiser, home_page, en_locale):  # noqa: F811
    from cms.core.demo_utils import ensure_translation
    from tests.conference.registration.factories import make_edition
    from tests.conftest import MODEL_BACKEND

    edition = make_edition(home_page, year=2030)
    make_edition(home_page, year=2031)
    ensure_translation(home_page, "en", title="Home")
    ensure_translation(edition.get_parent(), "en", title="The conference")
    english = ensure_translation(edition, "en", title="The 2030 conference")
    client.force_login(organiser, backend=MODEL_BACKEND)

    response = client.get("/admin/registration-tools/", {"edition": edition.pk})

    assert response.status_code == 200
    assert [e.pk for e in response.context["editions"]] == [
        e.pk for e in response.context["editions"] if e.locale_id == edition.locale_id
    ]
    assert len(response.context["editions"]) == 2
    assert response.context["edition"].pk == edition.pk
    assert client.get("/admin/registration-tools/", {"edition": english.pk}).status_code == 404
