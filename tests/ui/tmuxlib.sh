# The browser in a real terminal: a private tmux server and polling of its
# pane. Source after uilib.sh with WHAT set (the skip reason's subject);
# skips the whole test without tmux or a demo lake.
if ! command -v tmux >/dev/null 2>&1; then
	skip "$WHAT" "tmux is not installed"
	done_testing
	exit 0
fi
if ! ui_lake; then
	skip "$WHAT" "paimon-lens-gen cannot make the demo lake"
	done_testing
	exit 0
fi
SOCK=$TMP/tmux.sock
T="tmux -S $SOCK"
trap '$T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

# wait_for TEXT [SECONDS]: polls the pane until TEXT shows.
wait_for() {
	_i=0
	while [ $_i -lt $((${2:-10} * 10)) ]; do
		$T capture-pane -p -t ui >"$TMP/pane" 2>/dev/null
		grep -qF -- "$1" "$TMP/pane" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
# expect_screen NAME TEXT [SECONDS]
expect_screen() {
	if wait_for "$2" "${3:-10}"; then ok "$1"; else
		not_ok "$1"; echo "# no '$2' in:"; sed 's/^/#   /' "$TMP/pane"; fi
}
