from django.core.management.base import BaseCommand, CommandError

from conference.editions.models import ConferenceEditionPage
from conference.registration.exports import invoice_basis_csv, invoice_basis_xlsx


class Command(BaseCommand):
    help = "Write the invoice basis (invoice registrations to invoice or credit) of an edition as CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--xlsx", metavar="FILE", help="write an Excel file instead of CSV on stdout")

    def handle(self, *args, year, xlsx=None, **options):
        edition = ConferenceEditionPage.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"No edition {year}")
        if xlsx:
            with open(xlsx, "wb") as f:
                f.write(invoice_basis_xlsx(edition))
            self.stdout.write(f"Wrote {xlsx}")
        else:
            self.stdout.write(invoice_basis_csv(edition), ending="")
