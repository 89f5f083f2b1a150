"""The jury on the engine: attachments only for jurors who may open the candidate, the chair's
decision page, confirmations by each participating juror, and the audit trail."""

import pytest
from django.urls import reverse

from conference.award import services
from conference.award.models import AwardWinner, DecisionConfirmation
from conference.review import services as review_services
from conference.review.models import ReviewLogEntry
from tests.conference.i18n import nb

from .conftest import make_user, nomination_data, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomination(award_round, uib, jury):
    return services.submit_nomination(award_round, nomination_data(uib), [pdf_upload("rapport.pdf")])


def attachment_url(nomination):
    return reverse("award:jury_attachment", args=[nomination.attachments.get().pk])


def test_a_juror_downloads_only_after_declaring_no_conflict(client, nomination, jury):
    client.force_login(jury["bjorn"].user)
    assert client.get(attachment_url(nomination)).status_code == 404  # not declared yet
    review_services.declare(jury["bjorn"], nomination.candidate, False)
    response = client.get(attachment_url(nomination))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment") and "no-store" in response["Cache-Control"]


def test_a_recused_juror_gets_404_on_every_url_of_the_nomination(client, nomination, jury, award_round):
    anne = jury["anne"]
    assert {c.code for c in review_services.likely_conflicts(anne, nomination.candidate)} == {"institution"}
    review_services.declare(anne, nomination.candidate, True, "Samme institusjon som nominator.")
    client.force_login(anne.user)
    assert client.get(attachment_url(nomination)).status_code == 404
    assert client.get(reverse("award_admin:decision", args=[award_round.pk])).status_code == 404
    assert client.get(reverse("award_admin:candidates", args=[award_round.pk])).status_code == 404
    # And the recusal is in the audit trail with who and when.
    entry = ReviewLogEntry.objects.get(action="declared", member=anne)
    assert entry.actor == anne.user and entry.to_state == "conflict" and entry.at


def test_outsiders_and_other_juries_get_404_and_anonymous_must_sign_in(client, nomination, edition):
    assert client.get(attachment_url(nomination)).status_code == 302
    client.force_login(make_user("utenfor"))
    assert client.get(attachment_url(nomination)).status_code == 404


def test_a_declined_nominations_files_are_gone_for_the_jury(client, nomination, jury):
    review_services.declare(jury["bjorn"], nomination.candidate, False)
    url = attachment_url(nomination)
    services.decline_nomination(nomination, "Nei takk.")
    client.force_login(jury["bjorn"].user)
    assert client.get(url).status_code == 404


def test_only_the_chair_and_organisers_open_the_decision_page(client, award_round, nomination, jury, organiser):
    url = reverse("award_admin:decision", args=[award_round.pk])
    client.force_login(jury["bjorn"].user)
    assert client.get(url).status_code == 404
    client.force_login(jury["chair"].user)
    response = client.get(url)
    assert response.status_code == 200 and "Ola Forsker" in response.content.decode()
    client.force_login(organiser)
    assert client.get(url).status_code == 200


def decide(client, award_round, nomination, jury, participants=("chair", "anne", "bjorn")):
    client.force_login(jury["chair"].user)
    return client.post(
        reverse("award_admin:decision", args=[award_round.pk]),
        {
            "winners": [nomination.candidate_id],
            "justification": "Et forbilledlig arbeid for kommunene.",
            "method": "votes",
            "votes_note": "3 mot 0",
            "participants": [jury[name].pk for name in participants],
        },
    )


def test_the_chair_records_and_each_juror_confirms(client, award_round, nomination, jury):
    assert decide(client, award_round, nomination, jury, participants=("chair", "bjorn")).status_code == 302
    decision = award_round.decision
    assert decision.method == "votes" and decision.recorded_by == jury["chair"].user
    assert ReviewLogEntry.objects.filter(action="decided", to_state="winner", actor=jury["chair"].user).exists()

    # A juror who did not take part cannot confirm.
    client.force_login(jury["anne"].user)
    assert client.get(reverse("award_admin:confirm", args=[award_round.pk])).status_code == 404

    for name in ("chair", "bjorn"):
        client.force_login(jury[name].user)
        assert client.post(reverse("award_admin:confirm", args=[award_round.pk])).status_code == 302
    assert DecisionConfirmation.objects.count() == 2
    decision.refresh_from_db()
    assert decision.finalised_at is not None
    winner = AwardWinner.objects.get()
    assert winner.name == "Ola Forsker" and winner.publish_at == award_round.publish_at
    assert winner.citation == "Et forbilledlig arbeid for kommunene."
    assert ReviewLogEntry.objects.filter(action="decided", to_state="confirmed").count() == 2
    # Final: the chair can no longer change it.
    response = decide(client, award_round, nomination, jury)
    assert (
        nb("Every juror who took part has confirmed the decision; it can no longer be changed.")
        in (response.content.decode().replace("&#x27;", "'"))
        or response.status_code == 200
    )


def test_a_vote_needs_its_result(client, award_round, nomination, jury):
    client.force_login(jury["chair"].user)
    response = client.post(
        reverse("award_admin:decision", args=[award_round.pk]),
        {
            "winners": [nomination.candidate_id],
            "justification": "Begrunnelse.",
            "method": "votes",
            "votes_note": "",
            "participants": [jury["chair"].pk],
        },
    )
    assert response.status_code == 200 and not hasattr(award_round, "decision_cache")
    assert nb("Give the result of the vote.") in response.content.decode()


def test_a_juror_cannot_record_a_decision_through_the_service(award_round, nomination, jury):
    with pytest.raises(services.AwardError):
        services.record_decision(
            award_round,
            winners=[nomination.candidate],
            justification="x",
            method="consensus",
            participants=[jury["bjorn"]],
            actor=jury["bjorn"].user,
        )
