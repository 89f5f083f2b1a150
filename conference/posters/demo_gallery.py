"""Demo content: the 2026 poster call after the conference — eight accepted, consented posters
with generated PDFs (reportlab, A0 portrait) and preview images, board numbers, and the
committee's poster prize. Idempotent: does nothing when the 2026 call already has posters.

Run by ``manage.py load_demo`` (``DEMO_LOADERS``) after the programme, so the 2026 programme's
poster session lists the posters with their board numbers."""

from __future__ import annotations

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from cms.core.demo_utils import child_by_slug
from cms.core.pdf import first_page_png
from cms.inquiries.models import ProjectPage
from cms.network.models import Institution, Municipality
from conference.review.enums import RoundKind
from conference.review.models import Criterion, Round

from . import decisions
from .enums import PrizeMode, SubmissionState
from .models import PosterAuthor, PosterCallPage, PosterStateChange, PosterSubmission, PosterTopic


def _oslo(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


TOPICS = [
    "Kunnskapsbasert praksis",
    "Tjenesteinnovasjon og velferdsteknologi",
    "Samhandling og pasientforløp",
    "Folkehelse og forebygging",
]

# title, topic index, municipalities, authors (name, institution, municipality, other), sections
POSTERS = [
    (
        "Digitalt tilsyn om natten i hjemmetjenesten",
        1,
        ["Askøy"],
        [("Ingrid Haugland", None, "Askøy", ""), ("Sindre Mo", "Høgskulen på Vestlandet", None, "")],
        (
            "Hjemmetjenesten i Askøy gikk over fra fysiske nattbesøk til kamera og sensorer for 40 brukere.",
            "Intervjuer med ansatte og pårørende, og journalgjennomgang før og etter omleggingen.",
            "Færre unødvendige oppvåkninger og bedre søvn; ansatte vil ha tydeligere rutiner for avvik.",
            "Gir kommunene et grunnlag for å velge hvilke brukere som har nytte av digitalt tilsyn.",
        ),
    ),
    (
        "Felles pasientforløp for skrøpelige eldre etter utskrivning",
        2,
        ["Bergen", "Osterøy"],
        [("Marte Solheim", "Helse Bergen", None, ""), ("Knut Rieber", None, "Bergen", "")],
        (
            "Eldre som skrives ut fra sykehus, blir ofte innlagt igjen innen 30 dager.",
            "Kvasi-eksperimentell studie med 180 pasienter i to bydeler og én nabokommune.",
            "Reinnleggelsene gikk ned, særlig når kommunen fikk epikrisen samme dag.",
            "Viser hvilke ledd i overgangen kommunen selv kan styre.",
        ),
    ),
    (
        "Ernæringsscreening på korttidsavdelinger",
        0,
        ["Alver"],
        [("Hanne Lid", None, "Alver", ""), ("Petter Aasen", "Universitetet i Bergen", None, "")],
        (
            "Underernæring oppdages sent hos mange som kommer på korttidsopphold.",
            "Forbedringsprosjekt med faste målinger og ukentlige tavlemøter i seks måneder.",
            "Andelen som ble screenet innen ett døgn, økte fra 35 til 88 prosent.",
            "Enkle tiltak som andre korttidsavdelinger kan ta i bruk straks.",
        ),
    ),
    (
        "Aktivitetsvenner for personer med demens",
        3,
        ["Bergen"],
        [("Randi Fjeld", "VID vitenskapelige høgskole", None, ""), ("Ola Berentsen", None, "Bergen", "")],
        (
            "Mange hjemmeboende med demens har få meningsfulle aktiviteter i hverdagen.",
            "Følgeforskning med fokusgrupper blant frivillige, pårørende og koordinatorer.",
            "Deltakerne beskriver mer glede og mindre uro; rekruttering av frivillige er flaskehalsen.",
            "Peker på hvordan kommunene kan organisere frivillighet rundt demensomsorgen.",
        ),
    ),
    (
        "Kompetanseløft i rehabilitering for helsefagarbeidere",
        0,
        ["Osterøy", "Askøy"],
        [("Eli Vatne", None, "Osterøy", ""), ("Terje Nygård", "Høgskulen på Vestlandet", None, "")],
        (
            "Hverdagsrehabilitering krever at alle ansatte tenker mestring, ikke bare terapeutene.",
            "Kursrekke med refleksjonsgrupper, evaluert med spørreskjema før og etter.",
            "Høyere trygghet i å veilede brukerne; effekten holdt seg etter ett år.",
            "Et opplegg kommunene kan gjenbruke i egen internopplæring.",
        ),
    ),
    (
        "Legemiddelgjennomgang i sykehjem med farmasøyt",
        2,
        ["Bergen"],
        [("Sofie Brekke", "Haraldsplass Diakonale Sykehus", None, ""), ("Amir Haddad", None, "Bergen", "")],
        (
            "Beboere i sykehjem bruker i snitt mange legemidler, og uheldige kombinasjoner er vanlige.",
            "Strukturerte gjennomganger i tverrfaglige team på fire sykehjem.",
            "Antall legemidler per beboer gikk ned, og færre fikk potensielt uheldige kombinasjoner.",
            "Gir et grunnlag for å gjøre farmasøyten til en fast del av teamet.",
        ),
    ),
    (
        "Skolehelsetjenesten på nett: chat med helsesykepleier",
        3,
        ["Alver"],
        [("Lena Kvamme", None, "Alver", ""), ("Jonas Heggheim", "NORCE Norwegian Research Centre", None, "")],
        (
            "Ungdom tar sjelden kontakt med helsesykepleier om det som er vanskelig.",
            "Analyse av anonymiserte chatlogger og intervjuer med elever og helsesykepleiere.",
            "Chatten nådde gutter og elever som ikke brukte det fysiske tilbudet.",
            "Et lavterskeltilbud som små kommuner kan drive sammen.",
        ),
    ),
    (
        "Brukerstyrt innleggelse i kommunale akuttplasser",
        1,
        ["Bergen", "Osterøy"],
        [("Helge Myklebust", None, "Bergen", ""), ("Nina Aarø", "", None, "Brukerorganisasjon i Vestland")],
        (
            "Personer med langvarige psykiske plager kjenner selv når de trenger en pause.",
            "Pilot med avtaler om brukerstyrt innleggelse, fulgt med registerdata i ett år.",
            "Kortere opphold og færre tvangsinnleggelser blant deltakerne.",
            "Viser at kommunale akuttplasser kan brukes forebyggende.",
        ),
    ),
]

PRIZE_WINNER = "Digitalt tilsyn om natten i hjemmetjenesten"

SECTION_TITLES = ["Bakgrunn", "Metode", "Resultater", "Relevans for kommunene"]


def poster_pdf(title: str, authors: str, sections: tuple) -> bytes:
    """A plain A0 portrait poster: title, authors and the four sections in large type."""
    from reportlab.lib.pagesizes import A0
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    width, height = A0
    pdf = canvas.Canvas(buffer, pagesize=A0)
    pdf.setTitle(title)
    pdf.setAuthor(authors)
    margin = 120
    pdf.setFillColorRGB(0.0, 0.27, 0.45)
    pdf.rect(0, height - 520, width, 520, stroke=0, fill=1)
    pdf.setFillColorRGB(1, 1, 1)
    y = height - 200
    for line in simpleSplit(title, "Helvetica-Bold", 96, width - 2 * margin):
        pdf.setFont("Helvetica-Bold", 96)
        pdf.drawString(margin, y, line)
        y -= 110
    pdf.setFont("Helvetica", 48)
    pdf.drawString(margin, height - 470, authors)
    pdf.setFillColorRGB(0.1, 0.1, 0.1)
    y = height - 700
    for heading, text in zip(SECTION_TITLES, sections, strict=True):
        pdf.setFont("Helvetica-Bold", 72)
        pdf.drawString(margin, y, heading)
        y -= 100
        pdf.setFont("Helvetica", 52)
        for line in simpleSplit(text, "Helvetica", 52, width - 2 * margin):
            pdf.drawString(margin, y, line)
            y -= 70
        y -= 120
    pdf.setFont("Helvetica", 40)
    pdf.drawString(margin, 120, "Kunnskapskommunekonferansen Vest 2026")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _call_2026(edition) -> PosterCallPage:
    call = PosterCallPage.objects.child_of(edition).first()
    if call is not None:
        return call
    call = PosterCallPage(
        title="Plakater 2026",
        slug="plakater",
        intro="Forskere, ansatte og studenter viste fram prosjekter fra kommunene på konferansen i 2026.",
        opens_at=_oslo(2026, 3, 1, 9, 0),
        closes_at=_oslo(2026, 5, 15, 23, 59),
        final_upload_closes_at=_oslo(2026, 8, 20, 23, 59),
        prize_mode=PrizeMode.COMMITTEE,
        gallery_intro="Her er plakatene fra Kunnskapskommunekonferansen 2026. Filtrer på tema eller kommune, "
        "og last ned plakatene som PDF.",
    )
    edition.add_child(instance=call)
    for i, name in enumerate(TOPICS):
        PosterTopic.objects.create(page=call, name=name, sort_order=i)
    call.save_revision().publish()
    return call


def _round(edition, call) -> Round:
    round, created = Round.objects.get_or_create(
        edition=edition,
        kind=RoundKind.POSTERS,
        title="Plakatkomiteen 2026",
        defaults={
            "declarations_open": _oslo(2026, 5, 16, 9, 0),
            "scoring_opens": _oslo(2026, 5, 18, 9, 0),
            "scoring_closes": _oslo(2026, 6, 5, 16, 0),
        },
    )
    if created:
        Criterion.objects.create(round=round, name="Relevans for kommunene", weight=3, sort_order=0)
        Criterion.objects.create(round=round, name="Faglig kvalitet", weight=2, sort_order=1)
        Criterion.objects.create(round=round, name="Formidling", weight=1, sort_order=2)
    if call.review_round_id != round.pk:
        PosterCallPage.objects.filter(pk=call.pk).update(review_round=round)
    return round


def load_2026_gallery(home, stdout) -> None:
    index = child_by_slug(home, "konferansen")
    edition = child_by_slug(index, "2026") if index else None
    if edition is None:
        return
    call = _call_2026(edition)
    if call.submissions.exists():
        return
    round = _round(edition, call)
    topics = list(call.topics.order_by("sort_order"))
    municipalities = {m.name: m for m in Municipality.objects.all()}
    institutions = {i.name: i for i in Institution.objects.all()}
    submitted = _oslo(2026, 5, 10, 12, 0)
    decided = _oslo(2026, 6, 10, 10, 0)
    uploaded = _oslo(2026, 8, 15, 14, 0)
    for n, (title, topic, places, authors, sections) in enumerate(POSTERS):
        submission = PosterSubmission.objects.create(
            call=call,
            review_round=round,
            state=SubmissionState.ACCEPTED,
            contact_name=authors[0][0],
            contact_email=f"plakat{n + 1}@example.com",
            title=title,
            background=sections[0],
            method=sections[1],
            results=sections[2],
            relevance=sections[3],
            topic=topics[topic],
            consent_to_publish=True,
            submitted_at=submitted,
            decided_at=decided,
            decision_sent_at=decided,
            final_uploaded_at=uploaded,
        )
        submission.municipalities.set([municipalities[p] for p in places if p in municipalities])
        for order, (name, institution, municipality, other) in enumerate(authors):
            PosterAuthor.objects.create(
                submission=submission,
                sort_order=order,
                name=name,
                institution=institutions.get(institution or ""),
                municipality=municipalities.get(municipality or ""),
                affiliation_other=other if not (institution in institutions or municipality in municipalities) else "",
                is_presenting=order == 0,
            )
        PosterStateChange.record(submission, "", SubmissionState.SUBMITTED, PosterStateChange.Source.AUTHOR)
        PosterStateChange.record(
            submission, SubmissionState.SUBMITTED, SubmissionState.ACCEPTED, PosterStateChange.Source.ORGANISER
        )
        pdf = poster_pdf(title, ", ".join(a[0] for a in authors), sections)
        submission.final_pdf.save("plakat.pdf", ContentFile(pdf), save=False)
        submission.preview.save("forhandsvisning.png", ContentFile(first_page_png(io.BytesIO(pdf))), save=False)
        submission.save()
    decisions.assign_board_numbers(call)
    winner = call.submissions.get(title=PRIZE_WINNER)
    decisions.set_prize_winner(winner, True)
    stdout.write(f"Poster gallery for {edition.title}: {len(POSTERS)} posters.\n")


# poster of the 2026 gallery → the registry project it presents; made once both exist
POSTER_PROJECTS = {
    "Digitalt tilsyn om natten i hjemmetjenesten": "Velferdsteknologi og nattilsyn i hjemmetjenesten",
    "Ernæringsscreening på korttidsavdelinger": "Ernæring hos eldre på korttidsopphold",
    "Legemiddelgjennomgang i sykehjem med farmasøyt": "Legemiddelgjennomgang i sykehjem",
}


def link_projects(stdout) -> None:
    """Link a few demo posters to the registry projects they present, as an organiser would in
    the admin (``decisions.set_project``). Idempotent: a poster already linked is left alone."""
    made = 0
    for poster_title, project_title in POSTER_PROJECTS.items():
        poster = PosterSubmission.objects.filter(title=poster_title, registry_project__isnull=True).first()
        project = ProjectPage.objects.live().filter(title=project_title).first()
        if poster is not None and project is not None:
            decisions.set_project(poster, project)
            made += 1
    if made:
        stdout.write(f"Posters: {made} posters linked to projects in the registry.\n")


def load(home, stdout) -> None:
    load_2026_gallery(home, stdout)
    link_projects(stdout)
