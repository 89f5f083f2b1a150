import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from conference.registration import services
from conference.registration.models import EmailOutbox, Registration

from .factories import MunicipalityFactory, form_data, t

pytestmark = pytest.mark.django_db
URL = "/pamelding/2030/"


@pytest.fixture(autouse=True)
def _no_ratelimit(settings):
    settings.RATELIMIT_ENABLE = False


def test_form_has_autocomplete_attributes_and_the_privacy_choices(client, edition, invoice_ticket):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for token in (
        'autocomplete="given-name"',
        'autocomplete="family-name"',
        'autocomplete="email"',
        'autocomplete="tel"',
        'autocomplete="organization"',
        'autocomplete="organization-title"',
        'autocomplete="street-address"',
        'autocomplete="postal-code"',
        'autocomplete="address-level2"',
        'name="special_needs_consent"',
        'name="privacy_accepted"',
        'name="form_token"',
        'name="website_url"',
    ):
        assert token in html, token


def test_invoice_registration_redirects_to_the_receipt(client, edition, invoice_ticket):
    municipality = MunicipalityFactory()
    response = client.post(URL, form_data(invoice_ticket, municipality=str(municipality.pk), municipality_other=""))
    reg = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == f"/pamelding/kvittering/{reg.manage_token}/"
    assert reg.state == Registration.State.CONFIRMED
    assert reg.phone == "+4791234567"
    assert reg.municipality == municipality
    assert reg.invoice_org_number == "964338531"
    page = client.get(response.url).content.decode()
    assert "KK2030-" in page and f"/pamelding/p/{reg.manage_token}/" in page


def test_double_post_creates_one_registration(client, edition, invoice_ticket):
    data = form_data(invoice_ticket)
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Registration.objects.count() == 1
    assert first.url == second.url


def test_same_email_twice_gets_a_clear_message_and_the_link_by_email(client, edition, invoice_ticket):
    client.post(URL, form_data(invoice_ticket, n=1))
    reg = Registration.objects.get()
    again = form_data(invoice_ticket, n=2, email="KARI1@example.no", email_confirm="kari1@example.no")
    response = client.post(URL, again)
    html = response.content.decode()
    assert response.status_code == 200
    assert t(
        "This e-mail address is already registered for this conference. We have sent the "
        "link to the registration to that address again."
    ) in html.replace("&#x27;", "'")
    assert reg.manage_token not in html  # the link goes only to the registered address
    assert EmailOutbox.objects.filter(registration=reg, kind=EmailOutbox.Kind.MANAGE_LINK).count() == 1
    assert Registration.objects.count() == 1


def test_bad_input_keeps_what_was_typed_and_shows_the_error_summary(client, edition, invoice_ticket):
    data = form_data(
        invoice_ticket,
        phone="123",
        email_confirm="annen@example.no",
        invoice_org_number="123456789",
        privacy_accepted=None,
        dietary_needs="Laktose",
    )
    response = client.post(URL, data)
    html = response.content.decode()
    assert Registration.objects.count() == 0
    assert 'id="error-summary"' in html
    errors = response.context["form"].errors
    for field in ("phone", "email_confirm", "invoice_org_number", "privacy_accepted", "special_needs_consent"):
        assert field in errors, field
    assert 'value="Kari"' in html and "Laktose" in html


def test_invoice_requires_org_number_and_address_for_post(client, edition, invoice_ticket):
    data = form_data(invoice_ticket, invoice_org_number="", invoice_delivery="post")
    response = client.post(URL, data)
    errors = response.context["form"].errors
    assert {"invoice_org_number", "invoice_street_address", "invoice_postal_code", "invoice_city"} <= set(errors)


def test_international_phone_numbers_are_accepted(client, edition, invoice_ticket):
    client.post(URL, form_data(invoice_ticket, phone="+46 70 123 45 67"))
    assert Registration.objects.get().phone == "+46701234567"


def test_wrong_access_code_is_refused_and_the_right_one_gives_a_free_ticket(client, edition, free_ticket):
    data = form_data(free_ticket, payment_method="free", access_code="feil")
    assert "access_code" in client.post(URL, data).context["form"].errors
    data["access_code"] = "GJEST"
    client.post(URL, data)
    reg = Registration.objects.get()
    assert reg.payment_method == "free" and reg.amount_ore == 0 and reg.invoice_org_number == ""


def test_oversized_input_is_refused(client, edition, invoice_ticket):
    data = form_data(invoice_ticket, first_name="x" * 5000, dietary_needs="y" * 100_000, special_needs_consent="on")
    response = client.post(URL, data)
    assert {"first_name", "dietary_needs"} <= set(response.context["form"].errors)
    assert Registration.objects.count() == 0


def test_scripted_input_is_stored_as_typed_and_rendered_escaped(client, edition, invoice_ticket):
    script = '<script>alert("x")</script>'
    client.post(URL, form_data(invoice_ticket, organisation=script, dietary_needs=script, special_needs_consent="on"))
    reg = Registration.objects.get()
    assert reg.organisation == script
    html = client.get(f"/pamelding/p/{reg.manage_token}/").content.decode()
    assert script not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_honeypot_rejects_bots(client, edition, invoice_ticket):
    response = client.post(URL, form_data(invoice_ticket, website_url="http://spam.example"))
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_registration_outside_the_window_is_refused_with_the_dates_shown(client, edition, invoice_ticket):
    edition.registration_opens = timezone.make_aware(datetime.datetime(2030, 3, 1, 9, 0))
    edition.registration_closes = timezone.make_aware(datetime.datetime(2030, 8, 20, 23, 59))
    edition.save()
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "2030-03-01T09:00" in html and "2030-08-20T23:59" in html
    response = client.post(URL, form_data(invoice_ticket))
    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_ticket_outside_its_window_shows_its_dates(client, edition):
    from .factories import TicketTypeFactory

    later = TicketTypeFactory(edition=edition, available_from=timezone.now() + datetime.timedelta(days=3))
    response = client.post(URL, form_data(later))
    assert "ticket_type" in response.context["form"].errors
    assert t("from %(date)s").split("%")[0] in str(response.context["form"].errors["ticket_type"])


def test_without_stripe_keys_card_is_plainly_not_available(client, edition, card_ticket, settings):
    settings.STRIPE_SECRET_KEY = ""
    html = client.get(URL).content.decode()
    assert (
        t(
            "Card payment is not available: card payment has not been set up for this site. "
            "Choose invoice, or contact the organisers."
        )
        in html
    )
    assert 'value="card"' not in html
    response = client.post(URL, form_data(card_ticket, payment_method="card"))
    assert "payment_method" in response.context["form"].errors
    assert Registration.objects.count() == 0


def test_full_conference_form_offers_the_waiting_list(client, edition, invoice_ticket):
    edition.capacity = 1
    edition.save()
    client.post(URL, form_data(invoice_ticket, n=1))
    html = client.get(URL).content.decode()
    assert t("Join the waiting list") in html
    response = client.post(URL, form_data(invoice_ticket, n=2))
    assert Registration.objects.get(email="kari2@example.no").state == Registration.State.WAITING
    assert t("You are on the waiting list") in client.get(response.url).content.decode()


def test_tampered_manage_token_gives_404(client, edition, invoice_ticket):
    client.post(URL, form_data(invoice_ticket))
    reg = Registration.objects.get()
    tampered = reg.manage_token[:-1] + ("A" if reg.manage_token[-1] != "A" else "B")
    for path in ("", "avbestill/", "billett.pdf", "kvittering.pdf"):
        assert client.get(f"/pamelding/p/{tampered}/{path}").status_code == 404
    assert client.get(f"/pamelding/kvittering/{tampered}/").status_code == 404
    assert client.get(f"/pamelding/p/{'x' * 200}/").status_code == 404
    assert client.get("/pamelding/tilbud/nope/").status_code == 404


def test_manage_page_changes_name_and_needs(client, edition, invoice_ticket):
    client.post(URL, form_data(invoice_ticket))
    reg = Registration.objects.get()
    url = f"/pamelding/p/{reg.manage_token}/"
    response = client.post(
        url,
        {"first_name": "Karianne", "last_name": "Nordmann", "dietary_needs": "Vegan", "special_needs_consent": "on"},
    )
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.first_name == "Karianne" and reg.dietary_needs == "Vegan"


def test_ticket_pdf_download(client, edition, invoice_ticket):
    client.post(URL, form_data(invoice_ticket))
    reg = Registration.objects.get()
    response = client.get(f"/pamelding/p/{reg.manage_token}/billett.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:4] == b"%PDF"


def test_cancel_via_manage_link(client, edition, invoice_ticket):
    client.post(URL, form_data(invoice_ticket))
    reg = Registration.objects.get()
    url = f"/pamelding/p/{reg.manage_token}/avbestill/"
    assert client.get(url).status_code == 200
    client.post(url)
    reg.refresh_from_db()
    assert reg.state == Registration.State.CANCELLED
    assert client.get(f"/pamelding/p/{reg.manage_token}/billett.pdf").status_code == 404


def test_offer_page_accepts_the_seat(client, edition, invoice_ticket):
    edition.capacity = 1
    edition.save()
    client.post(URL, form_data(invoice_ticket, n=1))
    client.post(URL, form_data(invoice_ticket, n=2))
    seated, waiting = Registration.objects.order_by("pk")
    services.cancel_registration(seated.pk)
    waiting.refresh_from_db()
    url = f"/pamelding/tilbud/{waiting.offer_token}/"
    assert t("Accept the seat") in client.get(url).content.decode()
    response = client.post(url, {"action": "accept"})
    waiting.refresh_from_db()
    assert waiting.state == Registration.State.CONFIRMED
    assert response.url == f"/pamelding/kvittering/{waiting.manage_token}/"


def test_registration_box_shows_open_state_and_seats_left(rf, edition, invoice_ticket):
    html = Template("{% load registration_tags %}{% registration_box page %}").render(Context({"page": edition}))
    assert t("%(left)s seat left.", "%(left)s seats left.", 100) % {"left": 100} in html
    assert "/pamelding/2030/" in html


def test_form_page_query_budget(client, edition, invoice_ticket, django_assert_max_num_queries):
    MunicipalityFactory.create_batch(5)
    with django_assert_max_num_queries(25):
        client.get(URL)


def test_form_posts_are_rate_limited(client, edition, invoice_ticket, settings):
    settings.RATELIMIT_ENABLE = True
    from django.core.cache import cache

    cache.clear()
    # One fixed clock minute: on a slow machine 61 posts could otherwise straddle two windows.
    from unittest import mock

    with mock.patch("django_ratelimit.core.time.time", return_value=1_800_000_000.0):
        statuses = [client.post(URL, {"first_name": "x"}).status_code for _ in range(61)]
    assert 429 not in statuses[:60] and statuses[60] == 429
    cache.clear()


def test_manage_page_query_budget(client, edition, invoice_ticket, dinner, django_assert_max_num_queries):
    client.post(URL, form_data(invoice_ticket, add_ons=str(dinner.pk)))
    reg = Registration.objects.get()
    with django_assert_max_num_queries(20):
        response = client.get(f"/pamelding/p/{reg.manage_token}/")
    assert response.status_code == 200


def test_form_page_counts_seats_once_however_many_add_ons(client, edition, invoice_ticket):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import AddOnFactory

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    AddOnFactory(edition=edition, name="Middag")
    queries()  # warm the menu and locale caches
    with_one = queries()
    AddOnFactory.create_batch(4, edition=edition, name="Ekskursjon")
    assert queries() == with_one
