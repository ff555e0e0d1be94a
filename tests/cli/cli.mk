# CLI and conformance shell tests (SHELL_TESTS += tests/cli/NAME.sh)
SHELL_TESTS += tests/cli/cli_basics.sh tests/cli/fixture_views.sh
EXTRA_DIST += tests/cli/cli_basics.sh tests/cli/fixture_views.sh
