# avro unit tests (check_PROGRAMS += ...)
check_PROGRAMS += tests/unit/test_codec
tests_unit_test_codec_SOURCES = tests/unit/test_codec.c
tests_unit_test_codec_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_avro
tests_unit_test_avro_SOURCES = tests/unit/test_avro.c \
	tests/unit/avro_testlib.c tests/unit/avro_testlib.h
tests_unit_test_avro_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_avro_real
tests_unit_test_avro_real_SOURCES = tests/unit/test_avro_real.c \
	tests/unit/avro_testlib.c tests/unit/avro_testlib.h
tests_unit_test_avro_real_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_avro_select
tests_unit_test_avro_select_SOURCES = tests/unit/test_avro_select.c \
	tests/unit/avro_testlib.c tests/unit/avro_testlib.h
tests_unit_test_avro_select_LDADD = $(PL_TEST_LDADD)
check_PROGRAMS += tests/unit/test_avro_ahead
tests_unit_test_avro_ahead_SOURCES = tests/unit/test_avro_ahead.c \
	tests/unit/avro_testlib.c tests/unit/avro_testlib.h
tests_unit_test_avro_ahead_LDADD = $(PL_TEST_LDADD)
