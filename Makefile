# qdkg — two commands on a fresh machine: `make demo`, then `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
QDKG   := $(BIN)/qdkg
export QDKG_HOME ?= $(CURDIR)/.qdkg
SAMPLES := data/samples
OUT    := out

.PHONY: demo install test test-deps lint bench clean stop help neo4j neo4j-stop neo4j-build

help:
	@echo "make demo   create .venv, install qdkg, load the sample report, write out/"
	@echo "make test   install test dependencies (chromium, the Cypher linter) and run the suite"
	@echo "make bench  run the benchmarks and rewrite BENCHMARKS.md"
	@echo "make neo4j  a local Neo4j 5 with Browser (Java 17), the sample loaded; make neo4j-stop stops it"

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
	$(BIN)/python -m compileall -q qdkg loaders graph queries  # as a wheel install would: start-up reads .pyc
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
	  $(QDKG) export html --focus 董家口 --depth 2 -o $(OUT)/dongjiakou.html && \
	  $(QDKG) export png --focus 董家口 --depth 2 -o $(OUT)/dongjiakou.png; fi
	@echo
	@echo "Done. Outputs are in $(OUT)/ ; the embedded store keeps running (stop it with: $(QDKG) db stop)."

# Chromium (Debian's package) for the browser tests; the Cypher linter from the npm registry; Java 17 and Maven
# for the real Neo4j the Neo4j tests start (tools/neo4j, built here so that the tests do not wait for Maven).
test-deps: install
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	command -v java >/dev/null 2>&1 || missing="$$missing openjdk-17-jdk-headless"; \
	command -v mvn >/dev/null 2>&1 || missing="$$missing maven"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests:$$missing"; \
	  $(APT) update -qq && $(APT_INSTALL) $$missing >/dev/null; \
	fi
	@[ -d tools/cypher-lint/node_modules/@neo4j-cypher ] || (cd tools/cypher-lint && npm ci --silent --no-audit --no-fund)
	@$(MAKE) --no-print-directory neo4j-build

test: test-deps
	$(BIN)/python -m pytest -q

lint: test-deps
	node tools/cypher-lint/cypher_lint.mjs queries

bench: install
	$(BIN)/python -m bench

stop:
	-$(QDKG) db stop

# --- a local Neo4j 5 (tools/neo4j: Neo4j's test server with APOC and Browser), no Docker needed ---------------
# Maven's downloads are cached in ~/.m2 between runs; the build is redone only when the pom or the class change.
NEO4J_TOOL  := tools/neo4j
NEO4J_BUILT := $(NEO4J_TOOL)/target/classpath.txt
NEO4J_HOME  ?= $(CURDIR)/.neo4j
NEO4J_BOLT_PORT ?= 7687
NEO4J_HTTP_PORT ?= 7474
NEO4J_URI   := bolt://127.0.0.1:$(NEO4J_BOLT_PORT)

$(NEO4J_BUILT): $(NEO4J_TOOL)/pom.xml $(NEO4J_TOOL)/src/main/java/qdkg/neo4j/Launcher.java
	@command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 || { \
	  echo "Installing Debian's openjdk-17-jdk-headless and maven for the local Neo4j"; \
	  $(APT) update -qq && $(APT_INSTALL) openjdk-17-jdk-headless maven >/dev/null; }
	@echo "Building the local Neo4j launcher (tools/neo4j; the first build downloads Neo4j from Maven Central)"
	cd $(NEO4J_TOOL) && mvn -q -B package
	@touch $@

neo4j-build: $(NEO4J_BUILT)

neo4j: install neo4j-build
	@mkdir -p $(NEO4J_HOME) && chmod 700 $(NEO4J_HOME)
	@[ -s $(NEO4J_HOME)/password ] || (umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(18))' \
	  > $(NEO4J_HOME)/password)
	@chmod 600 $(NEO4J_HOME)/password
	@if [ -f $(NEO4J_HOME)/pid ] && kill -0 "$$(cat $(NEO4J_HOME)/pid)" 2>/dev/null; then \
	  echo "Neo4j is already running (pid $$(cat $(NEO4J_HOME)/pid))"; \
	else \
	  echo "Starting Neo4j on 127.0.0.1:$(NEO4J_BOLT_PORT) (Bolt) and 127.0.0.1:$(NEO4J_HTTP_PORT) (HTTP), data in $(NEO4J_HOME)"; \
	  CLASSPATH="$(CURDIR)/$(NEO4J_TOOL)/target/classes:$(CURDIR)/$(NEO4J_TOOL)/target/plugins/*:$$(cat $(NEO4J_BUILT))" \
	    nohup setsid java -Xmx1g qdkg.neo4j.Launcher --data $(NEO4J_HOME)/db --password-file $(NEO4J_HOME)/password \
	    --bolt-port $(NEO4J_BOLT_PORT) --http-port $(NEO4J_HTTP_PORT) > $(NEO4J_HOME)/neo4j.log 2>&1 < /dev/null & \
	  echo $$! > $(NEO4J_HOME)/pid; \
	  for i in $$(seq 240); do \
	    grep -q '^READY ' $(NEO4J_HOME)/neo4j.log && break; \
	    kill -0 "$$(cat $(NEO4J_HOME)/pid)" 2>/dev/null || { cat $(NEO4J_HOME)/neo4j.log; rm -f $(NEO4J_HOME)/pid; exit 1; }; \
	    sleep 0.5; \
	  done; \
	  grep -q '^READY ' $(NEO4J_HOME)/neo4j.log || { echo "Neo4j did not start in 120 s; see $(NEO4J_HOME)/neo4j.log"; exit 1; }; \
	fi
	@QDKG_URI=$(NEO4J_URI) QDKG_USER=neo4j QDKG_PASSWORD="$$(cat $(NEO4J_HOME)/password)" QDKG_DATABASE= \
	  sh -c '$(QDKG) db init && $(QDKG) load $(SAMPLES)'
	@echo
	@echo "Neo4j Browser: http://127.0.0.1:$(NEO4J_HTTP_PORT)/browser/   (connect URL $(NEO4J_URI))"
	@echo "  user:     neo4j"
	@echo "  password: $$(cat $(NEO4J_HOME)/password)   (kept in $(NEO4J_HOME)/password)"
	@echo "Point qdkg at it:"
	@echo "  export QDKG_URI=$(NEO4J_URI) QDKG_USER=neo4j QDKG_PASSWORD=\$$(cat $(NEO4J_HOME)/password)"
	@echo "Saved scripts, style and guide for Browser: $(QDKG) export browser-kit -o out/browser-kit"
	@echo "Stop it with: make neo4j-stop"

neo4j-stop:
	@if [ -f $(NEO4J_HOME)/pid ] && kill -0 "$$(cat $(NEO4J_HOME)/pid)" 2>/dev/null; then \
	  pid=$$(cat $(NEO4J_HOME)/pid); kill -TERM $$pid; \
	  for i in $$(seq 120); do kill -0 $$pid 2>/dev/null || break; sleep 0.5; done; \
	  if kill -0 $$pid 2>/dev/null; then echo "Neo4j (pid $$pid) did not stop in 60 s"; exit 1; fi; \
	  rm -f $(NEO4J_HOME)/pid; echo "Neo4j stopped (data kept in $(NEO4J_HOME))."; \
	else rm -f $(NEO4J_HOME)/pid; echo "Neo4j was not running."; fi

clean: stop
	rm -rf $(OUT) .pytest_cache
