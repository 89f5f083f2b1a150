"""Private token links: unguessable, unique, and odd input is a 404 before any query."""

import pytest
from django.contrib.auth.models import Group
from django.db import models
from django.http import Http404

from cms.core.tokens import SecretTokenField, get_by_token_or_404, looks_like_token, new_token


def test_new_tokens_are_long_url_safe_and_never_repeat():
    tokens = {new_token() for _ in range(500)}
    assert len(tokens) == 500
    assert all(len(t) == 43 and looks_like_token(t) for t in tokens)


@pytest.mark.parametrize(
    "value",
    ["", "abc", "a" * 31, "a" * 65, "a" * 42 + "\x00", "a" * 40 + "/..", "a" * 42 + " ", "æ" * 43, None, 12345],
)
def test_anything_not_shaped_like_a_token_is_refused(value):
    assert not looks_like_token(value)


def test_secret_token_field_is_unique_hidden_from_forms_and_filled_on_creation():
    field = SecretTokenField()
    field.set_attributes_from_name("manage_token")
    assert field.unique and not field.editable and field.max_length == 64
    assert looks_like_token(field.get_default())
    assert field.get_default() != field.get_default()


def test_secret_token_field_needs_no_migration_of_its_own():
    field = SecretTokenField()
    field.set_attributes_from_name("token")
    _name, path, _args, kwargs = field.deconstruct()
    assert path == "django.db.models.CharField"
    assert kwargs["default"] is new_token and kwargs["unique"] is True


def test_an_optional_secret_token_field_starts_empty():
    field = SecretTokenField(null=True, blank=True)
    assert field.get_default() is None


@pytest.mark.django_db
def test_get_by_token_finds_the_object_behind_a_real_token():
    token = new_token()
    group = Group.objects.create(name=token)
    assert get_by_token_or_404(Group, "name", token) == group
    assert get_by_token_or_404(Group.objects.all(), "name", token) == group


@pytest.mark.django_db
def test_get_by_token_answers_404_for_an_unknown_token():
    with pytest.raises(Http404):
        get_by_token_or_404(Group, "name", new_token())


@pytest.mark.parametrize("bad", ["\x00", "a" * 42 + "\x00", "x" * 5000, "../../etc/passwd", "%00"])
def test_get_by_token_refuses_malformed_tokens_without_touching_the_database(bad, django_assert_num_queries, db):
    with django_assert_num_queries(0), pytest.raises(Http404):
        get_by_token_or_404(Group, "name", bad)


def test_registration_still_exports_new_token_for_its_migrations():
    from conference.registration.models import new_token as registration_new_token

    assert registration_new_token is new_token
    assert isinstance(models.CharField(default=registration_new_token).get_default(), str)
