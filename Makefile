# One entry point for every job. `make demo` and `make test` work on a fresh machine that
# reaches PyPI: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test check format lint types bench train static clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,browser,spark,train]'
	touch $(STAMP)

# Everything the demo writes goes into demo/ (ignored by git), never beside the sources.
DEMO_DIR := demo

## demo: process the bundled example articles, show one as tables, then ingest them all into
## a store (demo/sitrep.db), list the events and export them as ACLED CSV (demo/events.csv)
demo: install
	$(BIN)/sitrep extract examples/ap_elfasher_2024-05-12.txt --format table
	mkdir -p $(DEMO_DIR)
	$(BIN)/sitrep ingest examples/ --db $(DEMO_DIR)/sitrep.db --published-from-name
	$(BIN)/sitrep events --db $(DEMO_DIR)/sitrep.db --limit 20
	$(BIN)/sitrep export --db $(DEMO_DIR)/sitrep.db --format acled -o $(DEMO_DIR)/events.csv

# The store tests run on SQLite and on a throwaway PostgreSQL server (Debian's, installed when
# missing); without one, the PostgreSQL runs skip. The web app's browser tests drive Debian's
# chromium (installed when missing); without it, they skip.
PYTEST := SITREP_TEST_POSTGRES_URL="$$(scripts/test-postgres)" \
	SITREP_TEST_CHROMIUM="$$(scripts/test-chromium)" $(BIN)/pytest -q

## test: run the test suite
test: install
	$(PYTEST)

## check: formatting, lint, types and tests: what must pass before a commit lands
check: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(PYTEST)

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
	$(BIN)/python -m bench.wire_events --split test
	$(BIN)/python -m bench.real_events --split test
	$(BIN)/python -m bench.quiet_news
	$(BIN)/python -m bench.plover
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.store --postgres "$$(scripts/test-postgres)"
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.linking --split test
	$(BIN)/python -m bench.web
	$(BIN)/python -m bench.scale

## train: refit the event typing model from training/events into
## src/sitrep/data/models/event_types.npz, then the claim status model from the wire dev
## stories' gold into src/sitrep/data/models/claim_status.json (both deterministic; the status
## model reads the events the first gives); their card is docs/event_model.md
train: install
	$(BIN)/python training/train.py
	$(BIN)/python -m training.status

## static: rebuild the web app's script, stylesheet and borders (web/) into
## src/sitrep/serve/static, which is committed: serving needs no Node.js
static:
	cd web && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) bench/out .pytest_cache .mypy_cache .ruff_cache $(DEMO_DIR)
