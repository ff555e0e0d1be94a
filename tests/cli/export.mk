# governance export shell tests
SHELL_TESTS += tests/cli/export_fixtures.sh tests/cli/export_cases.sh tests/cli/export_collect.sh
