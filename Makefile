# The two commands of the README. Each installs what is missing first.
#   make demo   build ntmm and run the demo program with --stats
#   make test   build, run the whole suite, then again under ASan+UBSan
#               (chromium is installed first, for the report's test)
#   make fuzz N=CASES [SECONDS=S] [SEED=S] [OUT=DIR]
#               the robustness campaign (tests/fuzz/ntmm-fuzz.c) under the
#               ASan+UBSan build; reproducers of failures go to OUT
#   make libfuzzer [RUNS=N]
#               the libFuzzer harnesses (PE parser, pagefile open path),
#               with clang from Debian (scripts/deps.sh --libfuzzer)
#   make corpus build, fetch and build the real-program corpus, run it all
#               and print its results table (make corpus-readme also writes
#               the table into README.md)
#   make conformance
#               Wine's conformance tests (tests/conformance), fetched from
#               Debian's wine source package, run under ntmm; one line per
#               test file (make conformance-docs also writes the table into
#               docs/conformance.md)
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)

.PHONY: all deps deps-test build build-asan demo test bench bench-readme fuzz libfuzzer corpus corpus-readme conformance conformance-docs clean

all: build

deps:
	@bash scripts/deps.sh

# What only the tests need (chromium, for the report's test).
deps-test:
	@bash scripts/deps-test.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DNTMM_SANITIZE=ON \
	      -DUNICORN_PREFIX=$(CURDIR)/build/deps/unicorn/usr >/dev/null

build-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/ntmm run --stats --pagefile $(BUILD)/demo.db $(BUILD)/tests/pe/demo.exe
	@echo "=== paging: 16 pages written, 12 MiB more pushed through 4 MiB of RAM, the 16 read back"
	./$(BUILD)/ntmm run --stats --ram 4M --ws-max 64 --pagefile $(BUILD)/paging.db \
	  $(BUILD)/tests/paging/lifecycle.exe dirty
	@echo "=== the fault log (sqlite3 $(BUILD)/paging.db): faults by kind, and the page at 0x20000000"
	sqlite3 -header -column $(BUILD)/paging.db "SELECT * FROM fault_counts_by_kind" \
	  "SELECT seq, va_hex, eip_hex, access, kind, frame, slot FROM fault_log WHERE page = 0x20000000"
	@echo "=== fork: RtlCloneUserProcess returns twice; both write the page at 0x20000000"
	./$(BUILD)/ntmm run --stats --pagefile $(BUILD)/fork.db $(BUILD)/lessons/11-copy-on-write-fork/fork.exe
	sqlite3 -header -column $(BUILD)/fork.db \
	  "SELECT seq, process, va_hex, access, kind, frame FROM fault_log WHERE page = 0x20000000"

# The paging course: every lesson's commands, its output beside the expected
# (N=3 for one lesson); lessons-update regenerates expected.txt and the
# READMEs' output blocks from this build (lessons/run.sh). Only an N given
# on the command line (or in the environment) picks a lesson.
LESSON_N = $(if $(filter command line environment,$(origin N)),$(N))
.PHONY: lessons lessons-update
lessons: build
	lessons/run.sh --show --build $(BUILD) $(LESSON_N)

lessons-update: build
	lessons/run.sh --update --build $(BUILD) $(LESSON_N)

# Check's own per-test limit is 4 s; the sanitizer build needs more.
export CK_DEFAULT_TIMEOUT = 300

test: build build-asan deps-test
	@echo "=== test suite (normal build)"
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@echo "=== test suite (ASan+UBSan build)"
	cd $(ASAN_BUILD) && NTMM_VERIFY_MEMORY=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

N       ?= 1000
SECONDS ?= 0
SEED    ?= $(shell date +%s)
OUT     ?= $(CURDIR)/$(ASAN_BUILD)/fuzz-reproducers
fuzz: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 nice ./tests/fuzz/ntmm-fuzz \
	  --ntmm ./ntmm --programs tests --sysdir user --seed $(SEED) --cases $(N) \
	  --seconds $(SECONDS) --syscalls 5000 --operations 4000 --timeout 120 --out $(OUT)

# libFuzzer: clang is installed by scripts/deps.sh --libfuzzer, never needed by `make test`.
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -I$(CURDIR) -Wall -Wextra -Werror
RUNS ?= 100000
libfuzzer:
	@bash scripts/deps.sh --libfuzzer
	mkdir -p $(BUILD)/libfuzzer/corpus-pe $(BUILD)/libfuzzer/corpus-pagefile
	clang $(FUZZ_CFLAGS) tests/fuzz/libfuzzer/peimage_fuzzer.c rtl/rtlimage.c \
	  -o $(BUILD)/libfuzzer/peimage_fuzzer
	clang $(FUZZ_CFLAGS) tests/fuzz/libfuzzer/pagefile_fuzzer.c pagefile/*.c ex/ntstatus.c \
	  $$(pkg-config --cflags --libs sqlite3) -o $(BUILD)/libfuzzer/pagefile_fuzzer
	-cp $(BUILD)/tests/pe/*.exe $(BUILD)/user/*.dll $(BUILD)/libfuzzer/corpus-pe/ 2>/dev/null
	cd $(BUILD)/libfuzzer && nice ./peimage_fuzzer -runs=$(RUNS) -max_len=262144 corpus-pe
	rm -f $(BUILD)/libfuzzer/corpus-pagefile/ntmm.db $(BUILD)/libfuzzer/corpus-pagefile/other.db
	./$(BUILD)/ntmm run --no-fault-log --pagefile $(BUILD)/libfuzzer/corpus-pagefile/ntmm.db \
	  $(BUILD)/tests/pe/hello.exe >/dev/null
	sqlite3 $(BUILD)/libfuzzer/corpus-pagefile/other.db "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
	cd $(BUILD)/libfuzzer && nice ./pagefile_fuzzer -runs=$$(( $(RUNS) / 100 )) -max_len=262144 \
	  corpus-pagefile

corpus: build
	NTMM=$(CURDIR)/$(BUILD)/ntmm bash tests/corpus/run.sh

corpus-readme: build
	NTMM=$(CURDIR)/$(BUILD)/ntmm bash tests/corpus/run.sh --readme README.md

conformance: build
	@bash scripts/deps.sh --conformance
	NTMM=$(CURDIR)/$(BUILD)/ntmm bash tests/conformance/run.sh

conformance-docs: build
	@bash scripts/deps.sh --conformance
	NTMM=$(CURDIR)/$(BUILD)/ntmm bash tests/conformance/run.sh --doc docs/conformance.md

# The real programs of the bench (goal 6) come from the corpus: fetched and
# built here if they are not yet (cached in build/corpus); if that fails the
# bench still runs and says their goals are not met.
bench: build
	-NTMM=$(CURDIR)/$(BUILD)/ntmm bash tests/corpus/run.sh --prepare-only lua.bench sqlite.memory \
	  bzip2.file minigzip.file duktape.script
	./$(BUILD)/bench/ntmm-bench
	@echo "=== the paging stress test, longer: 10^7 operations against a shadow copy"
	NTMM_STRESS_OPERATIONS=10000000 CK_DEFAULT_TIMEOUT=3000 ./$(BUILD)/tests/unit/test_paging

# The same bench, once, and its Measured table written into README.md.
bench-readme: build
	-NTMM=$(CURDIR)/$(BUILD)/ntmm bash tests/corpus/run.sh --prepare-only lua.bench sqlite.memory \
	  bzip2.file minigzip.file duktape.script
	bash bench/measured.sh $(BUILD)

clean:
	rm -rf $(BUILD)/CMakeFiles $(BUILD)/CMakeCache.txt $(ASAN_BUILD)
