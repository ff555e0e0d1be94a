# collect layer unit tests
check_PROGRAMS += tests/unit/test_record tests/unit/test_export
tests_unit_test_record_SOURCES = tests/unit/test_record.c
tests_unit_test_record_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
tests_unit_test_record_LDADD = $(PL_COLLECT_LIBS) $(PL_TEST_LDADD)
tests_unit_test_export_SOURCES = tests/unit/test_export.c
tests_unit_test_export_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
tests_unit_test_export_LDADD = $(PL_COLLECT_LIBS) $(PL_TEST_LDADD)
