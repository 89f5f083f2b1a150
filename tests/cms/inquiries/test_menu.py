"""The "Research inquiries" admin menu item: shown to FoU-contacts and advisers from the
permission cache (no query of its own on every admin page), whichever way a user became a
contact; a user whose contact is unlinked loses it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms.inquiries.groups import FOU_CONTACTS_GROUP
from cms.inquiries.visibility import may_see_portal_menu
from cms.network.models import FouContact, Person

from .conftest import login, make_contact

pytestmark = pytest.mark.django_db

MENU_ITEM = '"name": "inquiries"'


def admin_home(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def editor(django_user_model, username="redaktor"):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "passord-som-er-langt")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def test_linking_a_contact_to_a_user_gives_the_menu_and_the_portal(client, network, django_user_model):
    user = editor(django_user_model, "ny-kontakt")
    login(client, user)
    assert MENU_ITEM not in admin_home(client)
    assert client.get(reverse("inquiries_admin:list")).status_code == 404

    # As an editor would in the FoU-contacts snippet: set the contact's admin user.
    contact = FouContact.objects.create(
        person=Person.objects.create(name="Kari Kontakt"), municipality=network["askoy"], email="kari@example.com"
    )
    contact.user = user
    contact.save()

    assert user.groups.filter(name=FOU_CONTACTS_GROUP).exists()
    assert MENU_ITEM in admin_home(client)
    assert client.get(reverse("inquiries_admin:list")).status_code == 200


def test_unlinking_the_last_contact_takes_the_menu_away(client, network, django_user_model):
    contact = make_contact(django_user_model, network["askoy"], username="fou-askoy")
    other = make_contact(django_user_model, network["bergen"], "Etat for sykehjem")
    user = contact.user
    other.user = user  # the same person answers for two places
    other.save()

    contact.user = None
    contact.save()
    assert user.groups.filter(name=FOU_CONTACTS_GROUP).exists()  # still Bergen's contact

    other.delete()
    # Without the group they would not get into the admin at all; as an editor they keep it.
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    login(client, user)
    assert not user.groups.filter(name=FOU_CONTACTS_GROUP).exists()
    assert MENU_ITEM not in admin_home(client)
    assert client.get(reverse("inquiries_admin:list")).status_code == 404


def test_the_group_is_made_again_with_its_permissions_if_missing(network, django_user_model):
    Group.objects.filter(name=FOU_CONTACTS_GROUP).delete()
    contact = make_contact(django_user_model, network["askoy"], username="fou-askoy")
    group = Group.objects.get(name=FOU_CONTACTS_GROUP)
    assert set(group.permissions.values_list("codename", flat=True)) == {"access_admin", "answer_own_inquiries"}
    assert contact.user.has_perm("inquiries.answer_own_inquiries")


def test_menu_check_asks_only_the_permission_cache(contacts, django_user_model, django_assert_num_queries):
    contact_user = contacts["askoy"].user
    plain = editor(django_user_model)
    for user in (contact_user, plain):
        user.has_perm("wagtailadmin.access_admin")  # the admin loads the cache once per request anyway
    with django_assert_num_queries(0):
        assert may_see_portal_menu(contact_user)
        assert not may_see_portal_menu(plain)


def test_adviser_sees_the_menu_and_an_ordinary_editor_does_not(client, network, django_user_model):
    adviser = editor(django_user_model, "radgiver")
    adviser.groups.add(Group.objects.get(name="Rådgivere for forskningshenvendelser"))
    assert MENU_ITEM in admin_home(login(client, adviser))
    client.logout()
    assert MENU_ITEM not in admin_home(login(client, editor(django_user_model)))
