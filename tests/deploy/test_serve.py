"""`make serve` in miniature: deploy/serve.sh runs gunicorn, the task worker and the scheduler
with production settings against the test's PostgreSQL database (and Redis when it answers on
127.0.0.1:6379). A page, /healthz and the designed 404 answer with DEBUG off, and the
scheduler's registration tick, run by the worker, sends an e-mail that was waiting."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.core.models import StandardPage
from conference.registration.models import EmailOutbox
from tests.conference.registration.factories import INVOICE, TicketTypeFactory, make_edition, person

from .conftest import free_port, get, production_env, serving, wait_for

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registration(home_page):
    from conference.registration import services

    edition = make_edition(home_page)
    ticket = TicketTypeFactory(edition=edition, name="Faktura", price_ore=150000, allow_invoice=True)
    details = person(0, **INVOICE)
    return services.create_registration(
        edition, ticket_type=ticket, details=details, payment_method="invoice"
    ).registration


def test_serve_runs_the_site_the_worker_and_the_scheduler(home_page, registration, static_root, tmp_path):
    page = StandardPage(title="Om nettverket", slug="om-nettverket", intro="Kommuner og forskere sammen.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    # An e-mail whose delivery task never ran: the periodic tick must pick it up.
    waiting = EmailOutbox.objects.create(
        registration=registration,
        kind=EmailOutbox.Kind.CUSTOM,
        to_email="kari@example.no",
        subject="Velkommen til konferansen",
        body="Vi gleder oss til å se deg.",
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    port = free_port()
    env = production_env(tmp_path, port, STATIC_ROOT=str(static_root))

    with serving(env, tmp_path / "serve.log"):
        status, body = get(port, "/om-nettverket/")
        assert status == 200 and "Kommuner og forskere sammen." in body
        status, body = get(port, "/healthz")
        assert status == 200
        # DEBUG is off: the designed 404 page, not Django's technical one.
        status, body = get(port, "/finnes-ikke/")
        assert status == 404 and "Fant ikke siden" in body and "Traceback" not in body
        # Static files are served (collected, hashed names) by whitenoise.
        assert "/static/css/" in get(port, "/")[1]

        def sent():
            waiting.refresh_from_db()
            return waiting.sent_at

        assert wait_for(sent, timeout=90), (tmp_path / "serve.log").read_text()[-3000:]
        tick = DBTaskResult.objects.filter(task_path="conference.registration.tasks.registration_tick").first()
        assert tick is not None and tick.status == "SUCCESSFUL"
        files = list((tmp_path / "sent-emails").glob("*"))
        assert any("Velkommen til konferansen" in f.read_text() for f in files)
