import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.plans.models import FocusArea, Measure, MeasureStatus, PlanIndexPage, PlanPage
from home.models import HomePage
from tests.cms.plans.factories import make_measure, make_plan
from tests.conftest import MODEL_BACKEND

D = datetime.date


@pytest.fixture
def plan(home_page):
    plan = make_plan(home_page, focus_areas=2)
    areas = list(plan.focus_areas.all())
    make_measure(areas[0], "6.1.1", [(D(2023, 1, 1), "in_progress"), (D(2025, 5, 15), "done")], title="Følgeforskning")
    make_measure(areas[0], "6.1.2", [(D(2022, 6, 1), "planned")], title="Portal")
    make_measure(areas[1], "6.2.1", [], title="Konferansen")
    return plan


@pytest.mark.django_db
class TestPlanAdmin(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.first() or self._home()
        user = self.create_superuser("admin")
        self.client.force_login(user, backend=MODEL_BACKEND)

    def _home(self):
        from wagtail.models import Page, Site

        home = HomePage(title="Hjem", slug="hjem-plan")
        Page.get_first_root_node().add_child(instance=home)
        Site.objects.all().delete()
        Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
        return home

    def test_editor_creates_plan_index_and_plan_with_focus_areas(self):
        self.assertCanCreateAt(HomePage, PlanIndexPage)
        self.assertAllowedParentPageTypes(PlanPage, {PlanIndexPage})
        self.assertCanCreate(
            self.home, PlanIndexPage, nested_form_data({"title": "Planer", "slug": "planer", "intro": ""})
        )
        index = PlanIndexPage.objects.get()
        self.assertCanCreate(
            index,
            PlanPage,
            nested_form_data(
                {
                    "title": "Bedre kunnskap – bedre helse 2022–2027",
                    "slug": "bkbh",
                    "subtitle": "",
                    "period_start": 2022,
                    "period_end": 2027,
                    "adopted_by": "Bergen bystyre",
                    "decision_date": "2022-05-24",
                    "case_number": "119/22",
                    "revision_interval_years": 5,
                    "vision": "Kunnskap i tjenestene.",
                    "budget_target": "0,1 %",
                    "body": streamfield([]),
                    "focus_areas": inline_formset(
                        [
                            {"number": "6.1", "title": "Systemer for kunnskapsutvikling", "description": ""},
                            {"number": "6.2", "title": "Forskningssamarbeid", "description": ""},
                        ]
                    ),
                }
            ),
        )
        plan = PlanPage.objects.get(slug="bkbh")
        assert [a.number for a in plan.focus_areas.all()] == ["6.1", "6.2"]
        assert plan.case_number == "119/22"
        self.assertPageIsRenderable(plan)
        self.assertPageIsRenderable(plan, route_path="/statusrapport/")

    def test_editor_creates_measure_with_status_history_through_snippet_admin(self):
        plan = make_plan(self.home, focus_areas=1)
        area = plan.focus_areas.get()
        response = self.client.post(
            reverse("wagtailsnippets_plans_measure:add"),
            nested_form_data(
                {
                    "focus_area": area.pk,
                    "number": "6.1.5",
                    "responsible": "Byrådsavdelingen",
                    "title": "Offentlig sektor-ph.d.",
                    "description": rich_text("<p>Kort omtale.</p>"),
                    "cost_estimate": "435000",
                    "cost_note": "per år",
                    "statuses": inline_formset(
                        [{"date": "2022-08-01", "status": "in_progress", "comment": "To i gang"}]
                    ),
                    "links": inline_formset([]),
                    "action-publish": "publish",
                }
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
        measure = Measure.objects.get(number="6.1.5")
        assert measure.live and measure.plan_id == plan.pk
        assert measure.cost_estimate == 435000
        assert measure.status_on(D(2023, 1, 1)) == "in_progress"

    def test_measure_number_used_twice_in_one_plan_is_refused_in_the_admin(self):
        plan = make_plan(self.home, focus_areas=2)
        first, second = plan.focus_areas.all()
        make_measure(first, "6.1.1")
        response = self.client.post(
            reverse("wagtailsnippets_plans_measure:add"),
            nested_form_data(
                {
                    "focus_area": second.pk,
                    "number": "6.1.1",
                    "responsible": "",
                    "title": "Dobbelt",
                    "description": rich_text("<p>Kort omtale.</p>"),
                    "cost_estimate": "",
                    "cost_note": "",
                    "statuses": inline_formset([]),
                    "links": inline_formset([]),
                }
            ),
        )
        assert response.status_code == 200
        assert "finnes allerede i denne planen" in response.content.decode()
        assert Measure.objects.filter(number="6.1.1").count() == 1

    def test_focus_area_with_measures_cannot_be_removed(self):
        plan = make_plan(self.home, focus_areas=1)
        area = plan.focus_areas.get()
        make_measure(area, "6.1.1")
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[plan.pk]),
            nested_form_data(
                {
                    "title": plan.title,
                    "slug": plan.slug,
                    "subtitle": "",
                    "period_start": 2022,
                    "period_end": 2027,
                    "adopted_by": "",
                    "decision_date": "",
                    "case_number": "",
                    "revision_interval_years": "",
                    "vision": "",
                    "budget_target": "",
                    "body": streamfield([]),
                    "focus_areas": inline_formset(
                        [{"id": area.pk, "number": "6.1", "title": "Område", "description": "", "DELETE": "on"}],
                        initial=1,
                    ),
                }
            ),
        )
        assert response.status_code == 200
        assert FocusArea.objects.filter(pk=area.pk).exists()


def test_same_number_in_two_plans_is_fine_but_not_twice_in_one(home_page):
    first = make_plan(home_page, slug="a", focus_areas=1)
    second = make_plan(home_page, slug="b", focus_areas=1)
    make_measure(first.focus_areas.get(), "6.1.1")
    Measure(focus_area=second.focus_areas.get(), number="6.1.1", title="Ok").full_clean()
    with pytest.raises(ValidationError):
        Measure(focus_area=first.focus_areas.get(), number="6.1.1", title="Nei").full_clean()
    with pytest.raises(ValidationError):
        Measure(focus_area=first.focus_areas.get(), number="seks", title="Nei").full_clean()


def test_plan_cannot_end_before_it_starts(home_page):
    with pytest.raises(ValidationError):
        PlanPage(title="Feil", slug="feil", period_start=2027, period_end=2022).full_clean()


def test_plan_page_shows_progress_per_focus_area_with_text(client, plan):
    content = client.get(plan.url).content.decode()
    assert "Følgeforskning" in content
    assert "1 av 2 gjennomført" in content  # text equivalent of the bar
    assert 'aria-hidden="true"' in content
    assert "statusrapport/" in content


def test_status_report_at_a_past_date_shows_the_status_then(client, plan):
    then = client.get(plan.url + "statusrapport/", {"dato": "2024-06-30"}).content.decode()
    now = client.get(plan.url + "statusrapport/", {"dato": "2025-06-30"}).content.decode()
    row_then = then.split('id="tiltak-611"')[1].split("</tr>")[0]
    row_now = now.split('id="tiltak-611"')[1].split("</tr>")[0]
    assert 'data-status="in_progress"' in row_then
    assert 'data-status="done"' in row_now


def test_status_report_downloads_as_csv(client, plan):
    response = client.get(plan.url + "statusrapport/", {"dato": "2024-06-30", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows[0]) == 8
    by_number = {row[1]: row for row in rows[1:]}
    assert set(by_number) == {"6.1.1", "6.1.2", "6.2.1"}
    assert by_number["6.1.1"][5] in ("In progress", "Pågår", "Under arbeid", "I gang")
    assert by_number["6.1.1"][6] == "2023-01-01"


@pytest.mark.parametrize("value", ["i går", "2024-02-30", "0", "3000-01-01"])
def test_status_report_with_an_odd_date_explains_and_shows_today(client, plan, value):
    response = client.get(plan.url + "statusrapport/", {"dato": value})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_unpublished_measures_stay_off_the_plan_page(client, plan):
    area = plan.focus_areas.first()
    draft = Measure(focus_area=area, number="6.1.9", title="Hemmelig utkast", live=False)
    draft.save()
    assert "Hemmelig utkast" not in client.get(plan.url).content.decode()


def test_measure_links_to_the_pages_that_served_it(client, plan, home_page):
    from cms.core.models import StandardPage
    from cms.plans.models import MeasureLink

    news = StandardPage(title="Seminar om følgeforskning", slug="seminar")
    home_page.add_child(instance=news)
    news.save_revision().publish()
    measure = Measure.objects.get(number="6.1.1")
    MeasureLink.objects.create(measure=measure, page=news)
    content = client.get(plan.url).content.decode()
    assert "Seminar om følgeforskning" in content


def test_plan_page_and_report_queries_are_bounded_with_60_measures(client, home_page, django_assert_max_num_queries):
    small = make_plan(home_page, slug="liten", focus_areas=2, measures_per_area=1, statuses_per_measure=1)
    big = make_plan(home_page, slug="stor", focus_areas=6, measures_per_area=10, statuses_per_measure=4)
    assert Measure.objects.filter(plan=big).count() == 60
    assert MeasureStatus.objects.filter(measure__plan=big).count() == 240
    client.get(small.url)  # warm the site-wide caches
    with django_assert_max_num_queries(20) as small_queries:
        client.get(small.url)
    with django_assert_max_num_queries(20) as big_queries:
        response = client.get(big.url)
    assert len(big_queries) == len(small_queries)
    assert response.content.decode().count("<tr id=") == 60
    with django_assert_max_num_queries(20):
        client.get(big.url + "statusrapport/?dato=2024-06-30")


def test_measure_listing_exports_csv_and_filters_by_plan(admin_client, plan, home_page):
    other = make_plan(home_page, slug="annen", focus_areas=1)
    make_measure(other.focus_areas.get(), "9.9.9", title="Annen plans tiltak")
    response = admin_client.get(reverse("wagtailsnippets_plans_measure:list"), {"plan": plan.pk})
    content = response.content.decode()
    assert "Følgeforskning" in content and "Annen plans tiltak" not in content
    export = admin_client.get(reverse("wagtailsnippets_plans_measure:list"), {"export": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8")
    assert "Følgeforskning" in text and "Fullført" in text


def test_anonymous_and_unprivileged_users_cannot_edit_measures(client, plan, django_user_model):
    url = reverse("wagtailsnippets_plans_measure:list")
    assert client.get(url).status_code == 302
    user = django_user_model.objects.create_user("uten", password="passord-som-er-langt")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user, backend=MODEL_BACKEND)
    assert client.get(url).status_code in (302, 403)
    measure = Measure.objects.first()
    assert client.get(reverse("wagtailsnippets_plans_measure:edit", args=[measure.pk])).status_code in (302, 403)


def test_redaktor_may_edit_measures_but_only_publisist_may_publish(db):
    editor = Group.objects.get(name="Redaktør")
    publisher = Group.objects.get(name="Publisist")
    assert editor.permissions.filter(codename="change_measure").exists()
    assert not editor.permissions.filter(codename="publish_measure").exists()
    assert publisher.permissions.filter(codename="publish_measure").exists()


def test_costs_are_shown_with_norwegian_thousands_separators():
    assert Measure(cost_estimate=435000).cost_display == "435\u202f000"
    assert Measure(cost_estimate=3000000).cost_display == "3\u202f000\u202f000"
    assert Measure(cost_estimate=None).cost_display == ""
