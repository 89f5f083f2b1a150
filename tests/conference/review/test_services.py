"""Declarations, scores and submissions: what a panel member can and cannot do, in bokmål."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from conference.review import services
from conference.review.models import ConflictDeclaration, PanelMember, ReviewLogEntry, Score
from conference.review.services import ReviewError

from .conftest import FakeItem, make_round, make_user, score_all

pytestmark = pytest.mark.django_db


def refused(code, fn, *args, **kwargs):
    with pytest.raises(ReviewError) as excinfo:
        fn(*args, **kwargs)
    assert excinfo.value.code == code
    return excinfo.value.messages[0]


def test_member_cannot_score_before_declaring(member, item, criteria):
    with translation.override("nb"):
        message = refused("undeclared", services.score, member, item, criteria[0], 4)
    assert "interessekonflikt" in message
    assert not Score.objects.exists()


def test_member_with_a_declared_conflict_cannot_score_the_item(member, item, criteria):
    services.declare(member, item, conflict=True, reason="Veileder for førsteforfatter")
    with translation.override("nb"):
        message = refused("recused", services.score, member, item, criteria[0], 4)
    assert "interessekonflikt" in message


def test_declaring_a_conflict_requires_a_reason(member, item):
    refused("reason_required", services.declare, member, item, conflict=True, reason="  ")
    assert not ConflictDeclaration.objects.exists()


def test_score_outside_the_scale_is_refused_with_the_scale_in_the_message(member, item, criteria):
    services.declare(member, item, conflict=False)
    with translation.override("nb"):
        message = refused("out_of_scale", services.score, member, item, criteria[0], 6)
        refused("out_of_scale", services.score, member, item, criteria[0], 0)
        refused("not_a_number", services.score, member, item, criteria[0], "fem")
    assert "mellom 1 og 5" in message
    assert not Score.objects.exists()


def test_scoring_is_refused_before_it_opens_and_after_it_closes(member, item, criteria, now):
    services.declare(member, item, conflict=False)
    round = member.round
    refused(
        "scoring_closed",
        services.score,
        member,
        item,
        criteria[0],
        3,
        now=round.scoring_opens - datetime.timedelta(seconds=1),
    )
    refused("scoring_closed", services.score, member, item, criteria[0], 3, now=round.scoring_closes)
    services.score(member, item, criteria[0], 3, now=round.scoring_opens)


def test_member_of_another_round_cannot_declare_or_score(round, edition, now, item, criteria):
    other_round = make_round(edition, now, title="Juryen")
    outsider = services.add_member(other_round, make_user("siri"))
    refused("other_round", services.declare, outsider, item, conflict=False)
    refused("other_round", services.score, outsider, item, criteria[0], 3)


def test_criterion_of_another_round_is_refused(member, item, edition, now):
    other_round = make_round(edition, now, title="Juryen")
    foreign = other_round.criteria.create(name="Nytte", weight=1, scale_min=1, scale_max=5)
    services.declare(member, item, conflict=False)
    refused("other_round", services.score, member, item, foreign, 3)


def test_changing_a_score_is_recorded_with_old_and_new_value(member, item, criteria):
    services.declare(member, item, conflict=False)
    services.score(member, item, criteria[0], 3, "God")
    services.score(member, item, criteria[0], 4, "Bedre enn først antatt")
    services.score(member, item, criteria[0], 4, "Bedre enn først antatt")  # unchanged: no new line
    assert Score.objects.get().value == 4
    lines = list(ReviewLogEntry.objects.filter(action="scored").values_list("from_state", "to_state", "actor"))
    assert lines == [("", "3", member.user_id), ("3", "4", member.user_id)]


def test_a_changed_declaration_is_recorded_and_recuses_the_member(member, item, criteria):
    services.declare(member, item, conflict=False)
    services.score(member, item, criteria[0], 5)
    services.declare(member, item, conflict=True, reason="Oppdaget at jeg er medforfatter")
    services.declare(member, item, conflict=True, reason="Oppdaget at jeg er medforfatter")  # same again: no line
    assert ConflictDeclaration.objects.get().has_conflict
    log = list(ReviewLogEntry.objects.filter(action="declared").values_list("from_state", "to_state", "note"))
    assert log == [("", "none", ""), ("none", "conflict", "Oppdaget at jeg er medforfatter")]
    refused("recused", services.score, member, item, criteria[0], 4)


def test_declarations_are_refused_before_they_open(edition, now):
    round = make_round(edition, now, title="Senere", declarations_open=now + datetime.timedelta(days=1))
    later = services.add_member(round, make_user("liv"))
    refused("declarations_closed", services.declare, later, FakeItem(review_round=round), conflict=False)


def test_submitting_requires_every_criterion(member, item, criteria):
    services.declare(member, item, conflict=False)
    services.score(member, item, criteria[0], 4)
    with translation.override("nb"):
        message = refused("incomplete", services.submit_scores, member, item)
    assert "Metode" in message


def test_submitted_review_is_locked_and_logged(member, item, criteria):
    services.declare(member, item, conflict=False)
    score_all(member, item, [4, 3], criteria)
    review = services.submit_scores(member, item)
    assert review.submitted_at is not None
    refused("submitted", services.score, member, item, criteria[0], 5)
    assert ReviewLogEntry.objects.filter(action="submitted", member=member).count() == 1


def test_likely_conflicts_flag_same_institution_municipality_and_authorship(member, round):
    from cms.network.models import Institution, Municipality

    uib = Institution.objects.create(name="Universitetet i Bergen")
    alver = Municipality.objects.create(name="Alver")
    PanelMember.objects.filter(pk=member.pk).update(institution=uib, municipality=alver)
    member.refresh_from_db()
    item = FakeItem(
        review_round=round,
        institution_ids={uib.pk},
        municipality_ids={alver.pk},
        emails={"OLA@example.no"},
    )
    assert [c.code for c in services.likely_conflicts(member, item)] == ["institution", "municipality", "author"]
    assert services.likely_conflicts(member, FakeItem(review_round=round, emails={"noen@annen.no"})) == []


def test_decision_is_written_to_the_audit_trail(round, item, organiser):
    services.record_decision(round, item, "accept", actor=organiser, note="Sterk relevans")
    entry = ReviewLogEntry.objects.get(action="decided")
    assert (entry.to_state, entry.actor, entry.item_id, entry.note) == ("accept", organiser, item.pk, "Sterk relevans")


def test_a_round_has_at_most_one_chair(chair, member):
    with pytest.raises(IntegrityError), transaction.atomic():
        PanelMember.objects.filter(pk=member.pk).update(is_chair=True)


def test_set_chair_moves_the_chair(chair, member):
    services.set_chair(member)
    chair.refresh_from_db()
    member.refresh_from_db()
    assert (chair.is_chair, member.is_chair) == (False, True)


def test_one_declaration_per_member_and_item_in_the_database(member, item):
    services.declare(member, item, conflict=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConflictDeclaration.objects.create(
            member=member, item_type=item.review_item_type(), item_id=item.pk, has_conflict=False
        )


def test_a_conflict_without_reason_is_refused_by_the_database(member, item):
    with pytest.raises(IntegrityError), transaction.atomic():
        ConflictDeclaration.objects.create(
            member=member, item_type="x.y", item_id=item.pk, has_conflict=True, reason=""
        )
