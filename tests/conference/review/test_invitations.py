"""Organisers invite panel members by e-mail; the member sets their own password through a
one-time link. Used, expired and changed links, and weak passwords, are refused clearly."""

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from conference.review import services
from conference.review.models import PanelInvitation, ReviewEmail, ReviewLogEntry

from .conftest import make_user

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "Fjordhest-med-sykkel-2028"


@pytest.fixture
def invitation(round, organiser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.invite_member(round, "Nora.Dommer@Example.no", first_name="Nora", actor=organiser)


def url(invitation):
    return reverse("review:accept_invitation", kwargs={"token": invitation.token})


def test_invited_person_gets_an_inactive_account_in_the_round_group_and_an_email_with_the_link(round, invitation):
    user = invitation.member.user
    assert not user.is_active and not user.has_usable_password()
    round.refresh_from_db()
    assert user.groups.filter(pk=round.panel_group_id).exists()
    assert round.panel_group.permissions.filter(codename="access_admin").exists()
    [message] = mail.outbox
    assert message.to == ["Nora.Dommer@Example.no"]
    assert message.subject == "Invitasjon til panelet: Posterkomiteen"
    assert url(invitation) in message.body
    assert ReviewEmail.objects.get().sent_at is not None


def test_someone_with_an_account_is_added_and_told_without_a_password_link(round, django_capture_on_commit_callbacks):
    existing = make_user("eva")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invite_member(round, "EVA@example.no") is None
    assert round.panel.filter(user=existing).exists()
    [message] = mail.outbox
    assert "lagt til i panelet" in message.subject
    assert not PanelInvitation.objects.exists()


def test_member_sets_a_password_and_can_sign_in(client, invitation):
    page = client.get(url(invitation))
    assert page.status_code == 200
    response = client.post(url(invitation), {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_login") + "?" + urlencode(
        {"next": reverse("review_admin:index")}
    )
    user = get_user_model().objects.get(pk=invitation.member.user_id)
    assert user.is_active and user.check_password(GOOD_PASSWORD)
    signed_in = client.post(
        response["Location"],
        {"username": user.username, "password": GOOD_PASSWORD, "next": reverse("review_admin:index")},
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == reverse("review_admin:index")
    assert client.get(signed_in["Location"]).status_code == 200
    assert ReviewLogEntry.objects.filter(action="panel", to_state="accepted").exists()


def test_a_used_link_says_so(client, invitation):
    client.post(url(invitation), {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    with translation.override("nb"):
        response = client.get(url(invitation))
        again = client.post(url(invitation), {"password1": "Annet-passord-123456", "password2": "Annet-passord-123456"})
    assert response.status_code == again.status_code == 410
    assert "allerede brukt" in response.content.decode()
    assert get_user_model().objects.get(pk=invitation.member.user_id).check_password(GOOD_PASSWORD)


def test_an_expired_link_says_so(client, invitation):
    PanelInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(url(invitation), {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert response.status_code == 410
    assert "utløpt" in response.content.decode()
    assert not get_user_model().objects.get(pk=invitation.member.user_id).is_active


@pytest.mark.parametrize("token", ["x" * 43, "kort", "a%00b" + "c" * 40])
def test_a_changed_link_is_not_found(client, invitation, token):
    changed = invitation.token[:-1] + ("A" if invitation.token[-1] != "A" else "B")
    for bad in (changed, token):
        response = client.get(reverse("review:accept_invitation", kwargs={"token": bad}))
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("password1", "password2", "error"),
    [
        ("kort", "kort", "for kort"),
        ("password123456", "password123456", "for vanlig"),
        ("Nora.Dommer@Example.no", "Nora.Dommer@Example.no", "for lik"),
        (GOOD_PASSWORD, GOOD_PASSWORD + "x", "ikke like"),
    ],
)
def test_weak_or_mismatched_passwords_are_refused(client, invitation, password1, password2, error):
    response = client.post(url(invitation), {"password1": password1, "password2": password2})
    assert response.status_code == 200
    assert error in response.content.decode(), response.context["form"].errors
    user = get_user_model().objects.get(pk=invitation.member.user_id)
    assert not user.is_active and not user.has_usable_password()
