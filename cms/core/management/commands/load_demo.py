import importlib

from django.core.management.base import BaseCommand
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
    "conference.editions.demo",
    "conference.programme.demo",
    "conference.registration.demo",
    "cms.core.demo_finish",
]


class Command(BaseCommand):
    help = "Load the demo content (idempotent: creates only what is missing)."

    def handle(self, *args, **options):
        from cms.core.demo import ensure_home

        with transaction.atomic():
            home = ensure_home()
            for dotted in DEMO_LOADERS:
                try:
                    module = importlib.import_module(dotted)
                except ModuleNotFoundError as error:
                    if error.name == dotted:
                        continue
                    raise
                module.load(home, self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
