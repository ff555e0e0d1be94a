# Local reads: mapped whole files, heap ranges (tests/unit/test_storage_local.c).
check_PROGRAMS += tests/unit/test_storage_local
tests_unit_test_storage_local_SOURCES = tests/unit/test_storage_local.c
tests_unit_test_storage_local_LDADD = $(PL_TEST_LDADD)
