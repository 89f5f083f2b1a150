"""Foundation pages under gunicorn: the home page, a standard page and a search, each next to
/healthz in the same run (ratios), plus the SQL queries each page makes."""

import os

from bench.server import GunicornServer, compare_with_healthz, prepare, print_table, query_count

PAGES = [
    ("Home", "/"),
    ("Standard page", "/om-oss/"),
    ("Search", "/sok/?q=forskning"),
]


def main() -> None:
    prepare()
    seconds = float(os.environ.get("BENCH_SECONDS", "5"))
    concurrency = int(os.environ.get("BENCH_CONCURRENCY", "4"))
    queries = {path: query_count(path) for path in ["/healthz", *(path for _, path in PAGES)]}
    with GunicornServer(workers=2) as server:
        rows = compare_with_healthz(server, PAGES, seconds=seconds, concurrency=concurrency)
    for row in rows:
        row["sql_queries"] = queries.get(row["path"])
    print_table(
        rows,
        title=f"Pages under gunicorn (2 workers, {concurrency} concurrent clients, {seconds:g} s each)",
    )


if __name__ == "__main__":
    main()
