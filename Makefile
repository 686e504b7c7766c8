# Convenience wrapper around CMake: `make demo`, `make check`.
# CMake is the real build; this file only installs what is missing,
# configures and runs.

BUILD      ?= build
ASAN_BUILD ?= build-asan
RELEASE_BUILD ?= build-release
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

# Debian packages the build and the tests need.
DEBIAN_PACKAGES = cmake ninja-build make gcc python3 \
                  libclang-19-dev clang-19 llvm-19-tools \
                  mingw-w64-common libcjson-dev libyaml-dev libxml2-dev \
                  neovim pre-commit python3-jsonschema git groff-base
# Node.js and npm (for the SARIF validator), unless some other install of them is on PATH.
NODE_PACKAGES   = nodejs npm

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build build-asan build-release check-release demo check check-fast test clean bench fuzz fuzz-build fuzz-short

# Fuzzing (libFuzzer, ASan+UBSan): Debian's clang-14 ships libFuzzer's
# runtime, clang-19 does not.
FUZZ_BUILD   ?= build-fuzz
FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_TARGETS  = facts config rulepack compile_db baseline lsp

all: build

deps:
	@missing=""; command -v npm >/dev/null 2>&1 || missing="$(NODE_PACKAGES)"; \
	for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@for b in $(BUILD) $(ASAN_BUILD); do \
	  sh testdata/integrations/setup-sarif-validator.sh $$b >/dev/null 2>&1 || \
	    echo "note: SARIF validator not installed in $$b (npm unreachable?); SARIF tests will say so"; \
	done

# The project's own builds treat warnings as errors (DUMPCHECK_WERROR; a
# plain cmake leaves it off). A build folder configured before the option
# existed, or without it, is configured again with it.
WERROR = -DDUMPCHECK_WERROR=ON
configure = grep -q '^DUMPCHECK_WERROR:BOOL=ON$$' $(1)/CMakeCache.txt 2>/dev/null || \
	cmake -S . -B $(1) -G Ninja $(WERROR) $(2)

build: deps
	$(call configure,$(BUILD),-DCMAKE_BUILD_TYPE=$(BUILD_TYPE))
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	$(call configure,$(ASAN_BUILD),-DCMAKE_BUILD_TYPE=Debug -DDUMPCHECK_SANITIZE=ON)
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# The configuration packagers and most users pick: built and checked on the
# reference driver, its seeded variants and the engine suite (CI runs it
# beside `check`).
build-release:
	$(call configure,$(RELEASE_BUILD),-DCMAKE_BUILD_TYPE=Release)
	cmake --build $(RELEASE_BUILD) -j $(JOBS)

check-release: build-release
	cd $(RELEASE_BUILD) && ctest -R '^lit-(golden|engine)$$' --output-on-failure

demo: build
	@echo "== dumpcheck on the reference driver (the golden target: no findings)"
	./$(BUILD)/dumpcheck --list-callbacks testdata/reference-driver/*.c
	./$(BUILD)/dumpcheck testdata/reference-driver/*.c && echo "(clean: exit status $$?)"
	@echo
	@echo "== the same driver with a seeded bug: Dump_Unload forgets the MDL on the resume path"
	./$(BUILD)/dumpcheck testdata/reference-driver/*.c -- -DSEED_UNLOAD_LEAK; \
	  echo "(exit status $$?: findings)"

# The whole test suite, in the normal and in the ASan+UBSan build.
check: build build-asan
	cd $(BUILD) && ctest --output-on-failure
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure
	$(MAKE) fuzz-short

# Each harness of fuzz/ for FUZZ_SECONDS, from its seed corpus (kept as
# committed: what the run finds goes to $(FUZZ_BUILD)/corpus); a finding
# stops with its reproducer in $(FUZZ_BUILD)/artifacts.
fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "Installing clang-14 (libFuzzer)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends clang-14; }
	@[ -f $(FUZZ_BUILD)/build.ninja ] || cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DDUMPCHECK_SANITIZE=ON -DDUMPCHECK_FUZZ=ON -DCMAKE_C_COMPILER=$(FUZZ_CC) -DCMAKE_C_FLAGS=-gline-tables-only
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/artifacts
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  echo "== fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ./$(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t- \
	    $(FUZZ_BUILD)/corpus/$$t fuzz/corpus/$$t 2>$(FUZZ_BUILD)/fuzz_$$t.log || \
	    { tail -40 $(FUZZ_BUILD)/fuzz_$$t.log; exit 1; }; \
	  grep -E "stat::number_of_executed_units|stat::new_units_added|cov:" $(FUZZ_BUILD)/fuzz_$$t.log | tail -3; \
	done

# The short pass `make check` runs (a few seconds per harness).
fuzz-short:
	$(MAKE) fuzz FUZZ_SECONDS=5

# Only the normal build (quicker while developing).
check-fast: build
	cd $(BUILD) && ctest --output-on-failure

test: check

bench: build
	/usr/bin/python3 bench/bench.py --build $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(RELEASE_BUILD)
