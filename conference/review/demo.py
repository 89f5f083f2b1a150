"""Demo panels for the review engine's pages. Runs after the features' demos (posters, the
award) have made their rounds and items: a round whose feature left it without a panel gets
three invented reviewers (one chair), their declarations (one conflict, with a reason) and
some scores, all through ``services`` so the logs and the ranking look as in real use. A round
that already has a panel is left as the feature made it. Idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from cms.network.models import Institution, Municipality

from . import registry, services
from .models import Round

# (username, first name, last name, institution, municipality): invented people.
REVIEWERS = [
    ("demo-komite-leder", "Ingrid", "Lygre", "Universitetet i Bergen", None),
    ("demo-komite-1", "Tor Arne", "Vikøren", "Høgskulen på Vestlandet", None),
    ("demo-komite-2", "Marit", "Hjelmeland", None, "Askøy"),
]
CONFLICT_REASON = "Jeg har veiledet førsteforfatteren i masteroppgaven hennes."
COMMENTS = [
    "Tydelig problemstilling og god forankring i tjenestene.",
    "Metoden er beskrevet, men utvalget er lite.",
    "Overføringsverdien til andre kommuner kunne vært tydeligere.",
]


def _reviewer(username, first_name, last_name, institution, municipality):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=f"{username}@example.invalid", first_name=first_name, last_name=last_name)
        user.set_unusable_password()  # a demo person, not a login; the organiser demo account sees the pages
        user.save()
    return (
        user,
        Institution.objects.filter(name=institution).first() if institution else None,
        Municipality.objects.filter(name=municipality).first() if municipality else None,
    )


def _moment(round):
    """A moment inside the round's declaration and scoring windows, for demo actions."""
    start = max(round.declarations_open, round.scoring_opens) + datetime.timedelta(hours=1)
    return start if start < round.scoring_closes else None


def fill_panel(round, stdout=None) -> bool:
    items = registry.items_of(round)
    if items is None or round.panel.exists():
        return False
    items = list(items[:12])
    members = []
    for index, (username, first, last, institution, municipality) in enumerate(REVIEWERS):
        user, institution, municipality = _reviewer(username, first, last, institution, municipality)
        members.append(
            services.add_member(round, user, is_chair=index == 0, institution=institution, municipality=municipality)
        )
    now = _moment(round)
    criteria = list(round.criteria.all())
    if now is None or not items or not criteria:
        return True
    for m_index, member in enumerate(members):
        for i_index, item in enumerate(items):
            if m_index == 1 and i_index == 0:
                services.declare(member, item, conflict=True, reason=CONFLICT_REASON, now=now)
                continue
            if (m_index + i_index) % 4 == 3:
                continue  # not declared yet
            services.declare(member, item, conflict=False, now=now)
            if i_index % 3 == 2:
                continue  # declared, not scored
            for c_index, criterion in enumerate(criteria):
                span = criterion.scale_max - criterion.scale_min
                value = criterion.scale_min + (i_index * 2 + m_index + c_index) % (span + 1)
                services.score(member, item, criterion, value, COMMENTS[(i_index + c_index) % 3], now=now)
            if (m_index + i_index) % 2 == 0:
                services.submit_scores(member, item, now=now)
    if stdout is not None:
        stdout.write(f"Review demo: a panel of {len(members)} for “{round.title}”.")
    return True


def load(home, stdout) -> None:
    for round in Round.objects.select_related("edition"):
        fill_panel(round, stdout)
