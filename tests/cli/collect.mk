# collect in the DataHub and OpenMetadata formats, and collect SOURCE
SHELL_TESTS += tests/cli/collect_formats.sh
# 1000 generated tables on disk, some of them on a real S3 server: the
# incremental run's request count (the slowest collect test)
SHELL_TESTS += tests/cli/collect_scale.sh
EXTRA_DIST += tests/cli/collect_scale.sh
EXTRA_DIST += tests/cli/collect_formats.sh \
	tests/data/schemas/datahub-mcp.json tests/data/schemas/openmetadata-table.json
check_PROGRAMS += tests/unit/test_map
tests_unit_test_map_SOURCES = tests/unit/test_map.c
tests_unit_test_map_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
tests_unit_test_map_LDADD = $(PL_COLLECT_LIBS) $(PL_TEST_LDADD)
