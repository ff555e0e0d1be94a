# Regression tests for inputs found by fuzzing and for the resource caps.
check_PROGRAMS += tests/unit/test_regressions
tests_unit_test_regressions_SOURCES = tests/unit/test_regressions.c
tests_unit_test_regressions_LDADD = $(PL_TEST_LDADD)

# Hardening shell tests (issue 8).
SHELL_TESTS += tests/cli/terminal_safety.sh tests/cli/readonly.sh
