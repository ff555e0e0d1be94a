# Health check tests (doc/health.md).
SHELL_TESTS += tests/cli/health_planted.sh
EXTRA_DIST += tests/cli/health_planted.sh
