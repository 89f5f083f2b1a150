"""Demo content: the 2028 poster call (open until 15 May 2028 23.59) with a dozen submissions in
different states, by authors from the network's institutions and municipalities. Written through
``services`` like any real submission, and idempotent: a call that has submissions is left alone."""

import datetime

from django.utils import timezone

from cms.core.demo_utils import ensure_child, paragraphs
from cms.network.models import Institution, Municipality
from conference.editions.models import ConferenceEditionPage

from . import services
from .models import PosterCallPage, PosterTopic
from .services import AuthorDetails

TOPICS = [
    "Kunnskapsbasert praksis",
    "Kunnskapsbasert innovasjon og velferdsteknologi",
    "Kommunen som forskningspartner",
    "Utdanning og kompetanse",
]

# title, contact, topic index, authors [(name, affiliation, presents)], municipalities, state, consent
SUBMISSIONS = [
    (
        "Trygg heim etter sjukehusopphald",
        ("Ingrid Haugland", "ingrid.haugland@example.no"),
        0,
        [("Ingrid Haugland", "Bergen", True), ("Per Olav Moe", "Høgskulen på Vestlandet", False)],
        ["Bergen", "Askøy"],
        "submitted",
        True,
    ),
    (
        "Digitalt tilsyn om natta i heimetenesta",
        ("Sondre Vik", "sondre.vik@example.no"),
        1,
        [("Sondre Vik", "Alver", True), ("Hanne Lie", "NORCE Norwegian Research Centre", False)],
        ["Alver"],
        "submitted",
        True,
    ),
    (
        "Når pårørende blir medforskere",
        ("Marte Solheim", "marte.solheim@example.no"),
        2,
        [("Marte Solheim", "Universitetet i Bergen", True), ("Kjersti Aase", "Osterøy", False)],
        ["Osterøy"],
        "submitted",
        True,
    ),
    (
        "Praksisnære masteroppgaver i sykehjem",
        ("Eirik Nygård", "eirik.nygard@example.no"),
        3,
        [("Eirik Nygård", "VID vitenskapelige høgskole", True), ("Aud Berge", "Bergen", False)],
        ["Bergen"],
        "submitted",
        False,
    ),
    (
        "Fallforebygging med trening i grupper",
        ("Liv Tveit", "liv.tveit@example.no"),
        0,
        [
            ("Liv Tveit", "Bjørnafjorden", True),
            ("Jon Aksnes", "Høgskulen på Vestlandet", False),
            ("Randi Hope", "Helse Bergen", False),
        ],
        ["Bjørnafjorden"],
        "submitted",
        True,
    ),
    (
        "Ernæringskartlegging i heimesjukepleia",
        ("Gunnhild Dale", "gunnhild.dale@example.no"),
        0,
        [("Gunnhild Dale", "Vaksdal", True), ("Tor Helland", "Haraldsplass Diakonale Sykehus", False)],
        ["Vaksdal"],
        "submitted",
        True,
    ),
    (
        "Velferdsteknologi i små kommuner – hva skal til?",
        ("Arne Fosse", "arne.fosse@example.no"),
        1,
        [("Arne Fosse", "Austrheim", True), ("Sigrid Mæland", "Masfjorden", False)],
        ["Austrheim", "Masfjorden"],
        "submitted",
        True,
    ),
    (
        "Ungdom og psykisk helse: lavterskeltilbud i skolen",
        ("Nora Kleppe", "nora.kleppe@example.no"),
        2,
        [("Nora Kleppe", "Voss herad", True), ("Mats Eide", "Folkehelseinstituttet", False)],
        ["Voss herad"],
        "submitted",
        False,
    ),
    (
        "Legemiddelgjennomgang i korttidsavdelinger",
        ("Kari Brekke", "kari.brekke@example.no"),
        0,
        [("Kari Brekke", "Bergen", True)],
        ["Bergen"],
        "draft",
        False,
    ),
    (
        "Simulering i opplæring av nyansatte",
        ("Ole Rød", "ole.rod@example.no"),
        3,
        [("Ole Rød", "Høgskulen på Vestlandet", False)],
        [],
        "draft",
        False,
    ),
    (
        "Frivillige som kontaktpersoner for eldre",
        ("Anne Sæle", "anne.saele@example.no"),
        2,
        [("Anne Sæle", "Askøy", True), ("Frivilligsentralen Askøy", "Frivilligsentralen Askøy", False)],
        ["Askøy"],
        "withdrawn",
        True,
    ),
    (
        "Kartlegging av språkbehov hos ansatte",
        ("Hilde Ness", "hilde.ness@example.no"),
        3,
        [("Hilde Ness", "Osterøy", True)],
        ["Osterøy"],
        "withdrawn",
        False,
    ),
]

ABSTRACT = {
    "background": "Kommunene ba om mer kunnskap om {title_lower}. Erfaringene fra tjenestene var mange, men lite "
    "systematisert.",
    "method": "Vi gjennomførte intervjuer og en kartlegging i samarbeid med ansatte, brukere og pårørende, og "
    "fulgte tiltaket over ett år.",
    "results": "Foreløpige funn viser at tiltaket er gjennomførbart og godt mottatt. Analysene av de siste "
    "dataene pågår.",
    "relevance": "Resultatene kan tas i bruk i andre kommuner i nettverket, og vi deler verktøy og erfaringer "
    "på konferansen.",
}


def _aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def _author(name, affiliation, presents, institutions, municipalities):
    return AuthorDetails(
        name=name,
        institution=institutions.get(affiliation),
        municipality=municipalities.get(affiliation),
        affiliation_other="" if affiliation in institutions or affiliation in municipalities else affiliation,
        is_presenting=presents,
    )


def load_2028_call():
    edition = ConferenceEditionPage.objects.filter(year=2028, locale__language_code="nb").first()
    if edition is None:
        return None
    call, created = ensure_child(
        edition,
        PosterCallPage,
        "plakater",
        title="Plakater 2028",
        intro="Har du et prosjekt i de kommunale helse- og omsorgstjenestene? Vis det fram som plakat på "
        "Kunnskapskommunekonferansen Vest 2028.",
        body=[
            (
                "paragraph",
                paragraphs(
                    "Vi inviterer forskere, ansatte i kommunene og studenter til å presentere pågående og "
                    "avsluttede prosjekter. Plakatene henger i Universitetsaulaen hele dagen, og i lunsjen "
                    "står forfatterne ved plakaten sin og svarer på spørsmål.",
                    "Plakatkomiteen vurderer sammendragene etter fristen, og alle får svar innen midten av juni.",
                ),
            )
        ],
        opens_at=_aware(2026, 11, 1, 9, 0),
        closes_at=_aware(2028, 5, 15, 23, 59),
        final_upload_closes_at=_aware(2028, 8, 15, 23, 59),
        abstract_word_limit=250,
        poster_format="A0, stående",
        presenter_must_register=True,
    )
    if not call.topics.exists():
        call.topics = [PosterTopic(name=name, sort_order=i) for i, name in enumerate(TOPICS)]
        call.save_revision().publish()
        call = PosterCallPage.objects.get(pk=call.pk)
    if call.submissions.exists():
        return call
    topics = list(call.topics.all())
    institutions = {i.name: i for i in Institution.objects.all()}
    municipalities = {m.name: m for m in Municipality.objects.filter(merged_into__isnull=True)}
    moment = call.opens_at + datetime.timedelta(days=20)
    for title, (contact_name, contact_email), topic, authors, towns, state, consent in SUBMISSIONS:
        moment += datetime.timedelta(days=9, hours=3)
        draft = state == "draft"
        details = {
            "contact_name": contact_name,
            "contact_email": contact_email,
            "title": title,
            "topic": topics[topic],
            "consent_to_publish": consent,
            **{key: text.format(title_lower=title[0].lower() + title[1:]) for key, text in ABSTRACT.items()},
        }
        if draft:
            details["results"] = ""
        submission = services.save_submission(
            call,
            details,
            [_author(*a, institutions, municipalities) for a in authors],
            municipalities=[municipalities[t] for t in towns if t in municipalities],
            submit=not draft,
            now=moment,
        )
        if state == "withdrawn":
            services.withdraw(submission, now=moment + datetime.timedelta(days=2))
    return call


def load(home, stdout) -> None:
    load_2028_call()
