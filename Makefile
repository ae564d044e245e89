# Two commands: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FRONTEND_SOURCES := $(shell find frontend -type f 2>/dev/null) package.json

.DEFAULT_GOAL := help
.PHONY: help run test lint check pytest chromium pdf-libs assets deps lock bench load audit clean

help:
	@echo "make run    start the platform (web, Celery worker and beat) at http://localhost:8000/"
	@echo "make test   lint, checks and every test, browser tests included"
	@echo "make bench  measure the performance targets; writes bench/results.json"
	@echo "make load   50 simulated people for 5 minutes on a real deployment; exits 1 on a miss"
	@echo "make audit  check the pinned dependencies for known vulnerabilities (needs the network)"
	@echo "make lock   re-pin the Python dependencies after editing pyproject.toml"

$(BIN)/.installed: requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/dist/.built: node_modules/.installed $(FRONTEND_SOURCES)
	npm run --silent build
	touch $@

deps: $(BIN)/.installed
assets: static/dist/.built

chromium:
	@test -x /usr/bin/chromium || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium)

# What the PDF reports need from Debian, as the Dockerfile installs it: Liberation Sans (the
# print design's font; without it reports fall back to the wider DejaVu Sans, 53 pages
# instead of 49 for the bench report) and HarfBuzz's subsetter (without it WeasyPrint subsets
# fonts with fontTools, slower).
PDF_PACKAGES := fonts-liberation libharfbuzz-subset0
pdf-libs:
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(PDF_PACKAGES))

run: deps assets
	$(BIN)/python -m config.launcher

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: deps
	DJANGO_SETTINGS_MODULE=config.test_settings $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.test_settings $(BIN)/python manage.py makemigrations --check --dry-run

pytest: deps assets chromium pdf-libs
	$(BIN)/python -m pytest

test: lint check pytest

bench: deps assets pdf-libs
	$(BIN)/python -m bench

load: deps assets pdf-libs
	$(BIN)/python -m bench.loadtest

# --strict: a dependency that could not be checked (no network, say) fails the audit instead of
# being skipped under "No known vulnerabilities found". Exceptions are listed in docs/security.md.
audit: deps
	$(BIN)/pip-audit --requirement requirements.lock --strict --progress-spinner off

lock: deps
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --quiet -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --quiet --extra dev -o requirements-dev.lock

clean:
	rm -rf static/dist node_modules/.installed $(BIN)/.installed
