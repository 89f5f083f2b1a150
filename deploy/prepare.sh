#!/usr/bin/env bash
# Before serving (make serve; on a server after each deploy): create the local database when it
# is missing, migrate, collect static files. With DEMO=1 also load the demo content and make
# sure the admin user exists (never on a real server).
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/load-env.sh

"$BIN/python" deploy/ensure_database.py
"$BIN/python" manage.py migrate --no-input -v 0
"$BIN/python" manage.py collectstatic --no-input -v 0
if [ "${DEMO:-0}" = 1 ]; then
    # Inline tasks: the demo's search index and e-mails are done before the site starts.
    TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend "$BIN/python" manage.py load_demo
    "$BIN/python" manage.py ensure_admin
fi
