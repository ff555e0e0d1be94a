# io unit tests
check_PROGRAMS += tests/unit/test_sign
tests_unit_test_sign_SOURCES = tests/unit/test_sign.c
tests_unit_test_sign_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_xml
tests_unit_test_xml_SOURCES = tests/unit/test_xml.c
tests_unit_test_xml_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_sources
tests_unit_test_sources_SOURCES = tests/unit/test_sources.c
tests_unit_test_sources_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_credentials
tests_unit_test_credentials_SOURCES = tests/unit/test_credentials.c
tests_unit_test_credentials_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_cache
tests_unit_test_cache_SOURCES = tests/unit/test_cache.c
tests_unit_test_cache_LDADD = $(PL_TEST_LDADD)
