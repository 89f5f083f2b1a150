"""Card payments and Stripe events are read-only in the admin, for superusers too: a list and
an inspect view, and no add, edit or delete view, button or URL."""

import pytest
from django.urls import NoReverseMatch, reverse

from conference.payments.models import Payment, Refund, StripeEvent
from tests.conference.registration.admin.conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def payment(edition, invoice_ticket):
    registration = register(edition, invoice_ticket, 1)
    return Payment.objects.create(
        registration=registration, idempotency_key="test-1", stripe_session_id="cs_test_1", amount_ore=150000
    )


@pytest.fixture
def refund(payment):
    return Refund.objects.create(payment=payment, share="rest", idempotency_key="kk-refund-test", amount_ore=150000)


@pytest.fixture
def stripe_event():
    return StripeEvent.objects.create(event_id="evt_test_1", type="checkout.session.completed", result="ok")


@pytest.mark.parametrize(
    ("namespace", "fixture"),
    [
        ("payments_card_payments", "payment"),
        ("payments_card_refunds", "refund"),
        ("payments_stripe_events", "stripe_event"),
    ],
)
def test_superuser_can_list_and_inspect_but_not_add_edit_or_delete(admin_client, request, namespace, fixture):
    record = request.getfixturevalue(fixture)
    prefix = reverse(f"{namespace}:index")

    listing = admin_client.get(prefix)
    inspect = admin_client.get(reverse(f"{namespace}:inspect", args=[record.pk]))

    assert listing.status_code == 200 and inspect.status_code == 200
    for html in (listing.content.decode(), inspect.content.decode()):
        assert f"{prefix}new/" not in html
        assert f"{prefix}edit/" not in html
        assert f"{prefix}delete/" not in html
    for view in ("add", "edit", "delete", "copy"):
        with pytest.raises(NoReverseMatch):
            reverse(f"{namespace}:{view}", args=[] if view == "add" else [record.pk])
    for url in (f"{prefix}new/", f"{prefix}edit/{record.pk}/", f"{prefix}delete/{record.pk}/"):
        assert admin_client.get(url).status_code == 404
        assert admin_client.post(url, {"result": "changed", "refund_reason": "changed"}).status_code == 404
    record.refresh_from_db()
    assert type(record).objects.filter(pk=record.pk).exists()


def test_payment_records_refuse_writing_to_everyone(admin_user):
    from wagtail.permission_policies.base import ModelPermissionPolicy
    from wagtail.permissions import policy_registry

    for model in (Payment, Refund, StripeEvent):
        policy = policy_registry.get_by_type(model)
        assert isinstance(policy, ModelPermissionPolicy)
        assert policy.user_has_permission(admin_user, "view")
        for action in ("add", "change", "delete"):
            assert not policy.user_has_permission(admin_user, action)
