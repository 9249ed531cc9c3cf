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

## bench: throughput and caption-separation benchmarks (figures to bench/out/)
bench: install
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.captions

clean:
	rm -rf $(VENV) bench/out .pytest_cache .mypy_cache .ruff_cache
