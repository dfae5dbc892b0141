# One entry point for people and CI. `make serve` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint schema vendor clean

serve: $(VENV)/.installed  ## Serve the site on http://127.0.0.1:8000 and rebuild on edits
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.installed  ## Write the static site into site/
	$(BIN)/mkdocs build --strict

test: $(VENV)/.installed node_modules/.installed  ## Run every test (needs Debian's chromium for the browser tests)
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "Browser tests need Chromium: sudo apt-get install -y chromium"; exit 1; }
	$(BIN)/python -m pytest

schema: $(VENV)/.installed  ## Regenerate schema/questions.schema.json from the model
	$(BIN)/python -m macros.bank.schema > schema/questions.schema.json

vendor: node_modules/.installed  ## Refresh the self-hosted Mermaid copy from the npm package pinned in package.json
	cp node_modules/mermaid/dist/mermaid.min.js node_modules/mermaid/LICENSE docs/assets/vendor/mermaid/

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf site $(VENV) node_modules .pytest_cache
