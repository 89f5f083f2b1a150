#!/usr/bin/env bash
# Run the site as production does, in the foreground: gunicorn (web), the task worker
# (db_worker) and the scheduler (run_scheduler). Stops all three when one of them stops or on
# Ctrl-C / SIGTERM. On a server, systemd runs the same three commands (deploy/systemd/).
#
# Environment: ENV_FILE (default .env.serve) is read first; variables already set win.
# deploy/env.example lists every variable. The database must be migrated and static files
# collected (`make serve` does both).
set -euo pipefail
cd "$(dirname "$0")/.."

. deploy/load-env.sh

pids=()
stop() {
    trap - TERM INT
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait
}
trap 'stop; exit 0' TERM INT

"$BIN/gunicorn" cms.wsgi:application --config deploy/gunicorn.conf.py &
pids+=($!)
# The worker yields the CPU to web requests (e-mails with PDF tickets can wait a moment).
nice -n "${WORKER_NICE:-10}" "$BIN/python" manage.py db_worker --no-reload --queue-name '*' &
pids+=($!)
"$BIN/python" manage.py run_scheduler &
pids+=($!)
echo "Serving on http://${GUNICORN_BIND:-127.0.0.1:8000}/ (web, worker and scheduler; Ctrl-C stops all three)"

# The first process to stop takes the others with it, and its exit status is ours.
set +e
wait -n "${pids[@]}"
status=$?
set -e
echo "A process stopped (exit $status); stopping the others." >&2
stop
exit "$status"
