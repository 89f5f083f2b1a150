"""Nominating without an account: the public form, the private links, the nominee's decline,
and merging nominations of the same nominee into one candidate for the jury."""

import datetime
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from conference.award import services
from conference.award.enums import NominationState
from conference.award.models import Candidate, Nomination, NominationChange
from conference.review import services as review_services
from conference.review.registry import items_of
from tests.conference.i18n import nb
from tests.pdfs import pdf_bytes, with_javascript

from .conftest import form_post, nomination_data, pdf_upload

pytestmark = pytest.mark.django_db


def url(award_round):
    return reverse("award:nominate", args=[award_round.edition.year])


def test_the_form_offers_only_current_partner_organisations(client, award_round, uib, bergen, former_partner):
    html = client.get(url(award_round)).content.decode()
    assert "Universitetet i Bergen" in html and "Bergen" in html
    assert "Gamle Høgskole" not in html
    assert 'autocomplete="email"' in html and "<legend" in html


def test_a_nomination_is_received_with_a_private_link_and_the_nominee_is_told(
    client, award_round, uib, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(award_round), {**form_post(uib), "attachments": [pdf_upload()]})
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/prisen/nominasjon/{nomination.token}/")
    assert nomination.nominator_institution == uib
    assert nomination.attachments.get().original_name == "stotte.pdf"
    assert nomination.candidate.name == "Ola Forsker"
    receipt, told = sorted(mail.outbox, key=lambda m: m.to[0])
    assert receipt.to == ["kari@uib.no"] and nomination.token in receipt.body
    assert told.to == ["ola@hvl.no"] and nomination.nominee_token in told.body
    assert nomination.token not in told.body


def test_without_permission_to_contact_the_nominee_is_not_told(client, award_round, uib):
    client.post(url(award_round), form_post(uib, may_contact=None))
    nomination = Nomination.objects.get()
    assert nomination.nominee_told_at is None
    assert client.get(reverse("award:nominee", args=[nomination.nominee_token])).status_code == 404


def test_errors_are_summarised_in_bokmal_and_the_input_kept(client, award_round, uib, former_partner):
    response = client.post(
        url(award_round),
        form_post(uib, organisation=f"i-{former_partner.pk}", justification="x" * 501, nominee_email="ikke-epost"),
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert 'class="ds-error-summary"' in html
    assert nb("Choose one of the network's partner organisations.") in html
    assert 'href="#id_justification"' in html
    assert "Kari Nominator" in html  # input kept
    assert not Nomination.objects.exists()


def test_the_honeypot_refuses_bots(client, award_round, uib):
    response = client.post(url(award_round), form_post(uib, website_url="http://spam.example"))
    assert response.status_code == 200 and not Nomination.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        lambda: pdf_upload(content=pdf_bytes(with_javascript)),
        lambda: pdf_upload(content=b"MZ\x90\x00 not a pdf"),
        lambda: pdf_upload(name="virus.exe"),
    ],
    ids=["javascript", "fake", "wrong-name"],
)
def test_every_upload_is_checked(client, award_round, uib, upload):
    response = client.post(url(award_round), {**form_post(uib), "attachments": [upload()]})
    assert response.status_code == 200
    assert 'href="#id_attachments"' in response.content.decode()
    assert not Nomination.objects.exists()


def test_closed_round_refuses_nominations(client, award_round, uib, now):
    award_round.nominations_close = now - datetime.timedelta(minutes=1)
    award_round.nominations_open = now - datetime.timedelta(days=3)
    award_round.save()
    assert client.post(url(award_round), form_post(uib)).status_code == 403
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("name", ["award:manage", "award:nominee"])
def test_changed_or_odd_links_give_404(client, award_round, uib, name):
    nomination = services.submit_nomination(award_round, nomination_data(uib))
    token = nomination.token if name == "award:manage" else nomination.nominee_token
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(reverse(name, args=[changed])).status_code == 404
    assert client.get(reverse(name, args=["kort"])).status_code == 404
    assert client.get(reverse(name, args=[token])).status_code == 200


def test_the_nominator_edits_until_the_deadline(client, award_round, uib, now):
    nomination = services.submit_nomination(award_round, nomination_data(uib), [pdf_upload("a.pdf")])
    link = reverse("award:manage", args=[nomination.token])
    attachment = nomination.attachments.get()
    assert client.get(reverse("award:manage_attachment", args=[nomination.token, attachment.pk])).status_code == 200
    response = client.post(
        link,
        {**form_post(uib, justification="Ny og bedre begrunnelse."), "remove_attachments": [str(attachment.pk)]},
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.justification == "Ny og bedre begrunnelse."
    assert not nomination.attachments.exists()
    assert NominationChange.objects.filter(nomination=nomination, note="Endret av nominatoren").exists()

    award_round.nominations_close = now - datetime.timedelta(minutes=1)
    award_round.save()
    assert client.post(link, form_post(uib, justification="For sent.")).status_code == 403
    nomination.refresh_from_db()
    assert nomination.justification == "Ny og bedre begrunnelse."


def test_the_nominee_declines_with_a_reason_in_the_history(client, award_round, uib, jury):
    nomination = services.submit_nomination(award_round, nomination_data(uib))
    link = reverse("award:nominee", args=[nomination.nominee_token])
    assert nb("Decline the nomination") in client.get(link).content.decode()
    mail.outbox.clear()
    response = client.post(link, {"reason": "Jeg er i permisjon.", "confirm": "on", "website_url": ""})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECLINED
    change = NominationChange.objects.filter(nomination=nomination).last()
    assert (change.from_state, change.to_state, change.note) == ("submitted", "declined", "Jeg er i permisjon.")
    assert not items_of(award_round.review_round).exists()  # the jury no longer sees it
    # Declining twice changes nothing and sends nothing more.
    services.decline_nomination(nomination, "igjen")
    assert NominationChange.objects.filter(nomination=nomination, to_state="declined").count() == 1


def test_nominations_of_the_same_nominee_are_one_candidate_keeping_both_texts(award_round, uib, bergen, jury):
    first = services.submit_nomination(award_round, nomination_data(uib, justification="Tekst fra UiB."))
    second = services.submit_nomination(
        award_round,
        nomination_data(
            uib,
            nominator_name="Per Kommune",
            nominator_email="per@bergen.kommune.no",
            nominator_institution=None,
            nominator_municipality=bergen,
            nominee_email="OLA@hvl.no",
            justification="Tekst fra Bergen kommune.",
        ),
        [pdf_upload("bergen.pdf")],
    )
    assert first.candidate_id == second.candidate_id
    candidate = items_of(award_round.review_round).get()
    assert candidate.review_affiliations().municipality_ids == {bergen.pk}
    assert {"kari@uib.no", "per@bergen.kommune.no", "ola@hvl.no"} <= candidate.review_people_emails()
    from django.template.loader import render_to_string

    from conference.review.visibility import Access

    html = render_to_string(
        "award/review/item.html", {"item": candidate, "access": Access(can_open_content=True, can_see_identity=True)}
    )
    assert "Tekst fra UiB." in html and "Tekst fra Bergen kommune." in html
    assert "bergen.pdf" in html and reverse("award:jury_attachment", args=[second.attachments.get().pk]) in html


def test_organisers_merge_and_split_candidates(client, award_round, uib, organiser, jury):
    one = services.submit_nomination(award_round, nomination_data(uib, justification="Første."))
    two = services.submit_nomination(
        award_round, nomination_data(uib, nominee_name="O. Forsker", nominee_email="ola.forsker@hvl.no")
    )
    assert one.candidate_id != two.candidate_id
    review_services.declare(jury["anne"], one.candidate, False)
    client.force_login(organiser)
    link = reverse("award_admin:candidates", args=[award_round.pk])
    response = client.post(link, {"source": two.candidate_id, "target": one.candidate_id})
    assert response.status_code == 302
    two.refresh_from_db()
    assert two.candidate_id == one.candidate_id and Candidate.objects.count() == 1
    # The merged content is new to the jury: they declare again.
    assert not review_services.ConflictDeclaration.objects.filter(item_id=one.candidate_id).exists()
    client.post(link, {"split": two.pk})
    two.refresh_from_db()
    assert two.candidate_id != one.candidate_id and Candidate.objects.count() == 2


def test_jurors_may_not_merge(client, award_round, jury):
    client.force_login(jury["chair"].user)
    assert client.get(reverse("award_admin:candidates", args=[award_round.pk])).status_code == 404
