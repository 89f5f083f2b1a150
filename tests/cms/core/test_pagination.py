"""The shared Designsystemet pagination (includes/pagination.html)."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def render_page(number, pages=12, query_string="q=forskning%20og%20helse"):
    page_obj = Paginator(range(pages * 10), 10).page(number)
    return render_to_string("includes/pagination.html", {"page_obj": page_obj, "query_string": query_string})


def test_middle_page_links_both_ways_and_marks_the_current_page():
    html = render_page(5)
    assert 'class="ds-pagination pagination"' in html
    assert 'href="?q=forskning%20og%20helse&amp;page=4" rel="prev"' in html
    assert 'href="?q=forskning%20og%20helse&amp;page=6" rel="next"' in html
    assert html.count('aria-current="page"') == 1
    assert 'aria-current="page" aria-label="Page 5"' in html or 'aria-current="page" aria-label="Side 5"' in html
    # First and last pages stay reachable; the gaps are marked for Designsystemet's ellipsis.
    assert "page=1" in html and "page=12" in html
    assert html.count('<li class="pagination__far" aria-hidden="true"></li>') == 2


def test_first_page_keeps_the_previous_slot_but_hides_it():
    html = render_page(1)
    assert 'rel="prev"' not in html
    # Designsystemet draws arrows on the first and last items, so the slot stays (hidden).
    assert '<span class="ds-button" data-variant="tertiary" aria-hidden="true">' in html
    assert 'rel="next"' in html


def test_a_single_page_needs_no_pagination():
    assert render_page(1, pages=1).strip() == ""
