"""Signal receivers of registration, connected in ``RegistrationConfig.ready``.

More capacity (an edition published with more seats, a ticket type given more) goes to the
waiting list at once; the periodic tick (``promote_all_waiting_lists``) is the safety net.
"""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from conference.editions.models import ConferenceEditionPage

from .models import RegistrationSettings, TicketType
from .services import card


def _offer_free_seats_after_commit(edition_id):
    from .tasks import promote_waiting_list

    transaction.on_commit(lambda: promote_waiting_list.enqueue(edition_id))


def edition_published(sender, instance, **kwargs):
    # Seats belong to the original edition; a published translation shares them.
    _offer_free_seats_after_commit(instance.registration_edition.pk)


def ticket_type_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        _offer_free_seats_after_commit(instance.edition_id)


def settings_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        _offer_free_seats_after_commit(instance.edition_id)


def connect():
    card.connect()
    page_published.connect(
        edition_published, sender=ConferenceEditionPage, dispatch_uid="registration.edition_published"
    )
    post_save.connect(ticket_type_saved, sender=TicketType, dispatch_uid="registration.ticket_type_saved")
    post_save.connect(settings_saved, sender=RegistrationSettings, dispatch_uid="registration.settings_saved")
