"""Foundation pages under gunicorn: the home page, a standard page and a search, each next to
/healthz in the same run (ratios), plus the SQL queries each page makes."""

from bench.server import prepare, run_page_benchmark

PAGES = [
    ("Home", "/"),
    ("Standard page", "/om-oss/"),
    ("Search", "/sok/?q=forskning"),
]


def main() -> None:
    prepare()
    run_page_benchmark("Pages", PAGES)


if __name__ == "__main__":
    main()
