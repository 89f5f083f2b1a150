"""Create the PostgreSQL database named by DATABASE_URL when it does not exist.

--empty: also refuse (exit 2) when it exists and already has tables, so a restore never
writes over a live database."""

import os
import sys

import dj_database_url
import psycopg


def main() -> int:
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    if not config["ENGINE"].endswith("postgresql"):
        return 0
    kwargs = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    name = config["NAME"]
    try:
        with psycopg.connect(dbname=name, **kwargs) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            ).fetchone()[0]
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise
        with psycopg.connect(dbname="postgres", autocommit=True, **kwargs) as conn:
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
        print(f"Created database {name}.")
        return 0
    if "--empty" in sys.argv and tables:
        print(f"Database {name} already has {tables} tables; restore only into a new, empty database.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
