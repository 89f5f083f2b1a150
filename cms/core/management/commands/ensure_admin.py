"""Make sure a superuser exists for local development and print how to log in; with
``--demo-roles`` also one account per editorial role, so two people can try the approval
workflow (an editor submits, a publisher approves) and an organiser the registration tools.

The people the demo loaders put on the conference's panels (the award jury, the poster
committee) get a login too, but only if they exist: this command lives in ``cms`` and may not
import ``conference``, so it knows them by username (``DEMO_PEOPLE``) and only gives them a known
password; their access comes from the panel groups the demo put them in.

Passwords are made once and kept in files next to ``manage.py`` that git ignores
(``.admin-password``, ``.demo-passwords``), so ``make run`` prints the same logins every time.
The admin's login is printed last, where it is easiest to find."""

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

# Username and role of the people made by the conference demo loaders (award jury:
# conference/award/demo.py; poster committee: conference/review/demo.py). Left out when absent.
DEMO_PEOPLE = [
    ("juryleder", "Prisjury (leder)"),
    ("jurymedlem1", "Prisjury"),
    ("jurymedlem2", "Prisjury"),
    ("jurymedlem3", "Prisjury"),
    ("demo-komite-leder", "Plakatkomité (leder)"),
    ("demo-komite-1", "Plakatkomité"),
    ("demo-komite-2", "Plakatkomité"),
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
            help="Also make the demo role accounts and give the demo jurors and reviewers a login (never in production).",
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
        logins = self.ensure_demo_roles(User) if demo_roles else []
        logins.append((username, password, "superuser"))

        port = os.environ.get("PORT", "8000")
        lines = [f"  Site:  http://127.0.0.1:{port}/", f"  Admin: http://127.0.0.1:{port}/admin/"]
        lines.append(f"  {'Username':<18} {'Password':<20} Role")
        lines += [f"  {name:<18} {secret:<20} {role}" for name, secret, role in logins]
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
        for username, role in DEMO_PEOPLE:
            user = User.objects.filter(username=username).first()
            if user is None:
                continue  # the conference demo was not loaded
            if username not in passwords or not user.check_password(passwords[username]):
                passwords[username] = passwords.get(username) or secrets.token_urlsafe(12)
                user.set_password(passwords[username])
                user.save(update_fields=["password"])
            logins.append((username, passwords[username], role))
        write_private(path, "".join(f"{name} {secret}\n" for name, secret in passwords.items()))
        return logins
