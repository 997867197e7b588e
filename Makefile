# Chiang Mai OTOP marketplace: everyday commands (GNU make).
#
#   make run     the site on http://127.0.0.1:8000/ with demo data (SQLite, eager Celery)
#   make test    the whole test suite
#   make serve   production-like: gunicorn + Celery worker + beat on PostgreSQL and Redis
#
# Every target builds .venv first. The install step runs only when a
# requirements file is newer than the stamp .venv/.installed, so a second
# `make run` starts in seconds.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
REQUIREMENTS := $(wildcard requirements*.txt)
MANAGE := $(PY) manage.py

# Where the dev server and gunicorn listen.
RUN_ADDR ?= 127.0.0.1:8000
SERVE_ADDR ?= 127.0.0.1:8000
# Extra arguments for pytest, e.g. make test PYTEST_ARGS="-k health -x"
# (PYTEST_WORKERS=0 for one process, e.g. to use --pdb).
PYTEST_ARGS ?=

.PHONY: help venv run test lint e2e serve migrate demo messages clean distclean bench

help:
	@echo "make run        set up .venv, migrate, load demo data, runserver on $(RUN_ADDR)"
	@echo "make test       run the test suite (pytest, in parallel: PYTEST_WORKERS=0 for one process); browser journeys are skipped unless E2E=1"
	@echo "make lint       static checks: the import contracts (lint-imports: layers, shared libraries, private modules;"
	@echo "                docs/architecture.md); CI runs it before the tests"
	@echo "make e2e        browser journeys (Playwright + Debian's /usr/bin/chromium; screenshots in artifacts/e2e/)"
	@echo "make serve      production-like: collectstatic, migrate, gunicorn + Celery worker + beat"
	@echo "                (needs DATABASE_URL, CELERY_BROKER_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, SITE_URL)"
	@echo "make migrate    apply migrations"
	@echo "make demo       load the demo data (idempotent; prints the demo logins)"
	@echo "make backup     PostgreSQL dump + media archive of DATABASE_URL and MEDIA_ROOT into BACKUP_DIR (default backups/)"
	@echo "make restore    FILE=backups/otop-<time>.dump into an empty DATABASE_URL and MEDIA_ROOT (FORCE=1 replaces data)"
	@echo "make messages   compile translations (locale/*/LC_MESSAGES/django.po -> .mo)"
	@echo "make clean      remove generated files (static build, caches); distclean also .venv and db.sqlite3"
	@echo "make bench      benchmark on PostgreSQL: generate data (small; BENCH_FULL=1 for 10,000 products), then load-test"
	@echo "                the shop next to stock Oscar and a trivial view, plus component benchmarks (bench/README.md)"
	@echo "make bench-quick  the whole benchmark harness on tiny data in a few minutes (CI runs it; numbers meaningless)"
	@echo "make faults     fault drills (Redis, Celery worker, gunicorn worker, PostgreSQL stopped or killed) on throwaway"
	@echo "                servers against the production set-up; prints the table, writes bench/results/faults-<date>.md"

# --- The virtual environment --------------------------------------------------

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "make: Python 3.11 or newer is needed as '$(PYTHON)' (make PYTHON=/path/to/python3.11 ...)" >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "make: '$(PYTHON)' cannot create virtual environments; on Debian or Ubuntu: apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Order-only on the interpreter: a new .venv has no stamp, so it installs;
# an existing one reinstalls only when a requirements file changed. The stamp
# is written after pip succeeds, so a failed install is retried next time.
$(STAMP): $(REQUIREMENTS) | $(PY)
	@echo "make: installing requirements-dev.txt into $(VENV)"
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	@touch $@

venv: $(STAMP)

# --- Development: the embedded default ---------------------------------------
# DEBUG=true only for these targets. Nothing else is set here, so without
# DATABASE_URL / CELERY_BROKER_URL / REDIS_URL in your environment you get
# SQLite at db.sqlite3, tasks run in-process and emails on the console; set
# them yourself to develop against PostgreSQL and Redis.
run demo migrate messages: export DEBUG := true

migrate: $(STAMP)
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_data

run: demo
	$(MANAGE) runserver $(RUN_ADDR)

messages: $(STAMP)
	@command -v msgfmt >/dev/null || { echo "make: msgfmt not found; on Debian or Ubuntu: apt-get install gettext" >&2; exit 1; }
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=node_modules

# --- Tests --------------------------------------------------------------------
# In parallel with pytest-xdist: PYTEST_WORKERS processes, by default one per
# CPU but at most 2 (the suite keeps both CPUs busy; a third worker on two
# CPUs only adds switching); PYTEST_WORKERS=0 runs everything in this one
# process. Each worker has its own test database (test_<name>_gw0, _gw1; on
# PostgreSQL copies of one database migrated once per run while the workers
# run the tests that need none: tests/testdb.py, tests/README.md) and its
# own Redis databases, because every test empties the cache
# and the worker tests purge the broker: worker gwN takes the numbers of
# REDIS_URL and CELERY_BROKER_URL minus 2N (tests/settings.py), so CI's 14
# and 15 become 12-15 with two workers, the range reserved for tests. More
# workers reach below 12: reserve more databases first (.ci/run flushes them).
# --dist loadgroup: the groups of tests that must share one worker (the fault
# drills, one at a time; the hostile input sweep; the modules that build
# their data once, such as the demo data and the search corpus) are
# XDIST_GROUPS in tests/conftest.py.
# Exit code 5 ("no tests collected") is not a failure: a fresh checkout with
# only some apps must still build.
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n < 2 ? n : 2 )))

test: $(STAMP)
	@status=0; $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests (exit code 5), not a failure"; status=0; fi; \
	exit $$status

# --- Lint -----------------------------------------------------------------------
# Static checks, no database or services: CI runs `make lint` before `make test`
# and fails on any of them. Each step runs even when an earlier one failed, so
# one run reports everything; the target fails if any step did.
# - lint-imports: the import contracts in pyproject.toml ([tool.importlinter]):
#   the layers, the shared libraries importing no app, no private module
#   imported from outside its package (docs/architecture.md).
# - ruff check (rules in pyproject.toml [tool.ruff]; RUF100 fails a noqa that
#   silences nothing) and ruff format --check (120 columns).
LINT_STEPS := "$(VENV)/bin/lint-imports --no-logo"
LINT_STEPS += "$(VENV)/bin/ruff check ." "$(VENV)/bin/ruff format --check ."

lint: $(STAMP)
	@status=0; for step in $(LINT_STEPS); do echo "make lint: $$step"; $$step || status=1; done; exit $$status

e2e: $(STAMP)
	E2E=1 $(PY) -m pytest tests/e2e -m e2e -p no:cacheprovider $(PYTEST_ARGS)

# --- Production-like ----------------------------------------------------------
# DEBUG off, so the settings insist on SECRET_KEY and ALLOWED_HOSTS; for plain
# http on this machine also set SECURE_SSL_REDIRECT=false. Whitenoise serves
# the collected static files. The three processes run until Ctrl-C (or one of
# them exits), and then all three are stopped.
SERVE_NEEDS := DATABASE_URL CELERY_BROKER_URL REDIS_URL SECRET_KEY ALLOWED_HOSTS SITE_URL

serve: export DEBUG := false
serve: $(STAMP)
	@missing=; for name in $(SERVE_NEEDS); do [ -n "$${!name:-}" ] || missing="$$missing $$name"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make serve: set$$missing in the environment first (see README.md, Configuration)." >&2; \
	  echo "  e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/otop CELERY_BROKER_URL=redis://127.0.0.1:6379/0" >&2; \
	  echo "       REDIS_URL=redis://127.0.0.1:6379/1 SECRET_KEY=... ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false" >&2; \
	  echo "       SITE_URL=http://127.0.0.1:8000" >&2; \
	  exit 2; fi
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) migrate --noinput
	@pids=; \
	stop() { trap - INT TERM EXIT; [ -z "$$pids" ] || kill $$pids 2>/dev/null; wait; echo "make serve: stopped"; }; \
	trap 'stop; exit 130' INT TERM; trap stop EXIT; \
	$(VENV)/bin/gunicorn shop.wsgi --workers "$${WEB_CONCURRENCY:-2}" --bind $(SERVE_ADDR) --access-logfile - & pids="$$pids $$!"; \
	$(VENV)/bin/celery -A shop worker --loglevel INFO --concurrency "$${CELERY_CONCURRENCY:-2}" & pids="$$pids $$!"; \
	$(VENV)/bin/celery -A shop beat --loglevel INFO --schedule $(VENV)/celerybeat-schedule & pids="$$pids $$!"; \
	echo "make serve: gunicorn on http://$(SERVE_ADDR)/, Celery worker and beat running; Ctrl-C stops all three"; \
	wait -n; status=$$?; \
	echo "make serve: a process ended (status $$status); stopping the others" >&2; exit $$status

# --- Backups ------------------------------------------------------------------
# docs/operations.md. Same environment as `make serve` (DATABASE_URL,
# MEDIA_ROOT, .env). DEBUG defaults to true only so manage.py starts without
# SECRET_KEY: these commands serve no requests; a DEBUG you set is kept.
BACKUP_DIR ?= backups

.PHONY: backup restore
backup restore: export DEBUG ?= true
backup: $(STAMP)
	$(MANAGE) backup_site --output-dir "$(BACKUP_DIR)"

restore: $(STAMP)
	@[ -n "$(FILE)" ] || { echo "make restore: say which backup, e.g. make restore FILE=$(BACKUP_DIR)/otop-20261126T051500Z.dump" >&2; \
	  ls -1 "$(BACKUP_DIR)"/otop-*.dump 2>/dev/null | tail -n 5 | sed 's/^/  /' >&2; exit 2; }
	$(MANAGE) restore_site "$(FILE)" $(if $(filter 1,$(FORCE)),--force)

# --- Benchmark -----------------------------------------------------------------
# bench/README.md. Needs PostgreSQL (BENCH_DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/otop_bench, created if missing), Redis
# for the cache (BENCH_REDIS_URL) and wrk. The default data is small
# (2,000 products, 5,000 orders, 50,000 ledger rows: a few minutes);
# BENCH_FULL=1 generates the issue's full size (10,000 / 100,000 / 1,000,000).
# Extra arguments for the runner, e.g. BENCH_ARGS="--quick" or "--scale 1000,10000".
BENCH_ARGS ?=
BENCH_SMALL := --products 2000 --orders 5000 --movements 50000

# BENCH_FULL=1 also runs the catalogue-size sweep (its databases are built
# once and kept). Every run includes the component benchmarks (inventory,
# checkout, search, reports). Generation is idempotent: data already there is
# reused, so only the first run pays for it.
BENCH_FULL_ARGS := --scale 1000,10000,100000

.PHONY: bench bench-quick
bench: $(STAMP)
	$(PY) bench/generate.py $(if $(filter 1,$(BENCH_FULL)),,$(BENCH_SMALL))
	$(PY) bench/run.py $(if $(filter 1,$(BENCH_FULL)),$(BENCH_FULL_ARGS)) $(BENCH_ARGS)

# make bench-quick: the whole harness (every target, the sweep, every
# component) on tiny data in databases of its own, about a second per page:
# proves it works in a few minutes; the numbers mean nothing. Exits non-zero
# only when the harness breaks, never on numbers. Results go to a temporary
# directory, not bench/results/. CI runs it (.ci/run; CI_BENCH=0 skips it).
BENCH_QUICK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/otop_bench_quick
BENCH_QUICK_DATA := --products 60 --producers 10 --orders 200 --movements 2000 --customers 20 --stories 3
BENCH_QUICK_RUN := --quick --duration 1 --warmup 0 --connections 4 --scale 30,120 --strict
bench-quick: $(STAMP)
	@out="$$(mktemp -d /tmp/otop-bench-quick.XXXXXX)" && \
	BENCH_DATABASE_URL="$(BENCH_QUICK_DATABASE_URL)" $(PY) bench/generate.py $(BENCH_QUICK_DATA) && \
	BENCH_DATABASE_URL="$(BENCH_QUICK_DATABASE_URL)" $(PY) bench/run.py $(BENCH_QUICK_RUN) --out "$$out" $(BENCH_ARGS) && \
	echo "make bench-quick: harness OK; results in $$out"

# --- Fault drills ---------------------------------------------------------------
# Issue 17: Redis stopped, a Celery worker and a gunicorn worker killed,
# PostgreSQL down, each against the production set-up on throwaway servers
# (tests/integration/faults/). Prints the table and writes it to
# bench/results/faults-<date>.md. Needs PostgreSQL (FAULTS_DATABASE_URL,
# default .../otop_faults, created if missing), redis-server and initdb.
# Extra pytest arguments: make faults FAULTS_ARGS="-k redis".
FAULTS_ARGS ?=

.PHONY: faults
faults: $(STAMP)
	$(PY) bench/faults.py $(FAULTS_ARGS)

# --- Housekeeping -------------------------------------------------------------

clean:
	rm -rf staticfiles .pytest_cache $(VENV)/celerybeat-schedule*
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# Also the virtual environment and the development database (demo data is
# reloaded by the next `make run`).
distclean: clean
	rm -rf $(VENV) db.sqlite3 db.sqlite3-shm db.sqlite3-wal
