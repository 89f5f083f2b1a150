"""The inquiry statistics' charts on a 320 px screen (WCAG 2.1 SC 1.4.10 Reflow): each chart
scales down to fit, keeps its table, and axe-core finds no WCAG 2.1 A/AA violation in them."""

import datetime
import os

import pytest

from cms.inquiries import services
from cms.inquiries.models import InquiryRouting
from cms.network.models import Institution, Municipality, MunicipalityMembershipPeriod
from tests.cms.inquiries.conftest import inquiry_data
from tests.conference.registration.factories import ensure_wagtail_root

from .conftest import AXE_JS

PASSWORD = "Statistikk-passord-som-er-langt-2026!"
PHONE_WIDTH = 320


@pytest.fixture(scope="module", autouse=True)
def _put_back_wagtail_root(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        ensure_wagtail_root()


@pytest.fixture
def statistics(home_page, settings, django_user_model):
    """Decided inquiries to three municipalities (one with a long name), and a superuser who
    sees them all."""
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    network = {"uib": Institution.objects.create(name="Universitetet i Bergen", short_name="UiB")}
    for slug, name in (("bergen", "Bergen"), ("askoy", "Askøy"), ("lang", "Kommunen med et svært langt navn i vest")):
        network[slug] = Municipality.objects.create(name=name, slug=slug)
        MunicipalityMembershipPeriod.objects.create(municipality=network[slug], start_date=datetime.date(2017, 1, 1))
    for n, (municipalities, role) in enumerate(
        [(["bergen", "askoy"], "master"), (["lang"], "researcher"), (["bergen"], "phd"), (["askoy"], "other")]
    ):
        data = inquiry_data(
            network, form_token=f"statistikk-nett-{n}-" + "x" * 20, municipalities=[network[m] for m in municipalities]
        )
        data["role"] = role
        inquiry = services.submit_inquiry(data).inquiry
        answered = inquiry.submitted_at + datetime.timedelta(days=3 + n)
        InquiryRouting.objects.filter(inquiry=inquiry).update(
            state="declined" if n == 3 else "accepted", first_answer_at=answered, decided_at=answered
        )
    django_user_model.objects.create_superuser("statistikk", "statistikk@example.com", PASSWORD)


def test_statistics_charts_fit_a_320_px_screen(chromium_browser, live_server, statistics):
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": PHONE_WIDTH, "height": 640}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/admin/login/")
        page.fill("#id_username", "statistikk")
        page.fill("#id_password", PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_url("**/admin/")
        page.goto("/admin/inquiries/statistics/")

        charts = page.locator("figure.kk-chart svg[role=img]")
        assert charts.count() == 7
        for index in range(charts.count()):
            box = charts.nth(index).bounding_box()
            assert box["width"] > 100, "the chart is drawn"
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, f"chart {index} is wider than the screen"
        tables = page.locator(".kk-table-scroll[role=region]")
        assert tables.count() == 5  # the tables stay as the text equivalent, each scrolling in its own region
        for index in range(tables.count()):
            box = tables.nth(index).bounding_box()
            assert box["x"] + box["width"] <= PHONE_WIDTH, f"table {index} makes the page scroll sideways"
        long_label = page.locator("#chart-municipality text.kk-chart__label", has_text="Kommunen med")
        assert long_label.count() == 1
        if os.environ.get("SCREENSHOT_DIR"):
            page.screenshot(path=f"{os.environ['SCREENSHOT_DIR']}/statistikk-320.png", full_page=True)

        page.add_script_tag(content=AXE_JS.read_text())
        result = page.evaluate(
            "() => axe.run({include: [['figure.kk-chart']]},"
            " {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    finally:
        context.close()
