# jobnet-gateway: `make run` serves on 127.0.0.1:8080 with the embedded Planner simulator;
# `make test` runs the whole suite. Both install what they need (Debian packages, a Python venv
# for zeep under .build-tools/) only when it is missing.

SWIFT        ?= swift
TOOLS        := .build-tools
VENV         := $(TOOLS)/venv
SYSTEM_PKGS  := libxml2-dev libcurl4-openssl-dev zlib1g-dev pkg-config
TEST_PKGS    := libxml2-utils openssl prometheus gsoap libgsoap-dev gcc chromium jaxws default-jdk-headless postgresql
BENCH_PKGS   := nginx wrk curl
FUZZ_SECONDS ?= 600

.PHONY: all build run test deps test-deps bench-deps bench bench-ledger fuzz clean check-mappings status-screenshot

all: build

## Install the C libraries the SwiftPM system-library targets link, when missing.
deps:
	@missing=""; for p in $(SYSTEM_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

## Test tools: xmllint, openssl, promtool (prometheus), gSOAP (with gcc), JAX-WS (with a JDK) and headless Chromium from Debian, zeep and suds-community in a venv.
test-deps: deps
	@missing=""; for p in $(TEST_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@if [ ! -x $(VENV)/bin/python ] || ! $(VENV)/bin/python -c 'import zeep, suds' 2>/dev/null; then \
	  echo "installing zeep and suds-community into $(VENV)"; \
	  python3 -m venv $(VENV) && $(VENV)/bin/pip install -q zeep suds-community; \
	fi

build: deps
	$(SWIFT) build

run: build
	$(SWIFT) run jobnet-gateway serve --host 127.0.0.1 --port 8080 --planner sim

check-mappings: build
	$(SWIFT) run jobnet-gateway check-mappings --mappings Mappings

test: test-deps
	xmllint --noout Wsdl/JobnetCitizenStatusService.xsd Wsdl/JobnetCitizenStatusService.wsdl
	xmllint --noout --schema Wsdl/JobnetCitizenStatusService.xsd docs/examples/GetBorgerstatusResponse.xml
	promtool check rules docs/monitoring/alerts.yml
	$(SWIFT) build
	JOBNET_GATEWAY_TEST_PYTHON=$(CURDIR)/$(VENV)/bin/python $(SWIFT) test --no-parallel
	@echo "== the same suite against the strict Planner simulator (PlannerSimulatorStyle.strict, its own routes)"
	JOBNET_GATEWAY_TEST_PLANNER=strict JOBNET_GATEWAY_TEST_PYTHON=$(CURDIR)/$(VENV)/bin/python $(SWIFT) test --no-parallel

## docs/images/status-page.png again: the Chromium test of /status, keeping its screenshot.
status-screenshot: test-deps
	$(SWIFT) build --build-tests
	JOBNET_GATEWAY_STATUS_SCREENSHOT=$(CURDIR)/docs/images/status-page.png $(SWIFT) test --skip-build --filter StatusPageBrowserTests

## The benchmark: nginx and wrk from Debian, the release build; results into docs/benchmarks.md.
bench-deps: deps
	@missing=""; for p in $(BENCH_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

bench: bench-deps
	$(SWIFT) build -c release --product jobnet-gateway
	Tests/Bench/run.sh

## CreateSelvbooking on SQLite and on PostgreSQL, one instance and two behind nginx; into docs/benchmarks.md.
bench-ledger: bench-deps test-deps
	$(SWIFT) build -c release --product jobnet-gateway
	Tests/Bench/ledger.sh

## libFuzzer over the request path for FUZZ_SECONDS (default 600), seeded from Tests/Fixtures/.
## Crashing inputs land in .build-fuzz/crashes/; commit them to Tests/Fuzz/regressions/.
fuzz: deps
	$(SWIFT) build --product jobnet-gateway-fuzz
	.build/debug/jobnet-gateway-fuzz seeds Tests/Fixtures .build-fuzz/seeds
	$(SWIFT) build --build-path .build-fuzz --product jobnet-gateway-fuzz \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING
	mkdir -p .build-fuzz/corpus .build-fuzz/crashes
	.build-fuzz/debug/jobnet-gateway-fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -max_len=65536 -artifact_prefix=.build-fuzz/crashes/ -print_final_stats=1 \
	  .build-fuzz/corpus .build-fuzz/seeds Tests/Fuzz/regressions

clean:
	rm -rf .build .build-fuzz $(TOOLS)
