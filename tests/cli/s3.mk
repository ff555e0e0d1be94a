# S3 integration tests: a real S3 server (OpenStack Swift + s3api) on
# 127.0.0.1, started and stopped by each test.
check_PROGRAMS += tests/s3/pl_storage_tool
tests_s3_pl_storage_tool_SOURCES = tests/s3/pl_storage_tool.c
tests_s3_pl_storage_tool_LDADD = $(PL_CORE_LDADD)
SHELL_TESTS += tests/cli/s3_storage.sh
EXTRA_DIST += tests/cli/s3_storage.sh tests/s3/swift_env.sh tests/s3/s3_upload.py \
	tests/s3/export_compare.py
SHELL_TESTS += tests/cli/s3_connection.sh
EXTRA_DIST += tests/cli/s3_connection.sh tests/s3/fault_proxy.py
