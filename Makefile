# geomap: every target sets up what it needs (a virtual environment in .venv, Debian packages as root).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geomap-installed
GAZETTEER := data/gazetteer/build/index.pickle
# `make run` opens the seeds from a demo store of its own, never from the user's geomap.db.
DEMO_STORE := build/demo/seeds.db
# Chromium renders briefing PNG/PDFs (kaleido) and runs the browser tests; poppler checks PDFs.
DEBIAN_PACKAGES := chromium chromium-driver poppler-utils

.PHONY: run test bench gazetteer setup setup-test debian-packages check-wheel clean

run: setup debian-packages $(GAZETTEER) $(DEMO_STORE)
	$(VENV)/bin/geomap serve --store $(DEMO_STORE)

# Rebuilt from scratch whenever the seeds or the code that reads them change.
$(DEMO_STORE): $(STAMP) $(GAZETTEER) $(wildcard seeds/*) $(wildcard src/geomap/*.py)
	@mkdir -p $(dir $@)
	rm -f $@ $@-wal $@-shm
	$(VENV)/bin/geomap ingest --store $@ seeds/

# The whole suite, browser tests included; `-m "not slow"` in PYTEST_ARGS leaves out the slow ones while working.
# Two pytest workers: most of the suite's wall time is waiting on Chromium and kaleido, not CPU. `--dist loadgroup`
# runs each module of WHOLE_MODULES (tests/conftest.py) whole on one worker: one Chromium, one kaleido render.
# Python's bytecode caches are written (ignored by git) even where PYTHONDONTWRITEBYTECODE is set: without them each
# worker compiles every module and rewrites every test module's asserts again at each run (about 5 s of CPU a run).
TEST_WORKERS ?= 2
test: setup-test $(GAZETTEER)
	@start=$$(date +%s); PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q --headless -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS); status=$$?; \
	echo "make test: the whole suite took $$(( $$(date +%s) - start )) s (target: under 180 s on a quiet machine)"; \
	exit $$status

LGL := $(or $(GEOMAP_LGL),../shared/eval/lgl.jsonl)

bench: setup-test $(GAZETTEER) $(DEMO_STORE)
	$(PY) bench/bench_geocode.py $(if $(wildcard $(LGL)),--lgl $(LGL))
	@if [ -f $(LGL) ]; then echo "== geomap eval $(LGL)"; $(VENV)/bin/geomap eval $(LGL); \
	 else echo "== $(LGL) not found: LGL figures skipped"; fi
	@echo "== geomap eval tests/data/seeds_gold.jsonl"; $(VENV)/bin/geomap eval tests/data/seeds_gold.jsonl
	$(PY) bench/bench_ingest.py
	@if [ -f bench/bench_dashboard.py ]; then $(PY) bench/bench_dashboard.py; fi
	-$(PY) bench/load_dashboard.py

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
	  else echo "geomap: install python3-venv as root (apt-get install python3-venv)" >&2; exit 1; fi; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

setup-test: setup debian-packages

debian-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "geomap: install these Debian packages as root:$$missing" >&2; exit 1; fi; \
	fi

# The index follows its data, its build code and the pinned packages it reads, not every reinstall.
gazetteer $(GAZETTEER): constraints.txt data/gazetteer/curated.csv data/gazetteer/country_names.csv data/gazetteer/transliterations.csv src/geomap/gazetteer/build.py src/geomap/normalize.py | $(STAMP)
	$(PY) data/gazetteer/scripts/build_gazetteer.py

# The installed package, away from the checkout: wheel -> new venv -> every main command from a temporary folder.
check-wheel: setup-test
	$(PY) .ci/check_wheel.py

clean:
	rm -rf $(VENV) data/gazetteer/build .pytest_cache
