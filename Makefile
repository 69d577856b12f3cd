# Doorbraakschool — the two entry points are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUM := $(shell cksum pyproject.toml | cut -d' ' -f1)
# What each entry point installs (extras in pyproject.toml; sizes in the README):
# `make run` the server plus Dutch speech for rendering videos with Debian's ffmpeg
# (`make run RUN_EXTRAS=media` adds a bundled ffmpeg); `make test` everything.
RUN_EXTRAS ?= speech
TEST_EXTRAS := media,content,postgres,dev
RUN_STAMP := $(VENV)/.installed-run-$(SUM)
TEST_STAMP := $(VENV)/.installed-test-$(SUM)
DEMO_PASSWORD ?= doorbraak-demo
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL for the second test pass; an exported TEST_DATABASE_URL counts too.
PG_TEST_URL ?= $(TEST_DATABASE_URL)

.PHONY: browser-deps install install-run migrate demo run test lint fmt check revision clean videos \
	content-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(RUN_EXTRAS)]'
	rm -f $(VENV)/.installed-run-*
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(TEST_EXTRAS)]'
	rm -f $(VENV)/.installed-test-*
	touch $(TEST_STAMP)

install-run: $(RUN_STAMP)

install: $(TEST_STAMP)

AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility checks will skip"; fi

browser-deps: $(AXE)

migrate: install-run
	$(BIN)/doorbraakschool db upgrade

demo: migrate
	$(BIN)/doorbraakschool demo --password $(DEMO_PASSWORD)

# Serves first and says "draait op" once /healthz answers; then renders missing videos in the
# background (var/render.log). Ctrl+C stops both (app/launcher.py).
run: demo
	@$(BIN)/doorbraakschool run --host $(HOST) --port $(PORT) --demo-password $(DEMO_PASSWORD)

lint: install
	$(BIN)/ruff check app tests migrations bench
	$(BIN)/ruff format --check app tests migrations bench
	$(BIN)/mypy app

# Pass 1: everything on SQLite, the default database (TEST_DATABASE_URL removed, whatever the shell
# exports). Pass 2: the database tests again on PostgreSQL when PG_TEST_URL names one.
test: lint browser-deps
	@echo "== All tests on SQLite =="
	env -u TEST_DATABASE_URL $(BIN)/pytest
	@if [ -n "$(PG_TEST_URL)" ]; then \
		echo "== Database tests again on PostgreSQL ($(PG_TEST_URL)) =="; \
		TEST_DATABASE_URL="$(PG_TEST_URL)" \
			$(BIN)/pytest -m "not browser and not slow and not drill" -p no:cacheprovider; \
	else \
		echo "PG_TEST_URL is not set: PostgreSQL run skipped."; \
	fi

videos: install-run
	$(BIN)/doorbraakschool videos render

content-check: install
	$(BIN)/doorbraakschool content check

fmt: install
	$(BIN)/ruff format app tests migrations bench
	$(BIN)/ruff check --fix app tests migrations bench

revision: install
	$(BIN)/alembic revision --autogenerate -m "$(m)"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
