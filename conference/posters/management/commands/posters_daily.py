from django.core.management.base import BaseCommand

from conference.posters.tasks import remind_presenters


class Command(BaseCommand):
    help = (
        "Daily poster work: remind the presenting authors of accepted posters to register for the "
        "conference when the call requires it (at most once a week each). Run once a day from cron."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"register reminders: {remind_presenters.call()}")
