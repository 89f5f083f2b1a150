"""The admin speaks bokmål to every editor, new or old, whatever their browser asks for (issue 12,
point 12): Wagtail's own words, the approval workflow's and the project's columns."""

import re
from pathlib import Path

import polib
import pytest
import wagtail
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.core.workflows import ensure_approval_workflow
from conference.registration.models import Registration
from tests.cms.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.conference.registration.factories import TicketTypeFactory, form_data, make_edition
from tests.conftest import MODEL_BACKEND

pytestmark = pytest.mark.django_db

ENGLISH_SEEN_IN_ISSUE = ["Pages", "Awaiting", "In Moderation", "IN MODERATION", "Request changes", "Full name"]


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


def _wagtail_english_patterns() -> list[re.Pattern]:
    """Wagtail's English messages with placeholders (``Edited by %(name)s``), as patterns."""
    patterns = []
    for po in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po)):
            for msgid in (entry.msgid, entry.msgid_plural):
                if msgid and "%(" in msgid and "<" not in msgid and len(re.sub(r"%\(\w+\)[sd]", "", msgid)) > 6:
                    parts = re.split(r"%\(\w+\)[sd]", msgid)
                    patterns.append(re.compile(".+?".join(re.escape(part) for part in parts)))
    return patterns


def _wagtail_english() -> set[str]:
    """Every message of Wagtail's own catalogues, in English (single words of three letters or
    more, or phrases), to recognise an untranslated Wagtail string in a rendered page."""
    messages = set()
    for po in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po)):
            for msgid in (entry.msgid, entry.msgid_plural):
                if msgid and "%" not in msgid and "{" not in msgid and "<" not in msgid and len(msgid) > 3:
                    messages.add(msgid)
    return messages


def _visible_text(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    texts = [" ".join(t.split()) for t in soup.find_all(string=True)]
    texts += [el[attr] for attr in ("aria-label", "title", "placeholder") for el in soup.find_all(attrs={attr: True})]
    return [t for t in texts if t]


# Not English left over: the same word in bokmål, or text Wagtail does not translate at all.
NOT_ENGLISH = {
    "Status",
    "Type",
    "Administrator",  # the group's name
    "Actions",  # aria-label hard-coded in wagtailadmin/shared/headers/_actions.html
    "None",  # the side panel's hidden, empty counter
}


def _menu_labels(html: str) -> list[str]:
    """The sidebar menu is drawn by JavaScript from JSON props: its labels, too."""
    import json

    props = BeautifulSoup(html, "html.parser").find("script", id="wagtail-sidebar-props")
    labels = []

    def walk(node):
        if isinstance(node, dict):
            labels.extend(v for k, v in node.items() if k == "label" and isinstance(v, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if props is not None:
        walk(json.loads(props.string))
    return labels


def english_left(html: str, english: set[str]) -> list[str]:
    texts = set(_visible_text(html) + _menu_labels(html)) - NOT_ENGLISH
    found = {t for t in texts if t in english and not re.fullmatch(r"[A-Z]{2,}|\W+", t)}
    found |= {t for t in texts for pattern in PATTERNS if pattern.fullmatch(t)}
    return sorted(found)


PATTERNS = _wagtail_english_patterns()


@pytest.fixture
def new_editor(django_user_model, client):
    """A publisist just added by an administrator: no admin preferences of their own, and a
    browser that asks for English first."""
    user = django_user_model.objects.create_user("ny", "ny@example.com", "passord-som-er-langt", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisist"))
    client.force_login(user, backend=MODEL_BACKEND)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en-GB,en;q=0.9"
    return user


def test_new_editors_dashboard_and_page_listing_are_in_bokmal(client, home_page, new_editor, django_user_model):
    index = NewsIndexPageFactory(parent=home_page)
    ensure_approval_workflow(index)
    page = NewsPageFactory(parent=index, title="Til godkjenning")
    page.save_revision(user=new_editor)
    page.get_workflow().start(page, new_editor)  # on their dashboard: "Awaiting <task>"
    other = NewsPageFactory(parent=index, title="Fra en kollega")
    colleague = django_user_model.objects.create_user("kollega", "k@example.com", "passord-som-er-langt")
    other.save_revision(user=colleague)
    other.get_workflow().start(other, colleague)  # on their dashboard: "Awaiting your review"

    english = _wagtail_english()
    screens = {
        "dashboard": reverse("wagtailadmin_home"),
        "pages": reverse("wagtailadmin_explore", args=[index.pk]),
        "edit in moderation": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "search": reverse("wagtailadmin_pages:search") + "?q=godkjenning",
        "account": reverse("wagtailadmin_account"),
    }
    left = {}
    for name, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        if name == "pages":
            assert "Sider" in html
        found = [phrase for phrase in ENGLISH_SEEN_IN_ISSUE if re.search(rf">\s*{phrase}\b", html)]
        found += english_left(html, english)
        if found:
            left[name] = found
    assert left == {}, f"English left in the admin: {left}"
    dashboard = " ".join(BeautifulSoup(client.get(screens["dashboard"]).content, "html.parser").get_text().split())
    assert "Venter på Godkjenning av publisist" in dashboard


def test_an_editor_who_chose_english_keeps_it(client, home_page, new_editor):
    profile = UserProfile.get_for_user(new_editor)
    profile.preferred_language = "en"
    profile.save()
    assert "Dashboard" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_registration_listing_columns_are_in_bokmal(admin_client, home_page):
    ticket = TicketTypeFactory(edition=make_edition(home_page))
    admin_client.post("/pamelding/2030/", form_data(ticket))
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = admin_client.get(reverse("registrations:index")).content.decode()
    headers = [" ".join(th.get_text().split()) for th in BeautifulSoup(html, "html.parser").select("thead th")]
    assert "Navn" in headers and "Organisasjon" in headers, headers
    assert "Full name" not in html


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_wagtail_supplement_catalogue_is_complete_and_compiles(domain):
    """locale/wagtail/nb is kept by hand: every entry translated, placeholders kept."""
    import shutil
    import subprocess

    po_path = Path(__file__).resolve().parents[3] / "locale" / "wagtail" / "nb" / "LC_MESSAGES" / f"{domain}.po"
    po = polib.pofile(str(po_path))
    assert [e.msgid for e in po if not e.translated()] == []
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed (apt-get install gettext)"
    result = subprocess.run([msgfmt, "--check-format", "-o", "/dev/null", str(po_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_organisers_listings_are_in_bokmal(admin_client, home_page):
    """The listings an organiser or administrator opens: registrations, every snippet, workflows,
    users and groups."""
    from wagtail.snippets.models import get_snippet_models

    ticket = TicketTypeFactory(edition=make_edition(home_page))
    admin_client.post("/pamelding/2030/", form_data(ticket))
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    urls = [reverse("registrations:index"), reverse("wagtailusers_users:index"), reverse("wagtailusers_groups:index")]
    urls += [reverse("wagtailadmin_workflows:index"), reverse("wagtailadmin_workflows:task_index")]
    urls += [reverse(model.snippet_viewset.get_url_name("list")) for model in get_snippet_models()]
    urls += [reverse(model.snippet_viewset.get_url_name("add")) for model in get_snippet_models()]
    registration = Registration.objects.get()
    urls += [
        reverse("registrations:inspect", args=[registration.pk]),
        reverse("registrations:edit", args=[registration.pk]),
    ]
    urls += [reverse("wagtailimages:index"), reverse("wagtaildocs:index"), reverse("wagtailadmin_reports:site_history")]
    urls += [reverse("wagtailadmin_reports:locked_pages"), reverse("wagtailadmin_reports:aging_pages")]
    urls += [reverse("wagtailadmin_pages:add_subpage", args=[home_page.pk])]
    english = _wagtail_english()
    left = {}
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        found = english_left(response.content.decode(), english)
        if found:
            left[url] = found
    assert left == {}, f"English left in the admin: {left}"


def test_admin_javascript_speaks_bokmal(client, new_editor):
    """The sidebar, comments and block editor take their words from the JavaScript catalogue."""
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    for bokmal in ("Hovedmeny", "Vis/skjul sidemenyen", "Legg til en kommentar", "Sett inn en blokk"):
        assert bokmal in script, bokmal


def test_page_editors_of_the_main_page_types_are_in_bokmal(admin_client, home_page):
    from tests.cms.news.factories import EventIndexPageFactory, EventPageFactory
    from tests.cms.plans.factories import make_plan
    from tests.factories import StandardPageFactory

    edition = make_edition(home_page)
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    pages = [home_page, StandardPageFactory(parent=home_page), news, event, make_plan(home_page, focus_areas=1)]
    pages += [edition, edition.get_parent()]
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    english = _wagtail_english()
    left = {}
    for page in pages:
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
        found = english_left(response.content.decode(), english)
        if found:
            left[type(page.specific).__name__] = found
    assert left == {}, f"English left in the admin: {left}"
