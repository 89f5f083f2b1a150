import pytest

from tests.factories import StandardPageFactory


@pytest.mark.django_db
def test_cached_main_menu_follows_publishing_and_unpublishing(client, home_page):
    StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss", show_in_menus=True)
    assert 'href="/om-oss/"' in client.get("/").content.decode()  # now cached

    new = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt", show_in_menus=True)
    assert 'class="main-nav__link" href="/kontakt/"' in client.get("/").content.decode()

    new.unpublish()
    assert 'class="main-nav__link" href="/kontakt/"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_shell_costs_the_same_number_of_queries_on_every_request(client, home_page, django_assert_max_num_queries):
    page = StandardPageFactory(parent=home_page, title="Om oss", slug="om-oss", show_in_menus=True)
    client.get(page.url)
    with django_assert_max_num_queries(15):
        response = client.get(page.url)
    assert response.status_code == 200
