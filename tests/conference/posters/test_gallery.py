"""The public gallery: only published posters, filters, files that are never public before
publication, the committee's PDF route, site search and flat query counts."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from conference.posters.enums import SubmissionState
from conference.posters.models import PosterTopic
from conference.review import services as review_services
from tests.conference.registration.factories import MunicipalityFactory
from tests.conftest import MODEL_BACKEND

from .after_helpers import add_files, make_call, make_published, make_submission

pytestmark = pytest.mark.django_db


def clear_caches():
    """Measured requests start from empty caches (the anonymous page cache would answer them)."""
    for alias in django_settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def call(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return make_call(home_page)


def route(call, name, **kwargs):
    return call.url + call.reverse_subpage(name, kwargs=kwargs or None)


@pytest.fixture
def unpublished(call):
    """A rejected, an unconsented and an undecided (decision not sent) poster, all with files."""
    rejected = add_files(
        make_submission(call, "Avvist plakat", state=SubmissionState.REJECTED, decision_sent_at=timezone.now())
    )
    unconsented = add_files(
        make_submission(call, "Uten samtykke", state=SubmissionState.ACCEPTED, decision_sent_at=timezone.now())
    )
    undecided = add_files(make_submission(call, "Ikke sendt", state=SubmissionState.ACCEPTED, consent_to_publish=True))
    return [rejected, unconsented, undecided]


def test_gallery_lists_only_published_posters(call, unpublished, client):
    make_published(call, "Trygg hjemme i Alver", board_number=1)
    content = client.get(route(call, "gallery")).content.decode()
    assert "Trygg hjemme i Alver" in content
    for poster in unpublished:
        assert poster.title not in content


def test_every_file_and_page_route_is_404_for_unpublished_posters(call, unpublished, client):
    for poster in unpublished:
        for name in ("gallery_poster", "gallery_preview", "gallery_pdf"):
            assert client.get(route(call, name, pk=poster.pk)).status_code == 404, (poster.title, name)


def test_published_poster_page_preview_and_pdf(call, client):
    poster = make_published(call, "Lærende nettverk", board_number=3)
    page = client.get(route(call, "gallery_poster", pk=poster.pk))
    assert page.status_code == 200 and "Lærende nettverk" in page.content.decode()
    pdf = client.get(route(call, "gallery_pdf", pk=poster.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "plakat-3.pdf" in pdf["Content-Disposition"]
    assert client.get(route(call, "gallery_preview", pk=poster.pk))["Content-Type"] == "image/png"


def test_a_poster_of_another_call_is_not_found(call, home_page, client):
    other = make_call(home_page, year=2031)
    poster = make_published(other, "Annen konferanse")
    assert client.get(route(call, "gallery_poster", pk=poster.pk)).status_code == 404


def test_filters_by_topic_and_municipality_without_javascript(call, client):
    first_topic, second_topic = PosterTopic.objects.filter(page=call).order_by("sort_order")
    askoy = MunicipalityFactory(name="Askøy")
    a = make_published(call, "Om velferdsteknologi", topic=first_topic)
    a.municipalities.add(askoy)
    make_published(call, "Om ernæring", topic=second_topic)
    by_topic = client.get(route(call, "gallery"), {"topic": first_topic.pk}).content.decode().replace("\xad", "")
    assert "Om velferdsteknologi" in by_topic and "Om ernæring" not in by_topic
    by_municipality = (
        client.get(route(call, "gallery"), {"municipality": askoy.pk}).content.decode().replace("\xad", "")
    )
    assert "Om velferdsteknologi" in by_municipality and "Om ernæring" not in by_municipality
    bad = client.get(route(call, "gallery"), {"topic": "x\x00", "page": "abc"})
    assert bad.status_code == 200
    assert "Om ernæring" in bad.content.decode()  # an unknown filter value is reported, not applied


def test_gallery_query_count_stays_flat(call, client, django_assert_max_num_queries):
    topic = PosterTopic.objects.filter(page=call).first()
    municipality = MunicipalityFactory()
    for i in range(2):
        make_published(call, f"Plakat {i}", topic=topic).municipalities.add(municipality)
    client.get(route(call, "gallery"))
    clear_caches()
    with django_assert_max_num_queries(30) as few:
        client.get(route(call, "gallery"))
    for i in range(2, 10):
        make_published(call, f"Plakat {i}", topic=topic).municipalities.add(municipality)
    clear_caches()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(route(call, "gallery"))
    assert "Plakat 9" in response.content.decode()


def test_committee_pdf_route_follows_the_review_engine(call, django_user_model, client):
    poster = add_files(make_submission(call, "Under vurdering"))
    url = route(call, "committee_pdf", pk=poster.pk)
    assert client.get(url).status_code == 404  # anonymous
    outsider = django_user_model.objects.create_user("utenfor", "utenfor@example.com", "x" * 20)
    client.force_login(outsider, backend=MODEL_BACKEND)
    assert client.get(url).status_code == 404
    reviewer = django_user_model.objects.create_user("fagfelle", "fagfelle@example.com", "x" * 20)
    member = review_services.add_member(call.review_round, reviewer)
    review_services.declare(member, poster, True, "Kollega av forfatteren")
    client.force_login(reviewer, backend=MODEL_BACKEND)
    assert client.get(url).status_code == 404  # recused
    organiser = django_user_model.objects.create_user("leder", "leder@example.com", "x" * 20)
    organiser.user_permissions.add(Permission.objects.get(codename="manage_round"))
    client.force_login(organiser, backend=MODEL_BACKEND)
    assert client.get(url).status_code == 200


def test_site_search_finds_only_published_posters(call, unpublished, client):
    make_published(call, "Dagsenter for personer med demens", background="Aktivitetstilbud i Fjell.")
    for poster in unpublished:
        poster.title = f"{poster.title} demens"
        poster.save()
    content = client.get(reverse("search"), {"q": "demens"}).content.decode()
    assert "Dagsenter for personer med demens" in content
    for poster in unpublished:
        assert poster.title not in content


def test_edition_page_links_to_its_gallery(call, client):
    edition = call.get_parent().specific
    assert "i galleriet" not in client.get(edition.url).content.decode()
    make_published(call, "Arkivplakat")
    assert call.gallery_url() in client.get(edition.url).content.decode()
