from django.core.management.base import BaseCommand

from conference.award import services


class Command(BaseCommand):
    help = "Publish award results whose ceremony time has come (run every few minutes from cron)."

    def handle(self, *args, **options):
        done = services.publish_due_results()
        self.stdout.write(f"Award results published: {done}")
