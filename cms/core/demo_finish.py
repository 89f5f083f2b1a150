"""Last demo step, after every section exists: the main menu order, and the links from plan
measures to the news and events that served them (news load before plans, events after)."""

from cms.core.demo_utils import reorder_children

MENU_ORDER = [
    "om-oss",
    "nyheter",
    "planer",
    "styringsdokumenter",
    "kalender",
    "konferansen",
    "kontakt",
    "personvern",
    "tilgjengelighetserklaering",
]

# measure number → slugs of news items and events that served it
MEASURE_LINKS = {
    "6.1.3": ["nasjonale-sentre-for-kommunal-helse-og-omsorgsforskning"],
    "6.2.1": ["fullt-hus-pa-mobiliseringsseminar-i-alrek"],
    "6.2.2": ["programmet-for-konferansen-2026", "takk-for-en-innholdsrik-konferanse"],
    "6.2.3": ["nominer-kandidater-til-forsknings-og-innovasjonsprisen"],
    "6.4.3": ["masterstudenter-og-kommuner-fant-hverandre"],
    "6.5.1": ["ny-ordning-for-fou-kontakter"],
    "6.5.2": ["kommunegruppen-samlet-til-verksted"],
}


def link_measures(home) -> None:
    from cms.plans.models import Measure, MeasureLink, PlanPage

    plan = PlanPage.objects.descendant_of(home).filter(slug="bedre-kunnskap-bedre-helse-2022-2027").first()
    if plan is None:
        return
    pages = {p.slug: p for p in home.get_descendants().filter(depth__gte=home.depth + 2)}
    for number, slugs in MEASURE_LINKS.items():
        measure = Measure.objects.filter(plan=plan, number=number).first()
        if measure is None or measure.links.exists():
            continue
        links = [MeasureLink(page=pages[slug], sort_order=n) for n, slug in enumerate(slugs) if slug in pages]
        if links:
            for link in links:
                measure.links.add(link)
            measure.save()
            measure.save_revision().publish()


def load(home, stdout) -> None:
    reorder_children(home, MENU_ORDER)
    link_measures(home)
