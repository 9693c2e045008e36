# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
PG_PORT := 54329
REDIS_PORT := 63799

# A DATABASE_URL / REDIS_URL given from outside is used as it is; otherwise the
# private services under var/ are started and used.
ifeq ($(strip $(DATABASE_URL)),)
export DATABASE_URL := postgres://portal@127.0.0.1:$(PG_PORT)/portal
else
export PORTAL_EXTERNAL_DB := 1
endif
ifeq ($(strip $(REDIS_URL)),)
export REDIS_URL := redis://127.0.0.1:$(REDIS_PORT)/0
TEST_REDIS_URL := redis://127.0.0.1:$(REDIS_PORT)/1
else
export PORTAL_EXTERNAL_REDIS := 1
TEST_REDIS_URL := $(REDIS_URL)
endif
export PORTAL_PG_PORT := $(PG_PORT)
# Parallel test runners (pytest-xdist), one per core of the 2-core machine; `make test TEST_WORKERS=0`
# runs the suite in one process.
TEST_WORKERS ?= 2
export PORTAL_REDIS_PORT := $(REDIS_PORT)

.PHONY: help setup services run test stop lint bench messages

help:
	@echo "make run    install what is missing, start services, load the demo county, serve http://127.0.0.1:8000"
	@echo "make test   the same set-up, then ruff, checks, migration check and the whole test suite"
	@echo "make stop   stop the private PostgreSQL, Redis and Celery worker under var/"

setup:
	@scripts/setup.sh

services: setup
	@scripts/services.sh start

run: services
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py seed_demo
	@scripts/run.sh

test: services
	@echo "==> ruff"
	@.venv/bin/ruff check .
	@echo "==> manage.py check"
	@DJANGO_ENV=test $(PY) manage.py check --fail-level WARNING
	@echo "==> makemigrations --check"
	@DJANGO_ENV=test $(PY) manage.py makemigrations --check --dry-run -v 1
	@echo "==> lint-imports"
	@.venv/bin/lint-imports
	@echo "==> pytest"
	@DJANGO_ENV=test REDIS_URL=$(TEST_REDIS_URL) .venv/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: setup
	@.venv/bin/ruff check .

stop:
	@-[[ -f var/celery.pid ]] && kill $$(cat var/celery.pid) 2>/dev/null; rm -f var/celery.pid
	@-[[ -f var/celerybeat.pid ]] && kill $$(cat var/celerybeat.pid) 2>/dev/null; rm -f var/celerybeat.pid
	@scripts/services.sh stop

# Every benchmark in a process of its own, on its own copy of the dataset (bench/_django.py), so
# they run in any order; a failure does not stop the others. Exits non-zero if any missed its budget.
bench: services
	@over=""; \
	for b in bench/*.py; do \
	  name=$$(basename $$b .py); \
	  case $$name in _*|dataset) continue;; esac; \
	  echo "==> $$name"; \
	  DJANGO_ENV=test $(PY) $$b || over="$$over $$name"; \
	done; \
	if [ -n "$$over" ]; then echo "==> over budget (or failed):$$over"; exit 1; fi; \
	echo "==> every benchmark within its budget"

messages: setup
	@scripts/messages.sh
