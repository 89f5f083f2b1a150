"""Demo content of the governance documents: the reference group's mandate, the draft
cooperation agreement 2017–2019 with its parties, workshop minutes and the plan document. The
documents index gets the moderation workflow "Godkjenning før publisering"."""

import datetime

from wagtail.rich_text import RichText

from cms.core.demo_utils import child_by_slug, ensure_child, paragraphs
from cms.core.text import slugify_nb
from cms.core.workflows import ensure_approval_workflow
from cms.governance.models import GovernanceDocumentIndexPage, GovernanceDocumentPage
from cms.network.models import Body, Institution, Municipality

D = datetime.date

INVITED = [
    "Austrheim", "Lindås", "Vaksdal", "Meland", "Fedje", "Gulen", "Masfjorden", "Modalen", "Osterøy", "Radøy",
    "Austevoll", "Fusa", "Os", "Samnanger", "Askøy", "Fjell", "Sund", "Øygarden", "Voss", "Eidfjord", "Granvin",
    "Kvam", "Ulvik",
]  # fmt: skip

MANDATE_POINTS = [
    "Gjøre samarbeidet konkret: omsette planer og vedtak til tiltak som blir gjennomført.",
    "Bidra til et kunnskapsløft i tjenestene, blant annet gjennom kurs og seminarer.",
    "Sørge for åpen informasjon om samarbeidet, også gjennom nettsidene.",
    "Posisjonere partnerne for å søke forskningsmidler, gjerne i fellesskap.",
    "Formidle forskning fra og om de kommunale tjenestene.",
    "Planlegge og gjennomføre den årlige konferansen.",
    "Arbeide for gode utdanningsløp og flere praksisplasser for studenter.",
    "Fremme innovasjon som bygger på forskning.",
]


def ensure_workflow(index) -> None:
    """Documents are approved by a Publisist before they are published (the shared workflow)."""
    ensure_approval_workflow(index)


def load(home, stdout) -> None:
    index, _ = ensure_child(
        home,
        GovernanceDocumentIndexPage,
        "styringsdokumenter",
        title="Styringsdokumenter",
        show_in_menus=True,
        intro="Mandater, avtaler, referater, planer og statusmeldinger for samarbeidet. Dokumentene "
        "ligger her som nettsider; noen har også en PDF-versjon.",
        search_description="Mandater, samarbeidsavtaler, referater og planer for Kunnskapskommunen.",
    )
    bodies = {body.kind: body for body in Body.objects.all()}
    mandate, _ = ensure_child(
        index,
        GovernanceDocumentPage,
        "mandat-for-referansegruppen",
        title="Mandat for referansegruppen",
        kind="mandate",
        status="adopted",
        owner_body=bodies.get(Body.Kind.PROJECT_GROUP),
        effective_date=D(2017, 1, 1),
        summary_text="Referansegruppen er samarbeidets operative gruppe. Mandatet har åtte punkter.",
        body=[
            ("heading", {"text": "Gruppens oppgaver", "level": "h2"}),
            ("paragraph", paragraphs("Referansegruppen har disse oppgavene:")),
            ("paragraph", RichText("<ol>" + "".join(f"<li>{point}</li>" for point in MANDATE_POINTS) + "</ol>")),
            ("heading", {"text": "Arbeidsform", "level": "h2"}),
            (
                "paragraph",
                paragraphs(
                    "Gruppen kan sette ned undergrupper for enkeltoppgaver. Når den gjør det, skal den "
                    "vurdere om brukerrepresentanter bør være med.",
                    "Medlemmene oppnevnes for to år om gangen.",
                ),
            ),
        ],
    )
    if mandate.owner_body and not mandate.owner_body.mandate_page_id:
        Body.objects.filter(pk=mandate.owner_body.pk).update(mandate_page=mandate)

    agreement = child_by_slug(index, "samarbeidsavtale-2017-2019")
    if agreement is None:
        agreement, _ = ensure_child(
            index,
            GovernanceDocumentPage,
            "samarbeidsavtale-2017-2019",
            title="Samarbeidsavtale 2017–2019 (utkast)",
            kind="agreement",
            status="draft",
            owner_body=bodies.get(Body.Kind.STEERING_GROUP),
            effective_date=D(2017, 1, 1),
            valid_until=D(2019, 12, 31),
            summary_text="Utkast til avtale mellom Bergen kommune og 23 nabokommuner om et felles FoU-samarbeid.",
            body=[
                ("heading", {"text": "Formål", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "Avtalen skal gi flere kommuner i regionen del i forskning, innovasjon og utdanning i "
                        "helse- og omsorgstjenestene, med Bergen som motorkommune."
                    ),
                ),
                ("heading", {"text": "Økonomi", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "Hver kommune betaler 30 000 kroner i året i avtaleperioden. Pengene går til en felles "
                        "FoU-rådgiver som skal hjelpe kommunene med prosjekter og søknader."
                    ),
                ),
                ("heading", {"text": "Varighet og oppsigelse", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "Avtalen gjelder fra 2017 til og med 2019. Den kan avsluttes når partene er enige om det, "
                        "eller ved skriftlig oppsigelse med tre måneders varsel."
                    ),
                ),
            ],
        )
        municipalities = [
            Municipality.objects.get_or_create(name=name, defaults={"slug": slugify_nb(name)})[0] for name in INVITED
        ]
        bergen = Municipality.objects.filter(slug="bergen").first()
        agreement.party_municipalities.set([m for m in [bergen, *municipalities] if m])
        agreement.party_institutions.set(Institution.objects.filter(short_name__in=["UiB", "HVL"]))
        agreement.save_revision().publish()

    ensure_child(
        index,
        GovernanceDocumentPage,
        "referat-verksted-kommunegruppen-2025",
        title="Referat fra verksted i kommunegruppen, mars 2025",
        kind="minutes",
        status="adopted",
        owner_body=bodies.get(Body.Kind.MUNICIPALITY_GROUP),
        effective_date=D(2025, 3, 24),
        summary_text="Kommunegruppen drøftet kunnskapsbehov, FoU-kontaktenes rolle og konferansen 2026.",
        body=[
            ("heading", {"text": "Hva vi snakket om", "level": "h2"}),
            (
                "paragraph",
                paragraphs(
                    "Kommunene la fram hvilke spørsmål de mest trenger svar på i tjenestene, og delte "
                    "erfaringer med å ta imot forskere og masterstudenter.",
                ),
            ),
            ("heading", {"text": "Oppfølgingspunkter", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<ol><li>Sekretariatet samler kunnskapsbehovene i én oversikt før sommeren.</li>"
                    "<li>Hver kommune bekrefter hvem som er FoU-kontakt.</li>"
                    "<li>Kommunene foreslår temaer til konferansen 4. september 2026.</li>"
                    "<li>Neste verksted holdes i høst, med masterstudenter invitert.</li></ol>"
                ),
            ),
        ],
    )
    plan = home.get_descendants().filter(slug="bedre-kunnskap-bedre-helse-2022-2027").first()
    ensure_child(
        index,
        GovernanceDocumentPage,
        "plan-bedre-kunnskap-bedre-helse-2022-2027",
        title="Plan: Bedre kunnskap – bedre helse 2022–2027",
        kind="plan",
        status="adopted",
        owner_body=bodies.get(Body.Kind.STEERING_GROUP),
        effective_date=D(2022, 5, 24),
        summary_text="Planen for forskning, innovasjon og utdanning, vedtatt av bystyret 24. mai 2022 (sak 119/22).",
        related_page=plan,
        body=[
            (
                "paragraph",
                paragraphs(
                    "Planen har seks satsingsområder og 32 tiltak. Hele planen, med status for hvert tiltak, "
                    "ligger på egen side under Planer."
                ),
            )
        ],
    )
    ensure_workflow(index)
    stdout.write("Governance: documents and the approval workflow are in place.")
