#!/bin/sh
# The browser in a real terminal under tmux: it starts, redraws on resize,
# uses colours (and none with NO_COLOR), and the readline command bar
# completes, runs and remembers commands.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/uilib.sh"

WHAT="tmux tests"
. "$top_srcdir/tests/ui/tmuxlib.sh"
start() {
	$T kill-server 2>/dev/null && sleep 0.3
	$T -f /dev/null new-session -d -s ui -x 100 -y 30 \
		"cd '$TMP' && env TERM=xterm-256color $* '$PL' lake; sleep 30"
}

start
expect_screen "starts on the catalog" "paimon-lens › lake › catalog"
expect_screen "catalog loads in the background" "orders_backfill"

# Resize: the layout follows the new width.
$T resize-window -t ui -x 80 -y 24
expect_screen "redraws at 80 columns" "?:help q:quit"
$T resize-window -t ui -x 120 -y 30
expect_screen "redraws at 120 columns" "?:help  ::cmd  q:quit"

# Colours: the header is drawn with a colour pair.
$T capture-pane -e -p -t ui >"$TMP/pane-colour"
check "colours in use" grep -q "$(printf '\033')\[[0-9;]*4[0-8]m" "$TMP/pane-colour"

# The readline bar: completion of commands and view names, then Enter.
$T send-keys -t ui ':' 'c' 'd' ' ' 's' 'a' 'l' 'e' 's' '.' 'o' 'r' 'd' 'e' 'r' 's' Enter
expect_screen ":cd opens the table" "› orders › Overview"
$T send-keys -t ui ':' 'v' 'i' Tab
expect_screen "Tab completes the command" ":view"
$T send-keys -t ui 's' 'n' 'a' Tab
expect_screen "Tab completes the view name" ":view snapshots"
$T send-keys -t ui Enter
expect_screen "the command runs" "› orders › Snapshots"
$T send-keys -t ui ':' 'b' 'o' 'g' 'u' 's' Enter
expect_screen "a bad command is one line" "unknown command 'bogus'"
$T send-keys -t ui ':' Up Up Enter
expect_screen "history recalls the last commands" "› orders › Snapshots"
$T send-keys -t ui ':' 'x' 'y' Escape
sleep 0.3
$T capture-pane -p -t ui >"$TMP/pane"
check "Esc closes the bar" sh -c "! grep -q '^:xy' '$TMP/pane'"
$T send-keys -t ui 'c'
expect_screen "chart on c" "total_record_count"
$T send-keys -t ui 'q'
sleep 0.5
check "history is kept under XDG_STATE_HOME" \
	grep -q '^view snapshots' "$XDG_STATE_HOME/paimon-lens/history"

# NO_COLOR: attributes only.
start NO_COLOR=1
expect_screen "starts with NO_COLOR" "orders_backfill"
$T capture-pane -e -p -t ui >"$TMP/pane-mono"
check "no colours with NO_COLOR" sh -c "! grep -q \"$(printf '\033')\[[0-9;]*[34][0-8]m\" '$TMP/pane-mono'"
$T send-keys -t ui 'q'
done_testing
