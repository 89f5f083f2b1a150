import json

from django.core.management.base import BaseCommand

from cms.inquiries import services


class Command(BaseCommand):
    help = "Print (as JSON) everything held about one e-mail address in the research-inquiry portal."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        data = services.export_personal_data(email)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
