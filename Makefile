# infoview: two commands do all the set-up.
#   make lab    create .venv, install infoview, open notebook 00 in JupyterLab
#   make test   create .venv with the test extras, run every test
# Both are idempotent: the venv is rebuilt only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB_STAMP  := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed-test
# make lab PORT=8899 TOKEN=secret IP=0.0.0.0 (IP: the address to listen on; LAB_FLAGS: more
# options for jupyter lab, e.g. --no-browser).
PORT  ?= 8888
TOKEN ?=
IP    ?= 127.0.0.1
LAB_FLAGS ?=
# Jupyter refuses to run as root unless told; containers and CI often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test lint types unit notebooks browser bench soak demo screenshots clean help

help:
	@echo "make lab    - set up and open notebooks/00_start_here.ipynb in JupyterLab"
	@echo "make test   - set up and run lint, types, unit tests, notebooks and browser tests"
	@echo "make bench  - run the benchmarks and print ratios against their baselines"
	@echo "make soak   - run the long reliability checks (crash safety, concurrency, bad input)"
	@echo "make demo   - serve the advisor demo with Voila on 127.0.0.1"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# git strips notebook outputs (a learner's data) on add, with the nbstripout this venv has;
# the filter is marked required, so a missing one stops git rather than stage outputs.
STRIP_OUTPUTS = if git rev-parse --git-dir >/dev/null 2>&1; then $(BIN)/nbstripout --install --attributes .gitattributes; fi

$(LAB_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	$(BIN)/python tools/lab_settings.py
	$(STRIP_OUTPUTS)
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python tools/lab_settings.py
	$(STRIP_OUTPUTS)
	touch $(LAB_STAMP) $@

lab: $(LAB_STAMP)
	$(BIN)/python tools/lab.py --port=$(PORT) --token="$(TOKEN)" --ip=$(IP) $(ROOT_FLAG) $(LAB_FLAGS)

test: $(TEST_STAMP) lint types unit notebooks browser

LINTED := $(wildcard infoview tests benchmarks tools notebooks)

lint: $(TEST_STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(filter-out notebooks,$(LINTED))
	$(BIN)/lint-imports

types: $(TEST_STAMP)
	$(BIN)/mypy

unit: $(TEST_STAMP)
	$(BIN)/pytest tests infoview --ignore=tests/browser --ignore=tests/notebooks

notebooks: $(TEST_STAMP)
	$(BIN)/pytest tests/notebooks

# axe-core, pinned in tools/node/package-lock.json, for the browser tests' accessibility checks.
AXE := tools/node/node_modules/axe-core/axe.min.js

$(AXE): tools/node/package.json tools/node/package-lock.json
	npm ci --prefix tools/node --no-audit --no-fund
	touch $@

browser: $(TEST_STAMP) $(AXE)
	$(BIN)/pytest tests/browser

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py

# The trust checks at full size (100 SIGKILLs, 2 x 500 concurrent touches, thousands of
# bad-input cases, ...); each prints its figure in the "trust figures" section.
TRUST_TESTS := tests/test_reliability.py tests/test_bad_input.py tests/test_injection.py \
	tests/test_migration.py tests/test_round_trips.py tests/test_privacy.py \
	tests/notebooks/test_no_network.py

soak: $(TEST_STAMP)
	INFOVIEW_SOAK=1 $(BIN)/pytest -q $(TRUST_TESTS)

demo: $(LAB_STAMP)
	$(BIN)/voila notebooks/advisor_demo.ipynb --template=lab --Voila.ip=127.0.0.1 --port=$(PORT) --strip_sources=True

screenshots:
	mkdir -p docs/screenshots
	cp test-artifacts/screenshots/*.png docs/screenshots/

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache .hypothesis test-artifacts
