#!/usr/bin/env bash
# `make demo`: migrate, create the demo project, then run the ASGI server and the Celery workers
# (interactive, two by default; batch; cpu) under supervisord in the foreground until Ctrl-C. supervisord restarts
# a process that dies (and logs it) while the others keep serving: scripts/demo-supervisord.conf.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}
export PORT=${PORT:-8000}
export MASKLET_WORKER_DB_POOL_MAX=${MASKLET_WORKER_DB_POOL_MAX:-2}
# Click workers: two, so that a click waits behind another click only when both are busy
# (README, Team scale); each holds its own model (about 1 GB with SAM 2 B+ on the CPU).
export MASKLET_INTERACTIVE_WORKERS=${MASKLET_INTERACTIVE_WORKERS:-2}
# Web server processes: one per four cores, at least one. On two cores a second one took CPU from
# the click workers (benchmarks/load.py: click p95 under load 2.1 s with one, 4.3 s with two).
cores=$(nproc 2>/dev/null || echo 2)
export MASKLET_WEB_PROCESSES=${MASKLET_WEB_PROCESSES:-$(( cores / 4 > 1 ? cores / 4 : 1 ))}

db_name=$($PY - <<'PY'
import os, dj_database_url
print(dj_database_url.parse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/masklet"))["NAME"])
PY
)
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='$db_name'" | grep -q 1 \
    || createdb -h 127.0.0.1 -U postgres "$db_name"
$PY manage.py migrate --no-input -v 0

MASKLET_DEMO_RUN=$(mktemp -d "${TMPDIR:-/tmp}/masklet-demo.XXXXXX")
export MASKLET_DEMO_RUN
supervisord_pid=
cleanup() {
    trap - INT TERM EXIT
    if [ -n "$supervisord_pid" ]; then
        echo; echo "==> stopping"
        # supervisord stops every program (TERM, then KILL after 10 s) before it exits.
        kill -TERM "$supervisord_pid" 2>/dev/null || true
        wait "$supervisord_pid" 2>/dev/null || true
    fi
    rm -rf "$MASKLET_DEMO_RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
.venv/bin/supervisord -c scripts/demo-supervisord.conf &
supervisord_pid=$!

# The server answers once it has started (or the demo stops with its log above, e.g. a busy port).
http_ok() {
    local reply
    { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 1
    printf 'GET /api/status/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    read -r -t 5 reply <&3 || true
    exec 3<&- 3>&-
    [[ "$reply" == *" 200 "* ]]
}
for _ in $(seq 120); do
    http_ok && break
    kill -0 "$supervisord_pid" 2>/dev/null || exit 1
    sleep 1
done
http_ok || { echo "==> the web server did not start on port $PORT (see the log above)" >&2; exit 1; }

$PY manage.py demo_setup
backend=$($PY -c "import django,os;django.setup();from annotation.selectors.status import backend_label;print(backend_label())")
echo "==> Masklet runs at http://127.0.0.1:$PORT/  (API docs: http://127.0.0.1:$PORT/api/docs/)"
echo "==> inference backend: $backend"
echo "==> a process that dies is restarted; Ctrl-C stops the server and the workers"
wait "$supervisord_pid"
