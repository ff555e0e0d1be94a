# manifest unit tests (check_PROGRAMS += ...)
check_PROGRAMS += tests/unit/test_binrow
tests_unit_test_binrow_SOURCES = tests/unit/test_binrow.c
tests_unit_test_binrow_LDADD = $(PL_TEST_LDADD)

# test_manifest and test_fileset go through paimon/records.c, which links
# only once the ORC back end (pl_orc_reader_open) is in the tree; until
# then they are built on request only (make tests/unit/test_fileset).
EXTRA_PROGRAMS = tests/unit/test_manifest tests/unit/test_fileset
tests_unit_test_manifest_SOURCES = tests/unit/test_manifest.c
tests_unit_test_manifest_LDADD = $(PL_TEST_LDADD)
tests_unit_test_fileset_SOURCES = tests/unit/test_fileset.c
tests_unit_test_fileset_LDADD = $(PL_TEST_LDADD)
