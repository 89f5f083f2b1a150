"""Demo content of the calendar: Kalender with events before and after the day the demo is
loaded, so both the upcoming and the past view have something to show."""

import datetime
import zoneinfo

from django.utils import timezone

from cms.core.demo_utils import child_by_slug, ensure_child, paragraphs

from .models import EventIndexPage, EventPage

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")

# (slug, title, days from today, start hh:mm, end hh:mm, location, online, audience, lead, body)
EVENTS = [
    (
        "styringsgruppemote-var",
        "Møte i styringsgruppen",
        -150,
        (13, 0),
        (15, 30),
        "Rådhuset, Bergen",
        "",
        "Styringsgruppen",
        "Styringsgruppen gjør opp status for planarbeidet og vedtar prioriteringer for høsten.",
        "Møtet er for medlemmene av styringsgruppen. Sakspapirer sendes ut en uke før.",
    ),
    (
        "matchmaking-masterstudenter",
        "Matchmaking for masterstudenter og kommuner",
        -75,
        (12, 0),
        (15, 0),
        "Alrek helseklynge, Årstadveien 17, Bergen",
        "",
        "Masterstudenter, ledere og fagfolk i kommunene",
        "Møt tjenestene som ønsker masteroppgaver, og finn en problemstilling med nytte for praksis.",
        "Kommunene stiller med bord og konkrete spørsmål. Ta med idéene dine – eller kom for å få nye.",
    ),
    (
        "miniseminar-med-fhi",
        "Miniseminar med Folkehelseinstituttet",
        -40,
        (9, 0),
        (11, 30),
        "Alrek helseklynge, Bergen",
        "https://example.org/fhi-miniseminar",
        "Ansatte og ledere i helse- og omsorgstjenestene",
        "Hvordan finner og bruker tjenestene oppdatert forskning? Forskere fra FHI viser eksempler.",
        "Seminaret handler om kunnskapsoppsummeringer og hvordan de kan tas i bruk i kommunene. "
        "Det blir tid til spørsmål fra salen.",
    ),
    (
        "verksted-for-kommunegruppen",
        "Verksted for kommunegruppen",
        -34,
        (10, 0),
        (14, 0),
        "Bergen kommune, Allehelgens gate 5",
        "",
        "Kommunegruppen",
        "Representantene fra partnerkommunene prioriterer behov foran utlysningen av nasjonale sentre.",
        "Vi jobber i grupper og avslutter med felles oppsummering. Lunsj serveres.",
    ),
    (
        "forskermote-kommunenes-kunnskapsbehov",
        "Forskermøte: kommunene legger fram kunnskapsbehov",
        10,
        (13, 0),
        (15, 30),
        "Alrek helseklynge, Bergen",
        "https://example.org/forskermote",
        "Forskere og ph.d.-kandidater",
        "Kommunene presenterer spørsmål de trenger svar på. Forskere får møte fagfolk fra tjenestene.",
        "Hver kommune har ti minutter til å presentere sine behov. Etterpå er det tid til samtaler.",
    ),
    (
        "informasjonsmote-kommunegruppen",
        "Digitalt informasjonsmøte for kommunegruppen",
        17,
        (14, 0),
        (15, 0),
        "",
        "https://example.org/informasjonsmote",
        "Kommunegruppen og FoU-kontaktene",
        "Kort orientering om arbeidet med søknaden om nasjonalt senter og veien videre.",
        "Møtet holdes på nett. Lenke til møtet finner du her på siden.",
    ),
    (
        "soknadsseminar",
        "Søknadsseminar: slik skriver kommunen en god søknad",
        24,
        (9, 0),
        (15, 0),
        "Høgskulen på Vestlandet, Kronstad, Bergen",
        "",
        "Kommuner og forskere som planlegger søknader",
        "Fra idé til søknad: krav, budsjett og hvordan kommunene blir reelle partnere.",
        "Erfarne søkere deler råd, og vi går gjennom kravene for de nasjonale sentrene, blant annet "
        "at minst ti kommuner må være med i hver søknad.",
    ),
    (
        "frokostmote-personvern-i-forskning",
        "Frokostmøte om personvern i forskning",
        66,
        (8, 0),
        (9, 30),
        "Alrek helseklynge, Bergen",
        "https://example.org/personvern",
        "Ledere og prosjektansvarlige i kommunene",
        "Hva må være på plass før et prosjekt kan samle inn data i tjenestene?",
        "Vi går gjennom personvernvurdering, skriftlig godkjenning og arkivering av henvendelser.",
    ),
]


WORKDAYS = (1, 2, 3, 0, 3)  # Tuesday, Wednesday, Thursday, Monday, Thursday, in turn


def on_workday(day: datetime.date, weekday: int) -> datetime.date:
    """The date nearest ``day`` (at most three days off) that falls on ``weekday``: the offsets
    count from the day the demo is loaded, and meetings are held on working days."""
    delta = (weekday - day.weekday() + 3) % 7 - 3
    return day + datetime.timedelta(days=delta)


def _at(day: datetime.date, hour_minute: tuple[int, int]) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(*hour_minute), tzinfo=OSLO)


def load(home, stdout) -> None:
    index, _ = ensure_child(
        home,
        EventIndexPage,
        "kalender",
        title="Kalender",
        show_in_menus=True,
        intro="Seminarer, møter og verksteder i Kunnskapskommunen. Abonner på kalenderen for å få "
        "arrangementene rett inn i din egen kalender.",
        search_description="Kommende og tidligere arrangementer i Kunnskapskommunen Helse Omsorg Vest.",
    )
    today = timezone.localdate()
    created = 0
    for number, (slug, title, offset, start, end, location, online, audience, lead, body) in enumerate(EVENTS):
        if child_by_slug(index, slug) is not None:
            continue
        day = on_workday(today + datetime.timedelta(days=offset), WORKDAYS[number % len(WORKDAYS)])
        ensure_child(
            index,
            EventPage,
            slug,
            title=title,
            start=_at(day, start),
            end=_at(day, end),
            location=location,
            online_url=online,
            audience=audience,
            lead=lead,
            body=[("paragraph", paragraphs(body))],
        )
        created += 1
    if created:
        stdout.write(f"Calendar: {created} events created.")
