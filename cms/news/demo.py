"""Demo content of the news section: Nyheter with ten news items in bokmål, their topics and
the approval workflow on the section."""

import datetime

from cms.core.demo_images import ILLUSTRATIONS, demo_image
from cms.core.demo_utils import child_by_slug, ensure_child, paragraphs
from cms.core.workflows import ensure_approval_workflow

from .models import NewsIndexPage, NewsPage, NewsRelatedPage, Topic

TOPICS = [
    ("forskningssamarbeid", "Forskningssamarbeid", "Samarbeid mellom kommuner og forskningsmiljøer."),
    ("utdanning", "Utdanning", "Studenter, praksisplasser og videreutdanning."),
    ("finansiering", "Finansiering", "Utlysninger og midler til forskning og innovasjon."),
    ("konferansen", "Konferansen", "Kunnskapskommunekonferansen Vest og prisen."),
    ("plan-og-styring", "Plan og styring", "Planen «Bedre kunnskap – bedre helse» og arbeidet i gruppene."),
    ("innovasjon", "Innovasjon", "Forskningsbasert innovasjon i tjenestene."),
]

NEWS = [
    {
        "slug": "fullt-hus-pa-mobiliseringsseminar-i-alrek",
        "title": "Fullt hus på mobiliseringsseminar i Alrek",
        "date": datetime.date(2025, 3, 25),
        "lead": "Over hundre ansatte, ledere og forskere møttes i Alrek helseklynge for å finne fram til "
        "prosjekter kommunene trenger.",
        "body": [
            "Mandag 24. mars 2025 fylte mobiliseringsseminaret salen i Alrek helseklynge. Kommunene la "
            "fram spørsmål de står fast i, og forskere fra universitet, høgskoler og sykehus fortalte "
            "hva de kan bidra med.",
            "Målet var å koble folk før de neste utlysningene, slik at søknadene bygger på behov i "
            "tjenestene og ikke bare på ideer fra forskningsmiljøene.",
        ],
        "topics": ["forskningssamarbeid", "finansiering"],
    },
    {
        "slug": "statusmelding-for-planen-er-klar",
        "title": "Statusmeldingen for planen er klar",
        "date": datetime.date(2025, 6, 20),
        "lead": "Halvveis i planperioden viser statusmeldingen at de fleste tiltakene i «Bedre kunnskap – "
        "bedre helse» er i gang.",
        "body": [
            "Bystyret ba om en statusmelding midtveis i planperioden 2022–2027. Meldingen går gjennom "
            "alle de seks satsingsområdene og hvert av tiltakene under dem.",
            "Offentlig ph.d., FoU-kontaktordningen og konferansen er godt etablert. Tilgang til "
            "tjenestedata for forskning og kompetanse på personvern trenger mer arbeid de neste årene.",
        ],
        "topics": ["plan-og-styring"],
    },
    {
        "slug": "masterstudenter-og-kommuner-fant-hverandre",
        "title": "Masterstudenter og kommuner fant hverandre",
        "date": datetime.date(2025, 9, 10),
        "lead": "På årets matchmaking møtte masterstudenter representanter fra tjenestene for å finne "
        "oppgaver med nytte for kommunene.",
        "body": [
            "Studentene gikk fra bord til bord og snakket med ledere og fagfolk fra hjemmetjenester, "
            "sykehjem og helsestasjoner. Flere avtalte oppfølgingsmøter på stedet.",
            "Masteroppgaver er en stor del av henvendelsene vi får. Når tema og problemstilling "
            "avklares tidlig, blir det lettere for tjenestene å si ja.",
        ],
        "topics": ["utdanning", "forskningssamarbeid"],
    },
    {
        "slug": "nasjonale-sentre-for-kommunal-helse-og-omsorgsforskning",
        "title": "Forskningsrådet planlegger nasjonale sentre for kommunal helse- og omsorgsforskning",
        "date": datetime.date(2025, 11, 5),
        "lead": "Utlysningen er ventet i 2027. Hvert senter kan få 93 millioner kroner over seks til åtte år.",
        "body": [
            "Forskningsrådet vil opprette nasjonale forsknings- og innovasjonssentre for de kommunale "
            "helse- og omsorgstjenestene. Hver søknad må ha med minst ti kommuner.",
            "Kunnskapskommunen er godt posisjonert med et etablert samarbeid mellom mange kommuner og "
            "kunnskapsmiljøer. Vi starter forberedelsene nå og inviterer til søknadsseminar.",
        ],
        "topics": ["finansiering"],
        "related": ["fullt-hus-pa-mobiliseringsseminar-i-alrek"],
    },
    {
        "slug": "ny-ordning-for-fou-kontakter",
        "title": "Ny ordning for FoU-kontakter i Bergen",
        "date": datetime.date(2026, 1, 15),
        "lead": "Hver etat i Bergen har nå sin egen FoU-kontakt, og kontaktene møtes hver måned.",
        "body": [
            "Forskere og studenter som sender en henvendelse, får svar fra den etaten prosjektet "
            "gjelder. De seks FoU-kontaktene samordner seg på et månedlig møte.",
            "Ordningen følger opp tiltak 6.5.1 i planen om å videreutvikle FoU-kontaktene. "
            "Nabokommunene har fortsatt én kontaktperson hver.",
        ],
        "topics": ["forskningssamarbeid", "plan-og-styring"],
    },
    {
        "slug": "rundt-140-forskningshenvendelser-i-2025",
        "title": "Rundt 140 forskningshenvendelser i 2025",
        "date": datetime.date(2026, 2, 10),
        "lead": "Kommunene sa ja til mellom 60 og 70 prosent av henvendelsene fra forskere og studenter.",
        "body": [
            "Henvendelsene kom fra forskere, ph.d.-kandidater og masterstudenter. De fleste gjaldt "
            "sykehjem, hjemmetjenester og helsefremmende arbeid.",
            "Når tjenestene sier ja, betyr det at prosjektet svarer på et kunnskapsbehov. Husk å ha "
            "personvernvurderingen i orden før du sender inn.",
        ],
        "topics": ["forskningssamarbeid"],
    },
    {
        "slug": "nominer-kandidater-til-forsknings-og-innovasjonsprisen",
        "title": "Nominer kandidater til forsknings- og innovasjonsprisen",
        "date": datetime.date(2026, 4, 1),
        "lead": "Kjenner du en forsker eller et fagmiljø som har gjort tjenestene bedre? Nå kan du nominere.",
        "body": [
            "Prisen går til en person eller et miljø som har utviklet et forskningsfelt eller en ny "
            "eller bedre kommunal tjeneste. Ansatte i alle partnerorganisasjonene kan nominere.",
            "En komité med representanter fra partnerne vurderer kandidatene, og prisen deles ut på "
            "konferansen i september.",
        ],
        "topics": ["konferansen", "innovasjon"],
    },
    {
        "slug": "programmet-for-konferansen-2026",
        "title": "Programmet for konferansen 2026 er klart",
        "date": datetime.date(2026, 5, 5),
        "lead": "«Hva prioriterer vi nå? – Kloke valg i komplekse tider» er temaet når vi samles i "
        "Universitetsaulaen 4. september.",
        "body": [
            "Dagen starter med politisk åpning og hovedinnlegg, før en panelsamtale om prioriteringer "
            "i tjenestene. Etter lunsj presenterer prosjekter fra kommunene seg i korte innlegg.",
            "Forskere er invitert til å vise fram prosjektene sine på postere, og dagen avsluttes med "
            "utdelingen av forsknings- og innovasjonsprisen.",
        ],
        "topics": ["konferansen"],
        "related_section": "konferansen",
    },
    {
        "slug": "takk-for-en-innholdsrik-konferanse",
        "title": "Takk for en innholdsrik konferanse",
        "date": datetime.date(2026, 9, 7),
        "lead": "Universitetsaulaen var full da Kunnskapskommunekonferansen Vest ble arrangert for sjette gang.",
        "body": [
            "Deltakerne fikk høre om prioriteringer i en tid med flere eldre og færre hender, og om "
            "prosjekter som allerede har endret praksis i kommunene.",
            "Presentasjoner og postere legges ut i konferansearkivet så snart vi har fått dem.",
        ],
        "topics": ["konferansen"],
        "related": ["programmet-for-konferansen-2026"],
    },
    {
        "slug": "kommunegruppen-samlet-til-verksted",
        "title": "Kommunegruppen samlet til verksted",
        "date": datetime.date(2026, 10, 20),
        "lead": "Representantene fra partnerkommunene jobbet med hvilke behov som skal prege søknaden "
        "om et nasjonalt senter.",
        "body": [
            "Verkstedet samlet representanter fra Alver, Askøy, Bergen, Bjørnafjorden, Osterøy og Voss. "
            "Gruppene prioriterte temaer og pekte på fagfolk som bør være med videre.",
            "Referatet med oppfølgingspunkter publiseres under styringsdokumenter.",
        ],
        "topics": ["plan-og-styring", "finansiering"],
        "related": ["nasjonale-sentre-for-kommunal-helse-og-omsorgsforskning"],
    },
]


# The illustration of each news item (cms.core.demo_images); its description is the alt text.
NEWS_IMAGES = {
    "fullt-hus-pa-mobiliseringsseminar-i-alrek": "auditorium",
    "statusmelding-for-planen-er-klar": "fjord",
    "masterstudenter-og-kommuner-fant-hverandre": "posters",
    "nasjonale-sentre-for-kommunal-helse-og-omsorgsforskning": "network",
    "ny-ordning-for-fou-kontakter": "meeting",
    "rundt-140-forskningshenvendelser-i-2025": "bryggen",
    "programmet-for-konferansen-2026": "posters",
    "takk-for-en-innholdsrik-konferanse": "auditorium",
    "kommunegruppen-samlet-til-verksted": "meeting",
}


def load(home, stdout) -> None:
    index, _ = ensure_child(
        home,
        NewsIndexPage,
        "nyheter",
        title="Nyheter",
        show_in_menus=True,
        intro="Nytt fra samarbeidet: seminarer, utlysninger, konferansen og arbeidet med planen.",
        search_description="Nyheter fra Kunnskapskommunen Helse Omsorg Vest.",
    )
    topics = {}
    for slug, name, description in TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})

    created_pages = {}
    for item in NEWS:
        if child_by_slug(index, item["slug"]) is not None:
            continue
        illustration = NEWS_IMAGES.get(item["slug"])
        page = NewsPage(
            title=item["title"],
            slug=item["slug"],
            date=item["date"],
            lead=item["lead"],
            body=[("paragraph", paragraphs(*item["body"]))],
            author_name="Sekretariatet",
            lead_image=demo_image(illustration) if illustration else None,
            lead_image_alt=ILLUSTRATIONS[illustration].alt if illustration else "",
        )
        page.topics = [topics[slug] for slug in item["topics"]]
        for slug in item.get("related", []):
            target = child_by_slug(index, slug)
            if target is not None:
                page.related_pages.add(NewsRelatedPage(related_page=target))
        if item.get("related_section"):
            target = child_by_slug(home, item["related_section"])
            if target is not None:
                page.related_pages.add(NewsRelatedPage(related_page=target))
        index.add_child(instance=page)
        page.save_revision().publish()
        created_pages[item["slug"]] = page

    ensure_approval_workflow(index)
    if created_pages:
        stdout.write(f"News: {len(created_pages)} news items created.")
