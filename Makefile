# The build graph of the almanac. `make serve` and `make test` are the quick start; every other
# target is a step they depend on, so make rebuilds only what changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8001
HOST ?= 127.0.0.1

SOURCES := $(shell find sources -type f -not -name '.*')
BUILD_CODE := build_db.py $(wildcard almanac/*.py)
SITE_INPUTS := $(wildcard config/*.yml) $(wildcard queries/*.sql) almanac/schema.py almanac/site.py $(wildcard almanac/*.sql)
# npm writes this file on every install; it stands for node_modules/ being what package-lock.json pins.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: serve serve-front test build check site clean install install-test bench crosscheck snapshot publish-commands publish-cloudrun publish-fly

serve: almanac.db inspect-data.json metadata.yml settings.json
	$(BIN)/datasette serve . --host $(HOST) --port $(PORT)

# The production recipe, locally: nginx (apt-get install nginx) in front of Datasette, with the
# header and body timeouts the Python server lacks. See deploy/front.sh.
serve-front: almanac.db inspect-data.json metadata.yml settings.json
	PORT=$(or $(FRONT_PORT),8080) HOST=$(HOST) deploy/front.sh

test: install-test site $(NODE_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

build: almanac.db

check: install
	$(BIN)/python build_db.py check

site: metadata.yml settings.json

# A stamp per requirements file: reinstall only when the pins change.
install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

# SQLite's WebAssembly build for the static snapshot's SQL page, exactly as package-lock.json pins it.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The static site in dist/: every page, table, row page, query, chart and file, with relative links.
# PUBLIC_URL=https://... makes what the snapshot cannot hold (sorting, other filters) link there.
snapshot: almanac.db inspect-data.json metadata.yml settings.json $(NODE_STAMP)
	$(BIN)/python -m snapshot --out dist $(if $(PUBLIC_URL),--public-url $(PUBLIC_URL))

# Rebuilt when any record or any of the build's code is newer than it. A failed build leaves
# the previous database in place (build_db.py writes a temporary file and renames it).
almanac.db: $(VENV)/.installed $(SOURCES) $(BUILD_CODE)
	$(BIN)/python build_db.py build --db $@ --claims-report docs/claims.md

# Served immutable: Datasette reads this file, so it knows the row counts up front and
# offers the .db download.
inspect-data.json: almanac.db
	$(BIN)/datasette inspect almanac.db --inspect-file $@

metadata.yml settings.json &: $(VENV)/.installed $(SITE_INPUTS)
	$(BIN)/python build_db.py site

# Compares the records with public reference datasets found under REF (not part of the project)
# and writes the report reviewed in docs/crosscheck.md, and the names gateways use that the almanac
# lacks in docs/name-proposals.csv (docs/usage-pricing.md says how they are reviewed).
crosscheck: almanac.db
	@test -n "$(REF)" || { echo "usage: make crosscheck REF=path/to/reference/datasets"; exit 2; }
	$(BIN)/python build_db.py crosscheck --ref $(REF) --out docs/crosscheck.md --proposals docs/name-proposals.csv

# Read-only replicas on Cloud Run or Fly (README, "Scale out"): each command is generated from
# the files `make serve` uses (almanac/publish.py). publish-commands prints them; the other two
# run one, with gcloud or flyctl logged in.
publish-commands: metadata.yml settings.json
	@$(BIN)/python build_db.py publish --to cloudrun
	@$(BIN)/python build_db.py publish --to fly

publish-cloudrun publish-fly: publish-%: almanac.db metadata.yml settings.json
	$(BIN)/python build_db.py publish --to $* --run

# About a quarter of an hour on two cores; BENCH_SCALES=1,10 for a quick run. See docs/benchmarks.md.
bench: install metadata.yml settings.json $(NODE_STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -f almanac.db almanac.db.tmp-* inspect-data.json metadata.yml settings.json
	rm -rf dist dist.tmp test-artifacts .pytest_cache
