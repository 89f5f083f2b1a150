"""The award's periodic jobs (see ``cms.core.scheduler``); the work is in ``tasks``."""

from cms.core.scheduler import register

# After the ceremony's publish time: the news draft and the kind e-mails, once.
register("award-publish", "conference.award.tasks.publish_due_award_results", every=300)
