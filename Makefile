# Masklet: the commands the README names.
#   make demo   run the product (API, browser app, workers) with a demo project
#   make test   run the whole test suite against real PostgreSQL, Redis, Celery and Chromium
SHELL := /bin/bash
PY := .venv/bin/python
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: install venv frontend services demo test test-python test-frontend api-types bench lint migrations-check clean

install: venv frontend

venv:
	@bash scripts/venv.sh

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error

frontend: frontend/node_modules/.package-lock.json
	cd frontend && npm run build

services:
	@bash scripts/services.sh

demo: install services
	@bash scripts/demo.sh

test: install services
	@bash scripts/browser.sh
	$(MAKE) test-frontend
	$(MAKE) migrations-check
	$(PY) -m ruff check .
	.venv/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

test-python: venv services
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

test-frontend: frontend/node_modules/.package-lock.json
	cd frontend && npm test

# The browser app's API types: the server's OpenAPI schema and realtime event schema, exported
# with the test settings, then TypeScript generated from both (all four files are committed;
# tests/frontend/test_generated_types.py fails when they are stale).
api-types: venv frontend/node_modules/.package-lock.json
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py spectacular --format openapi-json --file frontend/src/api/openapi.json
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py event_schema --file frontend/src/api/events.schema.json
	cd frontend && npm run api-types

migrations-check: venv
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

bench: install services
	for b in ingest propagation memory click export load annotator; do $(PY) benchmarks/$$b.py || exit 1; done

lint: venv
	$(PY) -m ruff check .
	.venv/bin/lint-imports

clean:
	rm -rf var test-artifacts frontend/dist
