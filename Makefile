# cpskg — `make build` and `make test` bootstrap a local virtualenv and need nothing else.
# `make help` lists the targets.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.cpskg-installed

.PHONY: help build test lint bench quality java clean-venv

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

build: $(STAMP) ## create the venv if needed and build output/ from corpus/
	$(BIN)/cpskg build

java: ## make sure a Java runtime is there for the HermiT reasoner (installs Debian's when root)
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "Java is missing: install a Java runtime (Debian: default-jre-headless) for the reasoner tests"; fi; }

test: $(STAMP) java ## create the venv if needed and run the whole test suite
	$(BIN)/python -m pytest -q

lint: $(STAMP) ## ruff over the code (generated files and output/ excluded)
	$(BIN)/ruff check builder tests bench

bench: $(STAMP) ## run the scale benchmarks and rewrite bench/RESULTS.md
	$(BIN)/python bench/run

quality: $(STAMP) ## build bench/quality/ and the seeds, score them against their gold, write bench/QUALITY.md
	$(BIN)/python bench/quality/run

clean-venv: ## remove the virtualenv
	rm -rf $(VENV)
