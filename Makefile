# The book's commands. `make book` and `make test` create the environment when it is missing.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# How the locks are installed (INSTALLER=uv|bootstrap|pip):
#   uv         the uv on PATH creates the venv, syncs requirements.lock exactly, installs the package;
#   bootstrap  (when no uv is on PATH) `python -m venv`, then pip installs the uv pinned with hashes in
#              requirements-uv.lock into .venv/.uv (outside site-packages), and that uv does the rest;
#   pip        `python -m venv`, then pip alone: `pip install --require-hashes --no-deps` from the locks
#              and `pip install --no-deps -e .` (several times slower than uv).
INSTALLER ?= $(if $(shell command -v uv 2>/dev/null),uv,bootstrap)
# the uv pinned in requirements-uv.lock (by `make lock`)
UV_VERSION := 0.13.9
BOOK_ENV := $(VENV)/.book-installed
TEST_ENV := $(VENV)/.test-installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PYTHONHASHSEED := 0
# PyTensor compiles each model to C; its cache lives with the build, so `make clean` starts cold.
export PYTENSOR_FLAGS ?= base_compiledir=$(CURDIR)/_build/.pytensor

PIP_LOCK = pip install --quiet --require-hashes --no-deps --only-binary=:all:
ifeq ($(INSTALLER),pip)
MAKE_VENV = $(PYTHON) -m venv $(VENV)
SYNC_LOCK = $(BIN)/python -m $(PIP_LOCK) -r
ADD_LOCK = $(SYNC_LOCK)
INSTALL_PACKAGE = $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
CHECK_ENV = $(BIN)/python -m pip check
else
ifeq ($(INSTALLER),uv)
UV := $(shell command -v uv 2>/dev/null)
MAKE_VENV = $(UV) venv --quiet --python $(PYTHON) $(VENV)
else
UV := $(VENV)/.uv/bin/uv
# a venv without pip (ensurepip alone takes seconds); uv is installed with the system Python's pip
# (--target bypasses no environment protection), or with the venv's own pip if it has none
MAKE_VENV = $(PYTHON) -m venv --without-pip $(VENV) && \
	{ py=$(PYTHON); $$py -m pip --version >/dev/null 2>&1 || { $(PYTHON) -m venv $(VENV) && py=$(BIN)/python; }; } && \
	$$py -m $(PIP_LOCK) --root-user-action=ignore --target $(VENV)/.uv -r requirements-uv.lock
endif
# --compile-bytecode: the packages' bytecode written once, at install (as pip does by default), so that no
# interpreter compiles them again: every page's kernel, Sphinx and pytest import in a third of the time,
# and where PYTHONDONTWRITEBYTECODE is set, Python would otherwise compile them in every process.
SYNC_LOCK = $(UV) pip sync --quiet --compile-bytecode --python $(BIN)/python --require-hashes --only-binary :all:
ADD_LOCK = $(UV) pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes --no-deps --only-binary :all: -r
INSTALL_PACKAGE = $(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
CHECK_ENV = $(UV) pip check --quiet --python $(BIN)/python
endif

.PHONY: help env test-env browser verify book test test-fast lint browser-test bench lock clean

help:
	@echo "make book          build the site into _build/html (creates .venv if missing)"
	@echo "make test          check for chromium, lint, build the site, then run the whole test suite"
	@echo "make test-fast     the unit and data tests only (no build needed)"
	@echo "make lint          ruff (lint and format) and the layers' import contracts"
	@echo "make browser-test  open every page of the last built site in headless chromium"
	@echo "make verify        compute every verdict; print the table; write _build/verdicts.csv and .json"
	@echo "make bench         time page execution, builds, verify and the fast tests against tools/bench-baseline.json"
	@echo "make lock          re-resolve requirements.lock, requirements-test.lock (from pyproject.toml) and requirements-uv.lock (needs PyPI)"
	@echo "make clean         remove _build"

env: $(BOOK_ENV)
test-env: $(TEST_ENV)

# An environment whose editable install of this package is another checkout's (a .venv copied,
# moved or linked from elsewhere, or one whose Python is gone) would run that checkout's code:
# it is made again. (-I: the current folder is not on the path, so the import is the installed one;
# not when BIN names another environment.)
ifneq ($(and $(wildcard $(BOOK_ENV)),$(filter $(VENV)/bin,$(BIN))),)
INSTALLED_FROM := $(shell $(BIN)/python -I -c 'import importlib.util as u, pathlib as p; s = u.find_spec("acureview"); print(p.Path(s.origin).resolve().parents[1] if s else "nowhere")' 2>/dev/null || echo "nowhere")
ifneq ($(INSTALLED_FROM),$(realpath $(CURDIR)))
$(info $(VENV) runs acureview from $(or $(INSTALLED_FROM),nowhere), not from this checkout: $(VENV) is made again)
.PHONY: $(BOOK_ENV)
endif
endif

# The book's environment: requirements.lock (with hashes), then this package, editable, without
# dependencies (they are all in the lock). Any change of the lock or of pyproject.toml starts over.
$(BOOK_ENV): requirements.lock pyproject.toml requirements-uv.lock
	@$(PYTHON) -c 'import sys; v=sys.version_info[:2]; sys.exit(0 if v==(3,11) else "Python 3.11 is needed, found %d.%d" % v)'
	rm -rf $(VENV)
	$(MAKE_VENV)
	$(SYNC_LOCK) requirements.lock
	$(INSTALL_PACKAGE)
	$(CHECK_ENV)
	touch $@

# The tests' environment: the book's, plus requirements-test.lock (a superset of requirements.lock
# with the same versions, so this only adds pytest, nbval, playwright and their dependencies).
$(TEST_ENV): $(BOOK_ENV) requirements-test.lock
	$(ADD_LOCK) requirements-test.lock
	$(CHECK_ENV)
	touch $@

# A refused verdict table (bad data) also withdraws the site: its downloads would not agree with the data.
verify: $(BOOK_ENV)
	@$(BIN)/python tools/publish.py writable
	@$(BIN)/python -m acureview verify || { status=$$?; $(BIN)/python tools/publish.py withdraw; exit $$status; }

# tools/publish.py writable: an unwritable _build is one line, before anything runs.
# `verify --book`: the verdict table, and data the chapters cannot be built on (a fact a chapter
# computes with that the record does not give, found from the chapters' code) refused in one line
# naming the chapter and the fact's cell, before any chapter runs.
# tools/inputs.py: drop from the execution cache each page whose inputs (its text, the package's
# modules it runs, the data, the lock) differ from those the last successful build stamped for it,
# its stamp first; when any input differs, remove the build's stamp, then the pages (executed
# notebooks, doctrees, site). So a failed or interrupted build forces the re-execution of what it
# executed and a rebuild of every page next time; the stamps are written only after success. tools/execute.py then executes the pages the cache lacks, several at once (one per
# CPU; JOBS=1 for one at a time), into the cache that the build reads: a failing page, or one
# that shows a warning, stops here with its traceback; the build itself executes nothing more.
# tools/publish.py build: Jupyter Book's build into _build/html.next, which replaces _build/html
# with the stamp only if the build succeeded and the inputs did not change while it ran. Any
# failure on the way (bad data, a page, the build, an edit during it) withdraws the site: no site
# rather than one that disagrees with the data.
# The book's own static files are copied by acureview.site.sphinxext on every build.
book: $(BOOK_ENV)
	@$(BIN)/python tools/publish.py writable
	@$(BIN)/python -m acureview verify --quiet --book && \
	digest=$$($(BIN)/python tools/inputs.py prepare) && \
	$(BIN)/python tools/execute.py $(if $(JOBS),--jobs $(JOBS)) && \
	$(BIN)/python tools/publish.py build "$$digest" || \
	{ status=$$?; $(BIN)/python tools/publish.py withdraw; exit $$status; }

# The browser test drives Debian's Chromium with Playwright (pinned in the test lock): install it
# when missing. `make test` does this first, so a missing browser is reported before the build.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "The browser test needs Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

# The tests come in two sets (pytest.ini): the fast set needs no build; the `build` tests read what
# `make book` left in _build (or build something of their own). `make test` lints first (seconds), then builds, then runs both.
test: browser $(TEST_ENV)
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory book
	$(BIN)/python -m pytest

test-fast: $(TEST_ENV)
	$(BIN)/python -m pytest -m "not build and not slow" tests

# ruff (pinned in the test lock, configured in pyproject.toml's [tool.ruff]): lint and format;
# then the layers' import contracts (import-linter, [tool.importlinter]) once pyproject.toml has them.
lint: $(TEST_ENV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@if grep -q '^\[tool\.importlinter\]' pyproject.toml; then echo "$(BIN)/lint-imports"; $(BIN)/lint-imports; \
	else echo "no [tool.importlinter] contracts in pyproject.toml: lint-imports skipped"; fi

# The browser test alone, against the site as the last `make book` left it (no rebuild).
browser-test: browser $(TEST_ENV)
	$(BIN)/python -m pytest tests/test_browser.py

# BENCH=--clone adds a fresh clone to green `make book && make test`; --save records the figures.
bench: $(TEST_ENV)
	$(BIN)/python tools/bench.py $(BENCH)

# Two universal locks (every platform's wheels, markers kept; resolved for Python 3.11), with hashes:
#   requirements.lock       pyproject.toml's [project] dependencies: what `make book` installs;
#   requirements-test.lock  the same plus the `test` extra, resolved with --constraint requirements.lock,
#                           so every package the two share has the same version and the test lock is a
#                           superset of the book lock: `make test` only adds to the book's environment.
# Two files rather than one with markers for the tests, because the book (and conda's pip) needs a
# plain requirements file of exactly what it installs. requirements-uv.lock pins the uv that
# `make book` bootstraps when none is on PATH. No index or find-links lines are written.
LOCK_FLAGS = --quiet --universal --generate-hashes --python-version 3.11 --no-emit-index-url --no-emit-find-links
lock:
	@uv=$$(command -v uv); if [ -z "$$uv" ]; then \
	  rm -rf _build/lockenv && $(PYTHON) -m venv _build/lockenv && \
	  _build/lockenv/bin/python -m pip install --quiet --require-hashes -r requirements-uv.lock && uv=_build/lockenv/bin/uv; fi; \
	set -x; \
	$$uv pip compile $(LOCK_FLAGS) pyproject.toml -o requirements.lock && \
	$$uv pip compile $(LOCK_FLAGS) pyproject.toml --extra test --constraint requirements.lock -o requirements-test.lock && \
	echo uv==$(UV_VERSION) | $$uv pip compile $(LOCK_FLAGS) - -o requirements-uv.lock

clean:
	rm -rf _build
