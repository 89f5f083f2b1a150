"""What a committee member sees of a poster: the content always, names and affiliations only
when the review is not blind (the engine's ``access.can_see_identity``)."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from .factories import make_submission

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("identity", [True, False])
def test_review_content_shows_names_only_when_allowed(call, municipality, identity):
    submission = make_submission(call)
    submission.municipalities.set([municipality])
    html = render_to_string(
        "posters/review/item.html", {"item": submission, "access": SimpleNamespace(can_see_identity=identity)}
    )
    assert "Bakgrunn for prosjektet." in html
    assert "Nyttig for kommunene." in html
    assert "Askøy" in html
    assert "Helsefremmende arbeid" in html
    assert ("Kari Nordmann" in html) is identity
    assert ("Bergen kommune" in html) is identity
    assert ("Blind vurdering" in html) is not identity
