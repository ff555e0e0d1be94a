# system tables unit tests (check_PROGRAMS += ...)
check_PROGRAMS += tests/unit/test_systables
tests_unit_test_systables_SOURCES = tests/unit/test_systables.c
tests_unit_test_systables_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_option_rules
tests_unit_test_option_rules_SOURCES = tests/unit/test_option_rules.c \
	tests/unit/lake_testlib.c tests/unit/lake_testlib.h
tests_unit_test_option_rules_LDADD = $(PL_TEST_LDADD)
