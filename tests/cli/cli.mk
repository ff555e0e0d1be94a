# CLI and conformance shell tests (SHELL_TESTS += tests/cli/NAME.sh)
