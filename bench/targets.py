"""Issue 13's targets in one run, each printed next to its measured ratio or value with PASS or
MISS, plus the scale-out figures (two gunicorn processes behind one Varnish).

    python -m bench bench.targets             # full run (about 3 minutes on an idle machine)
    BENCH_QUICK=1 python -m bench bench.targets   # shorter measurements, smaller burst

Every throughput target is a ratio of two things measured in the same run, alternately, so a
busy machine slows both sides; the in-process medians are absolute (the issue's targets are in
milliseconds) but are printed next to an in-process /healthz and as multiples of it.

The targets:

- a cached anonymous page ≥ 70 % of /healthz throughput (gunicorn, page cache on);
- the same page through Varnish ≥ 80 % of a static file through Varnish;
- uncached in-process medians: home ≤ 7 ms, article ≤ 3.5, index ≤ 4.5, search ≤ 7;
- /healthz ≥ 60 % of a hello-world WSGI app under the same gunicorn;
- registration burst ≥ 80 registrations/s with the task worker running, exact.

Scale-out (no target, figures for docs/scaling.md): deploy/varnish/scale-out.vcl with its two
backends pointed at two gunicorn processes on their own ports (``BENCH_SCALE_WORKERS`` workers
each, 1 by default so the two together have as many workers as the single gunicorn they are
compared with), measured for a page Varnish caches and for requests it passes to the app
servers, against one gunicorn (2 workers) answered directly.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time

from bench.server import GunicornServer, measure, prepare, print_table

QUICK = os.environ.get("BENCH_QUICK", "0") == "1"
SECONDS = float(os.environ.get("BENCH_SECONDS", "2" if QUICK else "4"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
CACHED_PAGE = "/"
PASS_PAGE = "/om-oss/"
STATIC_FILE = "/static/css/site.css"
# A session cookie makes Varnish pass the request (deploy/varnish/default.vcl); an unknown
# session is anonymous to the site, so the page is rendered for it as for any visitor.
SESSION_COOKIE = {"Cookie": "sessionid=bench-no-such-session"}

TARGETS = {
    "cached_vs_healthz": 0.70,
    "varnish_vs_static": 0.80,
    "home_ms": 7.0,
    "article_ms": 3.5,
    "index_ms": 4.5,
    "search_ms": 7.0,
    "healthz_vs_hello": 0.60,
    "registrations_per_s": 80.0,
}


def _alternate(first: str, second: str, rounds: int = 2) -> tuple[dict, dict]:
    """Measure two URLs alternately (first, second, first, second, ...) and return each one's
    mean rps and median p50, so drift on a shared machine hits both alike."""
    results: dict[str, list[dict]] = {first: [], second: []}
    for _round in range(rounds):
        for url in (first, second):
            results[url].append(measure(url, seconds=SECONDS / rounds * 2, concurrency=CONCURRENCY))

    def summary(rows: list[dict]) -> dict:
        return {
            "rps": statistics.mean(r["rps"] for r in rows),
            "p50_ms": statistics.median(r["p50_ms"] for r in rows),
            "errors": sum(r["errors"] for r in rows),
        }

    return summary(results[first]), summary(results[second])


def _warm(url: str, headers: dict | None = None, times: int = 4) -> None:
    for _i in range(times):
        measure(url, seconds=0.05, concurrency=1, warmup=0, headers=headers)


# --------------------------------------------------------------------------------------------
# In-process medians


def pages() -> list[tuple[str, str]]:
    from cms.news.models import NewsPage

    article = (
        NewsPage.objects.live()
        .public()
        .exclude(slug__startswith="benknyhet-")
        .order_by("-first_published_at", "pk")
        .first()
    )
    index = article.get_parent() if article else None
    return [
        ("home", "/"),
        ("article", article.url if article else "/"),
        ("index", index.url if index else "/nyheter/"),
        ("search", "/sok/?q=forskning"),
    ]


def _median_ms(app, path: str, number: int) -> tuple[float, float]:
    """Median wall-clock and CPU (this process: the app's own work, without the database
    server's) milliseconds per request over 7 rounds."""
    from bench.middleware import ROUNDS, _call, _environ

    environ = _environ(path)
    status = _call(app, environ)  # warm: template caches, site root, translations
    if status >= 400:
        raise RuntimeError(f"{path} answered {status}")
    wall, cpu = [], []
    for _round in range(ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        for _i in range(number):
            _call(app, environ)
        wall.append((time.perf_counter() - started) / number * 1000)
        cpu.append((time.process_time() - started_cpu) / number * 1000)
    return statistics.median(wall), statistics.median(cpu)


def in_process() -> dict:
    """Median milliseconds per request through the whole Django stack, page cache off."""
    from bench.middleware import _handler, _page_cache_off

    app = _page_cache_off(_handler())
    number = 5 if QUICK else 20
    medians, cpu = {}, {}
    medians["healthz"], cpu["healthz"] = _median_ms(app, "/healthz", number * 10)
    paths = {"healthz": "/healthz"}
    for label, path in pages():
        medians[label], cpu[label] = _median_ms(app, path, number)
        paths[label] = path
    medians["paths"] = paths
    medians["cpu"] = cpu
    return medians


# --------------------------------------------------------------------------------------------
# Under gunicorn, directly and through Varnish


def gunicorn_figures() -> dict:
    """/healthz vs hello-world under the same gunicorn, a cached page vs /healthz, and the
    cached page vs a static file through Varnish (deploy/varnish/default.vcl)."""
    from bench.page_cache import varnish_in_front

    figures: dict = {}
    with (
        GunicornServer(workers=2, app="bench.hello_wsgi:application") as hello,
        GunicornServer(workers=2, env={"PAGE_CACHE_ENABLED": "true"}) as site,
    ):
        figures["hello"], figures["healthz"] = _alternate(hello.url + "/", site.url + "/healthz")
        _warm(site.url + CACHED_PAGE)
        figures["healthz_2"], figures["cached"] = _alternate(site.url + "/healthz", site.url + CACHED_PAGE)
        with varnish_in_front(site.url) as front:
            if front is None:
                print("-- varnishd not installed (apt install varnish): no figures through Varnish")
            else:
                _warm(front + STATIC_FILE)
                _warm(front + CACHED_PAGE)
                figures["varnish_static"], figures["varnish_cached"] = _alternate(
                    front + STATIC_FILE, front + CACHED_PAGE
                )
    return figures


def _backend_requests(workdir) -> dict[str, int]:
    """Requests Varnish sent to each backend (varnishstat), to show the round robin."""
    try:
        output = subprocess.run(
            ["varnishstat", "-n", str(workdir / "n"), "-1", "-f", "VBE.*.req"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    counts = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].startswith("VBE."):
            counts[parts[0].split(".")[-2]] = int(parts[1])
    return counts


def scale_out() -> list[dict]:
    """Two gunicorn processes behind one Varnish (round robin) vs one gunicorn directly."""
    from bench.page_cache import varnish

    workers = int(os.environ.get("BENCH_SCALE_WORKERS", "1"))
    env = {"PAGE_CACHE_ENABLED": "false"}  # a passed request renders the page: the app's own cost
    rows = []
    with GunicornServer(workers=2, env=env) as single:
        _warm(single.url + PASS_PAGE)  # both workers' first render (templates, site root)
        direct_health = measure(single.url + "/healthz", seconds=SECONDS, concurrency=CONCURRENCY)
        direct_page = measure(single.url + PASS_PAGE, seconds=SECONDS, concurrency=CONCURRENCY)
    with (
        GunicornServer(workers=workers, env=env) as web1,
        GunicornServer(workers=workers, env=env) as web2,
        varnish("scale-out.vcl", {"8001": web1.port, "8002": web2.port}) as (front, workdir),
    ):
        if front is None:
            print("-- varnishd not installed (apt install varnish): no scale-out figures")
            return rows
        _warm(front + "/healthz", times=10)  # the probes mark both backends healthy
        _warm(front + PASS_PAGE)
        _warm(front + PASS_PAGE, headers=SESSION_COOKIE)  # both backends' first render
        through = {
            "healthz": measure(front + "/healthz", seconds=SECONDS, concurrency=CONCURRENCY),
            "pass": measure(front + PASS_PAGE, seconds=SECONDS, concurrency=CONCURRENCY, headers=SESSION_COOKIE),
            "hit": measure(front + PASS_PAGE, seconds=SECONDS, concurrency=CONCURRENCY),
        }
        balance = _backend_requests(workdir)
    spread = " / ".join(f"{name}: {count}" for name, count in sorted(balance.items())) or "–"

    def row(label, path, result, baseline):
        return {
            "what": label,
            "path": path,
            "rps": result["rps"],
            "p50_ms": result["p50_ms"],
            "errors": result["errors"],
            "rps vs one gunicorn": result["rps"] / baseline["rps"] if baseline["rps"] else float("nan"),
        }

    rows.append(row("one gunicorn (2 workers), directly", "/healthz", direct_health, direct_health))
    rows.append(row("one gunicorn (2 workers), directly, uncached", PASS_PAGE, direct_page, direct_page))
    label = f"Varnish -> 2 gunicorns ({workers} worker{'s' if workers > 1 else ''} each)"
    rows.append(row(f"{label}, pass", "/healthz", through["healthz"], direct_health))
    rows.append(row(f"{label}, pass (session cookie)", PASS_PAGE, through["pass"], direct_page))
    rows.append(row(f"{label}, cached", PASS_PAGE, through["hit"], direct_page))
    print_table(
        rows,
        title=(
            f"Scale-out: deploy/varnish/scale-out.vcl, round robin over two gunicorn processes "
            f"({CONCURRENCY} clients, {SECONDS:g} s each; requests per backend: {spread})"
        ),
    )
    return rows


# --------------------------------------------------------------------------------------------
# Registration burst


def registration_burst() -> dict:
    from bench import registration

    people, seats = (300, 200) if QUICK else (600, 400)
    return registration.run(
        people=int(os.environ.get("BENCH_REG_PEOPLE", people)),
        seats=int(os.environ.get("BENCH_REG_SEATS", seats)),
        concurrency=int(os.environ.get("BENCH_REG_CONCURRENCY", "40")),
        with_worker=True,
    )


# --------------------------------------------------------------------------------------------
# The summary


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def summary(medians: dict, figures: dict, burst: dict | None) -> list[dict]:
    rows = []

    def ratio_row(target: str, key: str, numerator: dict | None, denominator: dict | None, note: str):
        if not numerator or not denominator or not denominator["rps"]:
            rows.append({"target": target, "measured": "–", "goal": f"≥ {TARGETS[key]:.0%}", "": "MISS", "note": note})
            return
        value = numerator["rps"] / denominator["rps"]
        rows.append(
            {
                "target": target,
                "measured": f"{value:.0%}",
                "goal": f"≥ {TARGETS[key]:.0%}",
                "": _verdict(value >= TARGETS[key]),
                "note": f"{numerator['rps']:.0f} vs {denominator['rps']:.0f} req/s; {note}",
            }
        )

    ratio_row(
        "cached anonymous page / /healthz (rps)",
        "cached_vs_healthz",
        figures.get("cached"),
        figures.get("healthz_2"),
        f"{CACHED_PAGE}, gunicorn 2 workers",
    )
    ratio_row(
        "cached page / static file, through Varnish",
        "varnish_vs_static",
        figures.get("varnish_cached"),
        figures.get("varnish_static"),
        f"{CACHED_PAGE} vs {STATIC_FILE}",
    )
    health = medians["healthz"]
    for label in ("home", "article", "index", "search"):
        value = medians[label]
        goal = TARGETS[f"{label}_ms"]
        rows.append(
            {
                "target": f"uncached in-process median, {label}",
                "measured": f"{value:.2f} ms",
                "goal": f"≤ {goal:g} ms",
                "": _verdict(value <= goal),
                "note": (
                    f"{medians['paths'][label]}; {value / health:.1f} × /healthz ({health:.2f} ms); "
                    f"cpu {medians['cpu'][label]:.2f} ms"
                ),
            }
        )
    ratio_row(
        "/healthz / hello-world WSGI (rps)",
        "healthz_vs_hello",
        figures.get("healthz"),
        figures.get("hello"),
        "same gunicorn, 2 workers",
    )
    if burst is None:
        rows.append({"target": "registration burst, worker running", "measured": "–", "goal": "≥ 80 reg/s", "": "MISS"})
    else:
        value = burst["registrations_per_s"]
        rows.append(
            {
                "target": "registration burst, worker running",
                "measured": f"{value:.1f} reg/s",
                "goal": "≥ 80 reg/s, exact",
                "": _verdict(value >= TARGETS["registrations_per_s"] and burst["exact"]),
                "note": ("exact" if burst["exact"] else "NOT exact") + f", p95 {burst['p95_ms']:.0f} ms",
            }
        )
    return rows


def main() -> None:
    prepare()
    medians = in_process()
    print_table(
        [
            {
                "page": label,
                "path": medians["paths"][label],
                "median_ms": medians[label],
                "× /healthz": medians[label] / medians["healthz"],
                "cpu_ms": medians["cpu"][label],
                "cpu × /healthz": medians["cpu"][label] / medians["cpu"]["healthz"],
            }
            for label in ("healthz", "home", "article", "index", "search")
        ],
        title=(
            "Uncached, in-process (whole middleware stack, page cache off; medians of 7 rounds; "
            "cpu = this process only, not PostgreSQL's)"
        ),
    )
    figures = gunicorn_figures()
    scale_out()
    try:
        burst = registration_burst()
    except Exception as error:  # noqa: BLE001 - the summary still prints, with the burst missing
        print(f"-- registration burst failed: {error!r}")
        burst = None
    print_table(
        summary(medians, figures, burst),
        title=f"Issue 13 targets ({'quick' if QUICK else 'full'} run, {CONCURRENCY} clients, {SECONDS:g} s per figure)",
    )


if __name__ == "__main__":
    main()
