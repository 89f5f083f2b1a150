"""What can go wrong when registering or changing a registration. Each error's ``str()`` is a
message that is safe to show to the person who caused it; views turn them into form errors."""

from django.utils.translation import gettext_lazy as _


class RegistrationError(Exception):
    """Base class: the registration could not be made; the message is safe to show. ``field``
    names the form field the message belongs under (None: the form as a whole)."""

    message = _("The registration could not be completed.")
    field = None

    def __str__(self):
        return str(self.message)


class RegistrationClosed(RegistrationError):
    message = _("Registration is not open.")


class TicketUnavailable(RegistrationError):
    field = "ticket_type"
    message = _("This ticket type is not available.")


class InvalidAccessCode(RegistrationError):
    field = "access_code"
    message = _("The access code is not valid for this ticket type.")


class InvalidPaymentMethod(RegistrationError):
    field = "payment_method"
    message = _("This payment method is not available for the chosen ticket.")


class AddOnFull(RegistrationError):
    field = "add_ons"

    def __init__(self, add_on):
        super().__init__()
        self.add_on = add_on
        self.message = _("%(name)s is fully booked.") % {"name": add_on.name}


class SoldOut(RegistrationError):
    message = _("The conference is fully booked.")


class AlreadyRegistered(RegistrationError):
    message = _("This e-mail address is already registered for this conference.")

    def __init__(self, registration):
        super().__init__()
        self.registration = registration


class NotAllowed(RegistrationError):
    message = _("This change is not possible for the registration in its current state.")


class CancellationDeadlinePassed(RegistrationError):
    message = _("The cancellation deadline has passed. Please contact the organisers.")


class GroupTooLarge(RegistrationError):
    field = "participants"

    def __init__(self, maximum):
        super().__init__()
        self.message = _("One order can have at most %(max)s participants. Split the group into several orders.") % {
            "max": maximum
        }


class GroupEmpty(RegistrationError):
    field = "participants"
    message = _("Add at least one participant.")


class NotEnoughSeats(RegistrationError):
    """A group is bigger than the seats left and the orderer did not choose the waiting list."""

    field = "wants_waiting_list"

    def __init__(self, left, waiting_list=True):
        super().__init__()
        self.left = left
        if waiting_list:
            self.message = _(
                "There are only %(left)s seats left for this group. Remove participants, or tick the box to "
                "put the rest on the waiting list."
            ) % {"left": left}
        else:
            self.field = "participants"
            self.message = _("There are only %(left)s seats left for this group. Remove participants.") % {"left": left}


class ParticipantError(RegistrationError):
    """Something wrong with one participant of a group order: ``index`` is its place in the
    list (from 0), ``field`` the participant's field."""

    def __init__(self, index, field, message):
        super().__init__()
        self.index = index
        self.field = field
        self.message = message


class TransferDeadlinePassed(RegistrationError):
    message = _("The deadline for transferring the seat has passed. Please contact the organisers.")
