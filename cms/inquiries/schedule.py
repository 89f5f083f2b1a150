"""The inquiry portal's periodic jobs (see ``cms.core.scheduler``); the work is in ``tasks``."""

from cms.core.scheduler import register

# Reminders after N working days, the Monday digest per contact, retention.
register("inquiries-tick", "cms.inquiries.tasks.inquiries_tick", daily="07:00")
