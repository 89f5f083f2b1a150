from django.core.management.base import BaseCommand

from cms.inquiries.tasks import inquiries_tick


class Command(BaseCommand):
    help = "Send inquiry reminders (and the weekly digest on Mondays)."

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true", help="Send the weekly digest now, whatever the day.")

    def handle(self, *args, digest=False, **options):
        from cms.inquiries import services

        result = inquiries_tick.call()
        if digest:
            result["digests"] = services.send_digests()
        self.stdout.write(str(result))
