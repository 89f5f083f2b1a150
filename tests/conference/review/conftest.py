"""Fixtures for the review engine: a round with two weighted criteria, a panel of three (one
chair) and items from a stand-in feature (the engine never imports posters or the award)."""

import datetime
import itertools
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from conference.review import services
from conference.review.enums import RoundKind
from conference.review.models import Criterion, ReviewAffiliations, ReviewItemMixin, Round

_ids = itertools.count(1)


@dataclass
class FakeItem(ReviewItemMixin):
    """An item of a feature the engine does not know: it only implements the interface."""

    review_round: Round
    institution_ids: frozenset = frozenset()
    municipality_ids: frozenset = frozenset()
    emails: set = field(default_factory=set)
    pk: int = field(default_factory=lambda: next(_ids))

    @classmethod
    def review_item_type(cls) -> str:
        return "fakefeature.submission"

    @property
    def review_round_id(self):
        return self.review_round.pk

    def review_affiliations(self):
        return ReviewAffiliations(frozenset(self.institution_ids), frozenset(self.municipality_ids))

    def review_people_emails(self):
        return self.emails


@pytest.fixture
def now():
    return timezone.now()


def make_round(edition, now, **kwargs):
    values = {
        "edition": edition,
        "kind": RoundKind.POSTERS,
        "title": "Posterkomiteen",
        "declarations_open": now - datetime.timedelta(days=2),
        "scoring_opens": now - datetime.timedelta(days=1),
        "scoring_closes": now + datetime.timedelta(days=7),
    }
    values.update(kwargs)
    round = Round.objects.create(**values)
    return round


@pytest.fixture
def round(edition, now):
    round = make_round(edition, now)
    Criterion.objects.create(round=round, name="Relevans", weight=2, scale_min=1, scale_max=5, sort_order=0)
    Criterion.objects.create(round=round, name="Metode", weight=1, scale_min=1, scale_max=5, sort_order=1)
    return round


@pytest.fixture
def criteria(round):
    return list(round.criteria.order_by("sort_order"))


def make_user(name, **kwargs):
    return get_user_model().objects.create_user(
        username=name, email=f"{name}@example.no", password="x-Very-long-pw-123", first_name=name.title(), **kwargs
    )


@pytest.fixture
def chair(round):
    return services.add_member(round, make_user("kari"), is_chair=True)


@pytest.fixture
def member(round):
    return services.add_member(round, make_user("ola"))


@pytest.fixture
def other_member(round):
    return services.add_member(round, make_user("per"))


@pytest.fixture
def organiser(db):
    user = make_user("arrangor")
    user.user_permissions.add(Permission.objects.get(codename="manage_round", content_type__app_label="review"))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def item(round):
    return FakeItem(review_round=round)


def score_all(member, item, values, criteria, now=None):
    for criterion, value in zip(criteria, values, strict=True):
        services.score(member, item, criterion, value, now=now)
