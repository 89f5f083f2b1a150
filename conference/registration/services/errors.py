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
