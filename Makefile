# One entry point for people and CI. `make serve` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The answer stack (torch, transformers, peft, trl...): every code snippet of the bank runs in it.
# Only `make test` and `make answers` need it; `make serve` and `make build` never install it.
ANSWERS_VENV := .venv-answers
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline test lint schema stamp vendor diagrams audit clean bench audit-deps linkcheck answers answers-stack lock fonts

serve: $(VENV)/.installed  ## Serve the site on http://127.0.0.1:8000 and rebuild on edits
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.installed  ## Write the static site into site/
	$(BIN)/mkdocs build --strict

offline: $(VENV)/.installed  ## build, plus downloads/ the zip to open from disk (mkdocs.offline.yml); prints what the service worker precaches
	OFFLINE_COPY=1 $(BIN)/mkdocs build --strict
	$(BIN)/python scripts/offline_report.py site

test: $(VENV)/.installed node_modules/.installed $(ANSWERS_VENV)/.installed lint  ## Lint, then run every test (needs Debian's chromium for the browser tests)
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "Browser tests need Chromium: sudo apt-get install -y chromium"; exit 1; }
	$(BIN)/python -m pytest

.PHONY: pdf
pdf: build  ## Print the PDF books and cheat sheets into site/downloads/ (needs Chromium; CHROMIUM=/path for another)
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "The PDF books need Chromium: sudo apt-get install -y chromium"; exit 1; }
	$(BIN)/python scripts/pdf_books.py site

answers: $(VENV)/.installed $(ANSWERS_VENV)/.installed  ## Run only the code snippets of the answers in the answer stack
	$(BIN)/python -m pytest tests/test_answer_snippets.py -q

answers-stack: $(ANSWERS_VENV)/.installed  ## Install the answer stack (answers/requirements.txt) into .venv-answers

lint: $(VENV)/.installed  ## ruff (lint + format check), yamllint, JSON Schema checks: the hooks of .pre-commit-config.yaml, offline
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

bench: $(VENV)/.installed  ## Build time at 22/200/1000 questions against plain Material (prints a table; exits 1 if a target is missed)
	$(BIN)/python scripts/bench.py

audit-deps: $(VENV)/.installed  ## Known vulnerabilities in the pinned packages (pip-audit); skipped without network
	@if $(BIN)/python -c "import urllib.request as u; u.urlopen('https://pypi.org/pypi/mkdocs/1.6.1/json', timeout=10)" 2>/dev/null; then \
	  $(BIN)/pip-audit --no-deps --disable-pip --progress-spinner off -r requirements-dev.txt; \
	else \
	  echo "audit-deps: SKIPPED - the vulnerability data (pypi.org/pypi/NAME/VERSION/json) is not reachable from this machine; nothing was checked."; \
	fi

linkcheck: build  ## External links of the built site (needs internet; not run in CI)
	$(BIN)/lychee --no-progress --scheme https --scheme http --exclude-loopback --max-concurrency 8 \
	  --accept '200..=299,403,429' 'site/**/*.html'

# The tool that writes the hash-checked locks, pinned; it runs from its own throw-away venv.
UV_VERSION := 0.13.8
LOCK_PYTHON := 3.11.7

lock:  ## Rewrite requirements.lock (deploy), requirements-pdf.lock and requirements-linkcheck.lock, with every file's hash, after editing requirements.txt
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	.venv-lock/bin/uv pip compile --quiet --generate-hashes --python-version $(LOCK_PYTHON) \
	  --python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock" requirements.txt -o requirements.lock
	.venv-lock/bin/uv pip compile --quiet --generate-hashes --python-version $(LOCK_PYTHON) \
	  --python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock" requirements-linkcheck.in -o requirements-linkcheck.lock
	.venv-lock/bin/uv pip compile --quiet --generate-hashes --python-version $(LOCK_PYTHON) \
	  --python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock" -c requirements.txt \
	  requirements-pdf.in -o requirements-pdf.lock

schema: $(VENV)/.installed  ## Regenerate schema/questions.schema.json from the model
	$(BIN)/python -m macros.bank.schema > schema/questions.schema.json

stamp: $(VENV)/.installed  ## Record changed answers' content hashes and today's date in data/answer-changes.yaml; commit it
	$(BIN)/python scripts/stamp_answers.py

vendor: node_modules/.installed  ## Refresh the self-hosted Mermaid, Workbox, iframe-worker, ts-fsrs and qrcode-generator copies from the npm packages pinned in package.json
	cp node_modules/mermaid/dist/mermaid.min.js node_modules/mermaid/LICENSE docs/assets/vendor/mermaid/
	for m in core routing strategies precaching; do cp node_modules/workbox-$$m/build/workbox-$$m.prod.js docs/assets/vendor/workbox/; done
	cp node_modules/workbox-window/build/workbox-window.prod.mjs node_modules/workbox-core/LICENSE docs/assets/vendor/workbox/
	cp node_modules/iframe-worker/shim/index.js docs/assets/vendor/iframe-worker/shim.js
	cp node_modules/iframe-worker/LICENSE docs/assets/vendor/iframe-worker/
	cp node_modules/ts-fsrs/dist/index.mjs docs/assets/vendor/ts-fsrs/ts-fsrs.js
	cp node_modules/ts-fsrs/LICENSE docs/assets/vendor/ts-fsrs/
	cp node_modules/qrcode-generator/dist/qrcode.mjs docs/assets/vendor/qrcode-generator/qrcode.js
	sed -n '1,16p' node_modules/qrcode-generator/dist/qrcode.mjs > docs/assets/vendor/qrcode-generator/LICENSE

diagrams: $(VENV)/.installed  ## Draw new or changed Mermaid diagrams to data/diagrams/*.svg (needs Chromium); commit them
	$(BIN)/python scripts/render_diagrams.py

fonts: .venv-fonts/.installed  ## Re-subset the self-hosted math font (STIX Math from Debian's fonts-stix) into docs/assets/fonts/
	scripts/subset_math_font.sh .venv-fonts

.venv-fonts/.installed: requirements-fonts.txt
	$(PYTHON) -m venv .venv-fonts
	.venv-fonts/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-fonts.txt
	touch $@

audit: build node_modules/.installed  ## Lighthouse (mobile) scores of key pages, served locally with gzip
	$(BIN)/python scripts/audit.py site

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(ANSWERS_VENV)/.installed: answers/requirements.txt
	$(PYTHON) -m venv $(ANSWERS_VENV)
	$(ANSWERS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r answers/requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf site $(VENV) $(ANSWERS_VENV) .venv-lock node_modules .pytest_cache
