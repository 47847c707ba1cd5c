# Consult — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
export FLASK_APP := wsgi.py
# Parallel test workers (pytest-xdist); set JOBS=0 to run in one process.
JOBS   ?= auto

.PHONY: run test test-fast test-postgres test-e2e translations compile-translations install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# Test-only tools from npm (axe-core, the Nu HTML Checker): never served by the app.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  CHROMEDRIVER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the browser tests will run without the axe-core and HTML audits."; fi

# The compiled catalogs (.mo) are built, not kept in git: without them every page is in English.
install: $(VENV)/.installed compile-translations
install-dev: $(VENV)/.installed-dev node_modules/.installed

compile-translations: $(VENV)/.installed
	$(BIN)/pybabel -q compile -d translations

# The links in the mail printed on the console lead to this server (unless PUBLIC_URL says otherwise).
run: export PUBLIC_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask demo
	@echo "Consult is served on http://$(HOST):$(PORT)/"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: install-dev compile-translations
	$(BIN)/python -m pytest -n $(JOBS) $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-fast: install-dev compile-translations
	$(BIN)/python -m pytest -n $(JOBS) -m "not e2e" $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-e2e: install-dev compile-translations
	$(BIN)/python -m pytest -n $(JOBS) -m e2e $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Needs TEST_DATABASE_URL=postgresql+psycopg://user@host:port/name (see README).
test-postgres: install-dev compile-translations
	@test -n "$$TEST_DATABASE_URL" || (echo "Set TEST_DATABASE_URL to a PostgreSQL URL." && exit 2)
	$(BIN)/python -m pytest -n $(JOBS) -m "not e2e" $(PYTEST_ARGS) || [ $$? -eq 5 ]

translations: install-dev
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -k _lp:1c,2 -k lazy_pgettext:1c,2 -o translations/messages.pot --no-location --sort-output --project=Consult .
	$(BIN)/pybabel -q update -N -i translations/messages.pot -d translations --width 100
	$(BIN)/python translations/fill_english.py translations/en/LC_MESSAGES/messages.po
	$(BIN)/pybabel -q compile -d translations

clean:
	rm -rf $(VENV) node_modules .pytest_cache  # never the data: instance/ holds the database and uploads
