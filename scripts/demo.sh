#!/usr/bin/env bash
# `make demo`: migrate, create the demo project, then run the ASGI server and two Celery workers
# (interactive; batch + cpu) in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}
PORT=${PORT:-8000}

db_name=$($PY - <<'PY'
import os, dj_database_url
print(dj_database_url.parse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/masklet"))["NAME"])
PY
)
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='$db_name'" | grep -q 1 \
    || createdb -h 127.0.0.1 -U postgres "$db_name"
$PY manage.py migrate --no-input -v 0

pids=()
cleanup() {
    trap - INT TERM EXIT
    echo; echo "==> stopping"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
$PY -m celery -A config worker -Q interactive --pool=solo -n interactive@%h --loglevel=INFO &
pids+=($!)
$PY -m celery -A config worker -Q batch,cpu --pool=solo -n batch@%h --loglevel=INFO &
pids+=($!)
$PY -m uvicorn config.asgi:application --host 127.0.0.1 --port "$PORT" --log-config config/uvicorn-logging.json &
pids+=($!)
sleep 3
$PY manage.py demo_setup
backend=$($PY -c "import django,os;django.setup();from inference.config import backend_label;print(backend_label())")
echo "==> Masklet runs at http://127.0.0.1:$PORT/  (API docs: http://127.0.0.1:$PORT/api/docs/)"
echo "==> inference backend: $backend"
echo "==> Ctrl-C stops the server and the workers"
wait -n "${pids[@]}"
