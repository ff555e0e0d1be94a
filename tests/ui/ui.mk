# Browser tests: script mode (exact screens) and tmux (a real terminal).
SHELL_TESTS += tests/ui/browser.sh tests/ui/commands.sh tests/ui/tmux.sh \
	tests/ui/schema_tree.sh tests/ui/health.sh tests/ui/mouse.sh
EXTRA_DIST += tests/ui/browser.sh tests/ui/commands.sh tests/ui/tmux.sh tests/ui/uilib.sh tests/ui/tmuxlib.sh \
	tests/ui/expected/catalog.screen tests/ui/expected/schema-diff.screen \
	tests/ui/expected/chart.screen tests/ui/expected/schema-tree.screen
# The start screen: data sources, connectivity test (issue 5).
SHELL_TESTS += tests/ui/sources.sh
