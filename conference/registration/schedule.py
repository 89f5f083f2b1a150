"""Registration's periodic jobs (see ``cms.core.scheduler``); the work is in ``tasks``."""

from cms.core.scheduler import register

# Expire holds and offers, offer free seats, reminders, e-mail and refund retries.
register("registration-tick", "conference.registration.tasks.registration_tick", every=60)
# Retention (docs/data-protection.md).
register("registration-purge", "conference.registration.tasks.purge_personal_data", daily="03:17")
