"""Organisers see the expected numbers per parallel session (picks against places), and can take
them to a spreadsheet; people without the registration view permission cannot."""

import datetime

import pytest
from django.urls import reverse

from conference.programme.models import Session
from conference.registration import services
from tests.conftest import MODEL_BACKEND

from ..factories import t
from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def numbers(edition, invoice_ticket):
    def parallel(title, room, capacity):
        return Session.objects.create(
            edition=edition,
            kind=Session.Kind.PARALLEL,
            title=title,
            room=room,
            capacity=capacity,
            start_time=datetime.time(10, 0),
            end_time=datetime.time(11, 30),
        )

    a, b = parallel("Velferdsteknologi", "Sal A", 3), parallel("=Rekruttering", "Sal B", None)
    people = [register(edition, invoice_ticket, n) for n in range(4)]
    services.choose_sessions(people[0].pk, [a.pk])
    services.choose_sessions(people[1].pk, [a.pk])
    services.choose_sessions(people[2].pk, [b.pk])
    services.choose_sessions(people[3].pk, [a.pk])
    # A cancelled participant no longer counts.
    services.cancel_registration(people[3].pk)
    return a, b


def test_organiser_sees_picks_against_places(organiser_client, edition, numbers):
    response = organiser_client.get(reverse("registration_admin:sessions"), {"edition": edition.pk})
    html = response.content.decode()
    assert response.status_code == 200
    row = html[html.index("Velferdsteknologi") : html.index("</tr>", html.index("Velferdsteknologi"))]
    assert "<td>Sal A</td><td>2</td><td>3</td><td>1</td>" in row
    row = html[html.index("=Rekruttering") : html.index("</tr>", html.index("=Rekruttering"))]
    assert f"<td>Sal B</td><td>1</td><td>{t('No limit')}</td>" in row
    dashboard = organiser_client.get(reverse("registration_admin:dashboard"), {"edition": edition.pk})
    assert reverse("registration_admin:sessions") in dashboard.content.decode()


def test_export_as_csv_and_xlsx_with_the_formula_guard(organiser_client, edition, numbers):
    url = reverse("registration_admin:export", args=["sessions", "csv"])
    response = organiser_client.get(url, {"edition": edition.pk})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "parallellsesjoner-2030.csv" in response["Content-Disposition"]
    assert "Sal A;Velferdsteknologi;2;3;1" in text
    assert "'=Rekruttering;1;;" in text
    xlsx = organiser_client.get(
        reverse("registration_admin:export", args=["sessions", "xlsx"]), {"edition": edition.pk}
    )
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


@pytest.mark.parametrize(
    "url_name, args", [("registration_admin:sessions", []), ("registration_admin:export", ["sessions", "csv"])]
)
def test_an_editor_without_the_registration_permission_sees_nothing(client, editor, edition, numbers, url_name, args):
    client.force_login(editor, backend=MODEL_BACKEND)
    response = client.get(reverse(url_name, args=args), {"edition": edition.pk})
    assert response.status_code in (302, 403)
    assert "Velferdsteknologi" not in response.content.decode()
