# One task runner for people and CI. `make serve` and `make test` are the README's commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup serve build test lint typecheck unit chromium node schema bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

serve: $(STAMP)
	$(BIN)/fmcheatsheet serve

build: $(STAMP)
	$(BIN)/fmcheatsheet build

# Browser tests drive Debian's Chromium; install it when it is missing (CI runs as root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; } \
		|| echo "could not install chromium: browser tests will fail in CI and be skipped elsewhere"

# The site's search module is tested under Debian's Node.js (tests/test_search_conformance.py).
node:
	@command -v node >/dev/null 2>&1 || { apt-get update && apt-get install -y nodejs; } \
		|| echo "could not install nodejs: the search conformance test will fail in CI and be skipped elsewhere"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n auto

test: lint typecheck chromium node unit

schema: $(STAMP)
	$(BIN)/fmcheatsheet schema -o catalog/schema/resource.schema.json

bench: $(STAMP) chromium node
	$(BIN)/python benchmarks/catalog_facts.py
	$(BIN)/python benchmarks/core_bench.py
	$(BIN)/python benchmarks/search_bench.py
	$(BIN)/python benchmarks/site_bench.py
	$(BIN)/python benchmarks/links_bench.py
	@command -v wrk >/dev/null 2>&1 || { apt-get update && apt-get install -y wrk; }
	$(BIN)/python benchmarks/serve_bench.py

clean:
	rm -rf $(VENV) site dist build .pytest_cache .mypy_cache .ruff_cache
