"""A NUL character (``%00``) anywhere in a request never reaches the database.

PostgreSQL refuses NUL in text (``DataError``), so before ``cms.core.middleware.NulCharacterMiddleware``
``/pamelding/p/%00/`` or ``/sok/?q=%00`` answered 500. These tests walk every URL pattern of the
project, anonymously and as a superuser, with a NUL in every path converter, in the query string
and in every form field, and require an answer below 500. They mean most on PostgreSQL (CI);
on SQLite they still check that nothing breaks."""

import re
import warnings

import pytest
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from conference.registration.models import Registration
from tests.cms.news.factories import EventIndexPageFactory, EventPageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.conference.factories import add_sessions
from tests.conference.registration.factories import TicketTypeFactory, form_data, make_edition, t
from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Query names the site's and Wagtail's views read, each with a NUL, and a name that is one.
QUERY_NAMES = [
    "q", "p", "page", "dato", "tema", "aar", "vis", "format", "edition", "session_id", "ordering",
    "next", "locale", "collection_id", "tag", "type", "status", "id", "parent_page_id", "model",
]  # fmt: skip
NUL_QUERY = "?" + "&".join(f"{name}=%00" for name in QUERY_NAMES) + "&%00=%00"
# Form names posted with a NUL on top of those the page's own forms name.
FORM_NAMES = ["q", "action", "username", "password", "email", "title", "slug", "name", "edition", "next"]
# Not posted to as a superuser: they would remove the data (or the login) the walk relies on.
DESTRUCTIVE = re.compile(r"delete|logout|unpublish|revert|move|copy|convert_alias|lock|unlock")


class Group:
    """A converter of a route (``<int:pk>``) or a group of a regex pattern."""

    def __init__(self, name, converter=None):
        self.name, self.converter = name, converter


def _route_tokens(route):
    tokens, last = [], 0
    for match in re.finditer(r"<(?:(\w+):)?(\w+)>", route):
        tokens += [route[last : match.start()], Group(match.group(2), match.group(1) or "str")]
        last = match.end()
    return [*tokens, route[last:]]


def _regex_tokens(regex):
    """Literal text and groups of a URL regex (enough for the patterns Django, Wagtail and we use)."""
    regex = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    tokens, literal, i = [], "", 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            literal += regex[i + 1]
            i += 2
        elif char == "(" or char == ".":
            end = i
            if char == "(":
                depth = 0
                while True:
                    if regex[end] == "\\":
                        end += 1
                    elif regex[end] == "(":
                        depth += 1
                    elif regex[end] == ")":
                        depth -= 1
                        if depth == 0:
                            break
                    end += 1
            named = re.match(r"\(\?P<(\w+)>", regex[i:])
            tokens += [literal, Group(named.group(1) if named else None)]
            literal, i = "", end + 1
            if i < len(regex) and regex[i] in "*+?":
                i += 1
        else:
            literal += char
            i += 1
    return [*tokens, literal]


def url_patterns():
    """Every URL pattern as (tokens, name), walking ``get_resolver().url_patterns`` recursively."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            pattern = entry.pattern
            if isinstance(pattern, LocalePrefixPattern):
                tokens = [pattern.language_prefix]
            elif isinstance(pattern, RoutePattern):
                tokens = _route_tokens(pattern._route)
            elif isinstance(pattern, RegexPattern):
                tokens = _regex_tokens(pattern._regex)
            else:  # pragma: no cover - a new kind of pattern must be taught to this test
                raise AssertionError(f"unknown pattern type {pattern!r}")
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + tokens)
            else:
                found.append((prefix + tokens, entry.name or ""))

    walk(get_resolver().url_patterns, [])
    return found


def render(tokens, value):
    return "/" + "".join(value(token) if isinstance(token, Group) else token for token in tokens)


def has_groups(tokens):
    return any(isinstance(token, Group) for token in tokens)


@pytest.fixture
def site_data(home_page, client, settings):
    """Demo-like content: pages of the main kinds, an open edition with a programme and one
    registration, so the walk reaches real views rather than 404s."""
    settings.RATELIMIT_ENABLE = False
    # Configured, so the webhook checks the (missing) signature instead of answering 503.
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_test_nul", "whsec_nul"
    StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss", intro="Om samarbeidet.")
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news)
    EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    edition = make_edition(home_page)
    add_sessions(edition, 2)
    ticket = TicketTypeFactory(edition=edition, name="Faktura", price_ore=150000, allow_invoice=True)
    assert client.post(f"/pamelding/{edition.year}/", form_data(ticket)).status_code == 302
    registration = Registration.objects.get()
    values = {
        "year": str(edition.year),
        "token": registration.manage_token,
        "edition_path": edition.url_path.removeprefix(home_page.url_path),
        "app_label": "auth",
        "app_name": "wagtailcore",
        "model_name": "user",
    }
    for name in ("page_id", "parent_page_id", "page_pk", "page_to_move_id", "destination_id"):
        values[name] = str(edition.pk)
    return values


def real_value(values):
    defaults = {"int": "1", "slug": "x", "str": "x", "path": "x"}
    return lambda group: values.get(group.name, defaults.get(group.converter, "x/"))


def walk_site(client, values, *, only_admin=False):
    """GET and POST every pattern with NULs; return the requests that failed because of the NUL.

    A request that answers 500 (or raises) is run again with ``x`` in place of each NUL: if it
    fails just as well, the cause is not the NUL (Wagtail's deliberate test error page, or its
    page editor given a made-up POST without the StreamField counts) and it is reported as a
    warning instead."""
    failures = []

    def outcome(method, url, data):
        try:
            response = client.generic(method, url) if data is None else client.post(url, data)
        except Exception as exc:  # a view that raises is what the test looks for
            return None, f"raised {type(exc).__name__}: {exc}"
        return response, (f"answered {response.status_code}" if response.status_code >= 500 else "")

    def request(method, url, data=None):
        response, problem = outcome(method, url, data)
        if problem:
            plain_data = None if data is None else {k: v.replace("\x00", "x") for k, v in data.items()}
            _, without_nul = outcome(method, url.replace("%00", "x"), plain_data)
            if without_nul:
                warnings.warn(f"{method} {url.split('?')[0]} {problem}, and {without_nul} without NUL", stacklevel=1)
            else:
                failures.append(f"{method} {url} {problem}")
        return response

    for tokens, name in url_patterns():
        is_admin = tokens[0] in ("admin/", "django-admin/")
        if only_admin and not is_admin:
            continue
        if has_groups(tokens):
            nul_url = render(tokens, lambda group: "%00")
            response = request("GET", nul_url + NUL_QUERY)
            if response is not None and response.status_code != 404:
                failures.append(f"GET {nul_url} answered {response.status_code}, not 404")
        url = render(tokens, real_value(values))
        response = request("GET", url + NUL_QUERY)
        if only_admin and DESTRUCTIVE.search(name):
            continue
        fields = set(FORM_NAMES)
        if response is not None and response.status_code == 200 and "html" in response.get("Content-Type", ""):
            fields |= set(re.findall(r'name="([^"]+)"', response.content.decode(errors="replace")))
        fields.discard("csrfmiddlewaretoken")
        request("POST", url + NUL_QUERY, dict.fromkeys(fields, "a\x00b"))
    return failures


def test_every_url_pattern_with_a_nul_answers_below_500_for_anonymous_visitors(client, site_data):
    failures = walk_site(client, site_data)
    assert failures == [], "\n".join(failures)


def test_every_admin_url_pattern_with_a_nul_answers_below_500_for_a_superuser(admin_client, site_data):
    failures = walk_site(admin_client, site_data, only_admin=True)
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize(
    "path",
    [
        "/pamelding/p/%00/",
        "/pamelding/p/%00/billett.pdf",
        "/pamelding/p/%00/kvittering.pdf",
        "/pamelding/p/%00/avbestill/",
        "/pamelding/p/%00/betal/",
        "/pamelding/p/abc%00def/",
        "/pamelding/kvittering/%00/",
        "/pamelding/tilbud/%00/",
        "/%00/",
        "/om-oss%00/",
        "/nyheter/%00/",
        "/nyheter/%00",
        "/en/%00/",
        "/admin/pages/%00/",
        "/documents/%00/x.pdf",
    ],
)
def test_nul_in_the_path_is_not_found(client, site_data, path):
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


def test_pages_still_answer_when_the_query_string_holds_a_nul(client, site_data):
    for path in ("/", "/om-oss/", "/nyheter/", "/nyheter/?tema=%00&aar=%00&page=%00", "/kalender/?vis=%00"):
        assert client.get(path + ("&" if "?" in path else "?") + "q=%00").status_code == 200, path


def test_search_with_a_nul_says_the_query_held_an_invalid_character(client, site_data):
    response = client.get("/sok/?q=forskning%00")
    assert response.status_code == 200
    html = response.content.decode()
    assert t("The search text contained an invalid character. Remove it and try again.") in html
    assert 'name="q" value=""' in html
    plain = client.get("/sok/?q=forskning&page=%00").content.decode()
    assert t("The search text contained an invalid character. Remove it and try again.") not in plain


def test_registration_form_with_a_nul_shows_a_field_error_in_bokmal(client, site_data):
    from conference.registration.models import TicketType

    ticket = TicketType.objects.get()
    response = client.post("/pamelding/2030/", form_data(ticket, n=1, first_name="Kari\x00", job_title="\x00"))
    assert response.status_code == 200
    assert "Null-tegn er ikke tillatt." in response.content.decode()
    assert Registration.objects.count() == 1


def test_manage_form_with_a_nul_shows_a_field_error_in_bokmal(client, site_data):
    response = client.post(f"/pamelding/p/{site_data['token']}/", {"first_name": "\x00", "last_name": "N"})
    assert response.status_code == 200
    assert "Null-tegn er ikke tillatt." in response.content.decode()


def test_a_session_cookie_with_a_nul_is_ignored(client, site_data):
    cookie = 'sessionid="abcdefgh\\000ijklmnop"'  # Django's cookie parser decodes \000 to NUL
    assert client.get("/", HTTP_COOKIE=cookie).status_code == 200
    assert client.get("/admin/", HTTP_COOKIE=cookie).status_code == 302


def test_headers_with_a_nul_do_not_break_the_login_throttle(client, site_data):
    response = client.post(
        "/admin/login/", {"username": "nobody", "password": "wrong"}, HTTP_USER_AGENT="probe\x00", HTTP_REFERER="\x00"
    )
    assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "nobody\x00", "password": "wrong\x00"})
    assert response.status_code == 200
