# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make run   - create .venv, install, start the server in development mode on 127.0.0.1
#   make test  - install the project with its test tools (and the system packages the tests
#                need, where the machine allows), then lint, type-check and run every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 5000

.PHONY: run test install install-test system-deps node-deps lint typecheck pytest bench review clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	ANGIOVOICE_DEV=1 PORT=$(PORT) $(BIN)/angiovoice serve --dev --port $(PORT)

# espeak-ng gives pyttsx3 a voice on Linux; Debian's chromium runs the review page's browser test
# (Playwright drives it; we never download a browser). Installed when missing and we may (root
# or sudo); otherwise the speech and browser tests say why they are skipped.
system-deps:
	@missing=""; \
	command -v espeak-ng >/dev/null 2>&1 || missing="$$missing espeak-ng"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing) >/dev/null; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  (sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing) >/dev/null; \
	else echo "note:$$missing missing and cannot be installed here; speech and browser tests will skip"; fi

# Bespoken's virtual-alexa (npm) drives the dev server through the generated interaction model.
VA := tests/virtual_alexa
node-deps:
	@if [ -f $(VA)/node_modules/.stamp ] && [ $(VA)/node_modules/.stamp -nt $(VA)/package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(VA) --no-audit --no-fund --loglevel=error && touch $(VA)/node_modules/.stamp; \
	else echo "note: npm missing; tests/test_alexa_virtual.py will skip"; fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-test
	$(BIN)/mypy

# The event-store tests run against SQLite and a real PostgreSQL: scripts/with-postgres.sh starts
# a throwaway server on loopback for the run (installing Debian's postgresql when missing and
# we may) and always stops it; without one, the PostgreSQL tests say why they skip.
pytest: install-test system-deps node-deps
	scripts/with-postgres.sh $(BIN)/pytest

test: lint typecheck pytest

# Speed, outside the tests (about 5 minutes): understanding and CLI start-up, Lambda cold start,
# each channel endpoint under gunicorn against a bare view (needs wrk, installed here when
# possible), and a 60-second load with the event store on.
bench: install-test
	@command -v wrk >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -q && apt-get install -y -q wrk) >/dev/null
	$(BIN)/python benchmarks/understand.py
	$(BIN)/python benchmarks/cold_start.py
	$(BIN)/python benchmarks/channels.py
	$(BIN)/python benchmarks/load.py

# The clinicians' review page, with audio: out/review/index.html
review: install
	$(BIN)/angiovoice review --out out/review

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
