from django.core.management.base import BaseCommand

from conference.registration.tasks import registration_tick


class Command(BaseCommand):
    help = (
        "Periodic registration work: expire card holds and waiting-list offers (the seats pass on), "
        "send reminders, retry failed e-mails and refunds. The scheduler (run_scheduler) enqueues it every minute; this runs it now."
    )

    def handle(self, *args, **options):
        result = registration_tick.call()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in result.items()))
