"""Choices shared by the inquiry models and forms (so forms and models do not import each other)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESEARCHER = "researcher", _("Researcher")
    PHD = "phd", _("PhD candidate")
    MASTER = "master", _("Master's student")
    OTHER = "other", _("Other")


STUDENT_ROLES = (Role.PHD, Role.MASTER)


class Kind(models.TextChoices):
    RESEARCH = "research", _("Research")
    INNOVATION = "innovation", _("Innovation")
    EDUCATION = "education", _("Education")


class EthicsStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed")
    APPLIED = "applied", _("Applied for")
    APPROVED = "approved", _("Approved")


class ServiceArea(models.TextChoices):
    """The service areas an inquiry can concern. ``DEPARTMENT_WORDS`` ties each to the
    department (etat) whose name contains the word, where a municipality routes per department."""

    NURSING_HOMES = "nursing_homes", _("Nursing homes")
    HOME_SERVICES = "home_services", _("Home-based services")
    HEALTH = "health", _("Health services")
    DISABILITY = "disability", _("Services for people with disabilities")
    MENTAL_HEALTH = "mental_health", _("Mental health and substance abuse")
    CHILDREN = "children", _("Children and families")
    OTHER = "other", _("Other or several")


DEPARTMENT_WORDS = {
    ServiceArea.NURSING_HOMES: "sykehjem",
    ServiceArea.HOME_SERVICES: "hjemmebaserte",
    ServiceArea.HEALTH: "helsetjenester",
    ServiceArea.DISABILITY: "funksjonsnedsettelse",
    ServiceArea.MENTAL_HEALTH: "psykisk helse",
    ServiceArea.CHILDREN: "barn og familie",
}


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSESSING = "assessing", _("Under assessment")
    NEEDS_INFO = "needs_info", _("Needs more information")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (Status.RECEIVED, Status.ASSESSING, Status.NEEDS_INFO)
FINAL_STATUSES = (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)
# Where a contact may move a routing from each state (the researcher withdraws; a reply moves
# "needs more information" back to "under assessment").
CONTACT_TRANSITIONS = {
    Status.RECEIVED: (Status.ASSESSING, Status.NEEDS_INFO, Status.ACCEPTED, Status.DECLINED),
    Status.ASSESSING: (Status.NEEDS_INFO, Status.ACCEPTED, Status.DECLINED),
    Status.NEEDS_INFO: (Status.ASSESSING, Status.ACCEPTED, Status.DECLINED),
}
# Waiting for the municipality (reminders count working days in these states).
WAITING_FOR_CONTACT = (Status.RECEIVED, Status.ASSESSING)


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
