"""Make sure a superuser exists for local development and print how to log in; with
``--demo-roles`` also one account per editorial role, so two people can try the approval
workflow (an editor submits, a publisher approves) and an organiser the registration tools.

Passwords are made once and kept in files next to ``manage.py`` that git ignores
(``.admin-password``, ``.demo-passwords``), so ``make run`` prints the same logins every time."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

# Username, group (made by the migrations), first and last name.
DEMO_ROLES = [
    ("redaktor", "Redaktør", "Rita", "Redaktør"),
    ("publisist", "Publisist", "Per", "Publisist"),
    ("arrangor", "Arrangør", "Anne", "Arrangør"),
    # Research inquiries: two FoU-contacts (linked to their contact by the inquiries demo) and an adviser.
    ("fou-bergen", "FoU-kontakter", "Frida", "Demo-Bergen"),
    ("fou-askoy", "FoU-kontakter", "Frode", "Demo-Askøy"),
    ("radgiver", "Rådgivere for forskningshenvendelser", "Randi", "Rådgiver"),
]


def read_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)
    return dict(pairs)


def write_private(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o600)


class Command(BaseCommand):
    help = "Make sure a superuser (and, with --demo-roles, the demo role accounts) exist and print the logins."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--demo-roles",
            action="store_true",
            help="Also make the accounts redaktor, publisist and arrangor (never in production).",
        )

    def handle(self, *args, username, demo_roles, **options):
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
            write_private(password_file, password + "\n")
        elif password_file.exists():
            password = password_file.read_text().strip()
        else:
            password = "(unchanged; set ADMIN_PASSWORD and delete the user to reset)"
        logins = [(username, password, "superuser")]
        if demo_roles:
            logins += self.ensure_demo_roles(User)

        port = os.environ.get("PORT", "8000")
        lines = [f"  Site:  http://127.0.0.1:{port}/", f"  Admin: http://127.0.0.1:{port}/admin/"]
        lines.append(f"  {'Username':<10} {'Password':<20} Role")
        lines += [f"  {name:<10} {secret:<20} {role}" for name, secret, role in logins]
        self.stdout.write(self.style.SUCCESS("\n" + "\n".join(lines) + "\n"))

    def ensure_demo_roles(self, User) -> list[tuple[str, str, str]]:
        path = Path(settings.BASE_DIR) / ".demo-passwords"
        passwords = read_passwords(path)
        logins = []
        for username, group_name, first_name, last_name in DEMO_ROLES:
            user = User.objects.filter(username=username).first()
            if user is None or username not in passwords:
                passwords[username] = secrets.token_urlsafe(12)
                if user is None:
                    user = User(username=username, email=f"{username}@example.invalid")
                user.first_name, user.last_name = first_name, last_name
                user.is_staff = user.is_superuser = False
                user.set_password(passwords[username])
                user.save()
            group = Group.objects.filter(name=group_name).first()
            if group is not None:
                user.groups.add(group)
            logins.append((username, passwords[username], group_name))
        write_private(path, "".join(f"{name} {secret}\n" for name, secret in passwords.items()))
        return logins
