import pytest

from cms.core.models import SiteSettings


@pytest.mark.django_db
def test_admin_dashboard_speaks_bokmal(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="nb"' in response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_admin_login(client, home_page):
    response = client.get(f"/admin/pages/{home_page.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_site_settings_validate_the_organisation_number(admin_client, home_page):
    url = f"/admin/settings/core/sitesettings/{home_page.get_site().pk}/"
    data = {
        "organisation_name": "Kunnskapskommunen",
        "organisation_number": "12345",
        "contact_email": "kunnskapskommunen@bergen.kommune.no",
        "contact_phone": "",
        "postal_address": "",
        "visiting_address": "",
        "linkedin_url": "",
        "facebook_url": "",
        "search_page_intro": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "ni sifre" in response.content.decode()
    data["organisation_number"] = "964338531"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert SiteSettings.objects.get().organisation_number == "964338531"


@pytest.mark.django_db
def test_footer_shows_settings_from_the_admin(client, home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.contact_phone = "55 56 55 56"
    settings.organisation_number = "964338531"
    settings.save()
    html = client.get("/").content.decode()
    assert "55 56 55 56" in html
    assert "964338531" in html
