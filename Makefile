# Two commands on a fresh machine: `make run` (serve) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The suite runs in parallel (pytest-xdist), one worker a core up to four: each worker has its
# own test databases; more workers than cores slow the timing-sensitive realtime tests.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)
PYTEST_ARGS ?=
DATABASES := default scores dictionary

.PHONY: run serve install install-dev migrate static demo banner test test-sqlite test-postgres \
        lint format bench clean browser

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	@for db in $(DATABASES); do $(PY) manage.py migrate --noinput --database=$$db || exit 1; done

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

demo: migrate
	$(PY) manage.py load_demo

banner:
	@echo ""
	@echo "  Mirubato is starting on http://127.0.0.1:$(PORT)"
	@echo "  API docs (Swagger UI):  http://127.0.0.1:$(PORT)/api/docs/"
	@echo "  OpenAPI schema:         http://127.0.0.1:$(PORT)/api/schema/"
	@echo "  Admin:                  http://127.0.0.1:$(PORT)/admin/"
	@echo "  Health:                 http://127.0.0.1:$(PORT)/health"
	@echo "  WebSocket sync:         ws://127.0.0.1:$(PORT)/ws/sync"
	@echo "  Create a staff login:   $(PY) manage.py createsuperuser"
	@echo ""

# One server for HTTP and the WebSocket sync channel (ws://127.0.0.1:$(PORT)/ws/sync).
run: demo static banner
	PORT=$(PORT) GUNICORN_WORKER_CLASS=sync.realtime.worker.RealtimeUvicornWorker \
	  $(VENV)/bin/gunicorn --config gunicorn.conf.py mirubato.asgi:application

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install-dev browser lint test-sqlite test-postgres

# The dictionary's end-to-end test drives Debian's Chromium through Playwright (never
# `playwright install`); installed here when missing.
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

test-sqlite: install-dev
	@echo "==> Test suite on SQLite"
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-postgres: install-dev
	@echo "==> Test suite on PostgreSQL"
	PY=$(PY) scripts/test-postgres.sh -n $(TEST_WORKERS) $(PYTEST_ARGS)

bench: install-dev
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf var/test_*.sqlite3 .pytest_cache .ruff_cache
