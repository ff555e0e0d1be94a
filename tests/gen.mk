# generator tests: encoder unit tests, round trips through the readers, CLI
check_PROGRAMS += tests/unit/test_gen_roundtrip
tests_unit_test_gen_roundtrip_SOURCES = tests/unit/test_gen_roundtrip.c
tests_unit_test_gen_roundtrip_LDADD = $(PL_TEST_LDADD)

# The encoders are compiled into the test directly: the generator is a
# program, not a library.
check_PROGRAMS += tests/unit/test_gen_encoders
tests_unit_test_gen_encoders_SOURCES = tests/unit/test_gen_encoders.c \
	src/gen/gen_util.c src/gen/avro_writer.c src/gen/orc_writer.c src/gen/binrow_writer.c \
	src/gen/json_writer.c src/gen/dv_writer.c src/gen/manifest_writer.c \
	src/gen/table_templates.c
tests_unit_test_gen_encoders_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS) $(ZSTD_CFLAGS) $(ZLIB_CFLAGS)
tests_unit_test_gen_encoders_LDADD = $(PL_TEST_LDADD)

SHELL_TESTS += tests/cli/gen_cli.sh tests/cli/gen_orc.sh
EXTRA_DIST += tests/cli/gen_cli.sh tests/cli/gen_orc.sh
