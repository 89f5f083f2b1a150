import contextlib
import importlib
import logging

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each module has a ``load(home, stdout)`` function. They run in this order; a module that does
# not exist yet is skipped, so sections can be added one at a time.
DEMO_LOADERS = [
    "cms.core.demo",
    "cms.network.demo",
    "cms.news.demo",
    "cms.plans.demo",
    "cms.governance.demo",
    "cms.events.demo",
    "cms.inquiries.demo",
    "conference.editions.demo",
    "conference.programme.demo",
    "conference.registration.demo",
    "conference.posters.demo",
    "conference.posters.demo_gallery",
    "conference.award.demo",
    # after every feature's demo: fills the panels the features left empty
    "conference.review.demo",
    "cms.core.demo_finish",
]


class Command(BaseCommand):
    help = "Load the demo content (idempotent: creates only what is missing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            metavar="HOST:PORT",
            help="Where the site is served (`make run` passes 127.0.0.1:$PORT), so that feeds, the "
            "sitemap and canonical links point at a working address instead of http://localhost/.",
        )

    def handle(self, *args, verbosity, address=None, **options):
        from cms.core.demo import ensure_home, set_site_address

        if address:
            host, _sep, port = address.rpartition(":")
            if not host or not port.isdigit():
                raise CommandError(f"--address wants HOST:PORT, e.g. 127.0.0.1:8000, not {address!r}.")

        # Publishing hundreds of pages logs an INFO line each (JSON, one per line); in `make run`
        # they buried the admin login. Keep warnings; -v 2 shows everything.
        quiet = quiet_logging() if verbosity < 2 else contextlib.nullcontext()
        with quiet, transaction.atomic():
            home = ensure_home()
            for dotted in DEMO_LOADERS:
                try:
                    module = importlib.import_module(dotted)
                except ModuleNotFoundError as error:
                    if error.name == dotted:
                        continue
                    raise
                module.load(home, self.stdout)
            if address:
                set_site_address(host, int(port))
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Demo content is in place: {summary()}."))


@contextlib.contextmanager
def quiet_logging():
    previous = logging.root.manager.disable
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(previous)


def summary() -> str:
    from wagtail.models import Page

    live = Page.objects.live().filter(depth__gt=1)
    return f"{live.count()} published pages in {live.values('locale').distinct().count()} languages"
