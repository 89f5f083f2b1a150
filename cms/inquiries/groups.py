"""The FoU-kontakter group: every user linked to a ``FouContact`` is in it, however the link was
made (the snippet in the admin, the demo, a shell). The group gives admin access and the
``answer_own_inquiries`` permission, so the admin menu can tell from the permission cache, without a
query per admin page, whether to show "Research inquiries"; which inquiries a contact may see is
still decided by their ``FouContact`` (``visibility.py``).

A user whose last contact is unlinked or deleted leaves the group again."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save, pre_save

from cms.network.models import FouContact

FOU_CONTACTS_GROUP = "FoU-kontakter"
ADVISERS_GROUP = "Rådgivere for forskningshenvendelser"


def contact_group() -> Group:
    """The FoU-kontakter group with its two permissions (made again if a test flush removed it)."""
    group, _ = Group.objects.get_or_create(name=FOU_CONTACTS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="inquiries", codename="answer_own_inquiries"),
    )
    return group


def add_to_contact_group(user) -> None:
    user.groups.add(contact_group())


def _leave_group_if_no_contact_left(user_id) -> None:
    if user_id and not FouContact.objects.filter(user_id=user_id).exists():
        group = Group.objects.filter(name=FOU_CONTACTS_GROUP).first()
        if group is not None:
            group.user_set.remove(user_id)


def _remember_previous_user(sender, instance, **kwargs):
    previous = (
        FouContact.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first() if instance.pk else None
    )
    instance._previous_user_id = previous


def _sync_group_after_save(sender, instance, **kwargs):
    if instance.user_id:
        add_to_contact_group(instance.user)
    previous = getattr(instance, "_previous_user_id", None)
    if previous and previous != instance.user_id:
        _leave_group_if_no_contact_left(previous)


def _sync_group_after_delete(sender, instance, **kwargs):
    _leave_group_if_no_contact_left(instance.user_id)


def connect() -> None:
    pre_save.connect(_remember_previous_user, sender=FouContact, dispatch_uid="inquiries-fou-previous-user")
    post_save.connect(_sync_group_after_save, sender=FouContact, dispatch_uid="inquiries-fou-group")
    post_delete.connect(_sync_group_after_delete, sender=FouContact, dispatch_uid="inquiries-fou-group-delete")
