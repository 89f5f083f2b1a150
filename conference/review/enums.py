"""Choices shared by the engine's models and forms (so neither imports the other)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    """Which feature a round serves. A plain string: the engine never imports the feature."""

    POSTERS = "posters", _("Posters")
    AWARD = "award", _("Award")
