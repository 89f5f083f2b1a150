"""The anonymous page cache under gunicorn: cached pages next to /healthz (ratios), and the
same pages answered with 304 Not Modified to a browser that already has them.

Run with ``python -m bench bench.page_cache``. Uses the demo content; every page is requested
once before measuring so each worker's cache is warm (each gunicorn worker has its own local
memory cache unless REDIS_URL is set).
"""

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench.server import BASE_DIR, GunicornServer, compare_with_healthz, free_port, measure, prepare, print_table

PAGES = [
    ("Home", "/"),
    ("Standard page", "/om-oss/"),
    ("News index", "/nyheter/"),
    ("Search", "/sok/?q=forskning"),
]


def _etag(url: str) -> str | None:
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers={"Host": parts.netloc})
        response = conn.getresponse()
        response.read()
        return response.getheader("ETag")
    finally:
        conn.close()


STATIC_FILE = "/static/css/site.css"


def varnishd_path() -> str | None:
    return shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)


@contextlib.contextmanager
def varnish(vcl_name: str, ports: dict[str, int]):
    """Debian's varnishd running deploy/varnish/``vcl_name`` (with default.vcl beside it, for
    an ``include``), each backend's ``.port = "N"`` replaced by ``ports`` (template port ->
    real port). Yields (base URL, working directory), or (None, None) when varnishd is not
    installed."""
    varnishd = varnishd_path()
    if varnishd is None:
        yield None, None
        return
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="kk-bench-varnish-"))
    workdir.chmod(0o755)
    for name in {"default.vcl", vcl_name}:
        source = (BASE_DIR / "deploy" / "varnish" / name).read_text()
        for template_port, real_port in ports.items():
            source = source.replace(f'.port = "{template_port}"', f'.port = "{real_port}"')
        (workdir / name).write_text(source)
        (workdir / name).chmod(0o644)
    process = subprocess.Popen(
        [
            varnishd,
            "-F",
            "-n",
            str(workdir / "n"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(workdir / vcl_name),
            "-s",
            "malloc,64m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", workdir
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def varnish_in_front(backend_url: str):
    """Debian's varnishd with deploy/varnish/default.vcl in front of ``backend_url``; yields
    its base URL, or None when varnishd is not installed."""
    with varnish("default.vcl", {"8000": urllib.parse.urlsplit(backend_url).port}) as (front, _workdir):
        yield front


def _through_varnish(server, seconds: float, concurrency: int) -> list[dict]:
    rows = []
    with varnish_in_front(server.url) as front:
        if front is None:
            print("-- varnishd not installed (apt install varnish): no figures through Varnish")
            return rows
        results = {}
        for label, path in [("static file", STATIC_FILE), *PAGES[:2]]:
            for _i in range(3):
                _etag(front + path)
            results[label] = (path, measure(front + path, seconds=seconds, concurrency=concurrency))
        static = results["static file"][1]["rps"]
        for label, (path, result) in results.items():
            rows.append(
                {
                    "page": f"via Varnish: {label}",
                    "path": path,
                    "rps": result["rps"],
                    "p50_ms": result["p50_ms"],
                    "p95_ms": result["p95_ms"],
                    "requests": result["requests"],
                    "errors": result["errors"],
                    "rps/static": result["rps"] / static if static else float("nan"),
                }
            )
    return rows


def main() -> None:
    prepare()
    seconds = float(os.environ.get("BENCH_SECONDS", "5"))
    concurrency = int(os.environ.get("BENCH_CONCURRENCY", "4"))
    with GunicornServer(workers=2, env={"PAGE_CACHE_ENABLED": "true"}) as server:
        for _label, path in PAGES:
            for _i in range(4):  # both workers, whatever the balancing
                _etag(server.url + path)
        rows = compare_with_healthz(server, PAGES, seconds=seconds, concurrency=concurrency)
        health = rows[0]["rps"]
        for label, path in PAGES:
            etag = _etag(server.url + path)
            if not etag:
                continue
            result = measure(
                server.url + path,
                seconds=seconds,
                concurrency=concurrency,
                headers={"If-None-Match": etag},
                ok_statuses=(304,),
            )
            rows.append(
                {
                    "page": f"{label} (304)",
                    "path": path,
                    "rps": result["rps"],
                    "p50_ms": result["p50_ms"],
                    "p95_ms": result["p95_ms"],
                    "requests": result["requests"],
                    "errors": result["errors"],
                    "rps/healthz": result["rps"] / health if health else float("nan"),
                }
            )
        varnish_rows = _through_varnish(server, seconds, concurrency)
    print_table(
        rows, title=f"Page cache on, under gunicorn (2 workers, {concurrency} concurrent clients, {seconds:g} s each)"
    )
    if varnish_rows:
        print_table(varnish_rows, title="Through Varnish (deploy/varnish/default.vcl) in front of the same gunicorn")


if __name__ == "__main__":
    main()
