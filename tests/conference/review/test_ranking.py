"""The ranking: weighted means, spread, number of reviews; recused members and unsubmitted
reviews never count; the number of queries does not grow with the number of items."""

import pytest

from conference.review import services

from .conftest import FakeItem, make_round, score_all

pytestmark = pytest.mark.django_db


def review(member, item, values, criteria):
    services.declare(member, item, conflict=False)
    score_all(member, item, values, criteria)
    services.submit_scores(member, item)


def test_ranking_orders_by_weighted_mean_with_spread_and_review_count(round, criteria, chair, member, other_member):
    strong, weak, unreviewed = (FakeItem(review_round=round) for _ in range(3))
    # Relevans weighs 2, Metode 1: (2·5 + 1·2) / 3 = 4.0 and (2·3 + 1·3) / 3 = 3.0
    review(chair, strong, [5, 2], criteria)
    review(member, strong, [3, 3], criteria)
    review(chair, weak, [2, 2], criteria)
    ranked = services.ranking(round, [weak, unreviewed, strong])
    assert [r.item for r in ranked] == [strong, weak, unreviewed]
    assert ranked[0].mean == pytest.approx(3.5)
    assert ranked[0].spread == pytest.approx(1.0)
    assert ranked[0].reviews == 2
    assert (ranked[1].mean, ranked[1].spread, ranked[1].reviews) == (pytest.approx(2.0), pytest.approx(0.0), 1)
    assert (ranked[2].mean, ranked[2].spread, ranked[2].reviews) == (None, None, 0)


def test_recused_member_is_left_out_of_the_mean_even_with_earlier_scores(round, criteria, chair, member, other_member):
    item = FakeItem(review_round=round)
    review(chair, item, [4, 4], criteria)
    review(member, item, [1, 1], criteria)
    services.declare(member, item, conflict=True, reason="Viste seg å være medforfatter")
    services.declare(other_member, item, conflict=True, reason="Samme forskningsgruppe")
    [ranked] = services.ranking(round, [item])
    assert ranked.mean == pytest.approx(4.0)
    assert ranked.reviews == 1
    assert ranked.recused == 2


def test_unsubmitted_scores_do_not_count(round, criteria, chair, member):
    item = FakeItem(review_round=round)
    review(chair, item, [2, 2], criteria)
    services.declare(member, item, conflict=False)
    score_all(member, item, [5, 5], criteria)
    [ranked] = services.ranking(round, [item])
    assert (ranked.mean, ranked.reviews) == (pytest.approx(2.0), 1)


def test_scores_in_another_round_do_not_leak_into_the_ranking(round, criteria, chair, edition, now):
    item = FakeItem(review_round=round)
    review(chair, item, [3, 3], criteria)
    other = make_round(edition, now, title="Juryen")
    with pytest.raises(services.ReviewError):
        services.ranking(other, [item])
    assert services.ranking(other, []) == []


@pytest.mark.parametrize("size", [2, 12])
def test_ranking_query_count_does_not_grow_with_items(
    round, criteria, chair, member, django_assert_max_num_queries, size
):
    items = [FakeItem(review_round=round) for _ in range(size)]
    for n, item in enumerate(items):
        review(chair, item, [1 + n % 5, 3], criteria)
        if n % 3 == 0:
            services.declare(member, item, conflict=True, reason="Kollega")
    with django_assert_max_num_queries(4):
        ranked = services.ranking(round, items)
    assert len(ranked) == size
