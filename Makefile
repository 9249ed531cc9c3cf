# One entry point for every job. `make demo` and `make test` work on a fresh machine that
# reaches PyPI: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test check format lint types bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: process the bundled example articles and show the records as tables
demo: install
	$(BIN)/sitrep extract examples/ --format table

## test: run the test suite
test: install
	$(BIN)/pytest -q

## check: formatting, lint, types and tests: what must pass before a commit lands
check: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: every benchmark (figures to bench/out/); the accuracy ones read ../shared/eval
bench: install
	$(BIN)/python -m bench.captions
	$(BIN)/python -m bench.tolls
	$(BIN)/python -m bench.timex
	$(BIN)/python -m bench.gazetteer
	$(BIN)/python -m bench.geoparse --split test
	$(BIN)/python -m bench.quotes --split test
	$(BIN)/python -m bench.acled --split test
	$(BIN)/python -m bench.case2021 --split test
	$(BIN)/python -m bench.throughput

clean:
	rm -rf $(VENV) bench/out .pytest_cache .mypy_cache .ruff_cache
