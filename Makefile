# geomap: every target sets up what it needs (a virtual environment in .venv, Debian packages as root).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geomap-installed
GAZETTEER := data/gazetteer/build/index.pickle
DEBIAN_TEST_PACKAGES := chromium chromium-driver poppler-utils

.PHONY: run test bench gazetteer setup setup-test debian-test-packages clean

run: setup $(GAZETTEER)
	$(VENV)/bin/geomap serve

test: setup-test $(GAZETTEER)
	$(PY) -m pytest -q --headless

LGL := ../shared/eval/lgl.jsonl

bench: setup-test $(GAZETTEER)
	$(PY) bench/bench_geocode.py
	@if [ -f $(LGL) ]; then echo "== geomap eval $(LGL)"; $(VENV)/bin/geomap eval $(LGL); \
	 else echo "== $(LGL) not found: LGL figures skipped"; fi
	@echo "== geomap eval tests/data/seeds_gold.jsonl"; $(VENV)/bin/geomap eval tests/data/seeds_gold.jsonl
	$(PY) bench/bench_ingest.py
	@if [ -f bench/bench_dashboard.py ]; then $(PY) bench/bench_dashboard.py; fi

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup-test: setup debian-test-packages

# Browser tests drive Debian's Chromium; kaleido renders briefings with it too.
debian-test-packages:
	@missing=""; for p in $(DEBIAN_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "geomap: install these Debian packages as root:$$missing" >&2; exit 1; fi; \
	fi

gazetteer $(GAZETTEER): $(STAMP) data/gazetteer/curated.csv src/geomap/gazetteer/build.py src/geomap/normalize.py
	$(PY) data/gazetteer/scripts/build_gazetteer.py

clean:
	rm -rf $(VENV) data/gazetteer/build .pytest_cache
