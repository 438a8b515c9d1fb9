# The README's two commands: `make demo` runs the product, `make test` runs the tests.
# Each creates .venv when it is missing and installs the project and what it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean system-deps

$(STAMP): pyproject.toml
	@bash installers/dev/system-deps.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

system-deps:
	@bash installers/dev/system-deps.sh

demo: $(STAMP)
	$(BIN)/oilfield demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(STAMP) system-deps lint
	$(BIN)/pytest

# Every benchmark of docs/performance.md, one after the other (long: the year of trend
# history alone takes minutes to build, the HMI bench ~8 min). Figures: docs/performance.md.
bench: $(STAMP)
	$(BIN)/python bench/historian_ingest.py
	$(BIN)/python bench/scan.py
	$(BIN)/python bench/trend_query.py
	$(BIN)/python bench/alarms.py
	$(BIN)/python -m bench.api
	$(BIN)/python bench/hmi.py
	$(BIN)/python bench/dca.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
