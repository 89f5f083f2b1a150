"""Organisers build the programme inline on the edition page in the admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from conference.editions.models import ConferenceEditionPage, ConferenceIndexPage
from conference.programme.models import Session
from tests.conference.factories import ConferenceIndexPageFactory, PersonFactory
from tests.conference.i18n import nb
from tests.conference.programme.admin_data import edition_form_data, session_data
from tests.conftest import MODEL_BACKEND


class EditionAdminTests(WagtailPageTestCase):
    def setUp(self):
        from wagtail.models import Page

        from home.models import HomePage

        root = Page.get_first_root_node()
        self.home = root.add_child(instance=HomePage(title="Hjem", slug="hjem-test"))
        self.index = ConferenceIndexPageFactory(parent=self.home)
        self.user = self.create_superuser("arrangor", password="passord-som-er-langt")
        self.client.force_login(self.user, backend=MODEL_BACKEND)
        self.keynote = PersonFactory(name="Kari Nordmann")
        self.panellist = PersonFactory(name="Ola Nordmann")

    def test_organiser_creates_an_edition_with_sessions_and_ordered_speakers(self):
        data = edition_form_data(
            sessions=[
                session_data("Registrering", "08:30", "09:00", kind="break"),
                session_data(
                    "Panel om prioriteringer",
                    "09:00",
                    "09:45",
                    room="Aulaen",
                    speakers=[(self.keynote, "moderator"), (self.panellist, "panellist")],
                ),
            ],
        )
        self.assertCanCreate(self.index, ConferenceEditionPage, data)
        edition = ConferenceEditionPage.objects.get(year=2030)
        sessions = list(edition.sessions.order_by("start_time"))
        assert [s.title for s in sessions] == ["Registrering", "Panel om prioriteringer"]
        panel = sessions[1]
        assert [(a.person.name, a.role) for a in panel.speakers.order_by("sort_order")] == [
            ("Kari Nordmann", "moderator"),
            ("Ola Nordmann", "panellist"),
        ]

    def test_edition_pages_only_live_under_the_conference_index(self):
        self.assertAllowedParentPageTypes(ConferenceEditionPage, {ConferenceIndexPage})

    def _post_new_edition(self, sessions):
        url = reverse("wagtailadmin_pages:add", args=("editions", "conferenceeditionpage", self.index.pk))
        return self.client.post(url, edition_form_data(sessions=sessions))

    def _session_errors(self, response):
        form = response.context["form"]
        return [dict(f.errors) for f in form.formsets["sessions"].forms]

    def test_session_ending_before_it_starts_is_refused(self):
        response = self._post_new_edition([session_data("Baklengs", "10:00", "09:30")])
        assert response.status_code == 200
        errors = self._session_errors(response)
        assert nb("The session must end after it starts.") in errors[0]["end_time"]
        assert not Session.objects.exists()

    def test_session_outside_the_conference_day_is_refused(self):
        response = self._post_new_edition(
            [session_data("For tidlig", "07:30", "08:45"), session_data("For sent", "15:00", "16:00")]
        )
        errors = self._session_errors(response)
        assert (
            nb("The session starts before the conference opens at %(time)s.", time="08.30") in errors[0]["start_time"]
        )
        assert nb("The session ends after the conference closes at %(time)s.", time="15.30") in errors[1]["end_time"]
        assert not ConferenceEditionPage.objects.filter(year=2030).exists()

    def test_session_on_a_day_that_is_not_a_conference_day_is_refused(self):
        response = self._post_new_edition([session_data("Feil dag", "09:00", "10:00", day="2030-09-06")])
        errors = self._session_errors(response)
        assert nb("The day must be one of the conference days.") in errors[0]["day"]

    def test_two_sessions_in_the_same_room_at_the_same_time_are_refused(self):
        response = self._post_new_edition(
            [
                session_data("Første", "09:00", "10:00", room="Sal A"),
                session_data("Andre", "09:30", "10:30", room="sal a"),
                session_data("Parallell", "09:00", "10:00", room="Sal B"),
            ]
        )
        errors = self._session_errors(response)
        assert errors[0] == {}
        assert errors[1]["start_time"] == [
            nb(
                "“%(title)s” is in the same room at the same time (%(start)s–%(end)s).",
                title="Første",
                start="09.00",
                end="10.00",
            )
        ]
        assert errors[2] == {}

    def test_back_to_back_sessions_in_one_room_are_fine(self):
        response = self._post_new_edition(
            [
                session_data("Første", "09:00", "10:00", room="Aulaen"),
                session_data("Andre", "10:00", "10:30", room="Aulaen"),
            ]
        )
        assert response.status_code == 302
        assert ConferenceEditionPage.objects.get(year=2030).sessions.count() == 2


@pytest.mark.django_db
def test_editor_without_permission_cannot_add_an_edition(client, home_page, django_user_model):
    index = ConferenceIndexPageFactory(parent=home_page)
    user = django_user_model.objects.create_user("gjest", "gjest@example.com", "passord-som-er-langt")
    client.force_login(user, backend=MODEL_BACKEND)
    url = reverse("wagtailadmin_pages:add", args=("editions", "conferenceeditionpage", index.pk))
    response = client.post(url, edition_form_data())
    assert response.status_code in (302, 403)
    assert not ConferenceEditionPage.objects.exists()


@pytest.mark.django_db
def test_edit_form_shows_the_programme_tab_with_nested_speakers(admin_client, home_page):
    from tests.conference.factories import ConferenceEditionPageFactory, SessionFactory, SessionSpeakerFactory

    index = ConferenceIndexPageFactory(parent=home_page)
    edition = ConferenceEditionPageFactory(parent=index, year=2026)
    session = SessionFactory(edition=edition, title="Hovedinnlegg")
    SessionSpeakerFactory(session=session, person=PersonFactory(name="Kari Nordmann"))

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(edition.pk,)))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hovedinnlegg" in html
    assert 'name="sessions-0-speakers-0-person"' in html


@pytest.mark.django_db
def test_preview_of_a_draft_shows_the_draft_programme(admin_client, home_page):
    import datetime

    from conference.programme.timetable import build_timetable
    from tests.conference.factories import ConferenceEditionPageFactory

    index = ConferenceIndexPageFactory(parent=home_page)
    edition = ConferenceEditionPageFactory(parent=index, year=2026)
    edition.save_revision().publish()
    draft = edition.get_latest_revision_as_object()
    session = Session(title="Utkast", kind="plenary", start_time=datetime.time(9), end_time=datetime.time(10))
    from conference.programme.models import SessionSpeaker

    session.speakers = [SessionSpeaker(person=PersonFactory(name="Kari Nordmann"), role="speaker")]
    draft.sessions = [session]
    draft.save_revision()

    edition.refresh_from_db()
    timetable = build_timetable(edition.get_latest_revision_as_object())

    assert [s.title for s in timetable.sessions] == ["Utkast"]
    assert [a.person.name for a in timetable.sessions[0].speaker_list] == ["Kari Nordmann"]
    assert build_timetable(ConferenceEditionPage.objects.get(pk=edition.pk)).is_empty


@pytest.mark.django_db
def test_organiser_can_preview_the_draft_timetable(home_page):
    import datetime

    from tests.conference.factories import ConferenceEditionPageFactory

    index = ConferenceIndexPageFactory(parent=home_page)
    edition = ConferenceEditionPageFactory(parent=index, year=2026)
    edition.save_revision().publish()
    draft = edition.get_latest_revision_as_object()
    draft.sessions = [
        Session(title="Utkast til åpning", kind="plenary", start_time=datetime.time(9), end_time=datetime.time(10))
    ]

    response = draft.make_preview_request(preview_mode="programme")

    assert response.status_code == 200
    assert "Utkast til åpning" in response.content.decode()
