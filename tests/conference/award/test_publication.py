"""The result is secret until the ceremony: the edition page, the archive, search, the sitemap
and the programme JSON show a winner only from ``publish_at``; then the news draft is prepared
and the kind e-mails go out once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from cms.news.models import NewsPage
from conference.award import services
from conference.award.models import AwardArchivePage, AwardWinner
from tests.cms.news.factories import NewsIndexPageFactory

from .conftest import nomination_data

pytestmark = pytest.mark.django_db

SECRET = "Hemmelig Vinner"


@pytest.fixture
def archive(conference_index):
    page = AwardArchivePage(title="Forsknings- og innovasjonsprisen", slug="prisen", intro="Alle vinnerne.")
    conference_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def winner(edition, publish_at):
    return AwardWinner.objects.create(
        edition=edition, name=SECRET, citation="Juryens begrunnelse.", publish_at=publish_at
    )


@pytest.mark.parametrize("future", [True, False], ids=["before-ceremony", "after-ceremony"])
def test_result_visible_only_from_the_publish_time(client, edition, conference_index, archive, future):
    now = timezone.now()
    winner(edition, now + datetime.timedelta(days=1) if future else now - datetime.timedelta(minutes=1))
    archive.save_revision().publish()  # re-index with what is public now
    pages = [edition.url, archive.url, conference_index.url, "/sitemap.xml", edition.programme_json_url()]
    for url in pages:
        html = client.get(url).content.decode()
        if url in (edition.url, archive.url, conference_index.url):
            assert (SECRET in html) is (not future), url
        else:
            assert SECRET not in html, url
    found = list(get_search_backend().search(SECRET, AwardArchivePage))
    assert (archive.pk in [p.pk for p in found]) is (not future)
    html = client.get("/sok/", {"q": SECRET}).content.decode()
    assert ("/prisen/" in html) is (not future)


def test_archive_lists_every_year_with_justification_and_photo_alt(client, edition, archive):
    AwardWinner.objects.create(
        edition=edition,
        name="Birgitte Graverholt",
        project="IMPAKT",
        citation="For IMPAKT.",
        publish_at=timezone.now() - datetime.timedelta(days=400),
    )
    html = client.get(archive.url).content.decode()
    assert "Birgitte Graverholt" in html and "For IMPAKT." in html and "IMPAKT" in html


def test_publication_prepares_a_news_draft_and_kind_emails_once(
    client, award_round, uib, jury, home_page, django_capture_on_commit_callbacks
):
    news_index = NewsIndexPageFactory(parent=home_page)
    won = services.submit_nomination(award_round, nomination_data(uib))
    lost = services.submit_nomination(
        award_round,
        nomination_data(
            uib, nominee_name="Annen Kandidat", nominee_email="annen@hvl.no", nominator_email="nils@uib.no"
        ),
    )
    services.record_decision(
        award_round,
        winners=[won.candidate],
        justification="Fordi.",
        method="consensus",
        participants=[jury["chair"]],
        actor=jury["chair"].user,
    )
    services.confirm_decision(award_round.decision, jury["chair"].user)
    assert services.publish_due_results() == 0  # before the ceremony: nothing
    mail.outbox.clear()
    later = award_round.publish_at + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.publish_due_results(now=later) == 1
        assert services.publish_due_results(now=later) == 0
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["annen@hvl.no", "nils@uib.no"]
    assert lost.nominee_email in recipients and won.nominee_email not in recipients
    news = NewsPage.objects.get()
    assert not news.live and "Ola Forsker" in news.title
    assert "får forsknings- og innovasjonsprisen" in news.title  # written in bokmål for the editors
    for feed in ("rss/", "atom/"):
        assert "Ola Forsker" not in client.get(news_index.url + feed).content.decode()  # a draft until editors publish
