"""A nominator may name the registry project the nomination is about (published projects only);
the winner inherits the project of a nomination still standing, and the project page shows the
winner only from the ceremony. A nomination itself, standing, declined or withdrawn, is never
shown on the project page."""

import datetime

import pytest
from django.urls import reverse

from cms.inquiries.models import ProjectIndexPage
from conference.award import services
from conference.award.enums import NominationState
from conference.award.models import AwardWinner, Nomination
from tests.cms.inquiries.test_project_news import make_project

from .conftest import form_post, nomination_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_ratelimit_no_page_cache(settings):
    settings.RATELIMIT_ENABLE = False
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def registry(home_page):
    index = ProjectIndexPage(title="Prosjekter", slug="prosjekter")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def test_nominator_chooses_among_published_projects_only(client, award_round, uib, registry):
    project = make_project(registry, "Trygg heim")
    draft = make_project(registry, "Prosjekt under arbeid", live=False)
    url = reverse("award:nominate", args=[award_round.edition.year])
    form = client.get(url).content.decode()
    assert "Trygg heim" in form and "Prosjekt under arbeid" not in form

    response = client.post(url, form_post(uib, registry_project=str(draft.pk)))
    assert response.status_code == 200 and not Nomination.objects.exists()
    html = response.content.decode()
    assert "Velg et av de publiserte prosjektene i registeret." in html
    assert 'value="Ola Forsker"' in html  # the rest of the input is kept

    response = client.post(url, form_post(uib, registry_project=str(project.pk)))
    assert response.status_code == 302
    assert Nomination.objects.get().registry_project == project


def decide_and_confirm(award_round, candidate, jury):
    services.record_decision(
        award_round,
        winners=[candidate],
        justification="Fordi.",
        method="consensus",
        participants=[jury["chair"]],
        actor=jury["chair"].user,
    )
    services.confirm_decision(award_round.decision, jury["chair"].user)


def test_winner_takes_the_project_of_a_standing_nomination_and_shows_from_the_ceremony(
    client, award_round, uib, jury, registry
):
    withdrawn_project = make_project(registry, "Trukket prosjekt")
    declined_project = make_project(registry, "Avslått prosjekt")
    project = make_project(registry, "Trygg heim")
    withdrawn = services.submit_nomination(
        award_round, nomination_data(uib, registry_project=withdrawn_project, nominator_email="a@uib.no")
    )
    Nomination.objects.filter(pk=withdrawn.pk).update(state=NominationState.WITHDRAWN)
    standing = services.submit_nomination(
        award_round, nomination_data(uib, registry_project=project, nominator_email="b@uib.no")
    )
    other = services.submit_nomination(
        award_round,
        nomination_data(
            uib, nominee_name="Annen Kandidat", nominee_email="annen@hvl.no", registry_project=declined_project
        ),
    )
    services.decline_nomination(other, "Nei takk.")
    assert withdrawn.candidate_id == standing.candidate_id  # the same nominee

    decide_and_confirm(award_round, standing.candidate, jury)
    winner = AwardWinner.objects.get()
    assert winner.registry_project == project

    # Before the ceremony nothing shows; a nomination never does.
    for page in (project, withdrawn_project, declined_project):
        html = client.get(page.url).content.decode()
        assert "Ola Forsker" not in html and "Annen Kandidat" not in html, page.title
    AwardWinner.objects.filter(pk=winner.pk).update(publish_at=award_round.publish_at - datetime.timedelta(days=60))
    assert "Ola Forsker" in client.get(project.url).content.decode()
    for page in (withdrawn_project, declined_project):
        html = client.get(page.url).content.decode()
        assert "Ola Forsker" not in html and "Annen Kandidat" not in html, page.title


def test_a_winner_without_a_standing_nomination_project_has_none(award_round, uib, jury, registry):
    withdrawn_project = make_project(registry, "Trukket prosjekt")
    withdrawn = services.submit_nomination(
        award_round, nomination_data(uib, registry_project=withdrawn_project, nominator_email="a@uib.no")
    )
    standing = services.submit_nomination(award_round, nomination_data(uib, nominator_email="b@uib.no"))
    Nomination.objects.filter(pk=withdrawn.pk).update(state=NominationState.WITHDRAWN)
    decide_and_confirm(award_round, standing.candidate, jury)
    assert AwardWinner.objects.get().registry_project is None
