# Fuzzing (issue 8). `make fuzz` builds one libFuzzer target per reader with
# clang -fsanitize=fuzzer,address,undefined, compiling the library sources
# directly (not the gcc-built libraries), seeds a corpus in the build dir
# from tests/fuzz/seeds and the shared fixtures, and runs each target for
# FUZZ_SECONDS. Needs clang and its fuzzer runtime (Debian: clang,
# libclang-rt-14-dev). Not part of `make check`; there the targets are
# built into tests/fuzz/fuzz_standalone and replayed over the seeds.
#   make fuzz FUZZ_SECONDS=300 FUZZ_TARGETS="avro orc"
FUZZ_TARGETS = avro orc manifest binrow types json schema snapshot dv xml
FUZZ_SECONDS = 60
FUZZ_CC = clang
FUZZ_DIR = fuzz-build
FUZZ_FLAGS = -rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=10 \
	-print_final_stats=1 -max_len=262144
FUZZ_SANITIZE = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = -g -O1 -std=c11 -fno-omit-frame-pointer $(FUZZ_SANITIZE) \
	-I$(top_srcdir)/src -I$(top_builddir) -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	-DPL_DATADIR='"$(pkgdatadir)"' $(CJSON_CFLAGS) $(ZSTD_CFLAGS) $(ZLIB_CFLAGS) \
	$(LZ4_CFLAGS) $(CURL_CFLAGS) $(OPENSSL_CFLAGS) $(EXPAT_CFLAGS)
FUZZ_LIBS = $(CJSON_LIBS) $(ZSTD_LIBS) $(ZLIB_LIBS) $(SNAPPY_LIBS) $(LZ4_LIBS) \
	$(CURL_LIBS) $(OPENSSL_LIBS) $(EXPAT_LIBS) $(PTHREAD_LIBS) $(MATH_LIBS)
FUZZ_LIB_SRCS = $(sort $(filter %.c,$(src_util_libplutil_a_SOURCES) \
	$(src_io_libplio_a_SOURCES) $(src_paimon_libplpaimon_a_SOURCES)))
FUZZ_LIB_OBJS = $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(FUZZ_LIB_SRCS))
FUZZ_BINS = $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_TARGETS))

$(FUZZ_DIR)/obj/%.o: $(top_srcdir)/%.c
	@mkdir -p $(@D)
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: $(top_srcdir)/tests/fuzz/fuzz_%.c $(FUZZ_DIR)/obj/tests/fuzz/fuzz_records.o \
		$(FUZZ_LIB_OBJS)
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	  $(FUZZ_DIR)/obj/tests/fuzz/fuzz_records.o $(FUZZ_LIB_OBJS) $(FUZZ_LIBS)

fuzz-targets: $(FUZZ_BINS)

# Targets run one after another in one process each: the machine is shared. The corpus keeps
# growing across runs; crashes land in $(FUZZ_DIR)/crashes and the run
# stops with the first one.
fuzz: fuzz-targets
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/crashes $(FUZZ_DIR)/logs; \
	  $(SHELL) $(top_srcdir)/tests/fuzz/seed.sh $$t '$(top_srcdir)' $(FUZZ_DIR)/corpus/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS)s ($$(ls $(FUZZ_DIR)/corpus/$$t | wc -l) seeds)"; \
	  $(FUZZ_DIR)/fuzz_$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(FUZZ_DIR)/crashes/$$t- $(FUZZ_DIR)/corpus/$$t \
	    >$(FUZZ_DIR)/logs/$$t.log 2>&1 || { tail -60 $(FUZZ_DIR)/logs/$$t.log; exit 1; }; \
	  grep -E '^(#[0-9]+.*(DONE|pulse)|stat::)' $(FUZZ_DIR)/logs/$$t.log | tail -8; \
	done

clean-local: clean-fuzz
clean-fuzz:
	rm -rf $(FUZZ_DIR)
.PHONY: fuzz fuzz-targets clean-fuzz

# `make check`: the harness code compiled with the normal compiler and run
# over the hand-made seeds and a few fixture files.
check_PROGRAMS += tests/fuzz/fuzz_standalone
tests_fuzz_fuzz_standalone_SOURCES = tests/fuzz/standalone_main.c tests/fuzz/fuzz.h \
	tests/fuzz/fuzz_records.c tests/fuzz/fuzz_records.h \
	tests/fuzz/fuzz_avro.c tests/fuzz/fuzz_orc.c tests/fuzz/fuzz_manifest.c \
	tests/fuzz/fuzz_binrow.c tests/fuzz/fuzz_types.c tests/fuzz/fuzz_json.c \
	tests/fuzz/fuzz_schema.c tests/fuzz/fuzz_snapshot.c tests/fuzz/fuzz_dv.c \
	tests/fuzz/fuzz_xml.c
tests_fuzz_fuzz_standalone_CFLAGS = $(AM_CFLAGS) -DPL_FUZZ_STANDALONE=1
tests_fuzz_fuzz_standalone_LDADD = $(PL_TEST_LDADD)
SHELL_TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/seed.sh tests/fuzz/replay.sh tests/fuzz/seeds
