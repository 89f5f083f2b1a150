"""The organisers' admin: dashboard, search and edit, history, cancel, invoice status, manual
and complimentary registration, permissions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.registration import services
from conference.registration.models import EmailOutbox, Registration, RegistrationStateChange
from tests.conftest import MODEL_BACKEND

from ..factories import MunicipalityFactory, TicketTypeFactory
from .conftest import ORGANISER, refreshed, register

pytestmark = pytest.mark.django_db

State = Registration.State


@pytest.fixture
def full_house(edition, invoice_ticket, free_ticket, dinner):
    """A small edition with registrations in several states."""
    bergen = MunicipalityFactory(name="Bergen")
    a = register(edition, invoice_ticket, 1, municipality=bergen, dietary_needs="Glutenfri", special_needs_consent=True)
    b = register(edition, invoice_ticket, 2, municipality=bergen)
    c = register(edition, free_ticket, 3, method="free")
    d = register(edition, invoice_ticket, 4)
    # The invoice was sent, so cancelling needs a credit note.
    Registration.objects.filter(pk=d.pk).update(invoice_status=Registration.InvoiceStatus.INVOICED)
    services.cancel_registration(d.pk, source=ORGANISER)
    return {"a": a, "b": b, "c": c, "d": d, "bergen": bergen}


def test_dashboard_shows_counts_per_ticket_type_municipality_and_revenue(
    organiser_client, edition, invoice_ticket, full_house
):
    response = organiser_client.get(reverse("registration_admin:dashboard"), {"edition": edition.pk})
    assert response.status_code == 200
    figures = response.context["figures"]
    rows = {row["ticket_type"].name: row["counts"] for row in figures["rows"]}
    # states order: confirmed, held, offered, waiting, cancelled, expired
    assert rows["Faktura"] == [2, 0, 0, 0, 1, 0]
    assert rows["Gratis"] == [1, 0, 0, 0, 0, 0]
    assert figures["seats_taken"] == 3
    assert figures["seats_left"] == edition.capacity - 3
    municipalities = {row["name"]: row["confirmed"] for row in figures["municipalities"]}
    assert municipalities["Bergen"] == 2
    assert figures["invoice"]["to_invoice"] == 2 * 150000
    assert figures["invoice"]["to_credit"] == 150000
    assert figures["card"]["net"] == 0
    assert figures["expected_revenue"] == 2 * 150000
    assert figures["dietary"] == 1
    content = response.content.decode()
    assert "kr 3 000,00" in content
    assert "Glutenfri" not in content  # counts only on the dashboard


def test_dashboard_query_count_does_not_grow_with_registrations(
    organiser_client, edition, invoice_ticket, full_house, django_assert_max_num_queries
):
    url = reverse("registration_admin:dashboard")
    # 21: card refunds on their way back are summed from the refunds themselves.
    with django_assert_max_num_queries(21):
        organiser_client.get(url, {"edition": edition.pk})
    for n in range(10, 20):
        register(edition, invoice_ticket, n, municipality=MunicipalityFactory())
    with django_assert_max_num_queries(22):
        response = organiser_client.get(url, {"edition": edition.pk})
    assert response.context["figures"]["seats_taken"] == 13


def test_registration_list_filters_and_searches(organiser_client, edition, full_house, free_ticket):
    url = reverse("registrations:index")
    response = organiser_client.get(url, {"edition": edition.pk, "state": "cancelled"})
    assert list(response.context["object_list"]) == [full_house["d"]]
    response = organiser_client.get(url, {"ticket_type": free_ticket.pk})
    assert list(response.context["object_list"]) == [full_house["c"]]
    response = organiser_client.get(url, {"municipality": full_house["bergen"].pk})
    assert set(response.context["object_list"]) == {full_house["a"], full_house["b"]}
    response = organiser_client.get(url, {"payment_method": "free"})
    assert list(response.context["object_list"]) == [full_house["c"]]
    response = organiser_client.get(url, {"invoice_status": "to_credit"})
    assert list(response.context["object_list"]) == [full_house["d"]]
    response = organiser_client.get(url, {"q": "nordmann2"})
    assert list(response.context["object_list"]) == [full_house["b"]]
    response = organiser_client.get(url, {"q": full_house["c"].reference})
    assert list(response.context["object_list"]) == [full_house["c"]]


def test_registration_list_query_count_is_bounded(
    organiser_client, edition, invoice_ticket, full_house, django_assert_max_num_queries
):
    for n in range(10, 30):
        register(edition, invoice_ticket, n)
    with django_assert_max_num_queries(20):
        response = organiser_client.get(reverse("registrations:index"))
    assert response.status_code == 200
    assert "KK2030-" in response.content.decode()


def test_registration_list_csv_export_neutralises_formulas(organiser_client, edition, invoice_ticket):
    register(edition, invoice_ticket, 1, first_name='=HYPERLINK("http://evil")', organisation="+SUM(A1)")
    response = organiser_client.get(reverse("registrations:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "'=HYPERLINK" in body
    assert "'+SUM(A1)" in body


def test_registration_list_export_is_named_in_bokmal_with_the_edition_year(organiser_client, edition, invoice_ticket):
    register(edition, invoice_ticket, 1)
    response = organiser_client.get(reverse("registrations:index"), {"export": "csv", "edition": edition.pk})
    assert response["Content-Disposition"] == f'attachment; filename="pameldinger-{edition.year}.csv"'
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode()) and ";" in body.decode("utf-8-sig").splitlines()[0]
    unfiltered = organiser_client.get(reverse("registrations:index"), {"export": "xlsx"})
    today = timezone.localdate().isoformat()
    assert unfiltered["Content-Disposition"] == f'attachment; filename="pameldinger-{today}.xlsx"'


def test_detail_shows_history_and_emails(organiser_client, full_house):
    registration = full_house["d"]
    response = organiser_client.get(reverse("registrations:inspect", args=[registration.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="history-table"' in content
    assert len(response.context["history"]) == 2
    assert [c.to_state for c in response.context["history"]] == [State.CONFIRMED, State.CANCELLED]
    kinds = [e.kind for e in response.context["emails"]]
    assert kinds == [EmailOutbox.Kind.CONFIRMATION, EmailOutbox.Kind.CANCELLED]
    assert 'id="email-table"' in content


@pytest.mark.parametrize("who", ["viewer", "door_staff"])
def test_detail_hides_special_needs_without_the_dedicated_permission(client, who, request, full_house):
    client.force_login(request.getfixturevalue(who), backend=MODEL_BACKEND)
    response = client.get(reverse("registrations:inspect", args=[full_house["a"].pk]))
    assert response.status_code == 200
    assert "Glutenfri" not in response.content.decode()


def test_detail_shows_special_needs_to_organisers_with_the_permission(organiser_client, full_house):
    response = organiser_client.get(reverse("registrations:inspect", args=[full_house["a"].pk]))
    assert "Glutenfri" in response.content.decode()


def test_edit_goes_through_update_details_and_writes_history(organiser_client, organiser, full_house):
    registration = full_house["b"]
    url = reverse("registrations:edit", args=[registration.pk])
    response = organiser_client.get(url)
    assert response.status_code == 200
    data = {
        name: (getattr(registration, name) if getattr(registration, name) is not None else "")
        for name in response.context["form"].fields
    }
    data["municipality"] = registration.municipality_id or ""
    data["organisation"] = "Askøy kommune"
    data["phone"] = "+4791234567"
    data = {k: v for k, v in data.items() if v is not False}
    response = organiser_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    registration = refreshed(registration)
    assert registration.organisation == "Askøy kommune"
    last = registration.history.order_by("-pk").first()
    assert last.actor == organiser
    assert last.source == RegistrationStateChange.Source.ORGANISER
    assert "organisasjon" in last.note, "the history note names the field in bokmål"


def test_edit_rejects_invalid_phone(organiser_client, full_house):
    registration = full_house["b"]
    response = organiser_client.post(
        reverse("registrations:edit", args=[registration.pk]),
        {"first_name": "Kari", "last_name": "X", "email": registration.email, "phone": "12"},
    )
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert refreshed(registration).last_name == "Nordmann2"


def test_cancel_by_organiser_goes_through_service_with_note(organiser_client, organiser, full_house):
    registration = full_house["a"]
    services.set_invoice_status(registration.pk, Registration.InvoiceStatus.INVOICED)
    response = organiser_client.post(reverse("registration_admin:cancel", args=[registration.pk]), {"note": "Sykdom"})
    assert response.status_code == 302
    registration = refreshed(registration)
    assert registration.state == State.CANCELLED
    assert registration.invoice_status == Registration.InvoiceStatus.TO_CREDIT
    change = registration.history.order_by("-pk").first()
    assert (change.to_state, change.note, change.actor) == (State.CANCELLED, "Sykdom", organiser)


def test_cancel_twice_gives_message_not_error(organiser_client, full_house):
    url = reverse("registration_admin:cancel", args=[full_house["d"].pk])
    response = organiser_client.post(url, {"note": ""}, follow=True)
    assert response.status_code == 200
    assert refreshed(full_house["d"]).history.count() == 2


def test_invoice_status_change_is_recorded(organiser_client, full_house):
    registration = full_house["a"]
    organiser_client.post(
        reverse("registration_admin:invoice_status", args=[registration.pk]), {"invoice_status": "invoiced"}
    )
    registration = refreshed(registration)
    assert registration.invoice_status == Registration.InvoiceStatus.INVOICED
    assert registration.history.order_by("-pk").first().note == "Faktura: Skal faktureres → Fakturert"


def test_invoice_status_rejects_unknown_value(organiser_client, full_house):
    registration = full_house["a"]
    organiser_client.post(
        reverse("registration_admin:invoice_status", args=[registration.pk]), {"invoice_status": "paid-in-gold"}
    )
    assert refreshed(registration).invoice_status == Registration.InvoiceStatus.TO_INVOICE


def manual_data(ticket, **extra):
    data = {
        "ticket_type": ticket.pk,
        "payment_method": "comped",
        "first_name": "Siri",
        "last_name": "Foredragsholder",
        "email": "Siri@Example.no",
        "phone": "",
        "organisation": "Høgskulen på Vestlandet",
        "municipality_other": "Vestland",
        "job_title": "Professor",
        "participant_list_consent": "on",
        "form_token": "a" * 32,
    }
    data.update(extra)
    return data


def test_manual_complimentary_registration_is_confirmed_free_of_charge(
    organiser_client, organiser, edition, invoice_ticket, mailoutbox, django_capture_on_commit_callbacks
):
    edition.registration_opens = timezone.now() - datetime.timedelta(days=2)
    edition.registration_closes = timezone.now() - datetime.timedelta(days=1)  # closed for the public
    edition.save()
    url = reverse("registration_admin:add") + f"?edition={edition.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(url, manual_data(invoice_ticket))
    assert response.status_code == 302
    registration = Registration.objects.get(email="siri@example.no")
    assert registration.state == State.CONFIRMED
    assert registration.payment_method == Registration.PaymentMethod.COMPED
    assert registration.amount_ore == 0
    assert registration.created_by == organiser
    first = registration.history.get()
    assert first.source == RegistrationStateChange.Source.ORGANISER
    assert len(mailoutbox) == 1
    # a double submit of the same form makes no second registration
    organiser_client.post(url, manual_data(invoice_ticket))
    assert Registration.objects.filter(email="siri@example.no").count() == 1


def test_manual_invoice_registration_needs_invoice_details(organiser_client, edition, invoice_ticket):
    url = reverse("registration_admin:add") + f"?edition={edition.pk}"
    response = organiser_client.post(url, manual_data(invoice_ticket, payment_method="invoice"))
    assert response.status_code == 200
    assert "invoice_org_number" in response.context["form"].errors
    response = organiser_client.post(
        url,
        manual_data(
            invoice_ticket,
            payment_method="invoice",
            invoice_org_number="964 338 531",
            invoice_organisation="Bergen kommune",
            invoice_delivery="ehf",
            form_token="b" * 32,
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    registration = Registration.objects.get(email="siri@example.no")
    assert registration.amount_ore == 150000
    assert registration.invoice_status == Registration.InvoiceStatus.TO_INVOICE


def test_manual_registration_of_existing_email_links_to_existing(organiser_client, edition, invoice_ticket):
    existing = register(edition, invoice_ticket, 9, email="siri@example.no")
    url = reverse("registration_admin:add") + f"?edition={edition.pk}"
    response = organiser_client.post(url, manual_data(invoice_ticket))
    assert response.status_code == 200
    assert existing.reference in str(response.context["form"].errors["email"])


def test_manual_registration_rejects_ticket_of_another_edition(organiser_client, home_page, edition):
    from ..factories import make_edition

    other = make_edition(home_page, year=2031)
    foreign = TicketTypeFactory(edition=other)
    url = reverse("registration_admin:add") + f"?edition={edition.pk}"
    response = organiser_client.post(url, manual_data(foreign))
    assert response.status_code == 200
    assert "ticket_type" in response.context["form"].errors


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("registration_admin:dashboard", []),
        ("registration_admin:checkin", []),
        ("registration_admin:bulk_email", []),
        ("registration_admin:add", []),
        ("registrations:index", []),
    ],
)
def test_plain_editor_cannot_see_registrations(client, editor, edition, invoice_ticket, url_name, args):
    client.force_login(editor, backend=MODEL_BACKEND)
    response = client.get(reverse(url_name, args=args), {"edition": edition.pk})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert reverse(url_name) not in response["Location"]


def test_conference_menu_is_shown_to_organisers_only(client, editor, organiser):
    client.force_login(organiser, backend=MODEL_BACKEND)
    assert "registration-dashboard" in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor, backend=MODEL_BACKEND)
    assert "registration-dashboard" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_reader_cannot_change_cancel_add_or_check_in(client, viewer, full_house, edition, invoice_ticket):
    client.force_login(viewer, backend=MODEL_BACKEND)
    registration = full_house["a"]
    assert client.get(reverse("registration_admin:dashboard")).status_code == 200
    for url in (
        reverse("registration_admin:cancel", args=[registration.pk]),
        reverse("registration_admin:invoice_status", args=[registration.pk]),
    ):
        response = client.post(url, {"note": "x", "invoice_status": "invoiced"})
        assert response.status_code in (302, 403)
    assert client.get(reverse("registration_admin:add")).status_code in (302, 403)
    assert client.get(reverse("registration_admin:bulk_email")).status_code in (302, 403)
    assert client.post(reverse("registration_admin:checkin"), {"registration": registration.pk}).status_code in (
        302,
        403,
    )
    assert client.get(reverse("registrations:edit", args=[registration.pk])).status_code in (302, 403)
    registration = refreshed(registration)
    assert registration.state == State.CONFIRMED
    assert registration.checked_in_at is None
    assert registration.invoice_status == Registration.InvoiceStatus.TO_INVOICE


def test_nobody_can_delete_registrations(admin_client, full_house):
    response = admin_client.post(reverse("registrations:delete", args=[full_house["a"].pk]))
    assert response.status_code in (302, 403)
    assert Registration.objects.filter(pk=full_house["a"].pk).exists()


def test_generic_add_view_cannot_bypass_the_services(organiser_client, edition, invoice_ticket):
    response = organiser_client.post(
        reverse("registrations:add"), {"first_name": "Snik", "last_name": "Inn", "email": "snik@example.no"}
    )
    assert response.status_code in (301, 302)
    assert reverse("registration_admin:add") in response["Location"]
    assert not Registration.objects.filter(email="snik@example.no").exists()


def test_check_in_page_loads_its_script_and_has_a_live_region(organiser_client, edition):
    content = organiser_client.get(reverse("registration_admin:checkin"), {"edition": edition.pk}).content.decode()
    assert "js/checkin.js" in content
    assert 'aria-live="polite"' in content


def test_dashboard_card_revenue_counts_paid_and_refunded_payments(organiser_client, edition, card_ticket):
    from conference.payments.models import Payment

    held = register(edition, card_ticket, 1, method="card")
    other = register(edition, card_ticket, 2, method="card")
    assert held.state == State.HELD
    Payment.objects.create(registration=held, idempotency_key="k1", amount_ore=90000, status=Payment.Status.PAID)
    Payment.objects.create(registration=other, idempotency_key="k2", amount_ore=90000, status=Payment.Status.REFUNDED)
    Payment.objects.create(registration=other, idempotency_key="k3", amount_ore=90000, status=Payment.Status.EXPIRED)
    response = organiser_client.get(reverse("registration_admin:dashboard"), {"edition": edition.pk})
    card = response.context["figures"]["card"]
    assert (card["received"], card["refunded"], card["refund_pending"], card["net"]) == (180000, 90000, 0, 90000)
    assert "kr 900,00" in response.content.decode()
