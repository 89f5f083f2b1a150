"""Registration burst under gunicorn: many people register at once (mixed invoice and card,
card through a local fake Stripe) for an edition with few seats. Prints throughput and
latency next to /healthz under the same load, and checks the invariants afterwards:
exactly ``seats`` held or confirmed, the rest on the waiting list, no server errors, no
duplicate e-mails.

    BENCH_REG_PEOPLE=600 BENCH_REG_SEATS=400 BENCH_REG_CONCURRENCY=40 python -m bench bench.registration

``BENCH_REG_WORKER=1`` also runs the task worker (``manage.py db_worker``, as ``make serve``
and production do) during the burst, so confirmation e-mails (with their PDF tickets) are
rendered while people register; ``BENCH_REG_WORKER_NICE`` (default 10, as in
deploy/serve.sh and kk-worker.service) is its scheduling priority.
"""

import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

from bench.server import BASE_DIR, GunicornServer, prepare, print_table

YEAR = 2099
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def seed(seats: int):
    """A bench edition with an invoice and a card ticket; earlier bench registrations removed."""
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from conference.editions.models import ConferenceEditionPage, ConferenceIndexPage
    from conference.payments.models import Payment
    from conference.registration.models import Registration, RegistrationSettings, TicketType

    index = ConferenceIndexPage.objects.first()
    edition = ConferenceEditionPage.objects.filter(year=YEAR).first()
    now = timezone.now()
    if edition is None:
        edition = ConferenceEditionPage(
            title=f"Benchmark {YEAR}",
            slug=f"bench-{YEAR}",
            year=YEAR,
            start_date=datetime.date(YEAR, 9, 1),
            status=ConferenceEditionPage.Status.OPEN,
        )
        index.add_child(instance=edition)
    edition.capacity = seats
    edition.status = ConferenceEditionPage.Status.OPEN
    edition.registration_opens = now - datetime.timedelta(days=1)
    edition.registration_closes = now + datetime.timedelta(days=30)
    edition.save_revision().publish()
    Payment.objects.filter(registration__edition=edition).delete()
    Registration.objects.filter(edition=edition).delete()
    # The bench database's own task queue: a backlog from an earlier run must not be what the
    # worker is busy with during this burst (BENCH_REG_WORKER=1).
    DBTaskResult.objects.all().delete()
    RegistrationSettings.objects.get_or_create(edition=edition)
    invoice, _ = TicketType.objects.get_or_create(
        edition=edition, name="Faktura", defaults={"price_ore": 150000, "allow_invoice": True}
    )
    card, _ = TicketType.objects.get_or_create(
        edition=edition, name="Kort", defaults={"price_ore": 150000, "allow_card": True}
    )
    return edition, invoice, card


def register_once(base: str, n: int, invoice_pk: int, card_pk: int) -> tuple[int, float, str]:
    """GET the form (CSRF cookie and tokens), then POST one registration. Returns the POST's
    status, its latency and where it redirected."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    path = f"/pamelding/{YEAR}/"
    conn.request("GET", path, headers={"Host": parts.netloc})
    response = conn.getresponse()
    html = response.read().decode()
    cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    csrf = CSRF_INPUT.search(html).group(1)
    form_token = FORM_TOKEN.search(html).group(1)
    card = n % 2 == 1
    data = {
        "csrfmiddlewaretoken": csrf,
        "form_token": form_token,
        "first_name": "Bench",
        "last_name": f"Person {n}",
        "email": f"bench{n}@example.no",
        "email_confirm": f"bench{n}@example.no",
        "phone": "912 34 567",
        "organisation": "Bergen kommune",
        "municipality_other": "Vestland",
        "job_title": "Rådgiver",
        "ticket_type": str(card_pk if card else invoice_pk),
        "privacy_accepted": "on",
        "payment_method": "card" if card else "invoice",
    }
    if not card:
        data.update(
            invoice_org_number="964338531",
            invoice_organisation="Bergen kommune",
            invoice_delivery="ehf",
            invoice_contact="Ola Regnskap",
        )
    body = urllib.parse.urlencode(data).encode()
    began = time.monotonic()
    conn.request(
        "POST",
        path,
        body=body,
        headers={
            "Host": parts.netloc,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(cookies),
        },
    )
    response = conn.getresponse()
    response.read()
    elapsed = time.monotonic() - began
    conn.close()
    return response.status, elapsed, response.headers.get("Location", "")


def _pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else float("nan")


def burst(base: str, people: int, concurrency: int, invoice_pk: int, card_pk: int) -> dict:
    lock = threading.Lock()
    next_n = iter(range(people))
    results: list[tuple[int, float, str]] = []
    failures: list[str] = []

    def worker():
        while True:
            with lock:
                n = next(next_n, None)
            if n is None:
                return
            try:
                outcome = register_once(base, n, invoice_pk, card_pk)
            except Exception as exc:  # noqa: BLE001 - counted as an error and reported
                with lock:
                    failures.append(repr(exc))
                continue
            with lock:
                results.append(outcome)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    # /healthz probed from two extra clients for as long as the burst runs (same load).
    health_latencies: list[float] = []
    done = threading.Event()

    def health_probe():
        parts = urllib.parse.urlsplit(base)
        while not done.is_set():
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            began = time.monotonic()
            try:
                conn.request("GET", "/healthz", headers={"Host": parts.netloc})
                conn.getresponse().read()
            except OSError:
                continue
            finally:
                conn.close()
            with lock:
                health_latencies.append(time.monotonic() - began)

    probes = [threading.Thread(target=health_probe, daemon=True) for _ in range(2)]
    for probe in probes:
        probe.start()
    for thread in threads:
        thread.join()
    done.set()
    for probe in probes:
        probe.join()
    health_latencies.sort()
    health = {
        "p50_ms": _pct(health_latencies, 0.50),
        "p95_ms": _pct(health_latencies, 0.95),
        "requests": len(health_latencies),
    }
    elapsed = time.monotonic() - started
    latencies = sorted(r[1] for r in results)

    statuses: dict[int, int] = {}
    for status, _, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "registrations_per_s": len(results) / elapsed,
        "p50_ms": _pct(latencies, 0.50),
        "p95_ms": _pct(latencies, 0.95),
        "statuses": statuses,
        "failures": failures,
        "healthz": health,
        "server_errors": sum(count for status, count in statuses.items() if status >= 500) + len(failures),
    }


def start_worker(server) -> subprocess.Popen:
    """The task worker with the server's environment, at the production priority."""
    nice = os.environ.get("BENCH_REG_WORKER_NICE", "10")
    return subprocess.Popen(
        [
            "nice",
            "-n",
            nice,
            sys.executable,
            str(BASE_DIR / "manage.py"),
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
        ],
        cwd=BASE_DIR,
        env=server.environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run(people: int, seats: int, concurrency: int, with_worker: bool) -> dict:
    """One burst on a fresh bench edition; prints its tables and returns the figures with
    ``exact`` (no overbooking, no duplicates, no server errors)."""
    from django.db.models import Count

    from conference.registration.models import Registration
    from tests.conference.payments.fake_stripe import API_KEY, WEBHOOK_SECRET, FakeStripe

    edition, invoice, card = seed(seats)
    fake = FakeStripe().start()
    env = {
        "STRIPE_SECRET_KEY": API_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": fake.base,
    }
    try:
        # bench.registration_settings turns the per-IP rate limit off: every simulated attendee
        # comes from 127.0.0.1, and the limit would (rightly) refuse the burst.
        with GunicornServer(workers=2, env={**env, "DJANGO_SETTINGS_MODULE": "bench.registration_settings"}) as server:
            worker = start_worker(server) if with_worker else None
            try:
                result = burst(server.url, people, concurrency, invoice.pk, card.pk)
            finally:
                if worker is not None:
                    worker.terminate()
                    worker.wait(timeout=60)
    finally:
        fake.stop()
    registrations = Registration.objects.filter(edition=edition)
    seated = registrations.filter(state__in=Registration.SEAT_STATES).count()
    waiting = registrations.filter(state=Registration.State.WAITING).count()
    duplicates = registrations.values("email").annotate(n=Count("pk")).filter(n__gt=1).count()
    health = result["healthz"]
    print_table(
        [
            {
                "people": people,
                "seats": seats,
                "clients": concurrency,
                "reg/s": result["registrations_per_s"],
                "p50_ms": result["p50_ms"],
                "p95_ms": result["p95_ms"],
                "healthz_p95_ms": health.get("p95_ms", float("nan")),
                "p95/healthz_p95": result["p95_ms"] / health["p95_ms"] if health.get("p95_ms") else float("nan"),
                "server_errors": result["server_errors"],
            }
        ],
        title="Registration burst under gunicorn (2 workers), invoice and card (fake Stripe) mixed"
        + (f", task worker running (nice {os.environ.get('BENCH_REG_WORKER_NICE', '10')})" if with_worker else ""),
    )
    print_table(
        [
            {
                "held_or_confirmed": seated,
                "expected": min(seats, people),
                "waiting": waiting,
                "expected_waiting": max(people - seats, 0),
                "duplicate_emails": duplicates,
                "statuses": " ".join(f"{k}:{v}" for k, v in sorted(result["statuses"].items())),
                "checkout_sessions": len(fake.sessions),
            }
        ],
        title="Invariants after the burst",
    )
    ok = seated == min(seats, people) and waiting == max(people - seats, 0) and not duplicates
    ok = ok and result["server_errors"] == 0
    print("OK: no overbooking, no duplicates, no server errors" if ok else "PROBLEM: see the figures above")
    if result["failures"]:
        print("First failures:", result["failures"][:3])
    return {**result, "exact": ok}


def main() -> None:
    prepare()
    run(
        people=int(os.environ.get("BENCH_REG_PEOPLE", "600")),
        seats=int(os.environ.get("BENCH_REG_SEATS", "400")),
        concurrency=int(os.environ.get("BENCH_REG_CONCURRENCY", "40")),
        with_worker=os.environ.get("BENCH_REG_WORKER", "0") == "1",
    )


if __name__ == "__main__":
    main()
