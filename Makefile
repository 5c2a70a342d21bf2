# newsner: `make` lists the targets. `make extract` sets everything up on first use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
INPUT ?= data/raw
OUT ?= data/out
EVAL ?= ../shared/eval
EVAL_SETS ?= es_dev en_dev
NEWS_SETS ?= news_dev
SCALES ?= 1,4,16,64

.PHONY: help install extract test lint browser golden evaluate langid routing bench clean lock

help: ## Show the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# The stamp makes installing idempotent: it is redone only when a dependency file changes.
$(STAMP): pyproject.toml requirements/lock.txt requirements/models.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements/lock.txt
	$(PIP) install --no-deps --require-hashes -r requirements/models.txt
	$(PIP) install --no-deps --no-build-isolation --editable .
	@touch $@

install: $(STAMP) ## Create .venv with the pinned dependencies and both spaCy models (only once)

extract: $(STAMP) ## Extract entities from data/raw into data/out (override with INPUT=... OUT=...)
	$(BIN)/newsner extract $(INPUT) --out $(OUT)

test: $(STAMP) lint browser ## Lint, type-check and run every test, with the real models
	$(BIN)/pytest

# report.html is tested in Debian's Chromium (driven by Playwright, installed with the dev dependencies). As root
# (CI) it is installed when missing; elsewhere the browser test is skipped and says why.
browser: ## Debian's Chromium for the report's browser test (installed as root, once)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; } \
	  || echo "note: no Chromium here (install Debian's chromium as root); the report's browser test is skipped"

lint: $(STAMP) ## ruff and mypy --strict
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/mypy

# Not the Parquet tables nor the workbook: their bytes name the pyarrow and openpyxl versions (tests compare them
# with the CSV files instead).
golden: $(STAMP) ## Regenerate tests/golden from data/raw after an intended change of the outputs
	$(BIN)/newsner extract data/raw --out tests/golden --rebuild --store $(OUT)/.golden-store
	rm -rf tests/golden/run.json tests/golden/*.parquet tests/golden/*.xlsx tests/golden/report.html $(OUT)/.golden-store

# Each set is scored in full and in halves A/B (see `newsner evaluate --help`); every number goes to
# $(OUT)/eval/scores.json (diff it between two runs), and a table of F1 by set and half is printed last.
evaluate: $(STAMP) ## Extract the dev sets in ../shared/eval like a user; P/R/F1 for all and halves A/B, langid, scores.json
	@test -d $(EVAL)/ner || { echo "Error: no evaluation data in '$(EVAL)/ner'; pass EVAL=path/to/eval"; exit 2; }
	@mkdir -p $(OUT)/eval && rm -f $(OUT)/eval/scores.json
	@for set in $(EVAL_SETS); do \
	  rm -f $(OUT)/eval/$$set.json; \
	  $(BIN)/newsner extract --no-curation $(EVAL)/ner/$$set/docs --out $(OUT)/eval/$$set || exit 1; \
	  $(BIN)/newsner evaluate $(EVAL)/ner/$$set/gold.jsonl $(OUT)/eval/$$set --json $(OUT)/eval/$$set.json \
	    || exit 1; echo; \
	done
	@for set in $(NEWS_SETS); do \
	  rm -f $(OUT)/eval/$$set.json; \
	  $(BIN)/newsner extract --no-curation $(EVAL)/$$set/docs --out $(OUT)/eval/$$set || exit 1; \
	  $(BIN)/newsner evaluate --entities --scorer $(EVAL)/score_entities.py $(EVAL)/$$set/gold.jsonl \
	    $(OUT)/eval/$$set --json $(OUT)/eval/$$set.json || exit 1; echo; \
	done
	@$(MAKE) --no-print-directory langid
	@$(MAKE) --no-print-directory routing
	@$(BIN)/python $(EVAL)/score_langid.py $(EVAL)/langid/items.jsonl $(OUT)/langid_predictions.jsonl \
	  --targets en,es --json $(OUT)/eval/langid.json > /dev/null
	@echo; $(BIN)/python -m pipeline.evaluate $(OUT)/eval $(EVAL_SETS) $(NEWS_SETS) langid

langid: $(STAMP) ## Language-ID accuracy on ../shared/eval/langid (EVAL=... to change)
	@test -f $(EVAL)/langid/items.jsonl || { echo "Error: no '$(EVAL)/langid/items.jsonl'; pass EVAL=path/to/eval"; exit 2; }
	$(BIN)/newsner detect $(EVAL)/langid/items.jsonl --out $(OUT)/langid_predictions.jsonl
	$(BIN)/python $(EVAL)/score_langid.py $(EVAL)/langid/items.jsonl $(OUT)/langid_predictions.jsonl --targets en,es

# Documents assembled from real English and Spanish paragraphs of the language-ID set (half mixed), segmented
# by `newsner detect --segments` like a user would, scored paragraph by paragraph (pipeline/routing.py).
routing: $(STAMP) ## Language by paragraph: accuracy per paragraph and single-language documents reported mixed
	@test -f $(EVAL)/langid/items.jsonl || { echo "Error: no '$(EVAL)/langid/items.jsonl'; pass EVAL=path/to/eval"; exit 2; }
	@mkdir -p $(OUT)/eval
	$(BIN)/python -m pipeline.routing build $(EVAL)/langid/items.jsonl $(OUT)/eval/routing_items.jsonl
	$(BIN)/newsner detect $(OUT)/eval/routing_items.jsonl --out $(OUT)/eval/routing_predictions.jsonl --segments
	$(BIN)/python -m pipeline.routing score $(OUT)/eval/routing_items.jsonl $(OUT)/eval/routing_predictions.jsonl \
	  --json $(OUT)/eval/routing.json

bench: $(STAMP) ## Words/s, docs/s, peak memory (SCALES=1,4,16,64), NER-only limit, rerun; analysis time of a 0.5-4 MB document
	$(BIN)/python -m pipeline.bench --eval $(EVAL) --scales $(SCALES) --work $(OUT)/bench

clean: ## Remove everything generated in data/out (data/raw and .venv stay)
	find data/out -mindepth 1 ! -name .gitkeep -delete

lock: ## Re-resolve requirements/lock.txt from pyproject.toml in a scratch virtualenv
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip --disable-pip-version-check --quiet install '.[dev,dask]' setuptools
	{ sed -n '1,2p' requirements/lock.txt; .lock-venv/bin/python -m pip freeze --all --exclude-editable \
	  | grep -v -e '^newsner' -e '^pip=='; } > requirements/lock.tmp && mv requirements/lock.tmp requirements/lock.txt
	rm -rf .lock-venv
