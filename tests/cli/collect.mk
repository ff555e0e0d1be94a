# collect in the DataHub and OpenMetadata formats, and collect SOURCE
SHELL_TESTS += tests/cli/collect_formats.sh
EXTRA_DIST += tests/cli/collect_formats.sh \
	tests/data/schemas/datahub-mcp.json tests/data/schemas/openmetadata-table.json
check_PROGRAMS += tests/unit/test_map
tests_unit_test_map_SOURCES = tests/unit/test_map.c
tests_unit_test_map_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
tests_unit_test_map_LDADD = $(PL_COLLECT_LIBS) $(PL_TEST_LDADD)
