# manifest unit tests (check_PROGRAMS += ...)
check_PROGRAMS += tests/unit/test_binrow
tests_unit_test_binrow_SOURCES = tests/unit/test_binrow.c
tests_unit_test_binrow_LDADD = $(PL_TEST_LDADD)

check_PROGRAMS += tests/unit/test_manifest
tests_unit_test_manifest_SOURCES = tests/unit/test_manifest.c
tests_unit_test_manifest_LDADD = $(PL_TEST_LDADD)

# Conformance over every fixture table and snapshot (Avro and ORC manifests).
check_PROGRAMS += tests/unit/test_fileset
tests_unit_test_fileset_SOURCES = tests/unit/test_fileset.c
tests_unit_test_fileset_LDADD = $(PL_TEST_LDADD)
