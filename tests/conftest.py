"""Shared fixtures: a site with a bokmål home page, as the demo and production have."""

import pytest
import wagtail.test.utils.page_tests
from wagtail.models import Locale, Site

from home.models import HomePage

# django-axes' backend comes first in AUTHENTICATION_BACKENDS (so it can refuse locked-out
# logins) but cannot restore a session user; Wagtail's page test helpers log in with the first
# backend, so point them at Django's own. The throttling itself is tested through the login form.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
wagtail.test.utils.page_tests.AUTH_BACKEND = MODEL_BACKEND


@pytest.fixture
def root_page(db):
    from cms.core.demo import ensure_root

    return ensure_root()


@pytest.fixture
def nb_locale(db):
    return Locale.objects.get_or_create(language_code="nb")[0]


@pytest.fixture
def en_locale(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def home_page(root_page, nb_locale):
    """The bokmål home page, set as the root of the default site."""
    home = HomePage(title="Kunnskapskommunen", slug="kk-home", intro="Forskning i kommunene.", locale=nb_locale)
    root_page.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="KK")
    return home


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("redaktor", "redaktor@example.com", "passord-som-er-langt")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user, backend=MODEL_BACKEND)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches (cached menus, rate-limit counters, cached pages)."""
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language (bokmål), whatever an earlier test in the same
    worker activated (e.g. a request to an /en/ page): messages are asserted in bokmål."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
