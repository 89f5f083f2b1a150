"""Services: the committee's round is made with the first poster sent in, the rules hold under
lock whatever the form saw, and presenting authors are reminded to register at most weekly."""

import datetime

import pytest
from django.utils import timezone

from conference.posters import services
from conference.posters.enums import SubmissionState
from conference.posters.models import PosterCallPage, PosterEmail, PosterStateChange
from conference.posters.services import AuthorDetails
from conference.registration.models import Registration
from conference.review.enums import RoundKind
from tests.conference.registration.factories import TicketTypeFactory

from .factories import accept, make_submission

pytestmark = pytest.mark.django_db


def test_first_poster_sent_in_creates_the_committee_round_with_default_criteria(call):
    draft = make_submission(call, submit=False)
    call.refresh_from_db()
    assert call.review_round is None and draft.review_round is None
    first = make_submission(call, email="a@example.no")
    call = PosterCallPage.objects.get(pk=call.pk)
    round = call.review_round
    assert round.kind == RoundKind.POSTERS
    assert round.title == "Posterkomiteen"
    assert round.edition_id == call.get_parent().pk
    assert round.declarations_open == call.closes_at == round.scoring_opens
    assert round.scoring_closes == call.closes_at + datetime.timedelta(weeks=3)
    criteria = [(c.name, c.weight, c.scale_min, c.scale_max) for c in round.criteria.order_by("sort_order")]
    assert criteria == [
        ("Relevans for kommunene", 40, 1, 5),
        ("Metode og kvalitet", 30, 1, 5),
        ("Formidling", 30, 1, 5),
    ]
    assert first.review_round == round
    second = make_submission(call, email="b@example.no")
    assert second.review_round == round
    assert round.criteria.count() == 3


def test_services_enforce_the_rules_the_form_checks(call):
    details = {"contact_name": "A", "contact_email": "a@example.no", "title": "T", "background": "ord " * 51}
    details.update(method="m", results="r", relevance="n")
    presenter = [AuthorDetails(name="A", affiliation_other="X", is_presenting=True)]
    with pytest.raises(services.AbstractTooLong) as error:
        services.save_submission(call, details, presenter, submit=True)
    assert "54 ord" in str(error.value)
    details["background"] = "kort"
    with pytest.raises(services.PresentingAuthorNeeded):
        services.save_submission(call, details, [AuthorDetails(name="A"), AuthorDetails(name="B")], submit=True)
    two = [AuthorDetails(name="A", is_presenting=True), AuthorDetails(name="B", is_presenting=True)]
    with pytest.raises(services.PresentingAuthorNeeded):
        services.save_submission(call, details, two, submit=True)


def test_withdrawn_submission_cannot_be_changed(call):
    submission = services.withdraw(make_submission(call))
    with pytest.raises(services.NotEditable):
        services.save_submission(call, {"title": "Nytt"}, [], submit=False, submission=submission)
    assert [h.to_state for h in PosterStateChange.objects.filter(submission=submission)] == ["submitted", "withdrawn"]


@pytest.fixture
def registering_call(call):
    call.presenter_must_register = True
    call.save()
    return call


def test_presenter_is_reminded_weekly_until_registered(registering_call, edition):
    submission = accept(make_submission(registering_call, presenter_email="Presenter@Example.no"))
    now = timezone.now()
    assert services.remind_presenters(now=now) == 1
    assert services.remind_presenters(now=now + datetime.timedelta(days=6)) == 0
    assert services.remind_presenters(now=now + datetime.timedelta(days=7, minutes=1)) == 1
    reminders = PosterEmail.objects.filter(kind=PosterEmail.Kind.REGISTER_REMINDER, submission=submission)
    assert reminders.count() == 2
    assert {r.to_email for r in reminders} == {"presenter@example.no"}
    Registration.objects.create(
        edition=edition,
        ticket_type=TicketTypeFactory(edition=edition),
        first_name="Pre",
        last_name="Senter",
        email="presenter@example.no",
        state=Registration.State.CONFIRMED,
    )
    assert services.remind_presenters(now=now + datetime.timedelta(days=15)) == 0


def test_no_reminder_when_not_required_or_not_accepted(call):
    accept(make_submission(call))
    make_submission(call, email="b@example.no")
    assert services.remind_presenters() == 0
    call.presenter_must_register = True
    call.save()
    submitted_only = PosterEmail.objects.filter(kind=PosterEmail.Kind.REGISTER_REMINDER)
    assert services.remind_presenters() == 1
    assert submitted_only.count() == 1
    assert submitted_only.get().submission.state == SubmissionState.ACCEPTED


def test_daily_command_runs_the_reminders(registering_call, capsys):
    from django.core.management import call_command

    accept(make_submission(registering_call))
    call_command("posters_daily")
    assert "register reminders: 1" in capsys.readouterr().out


def test_demo_call_has_a_dozen_submissions_in_different_states_and_loads_once(home_page):
    from collections import Counter

    from conference.posters.demo import load_2028_call
    from tests.conference.registration.factories import make_edition

    make_edition(home_page, year=2028)
    call = load_2028_call()
    load_2028_call()
    states = Counter(call.submissions.values_list("state", flat=True))
    assert states == {"submitted": 8, "draft": 2, "withdrawn": 2}
    assert call.closes_at.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y %H.%M") == "15.05.2028 23.59"
    assert PosterCallPage.objects.get(pk=call.pk).review_round.criteria.count() == 3
