"""Demo content of the plans: "Bedre kunnskap – bedre helse 2022–2027" with its six focus
areas and 32 measures (short titles in our own words), believable status histories from 2022
to 2026, and the earlier 2016–2019 plan."""

import datetime

from cms.core.demo_utils import ensure_child, paragraphs
from cms.plans.models import FocusArea, Measure, MeasureStatus, PlanIndexPage, PlanPage

D = datetime.date
P, IP, DONE, PAUSED = "planned", "in_progress", "done", "paused"

FOCUS_AREAS = [
    ("6.1", "Systemer for kunnskapsutvikling", "Strukturer som gjør det enklere å forske og lære i tjenestene."),
    ("6.2", "Forskningssamarbeid", "Et tett og synlig samarbeid med forsknings- og utdanningsmiljøene."),
    ("6.3", "Kunnskapsbasert innovasjon", "Nye løsninger som bygger på forskning, og som blir fulgt med forskning."),
    ("6.4", "Utdanning", "Utdanninger som gjør studentene klare for de kommunale tjenestene."),
    ("6.5", "Kommunen som aktiv forskningspartner", "Ansatte og brukere er med og former prosjektene."),
    ("6.6", "Kunnskapsbasert praksis", "Beslutninger i tjenestene bygger på oppdatert kunnskap."),
]

# number: (title, responsible, cost NOK, cost note, status history)
MEASURES = {
    "6.1.1": (
        "Bedre portal for registrering av forsknings- og innovasjonsprosjekter",
        "Kunnskapskommunen",
        None,
        "",
        [
            (D(2022, 9, 1), P, ""),
            (D(2023, 3, 1), IP, "Krav til ny løsning er beskrevet."),
            (D(2025, 4, 10), DONE, "Portalen er tatt i bruk."),
        ],
    ),
    "6.1.2": (
        "Være motorkommune gjennom Kunnskapskommunen og KSF Vest",
        "Byrådsavdeling for helse og omsorg",
        None,
        "",
        [(D(2022, 6, 1), IP, "Videreført fra forrige plan.")],
    ),
    "6.1.3": (
        "Arbeide nasjonalt for en bredere forskningsplikt for kommunene, med finansiering",
        "Byrådsavdeling for helse og omsorg",
        None,
        "",
        [(D(2022, 10, 1), IP, "Innspill til nasjonal helse- og samhandlingsplan.")],
    ),
    "6.1.4": (
        "Bygge egen kompetanse på personvern i forskning",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2023, 1, 15), IP, ""), (D(2024, 11, 1), DONE, "Veileder og kurs for FoU-kontaktene.")],
    ),
    "6.1.5": (
        "Videreføre offentlig sektor-ph.d. og kombinerte stillinger",
        "Byrådsavdeling for helse og omsorg",
        435000,
        "per år i tre år (1 305 000 i alt)",
        [(D(2022, 8, 1), IP, "To stipendiater i gang.")],
    ),
    "6.1.6": (
        "Gjøre tjenestedata tilgjengelige for forskning med personvern og etikk i orden",
        "Etat for helsetjenester",
        None,
        "",
        [(D(2023, 6, 1), P, ""), (D(2024, 9, 1), PAUSED, "Venter på avklaring om juridisk grunnlag.")],
    ),
    "6.1.7": (
        "Styrke egen kompetanse i analyse, forbedring og prosjektarbeid",
        "Alle etater",
        None,
        "",
        [(D(2023, 2, 1), IP, "")],
    ),
    "6.2.1": (
        "Være en synlig partner i Alrek helseklynge",
        "Kunnskapskommunen",
        450000,
        "per år, koordinator i 50 % stilling",
        [(D(2022, 6, 1), IP, ""), (D(2024, 1, 1), DONE, "Koordinator på plass og fast deltakelse i klyngen.")],
    ),
    "6.2.2": (
        "Videreføre den årlige Kunnskapskommunekonferansen",
        "Kunnskapskommunen",
        None,
        "",
        [
            (D(2022, 6, 20), IP, "Konferansen samlet om lag 200 deltakere."),
            (D(2024, 9, 5), IP, "Arrangeres nå annethvert år."),
        ],
    ),
    "6.2.3": (
        "Dele ut en forsknings- og innovasjonspris på konferansen",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2022, 6, 20), DONE, "Prisen ble delt ut på konferansen.")],
    ),
    "6.2.4": (
        "Tydeliggjøre kommunenes forskningsbehov og rolle i store prosjekter",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2023, 4, 1), IP, "")],
    ),
    "6.2.5": (
        "Kartlegge hva som hemmer og fremmer forskningssamarbeid",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2023, 9, 1), IP, ""), (D(2025, 3, 1), DONE, "Kartleggingen er lagt fram for styringsgruppen.")],
    ),
    "6.2.6": (
        "Dele samarbeidsmodellen med andre tjenesteområder",
        "Byrådsavdeling for helse og omsorg",
        None,
        "",
        [(D(2024, 2, 1), P, "")],
    ),
    "6.2.7": (
        "Utvide Kunnskapskommunen til flere tjenesteområder",
        "Byrådsavdeling for helse og omsorg",
        3000000,
        "per år for tre nye tjenesteområder (anslag)",
        [(D(2023, 1, 1), P, ""), (D(2024, 6, 1), PAUSED, "Avventer budsjettbehandling.")],
    ),
    "6.3.1": (
        "Delta i forskningsbaserte innovasjonsprosjekter",
        "Etat for sykehjem",
        None,
        "",
        [(D(2022, 9, 1), IP, "")],
    ),
    "6.3.2": (
        "Søke midler til innovasjon i offentlig sektor",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2023, 1, 1), IP, ""), (D(2024, 5, 1), DONE, "Tre søknader sendt, én innvilget.")],
    ),
    "6.3.3": (
        "Starte følgeforskning på innovasjonsprosesser",
        "Kunnskapskommunen",
        None,
        "",
        [
            (D(2023, 5, 1), P, ""),
            (D(2024, 3, 1), IP, "Samarbeid med HVL om følgeforskning."),
            (D(2025, 5, 15), DONE, "Første delrapport levert."),
        ],
    ),
    "6.3.4": (
        "Spre resultater og føre dem tilbake til ledere og ansatte",
        "Alle etater",
        None,
        "",
        [(D(2023, 10, 1), IP, "")],
    ),
    "6.4.1": (
        "Ta prosjektresultater inn i utdanningen av aktuelle profesjoner",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2023, 8, 1), IP, "")],
    ),
    "6.4.2": (
        "Praksisnære, tverrfaglige master- og videreutdanninger",
        "Etat for helsetjenester",
        None,
        "",
        [(D(2023, 8, 1), P, "")],
    ),
    "6.4.3": (
        "Flere praksisplasser og bedre veiledning av studenter",
        "Alle etater",
        None,
        "",
        [(D(2022, 8, 15), IP, ""), (D(2025, 1, 10), IP, "Nytt veilederkurs etablert.")],
    ),
    "6.4.4": (
        "Utdanning og praksis på tvers av kommune og sykehus",
        "Etat for helsetjenester",
        None,
        "",
        [(D(2024, 1, 15), P, "")],
    ),
    "6.4.5": (
        "Delta i fora og melde inn kommunens utdanningsbehov",
        "Byrådsavdeling for helse og omsorg",
        None,
        "",
        [(D(2022, 11, 1), IP, "")],
    ),
    "6.5.1": (
        "Videreføre og utvikle ordningen med FoU-kontakter",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2022, 6, 1), IP, ""), (D(2024, 10, 1), DONE, "Månedlige møter og felles rutine på plass.")],
    ),
    "6.5.2": (
        "Fortsette å kartlegge kunnskapsbehov på tvers av etatene",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2023, 3, 1), IP, "")],
    ),
    "6.5.3": (
        "Involvere ansatte og brukere når prosjektideer utvikles",
        "Alle etater",
        None,
        "",
        [(D(2023, 9, 1), P, "")],
    ),
    "6.5.4": (
        "Vektlegge ansatt- og brukermedvirkning når samarbeid vurderes",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2024, 4, 1), IP, "")],
    ),
    "6.5.5": ("Følgeforskning på medvirkningsprosesser", "Kunnskapskommunen", None, "", []),
    "6.6.1": (
        "Tilgang til oppdatert forskning for ansatte",
        "Kunnskapskommunen",
        None,
        "",
        [(D(2022, 10, 1), IP, ""), (D(2023, 12, 1), DONE, "Avtale om tilgang til kunnskapsbaser.")],
    ),
    "6.6.2": ("Mer kompetanse i kunnskapsbasert praksis", "Alle etater", None, "", [(D(2023, 2, 1), IP, "")]),
    "6.6.3": (
        "Evaluere praksis sammen med forskere og justere rutiner",
        "Etat for sykehjem",
        None,
        "",
        [(D(2024, 8, 1), P, "")],
    ),
    "6.6.4": (
        "Oppdatert kunnskapsgrunnlag for politiske planer",
        "Byrådsavdeling for helse og omsorg",
        None,
        "",
        [(D(2025, 6, 1), IP, "Statusmelding til bystyret.")],
    ),
}


def load(home, stdout) -> None:
    index, _ = ensure_child(
        home,
        PlanIndexPage,
        "planer",
        title="Planer",
        show_in_menus=True,
        intro="Planene som styrer arbeidet med forskning, innovasjon og utdanning i helse- og omsorgstjenestene, "
        "og hvordan tiltakene følges opp.",
        search_description="Planer for forskning, innovasjon og utdanning i helse- og omsorgstjenestene.",
    )
    ensure_child(
        index,
        PlanPage,
        "bedre-kunnskap-bedre-helse-2016-2019",
        title="Bedre kunnskap – bedre helse 2016–2019",
        subtitle="Den første planen for forskning og innovasjon i Bergens helse- og omsorgstjenester",
        period_start=2016,
        period_end=2019,
        adopted_by="Bergen bystyre",
        search_description="Den første planen for Kunnskapskommunen, 2016–2019.",
        body=[
            (
                "paragraph",
                paragraphs(
                    "Den første planen la grunnlaget for Kunnskapskommunen: et fast samarbeid med "
                    "universiteter, høgskoler og sykehus, FoU-kontakter i tjenestene og en årlig konferanse.",
                    "Planen er avløst av planen for 2022–2027, som bygger videre på erfaringene.",
                ),
            )
        ],
    )
    plan = index.get_children().filter(slug="bedre-kunnskap-bedre-helse-2022-2027").first()
    if plan is None:
        plan = PlanPage(
            slug="bedre-kunnskap-bedre-helse-2022-2027",
            title="Bedre kunnskap – bedre helse 2022–2027",
            subtitle="Plan for forskning, innovasjon og utdanning for helse- og omsorgstjenestene",
            period_start=2022,
            period_end=2027,
            adopted_by="Bergen bystyre",
            decision_date=D(2022, 5, 24),
            case_number="119/22",
            revision_interval_years=5,
            vision="Bergen går foran med helse- og omsorgstjenester som bygger på kunnskap, og som holder "
            "høy kvalitet, er trygge for pasientene, lar brukerne medvirke og bruker ressursene godt.",
            budget_target="0,1 % av helse- og omsorgsbudsjettet til forskning, utdanning og innovasjon",
            search_description="Planen for forskning, innovasjon og utdanning 2022–2027, med status for hvert tiltak.",
            body=[
                (
                    "paragraph",
                    paragraphs(
                        "Planen har seks satsingsområder med til sammen 32 nummererte tiltak. En handlingsplan "
                        "med suksesskriterier følger planen, og bystyret har bedt om en statusmelding midt i "
                        "perioden.",
                        "Under ser du hvor langt hvert tiltak har kommet. Statusrapporten viser planen slik den "
                        "sto på en dato du velger, og kan skrives ut eller lastes ned som regneark.",
                    ),
                )
            ],
        )
        for order, (number, title, description) in enumerate(FOCUS_AREAS):
            plan.focus_areas.add(FocusArea(number=number, title=title, description=description, sort_order=order))
        index.add_child(instance=plan)
        plan.save_revision().publish()
    plan = plan.specific
    areas = {area.number: area for area in plan.focus_areas.all()}
    for number, (title, responsible, cost, cost_note, history) in MEASURES.items():
        if Measure.objects.filter(plan=plan, number=number).exists():
            continue
        measure = Measure(
            focus_area=areas[number.rsplit(".", 1)[0]],
            number=number,
            title=title,
            responsible=responsible,
            cost_estimate=cost,
            cost_note=cost_note,
        )
        for date, status, comment in history:
            measure.statuses.add(MeasureStatus(date=date, status=status, comment=comment))
        measure.save()
        measure.save_revision().publish()
    stdout.write(f"Plans: {Measure.objects.filter(plan=plan).count()} measures in {plan.title}.")
