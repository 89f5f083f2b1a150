"""Decisions, the batch of decision e-mails, their preview and board numbers."""

import pytest
from django.core import mail
from django.urls import reverse

from conference.posters import decisions
from conference.posters.enums import PrizeMode, SubmissionState
from conference.posters.models import PosterEmail, PosterTopic
from conference.review.models import ReviewLogEntry
from tests.conftest import MODEL_BACKEND

from .after_helpers import grant_manage, make_call, make_published, make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return make_call(home_page)


@pytest.fixture
def organiser(django_user_model, client):
    user = grant_manage(django_user_model.objects.create_user("arrangor", "arrangor@example.com", "x" * 20))
    client.force_login(user, backend=MODEL_BACKEND)
    return user


def test_decision_is_recorded_but_not_shown_to_the_author_until_sent(call, organiser):
    submission = make_submission(call, "Velferdsteknologi i Askøy")
    decisions.decide(submission, SubmissionState.ACCEPTED, note="Gratulerer!", actor=organiser)
    submission.refresh_from_db()
    assert submission.state == SubmissionState.ACCEPTED
    assert submission.decided_by == organiser
    assert submission.decision_sent_at is None
    assert not submission.decision_is_public_to_author
    assert submission.history.last().to_state == "accepted"
    log = ReviewLogEntry.objects.get(action=ReviewLogEntry.Action.DECIDED)
    assert (log.item_id, log.to_state) == (submission.pk, "accepted")


def test_accept_with_changes_needs_a_note_and_a_draft_cannot_be_decided(call, organiser):
    submission = make_submission(call)
    with pytest.raises(decisions.DecisionError, match="hvilke endringer"):
        decisions.decide(submission, SubmissionState.CHANGES_REQUESTED, actor=organiser)
    draft = make_submission(call, "Utkast", state=SubmissionState.DRAFT)
    with pytest.raises(decisions.DecisionError):
        decisions.decide(draft, SubmissionState.ACCEPTED, actor=organiser)


def test_decide_form_in_admin_shows_errors_and_saves(call, organiser, client):
    submission = make_submission(call, "Hjemmetjenester")
    url = reverse("posters_admin:decide", args=[call.pk, submission.pk])
    response = client.post(url, {"decision": "changes", "note": ""})
    assert response.status_code == 200
    assert "hvilke endringer" in response.content.decode()
    response = client.post(url, {"decision": "rejected", "note": "Takk for bidraget."})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == SubmissionState.REJECTED


def test_batch_sends_each_decision_once_even_when_posted_twice(
    call, organiser, client, django_capture_on_commit_callbacks
):
    accepted = make_submission(call, "Akseptert")
    rejected = make_submission(call, "Avslått")
    undecided = make_submission(call, "Ikke avgjort")
    decisions.decide(accepted, SubmissionState.ACCEPTED, actor=organiser)
    decisions.decide(rejected, SubmissionState.REJECTED, note="Ikke relevant nok.", actor=organiser)
    url = reverse("posters_admin:send", args=[call.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, follow=True)
        second = client.post(url, follow=True)
    assert "2 vedtak sendt" in first.content.decode() or "2 e-poster" in first.content.decode()
    assert "ingen usendte" in second.content.decode().lower()
    assert PosterEmail.objects.filter(kind=PosterEmail.Kind.DECISION).count() == 2
    assert sorted(m.subject for m in mail.outbox) == sorted(
        [f"Vedtak om plakaten din: {t}" for t in ("Akseptert", "Avslått")]
    )
    rejected_mail = next(m for m in mail.outbox if "Avslått" in m.subject)
    assert "Ikke relevant nok." in rejected_mail.body
    undecided.refresh_from_db()
    assert undecided.decision_sent_at is None
    # Once sent, the decision is final.
    with pytest.raises(decisions.DecisionError, match="allerede sendt"):
        decisions.decide(accepted, SubmissionState.REJECTED, actor=organiser)


def test_preview_renders_each_decision_kind_without_saving(call, organiser, client):
    submission = make_submission(call, "Frisklivssentral i Øygarden")
    url = reverse("posters_admin:preview", args=[call.pk])
    accepted = client.get(url, {"kind": "accepted", "submission": submission.pk}).content.decode()
    rejected = client.get(url, {"kind": "rejected", "submission": submission.pk}).content.decode()
    assert "Frisklivssentral i Øygarden" in accepted and "akseptert" in accepted
    assert "dessverre" in rejected
    assert PosterEmail.objects.count() == 0
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED


def test_admin_tools_refuse_users_without_the_permission(call, django_user_model, client):
    user = django_user_model.objects.create_user("leser", "leser@example.com", "x" * 20, is_staff=True)
    client.force_login(user, backend=MODEL_BACKEND)
    for name in ("call", "board_numbers", "preview", "qr_codes"):
        assert client.get(reverse(f"posters_admin:{name}", args=[call.pk])).status_code in (302, 403)
    assert client.post(reverse("posters_admin:send", args=[call.pk])).status_code in (302, 403)


def test_ranked_table_lists_submissions_with_state(call, organiser, client):
    make_submission(call, "Første plakat")
    make_submission(call, "Andre plakat", state=SubmissionState.ACCEPTED)
    content = client.get(reverse("posters_admin:call", args=[call.pk])).content.decode()
    assert "Første plakat" in content and "Andre plakat" in content
    assert "Godkjent" in content, "the state is shown in bokmål"


# --- Board numbers ---------------------------------------------------------------------------


def _accepted(call, title, topic):
    return make_submission(call, title, state=SubmissionState.ACCEPTED, topic=topic)


def test_board_numbers_run_by_topic_then_title_and_are_stable(call, organiser):
    first_topic, second_topic = PosterTopic.objects.filter(page=call).order_by("sort_order")
    c = _accepted(call, "Cøliaki", second_topic)
    a = _accepted(call, "Arbeid", second_topic)
    b = _accepted(call, "Boliger", first_topic)
    make_submission(call, "Avvist", state=SubmissionState.REJECTED, topic=first_topic)
    assert decisions.assign_board_numbers(call, actor=organiser) == 3
    for s in (a, b, c):
        s.refresh_from_db()
    assert (b.board_number, a.board_number, c.board_number) == (1, 2, 3)
    late = _accepted(call, "Aaa sen", first_topic)
    assert decisions.assign_board_numbers(call, actor=organiser) == 1
    late.refresh_from_db()
    b.refresh_from_db()
    assert (late.board_number, b.board_number) == (4, 1)


def test_manual_board_number_collision_is_a_clear_error(call, organiser, client):
    first = _accepted(call, "Første", None)
    second = _accepted(call, "Andre", None)
    decisions.assign_board_numbers(call)
    first.refresh_from_db()
    second.refresh_from_db()
    url = reverse("posters_admin:board_numbers", args=[call.pk])
    response = client.post(url, {"action": "save", f"board_{first.pk}": 7, f"board_{second.pk}": 7})
    assert response.status_code == 200
    assert "Plakatnummer 7 er allerede gitt til" in response.content.decode()
    with pytest.raises(decisions.DecisionError, match="brukt to ganger"):
        decisions.set_board_numbers(call, {first.pk: second.board_number})
    # A swap in one go is fine.
    old_first, old_second = first.board_number, second.board_number
    response = client.post(url, {"action": "save", f"board_{first.pk}": old_second, f"board_{second.pk}": old_first})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.board_number, second.board_number) == (old_second, old_first)


def test_auto_assign_button_in_admin(call, organiser, client):
    poster = _accepted(call, "Knapp", None)
    response = client.post(reverse("posters_admin:board_numbers", args=[call.pk]), {"action": "auto"}, follow=True)
    poster.refresh_from_db()
    assert poster.board_number == 1
    assert "1 plakat fikk plakatnummer" in response.content.decode()


# --- The committee's poster prize ------------------------------------------------------------


def test_committee_marks_a_published_poster_as_the_prize_winner(call, organiser, client):
    winner = make_published(call, "Vinnerplakaten", board_number=1)
    other = make_published(call, "Den andre", board_number=2)
    response = client.post(reverse("posters_admin:prize", args=[call.pk, winner.pk]), {"winner": "1"}, follow=True)
    assert "Plakatprisen er oppdatert" in response.content.decode()
    winner.refresh_from_db()
    assert winner.prize_winner
    gallery = client.get(call.url + call.reverse_subpage("gallery")).content.decode()
    prize_section = gallery.split('id="prize-heading"')[1].split("</section>")[0]
    assert "Vinnerplakaten" in prize_section and "Den andre" not in prize_section
    assert other.title in gallery


def test_prize_is_refused_for_unpublished_posters_and_in_vote_mode(call, organiser):
    unpublished = make_submission(call, "Ikke publisert", state=SubmissionState.ACCEPTED)
    with pytest.raises(decisions.DecisionError, match="publisert"):
        decisions.set_prize_winner(unpublished, True, actor=organiser)
    published = make_published(call, "Publisert")
    call.prize_mode = PrizeMode.VOTE
    call.save()
    with pytest.raises(decisions.DecisionError, match="komiteen"):
        decisions.set_prize_winner(published, True, actor=organiser)


def test_qr_page_has_one_printable_code_per_board(call, organiser, client):
    make_published(call, "Første vegg", board_number=1)
    make_published(call, "Andre vegg", board_number=2)
    make_submission(call, "Uten nummer", state=SubmissionState.ACCEPTED)
    content = client.get(reverse("posters_admin:qr_codes", args=[call.pk])).content.decode()
    assert content.count('class="kk-qr"') == 2
    assert "http://testserver" + call.url + call.reverse_subpage("board_vote", kwargs={"board": 2}) in content
    assert "Uten nummer" not in content


def test_ranking_table_orders_by_the_committee_mean(call, organiser, client, django_user_model):
    from conference.review import services as review_services

    low = make_submission(call, "Lav skår")
    high = make_submission(call, "Høy skår")
    reviewer = django_user_model.objects.create_user("fagfelle", "fagfelle@example.com", "x" * 20)
    member = review_services.add_member(call.review_round, reviewer)
    criterion = call.review_round.criteria.first()
    for submission, value in ((low, 2), (high, 5)):
        review_services.declare(member, submission, False)
        review_services.score(member, submission, criterion, value)
        review_services.submit_scores(member, submission)
    content = client.get(reverse("posters_admin:call", args=[call.pk])).content.decode()
    assert content.index("Høy skår") < content.index("Lav skår")
    assert "5,00" in content or "5.00" in content
