# One task runner for people and CI. `make serve` and `make test` are the README's commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup serve test lint typecheck unit schema bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

serve: $(STAMP)
	$(BIN)/fmcheatsheet sections
	$(BIN)/fmcheatsheet list

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n auto

test: lint typecheck unit

schema: $(STAMP)
	$(BIN)/fmcheatsheet schema -o catalog/schema/resource.schema.json

bench: $(STAMP)
	$(BIN)/python benchmarks/core_bench.py

clean:
	rm -rf $(VENV) site dist build .pytest_cache .mypy_cache .ruff_cache
