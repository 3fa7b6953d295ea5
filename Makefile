# Musette: `make run` sets up, ingests seeds/ and serves; `make test` sets up and runs the tests.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= musette.db
PORT ?= 8001
HOST ?= 127.0.0.1
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test setup ingest serve gazetteer browser screenshots lint bench clean

run: setup gazetteer ingest serve

setup: $(VENV)/.stamp-setup

$(VENV)/.stamp-setup: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

gazetteer: setup
	$(BIN)/musette gazetteer build

ingest: setup
	$(BIN)/musette ingest seeds/ --db $(DB) || test $$? -eq 1

serve: setup
	$(BIN)/musette serve $(DB) --host $(HOST) --port $(PORT)

# A real headless Chromium for the browser tests: Debian's package, driven by Playwright.
browser: setup
	@test -x $(CHROMIUM) || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Chromium not found at $(CHROMIUM); browser tests will be skipped"; fi; }

test: setup gazetteer browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -q -p no:cacheprovider; \
	  status=$$?; if [ $$status -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$status

# Refresh the README's screenshots (docs/*.png) from the browser tests.
screenshots: setup gazetteer browser
	MUSETTE_SCREENSHOTS=docs CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_browser.py

lint: setup
	$(BIN)/ruff check ingest plugins tests bench

BENCH_DIR ?= /tmp/musette-bench

bench: setup gazetteer
	$(BIN)/python bench/geocode.py
	$(BIN)/python bench/ingest.py --keep $(BENCH_DIR)
	$(BIN)/python bench/serve.py --db $(BENCH_DIR)/musette-10000.db
	$(BIN)/python bench/consolidate.py --keep $(BENCH_DIR)/consolidate

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
