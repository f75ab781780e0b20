# Both targets bootstrap .venv themselves: a fresh machine needs only Python 3.11+, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: run test lint install clean bench bench-workers golden

$(BIN)/sitrep: pyproject.toml
	@echo "Setting up $(VENV) and installing sitrep with its pipeline and test extras (a few minutes the first time)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --upgrade pip
	$(BIN)/pip install -qq -e '.[pipeline,test]'
	@touch $@

install: $(BIN)/sitrep

run: install
	$(BIN)/sitrep run

# Lint and type-check first (seconds), then the suite (minutes). Their settings: [tool.ruff] and [tool.mypy] in
# pyproject.toml.
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# Coder speed on short reports and on full articles, each against spaCy NER alone (issue 11), and coding 20,000
# generated full articles on 1 and 2 worker processes (issue 13). CI runs neither.
bench: install
	$(BIN)/python bench/bench_code.py --stages

bench-workers: install
	$(BIN)/python bench/bench_workers.py --articles 20000 --workers 1 2

# Rewrites the coder's golden file (tests/coding/golden/expected.jsonl) from its frozen inputs: run it only for an
# intended change of behaviour, then review `git diff tests/coding/golden/expected.jsonl`.
golden: install
	$(BIN)/python -m tests.coding.golden.regenerate

clean:
	rm -rf $(VENV) .prefect .mypy_cache .ruff_cache data/raw/articles data/raw/quarantine data/curated/tables data/curated/sitrep.duckdb
