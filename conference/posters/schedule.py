"""The posters' periodic jobs (see ``cms.core.scheduler``); the work is in ``tasks``."""

from cms.core.scheduler import register

# Remind presenting authors of accepted posters to register (at most weekly per poster).
register("posters-daily", "conference.posters.tasks.remind_presenters", daily="08:40")
