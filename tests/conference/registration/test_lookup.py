"""Finding a registration by its reference (conference.registration.lookup), as the admin's
search, the door and the poster vote do."""

import pytest

from conference.registration.lookup import registration_for_reference

from .admin.conftest import register
from .factories import make_edition

pytestmark = pytest.mark.django_db


def test_reference_is_found_however_it_is_typed(edition, invoice_ticket):
    registration = register(edition, invoice_ticket, 1)
    assert registration.reference == f"KK2030-{registration.pk:05d}"
    for typed in (registration.reference, f"  kk2030-{registration.pk} ", f"KK2030-{registration.pk:08d}"):
        assert registration_for_reference(typed) == registration, typed


def test_other_year_other_edition_and_nonsense_find_nothing(edition, invoice_ticket, home_page):
    registration = register(edition, invoice_ticket, 1)
    other_edition = make_edition(home_page, year=2031)
    assert registration_for_reference(f"KK2031-{registration.pk}") is None
    assert registration_for_reference(registration.reference, other_edition) is None
    assert registration_for_reference(registration.reference, edition) == registration
    for nonsense in ("", None, "KK-00001", "KK2030-", "2030-00001", f"KK2030-{registration.pk} x"):
        assert registration_for_reference(nonsense) is None, nonsense
