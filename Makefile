# One task runner for people and CI. `make serve` and `make test` are the README's commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The development tools (tests, linters, browser driver); they include what serving needs.
STAMP := $(VENV)/.installed
# Only the package and its dependencies: all that building and serving the site needs.
SERVE_STAMP := $(VENV)/.installed-serve
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: setup serve build test quick lint typecheck unit chromium node schema bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP) $(SERVE_STAMP)

$(SERVE_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $(SERVE_STAMP)

setup: $(STAMP)

# The port is checked first, so a busy one is reported at once, not after an install.
serve:
	@$(PYTHON) scripts/check_port.py '$(HOST)' '$(PORT)'
	@$(MAKE) --no-print-directory $(SERVE_STAMP)
	$(BIN)/fmcheatsheet serve --host '$(HOST)' --port '$(PORT)'

build: $(SERVE_STAMP)
	$(BIN)/fmcheatsheet build

# Browser tests drive Debian's Chromium; install it when it is missing (CI runs as root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; } \
		|| echo "could not install chromium: browser tests will fail in CI and be skipped elsewhere"

# The estimator's conformance test runs the browser module under Debian's Node.js; install it when missing.
node:
	@command -v node >/dev/null 2>&1 || { apt-get update && apt-get install -y nodejs; } \
		|| echo "could not install nodejs: the JavaScript conformance tests will fail in CI and be skipped elsewhere"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

# Work stealing: each worker starts on its own contiguous run of modules (their module fixtures are
# set up once) and a worker that runs out takes half of another's remaining tests, so neither idles at the end.
# PYTHONDONTWRITEBYTECODE (set on some machines) stops pytest from keeping the test modules it rewrites
# for its assert messages, so every run and worker would rewrite all of them again: it is unset here.
TEST_ENV := env -u PYTHONDONTWRITEBYTECODE
unit: $(STAMP)
	$(TEST_ENV) $(BIN)/pytest -n auto --dist worksteal --cov --cov-report=term

test: lint typecheck chromium node unit

# The edit-test loop: lint, types and every test that needs no browser.
quick: lint typecheck node
	$(TEST_ENV) $(BIN)/pytest -n auto --dist worksteal -m "not browser"

schema: $(STAMP)
	$(BIN)/fmcheatsheet schema -o catalog/schema/resource.schema.json

bench: $(STAMP) chromium
	$(BIN)/python benchmarks/catalog_facts.py
	$(BIN)/python benchmarks/core_bench.py
	$(BIN)/python benchmarks/search_bench.py
	$(BIN)/python benchmarks/site_bench.py
	$(BIN)/python benchmarks/links_bench.py
	$(BIN)/python benchmarks/suite_bench.py
	@command -v wrk >/dev/null 2>&1 || { apt-get update && apt-get install -y wrk; }
	$(BIN)/python benchmarks/serve_bench.py

# Every page type at a phone's and a laptop's width (and a few in the dark theme), to look at.
screenshots: $(STAMP) chromium
	$(BIN)/python scripts/screenshots.py --out build/screenshots

clean:
	rm -rf $(VENV) site dist build .pytest_cache .mypy_cache .ruff_cache
