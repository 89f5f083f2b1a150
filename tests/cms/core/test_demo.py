from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage


@pytest.mark.django_db
def test_load_demo_builds_the_site_once_and_is_idempotent(client):
    call_command("load_demo", stdout=StringIO())
    count = Page.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Page.objects.count() == count

    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    slugs = set(home.get_children().values_list("slug", flat=True))
    assert {"om-oss", "kontakt", "personvern", "tilgjengelighetserklaering", "konferansen"} <= slugs
    assert client.get("/").status_code == 200
    assert client.get("/tilgjengelighetserklaering/").status_code == 200
    english = client.get("/en/")
    assert english.status_code == 200
    assert '<html lang="en"' in english.content.decode()


@pytest.mark.django_db
def test_ensure_admin_creates_a_superuser_and_prints_the_login(django_user_model, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    user = django_user_model.objects.get(username="admin")
    assert user.is_superuser
    password = (tmp_path / ".admin-password").read_text().strip()
    assert out.getvalue().strip().splitlines()[-1].split() == ["admin", password, "superuser"]
    assert user.check_password(password)


@pytest.mark.django_db
def test_site_address_from_make_run_is_used_in_sitemap_canonical_and_feed_links(client, home_page):
    from cms.core.demo import set_site_address
    from tests.factories import StandardPageFactory

    StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss")
    set_site_address("127.0.0.1", 8123)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://127.0.0.1:8123/om-oss/</loc>" in sitemap
    assert "http://localhost" not in sitemap and "http://testserver/" not in sitemap
    page = client.get("/om-oss/").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8123/om-oss/">' in page


@pytest.mark.django_db
def test_load_demo_refuses_an_address_without_a_port():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="HOST:PORT"):
        call_command("load_demo", address="localhost", stdout=StringIO())
