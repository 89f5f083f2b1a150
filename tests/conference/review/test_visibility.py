"""The one visibility rule, over roles × states. Every view, export, search and download of
posters and the award will ask ``what_may_see``; these tables are its contract."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from conference.review import services
from conference.review.visibility import Access, declaration_log, require_content, scores_visible_to, what_may_see

from .conftest import FakeItem, make_round, make_user, score_all

pytestmark = pytest.mark.django_db

FLAGS = (
    "can_open_content",
    "can_see_identity",
    "can_declare",
    "can_score",
    "can_see_others_scores",
    "can_see_declarations",
    "is_recused",
)
NOTHING = dict.fromkeys(FLAGS, False)


def flags(access: Access) -> dict:
    return {name: getattr(access, name) for name in FLAGS}


def expect(**granted):
    return {**NOTHING, **granted}


def bring_to_state(member, item, state, criteria):
    """undeclared → declared none → scored in part → submitted, or recused."""
    if state == "undeclared":
        return
    if state == "recused":
        services.declare(member, item, conflict=True, reason="Kollega av forfatteren")
        return
    services.declare(member, item, conflict=False)
    if state in ("scoring", "submitted"):
        score_all(member, item, [4, 3], criteria)
    if state == "submitted":
        services.submit_scores(member, item)


OPEN = expect(can_open_content=True, can_see_identity=True, can_declare=True, can_score=True)
# (state, blind review) -> what a panel member may see and do.
MEMBER_TABLE = [
    ("undeclared", False, expect(can_declare=True)),
    ("undeclared", True, expect(can_declare=True)),
    ("recused", False, expect(can_declare=True, is_recused=True)),
    ("recused", True, expect(can_declare=True, is_recused=True)),
    ("declared", False, OPEN),
    ("declared", True, {**OPEN, "can_see_identity": False}),
    ("scoring", False, OPEN),
    ("scoring", True, {**OPEN, "can_see_identity": False}),
    ("submitted", False, {**OPEN, "can_score": False, "can_see_others_scores": True}),
    ("submitted", True, {**OPEN, "can_score": False, "can_see_others_scores": True, "can_see_identity": False}),
]


@pytest.mark.parametrize(("state", "blind", "expected"), MEMBER_TABLE)
def test_panel_member_sees_by_declaration_and_submission(round, member, item, criteria, state, blind, expected):
    round.blind_review = blind
    round.save()
    bring_to_state(member, item, state, criteria)
    access = what_may_see(member.user, item)
    assert flags(access) == expected
    assert not access.is_chair and not access.is_organiser


@pytest.mark.parametrize(("state", "blind", "expected"), MEMBER_TABLE)
def test_chair_sees_as_a_member_plus_the_declaration_log(round, chair, item, criteria, state, blind, expected):
    round.blind_review = blind
    round.save()
    bring_to_state(chair, item, state, criteria)
    access = what_may_see(chair.user, item)
    assert flags(access) == {**expected, "can_see_declarations": True}
    assert access.is_chair


@pytest.mark.parametrize("blind", [False, True])
@pytest.mark.parametrize("others", ["undeclared", "recused", "submitted"])
def test_organiser_sees_everything_whatever_the_panel_has_done(round, member, organiser, item, criteria, blind, others):
    round.blind_review = blind
    round.save()
    bring_to_state(member, item, others, criteria)
    access = what_may_see(organiser, item)
    assert flags(access) == expect(
        can_open_content=True, can_see_identity=True, can_see_others_scores=True, can_see_declarations=True
    )
    assert access.is_organiser


@pytest.mark.parametrize("who", ["anonymous", "signed_in_stranger", "inactive_member", "member_of_another_round"])
def test_outsiders_see_nothing(round, edition, now, item, member, criteria, who):
    bring_to_state(member, item, "submitted", criteria)
    if who == "anonymous":
        user = AnonymousUser()
    elif who == "signed_in_stranger":
        user = make_user("fremmed")
    elif who == "inactive_member":
        user = member.user
        user.is_active = False
        user.save()
    else:
        other = make_round(edition, now, title="Juryen")
        user = services.add_member(other, make_user("jurymedlem"), is_chair=True).user
    access = what_may_see(user, item)
    assert flags(access) == NOTHING
    assert not access.sees_anything
    with pytest.raises(Http404):
        require_content(user, item)


def test_recused_member_gets_404_for_the_content_like_a_missing_item(member, item):
    services.declare(member, item, conflict=True, reason="Samboer er medforfatter")
    with pytest.raises(Http404):
        require_content(member.user, item)


def test_scoring_window_closed_lets_a_member_read_but_not_score(round, member, item, now):
    services.declare(member, item, conflict=False)
    access = what_may_see(member.user, item, now=round.scoring_closes + datetime.timedelta(minutes=1))
    assert access.can_open_content and not access.can_score and not access.can_declare


def test_a_declaration_opens_only_that_item(round, member, item):
    services.declare(member, item, conflict=False)
    assert what_may_see(member.user, item).can_open_content
    assert not what_may_see(member.user, FakeItem(review_round=round)).can_open_content


def test_a_recused_member_never_sees_others_scores_even_after_scoring_before_the_conflict(member, item, criteria):
    bring_to_state(member, item, "submitted", criteria)
    services.declare(member, item, conflict=True, reason="Oppdaget sent at jeg er medforfatter")
    access = what_may_see(member.user, item)
    assert not access.can_see_others_scores and not access.can_open_content and access.is_recused


def test_member_sees_only_own_scores_until_submitting_then_everyones(member, other_member, item, criteria):
    bring_to_state(other_member, item, "submitted", criteria)
    bring_to_state(member, item, "scoring", criteria)
    assert {s.member_id for s in scores_visible_to(member.user, item)} == {member.pk}
    services.submit_scores(member, item)
    assert {s.member_id for s in scores_visible_to(member.user, item)} == {member.pk, other_member.pk}


def test_recused_member_and_outsiders_see_no_scores(round, member, other_member, item, criteria):
    bring_to_state(other_member, item, "submitted", criteria)
    bring_to_state(member, item, "recused", criteria)
    assert scores_visible_to(member.user, item) == []
    assert scores_visible_to(make_user("fremmed"), item) == []
    assert scores_visible_to(AnonymousUser(), item) == []


def test_scores_of_a_member_who_later_declared_a_conflict_are_hidden_from_the_panel(
    member, other_member, organiser, item, criteria
):
    bring_to_state(member, item, "submitted", criteria)
    bring_to_state(other_member, item, "submitted", criteria)
    services.declare(other_member, item, conflict=True, reason="Oppdaget sent at jeg er medforfatter")
    assert {s.member_id for s in scores_visible_to(member.user, item)} == {member.pk}
    assert {s.member_id for s in scores_visible_to(organiser, item)} == {member.pk, other_member.pk}


def test_only_chair_and_organisers_read_the_declaration_log(round, chair, member, organiser, item):
    services.declare(member, item, conflict=True, reason="Nabo av forfatteren")
    assert [e.note for e in declaration_log(chair.user, round)] == ["Nabo av forfatteren"]
    assert declaration_log(organiser, round).count() == 1
    assert not declaration_log(member.user, round).exists()
    assert not declaration_log(AnonymousUser(), round).exists()


@pytest.mark.parametrize("who", ["member", "chair", "organiser", "stranger"])
def test_the_bulk_answer_for_a_list_is_the_same_rule_as_for_one_item(round, chair, member, organiser, criteria, who):
    from conference.review.visibility import what_may_see_many

    items = {state: FakeItem(review_round=round) for state in ("undeclared", "recused", "declared", "submitted")}
    for state, item in items.items():
        bring_to_state(member, item, state, criteria)
        bring_to_state(chair, item, state, criteria)
    user = {"member": member.user, "chair": chair.user, "organiser": organiser, "stranger": make_user("fremmed")}[who]
    many = what_may_see_many(user, round, items.values())
    assert {pk: flags(a) for pk, a in many.items()} == {i.pk: flags(what_may_see(user, i)) for i in items.values()}
