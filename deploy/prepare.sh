#!/usr/bin/env bash
# Before serving (make serve; on a server after each deploy): create the local database when it
# is missing, migrate, collect static files. With DEMO=1 also load the demo content and make
# sure the admin user exists (never on a real server).
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/load-env.sh

"$BIN/python" - <<'PY'
import os

import dj_database_url
import psycopg

config = dj_database_url.parse(os.environ["DATABASE_URL"])
if config["ENGINE"].endswith("postgresql"):
    kwargs = dict(host=config["HOST"] or None, port=config["PORT"] or None, user=config["USER"] or None,
                  password=config["PASSWORD"] or None)
    try:
        psycopg.connect(dbname=config["NAME"], **kwargs).close()
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise
        with psycopg.connect(dbname="postgres", autocommit=True, **kwargs) as conn:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
        print(f"Created database {config['NAME']}.")
PY
"$BIN/python" manage.py migrate --no-input -v 0
"$BIN/python" manage.py collectstatic --no-input -v 0
if [ "${DEMO:-0}" = 1 ]; then
    # Inline tasks: the demo's search index and e-mails are done before the site starts.
    TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend "$BIN/python" manage.py load_demo
    "$BIN/python" manage.py ensure_admin
fi
