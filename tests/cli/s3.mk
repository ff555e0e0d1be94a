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
# Secrets (issue 8): every command with known credentials, working and
# failing; no secret in any output, file, cache or state.
SHELL_TESTS += tests/cli/secrets.sh
EXTRA_DIST += tests/s3/every_command.sh
# Read-only on S3 (issue 8): every command through a logging relay, only
# GET and HEAD requests.
SHELL_TESTS += tests/cli/s3_readonly.sh
# Clock skew against the real server (needs faketime; skips without).
SHELL_TESTS += tests/cli/s3_clock_skew.sh
# The storage flags on ls/show/export/collect (issue 5).
SHELL_TESTS += tests/cli/s3_flags.sh
# TLS: a self-signed certificate in front of the server; --ca-file.
SHELL_TESTS += tests/cli/s3_tls.sh
EXTRA_DIST += tests/s3/tls_relay.py
# The cache: rewritten objects revalidated; only immutable files kept.
SHELL_TESTS += tests/cli/s3_cache.sh
