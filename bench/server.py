"""The shared benchmark harness: a real gunicorn server, a dependency-free load generator and
in-process SQL query counts.

    from bench.server import GunicornServer, measure, print_table, prepare, query_count

    prepare()                          # database ready, migrated, demo loaded, django.setup() done
    with GunicornServer() as server:   # gunicorn, 2 workers, production settings, free port
        rows = compare_with_healthz(server, [("Home", "/"), ("Om oss", "/om-oss/")])
    print_table(rows)

Benchmarks are not tests: they print figures, they assert nothing about time.
"""

from __future__ import annotations

import http.client
import io
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = BASE_DIR / ".venv" / "bin"
DEFAULT_BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/kk_bench"
HEALTHZ = "/healthz"

_prepared = False
_collected: set[str] = set()


# --------------------------------------------------------------------------------------------
# Database and Django set-up


def _python() -> str:
    candidate = VENV_BIN / "python"
    return str(candidate) if candidate.exists() else sys.executable


def _postgres_admin_connect(url: str):
    """A connection to the server's maintenance database (to create/drop the bench database)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(admin_url, autocommit=True)


def ensure_database() -> str:
    """Return the bench database URL and make sure the database exists.

    ``DATABASE_URL`` wins when it is set (``make bench`` sets it to the local PostgreSQL); the
    database is created if it does not exist yet. Without it a throwaway PostgreSQL database
    ``kk_bench`` is dropped and created afresh.
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    throwaway = not url
    if throwaway:
        url = DEFAULT_BENCH_DATABASE_URL
    if url.startswith(("postgres://", "postgresql://")):
        from psycopg import sql

        name = urllib.parse.urlsplit(url).path.lstrip("/")
        with _postgres_admin_connect(url) as conn:
            if throwaway:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    os.environ["DATABASE_URL"] = url
    return url


def prepare(load_demo: bool = True) -> str:
    """Database ready, migrated and (by default) filled with the demo content; Django set up
    in this process so a benchmark can seed more data with the ORM. Idempotent; returns the
    database URL."""
    global _prepared
    url = ensure_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    import warnings

    import django

    # The in-process test client runs without collected static files; whitenoise says so.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    if not _prepared:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        if load_demo:
            call_command("load_demo", verbosity=0, stdout=io.StringIO())
        _prepared = True
    return url


def query_count(path: str, method: str = "get", data=None, expect_status: int | None = 200, **extra) -> int:
    """The number of SQL queries one request to ``path`` makes, measured in-process with
    Django's test client (after a first, uncounted request warms caches). Call ``prepare()``
    first."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    send = getattr(client, method.lower())
    # The page's own cost: with the anonymous page cache on, the second request would be 0.
    with override_settings(PAGE_CACHE_ENABLED=False):
        send(path, data=data, **extra)  # warm-up: site root, translations, template caches
        with CaptureQueriesContext(connection) as captured:
            response = send(path, data=data, **extra)
    if expect_status is not None and response.status_code != expect_status:
        raise RuntimeError(f"{method.upper()} {path} answered {response.status_code}, expected {expect_status}")
    return len(captured.captured_queries)


# --------------------------------------------------------------------------------------------
# The server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dummy_secret_key(length: int = 60) -> str:
    alphabet = string.ascii_letters + string.digits
    return "bench-" + "".join(secrets.choice(alphabet) for _ in range(length - 6))


class GunicornServer:
    """Serve the project under gunicorn on a free 127.0.0.1 port with production settings.

    Static files are collected into a temporary STATIC_ROOT (production's manifest storage
    needs collectstatic) through ``bench.settings``, which imports the given settings module
    and only moves STATIC_ROOT. ``env`` adds or overrides environment variables of the server.
    """

    def __init__(
        self,
        workers: int = 2,
        settings: str = "cms.settings.production",
        env: dict | None = None,
        app: str = "cms.wsgi:application",
    ):
        self.workers = workers
        self.app = app
        self.settings = settings
        self.extra_env = dict(env or {})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self._tmpdir: tempfile.TemporaryDirectory | None = None
        self.log_path: Path | None = None

    def environment(self) -> dict:
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "bench.settings",
                "BENCH_BASE_SETTINGS": self.settings,
                "BENCH_STATIC_ROOT": str(self.static_root),
                "SECRET_KEY": dummy_secret_key(),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "WAGTAILADMIN_BASE_URL": self.url,
                "SECURE_SSL_REDIRECT": "false",
                "DATABASE_URL": os.environ.get("DATABASE_URL") or ensure_database(),
                "LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(BASE_DIR),
            }
        )
        env.update(self.extra_env)
        return env

    @property
    def static_root(self) -> Path:
        # One collected tree per settings module and process; collectstatic runs once.
        return Path(tempfile.gettempdir()) / f"kk-bench-static-{os.getpid()}-{self.settings.replace('.', '_')}"

    def collectstatic(self, env: dict) -> None:
        if self.settings in _collected and self.static_root.exists():
            return
        subprocess.run(
            [_python(), "manage.py", "collectstatic", "--no-input", "--clear", "-v", "0"],
            cwd=BASE_DIR,
            env=env,
            check=True,
        )
        _collected.add(self.settings)

    def start(self) -> GunicornServer:
        env = self.environment()
        self.collectstatic(env)
        self._tmpdir = tempfile.TemporaryDirectory(prefix="kk-bench-")
        self.log_path = Path(self._tmpdir.name) / "gunicorn.log"
        gunicorn = VENV_BIN / "gunicorn"
        command = [
            str(gunicorn) if gunicorn.exists() else shutil.which("gunicorn") or "gunicorn",
            self.app,
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait_until_healthy()
        return self

    def _wait_until_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                status, _ = _get(self.url + HEALTHZ, timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer {HEALTHZ} within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path and self.log_path.exists():
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.process = None
        if self._tmpdir is not None:
            self._tmpdir.cleanup()
            self._tmpdir = None

    def __enter__(self) -> GunicornServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------
# Load generation


def _get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(fraction * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def measure(
    url: str,
    seconds: float = 5,
    concurrency: int = 4,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict | None = None,
    warmup: float = 0.5,
    ok_statuses: tuple[int, ...] | None = None,
) -> dict:
    """Hammer ``url`` from ``concurrency`` threads for ``seconds`` (after ``warmup`` seconds
    that are not counted). Returns rps, p50_ms, p95_ms, requests and errors; an error is a
    failed connection or a status of 400 or more (or, with ``ok_statuses``, any other
    status)."""
    parts = urllib.parse.urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    send_headers = {"Host": parts.netloc, "User-Agent": "kk-bench"}
    send_headers.update(headers or {})
    lock = threading.Lock()
    latencies: list[float] = []
    errors = 0
    start = time.monotonic()
    counting_from = start + warmup
    stop_at = counting_from + seconds

    def worker():
        nonlocal errors
        local_latencies: list[float] = []
        local_errors = 0
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while True:
            began = time.monotonic()
            if began >= stop_at:
                break
            failed = False
            try:
                conn.request(method, target, body=body, headers=send_headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                failed = status not in ok_statuses if ok_statuses else status >= 400
            except (OSError, http.client.HTTPException):
                failed = True
                conn.close()
            ended = time.monotonic()
            if began >= counting_from:
                local_latencies.append(ended - began)
                local_errors += failed
        conn.close()
        with lock:
            latencies.extend(local_latencies)
            errors += local_errors

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = max(time.monotonic() - counting_from, 1e-9)
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": _percentile(latencies, 0.50) * 1000,
        "p95_ms": _percentile(latencies, 0.95) * 1000,
        "requests": len(latencies),
        "errors": errors,
    }


def compare_with_healthz(
    server: GunicornServer, pages: list[tuple[str, str]], seconds: float = 5, concurrency: int = 4, **kwargs
) -> list[dict]:
    """Measure ``/healthz`` and each (label, path) in the same run and return table rows with
    the page's figures and its ratios to /healthz (rps ratio: higher is better; latency
    ratios: lower is better). /healthz is measured before and after the pages and averaged,
    so drift during the run shows up in neither direction."""
    before = measure(server.url + HEALTHZ, seconds=seconds, concurrency=concurrency)
    measured = [
        (label, path, measure(server.url + path, seconds=seconds, concurrency=concurrency, **kwargs))
        for label, path in pages
    ]
    after = measure(server.url + HEALTHZ, seconds=seconds, concurrency=concurrency)
    health = {key: (before[key] + after[key]) / 2 for key in ("rps", "p50_ms", "p95_ms")}
    rows = [
        _row(
            "/healthz (baseline)",
            HEALTHZ,
            {
                **before,
                **health,
                "requests": before["requests"] + after["requests"],
                "errors": before["errors"] + after["errors"],
            },
            health,
        )
    ]
    rows += [_row(label, path, result, health) for label, path, result in measured]
    return rows


def _row(label: str, path: str, result: dict, health: dict) -> dict:
    return {
        "page": label,
        "path": path,
        "rps": result["rps"],
        "p50_ms": result["p50_ms"],
        "p95_ms": result["p95_ms"],
        "requests": result["requests"],
        "errors": result["errors"],
        "rps/healthz": result["rps"] / health["rps"] if health["rps"] else float("nan"),
        "p50/healthz": result["p50_ms"] / health["p50_ms"] if health["p50_ms"] else float("nan"),
        "p95/healthz": result["p95_ms"] / health["p95_ms"] if health["p95_ms"] else float("nan"),
    }


# --------------------------------------------------------------------------------------------
# Output


def _format(value) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "–"
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
    return "" if value is None else str(value)


def print_table(rows: list[dict], title: str | None = None, file=None) -> None:
    """Print rows of dicts as an aligned plain-text table (columns in first-seen order)."""
    file = file or sys.stdout
    if title:
        print(f"\n{title}", file=file)
    if not rows:
        print("(no rows)", file=file)
        return
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    cells = [[_format(row.get(column)) for column in columns] for row in rows]
    widths = [max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)]
    numeric = [all(isinstance(row.get(c), (int, float)) or row.get(c) is None for row in rows) for c in columns]

    def line(values):
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True))

    print(line(columns), file=file)
    print("  ".join("-" * w for w in widths), file=file)
    for values in cells:
        print(line(values), file=file)
    file.flush()


def run_page_benchmark(title: str, pages: list[tuple[str, str]], *, page_cache: bool = False) -> list[dict]:
    """The common benchmark: SQL queries per page (in-process), then each page next to /healthz
    under gunicorn (2 workers), printed as one table. BENCH_SECONDS and BENCH_CONCURRENCY
    tune the run. Call after the data is seeded. The anonymous page cache is off unless
    ``page_cache`` is set, so the figures are what rendering a page costs."""
    seconds = float(os.environ.get("BENCH_SECONDS", "5"))
    concurrency = int(os.environ.get("BENCH_CONCURRENCY", "4"))
    queries = {path: query_count(path) for path in [HEALTHZ, *(path for _, path in pages)]}
    env = {"PAGE_CACHE_ENABLED": "true" if page_cache else "false"}
    with GunicornServer(workers=2, env=env) as server:
        rows = compare_with_healthz(server, pages, seconds=seconds, concurrency=concurrency)
    for row in rows:
        row["sql_queries"] = queries.get(row["path"])
    cache_label = "page cache on" if page_cache else "page cache off"
    print_table(
        rows,
        title=f"{title} ({cache_label}) under gunicorn (2 workers, {concurrency} concurrent clients, {seconds:g} s each)",
    )
    return rows
