# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make run   - create .venv, install, start the server in development mode on 127.0.0.1
#   make test  - install the project with its test tools (and the system packages the tests
#                need, where the machine allows), then lint, type-check and run every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 5000

.PHONY: run test install install-test system-deps node-deps lint typecheck pytest bench clean

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

# espeak-ng gives pyttsx3 a voice on Linux. Installed when missing and we may (root or sudo);
# otherwise the speech tests say why they are skipped.
system-deps:
	@if command -v espeak-ng >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -q && apt-get install -y -q espeak-ng) >/dev/null; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  (sudo apt-get update -q && sudo apt-get install -y -q espeak-ng) >/dev/null; \
	else echo "note: espeak-ng missing and cannot be installed here; speech tests will skip"; fi

# Bespoken's virtual-alexa (npm) drives the dev server through the generated interaction model.
VA := tests/virtual_alexa
node-deps:
	@if [ -f $(VA)/node_modules/.stamp ] && [ $(VA)/node_modules/.stamp -nt $(VA)/package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(VA) --no-audit --no-fund --loglevel=error && touch $(VA)/node_modules/.stamp; \
	else echo "note: npm missing; tests/test_alexa_virtual.py will skip"; fi

lint: install-test
	$(BIN)/ruff check .

typecheck: install-test
	$(BIN)/mypy

pytest: install-test system-deps node-deps
	$(BIN)/pytest

test: lint typecheck pytest

bench: install-test
	$(BIN)/python benchmarks/understand.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
