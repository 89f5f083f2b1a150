"""Demo content: a plausible programme for the 2026 edition, shaped like the network's real
conference days, and a draft of the 2028 programme with parallel sessions in rooms with a
limited number of places (participants choose among them on their registration page). The
people are fictional; roles are generic."""

import datetime

from cms.core.demo_utils import child_by_slug
from cms.network.models import Person
from conference.programme.models import Session, SessionSpeaker

PEOPLE = {
    "byrad": dict(
        name="Ingrid Solheim",
        job_title="Byråd for helse og omsorg",
        organisation="Bergen kommune",
        bio="Byråd med ansvar for helse- og omsorgstjenestene i Bergen. (Fiktiv person i demoinnholdet.)",
    ),
    "keynote": dict(
        name="Håkon Vik",
        job_title="Professor i helseøkonomi",
        organisation="Universitetet i Bergen",
        bio="Forsker på prioritering og ressursbruk i kommunale helse- og omsorgstjenester. (Fiktiv person.)",
    ),
    "moderator": dict(
        name="Sara Lunde",
        job_title="Seniorrådgiver",
        organisation="Kunnskapskommunen Helse Omsorg Vest",
        bio="Leder konferansedagen. (Fiktiv person.)",
    ),
    "kommunalsjef": dict(
        name="Tor Einar Bakke",
        job_title="Kommunalsjef for helse",
        organisation="Alver kommune",
        bio="Leder helse- og omsorgstjenestene i en av partnerkommunene. (Fiktiv person.)",
    ),
    "sykepleier": dict(
        name="Marte Haugland",
        job_title="Fagutviklingssykepleier",
        organisation="Bergen kommune, Etat for sykehjem",
        bio="Arbeider med kunnskapsbasert praksis i sykehjem. (Fiktiv person.)",
    ),
    "forsker": dict(
        name="Amir Rahimi",
        job_title="Førsteamanuensis",
        organisation="Høgskulen på Vestlandet",
        bio="Forsker på tjenesteinnovasjon og velferdsteknologi. (Fiktiv person.)",
    ),
    "brukerrep": dict(
        name="Liv Tveit",
        job_title="Brukerrepresentant",
        organisation="Eldrerådet",
        bio="Opptatt av at brukernes stemme skal høres når tjenestene prioriterer. (Fiktiv person.)",
    ),
    "phd": dict(
        name="Jonas Fjeld",
        job_title="Offentlig sektor-ph.d.-kandidat",
        organisation="Bergen kommune og NORCE",
        bio="Skriver doktorgrad om hjemmetjenester, ansatt i kommunen. (Fiktiv person.)",
    ),
    "jury": dict(
        name="Elin Aasen",
        job_title="Leder av priskomiteen",
        organisation="Helse Bergen",
        bio="Leder komiteen som vurderer nominasjonene til forsknings- og innovasjonsprisen. (Fiktiv person.)",
    ),
    "avslutning": dict(
        name="Kristian Øvrebø",
        job_title="Direktør for helse og omsorg",
        organisation="Bergen kommune",
        bio="Øverste administrative leder for helse og omsorg i motorkommunen. (Fiktiv person.)",
    ),
}

T = datetime.time
P, B, A = Session.Kind.PLENARY, Session.Kind.BREAK, Session.Kind.AWARD
SPEAKER, PANEL, MOD, PRES = (
    SessionSpeaker.Role.SPEAKER,
    SessionSpeaker.Role.PANELLIST,
    SessionSpeaker.Role.MODERATOR,
    SessionSpeaker.Role.PRESENTER,
)

PROGRAMME_2026 = [
    (B, "Registrering og kaffe", T(8, 30), T(9, 0), "", "Hent navneskiltet i foajeen og finn en plass.", []),
    (
        P,
        "Velkommen og politisk åpning",
        T(9, 0),
        T(9, 20),
        "Aulaen",
        "Hvorfor kunnskap må ligge til grunn når kommunen skal velge hva som kommer først.",
        [("byrad", SPEAKER), ("moderator", MOD)],
    ),
    (
        P,
        "Hva prioriterer vi nå? Kloke valg i komplekse tider",
        T(9, 20),
        T(10, 5),
        "Aulaen",
        "Et hovedinnlegg om prioritering i kommunale tjenester: hvilke kriterier finnes, hva sier forskningen, "
        "og hvordan kan ledere og ansatte bruke dem i hverdagen?",
        [("keynote", SPEAKER)],
    ),
    (
        P,
        "Panelsamtale: Hvem bestemmer hva som er viktigst?",
        T(10, 5),
        T(10, 50),
        "Aulaen",
        "Kommune, forskning og brukere i samtale om prioriteringer som merkes hos dem som får tjenestene.",
        [("moderator", MOD), ("kommunalsjef", PANEL), ("keynote", PANEL), ("brukerrep", PANEL)],
    ),
    (B, "Pause", T(10, 50), T(11, 10), "", "", []),
    (
        P,
        "Prosjekter som gjør en forskjell: korte presentasjoner",
        T(11, 10),
        T(12, 0),
        "Aulaen",
        "Fire prosjekter fra partnerkommunene på sju minutter hver: fra kunnskapsbasert praksis i sykehjem til "
        "velferdsteknologi i hjemmetjenesten.",
        [("sykepleier", PRES), ("forsker", PRES), ("phd", PRES)],
    ),
    (
        Session.Kind.POSTER,
        "Lunsj og postere",
        T(12, 0),
        T(13, 0),
        "Foajeen",
        "Se posterne og snakk med forskerne bak dem.",
        [],
    ),
    (
        P,
        "Forskning sammen med kommunen: erfaringer fra en offentlig ph.d.",
        T(13, 0),
        T(13, 30),
        "Aulaen",
        "Hva skjer når en ansatt i kommunen tar doktorgrad om sin egen tjeneste?",
        [("phd", SPEAKER)],
    ),
    (
        P,
        "Samtale: Kunnskapsbasert praksis i hverdagen",
        T(13, 30),
        T(14, 10),
        "Aulaen",
        "Hvordan får vi ny kunnskap inn i rutinene uten å legge mer på de ansatte?",
        [("moderator", MOD), ("sykepleier", PANEL), ("forsker", PANEL)],
    ),
    (B, "Pause", T(14, 10), T(14, 30), "", "", []),
    (
        A,
        "Utdeling av forsknings- og innovasjonsprisen 2026",
        T(14, 30),
        T(15, 0),
        "Aulaen",
        "Priskomiteen presenterer vinneren og begrunnelsen.",
        [("jury", SPEAKER)],
    ),
    (
        P,
        "Avslutning: Veien videre",
        T(15, 0),
        T(15, 30),
        "Aulaen",
        "Hva tar vi med oss hjem, og hva gjør vi sammen fram mot neste konferanse?",
        [("avslutning", SPEAKER)],
    ),
]


Q = Session.Kind.PARALLEL

# (kind, title, start, end, room, places, description, speakers)
PROGRAMME_2028 = [
    (B, "Registrering og kaffe", T(8, 30), T(9, 0), "", None, "", []),
    (
        P,
        "Velkommen og åpning",
        T(9, 0),
        T(9, 45),
        "Aulaen",
        None,
        "Status siden forrige konferanse og planene framover.",
        [("byrad", SPEAKER), ("moderator", MOD)],
    ),
    (B, "Pause", T(9, 45), T(10, 0), "", None, "", []),
    (
        Q,
        "Velferdsteknologi i hjemmetjenesten",
        T(10, 0),
        T(11, 15),
        "Sal A",
        60,
        "Erfaringer fra partnerkommunene med digitalt tilsyn og medisindispensere.",
        [("forsker", SPEAKER)],
    ),
    (
        Q,
        "Kunnskapsbasert praksis i sykehjem",
        T(10, 0),
        T(11, 15),
        "Sal B",
        40,
        "Hvordan får vi forskning inn i rutinene på en travel avdeling?",
        [("sykepleier", SPEAKER)],
    ),
    (
        Q,
        "Verksted: Skriv din første forskningssøknad",
        T(10, 0),
        T(11, 15),
        "Grupperom 1",
        3,
        "Et lite verksted med plass til noen få. Ta med en idé.",
        [("phd", PRES)],
    ),
    (Session.Kind.POSTER, "Lunsj og postere", T(11, 15), T(12, 15), "Foajeen", None, "", []),
    (
        Q,
        "Ledelse i trange tider: case fra kommunene",
        T(12, 15),
        T(13, 30),
        "Sal A",
        60,
        "Ledere forteller hvordan de har valgt når ressursene ikke strekker til.",
        [("kommunalsjef", SPEAKER)],
    ),
    (
        Q,
        "Brukermedvirkning som virker",
        T(12, 15),
        T(13, 30),
        "Sal B",
        40,
        "Hvordan eldrerådet og brukerne kan være med fra starten av et prosjekt.",
        [("brukerrep", SPEAKER)],
    ),
    (
        P,
        "Avslutning",
        T(13, 45),
        T(14, 15),
        "Aulaen",
        None,
        "Oppsummering og veien videre.",
        [("avslutning", SPEAKER)],
    ),
]


def person(key: str) -> Person:
    fields = dict(PEOPLE[key])
    found, _ = Person.objects.get_or_create(name=fields.pop("name"), defaults=fields)
    return found


def load(home, stdout) -> None:
    index = child_by_slug(home, "konferansen")
    _load_2028(child_by_slug(index, "2028") if index else None, stdout)
    edition = child_by_slug(index, "2026") if index else None
    if edition is None or edition.sessions.exists():
        return
    sessions = []
    for kind, title, start, end, room, description, speakers in PROGRAMME_2026:
        session = Session(kind=kind, title=title, start_time=start, end_time=end, room=room, description=description)
        session.speakers = [SessionSpeaker(person=person(key), role=role) for key, role in speakers]
        sessions.append(session)
    edition.sessions = sessions
    edition.save_revision().publish()
    stdout.write(f"Programme for {edition.title}: {len(sessions)} sessions.\n")


def _load_2028(edition, stdout) -> None:
    if edition is None or edition.sessions.exists():
        return
    sessions = []
    for kind, title, start, end, room, places, description, speakers in PROGRAMME_2028:
        session = Session(
            kind=kind,
            title=title,
            start_time=start,
            end_time=end,
            room=room,
            capacity=places,
            description=description,
        )
        session.speakers = [SessionSpeaker(person=person(key), role=role) for key, role in speakers]
        sessions.append(session)
    edition.sessions = sessions
    revision = edition.save_revision()
    if edition.live:
        revision.publish()
    stdout.write(f"Programme for {edition.title}: {len(sessions)} sessions, some of them parallel.\n")
