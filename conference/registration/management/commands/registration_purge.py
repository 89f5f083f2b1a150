from django.core.management.base import BaseCommand

from conference.registration import services


class Command(BaseCommand):
    help = (
        "Retention: erase dietary/accessibility needs and anonymise cancelled and expired registrations "
        "of editions that ended more than their retention_days ago. Run nightly."
    )

    def handle(self, *args, **options):
        result = services.purge_personal_data()
        self.stdout.write(f"needs erased: {result['erased']}, registrations anonymised: {result['anonymised']}")
