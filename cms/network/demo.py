"""Demo content of the network: municipalities with dated membership and mergers, partner
institutions, the bodies with members, FoU-contacts and the Nettverket page under Om oss."""

import datetime

from cms.core.demo_images import ILLUSTRATIONS, demo_image
from cms.core.demo_utils import child_by_slug, ensure_child
from cms.core.text import slugify_nb
from cms.network.models import (
    Body,
    FouContact,
    Institution,
    Membership,
    Municipality,
    MunicipalityMembershipPeriod,
    NetworkPage,
    Person,
)

D = datetime.date
AGREEMENT_START = D(2017, 1, 1)
MERGER_DAY = D(2020, 1, 1)

# Municipalities that are members today, with the date they joined.
CURRENT = {
    "Bergen": (D(2015, 1, 1), "4601"),
    "Askøy": (AGREEMENT_START, "4627"),
    "Austrheim": (AGREEMENT_START, "4632"),
    "Masfjorden": (AGREEMENT_START, "4634"),
    "Osterøy": (AGREEMENT_START, "4630"),
    "Vaksdal": (AGREEMENT_START, "4628"),
    "Alver": (MERGER_DAY, "4631"),
    "Bjørnafjorden": (MERGER_DAY, "4624"),
    "Voss herad": (MERGER_DAY, "4621"),
}
# Old municipalities that took part from 2017 until they merged.
MERGED = {
    "Lindås": "Alver",
    "Meland": "Alver",
    "Radøy": "Alver",
    "Os": "Bjørnafjorden",
    "Fusa": "Bjørnafjorden",
    "Voss": "Voss herad",
}

INSTITUTIONS = [
    ("Universitetet i Bergen", "UiB", Institution.Kind.UNIVERSITY, "https://www.uib.no/"),
    ("Høgskulen på Vestlandet", "HVL", Institution.Kind.UNIVERSITY, "https://www.hvl.no/"),
    ("NORCE Norwegian Research Centre", "NORCE", Institution.Kind.RESEARCH, "https://www.norceresearch.no/"),
    ("Helse Bergen", "", Institution.Kind.HOSPITAL, "https://helse-bergen.no/"),
    ("Haraldsplass Diakonale Sykehus", "", Institution.Kind.HOSPITAL, "https://haraldsplass.no/"),
    ("VID vitenskapelige høgskole", "VID", Institution.Kind.UNIVERSITY, "https://www.vid.no/"),
    ("Folkehelseinstituttet", "FHI", Institution.Kind.PUBLIC_BODY, "https://www.fhi.no/"),
]

BODIES = [
    (
        "Styringsgruppen",
        Body.Kind.STEERING_GROUP,
        "Øverste administrative ledere hos partnerne. Gir retning for samarbeidet og møtes to ganger i året.",
    ),
    (
        "Referansegruppen",
        Body.Kind.PROJECT_GROUP,
        "Operativ gruppe som setter samarbeidet ut i livet etter et mandat med åtte punkter.",
    ),
    (
        "Kommunegruppen",
        Body.Kind.MUNICIPALITY_GROUP,
        "Representanter for partnerkommunene. Holder verksteder og informasjonsmøter gjennom året.",
    ),
    ("Faggruppen", Body.Kind.EXPERT_GROUP, "Fagpersoner som gir råd om forskning og kunnskapsbehov i tjenestene."),
]

# (name, title, organisation, municipality, body, role, term start)
PEOPLE = [
    (
        "Ingrid Haukeland",
        "Direktør for helse og omsorg",
        "Bergen kommune",
        "Bergen",
        "Styringsgruppen",
        "chair",
        D(2025, 1, 1),
    ),
    ("Per Arne Brekke", "Kommunalsjef", "Alver kommune", "Alver", "Styringsgruppen", "member", D(2025, 1, 1)),
    ("Solveig Nygård", "Instituttleder", "Universitetet i Bergen", None, "Styringsgruppen", "member", D(2025, 1, 1)),
    ("Magnus Tveit", "Seniorrådgiver", "KS Vestland", None, "Styringsgruppen", "observer", D(2025, 1, 1)),
    ("Hilde Rasmussen", "Rådgiver", "Bergen kommune", "Bergen", "Referansegruppen", "secretary", D(2024, 1, 1)),
    ("Eirik Lunde", "Forsker", "NORCE", None, "Referansegruppen", "member", D(2024, 1, 1)),
    ("Kari Sætre", "Fagsjef", "Askøy kommune", "Askøy", "Kommunegruppen", "member", D(2025, 1, 1)),
    ("Jon Vik", "Helse- og omsorgssjef", "Osterøy kommune", "Osterøy", "Kommunegruppen", "member", D(2025, 1, 1)),
    ("Lise Bakke", "Professor", "Høgskulen på Vestlandet", None, "Faggruppen", "member", D(2024, 6, 1)),
]
# Earlier terms, so the network page for a past date shows other faces.
EARLIER_TERMS = [
    ("Tor Helge Aase", "Kommunaldirektør", "Bergen kommune", "Bergen", "Styringsgruppen", "chair", D(2021, 1, 1)),
    ("Anne Marit Lie", "Rådgiver", "Lindås kommune", "Lindås", "Kommunegruppen", "member", D(2018, 1, 1)),
]

FOU_DEPARTMENTS = [
    "Etat for sykehjem",
    "Etat for hjemmebaserte tjenester",
    "Etat for helsetjenester",
    "Etat for tjenester til mennesker med funksjonsnedsettelse",
    "Etat for psykisk helse og rusarbeid",
    "Etat for barn og familie",
]


def ensure_municipalities() -> dict[str, Municipality]:
    result = {}
    for name, (joined, number) in CURRENT.items():
        # By name, the natural key: databases loaded before slugs were transliterated keep theirs.
        municipality, created = Municipality.objects.get_or_create(
            name=name, defaults={"slug": slugify_nb(name), "number": number}
        )
        if created:
            MunicipalityMembershipPeriod.objects.create(municipality=municipality, start_date=joined)
        result[name] = municipality
    for name, successor in MERGED.items():
        municipality, created = Municipality.objects.get_or_create(
            name=name,
            defaults={"slug": slugify_nb(name), "merged_into": result[successor], "merged_on": MERGER_DAY},
        )
        if created:
            MunicipalityMembershipPeriod.objects.create(
                municipality=municipality,
                start_date=AGREEMENT_START,
                end_date=MERGER_DAY - datetime.timedelta(days=1),
                note="Sammenslått 1. januar 2020",
            )
        result[name] = municipality
    return result


def load(home, stdout) -> None:
    municipalities = ensure_municipalities()
    for name, short, kind, url in INSTITUTIONS:
        Institution.objects.get_or_create(
            name=name, defaults={"short_name": short, "kind": kind, "website": url, "partner_since": D(2015, 1, 1)}
        )
    bodies = {}
    for order, (name, kind, description) in enumerate(BODIES):
        bodies[name], _ = Body.objects.get_or_create(
            name=name,
            defaults={"slug": slugify_nb(name), "kind": kind, "description": description, "sort_order": order},
        )
    for name, title, org, municipality, body, role, start in PEOPLE + EARLIER_TERMS:
        person, _ = Person.objects.get_or_create(
            name=name,
            defaults={
                "job_title": title,
                "organisation": org,
                "municipality": municipalities.get(municipality) if municipality else None,
            },
        )
        Membership.objects.get_or_create(
            person=person, body=bodies[body], term_start=start, defaults={"role": role, "represents": org}
        )
    bergen = municipalities["Bergen"]
    for index, department in enumerate(FOU_DEPARTMENTS, start=1):
        person, _ = Person.objects.get_or_create(
            name=f"FoU-kontakt {index}, Bergen",
            defaults={
                "job_title": "FoU-kontakt",
                "organisation": f"Bergen kommune, {department}",
                "email": f"fou.bergen{index}@example.invalid",
            },
        )
        FouContact.objects.get_or_create(municipality=bergen, department=department, defaults={"person": person})
    # Every member municipality has a contact (invented, clearly demo); some publish their e-mail.
    for name in CURRENT:
        if name == "Bergen":
            continue
        slug = slugify_nb(name)
        person, _ = Person.objects.get_or_create(
            name=f"FoU-kontakt, {name}",
            defaults={
                "job_title": "FoU-kontakt",
                "organisation": f"{name} kommune",
                "email": f"fou.{slug}@example.invalid",
            },
        )
        FouContact.objects.get_or_create(
            municipality=municipalities[name],
            department="",
            defaults={"person": person, "publish_email": name in ("Askøy", "Alver", "Voss herad")},
        )

    about = child_by_slug(home, "om-oss")
    if about is not None:
        ensure_child(
            about,
            NetworkPage,
            "nettverket",
            title="Nettverket",
            intro="Her ser du hvem som sitter i styringsgruppen, referansegruppen, kommunegruppen og "
            "faggruppen, og hvilke kommuner og institusjoner som er med i samarbeidet. Velg en dato "
            "for å se hvordan nettverket så ut tidligere.",
            search_description="Medlemmer i gruppene, medlemskommuner og partnerinstitusjoner.",
            banner_image=demo_image("network"),
            banner_image_alt=ILLUSTRATIONS["network"].alt,
        )
    stdout.write("Network: municipalities, bodies, members and FoU-contacts are in place.")
