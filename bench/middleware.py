"""What the middleware stack costs each request, in-process (no server, no network): the
Django handler is called directly with a WSGI environ, so the figures are the stack and the
view, nothing else. Every figure is printed as a ratio to a hello-world WSGI app timed in the
same run, so the ratios survive a noisy machine.

    python -m bench bench.middleware            # table
    python -m bench.middleware --profile /om-oss/   # cProfile of one path, top functions

Rows: a bare WSGI app; /healthz with no middleware at all; /healthz, a standard page uncached
and the same page from the anonymous page cache with the full stack; and the incremental cost
of each middleware on /healthz (the stack cut just before it vs just after it).
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import sys
import time

from bench.server import prepare, print_table

PAGE = "/om-oss/"
ROUNDS = 7


def _hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def _environ(path: str) -> dict:
    from django.test import RequestFactory

    request = RequestFactory(HTTP_HOST="localhost").get(path)
    return request.environ


def _call(app, environ: dict) -> int:
    status = []
    body = app(dict(environ), lambda s, headers, exc_info=None: status.append(s))
    for _chunk in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return int(status[0].split()[0])


def _median_us(app, path: str, number: int) -> float:
    environ = _environ(path)
    status = _call(app, environ)  # warm: template caches, site root, translations
    if status >= 400:
        raise RuntimeError(f"{path} answered {status}")
    samples = []
    for _round in range(ROUNDS):
        started = time.perf_counter()
        for _i in range(number):
            _call(app, environ)
        samples.append((time.perf_counter() - started) / number * 1e6)
    return statistics.median(samples)


def _handler(middleware: list[str] | None = None):
    """A WSGI handler whose middleware chain is ``middleware`` (the settings' by default); the
    chain is built once, when the handler is created."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings

    if middleware is None:
        return WSGIHandler()
    with override_settings(MIDDLEWARE=middleware):
        return WSGIHandler()


def _page_cache_off(app):
    from django.conf import settings

    def wrapped(environ, start_response):
        settings.PAGE_CACHE_ENABLED = False
        try:
            return app(environ, start_response)
        finally:
            settings.PAGE_CACHE_ENABLED = True

    return wrapped


def _calls_per_request(app, path: str, number: int = 20) -> float:
    """Python function calls per request (cProfile): a figure that does not depend on how busy
    the machine is."""
    environ = _environ(path)
    _call(app, environ)
    profiler = cProfile.Profile()
    profiler.enable()
    for _i in range(number):
        _call(app, environ)
    profiler.disable()
    return pstats.Stats(profiler).total_calls / number


def _before_stack(middleware: list[str]) -> list[str]:
    """The stack as it was before issue 13: stock django-csp, no page cache."""
    return [
        "csp.middleware.CSPMiddleware" if name == "cms.core.csp.CSPMiddleware" else name
        for name in middleware
        if name != "cms.core.page_cache.PageCacheMiddleware"
    ]


def _with_health_check_round_trip(app):
    """/healthz as it was: Django's connection health check (a SELECT 1) before the view's own."""
    from django.db import connection

    def wrapped(environ, start_response):
        connection.ensure_connection()
        connection.is_usable()
        return app(environ, start_response)

    return wrapped


def run() -> list[dict]:
    from django.conf import settings

    hello = _median_us(_hello, "/", 5000)
    rows = [{"what": "hello-world WSGI app", "µs": hello, "× hello": 1.0, "calls/req": 1.0}]
    full = list(settings.MIDDLEWARE)
    before = _before_stack(full)

    def add(label: str, app, path: str, number: int = 300):
        us = _median_us(app, path, number)
        rows.append({"what": label, "µs": us, "× hello": us / hello, "calls/req": _calls_per_request(app, path)})
        return us

    add("/healthz, no middleware", _handler([]), "/healthz")
    healthz_before = add(
        "/healthz, before (stock CSP, 2 round trips)", _with_health_check_round_trip(_handler(before)), "/healthz"
    )
    healthz_after = add("/healthz, after", _handler(), "/healthz")
    page_before = add(f"{PAGE}, before (no page cache)", _handler(before), PAGE, 40)
    add(f"{PAGE}, after, page cache off", _page_cache_off(_handler()), PAGE, 40)
    page_after = add(f"{PAGE}, after, from the page cache", _handler(), PAGE, 300)
    rows.append({"what": "ratio /healthz after / before", "µs": healthz_after / healthz_before})
    rows.append({"what": f"ratio {PAGE} cached / uncached before", "µs": page_after / page_before})
    rows.append({"what": f"ratio {PAGE} cached / /healthz after", "µs": page_after / healthz_after})

    # Each middleware's own share on /healthz: the stack up to and including it, minus the
    # stack up to just before it (noisy on a busy machine; the call counts are not).
    previous_us, previous_calls = (
        _median_us(_handler([]), "/healthz", 300),
        _calls_per_request(_handler([]), "/healthz"),
    )
    for index, name in enumerate(full):
        app = _handler(full[: index + 1])
        current_us, current_calls = _median_us(app, "/healthz", 100), _calls_per_request(app, "/healthz")
        rows.append(
            {
                "what": f"  + {name.rsplit('.', 1)[-1]} ({name.split('.')[0]})",
                "µs": current_us - previous_us,
                "× hello": (current_us - previous_us) / hello,
                "calls/req": current_calls - previous_calls,
            }
        )
        previous_us, previous_calls = current_us, current_calls
    return rows


def profile(path: str, number: int = 200) -> None:
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    environ = _environ(path)
    _call(handler, environ)
    profiler = cProfile.Profile()
    profiler.enable()
    for _i in range(number):
        _call(handler, environ)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
    print(out.getvalue())


def main() -> None:
    prepare()
    print_table(run(), title="Middleware stack in-process (medians of 7 rounds; ratios to a hello-world WSGI app)")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--profile":
        prepare()
        profile(sys.argv[2])
    else:
        main()
