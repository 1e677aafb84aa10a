# declass — the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DB ?= sqlite:///declass.db

.PHONY: install install-dev run test check bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	bash scripts/system-deps.sh
	$(PY) -m pip install --quiet -e '.[dev,ftm]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Ingest the bundled examples into ./declass.db and print the summary. Exit status 1 from
# `declass ingest` means "some files failed" (the bundled examples include two broken PDFs on
# purpose); the failures are printed, and the run counts as done.
run: install
	$(VENV)/bin/declass ingest examples/ --db $(DB) || [ $$? -eq 1 ]

# The whole test suite. PostgreSQL tests run against a throwaway local cluster when the
# postgres binaries are present (scripts/system-deps.sh installs them), browser tests use
# Debian's chromium.
test: install-dev
	bash scripts/with-postgres.sh $(PY) -m pytest

check: install-dev
	$(VENV)/bin/ruff check declass tests benchmarks
	$(VENV)/bin/mypy declass

bench: install-dev
	$(PY) benchmarks/ingest.py

clean:
	rm -rf $(VENV) declass.db declass.db-wal declass.db-shm test-artifacts
