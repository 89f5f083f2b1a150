from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_CRITERIA = [
    ("Forskningsbidrag", "Hvor stort og solid er bidraget til forskning på kommunale helse- og omsorgstjenester?"),
    (
        "Ny eller forbedret tjeneste og nytte for kommunene",
        "Har arbeidet gitt en ny eller bedre tjeneste, og hvilken nytte har kommunene hatt av det?",
    ),
    ("Brukermedvirkning", "Hvordan har brukere, pårørende og ansatte vært med i arbeidet?"),
    ("Overføringsverdi", "Kan andre kommuner og fagmiljøer ta i bruk det som er utviklet?"),
]


class NomineeKind(models.TextChoices):
    PERSON = "person", _("A person")
    GROUP = "group", _("A research group")


class NominationState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    DECLINED = "declined", _("Declined by the nominee")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DecisionMethod(models.TextChoices):
    CONSENSUS = "consensus", _("Consensus")
    VOTES = "votes", _("Vote")
