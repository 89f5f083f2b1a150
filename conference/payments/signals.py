"""What payments announce: the small, explicit interface between the Stripe adapter and
whatever is being paid for.

Payments owns ``Payment`` rows and imports nothing from the apps that sell (registration today).
An app that takes card payments connects receivers to these signals; a receiver runs in its
own transaction, takes its own locks first and then calls back into
``conference.payments.services`` (``record_paid``, ``record_expired``, ``request_refund``), so the
payment row is always the last lock taken. Each signal is sent outside any transaction.

Arguments of every signal: ``payment_id`` (int) and ``source`` ("webhook" or "return": who learnt
of it). A ``checkout_paid`` receiver returns a short outcome ("confirmed", "already", "refund").
"""

from django.dispatch import Signal

# Stripe says the Checkout Session is paid. The receiver records the payment with
# ``services.record_paid`` and gives the buyer what they paid for, or asks for a refund.
checkout_paid = Signal()

# Stripe says the Checkout Session expired unpaid. The receiver records it with
# ``services.record_expired`` and releases whatever was held for the buyer.
checkout_expired = Signal()

# A payment was refunded in full outside this site (e.g. in Stripe's dashboard) and has been
# recorded as refunded. The receiver decides what the buyer keeps.
refunded_elsewhere = Signal()
