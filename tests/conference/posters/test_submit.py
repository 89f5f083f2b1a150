"""Submitting a poster without an account: the call page, drafts, sending in, the word limit,
the authors' rows and bad input."""

from unittest import mock

import pytest

from conference.posters.enums import SubmissionState
from conference.posters.models import PosterEmail, PosterSubmission

from .conftest import post_data, submit_url, words

pytestmark = pytest.mark.django_db


def test_call_page_shows_the_rules_and_the_button(client, call):
    response = client.get(call.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Send inn plakat" in html
    assert "Høyst 50 ord" in html
    assert "Helsefremmende arbeid" in html
    assert " kl. " in html
    assert "Mistet lenken til innsendingen din?" in html


def test_edition_page_links_to_the_call(client, call, edition):
    html = client.get(edition.url).content.decode()
    assert "Les plakatutlysningen" in html
    assert f'href="{call.url}"' in html


def test_submitting_creates_a_submitted_poster_and_one_receipt(client, call, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(call), post_data(call))
    submission = PosterSubmission.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/innsending/{submission.token}/")
    assert submission.state == SubmissionState.SUBMITTED
    assert submission.contact_email == "kari@example.no"
    assert submission.authors.get().is_presenting
    receipt = PosterEmail.objects.get(kind=PosterEmail.Kind.RECEIPT)
    assert receipt.sent_at is not None
    page = client.get(response["Location"]).content.decode()
    assert "Plakaten ble sendt inn" in page
    assert "Takk! Plakaten din er sendt inn" in page
    # Saving changes later sends no second receipt.
    edit_url = response["Location"] + "endre/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url, post_data(call, title="Ny tittel"))
    submission.refresh_from_db()
    assert submission.title == "Ny tittel"
    assert PosterEmail.objects.filter(kind=PosterEmail.Kind.RECEIPT).count() == 1
    assert "Innsendingen ble endret" in client.get(response["Location"]).content.decode()


def test_receipt_email_contains_the_private_link(client, call, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit_url(call), post_data(call))
    submission = PosterSubmission.objects.get()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Plakat mottatt: Mestring hjemme etter utskrivning"
    assert f"/innsending/{submission.token}/" in mailoutbox[0].body
    assert mailoutbox[0].to == ["kari@example.no"]


def test_draft_needs_only_contact_and_title_and_sends_the_link_once(client, call, django_capture_on_commit_callbacks):
    data = {
        "action": "draft",
        "contact_name": "Ola",
        "contact_email": "ola@example.no",
        "title": "Tidlig idé",
        "authors-TOTAL_FORMS": "1",
        "authors-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(call), data)
    assert response.status_code == 302
    submission = PosterSubmission.objects.get()
    assert submission.state == SubmissionState.DRAFT
    assert submission.review_round is None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"] + "endre/", {**data, "title": "Bedre idé"})
    assert PosterEmail.objects.filter(kind=PosterEmail.Kind.DRAFT_LINK).count() == 1
    assert "Dette er et utkast" in client.get(response["Location"]).content.decode()


def test_draft_without_title_is_refused_with_the_field_named(client, call):
    response = client.post(
        submit_url(call), {"action": "draft", "contact_name": "Ola", "contact_email": "ola@example.no"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not PosterSubmission.objects.exists()
    assert 'href="#id_title"' in html
    assert "Tittel på plakaten: Dette feltet er påkrevet." in html


def test_sending_in_requires_every_part_and_keeps_the_input(client, call):
    response = client.post(submit_url(call), post_data(call, method="", topic=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert not PosterSubmission.objects.exists()
    assert 'href="#id_method"' in html
    assert 'href="#id_topic_0"' in html
    assert "bakgrunn bakgrunn" in html  # what was typed is still there
    assert 'value="Mestring hjemme etter utskrivning"' in html


def test_abstract_at_the_word_limit_is_accepted(client, call):
    data = post_data(call, background=words(20), method=words(10), results=words(10), relevance=words(10))
    assert client.post(submit_url(call), data).status_code == 302
    assert PosterSubmission.objects.get().word_count == 50


def test_abstract_one_word_over_the_limit_is_refused_with_the_count(client, call):
    data = post_data(call, background=words(21), method=words(10), results=words(10), relevance=words(10))
    response = client.post(submit_url(call), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not PosterSubmission.objects.exists()
    assert "Sammendraget har 51 ord, men kan ha høyst 50" in html
    assert 'href="#id_background"' in html


def test_hyphenated_words_count_once(client, call):
    data = post_data(call, background=words(15) + " kommune-helsetjeneste", method=words(10), results=words(12))
    data["relevance"] = words(12)
    assert client.post(submit_url(call), data).status_code == 302


def test_authors_are_saved_in_order_and_empty_rows_ignored(client, call, institution, municipality):
    authors = [
        {"name": "Første", "affiliation": f"i-{institution.pk}"},
        {"name": "", "email": "", "affiliation": "", "affiliation_other": ""},
        {"name": "Andre", "email": "andre@example.no", "affiliation": f"m-{municipality.pk}", "is_presenting": "on"},
        {"name": "Tredje", "affiliation_other": "Frivilligsentralen"},
    ]
    response = client.post(submit_url(call), post_data(call, authors=authors))
    assert response.status_code == 302
    saved = list(PosterSubmission.objects.get().authors.order_by("sort_order"))
    assert [a.name for a in saved] == ["Første", "Andre", "Tredje"]
    assert saved[0].institution == institution
    assert saved[1].municipality == municipality and saved[1].is_presenting
    assert saved[2].affiliation == "Frivilligsentralen"


@pytest.mark.parametrize(
    ("presenting", "message"),
    [((), "Kryss av for forfatteren som presenterer plakaten."), ((0, 1), "Bare én forfatter kan presentere")],
)
def test_exactly_one_presenting_author(client, call, presenting, message):
    authors = [
        {"name": "A", "affiliation_other": "X", **({"is_presenting": "on"} if 0 in presenting else {})},
        {"name": "B", "affiliation_other": "Y", **({"is_presenting": "on"} if 1 in presenting else {})},
    ]
    response = client.post(submit_url(call), post_data(call, authors=authors))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'href="#id_authors-0-is_presenting"' in html
    assert not PosterSubmission.objects.exists()


def test_author_without_affiliation_or_with_a_former_municipality_is_refused(client, call):
    authors = [{"name": "A", "affiliation": "m-999999", "is_presenting": "on"}, {"name": "B"}]
    response = client.post(submit_url(call), post_data(call, authors=authors))
    html = response.content.decode()
    assert "Forfatter 1: Tilknytning: Velg et gyldig valg." in html
    assert "Forfatter 2: Tilknytning: Velg en institusjon eller kommune" in html
    assert not PosterSubmission.objects.exists()


def test_row_with_an_email_but_no_name_asks_for_the_name(client, call):
    authors = [{"name": "A", "affiliation_other": "X", "is_presenting": "on"}, {"email": "b@example.no"}]
    html = client.post(submit_url(call), post_data(call, authors=authors)).content.decode()
    assert "Forfatter 2: Navn: Skriv navnet til forfatteren, eller tøm raden." in html


def test_add_and_remove_author_rows_without_javascript_keep_the_input(client, call):
    data = post_data(call, action="add_author")
    response = client.post(submit_url(call), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not PosterSubmission.objects.exists()
    assert 'name="authors-1-name"' in html
    assert 'value="Kari Nordmann"' in html
    assert "ds-error-summary" not in html
    authors = [{"name": "Først"}, {"name": "Midt"}, {"name": "Sist", "is_presenting": "on"}]
    html = client.post(submit_url(call), post_data(call, action="remove_author:1", authors=authors)).content.decode()
    assert 'value="Midt"' not in html
    assert 'name="authors-1-name" value="Sist"' in html or (
        'value="Sist"' in html and 'name="authors-2-name"' not in html
    )


def test_honeypot_refuses_the_form(client, call):
    response = client.post(submit_url(call), post_data(call, website_url="http://spam.example"))
    assert response.status_code == 200
    assert "Skjemaet kunne ikke sendes" in response.content.decode()
    assert not PosterSubmission.objects.exists()


def test_broken_management_form_is_a_form_error_not_a_500(client, call):
    data = post_data(call)
    data["authors-TOTAL_FORMS"] = "mange"
    response = client.post(submit_url(call), data)
    assert response.status_code == 200
    assert not PosterSubmission.objects.exists()


def test_form_posts_over_the_limit_get_the_429_page(client, call, settings):
    from django.core.cache import cache

    settings.RATELIMIT_ENABLE = True
    cache.clear()
    # The limit counts per time window; a window turning over mid-test would reset the count.
    with mock.patch("django_ratelimit.core.time.time", return_value=1_800_000_000.0):
        try:
            statuses = [client.post(submit_url(call), {"action": "draft"}).status_code for _ in range(31)]
        finally:
            cache.clear()
    assert statuses[-1] == 429


def test_form_page_renders_the_word_count_live_region(client, call):
    html = client.get(submit_url(call)).content.decode()
    assert 'aria-live="polite"' in html
    assert "0 ord av høyst 50." in html
    assert "js/posters.js" in html
    assert 'autocomplete="email"' in html
