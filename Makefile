# Two commands on a fresh machine:  `make run`  and  `make test`.
SHELL := /bin/bash
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
MANAGE := $(BIN)/python manage.py
# Tests use the local PostgreSQL when it answers (as CI does); DATABASE_URL overrides.
LOCAL_PG := postgres://postgres@127.0.0.1:5432/kunnskapskommunen_test
TEST_DATABASE_URL = $(or $(DATABASE_URL),$(shell pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo $(LOCAL_PG)))
PYTEST_ARGS ?=

.PHONY: run serve test lint format bench install install-dev messages makemessages demo clean

## run: set everything up and serve the site on 127.0.0.1:$(PORT) (SQLite, demo content)
run: export DJANGO_SETTINGS_MODULE = cms.settings.dev
run: install $(STAMPS)/npm messages
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo --address 127.0.0.1:$(PORT)
	$(MANAGE) ensure_admin --demo-roles
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## serve: run the site as production does on this machine: gunicorn, the task worker and the
## scheduler, PostgreSQL and Redis on 127.0.0.1, DEBUG off, static files collected
## (environment in .env.serve, made once from deploy/local-env.sh; DEMO=0 skips the demo content)
DEMO ?= 1
serve: install $(STAMPS)/npm messages .env.serve
	DEMO=$(DEMO) deploy/prepare.sh
	exec deploy/serve.sh

.env.serve:
	PORT=$(PORT) deploy/local-env.sh > $@
	@chmod 600 $@

## test: set up the environment with test tools and run the whole suite
test: export DJANGO_SETTINGS_MODULE = cms.settings.test
test: install-dev $(STAMPS)/npm $(STAMPS)/chromium $(STAMPS)/varnish $(STAMPS)/java messages
	@if [ -n "$(TEST_DATABASE_URL)" ]; then echo "Testing against $(TEST_DATABASE_URL)"; else echo "Testing against SQLite (no PostgreSQL answered on 127.0.0.1:5432)"; fi
	DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/pytest $(PYTEST_ARGS)

## lint: ruff (lint + format check), djhtml (templates) and the architecture contracts (import-linter)
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports --no-cache

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

## bench: benchmarks under gunicorn (not part of the test suite)
bench: export DJANGO_SETTINGS_MODULE = cms.settings.test
bench: install-dev $(STAMPS)/npm messages
	DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/python -m bench

# Always recompile: compilemessages skips a .mo that is newer than its .po, even a stale one.
messages: install $(STAMPS)/gettext
	find locale -name '*.mo' -delete
	cd $(CURDIR) && DJANGO_SETTINGS_MODULE=cms.settings.dev $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

makemessages: install $(STAMPS)/gettext
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(MANAGE) makemessages -l nb -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete

demo: install
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(MANAGE) load_demo --address 127.0.0.1:$(PORT)

install: $(STAMPS)/venv
install-dev: $(STAMPS)/dev

$(STAMPS)/venv: requirements.txt
	@mkdir -p $(STAMPS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(STAMPS)/dev: $(STAMPS)/venv requirements-dev.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(STAMPS)/npm: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# compilemessages needs GNU gettext's msgfmt.
$(STAMPS)/gettext:
	@mkdir -p $(STAMPS)
	@if ! command -v msgfmt >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q gettext; \
	fi
	@touch $@

# Browser tests drive Debian's Chromium (never a downloaded browser).
$(STAMPS)/chromium:
	@mkdir -p $(STAMPS)
	@if ! command -v chromium >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium fonts-dejavu-core; \
	fi
	@touch $@

# The front-cache test runs a real Varnish (Debian's package) in front of the test server.
$(STAMPS)/varnish:
	@mkdir -p $(STAMPS)
	@if ! command -v varnishd >/dev/null && [ ! -x /usr/sbin/varnishd ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q varnish; \
	fi
	@touch $@

# The HTML validator test runs the Nu Html Checker (npm vnu-jar), which needs Java.
$(STAMPS)/java:
	@mkdir -p $(STAMPS)
	@if ! command -v java >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q default-jre-headless; \
	fi
	@touch $@

clean:
	rm -rf $(VENV) $(STAMPS) node_modules staticfiles .pytest_cache
