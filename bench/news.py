"""Benchmark: the news index, a news item, the RSS feed, the calendar and its iCal feed with
2 000 news items and 100 events, against the same server's trivial ``/healthz``.

Run with ``make bench`` (all modules) or ``python -m bench.news``. Seeding is idempotent: only
missing items are created, so a second run starts measuring at once.
"""

import datetime
import zoneinfo

from bench.server import prepare, run_page_benchmark

NEWS_COUNT = 2000
EVENT_COUNT = 100
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def seed() -> list[tuple[str, str]]:
    """Create the bench content under the demo site and return the (label, path) to measure."""
    from django.db import transaction
    from wagtail.rich_text import RichText

    from cms.core.demo import ensure_home
    from cms.core.demo_utils import ensure_child
    from cms.events.models import EventIndexPage, EventPage
    from cms.news.models import NewsIndexPage, NewsPage, Topic

    home = ensure_home()
    news_index, _ = ensure_child(home, NewsIndexPage, "nyheter", title="Nyheter", show_in_menus=True)
    calendar, _ = ensure_child(home, EventIndexPage, "kalender", title="Kalender", show_in_menus=True)
    topics = [
        Topic.objects.get_or_create(slug=f"bench-tema-{n}", defaults={"name": f"Benk-tema {n}"})[0] for n in range(8)
    ]

    # Treebeard pages cannot be bulk-created (each needs its tree path), so add them one by one,
    # without revisions, in batches of one transaction each.
    existing = NewsPage.objects.child_of(news_index).count()
    first_day = datetime.date(2018, 1, 1)
    for start in range(existing, NEWS_COUNT, 200):
        with transaction.atomic():
            for n in range(start, min(start + 200, NEWS_COUNT)):
                page = NewsPage(
                    title=f"Benknyhet nummer {n}",
                    slug=f"benknyhet-{n}",
                    date=first_day + datetime.timedelta(days=n),
                    lead="En kort ingress som beskriver nyheten i en eller to setninger.",
                    author_name="Sekretariatet",
                    body=[("paragraph", RichText("<p>Brødtekst med litt innhold.</p>" * 3))],
                )
                page.topics = [topics[n % len(topics)], topics[(n * 7) % len(topics)]]
                news_index.add_child(instance=page)
        print(f"  seeded {min(start + 200, NEWS_COUNT)} news items", flush=True)

    existing = EventPage.objects.child_of(calendar).count()
    with transaction.atomic():
        for n in range(existing, EVENT_COUNT):
            start = datetime.datetime(2026, 1, 5, 9, tzinfo=OSLO) + datetime.timedelta(days=3 * n)
            calendar.add_child(
                instance=EventPage(
                    title=f"Benkarrangement {n}",
                    slug=f"benkarrangement-{n}",
                    start=start,
                    end=start + datetime.timedelta(hours=3),
                    location="Alrek helseklynge",
                    lead="Et arrangement.",
                )
            )

    newest = news_index.news().first()
    return [
        ("News index", news_index.url),
        ("News index, topic + year, page 3", f"{news_index.url}?tema=bench-tema-1&aar=2020&page=3"),
        ("News item", newest.url),
        ("News RSS feed", f"{news_index.url}rss/"),
        ("Calendar", calendar.url),
        ("Calendar iCal feed", f"{calendar.url}ical/"),
    ]


def main() -> None:
    prepare()  # migrated database with the demo content, Django set up in this process
    print(f"News bench: seeding {NEWS_COUNT} news items and {EVENT_COUNT} events …", flush=True)
    pages = seed()
    run_page_benchmark(f"News and calendar with {NEWS_COUNT} news items", pages)


if __name__ == "__main__":
    main()
