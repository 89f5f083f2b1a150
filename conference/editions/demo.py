"""Demo content: the conference section with the 2026 edition, archive entries for 2019–2024 and
a planned edition in 2028 (the award winners are in ``conference.award.demo``)."""

import datetime

from django.utils import timezone

from cms.core.demo_images import ILLUSTRATIONS, demo_image
from cms.core.demo_utils import ensure_child
from conference.editions.models import ConferenceEditionPage, ConferenceIndexPage


def aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


# Banner illustrations of the editions (cms.core.demo_images); their descriptions are the alt texts.
EDITION_BANNERS = {"2022": "bryggen", "2024": "meeting", "2026": "posters", "2028": "auditorium"}


def load(home, stdout) -> None:
    index, _ = ensure_child(
        home,
        ConferenceIndexPage,
        "konferansen",
        title="Konferansen",
        show_in_menus=True,
        intro="Kunnskapskommunekonferansen Vest er nettverkets store møteplass: en dag med forskning, "
        "innovasjon og erfaringer fra helse- og omsorgstjenestene i kommunene.",
    )
    editions = [
        dict(
            slug="2019",
            year=2019,
            title="Kunnskapskommunekonferansen 2019",
            start_date=datetime.date(2019, 6, 12),
            venue_name="",
            status=ConferenceEditionPage.Status.HELD,
            intro="Konferansen i 2019 samlet nettverket for siste gang før pandemien.",
        ),
        dict(
            slug="2020",
            year=2020,
            title="Kunnskapskommunekonferansen 2020",
            start_date=datetime.date(2020, 6, 15),
            venue_name="",
            status=ConferenceEditionPage.Status.CANCELLED,
            intro="Konferansen i 2020 ble avlyst på grunn av pandemien. Forsknings- og innovasjonsprisen ble "
            "likevel delt ut, digitalt, 13. oktober 2020.",
        ),
        dict(
            slug="2022",
            year=2022,
            title="Kunnskapskommunekonferansen 2022",
            theme="Tilbake etter tre års pause",
            start_date=datetime.date(2022, 6, 20),
            start_time=datetime.time(9, 0),
            end_time=datetime.time(15, 30),
            venue_name="Universitetsaulaen",
            venue_address="Muséplass 3, 5007 Bergen",
            status=ConferenceEditionPage.Status.HELD,
            capacity=200,
            intro="Rundt 200 deltakere møttes i Universitetsaulaen da konferansen kom tilbake etter pandemien.",
        ),
        dict(
            slug="2024",
            year=2024,
            title="Kunnskapskommunekonferansen 2024",
            start_date=datetime.date(2024, 9, 5),
            venue_name="Universitetsaulaen",
            venue_address="Muséplass 3, 5007 Bergen",
            status=ConferenceEditionPage.Status.HELD,
            intro="Konferansen i 2024 samlet kommuner og forskere om kunnskap for helse- og omsorgstjenestene.",
        ),
        dict(
            slug="2026",
            year=2026,
            title="Kunnskapskommunekonferansen Vest 2026",
            theme="Hva prioriterer vi nå? – Kloke valg i komplekse tider",
            start_date=datetime.date(2026, 9, 4),
            venue_name="Universitetsaulaen",
            venue_address="Muséplass 3, 5007 Bergen",
            map_url="https://www.openstreetmap.org/search?query=Universitetsaulaen%20Bergen",
            status=ConferenceEditionPage.Status.HELD,
            capacity=250,
            intro="Hvordan gjør vi kloke prioriteringer når behovene vokser raskere enn ressursene? "
            "Konferansen 2026 løftet fram forskning og erfaringer som hjelper kommunene å velge.",
        ),
        dict(
            slug="2028",
            year=2028,
            title="Kunnskapskommunekonferansen Vest 2028",
            theme="",
            start_date=datetime.date(2028, 9, 7),
            venue_name="Universitetsaulaen",
            venue_address="Muséplass 3, 5007 Bergen",
            status=ConferenceEditionPage.Status.PLANNED,
            capacity=250,
            registration_opens=aware(2026, 11, 1, 9, 0),
            registration_closes=aware(2028, 8, 25, 23, 59),
            intro="Påmeldingen er åpen: meld deg på innen 25. august 2028.",
        ),
    ]
    for fields in editions:
        slug = fields.pop("slug")
        illustration = EDITION_BANNERS.get(slug)
        if illustration:
            fields.update(banner_image=demo_image(illustration), banner_image_alt=ILLUSTRATIONS[illustration].alt)
        ensure_child(index, ConferenceEditionPage, slug, **fields)
