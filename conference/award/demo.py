"""Demo content of the award (invented, and marked as demo where it could be mistaken for real):
the winners of 2019, 2020 and 2022 from the network's history, the archive page, the 2026
round decided with a published winner, and the 2028 round open for nominations with a jury
that has declared conflicts and scored some candidates. Everything goes through ``services``."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.core.demo_utils import child_by_slug, ensure_child
from cms.network.models import Institution, Municipality
from conference.editions.models import ConferenceEditionPage, ConferenceIndexPage
from conference.review import services as review_services

from . import services
from .enums import DecisionMethod, NomineeKind
from .models import AwardArchivePage, AwardRound, AwardWinner

WINNERS = {
    2019: [
        dict(
            name="Forskningsmiljøene GAMUT og POLYFON",
            citation="Prisen gikk til to forskningsmiljøer innen musikkterapi som samarbeider tett med "
            "helse- og omsorgstjenestene.",
        )
    ],
    2020: [
        dict(
            name="Lars Thore Fadnes",
            project="INTRO-HCV",
            citation="Konferansen ble avlyst, og prisen ble derfor delt ut digitalt 13. oktober 2020.",
        )
    ],
    2022: [
        dict(
            name="Birgitte Graverholt",
            project="IMPAKT",
            organisation="Høgskulen på Vestlandet",
            citation="Prisen ble gitt for IMPAKT, et samarbeid med Bergen kommunes etat for sykehjem om "
            "kunnskapsbasert praksis i sykehjemmene.",
        )
    ],
}

JURY = [
    ("juryleder", "Ingrid", "Sæbø (demo)", True),
    ("jurymedlem1", "Tor", "Haugland (demo)", False),
    ("jurymedlem2", "Solveig", "Mjelde (demo)", False),
    ("jurymedlem3", "Arvid", "Kleppe (demo)", False),
]


def aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def _edition(year):
    return ConferenceEditionPage.objects.filter(year=year, locale__language_code="nb").first()


def _jury(review_round, institutions):
    User = get_user_model()
    members = []
    for (username, first, last, chair), institution in zip(JURY, institutions, strict=False):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@example.invalid", first_name=first, last_name=last)
            user.set_unusable_password()
            user.save()
        members.append(review_services.add_member(review_round, user, is_chair=chair, institution=institution))
    return members


def _nominate(award_round, **fields):
    data = {
        "nominee_kind": NomineeKind.PERSON,
        "nominee_institution": None,
        "nominee_municipality": None,
        "nominator_institution": None,
        "nominator_municipality": None,
        "nominee_knows": True,
        "may_contact": True,
    }
    data.update(fields)
    return services.submit_nomination(award_round, data, now=award_round.nominations_open + datetime.timedelta(days=3))


def load_history(stdout):
    for year, winners in WINNERS.items():
        edition = _edition(year)
        if edition is None or edition.award_winners.exists():
            continue
        for order, winner in enumerate(winners):
            AwardWinner.objects.create(
                edition=edition,
                publish_at=aware(edition.start_date.year, edition.start_date.month, edition.start_date.day, 12),
                sort_order=order,
                **winner,
            )


def load_2026(stdout, inst):
    edition = _edition(2026)
    if edition is None or AwardRound.objects.filter(edition=edition).exists():
        return
    award_round = services.save_round(
        AwardRound(
            edition=edition,
            intro="Demo: kjenner du en person eller et miljø som har gjort en forskjell?",
            nominations_open=aware(2026, 2, 1, 9),
            nominations_close=aware(2026, 4, 15, 23, 59),
            declarations_open=aware(2026, 4, 16, 9),
            scoring_opens=aware(2026, 4, 20, 9),
            scoring_closes=aware(2026, 5, 31, 23, 59),
            deliberation_at=aware(2026, 6, 5, 10),
            publish_at=aware(2026, 9, 4, 14, 30),
        )
    )
    members = _jury(award_round.review_round, [inst.get("NORCE"), inst.get("VID"), None, None])
    winner = _nominate(
        award_round,
        nominator_name="Marte Lien (demo)",
        nominator_email="marte.lien@example.invalid",
        nominator_institution=inst.get("UiB"),
        nominee_kind=NomineeKind.GROUP,
        nominee_name="Forskningsgruppen for hverdagsrehabilitering (demo)",
        nominee_affiliation="Høgskulen på Vestlandet",
        nominee_email="hverdagsrehab@example.invalid",
        projects="Hjem igjen – hverdagsrehabilitering i seks kommuner (demo)",
        justification="Demo: Gruppen har i ti år forsket sammen med kommunene på hverdagsrehabilitering, og "
        "metodene brukes nå i de fleste kommunene i nettverket.",
    )
    services.record_decision(
        award_round,
        winners=[winner.candidate],
        justification="Demo: Juryen legger vekt på at forskningsgruppen har utviklet en tjeneste som "
        "kommunene faktisk bruker, med brukerne med hele veien, og at arbeidet er lett å ta i bruk andre steder.",
        method=DecisionMethod.CONSENSUS,
        participants=members,
        actor=members[0].user,
        now=aware(2026, 6, 5, 12),
    )
    for member in members:
        services.confirm_decision(award_round.decision, member.user, now=aware(2026, 6, 6, 12))
    services.publish_due_results()
    stdout.write("Award 2026: decided and published (demo winner).")


def load_2028(stdout, inst, municipalities):
    edition = _edition(2028)
    if edition is None or AwardRound.objects.filter(edition=edition).exists():
        return
    award_round = services.save_round(
        AwardRound(
            edition=edition,
            intro="Send inn din kandidat til Kunnskapskommunens forsknings- og innovasjonspris 2028. "
            "Alle som arbeider i en av nettverkets partnerorganisasjoner kan nominere.",
            eligibility="Prisen kan gå til en person eller et forskningsmiljø som har gitt et framragende bidrag "
            "til forskning og innovasjon i de kommunale helse- og omsorgstjenestene.",
            criteria_text="Juryen ser på forskningsbidraget, om arbeidet har gitt nye eller bedre tjenester og "
            "nytte for kommunene, brukermedvirkning og overføringsverdi.",
            nominations_open=aware(2026, 11, 1, 9),
            nominations_close=aware(2028, 3, 1, 23, 59),
            declarations_open=aware(2026, 11, 10, 9),
            scoring_opens=aware(2026, 11, 10, 9),
            scoring_closes=aware(2028, 5, 1, 23, 59),
            deliberation_at=aware(2028, 5, 20, 10),
            publish_at=aware(2028, 9, 7, 14, 30),
        )
    )
    members = _jury(award_round.review_round, [inst.get("NORCE"), inst.get("UiB"), None, None])
    common = dict(nominee_affiliation="Bergen kommune", nominee_municipality=municipalities.get("Bergen"))
    first = _nominate(
        award_round,
        nominator_name="Hilde Nygård (demo)",
        nominator_email="hilde.nygard@example.invalid",
        nominator_institution=inst.get("UiB"),
        nominee_name="Kristin Aasen (demo)",
        nominee_email="kristin.aasen@example.invalid",
        projects="Trygg hjemme med velferdsteknologi (demo)",
        justification="Demo: Kristin har ledet utprøvingen av digitalt tilsyn i hjemmetjenesten og sørget for at "
        "erfaringene ble forsket på sammen med universitetet.",
        **common,
    )
    _nominate(
        award_round,
        nominator_name="Jon Vik (demo)",
        nominator_email="jon.vik@example.invalid",
        nominator_municipality=municipalities.get("Askøy"),
        nominee_name="Kristin Aasen (demo)",
        nominee_email="kristin.aasen@example.invalid",
        projects="Trygg hjemme med velferdsteknologi (demo)",
        justification="Demo: Askøy kommune har tatt i bruk modellen Kristin utviklet. Hun har delt alt hun vet, "
        "raust og grundig.",
        **common,
    )
    second = _nominate(
        award_round,
        nominator_name="Liv Brekke (demo)",
        nominator_email="liv.brekke@example.invalid",
        nominator_institution=inst.get("HVL"),
        nominee_kind=NomineeKind.GROUP,
        nominee_name="Miljø for legemiddelgjennomgang i sykehjem (demo)",
        nominee_affiliation="Høgskulen på Vestlandet",
        nominee_institution=inst.get("HVL"),
        nominee_email="legemiddel@example.invalid",
        projects="Riktig medisin i sykehjem (demo)",
        justification="Demo: Miljøet har vist at faste legemiddelgjennomganger gir færre fall og innleggelser.",
    )
    _nominate(
        award_round,
        nominator_name="Eirik Dahl (demo)",
        nominator_email="eirik.dahl@example.invalid",
        nominator_institution=inst.get("NORCE"),
        nominee_name="Nora Sande (demo)",
        nominee_affiliation="Alver kommune",
        nominee_municipality=municipalities.get("Alver"),
        nominee_email="nora.sande@example.invalid",
        projects="Pårørendeskolen i Alver (demo)",
        justification="Demo: Nora har bygd opp en pårørendeskole sammen med brukerne og evaluert den med NORCE.",
    )
    declined = _nominate(
        award_round,
        nominator_name="Gunn Tveit (demo)",
        nominator_email="gunn.tveit@example.invalid",
        nominator_institution=inst.get("VID"),
        nominee_name="Per Olsen (demo)",
        nominee_affiliation="VID vitenskapelige høgskole",
        nominee_email="per.olsen@example.invalid",
        projects="Ernæring i hjemmetjenesten (demo)",
        justification="Demo: Per har ledet et viktig prosjekt om ernæring hos eldre som bor hjemme.",
    )
    services.decline_nomination(declined, "Demo: Jeg er med i juryens fagmiljø og vil ikke være kandidat i år.")
    # Declarations (one conflict) and some scores, through the engine.
    chair, tor, solveig, arvid = members
    candidates = [first.candidate, second.candidate]
    for member in members:
        for candidate in candidates:
            conflict = member == solveig and candidate == first.candidate
            review_services.declare(
                member, candidate, conflict, "Demo: Jeg har veiledet kandidaten." if conflict else ""
            )
    criteria = list(award_round.review_round.criteria.order_by("sort_order"))
    for member, values in ((chair, [5, 4, 4, 5]), (tor, [4, 5, 3, 4])):
        for criterion, value in zip(criteria, values, strict=False):
            review_services.score(member, first.candidate, criterion, value, "Demo-kommentar.")
        review_services.submit_scores(member, first.candidate)
    review_services.score(tor, second.candidate, criteria[0], 3)
    stdout.write("Award 2028: open for nominations, 5 nominations, a jury of 4 with declarations and scores.")


def load(home, stdout) -> None:
    index = ConferenceIndexPage.objects.child_of(home).first()
    if index is None:
        return
    load_history(stdout)
    if child_by_slug(index, "forsknings-og-innovasjonsprisen") is None:
        ensure_child(
            index,
            AwardArchivePage,
            "forsknings-og-innovasjonsprisen",
            title="Forsknings- og innovasjonsprisen",
            intro="Kunnskapskommunens forsknings- og innovasjonspris går til en person eller et forskningsmiljø "
            "med et framragende bidrag til forskning og innovasjon i de kommunale helse- og omsorgstjenestene. "
            "Prisen, et kunstverk, deles ut på konferansen.",
        )
    inst = {i.short_name or i.name: i for i in Institution.objects.all()}
    municipalities = {m.name: m for m in Municipality.objects.all()}
    load_2026(stdout, inst)
    load_2028(stdout, inst, municipalities)
