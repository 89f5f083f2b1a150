"""The anonymous page cache under gunicorn: cached pages next to /healthz (ratios), and the
same pages answered with 304 Not Modified to a browser that already has them.

Run with ``python -m bench bench.page_cache``. Uses the demo content; every page is requested
once before measuring so each worker's cache is warm (each gunicorn worker has its own local
memory cache unless REDIS_URL is set).
"""

import http.client
import os
import urllib.parse

from bench.server import GunicornServer, compare_with_healthz, measure, prepare, print_table

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
    print_table(
        rows, title=f"Page cache on, under gunicorn (2 workers, {concurrency} concurrent clients, {seconds:g} s each)"
    )


if __name__ == "__main__":
    main()
