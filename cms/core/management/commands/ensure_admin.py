import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Make sure a superuser exists for local development and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        password_file = Path(settings.BASE_DIR) / ".admin-password"
        user = User.objects.filter(username=username).first()
        if user is None:
            password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
            User.objects.create_superuser(
                username=username,
                email="admin@example.invalid",
                password=password,
                first_name="Admin",
                last_name="Lokal",
            )
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        elif password_file.exists():
            password = password_file.read_text().strip()
        else:
            password = "(unchanged; set ADMIN_PASSWORD and delete the user to reset)"
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Admin: http://127.0.0.1:{port}/admin/\n  Username: {username}\n  Password: {password}\n"
            )
        )
