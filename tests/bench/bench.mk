# `make bench`: the performance suite (tests/bench/run-bench.sh). The
# programs are built for this target only; `make check` never runs them.
PL_BENCH_BINS = tests/bench/bench_fileset tests/bench/bench_snapshots \
	tests/bench/bench_catalog tests/bench/bench_s3
EXTRA_PROGRAMS = $(PL_BENCH_BINS)
CLEANFILES += $(PL_BENCH_BINS)
BENCH_UTIL = tests/bench/bench_util.c tests/bench/bench_util.h
tests_bench_bench_fileset_SOURCES = tests/bench/bench_fileset.c $(BENCH_UTIL)
tests_bench_bench_fileset_CFLAGS = $(AM_CFLAGS) $(ZSTD_CFLAGS)
tests_bench_bench_fileset_LDADD = $(PL_CORE_LDADD)
tests_bench_bench_snapshots_SOURCES = tests/bench/bench_snapshots.c $(BENCH_UTIL)
tests_bench_bench_snapshots_LDADD = $(PL_CORE_LDADD)
tests_bench_bench_catalog_SOURCES = tests/bench/bench_catalog.c $(BENCH_UTIL)
tests_bench_bench_catalog_LDADD = $(PL_CORE_LDADD)
tests_bench_bench_s3_SOURCES = tests/bench/bench_s3.c $(BENCH_UTIL)
tests_bench_bench_s3_LDADD = $(PL_CORE_LDADD)
EXTRA_DIST += tests/bench/run-bench.sh tests/bench/bench_ui.sh tests/bench/bench_s3.sh \
	tests/bench/bench_keys.py tests/bench/bench_collect.py

# BENCH_ARGS reaches run-bench.sh, e.g. make bench BENCH_ARGS=--quick
bench: $(PL_BENCH_BINS) paimon-lens-gen$(EXEEXT) paimon-lens$(EXEEXT)
	@top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  $(SHELL) $(srcdir)/tests/bench/run-bench.sh $(BENCH_ARGS)
.PHONY: bench

# Correctness of what the optimisations changed (runs under `make check`).
check_PROGRAMS += tests/unit/test_fileset_stream
tests_unit_test_fileset_stream_SOURCES = tests/unit/test_fileset_stream.c
tests_unit_test_fileset_stream_LDADD = $(PL_TEST_LDADD)
