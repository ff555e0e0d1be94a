# Load cancel: the storage flag stops a big read (tests/unit/test_cancel.c).
check_PROGRAMS += tests/unit/test_cancel
tests_unit_test_cancel_SOURCES = tests/unit/test_cancel.c
tests_unit_test_cancel_LDADD = $(PL_TEST_LDADD)
