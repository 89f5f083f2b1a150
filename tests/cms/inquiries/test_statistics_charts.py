"""The statistics page draws each table as bar charts with the table kept beside them, built
from what the user may see: a FoU-contact's charts count only their own municipality."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cms.inquiries.models import InquiryRouting

from .conftest import login

STATISTICS = "inquiries_admin:statistics"


@pytest.fixture
def known_inquiries(send, network):
    """2025: one to Bergen and Askøy (accepted by both). 2026: one to Askøy (declined after ten
    days) and two to Bergen only (one accepted after four days, one still open)."""
    plan = [
        (2025, [network["bergen"], network["askoy"]], "accepted", 2),
        (2026, [network["askoy"]], "declined", 10),
        (2026, [network["bergen"]], "accepted", 4),
        (2026, [network["bergen"]], "received", None),
    ]
    for n, (year, municipalities, state, days) in enumerate(plan):
        inquiry = send(form_token=f"diagram-{n}-" + "x" * 20, municipalities=municipalities, role="researcher")
        sent = timezone.make_aware(datetime.datetime(year, 3, 2, 10))
        inquiry.submitted_at = sent
        inquiry.save()
        answered = sent + datetime.timedelta(days=days) if days else None
        InquiryRouting.objects.filter(inquiry=inquiry).update(
            state=state, first_answer_at=answered, decided_at=answered, department=""
        )


def adviser(django_user_model):
    user = django_user_model.objects.create_user("radgiver", "r@example.com", "passord-som-er-langt")
    user.groups.add(Group.objects.get(name="Rådgivere for forskningshenvendelser"))
    return user


def chart(html: str, chart_id: str) -> str:
    match = re.search(rf'<figure class="kk-chart" id="chart-{chart_id}">.*?</figure>', html, re.S)
    assert match, f"no chart {chart_id}"
    return match.group(0)


def values(figure: str) -> list[str]:
    return re.findall(r'<text class="kk-chart__value"[^>]*>([^<]*)', figure)


def labels(figure: str) -> list[str]:
    return re.findall(r'<text class="kk-chart__label"[^>]*>([^<]*)', figure)


def test_adviser_sees_a_chart_and_its_table_for_every_figure(client, contacts, known_inquiries, django_user_model):
    login(client, adviser(django_user_model))
    html = client.get(reverse(STATISTICS)).content.decode()

    per_year = chart(html, "inquiries-per-year")
    assert labels(per_year) == ["2025", "2026"]
    assert values(per_year) == [
        "Henvendelser: 2",
        "Godkjent: 2",
        "Avslått: 0",
        "Henvendelser: 3",
        "Godkjent: 1",
        "Avslått: 1",
    ]
    assert values(chart(html, "acceptance-rate")) == ["100\u00a0%", "50\u00a0%"]
    assert values(chart(html, "days-to-first-answer")) == [
        "Median: 2",
        "90-persentil: 2",
        "Median: 7",
        "90-persentil: 10",
    ]
    assert values(chart(html, "days-to-decision"))[2:] == ["Median: 7", "90-persentil: 10"]
    municipality = chart(html, "municipality")
    assert labels(municipality) == ["Askøy", "Bergen"] and values(municipality) == ["2", "3"]
    assert values(chart(html, "kind")) == ["5"] and values(chart(html, "role")) == ["5"]
    assert html.count('role="img"') == 7 and html.count("<figcaption") == 7

    # Every chart's table stays on the page as its text equivalent.
    assert html.count('<table class="listing">') == 5
    assert '<th scope="row">2026</th><td>3</td><td>1</td><td>1</td><td>50</td>' in html
    assert '<th scope="row">Bergen</th><td>3</td>' in html
    assert "Hvert diagram har tabellen med tallene rett under seg." in html


def test_a_contact_sees_charts_of_their_own_municipality_only(client, contacts, known_inquiries):
    login(client, contacts["askoy"])
    html = client.get(reverse(STATISTICS)).content.decode()
    municipality = chart(html, "municipality")
    assert labels(municipality) == ["Askøy"] and values(municipality) == ["2"]
    assert "Bergen" not in html
    assert values(chart(html, "inquiries-per-year")) == [
        "Henvendelser: 1",
        "Godkjent: 1",
        "Avslått: 0",
        "Henvendelser: 1",
        "Godkjent: 0",
        "Avslått: 1",
    ]
    assert values(chart(html, "acceptance-rate")) == ["100\u00a0%", "0\u00a0%"]


def test_a_contact_without_inquiries_gets_no_data_text_instead_of_charts(client, contacts, known_inquiries):
    login(client, contacts["alver"])
    html = client.get(reverse(STATISTICS)).content.decode()
    assert "kk-chart__svg" not in html
    assert html.count("Ingen data å vise i diagrammet ennå.") == 7
    assert "Askøy" not in html and "Bergen" not in html


def test_people_without_portal_access_see_no_statistics(client, contacts, known_inquiries, django_user_model):
    user = django_user_model.objects.create_user("nysgjerrig", "n@example.com", "passord-som-er-langt")
    login(client, user)
    response = client.get(reverse(STATISTICS))
    assert response.status_code in (302, 403, 404)
    assert b"kk-chart" not in response.content
    client.logout()
    assert client.get(reverse(STATISTICS)).status_code == 302


def test_the_statistics_page_with_charts_is_valid_html(client, contacts, known_inquiries, django_user_model, tmp_path):
    from tests.test_valid_html import _validate

    login(client, adviser(django_user_model))
    html = client.get(reverse(STATISTICS)).content.decode()
    path = tmp_path / "statistikk.html"
    path.write_text(html, encoding="utf-8")
    errors = _validate([path])
    assert not errors, "\n".join(f"{m.get('lastLine')}: {m.get('message')} {m.get('extract', '')}" for m in errors)
