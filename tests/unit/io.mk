# io unit tests
check_PROGRAMS += tests/unit/test_sign
tests_unit_test_sign_SOURCES = tests/unit/test_sign.c
tests_unit_test_sign_LDADD = $(PL_TEST_LDADD)
