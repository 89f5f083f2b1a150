"""Demo content of the foundation: the home page, Om oss, Kontakt, Personvern and the
accessibility statement, in bokmål with English translations of the main pages."""

from wagtail.models import Locale, Page, Site

from cms.core.demo_images import ILLUSTRATIONS, demo_image
from cms.core.demo_utils import ensure_child, ensure_translation, paragraphs
from cms.core.models import SiteSettings, StandardPage
from home.models import HomePage

HOME_INTRO = (
    "Kunnskapskommunen er et samarbeid mellom Bergen, nabokommunene og universiteter, høgskoler "
    "og sykehus i regionen. Sammen skaper vi mer og bedre forskning, innovasjon og utdanning i "
    "de kommunale helse- og omsorgstjenestene – med utgangspunkt i det kommunene trenger å vite."
)


def ensure_root() -> Page:
    """The page tree's root node (and the root collection of images and documents). Wagtail's
    migrations create them, but a database flushed by a transactional test (or emptied by hand)
    has none, so create them when missing. Tests call this too."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection

    # A flush recreates content types with new ids; forget the cached ones.
    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code="nb")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root", slug="root", locale=locale, content_type=ContentType.objects.get_for_model(Page)
            )
        )
    return root


def ensure_home() -> HomePage:
    """The bokmål home page as the default site's root, replacing Wagtail's welcome page."""
    Locale.objects.get_or_create(language_code="nb")
    home = HomePage.objects.filter(depth=2, locale__language_code="nb").first()
    if home is None:
        root = ensure_root()
        welcome = root.get_children().filter(slug="home").exclude(content_type__model="homepage").first()
        if welcome is not None:
            welcome.slug = "wagtail-welcome"
            welcome.save()
        home = HomePage(
            title="Kunnskapskommunen Helse Omsorg Vest",
            slug="home",
            hero_heading="Bedre kunnskap – bedre helse",
            intro=HOME_INTRO,
            banner_image=demo_image("fjord"),
            banner_image_alt=ILLUSTRATIONS["fjord"].alt,
            seo_title="Kunnskapskommunen Helse Omsorg Vest",
            search_description="Forsknings- og innovasjonssamarbeid for helse- og omsorgstjenestene i Bergen og omegn.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Kunnskapskommunen"
            )
        else:
            site.root_page = home
            site.site_name = "Kunnskapskommunen"
            site.save()
        if welcome is not None:
            welcome.delete()
    return home


def set_site_address(hostname: str, port: int) -> None:
    """Point the default site at the address the development server listens on. Wagtail builds
    every absolute link (feeds, sitemap, canonical and hreflang links) from the Site record, and
    ``localhost:80`` is dead while ``make run`` serves on another port. Requests for other host
    names still reach the default site."""
    for site in Site.objects.filter(is_default_site=True):
        site.hostname, site.port = hostname, port
        site.save()  # (not update(): saving clears Wagtail's cached site root paths)


def load(home: HomePage, stdout) -> None:
    about, _ = ensure_child(
        home,
        StandardPage,
        "om-oss",
        title="Om oss",
        show_in_menus=True,
        intro="Kunnskapskommunen Helse Omsorg Vest samler kommuner og kunnskapsmiljøer om forskning "
        "som gjør helse- og omsorgstjenestene bedre.",
        search_description="Hvem vi er, hvordan samarbeidet er organisert og hva vi jobber med.",
        body=[
            ("heading", {"text": "Et samarbeid drevet av kommunenes behov", "level": "h2"}),
            (
                "paragraph",
                paragraphs(
                    "Samarbeidet ble startet av Bergen kommune i 2015. Målet er at forskning, innovasjon "
                    "og utdanning i helse- og omsorgstjenestene skal ta utgangspunkt i spørsmålene "
                    "kommunene selv står overfor.",
                    "Bergen er motorkommune og har et lite sekretariat med rådgivere som driver "
                    "arbeidet i det daglige. Nabokommunene deltar gjennom kommunegruppen, og "
                    "universiteter, høgskoler, forskningsinstitutter og sykehus er faste partnere.",
                ),
            ),
            ("heading", {"text": "Hva vi gjør", "level": "h2"}),
            (
                "accordion",
                {
                    "heading": "",
                    "items": [
                        {
                            "question": "Formidler kontakt mellom forskere og tjenestene",
                            "answer": paragraphs(
                                "Hver kommune har en FoU-kontakt som tar imot og svarer på "
                                "henvendelser fra forskere og studenter."
                            ),
                        },
                        {
                            "question": "Arrangerer Kunnskapskommunekonferansen Vest",
                            "answer": paragraphs(
                                "Konferansen samler ledere, ansatte og forskere hver høst annethvert år, "
                                "og der deles forsknings- og innovasjonsprisen ut."
                            ),
                        },
                        {
                            "question": "Følger opp planen «Bedre kunnskap – bedre helse»",
                            "answer": paragraphs(
                                "Planen for 2022–2027 har seks satsingsområder med nummererte "
                                "tiltak. Vi rapporterer jevnlig om hvordan tiltakene går."
                            ),
                        },
                    ],
                },
            ),
            (
                "quote",
                {
                    "quote": "Når tjenestene sier ja til et prosjekt, dekker det et kunnskapsbehov hos oss.",
                    "attribution": "FoU-kontakt i en medlemskommune",
                },
            ),
        ],
    )
    ensure_child(
        home,
        StandardPage,
        "kontakt",
        title="Kontakt",
        show_in_menus=True,
        intro="Spørsmål om samarbeidet, konferansen eller forskningshenvendelser? Ta kontakt med sekretariatet.",
        body=[
            (
                "contact",
                {
                    "name": "Sekretariatet for Kunnskapskommunen",
                    "role": "Rådgivere",
                    "organisation": "Bergen kommune",
                    "email": "kunnskapskommunen@bergen.kommune.no",
                    "phone": "",
                },
            ),
            (
                "paragraph",
                paragraphs(
                    "Forskere og studenter som ønsker å gjennomføre et prosjekt i en kommune, kan sende en "
                    "forskningshenvendelse. Den går til FoU-kontakten i kommunen du velger."
                ),
            ),
        ],
    )
    privacy, _ = ensure_child(
        home,
        StandardPage,
        "personvern",
        title="Personvern",
        intro="Slik behandler vi personopplysninger på nettstedet og ved påmelding til konferansen.",
        body=[
            ("heading", {"text": "Behandlingsansvarlig", "level": "h2"}),
            (
                "paragraph",
                paragraphs(
                    "Bergen kommune er behandlingsansvarlig for personopplysninger som samles inn "
                    "gjennom dette nettstedet."
                ),
            ),
            ("heading", {"text": "Påmelding til konferansen", "level": "h2"}),
            (
                "paragraph",
                paragraphs(
                    "Når du melder deg på, lagrer vi navn, kontaktopplysninger, arbeidsgiver og "
                    "betalingsinformasjon for å gjennomføre konferansen. Opplysninger om kosthold og "
                    "tilrettelegging lagres bare med ditt uttrykkelige samtykke, vises bare til dem som "
                    "trenger dem, og slettes etter konferansen.",
                    "Du kan be om innsyn i, retting av og sletting av opplysningene dine ved å skrive til "
                    "kunnskapskommunen@bergen.kommune.no.",
                ),
            ),
            ("heading", {"text": "Informasjonskapsler", "level": "h2"}),
            (
                "paragraph",
                paragraphs(
                    "Nettstedet bruker bare nødvendige informasjonskapsler, for eksempel for å huske "
                    "språkvalg og beskytte skjemaer. Vi bruker ikke sporing eller analyseverktøy fra tredjeparter."
                ),
            ),
        ],
    )
    accessibility, _ = ensure_child(
        home,
        StandardPage,
        "tilgjengelighetserklaering",
        title="Tilgjengelighetserklæring",
        intro="Nettstedet skal kunne brukes av alle, og det skal oppfylle kravene i WCAG 2.1 nivå AA.",
        body=[
            (
                "paragraph",
                paragraphs(
                    "Vi bygger sidene med semantisk HTML og komponenter fra Designsystemet, tester med "
                    "tastatur og automatiske verktøy for tilgjengelighet, og retter feil vi finner.",
                    "Finner du noe som ikke fungerer for deg? Skriv til kunnskapskommunen@bergen.kommune.no, "
                    "så svarer vi så raskt vi kan. Du kan også varsle Tilsynet for universell utforming av IKT.",
                ),
            ),
        ],
    )

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if not settings.privacy_page_id:
        settings.privacy_page = privacy
        settings.accessibility_page = accessibility
        settings.postal_address = "Bergen kommune\nPostboks 7700\n5020 Bergen"
        settings.save()

    # English: the home page and the pages a visitor from abroad needs first.
    home_en = ensure_translation(
        home,
        "en",
        title="Knowledge Municipality Health and Care West",
        hero_heading="Better knowledge – better health",
        banner_image_alt=ILLUSTRATIONS["fjord"].alt_en,
        intro="A collaboration between Bergen, its neighbouring municipalities and the region's universities, "
        "colleges and hospitals, for more and better research, innovation and education in municipal "
        "health and care services.",
        seo_title="Knowledge Municipality Health and Care West",
        search_description="Research and innovation collaboration for health and care services in and around Bergen.",
    )
    ensure_translation(
        about,
        "en",
        title="About us",
        slug="about-us",
        intro="Municipalities and research institutions working together on research that improves health and care services.",
        body=[
            (
                "paragraph",
                paragraphs(
                    "Started by Bergen municipality in 2015, the collaboration makes sure that research, innovation and "
                    "education in health and care start from the questions the municipalities themselves face.",
                    "Most of this site is in Norwegian. Contact us in English at kunnskapskommunen@bergen.kommune.no.",
                ),
            )
        ],
    )
    ensure_translation(
        privacy,
        "en",
        title="Privacy",
        slug="privacy",
        intro="How we process personal data on this site and when you register for the conference.",
        body=[
            (
                "paragraph",
                paragraphs(
                    "Bergen municipality is the data controller. Dietary and accessibility needs are stored only with your "
                    "explicit consent and deleted after the conference. Write to kunnskapskommunen@bergen.kommune.no for "
                    "access, correction or erasure."
                ),
            )
        ],
    )
    ensure_translation(
        accessibility,
        "en",
        title="Accessibility statement",
        slug="accessibility",
        intro="This site aims to meet WCAG 2.1 level AA.",
        body=[
            (
                "paragraph",
                paragraphs("Tell us about anything that does not work for you at kunnskapskommunen@bergen.kommune.no."),
            )
        ],
    )
    del home_en
