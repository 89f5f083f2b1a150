"""Choices shared by the governance models and the document filter form, kept apart so that
neither imports the other."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    MANDATE = "mandate", _("Mandate")
    AGREEMENT = "agreement", _("Cooperation agreement")
    MINUTES = "minutes", _("Minutes")
    PLAN = "plan", _("Plan")
    STATUS_REPORT = "status_report", _("Status report")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")
