"""Every change of a registration's state happens in this package, and only here.

- ``errors``: what can go wrong, with messages safe to show.
- ``availability``: the one computation of seats and add-on places taken and left.
- ``locks``: the lock order, the history record and the e-mail outbox.
- ``state``: the state machine (create, pay, wait, offer, cancel, change, check in, remind).
- ``group``: group orders (several participants, one invoice or one card payment).
- ``certificates``: certificates of attendance after the conference.
- ``feedback``: the anonymous evaluation after the conference.
- ``transfer``: handing a seat to a colleague.
- ``personal_programme``: a participant's picks among parallel sessions (places per room).
- ``card``: paying by card through ``conference.payments`` and answering its signals.
- ``retention``: erasure, anonymisation and export of personal data.

Callers use ``from conference.registration import services`` and the names below.
"""

from .availability import (
    Availability,
    add_on_left,
    allowed_payment_methods,
    offerable,
    registration_window_open,
    seats_left,
    settings_for,
    summary,
)
from .card import start_card_payment
from .certificates import conference_over, issue_certificate, issue_due_certificates
from .errors import (
    AddOnFull,
    AlreadyRegistered,
    CancellationDeadlinePassed,
    GroupEmpty,
    GroupTooLarge,
    InvalidAccessCode,
    InvalidPaymentMethod,
    NotAllowed,
    NotEnoughSeats,
    ParticipantError,
    RegistrationClosed,
    RegistrationError,
    SoldOut,
    TicketUnavailable,
    TransferDeadlinePassed,
)
from .feedback import feedback_results, send_feedback_invitations, submit_feedback
from .group import (
    GroupResult,
    Participant,
    create_group_order,
    lead_registration,
    max_group_size,
    start_group_card_payment,
)
from .locks import queue_email
from .personal_programme import (
    ChoiceNotAllowed,
    InvalidSessionChoice,
    SessionFull,
    TimeSlot,
    can_choose,
    choice_deadline,
    choose_sessions,
    chosen_session_ids,
    parallel_sessions,
    personal_sessions,
    session_numbers,
    time_slots,
)
from .retention import export_personal_data, purge_personal_data
from .state import (
    CreateResult,
    Source,
    accept_offer,
    can_cancel,
    can_cancel_order,
    cancel_group_order,
    cancel_registration,
    card_refunded_elsewhere,
    card_session_expired,
    check_in,
    confirm_card_payment,
    create_registration,
    decline_offer,
    expire_holds,
    expire_offers,
    is_group_card,
    note_checkout_started,
    promote_all_waiting_lists,
    promote_waiting_list,
    resend_manage_link,
    send_reminders,
    set_invoice_status,
    update_details,
)
from .transfer import can_transfer, transfer_registration

__all__ = [
    "ChoiceNotAllowed",
    "InvalidSessionChoice",
    "SessionFull",
    "TimeSlot",
    "can_choose",
    "choice_deadline",
    "choose_sessions",
    "chosen_session_ids",
    "parallel_sessions",
    "personal_sessions",
    "session_numbers",
    "time_slots",
    "feedback_results",
    "send_feedback_invitations",
    "submit_feedback",
    "conference_over",
    "issue_certificate",
    "issue_due_certificates",
    "GroupEmpty",
    "GroupResult",
    "GroupTooLarge",
    "NotEnoughSeats",
    "Participant",
    "ParticipantError",
    "TransferDeadlinePassed",
    "can_transfer",
    "create_group_order",
    "is_group_card",
    "lead_registration",
    "max_group_size",
    "start_group_card_payment",
    "transfer_registration",
    "AddOnFull",
    "AlreadyRegistered",
    "Availability",
    "CancellationDeadlinePassed",
    "CreateResult",
    "InvalidAccessCode",
    "InvalidPaymentMethod",
    "NotAllowed",
    "RegistrationClosed",
    "RegistrationError",
    "SoldOut",
    "Source",
    "TicketUnavailable",
    "accept_offer",
    "add_on_left",
    "allowed_payment_methods",
    "can_cancel",
    "can_cancel_order",
    "cancel_group_order",
    "cancel_registration",
    "card_refunded_elsewhere",
    "card_session_expired",
    "check_in",
    "confirm_card_payment",
    "create_registration",
    "decline_offer",
    "expire_holds",
    "expire_offers",
    "export_personal_data",
    "note_checkout_started",
    "offerable",
    "promote_all_waiting_lists",
    "promote_waiting_list",
    "purge_personal_data",
    "queue_email",
    "registration_window_open",
    "resend_manage_link",
    "seats_left",
    "send_reminders",
    "set_invoice_status",
    "settings_for",
    "start_card_payment",
    "summary",
    "update_details",
]
