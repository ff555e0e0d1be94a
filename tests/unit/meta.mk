# meta unit tests (check_PROGRAMS += ...)
check_PROGRAMS += tests/unit/test_json
tests_unit_test_json_SOURCES = tests/unit/test_json.c
tests_unit_test_json_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_types
tests_unit_test_types_SOURCES = tests/unit/test_types.c
tests_unit_test_types_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_schema
tests_unit_test_schema_SOURCES = tests/unit/test_schema.c
tests_unit_test_schema_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_snapshot
tests_unit_test_snapshot_SOURCES = tests/unit/test_snapshot.c \
	tests/unit/lake_testlib.c tests/unit/lake_testlib.h
tests_unit_test_snapshot_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_catalog tests/unit/test_table
tests_unit_test_catalog_SOURCES = tests/unit/test_catalog.c \
	tests/unit/lake_testlib.c tests/unit/lake_testlib.h
tests_unit_test_catalog_LDADD = $(PL_TEST_LDADD)
tests_unit_test_table_SOURCES = tests/unit/test_table.c \
	tests/unit/lake_testlib.c tests/unit/lake_testlib.h
tests_unit_test_table_LDADD = $(PL_TEST_LDADD)
