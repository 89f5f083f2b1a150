"""paginate(): one answer to odd page numbers on every listing (first or last page, with a
message; never an error)."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from cms.core.pagination import paginate

rf = RequestFactory()
ITEMS = list(range(45))  # 5 pages of 10


def page_for(value, items=ITEMS, param="page"):
    params = {} if value is None else {param: value}
    with translation.override("en"):
        return paginate(rf.get("/", params), items, 10, param=param)


@pytest.mark.parametrize("value", [None, "", "1"])
def test_no_or_first_page_number_shows_the_first_page_quietly(value):
    page, problem = page_for(value)
    assert page.number == 1 and list(page) == list(range(10)) and problem == ""


def test_a_page_in_range_is_shown_quietly():
    page, problem = page_for("3")
    assert page.number == 3 and list(page)[0] == 20 and problem == ""


@pytest.mark.parametrize("value", ["abc", "0", "-3", "1.5", "²", "\x00", "1\x00", "x" * 5000, "9" * 5000])
def test_a_value_that_is_not_a_page_number_shows_the_first_page_and_says_so(value):
    page, problem = page_for(value)
    assert page.number == 1
    assert "is not a page number" in problem
    assert "\x00" not in problem and len(problem) < 120  # the bad value is echoed short and printable


def test_a_number_past_the_end_shows_the_last_page_and_names_it():
    page, problem = page_for("9999")
    assert page.number == 5 and list(page) == list(range(40, 45))
    assert problem == "There is no page 9999; the last page (5) is shown."


def test_an_empty_listing_shows_its_empty_first_page_without_a_message():
    page, problem = page_for("7", items=[])
    assert page.number == 1 and list(page) == [] and problem == ""


def test_the_query_parameter_name_can_be_chosen():
    page, problem = page_for("2", param="side")
    assert page.number == 2 and problem == ""


def test_the_message_is_in_bokmal_for_norwegian_visitors():
    with translation.override("nb"):
        _page, problem = paginate(rf.get("/", {"page": "abc"}), ITEMS, 10)
    assert problem == "«abc» er ikke et sidenummer, så du ser den første siden."
