import datetime
import zoneinfo

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.events.models import EventIndexPage, EventPage
from home.models import HomePage
from tests.cms.news.factories import EventIndexPageFactory, EventPageFactory
from tests.conftest import MODEL_BACKEND

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.fixture
def calendar(home_page):
    return EventIndexPageFactory(parent=home_page)


def in_days(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=OSLO)


def events_in(ics: bytes):
    calendar = icalendar.Calendar.from_ical(ics)
    return calendar, list(calendar.walk("VEVENT"))


@pytest.mark.django_db
class TestEventAdmin(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage(title="Hjem", slug="hjem-kalender")
        Page.get_first_root_node().add_child(instance=self.home)
        Site.objects.all().delete()
        Site.objects.create(hostname="testserver", root_page=self.home, is_default_site=True)
        user = get_user_model().objects.create_superuser("admin", "admin@example.com", "passord-som-er-langt")
        self.client.force_login(user, backend=MODEL_BACKEND)

    def event_data(self, **overrides):
        data = {
            "title": "Søknadsseminar",
            "slug": "soknadsseminar",
            "start": "2030-03-05 09:00",
            "end": "2030-03-05 15:00",
            "location": "HVL Kronstad",
            "online_url": "",
            "audience": "Kommunene",
            "registration_url": "https://example.org/pamelding",
            "lead": "Fra idé til søknad.",
            "body": streamfield([("paragraph", rich_text("<p>Program kommer.</p>"))]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_calendar_pages_only_go_where_they_belong(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})

    def test_editor_creates_calendar_and_event_in_norwegian_time(self):
        self.assertCanCreate(self.home, EventIndexPage, nested_form_data({"title": "Kalender", "slug": "kalender"}))
        index = EventIndexPage.objects.get()
        self.assertCanCreate(index, EventPage, self.event_data())
        event = EventPage.objects.get(slug="soknadsseminar")
        # Entered as 09:00 in Oslo (winter time, UTC+1) and stored as an aware datetime.
        assert event.start == datetime.datetime(2030, 3, 5, 8, 0, tzinfo=datetime.UTC)
        assert event.end - event.start == datetime.timedelta(hours=6)
        self.assertPageIsRenderable(event)
        self.assertPageIsRenderable(index)

    def test_an_event_that_ends_before_it_starts_is_refused_with_a_clear_error(self):
        index = EventIndexPageFactory(parent=self.home)
        response = self.client.post(
            f"/admin/pages/add/events/eventpage/{index.pk}/",
            self.event_data(start="2030-03-05 15:00", end="2030-03-05 09:00"),
        )
        assert response.status_code == 200
        assert not EventPage.objects.filter(slug="soknadsseminar").exists()
        assert response.context["form"].errors["end"] == ["Arrangementet kan ikke slutte før det starter."]


@pytest.mark.django_db
def test_calendar_shows_upcoming_soonest_first_and_past_on_its_own_page(client, calendar):
    EventPageFactory(parent=calendar, title="Om en måned", start=in_days(30), end=in_days(30, 12))
    EventPageFactory(parent=calendar, title="I morgen", start=in_days(1), end=in_days(1, 12))
    EventPageFactory(parent=calendar, title="Forrige uke", start=in_days(-7), end=in_days(-7, 12))
    upcoming = client.get(calendar.url)
    assert [e.title for e in upcoming.context["event_list"]] == ["I morgen", "Om en måned"]
    past = client.get(calendar.url + "tidligere/")
    assert past.status_code == 200
    assert [e.title for e in past.context["event_list"]] == ["Forrige uke"]
    assert "<h1" in past.content.decode()


@pytest.mark.django_db
def test_past_view_is_also_reachable_with_a_query_string(client, calendar):
    response = client.get(calendar.url, {"vis": "tidligere"})
    assert response.status_code == 302
    assert response["Location"] == calendar.url + "tidligere/"
    assert client.get(calendar.url, {"vis": "noe-rart"}).status_code == 200


@pytest.mark.parametrize("query", [{"page": "9999"}, {"page": "abc"}, {"page": "-3"}])
@pytest.mark.django_db
def test_calendar_survives_odd_page_numbers(client, calendar, query):
    EventPageFactory(parent=calendar, start=in_days(3), end=in_days(3, 11))
    response = client.get(calendar.url, query)
    assert response.status_code == 200
    assert len(response.context["event_list"]) == 1


@pytest.mark.django_db
def test_event_page_shows_time_place_and_calendar_download(client, calendar):
    event = EventPageFactory(
        parent=calendar,
        title="Forskermøte",
        start=datetime.datetime(2030, 6, 3, 13, 0, tzinfo=OSLO),
        end=datetime.datetime(2030, 6, 3, 15, 30, tzinfo=OSLO),
        location="Alrek helseklynge",
        registration_url="https://example.org/meld-deg-på",
    )
    html = client.get(event.url).content.decode()
    assert '<time datetime="2030-06-03T13:00:00+02:00">' in html
    assert "kl. 13.00</time>–<time" in html
    assert ">15.30</time>" in html
    assert "Alrek helseklynge" in html
    assert f'href="{event.url}ical/"' in html
    assert 'href="https://example.org/meld-deg-på"' in html


@pytest.mark.django_db
def test_ical_feed_is_valid_rfc5545_with_every_event_and_stable_uids(client, calendar):
    summer = EventPageFactory(
        parent=calendar,
        title="Sommermøte",
        start=datetime.datetime(2030, 6, 3, 13, 0, tzinfo=OSLO),
        end=datetime.datetime(2030, 6, 3, 15, 30, tzinfo=OSLO),
    )
    EventPageFactory(parent=calendar, title="Vintermøte", start=in_days(-40), end=in_days(-40, 12))
    EventPageFactory(parent=calendar, title="Kladd", live=False)
    response = client.get(calendar.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "max-age=900" in response["Cache-Control"]
    cal, events = events_in(response.content)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    assert {str(e["SUMMARY"]) for e in events} == {"Sommermøte", "Vintermøte"}
    by_title = {str(e["SUMMARY"]): e for e in events}
    event = by_title["Sommermøte"]
    # 13:00 summer time in Oslo is 11:00 UTC.
    assert event.decoded("DTSTART") == datetime.datetime(2030, 6, 3, 11, 0, tzinfo=datetime.UTC)
    assert event.decoded("DTEND") == datetime.datetime(2030, 6, 3, 13, 30, tzinfo=datetime.UTC)
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert str(event["UID"]) == f"{summer.translation_key}@kunnskapskommunen-vest"
    assert str(event["URL"]) == f"http://testserver{summer.url}"
    # The UID survives a rename and a new slug.
    summer.title = "Sommermøte (flyttet)"
    summer.slug = "sommermote-flyttet"
    summer.save()
    _, again = events_in(client.get(calendar.url + "ical/").content)
    assert {str(e["UID"]) for e in again} == {str(e["UID"]) for e in events}


@pytest.mark.django_db
def test_single_event_ics_download_holds_just_that_event(client, calendar):
    event = EventPageFactory(parent=calendar, title="Verksted", slug="verksted", location="Rådhuset, Bergen")
    EventPageFactory(parent=calendar, title="Annet")
    response = client.get(event.url + "ical/")
    assert response.status_code == 200
    assert "verksted.ics" in response["Content-Disposition"]
    _, events = events_in(response.content)
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Verksted"
    assert str(events[0]["LOCATION"]) == "Rådhuset, Bergen"
    assert str(events[0]["UID"]) == event.ical_uid


def test_demo_events_fall_on_working_days_whatever_day_the_demo_is_loaded():
    import datetime

    from cms.events.demo import EVENTS, WORKDAYS, on_workday

    for start in range(7):  # the demo loaded on each day of a week
        today = datetime.date(2026, 11, 30) + datetime.timedelta(days=start)
        days = [
            on_workday(today + datetime.timedelta(days=event[2]), WORKDAYS[n % len(WORKDAYS)])
            for n, event in enumerate(EVENTS)
        ]
        assert all(day.weekday() < 5 for day in days), days
        # Past events stay past and coming ones stay coming.
        assert [day < today for day in days] == [event[2] < 0 for event in EVENTS]
        assert len({day.weekday() for day in days}) > 1
