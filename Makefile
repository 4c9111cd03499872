# Impulsa: `make demo` runs the demo, `make test` runs every check CI runs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup demo test lint bench chromium messages serve totp

help:
	@echo "make demo   - install, migrate, load demo data and serve http://$(HOST):$(PORT)"
	@echo "make test   - install, then ruff, import contracts, migrations check and pytest"
	@echo "make bench  - benchmarks (figures printed; see bench/README.md)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# compilemessages needs GNU gettext's msgfmt.
messages: $(STAMP)
	@command -v msgfmt >/dev/null || $(SUDO) apt-get install -y -q gettext >/dev/null || \
		($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q gettext >/dev/null)
	@cd src/impulsa && ../../$(PY) ../../manage.py compilemessages -v0

setup: $(STAMP) $(NPM_STAMP) messages

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null || $(SUDO) apt-get install -y -q chromium >/dev/null || \
		($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium >/dev/null)

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# pytest-xdist workers: "auto" is one per core, each with its own test database; the
# browser journeys stay together on one worker (tests/conftest.py). TEST_WORKERS=0 runs
# the suite in one process. The 20 slowest tests are printed after every run.
TEST_WORKERS ?= auto
test: setup chromium lint
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) -m pytest -p no:cacheprovider -n $(TEST_WORKERS) --dist loadgroup --durations=20; \
		status=$$?; \
		if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; \
		exit $$status

demo: setup
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py seed_demo
	@$(MAKE) --no-print-directory serve

# The launcher runs granian (and Celery when REDIS_URL is set) and, on Ctrl+C, stops
# them and the embedded PostgreSQL (src/impulsa/serve.py).
serve:
	@HOST=$(HOST) PORT=$(PORT) exec $(PY) -m impulsa.serve

bench: setup
	$(PY) bench/run.py

# The current two-factor code of the demo administrators.
totp: setup
	@$(PY) manage.py demo_totp
