"""The backup drill (deploy/backup.sh → deploy/restore.sh) on a small database: the restored
copy is a new database in which the registrations are intact, the uploaded files are back, and
the site serves from it. Restore refuses to write over a database that has tables."""

import subprocess

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from cms.core.models import StandardPage
from conference.registration import services
from conference.registration.models import Registration
from tests.conference.registration.factories import INVOICE, TicketTypeFactory, make_edition, person

from .conftest import ROOT, database_url, free_port, get, production_env, serving

pytestmark = [pytest.mark.django_db(transaction=True)]


def run(script, env, *args):
    return subprocess.run(
        [str(ROOT / "deploy" / script), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored"
    yield name
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_into_a_new_database(home_page, static_root, tmp_path, restored_name):
    edition = make_edition(home_page, title="Kunnskapskommunekonferansen 2030")
    ticket = TicketTypeFactory(edition=edition, price_ore=150000, allow_invoice=True)
    registrations = [
        services.create_registration(
            edition, ticket_type=ticket, details=person(n, **INVOICE), payment_method="invoice"
        ).registration
        for n in range(3)
    ]
    known = registrations[1]
    page = StandardPage(title="Om nettverket", slug="om-nettverket", intro="Kommuner og forskere sammen.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "fjord.jpg").write_bytes(b"\xff\xd8\xff bilde")
    (tmp_path / "private-media" / "plakater").mkdir(parents=True)
    (tmp_path / "private-media" / "plakater" / "plakat.pdf").write_bytes(b"%PDF-1.4 plakat")

    port = free_port()
    env = production_env(tmp_path, port, STATIC_ROOT=str(static_root))
    backup = run("backup.sh", env, str(tmp_path / "backups"))
    assert backup.returncode == 0, backup.stderr
    backup_dir = backup.stdout.strip().splitlines()[-1]
    assert sorted(p.name for p in (ROOT / backup_dir).iterdir()) == [
        "SHA256SUMS",
        "db.dump",
        "media.tar.gz",
        "private-media.tar.gz",
    ]

    restored = {
        **env,
        "DATABASE_URL": database_url(restored_name),
        "MEDIA_ROOT": str(tmp_path / "restored" / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "restored" / "private-media"),
    }
    result = run("restore.sh", restored, backup_dir)
    assert result.returncode == 0, result.stderr

    with psycopg.connect(database_url(restored_name)) as conn:
        rows = conn.execute(
            "SELECT id, first_name, last_name, email, state FROM registration_registration ORDER BY id"
        ).fetchall()
    assert len(rows) == 3 == Registration.objects.count()
    assert (known.pk, known.first_name, known.last_name, known.email, "confirmed") in rows
    assert (tmp_path / "restored" / "media" / "images" / "fjord.jpg").read_bytes() == b"\xff\xd8\xff bilde"
    assert (tmp_path / "restored" / "private-media" / "plakater" / "plakat.pdf").read_bytes() == b"%PDF-1.4 plakat"

    # The site serves from the restored database.
    with serving(restored, tmp_path / "serve.log"):
        status, body = get(port, "/om-nettverket/")
        assert status == 200 and "Kommuner og forskere sammen." in body
        assert get(port, "/media/images/fjord.jpg")[0] == 200
        # Private files are never under the public media URL.
        assert get(port, "/media/plakater/plakat.pdf")[0] == 404
        # The known registration's manage link still works (same row, same token).
        status, body = get(port, reverse("registration:manage", kwargs={"token": known.manage_token}))
        assert status == 200 and known.email in body

    # Restoring again over the now non-empty database is refused.
    again = run(
        "restore.sh",
        {**restored, "MEDIA_ROOT": str(tmp_path / "m2"), "PRIVATE_MEDIA_ROOT": str(tmp_path / "p2")},
        backup_dir,
    )
    assert again.returncode == 2 and "already has" in again.stderr


def test_restore_refuses_a_damaged_backup(tmp_path):
    backup = tmp_path / "kk-20300101T000000Z"
    backup.mkdir()
    (backup / "db.dump").write_bytes(b"not a dump")
    (backup / "media.tar.gz").write_bytes(b"")
    (backup / "private-media.tar.gz").write_bytes(b"")
    (backup / "SHA256SUMS").write_text("0" * 64 + "  db.dump\n")
    env = production_env(tmp_path, free_port(), DATABASE_URL=database_url("kk_never_created"))
    result = run("restore.sh", env, str(backup))
    assert result.returncode != 0 and "FAILED" in result.stdout + result.stderr
