# The book's commands. `make book` and `make test` create the environment when it is missing.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PYTHONHASHSEED := 0
# PyTensor compiles each model to C; its cache lives with the build, so `make clean` starts cold.
export PYTENSOR_FLAGS ?= base_compiledir=$(CURDIR)/_build/.pytensor

# Everything a notebook's result depends on besides its own code: a change here empties the
# execution cache and Sphinx's environment, so that every page is re-executed against the new data,
# code or environment.
INPUTS = requirements.lock $(shell find acureview data -type f \( -name '*.py' -o -name '*.csv' -o -name '*.md' -o -name '*.bib' \) | LC_ALL=C sort)

.PHONY: help env browser verify book test bench lock clean

help:
	@echo "make book    build the site into _build/html (creates .venv if missing)"
	@echo "make test    build the site, then run the whole test suite"
	@echo "make verify  compute every verdict; print the table; write _build/verdicts.csv and .json"
	@echo "make bench   time cold and warm builds, one-chapter rebuilds, verify and every model; write _build/bench.md"
	@echo "make lock    re-resolve requirements.lock from environment.yml's pins (needs the network)"
	@echo "make clean   remove _build"

env: $(STAMP)

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; v=sys.version_info[:2]; sys.exit(0 if v==(3,11) else "Python 3.11 is needed, found %d.%d" % v)'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps --only-binary=:all: -r requirements.lock
	$(BIN)/python -m pip check
	echo "$(CURDIR)" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/acureview-root.pth"
	touch $@

verify: $(STAMP)
	@$(BIN)/python -m acureview verify

# Sphinx does not overwrite a static file it copied before, so the book's own are removed first.
book: $(STAMP)
	@$(BIN)/python -m acureview verify --quiet
	@sum=$$(cat $(INPUTS) | sha256sum | cut -c1-16); \
	if [ "$$(cat _build/.inputs 2>/dev/null)" != "$$sum" ]; then rm -rf _build/.jupyter_cache _build/.doctrees; fi; \
	rm -f $(addprefix _build/html/_static/,$(notdir $(wildcard book/_static/*))); \
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going && echo "$$sum" > _build/.inputs

# The browser test drives Debian's Chromium with Playwright (pinned in the lock): install it when missing.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "The browser test needs Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

test: book browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python tools/bench.py

lock:
	$(PYTHON) -m venv _build/lockenv
	_build/lockenv/bin/python -m pip install --quiet pip-tools==7.6.2
	$(PYTHON) tools/pins.py > _build/requirements.in
	_build/lockenv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock _build/requirements.in

clean:
	rm -rf _build
