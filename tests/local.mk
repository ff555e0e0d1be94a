# Unit tests are TAP programs; shell tests print TAP too. tests/run-tests.sh
# runs them all and prints the closing "N passed, N failed" line.
EXTRA_DIST += tests/run-tests.sh tests/lib.sh tests/unit/test.h
SHELL_TESTS =
PL_TEST_LDADD = tests/unit/libpltest.a $(PL_CORE_LDADD)
check_LIBRARIES = tests/unit/libpltest.a
tests_unit_libpltest_a_SOURCES = tests/unit/test.c tests/unit/test.h

check_PROGRAMS += tests/unit/test_util
tests_unit_test_util_SOURCES = tests/unit/test_util.c
tests_unit_test_util_LDADD = $(PL_TEST_LDADD)

include tests/unit/avro.mk
include tests/unit/orc.mk
include tests/unit/meta.mk
include tests/unit/manifest.mk
include tests/unit/collect.mk
include tests/cli/export.mk
include tests/unit/systables.mk
include tests/cli/cli.mk
include tests/ui/ui.mk
include tests/unit/cancel.mk
include tests/unit/storage.mk
include tests/gen.mk
include tests/unit/io.mk
include tests/cli/s3.mk

# Every shell test ships in the tarball, whichever fragment listed it.
EXTRA_DIST += $(SHELL_TESTS)

check-local: $(check_PROGRAMS) all
	@top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  $(SHELL) $(srcdir)/tests/run-tests.sh $(check_PROGRAMS) \
	  $(addprefix $(srcdir)/,$(SHELL_TESTS))
include tests/fuzz/fuzz.mk
include tests/unit/regress.mk
include tests/bench/bench.mk
include tests/cli/health.mk
include tests/cli/collect.mk
include tests/fault/fault.mk

clean-local: clean-test-logs
clean-test-logs:
	-rm -rf tests/logs
.PHONY: clean-test-logs
