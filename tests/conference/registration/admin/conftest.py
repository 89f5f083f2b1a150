"""Fixtures for the organisers' admin tests: users with model permissions on Registration and
registrations made through the real services."""

import pytest
from django.contrib.auth.models import Group, Permission

from conference.registration import services
from conference.registration.models import Registration, RegistrationStateChange
from tests.conftest import MODEL_BACKEND

from ..factories import INVOICE, person

ORGANISER = RegistrationStateChange.Source.ORGANISER


def make_user(django_user_model, username, *codenames, groups=()):
    user = django_user_model.objects.create_user(username, f"{username}@example.no", "passord-som-er-langt")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="registration"))
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def organiser(django_user_model):
    return make_user(
        django_user_model,
        "arrangor",
        "view_registration",
        "change_registration",
        "add_registration",
        "view_special_needs",
    )


@pytest.fixture
def door_staff(django_user_model):
    """Checks people in and edits registrations, but has no need to see health data."""
    return make_user(django_user_model, "dorvakt", "view_registration", "change_registration")


@pytest.fixture
def viewer(django_user_model):
    """May read lists and exports, but not change or see special-category data."""
    return make_user(django_user_model, "leser", "view_registration")


@pytest.fixture
def editor(django_user_model):
    """A plain editor (the project's "Redaktør" group), no registration rights."""
    return make_user(django_user_model, "redaktor2", groups=["Redaktør"])


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser, backend=MODEL_BACKEND)
    return client


def register(edition, ticket, n, method="invoice", **extra):
    details = person(n, **extra)
    if method == "invoice":
        details.update(INVOICE)
    return services.create_registration(
        edition, ticket_type=ticket, details=details, payment_method=method, access_code=ticket.access_code
    ).registration


def refreshed(registration) -> Registration:
    registration.refresh_from_db()
    return registration
