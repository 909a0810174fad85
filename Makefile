# One command to preview, one to test. Everything else is a shortcut.
#   make serve   set up, check, and preview at http://127.0.0.1:8000 with live reload
#   make test    set up, then every check and test: checker, pytest (incl. ruff, mypy, browsers)
#   make build   the static site in site/        make check   the checker alone
#   make offline a copy of the site that works from file:// (site-offline/)
#   make audit   Lighthouse scores of a page of each type (the rest 100, performance ≥ 90, target 95)
#   make bench   the benchmark (synthetic sites of 100, 1,000 and 10,000 pages)
#   make new TYPE=person TITLE="…"   a new page from its template

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
export KB_CHROMIUM ?= /usr/bin/chromium
# The source article's text (copyrighted, never in the repository): where it is at hand, the
# checker verifies every quotation against it.
export KB_SOURCE_TEXT ?= $(wildcard $(CURDIR)/../shared/source/ivanov-2011-russia-nato-missile-defense.txt)

BROWSER_TOOLS := tools/browser/node_modules/.installed
AUDIT_TOOLS   := tools/audit/node_modules/.installed

.PHONY: setup serve check build offline test chromium java bench audit new clean

setup: $(STAMP)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

check: setup
	$(BIN)/python scripts/check.py

build: setup
	$(BIN)/python scripts/check.py
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/check.py --built site

offline: setup
	$(BIN)/python scripts/check.py
	KB_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	@echo "Open site-offline/index.html in a browser (works from file://)."

serve: setup
	-$(BIN)/python scripts/check.py
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

chromium:
	@sh scripts/ensure-chromium.sh

java:
	@sh scripts/ensure-java.sh

# Third-party checkers from the npm registry, pinned by package-lock.json.
$(BROWSER_TOOLS): tools/browser/package-lock.json
	npm ci --prefix tools/browser --no-audit --no-fund --loglevel=error
	@touch $@

$(AUDIT_TOOLS): tools/audit/package-lock.json
	npm ci --prefix tools/audit --no-audit --no-fund --loglevel=error
	@touch $@

test: setup chromium java $(BROWSER_TOOLS)
	$(BIN)/python scripts/check.py
	$(BIN)/python -m pytest

audit: build chromium $(AUDIT_TOOLS)
	$(BIN)/python scripts/audit.py

new: setup
	@test -n "$(TYPE)" -a -n "$(TITLE)" || { echo 'usage: make new TYPE=person TITLE="Dmitry Rogozin"'; exit 2; }
	$(BIN)/python scripts/new.py "$(TYPE)" "$(TITLE)"

bench: setup
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site-offline .pytest_cache .mypy_cache .ruff_cache .bench
