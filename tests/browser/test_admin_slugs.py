"""The admin's slug field spells ø/æ/å as o/ae/a while the editor types the title."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from home.models import HomePage


def test_typing_a_norwegian_title_fills_a_transliterated_slug(browser_page, transactional_db):
    from cms.core.demo import ensure_root

    root = ensure_root()
    home = root.add_child(instance=HomePage(title="Forside", slug="forside-slugtest"))
    get_user_model().objects.create_superuser("slugtest", "slugtest@example.com", "passord-som-er-langt")

    page = browser_page
    page.goto("/admin/login/")
    page.fill("#id_username", "slugtest")
    page.fill("#id_password", "passord-som-er-langt")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/pages/add/core/standardpage/{home.pk}/")
    page.locator("#id_title").press_sequentially("Årsmøte på Ærø i Bjørnafjorden")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("arsmote-pa-aero-i-bjornafjorden")
