"""Demo content of the research-inquiry portal: about 30 inquiries over two years to several
municipalities, in the real pattern (most accepted, some declined, master's projects among
them), demo logins for two FoU-contacts and an adviser, and about ten published projects in the
registry under Prosjekter. Everything goes through ``services``, as in real use; the e-mails
the services queue are marked as sent so that loading the demo sends nothing."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.core.demo_utils import ensure_child
from cms.core.models import StandardPage
from cms.network.models import FouContact, Institution, Municipality
from cms.news.models import NewsIndexPage, NewsPage, NewsRelatedPage
from cms.plans.models import FocusArea

from . import services
from .enums import EthicsStatus, Kind, Role, ServiceArea, Status
from .groups import ADVISERS_GROUP, add_to_contact_group
from .models import Inquiry, InquiryEmail, InquiryStateChange, ProjectIndexPage, ProjectPage

# (title, summary, method, participants, request, time, kind, role, service area)
PROJECTS = [
    (
        "Velferdsteknologi og nattilsyn i hjemmetjenesten",
        "Prosjektet undersøker hvordan digitalt nattilsyn påvirker søvn, trygghet og arbeidshverdag for "
        "brukere og ansatte i hjemmetjenesten.",
        "Kvalitative intervjuer og observasjon av nattevakter.",
        "Intervjuer med 12 brukere og 8 ansatte.",
        "Hjelp til å rekruttere brukere og tilgang til å observere to nattevakter.",
        "Om lag 20 timer fordelt over tre måneder.",
        Kind.RESEARCH,
        Role.PHD,
        ServiceArea.HOME_SERVICES,
    ),
    (
        "Ernæring hos eldre på korttidsopphold",
        "Masteroppgave om hvordan ernæringsstatus kartlegges og følges opp ved korttidsopphold på sykehjem.",
        "Spørreskjema og journalgjennomgang med samtykke.",
        "Anonymiserte opplysninger om 40 opphold og spørreskjema til sykepleiere.",
        "Tilgang til å dele ut spørreskjema og en kontaktperson på avdelingen.",
        "Fem timer for kontaktpersonen.",
        Kind.RESEARCH,
        Role.MASTER,
        ServiceArea.NURSING_HOMES,
    ),
    (
        "Samvalg i psykisk helsearbeid",
        "Vi vil prøve ut et verktøy for samvalg mellom bruker og behandler i kommunale psykiske helsetjenester.",
        "Utprøving med før- og etter-måling.",
        "30 brukere og deres kontaktpersoner.",
        "At to team tar i bruk verktøyet i seks måneder.",
        "En time i uken per team i utprøvingsperioden.",
        Kind.INNOVATION,
        Role.RESEARCHER,
        ServiceArea.MENTAL_HEALTH,
    ),
    (
        "Simulering som læringsform for nyansatte helsefagarbeidere",
        "Et utdanningsprosjekt der nyansatte trener på vanlige situasjoner i et simuleringsrom.",
        "Utprøving og evaluering med fokusgrupper.",
        "Tre kull med nyansatte, om lag 25 personer.",
        "Frikjøp av nyansatte til to halve dager med simulering.",
        "To halve dager per kull.",
        Kind.EDUCATION,
        Role.RESEARCHER,
        ServiceArea.NURSING_HOMES,
    ),
    (
        "Fallforebygging med trening i eget hjem",
        "Masteroppgave som ser på om et enkelt treningsprogram i hjemmet reduserer fall blant eldre.",
        "Pilotstudie med tester før og etter tolv uker.",
        "15 hjemmeboende eldre over 75 år.",
        "Fysioterapeut som hjelper til med rekruttering.",
        "Ti timer totalt.",
        Kind.RESEARCH,
        Role.MASTER,
        ServiceArea.HEALTH,
    ),
    (
        "Brukermedvirkning i boliger for personer med utviklingshemming",
        "Hvordan kan beboere med utviklingshemming få større innflytelse på hverdagen sin?",
        "Deltakende observasjon og samtaler med beboere og ansatte.",
        "Beboere og ansatte i to bofellesskap.",
        "Tilgang til bofellesskapene og et møte med ledelsen.",
        "Fire timer for ledelsen, ellers lite.",
        Kind.RESEARCH,
        Role.PHD,
        ServiceArea.DISABILITY,
    ),
    (
        "Digital hjemmeoppfølging av barn med kroniske sykdommer",
        "Innovasjonsprosjekt som prøver ut video og målinger hjemme for familier med kronisk syke barn.",
        "Utprøving med brukerintervjuer.",
        "10 familier og helsesykepleiere.",
        "Helsesykepleiere som følger opp familiene digitalt.",
        "To timer i måneden per helsesykepleier i et år.",
        Kind.INNOVATION,
        Role.RESEARCHER,
        ServiceArea.CHILDREN,
    ),
    (
        "Legemiddelgjennomgang i sykehjem",
        "Masteroppgave om hvordan legemiddelgjennomganger gjennomføres og dokumenteres.",
        "Dokumentanalyse og intervjuer.",
        "Intervjuer med fire sykehjemsleger og seks sykepleiere.",
        "Hjelp til å finne informanter.",
        "Om lag seks timer.",
        Kind.RESEARCH,
        Role.MASTER,
        ServiceArea.NURSING_HOMES,
    ),
]
SECOND_MUNICIPALITY = ["Askøy", "Alver", "Osterøy", "Bjørnafjorden", "Voss herad", "Vaksdal", "Austrheim", "Masfjorden"]
FIRST_NAMES = ["Ingrid", "Lars", "Mari", "Ole", "Sofie", "Henrik", "Nora", "Jonas", "Emma", "Sindre"]
LAST_NAMES = ["Berge", "Hauge", "Solheim", "Vik", "Myklebust", "Lie", "Eide", "Haugland", "Nesse", "Tveit"]
ANSWERS = {
    Status.ASSESSING: "Takk for henvendelsen. Vi ser nå på om tjenesten har kapasitet i perioden.",
    Status.NEEDS_INFO: "Kan du si litt mer om hvor mye tid hver ansatt må sette av, og når intervjuene skal skje?",
    Status.ACCEPTED: "Vi takker ja. Ta kontakt med avdelingsleder for å avtale oppstart.",
    Status.DECLINED: "Vi har dessverre ikke kapasitet til å delta i denne perioden. Lykke til med prosjektet.",
}
# Outcome per inquiry, the real pattern: most accepted, some declined, a few still open.
OUTCOMES = [Status.ACCEPTED] * 17 + [Status.DECLINED] * 6 + [Status.ASSESSING, Status.NEEDS_INFO, Status.RECEIVED] * 2
DEMO_CONTACT_LOGINS = {"fou-bergen": ("Bergen", "Etat for sykehjem"), "fou-askoy": ("Askøy", "")}


def _at(routing, when):
    """Date the latest history row of ``routing`` to ``when`` (the services stamp "now")."""
    last = InquiryStateChange.objects.filter(routing=routing).order_by("-pk").first()
    if last is not None:
        InquiryStateChange.objects.filter(pk=last.pk).update(at=when)


def ensure_logins() -> None:
    User = get_user_model()
    for username, (municipality, department) in DEMO_CONTACT_LOGINS.items():
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.invalid"})
        add_to_contact_group(user)
        FouContact.objects.filter(municipality__name=municipality, department=department, user__isnull=True).update(
            user=user
        )
    adviser, _ = User.objects.get_or_create(username="radgiver", defaults={"email": "radgiver@example.invalid"})
    group = Group.objects.filter(name=ADVISERS_GROUP).first()
    if group:
        adviser.groups.add(group)


def list_contacts_on_kontakt(home, stdout) -> None:
    """The Kontakt page lists every member municipality's FoU-contacts (a listing block after
    its text), added once, also to a site loaded before the block existed."""
    kontakt = StandardPage.objects.child_of(home).filter(slug="kontakt").first()
    if kontakt is None:
        return
    kontakt = kontakt.get_latest_revision_as_object()
    if any(block.block_type == "listing" and block.value["listing"] == "fou_contacts" for block in kontakt.body):
        return
    kontakt.body.append(("listing", {"heading": "FoU-kontakter i medlemskommunene", "listing": "fou_contacts"}))
    kontakt.save_revision().publish()
    stdout.write("Inquiries: the Kontakt page lists the FoU-contacts.")


# news item (slug) → registry projects it is about (title); made once both exist
NEWS_ABOUT_PROJECTS = {
    "rundt-140-forskningshenvendelser-i-2025": [
        "Velferdsteknologi og nattilsyn i hjemmetjenesten",
        "Ernæring hos eldre på korttidsopphold",
    ],
    "masterstudenter-og-kommuner-fant-hverandre": ["Samvalg i psykisk helsearbeid"],
    "fullt-hus-pa-mobiliseringsseminar-i-alrek": ["Fallforebygging med trening i eget hjem"],
}


def link_news(home, stdout) -> None:
    """Let a few demo news items name the projects they are about (their related pages), so the
    news and the project pages link to each other. Idempotent."""
    news_index = NewsIndexPage.objects.child_of(home).first()
    if news_index is None:
        return
    made = 0
    for slug, titles in NEWS_ABOUT_PROJECTS.items():
        news = NewsPage.objects.child_of(news_index).filter(slug=slug).first()
        if news is None:
            continue
        linked = {link.related_page_id for link in news.related_pages.all()}
        added = 0
        for title in titles:
            project = ProjectPage.objects.live().filter(title=title).first()
            if project is not None and project.pk not in linked:
                news.related_pages.add(NewsRelatedPage(related_page=project))
                linked.add(project.pk)
                added += 1
        if added:
            # Through a revision, so an editor's next publish keeps the links.
            news.save_revision().publish()
            made += added
    if made:
        stdout.write(f"Inquiries: {made} links between news and projects.")


def load(home, stdout) -> None:
    registry, _ = ensure_child(
        home,
        ProjectIndexPage,
        "prosjekter",
        title="Prosjekter",
        intro="Forsknings-, innovasjons- og utdanningsprosjekter i helse- og omsorgstjenestene i "
        "medlemskommunene. Prosjektene har kommet inn gjennom forskningshenvendelsene.",
        search_description="Prosjektregister for Kunnskapskommunen Helse Omsorg Vest.",
    )
    ensure_logins()
    list_contacts_on_kontakt(home, stdout)
    if Inquiry.objects.filter(form_token__startswith="demo-").exists():
        stdout.write("Inquiries: demo inquiries are already in place.")
        link_news(home, stdout)
        return
    municipalities = {m.name: m for m in Municipality.objects.filter(merged_into__isnull=True)}
    institutions = list(Institution.objects.order_by("name"))
    now = timezone.now()
    start = now - datetime.timedelta(days=720)
    names = itertools.product(FIRST_NAMES, LAST_NAMES)
    published = 0
    focus_areas = list(FocusArea.objects.order_by("pk"))
    for number, outcome in enumerate(OUTCOMES):
        title, summary, method, participants, request, time, kind, role, area = PROJECTS[number % len(PROJECTS)]
        first, last = next(names)
        sent = start + datetime.timedelta(days=number * 23 + 3)
        chosen = [municipalities["Bergen"]] if number % 3 != 1 else []
        second = municipalities.get(SECOND_MUNICIPALITY[number % len(SECOND_MUNICIPALITY)])
        if second and (number % 2 or not chosen):
            chosen.append(second)
        student = role in (Role.PHD, Role.MASTER)
        data = {
            "form_token": f"demo-{number}",
            "first_name": first,
            "last_name": last,
            "email": f"{first.lower()}.{last.lower()}@example.invalid",
            "phone": f"9{number:02d}12345",
            "institution": institutions[number % len(institutions)] if institutions else None,
            "institution_other": "" if institutions else "Universitetet i Bergen",
            "role": role,
            "supervisor_name": "Professor Demo Veileder" if student else "",
            "supervisor_email": "veileder@example.invalid" if student else "",
            "title": title if number < len(PROJECTS) else f"{title} ({sent.year})",
            "summary": summary,
            "kind": kind,
            "method": method,
            "participants_needed": participants,
            "services_request": request,
            "services_time": time,
            "start_date": (sent + datetime.timedelta(days=60)).date(),
            "end_date": (sent + datetime.timedelta(days=60 + 365)).date(),
            "sikt_status": EthicsStatus.APPROVED if number % 2 else EthicsStatus.APPLIED,
            "sikt_reference": f"{600000 + number}",
            "rek_status": EthicsStatus.NOT_NEEDED,
            "rek_reference": "",
            "service_areas": [area],
            "municipalities": chosen,
        }
        inquiry = services.submit_inquiry(data, now=sent).inquiry
        for routing in inquiry.routings.all():
            _at(routing, sent)
            steps = {
                Status.RECEIVED: [],
                Status.ASSESSING: [Status.ASSESSING],
                Status.NEEDS_INFO: [Status.ASSESSING, Status.NEEDS_INFO],
                Status.ACCEPTED: [Status.ASSESSING, Status.ACCEPTED],
                Status.DECLINED: [Status.DECLINED],
            }[outcome]
            if number == 4 and outcome == Status.ACCEPTED:
                steps = [Status.NEEDS_INFO]
            for day, state in enumerate(steps, start=1):
                when = sent + datetime.timedelta(days=3 * day + number % 5)
                if when > now:
                    break
                services.answer(routing.pk, state, ANSWERS[state], actor=None, now=when)
                _at(routing, when)
            if number == 4 and outcome == Status.ACCEPTED:
                # A master's student answered the question, and the municipality then accepted.
                when = sent + datetime.timedelta(days=5)
                services.researcher_reply(inquiry, routing.pk, "Hvert intervju tar 45 minutter, i mars.", now=when)
                _at(routing, when)
                services.answer(routing.pk, Status.ACCEPTED, ANSWERS[Status.ACCEPTED], actor=None, now=when)
                _at(routing, when + datetime.timedelta(days=2))
        if outcome == Status.ACCEPTED and published < 10 and services.accepted(inquiry):
            project = services.consent_to_publish(inquiry)
            project.project_status = "completed" if number < 8 else "ongoing"
            project.focus_area = focus_areas[number % len(focus_areas)] if focus_areas else None
            if number < 8:
                project.results = (
                    "Prosjektet er avsluttet. Funnene er presentert for tjenestene og brukt i videre "
                    "forbedringsarbeid i kommunene."
                )
                project.publications = "https://example.invalid/rapport-" + str(number)
            project.save_revision().publish()
            published += 1
    # Loading the demo sends nothing: the e-mails the services queued count as sent.
    InquiryEmail.objects.filter(sent_at__isnull=True).update(sent_at=now)
    stdout.write(f"Inquiries: {len(OUTCOMES)} inquiries and {published} published projects are in place.")
    link_news(home, stdout)
