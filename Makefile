# The first two targets are the only ones a newcomer needs: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
# The address make run serves (and prints): `make run HOST=0.0.0.0:8011` or
# `HOST=127.0.0.1:8011 make run`. Links in the emails it sends use it too.
HOST ?= 127.0.0.1:8000
DEV := DJANGO_SETTINGS_MODULE=fellowship_site.settings.dev

.PHONY: run test test-browser lint format check backup restore install bench

run: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo --if-empty
	@$(DEV) $(PY) manage.py demo_logins --address $(HOST)
	$(DEV) WAGTAILADMIN_BASE_URL=http://$(HOST) $(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest -n 2 --cov --cov-report=term:skip-covered --cov-fail-under=94

test-browser: install
	$(PY) -m pytest tests/browser -m browser -p no:randomly

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/djhtml --check templates
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml templates

check: install
	$(DEV) $(PY) manage.py check
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

# Run these with the site's own environment (DJANGO_SETTINGS_MODULE, DATABASE_URL,
# MEDIA_ROOT): docs/operations.md.
backup:
	$(PY) manage.py backup

restore:
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<stamp>"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Load tests (docs/performance.md): the large load data in its own databases
# (bench/bench.sqlite3 and PostgreSQL's fellowship_bench), gunicorn with production
# settings on 127.0.0.1, wrk at each page type; writes the table into
# docs/performance.md. Needs PostgreSQL on 127.0.0.1:5432 and Redis on 6379.
bench: install
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(PY) bench/run.py
