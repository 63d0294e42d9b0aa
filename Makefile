# One command per check. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test lint unit bench run-deps system-deps data clean deploy-local deploy-stop deploy-deps

# A stamp per requirements file, so a changed lock reinstalls and an unchanged one costs nothing.
$(VENV)/.run-stamp: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	@touch $@

$(VENV)/.dev-stamp: $(VENV)/.run-stamp requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	@touch $@

# One BLAS thread: the forecasts fit tiny matrices, where thread start-up costs more than it saves.
export OPENBLAS_NUM_THREADS := 1

run: $(VENV)/.run-stamp run-deps
	$(PY) -m streamlit run dashboard/app.py --server.address 127.0.0.1 --server.port 8501

# Debian packages, checked by the command or library file each provides. As root we apt-get what is
# missing; otherwise we say how. Exports (charts, PDF) need chromium, the CJK fonts and pango at run time;
# the tests also read PDFs (poppler-utils) and render PowerPoint files (libreoffice-impress).
RUN_DEBS  := chromium:chromium fonts-noto-cjk:@Noto\ Sans\ CJK libpango-1.0-0:libpango-1.0.so.0 libpangoft2-1.0-0:libpangoft2-1.0.so.0
DEPLOY_DEBS := postgresql:/usr/lib/postgresql/*/bin/initdb nginx:/usr/sbin/nginx
TEST_DEBS := $(RUN_DEBS) poppler-utils:pdftoppm libreoffice-impress:soffice $(DEPLOY_DEBS)

define install_debs
	@missing=""; \
	for pair in $(1); do \
	  pkg=$${pair%%:*}; probe=$${pair#*:}; \
	  case "$$probe" in \
	    @*) fc-list 2>/dev/null | grep -qi "$${probe#@}" || missing="$$missing $$pkg";; \
	    *.so*) ldconfig -p 2>/dev/null | grep -q "$$probe" || missing="$$missing $$pkg";; \
	    /*) ls $$probe >/dev/null 2>&1 || missing="$$missing $$pkg";; \
	    *) command -v "$$probe" >/dev/null 2>&1 || missing="$$missing $$pkg";; \
	  esac; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Needed:$$missing. Install with: sudo apt-get install -y$$missing"; \
	    if [ "$$CI" = "true" ]; then exit 1; fi; \
	  fi; \
	fi
endef

run-deps:
	$(call install_debs,$(RUN_DEBS))

system-deps:
	$(call install_debs,$(TEST_DEBS))

deploy-deps:
	$(call install_debs,$(RUN_DEBS) $(DEPLOY_DEBS))

# The production layout on this machine, in the background: PostgreSQL, 2 Streamlit replicas, nginx on
# http://127.0.0.1:8080 (deploy/README.md). `make deploy-stop` stops all of it (the database is kept).
deploy-local: $(VENV)/.run-stamp deploy-deps
	$(PY) deploy/local.py start --replicas 2 --port 8080

deploy-stop:
	@test -x $(PY) && $(PY) deploy/local.py stop || python3 deploy/local.py stop

# axe-core (accessibility checks in the browser tests), pinned by package-lock.json.
node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: $(VENV)/.dev-stamp
	$(PY) -m ruff check .

# The store tests run on SQLite and on a throwaway PostgreSQL cluster, started here and always stopped.
test: $(VENV)/.dev-stamp system-deps node_modules/.stamp lint
	@url=$$(deploy/pg_cluster.sh start) || exit 1; \
	JILIN_TEST_POSTGRES_URL="$$url" $(PY) -m pytest; rc=$$?; \
	deploy/pg_cluster.sh stop; exit $$rc

unit: $(VENV)/.dev-stamp
	$(PY) -m pytest -m "not browser"

bench: $(VENV)/.dev-stamp system-deps
	$(PY) bench/startup.py --runs 3
	$(PY) bench/scenario.py
	$(PY) bench/interaction.py
	$(PY) bench/map.py
	$(PY) bench/briefing.py
	$(PY) bench/store.py

# Rebuild derived data (needs requirements-build.txt), then refresh sidecar checksums.
data: $(VENV)/.dev-stamp
	$(PIP) install -r requirements-build.txt
	$(PY) data/scripts/build_boundaries.py
	@if [ -d ../shared/data ]; then $(PY) data/scripts/build_guidance_data.py; \
	  else echo "skip build_guidance_data.py: ../shared/data (the collected reference tables) is not on this machine"; fi
	$(PY) data/scripts/build_county_illustrative.py
	$(PY) data/scripts/update_checksums.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts node_modules
