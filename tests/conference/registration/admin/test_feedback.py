"""The evaluation: invited the day after (only those checked in), one answer per link, stored
without the person; results per question and the export for organisers."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.registration import exports, services
from conference.registration.models import EmailOutbox, FeedbackInvitation, FeedbackResponse

from ..factories import INVOICE, person, t

pytestmark = pytest.mark.django_db


def attend(edition, ticket, n, check_in=True):
    registration = services.create_registration(
        edition, ticket_type=ticket, details=person(n, **INVOICE), payment_method="invoice"
    ).registration
    if check_in:
        services.check_in(registration.pk)
    return registration


def day_after(edition, hour=10):
    return timezone.make_aware(
        datetime.datetime.combine(edition.last_date + datetime.timedelta(days=1), datetime.time(hour))
    )


def answers(**overrides):
    data = {"overall": "5", "relevance": "4", "learning": "4", "organisation": "3", "comment": "Godt program!"}
    data.update(overrides)
    return data


def test_invitations_go_the_day_after_to_those_checked_in_once(edition, invoice_ticket):
    present = attend(edition, invoice_ticket, 0)
    attend(edition, invoice_ticket, 1, check_in=False)
    assert services.send_feedback_invitations(now=edition.ends_at()) == 0
    assert services.send_feedback_invitations(now=day_after(edition)) == 1
    assert services.send_feedback_invitations(now=day_after(edition)) == 0
    mail = EmailOutbox.objects.get(kind="feedback")
    assert mail.registration == present
    from conference.registration.emails import build_message

    body = build_message(mail).body
    assert reverse("registration:feedback", args=[present.feedback_invitation.token]) in body


def test_an_answer_is_anonymous_and_the_link_works_once(client, edition, invoice_ticket):
    registration = attend(edition, invoice_ticket, 0)
    services.send_feedback_invitations(now=day_after(edition))
    url = reverse("registration:feedback", args=[registration.feedback_invitation.token])
    assert client.get(url).status_code == 200
    response = client.post(url, answers(overall="9"))
    assert response.status_code == 200 and FeedbackResponse.objects.count() == 0
    assert 'href="#id_overall_0"' in response.content.decode()  # the error summary links to the question
    assert "Godt program!" in response.content.decode()  # input kept
    response = client.post(url, answers())
    assert t("Thank you! Your answers are saved without your name.") in response.content.decode()
    stored = FeedbackResponse.objects.get()
    assert stored.scores == {"overall": 5, "relevance": 4, "learning": 4, "organisation": 3}
    field_names = {f.name for f in FeedbackResponse._meta.get_fields()}
    assert not field_names & {"registration", "invitation", "email"}
    assert FeedbackInvitation.objects.get().answered is True
    again = client.post(url, answers(overall="1"))
    assert (
        t("This link has already been used to answer the evaluation. Thank you for taking part!")
        in again.content.decode()
    )
    assert FeedbackResponse.objects.count() == 1
    assert client.get(reverse("registration:feedback", args=["A" * 43])).status_code == 404


def test_results_per_question_and_export(organiser_client, edition, invoice_ticket):
    for n, score in enumerate(["5", "3", "4"]):
        registration = attend(edition, invoice_ticket, n)
        services.send_feedback_invitations(now=day_after(edition))
        invitation = FeedbackInvitation.objects.get(registration=registration)
        services.submit_feedback(
            invitation.token, {"overall": score, "relevance": "4"}, "=HYPERLINK(x)" if n == 0 else ""
        )
    results = services.feedback_results(edition)
    overall = results["questions"][0]
    assert overall["average"] == 4.0 and overall["answers"] == 3
    assert dict(overall["counts"]) == {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    page = organiser_client.get(reverse("registration_admin:feedback"), {"edition": edition.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Gjennomsnitt 4,0 av 3 svar." in html
    # Each question's distribution is drawn as a chart next to its table of counts.
    overall_chart = re.search(r'<figure class="kk-chart" id="chart-feedback-overall">.*?</figure>', html, re.S).group(0)
    assert re.findall(r'class="kk-chart__value"[^>]*>([^<]*)', overall_chart) == ["0", "0", "1", "1", "1"]
    assert 'role="img"' in overall_chart and "Svar per poengsum:" in overall_chart
    assert "Ingen data å vise i diagrammet ennå." in html  # a question nobody answered
    csv_text = exports.feedback_export(edition).csv_text()
    assert csv_text.count("\n") == 4 and "'=HYPERLINK(x)" in csv_text
    response = organiser_client.get(
        reverse("registration_admin:export", args=["feedback", "xlsx"]), {"edition": edition.pk}
    )
    assert response.status_code == 200


def test_people_without_access_do_not_see_results(client, django_user_model, edition):
    user = django_user_model.objects.create_user("nysgjerrig", "n@example.no", "passord-som-er-langt")
    client.force_login(user)
    response = client.get(reverse("registration_admin:feedback"), {"edition": edition.pk})
    assert response.status_code in (302, 403)
