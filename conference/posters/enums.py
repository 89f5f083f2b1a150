"""Choices shared by the posters' models and forms (so neither imports the other)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubmissionState(models.TextChoices):
    """Where a poster submission is. Moves only through ``conference.posters.services``.

    draft → submitted → accepted | changes_requested | rejected; draft/submitted → withdrawn.
    A decision is visible to the author only once its e-mail has gone out
    (``PosterSubmission.decision_sent_at``)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    CHANGES_REQUESTED = "changes", _("Accepted with changes")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("poster", "Withdrawn")


ACCEPTED_STATES = (SubmissionState.ACCEPTED, SubmissionState.CHANGES_REQUESTED)
DECISION_STATES = (*ACCEPTED_STATES, SubmissionState.REJECTED)


class PrizeMode(models.TextChoices):
    NONE = "none", _("No poster prize")
    COMMITTEE = "committee", _("The committee chooses")
    VOTE = "vote", _("Participants vote")
