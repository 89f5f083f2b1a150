"""The poster pages in every form state, for ``tests/test_valid_html.py``."""

from conference.editions.models import ConferenceEditionPage
from conference.posters.models import PosterSubmission

from .conftest import make_call, post_data, private_url, submit_url, words
from .factories import accept


def poster_pages(client) -> dict[str, str]:
    edition = ConferenceEditionPage.objects.get(year=2030)
    call = make_call(edition)
    pages = {"poster-call": client.get(call.url).content.decode()}
    pages["poster-form"] = client.get(submit_url(call)).content.decode()
    bad = post_data(call, background=words(60), method="", authors=[{"name": "A"}, {"email": "x"}])
    pages["poster-form-errors"] = client.post(submit_url(call), bad).content.decode()
    pages["poster-form-two-authors"] = client.post(
        submit_url(call), post_data(call, action="add_author")
    ).content.decode()
    pages["poster-link-errors"] = client.post(
        call.url + call.reverse_subpage("resend_link"), {"email": "nei"}
    ).content.decode()
    response = client.post(submit_url(call), post_data(call), follow=True)
    pages["poster-status"] = response.content.decode()
    submission = PosterSubmission.objects.get(call=call)
    pages["poster-edit"] = client.get(private_url(submission, "edit")).content.decode()
    pages["poster-withdraw"] = client.get(private_url(submission, "withdraw")).content.decode()
    accept(submission)
    pages["poster-final"] = client.get(private_url(submission, "final")).content.decode()
    pages["poster-final-errors"] = client.post(private_url(submission, "final"), {}).content.decode()
    pages["poster-status-accepted"] = client.get(private_url(submission)).content.decode()
    return pages
