# qdkg — two commands on a fresh machine: `make demo`, then `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
QDKG   := $(BIN)/qdkg
export QDKG_HOME ?= $(CURDIR)/.qdkg
SAMPLES := data/samples
OUT    := out

.PHONY: demo install test test-deps lint bench clean stop help

help:
	@echo "make demo   create .venv, install qdkg, load the sample report, write out/"
	@echo "make test   install test dependencies (chromium, the Cypher linter) and run the suite"
	@echo "make bench  run the benchmarks and rewrite BENCHMARKS.md"

# Debian packages are installed with apt-get as root, or through sudo.
APT := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq --no-install-recommends

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("qdkg needs Python 3.11+") if sys.version_info < (3, 11) else None'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "Python's venv module is missing: installing Debian's python3-venv"; rm -rf $(VENV); \
	  $(APT) update -qq && $(APT_INSTALL) python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(QDKG) db start
	$(QDKG) db init
	$(QDKG) load $(SAMPLES)
	$(QDKG) stats
	@if $(QDKG) report list >/dev/null 2>&1; then $(QDKG) report run-all -o $(OUT)/reports; fi
	@if $(QDKG) export --help >/dev/null 2>&1; then \
	  $(QDKG) export html -o $(OUT)/graph.html && \
	  $(QDKG) export html --focus 董家口 --depth 2 -o $(OUT)/dongjiakou.html; fi
	@echo
	@echo "Done. Outputs are in $(OUT)/ ; the embedded store keeps running (stop it with: $(QDKG) db stop)."

# Chromium (Debian's package) for the browser tests; the Cypher linter from the npm registry.
test-deps: install
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests:$$missing"; \
	  $(APT) update -qq && $(APT_INSTALL) $$missing >/dev/null; \
	fi
	@[ -d tools/cypher-lint/node_modules/@neo4j-cypher ] || (cd tools/cypher-lint && npm ci --silent --no-audit --no-fund)

test: test-deps
	$(BIN)/python -m pytest -q

lint: test-deps
	node tools/cypher-lint/cypher_lint.mjs queries

bench: install
	$(BIN)/python -m bench

stop:
	-$(QDKG) db stop

clean: stop
	rm -rf $(OUT) .pytest_cache
