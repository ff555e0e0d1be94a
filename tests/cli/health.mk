# Health check tests (doc/health.md).
SHELL_TESTS += tests/cli/health_planted.sh
EXTRA_DIST += tests/cli/health_planted.sh
check_PROGRAMS += tests/unit/test_health
tests_unit_test_health_SOURCES = tests/unit/test_health.c
tests_unit_test_health_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
tests_unit_test_health_LDADD = $(PL_COLLECT_LIBS) $(PL_TEST_LDADD)
