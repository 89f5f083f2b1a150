"""Fixtures for the award: an open round of the 2026 edition with the default criteria, partner
organisations, a jury of three plus a chair, and helpers to nominate."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from cms.network.models import Institution, Municipality, MunicipalityMembershipPeriod
from conference.award import services
from conference.award.enums import NomineeKind
from conference.award.models import AwardRound
from conference.review import services as review_services
from tests import pdfs


@pytest.fixture(autouse=True)
def _private_files_in_memory(settings):
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def uib(db):
    return Institution.objects.create(
        name="Universitetet i Bergen", short_name="UiB", partner_since=datetime.date(2015, 1, 1)
    )


@pytest.fixture
def former_partner(db):
    return Institution.objects.create(
        name="Gamle Høgskole", partner_since=datetime.date(2010, 1, 1), partner_until=datetime.date(2012, 1, 1)
    )


@pytest.fixture
def bergen(db):
    municipality = Municipality.objects.create(name="Bergen", slug="bergen")
    MunicipalityMembershipPeriod.objects.create(municipality=municipality, start_date=datetime.date(2015, 1, 1))
    return municipality


@pytest.fixture
def award_round(edition, now):
    return services.save_round(
        AwardRound(
            edition=edition,
            intro="Send inn din kandidat.",
            eligibility="Personer og forskningsmiljøer i nettverket.",
            nominations_open=now - datetime.timedelta(days=5),
            nominations_close=now + datetime.timedelta(days=10),
            declarations_open=now - datetime.timedelta(days=1),
            scoring_opens=now - datetime.timedelta(days=1),
            scoring_closes=now + datetime.timedelta(days=20),
            publish_at=now + datetime.timedelta(days=30),
            justification_max_length=500,
        )
    )


def make_user(name, **kwargs):
    return get_user_model().objects.create_user(
        username=name, email=f"{name}@example.no", password="x-Very-long-pw-123", first_name=name.title(), **kwargs
    )


@pytest.fixture
def jury(award_round, uib):
    """chair, two jurors (one at UiB) and a juror of nothing."""
    chair = review_services.add_member(award_round.review_round, make_user("leder"), is_chair=True)
    anne = review_services.add_member(award_round.review_round, make_user("anne"), institution=uib)
    bjorn = review_services.add_member(award_round.review_round, make_user("bjorn"))
    return {"chair": chair, "anne": anne, "bjorn": bjorn}


@pytest.fixture
def organiser(db):
    user = make_user("arrangor")
    user.user_permissions.add(Permission.objects.get(codename="manage_round", content_type__app_label="review"))
    user.user_permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    return get_user_model().objects.get(pk=user.pk)


def pdf_upload(name="stotte.pdf", content=None):
    return pdfs.pdf_upload(name, content)


def nomination_data(uib, **overrides):
    data = {
        "nominator_name": "Kari Nominator",
        "nominator_email": "kari@uib.no",
        "nominator_institution": uib,
        "nominator_municipality": None,
        "nominee_kind": NomineeKind.PERSON,
        "nominee_name": "Ola Forsker",
        "nominee_affiliation": "Høgskulen på Vestlandet",
        "nominee_institution": None,
        "nominee_municipality": None,
        "nominee_email": "ola@hvl.no",
        "projects": "Trygg heim",
        "justification": "Ola har bygd opp et sterkt fagmiljø.",
        "nominee_knows": True,
        "may_contact": True,
    }
    data.update(overrides)
    return data


def form_post(uib, **overrides):
    """The nomination form's POST data."""
    data = {
        "nominator_name": "Kari Nominator",
        "nominator_email": "kari@uib.no",
        "organisation": f"i-{uib.pk}",
        "nominee_kind": "person",
        "nominee_name": "Ola Forsker",
        "nominee_affiliation": "Høgskulen på Vestlandet",
        "nominee_email": "ola@hvl.no",
        "projects": "Trygg heim",
        "justification": "Ola har bygd opp et sterkt fagmiljø.",
        "nominee_knows": "on",
        "may_contact": "on",
        "website_url": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
