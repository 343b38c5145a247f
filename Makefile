# Committee report pipeline. `make help` lists the targets.
# The virtual environment is created and filled on first use of any target that needs it.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
YEAR ?= 2022
SCOPE ?= ATE
KERNEL := comite-usagers

.DEFAULT_GOAL := help
.PHONY: help install a11y-tools bench report pages stage validate indicators sample docs test test-fast lab hooks lint lock clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

install: $(BIN)/.installed ## Create the virtual environment and install the pinned dependencies

report: install ## Build the report of a year and scope, HTML and PDF, in build/rapport/ (YEAR=2022 SCOPE=ATE)
	$(BIN)/clu render --year $(YEAR) --scope "$(SCOPE)"

pages: install ## Write the page images of a report's PDF to build/pages/ for a review, rendering it if needed (YEAR, SCOPE)
	$(BIN)/python tools/pages.py --year $(YEAR) --scope "$(SCOPE)"

stage: install ## Stage the Quarto project of a year and scope in build/projet/, for quarto preview (YEAR, SCOPE)
	$(BIN)/clu stage --year $(YEAR) --scope "$(SCOPE)"

validate: install ## Check a year's exports against the data contract (YEAR=2022)
	$(BIN)/clu validate data/$(YEAR)

indicators: install ## Write the tidy indicators CSV of a year and scope (YEAR, SCOPE)
	$(BIN)/clu indicators --year $(YEAR) --scope "$(SCOPE)"

sample: install ## Regenerate the deterministic sample dataset in data/
	$(BIN)/clu sample

docs: install ## Regenerate the contract tables of data/README.md from the code
	$(BIN)/clu contract --write

a11y-tools: ## Install the accessibility checker: Debian's chromium and axe-core from npm
	bash tests/a11y/install.sh

test: install a11y-tools ## Run the whole test suite
	$(BIN)/python -m pytest

test-fast: install ## Run the fast tests in under a minute: no kernel, browser, renderer or slow test
	$(BIN)/python -m pytest tests -p no:nbval -m "not kernel and not browser and not render and not slow" -o addopts="-ra --strict-markers -p no:cacheprovider"

lab: install ## Open JupyterLab with the project's kernel registered
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Comité des usagers (projet)"
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

hooks: install ## Install the git pre-commit hooks (notebook outputs stripped, ruff)
	$(BIN)/pre-commit install

lint: install ## Lint the code (ruff)
	$(BIN)/ruff check src tests

bench: install ## Run the benchmarks and update benchmarks/README.md (several minutes)
	$(BIN)/python benchmarks/run.py

lock: ## Re-pin every dependency in requirements.lock (after changing pyproject.toml)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	.lock-venv/bin/python -m pip freeze --exclude-editable --exclude comite-usagers | sort > requirements.lock
	rm -rf .lock-venv

clean: ## Remove the build outputs (not the virtual environment)
	rm -rf build .pytest_cache
