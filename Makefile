# Every target creates .venv itself from the lock file; CI runs the same targets.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
DEMO_DB ?= var/demo.sqlite3
HOST ?= 127.0.0.1:8000
# Two workers: the machine has two cores. `make test PYTEST_ARGS=` runs in one process.
PYTEST_ARGS ?= -n 2

.DEFAULT_GOAL := help
.PHONY: help install demo test test-postgres lint bench messages lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	@touch $@

install: $(VENV)/.installed ## create .venv from requirements.lock

# The demo mails into var/mail/ (one file per worker pass) so the console keeps the logins.
DEMO_ENV := DATABASE_URL=sqlite:///$(DEMO_DB) EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend

demo: install ## migrate an SQLite database, load the demo marketplace, serve it on 127.0.0.1:8000
	@mkdir -p var
	$(DEMO_ENV) $(MANAGE) migrate --noinput -v0
	$(DEMO_ENV) $(MANAGE) run_worker --loop --interval 10 >var/worker.log 2>&1 & trap 'kill $$!' EXIT INT TERM; \
	$(DEMO_ENV) $(MANAGE) load_demo && \
	$(DEMO_ENV) $(MANAGE) runserver --noreload $(HOST)

test: install ## run the whole suite (SQLite unless DATABASE_URL says otherwise)
	$(PY) -m pytest -q $(PYTEST_ARGS)

test-postgres: install ## the whole suite against the local PostgreSQL
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/weiquan $(PY) -m pytest -q $(PYTEST_ARGS)

lint: install ## ruff
	$(VENV)/bin/ruff check .

bench: install ## run every benchmark under bench/ (slow; figures go to docs/benchmarks.md by hand)
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

messages: install ## extract strings, fill en and zh-Hant, compile every catalogue
	$(MANAGE) makemessages --no-location --no-wrap -l zh_Hans -l zh_Hant -l en --ignore=.venv --ignore=bench --ignore=var
	$(PY) -m weiquan.i18n_tools fill
	$(MANAGE) compilemessages --ignore=.venv -v0

lock: ## re-resolve requirements.in into requirements.lock
	rm -rf /tmp/weiquan-lock && $(PYTHON) -m venv /tmp/weiquan-lock
	/tmp/weiquan-lock/bin/pip install -q -r requirements.in
	/tmp/weiquan-lock/bin/pip freeze > requirements.lock

clean: ## remove .venv and var/
	rm -rf $(VENV) var
