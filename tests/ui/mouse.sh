#!/bin/sh
# The mouse in a real terminal under tmux: xterm SGR (1006) mouse reports
# written to the pane as raw bytes, as a terminal sends them. A click on
# a tab switches the view, on the column header sorts (again: reverses),
# on a row selects it; the wheel scrolls.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/uilib.sh"

WHAT="mouse tests"
. "$top_srcdir/tests/ui/tmuxlib.sh"
# mouse BUTTON X Y: press and release at 0-based screen column X, line Y
# (SGR reports count from 1). Buttons: 0 left, 64 wheel up, 65 wheel down.
mouse() {
	_x=$(($2 + 1)) _y=$(($3 + 1))
	if [ "$1" -ge 64 ]; then
		$T send-keys -t ui -l "$(printf '\033[<%d;%d;%dM' "$1" $_x $_y)"
	else
		$T send-keys -t ui -l "$(printf '\033[<%d;%d;%dM\033[<%d;%d;%dm' \
			"$1" $_x $_y "$1" $_x $_y)"
	fi
	# Two clicks closer than curses' click interval would be a double click.
	sleep 0.5
}

$T -f /dev/null new-session -d -s ui -x 100 -y 30 \
	"cd '$TMP' && env TERM=xterm-256color '$PL' lake; sleep 30"
expect_screen "starts" "orders_backfill"
$T send-keys -t ui ':cd sales.orders' Enter
expect_screen "opens the table" "› orders › Overview"

# Tab bar (line 1): " 1 Overview  2 Schema  3 Schemas  4 Partitions  5 Buckets  6 Snapshots "
mouse 0 60 1
expect_screen "click on a tab switches the view" "› orders › Snapshots "
# Column header (line 2), first column: sort, then reverse.
mouse 0 2 2
expect_screen "click on a header sorts" "sort snapshot_id"
check "ascending first" sh -c "! grep -q 'sort snapshot_id desc' '$TMP/pane'"
mouse 0 2 2
expect_screen "a second click reverses" "sort snapshot_id desc"
# Rows start on line 3: the third row.
$T send-keys -t ui g
expect_screen "g goes to the first row" " 1/90"
mouse 0 10 5
expect_screen "click selects a row" " 3/90"
mouse 65 10 10
expect_screen "wheel down scrolls" " 6/90"
mouse 64 10 10
expect_screen "wheel up scrolls back" " 3/90"

# Severity colours on the Health view: a warning row is drawn in colour.
$T send-keys -t ui ':cd ops.events' Enter
expect_screen "another table" "› events › Overview"
$T send-keys -t ui 'H'
expect_screen "H opens Health" "› events › Health"
$T capture-pane -e -p -t ui >"$TMP/pane-colour"
# Row 2 is a warning (the cursor is on row 1), orphan_files is info.
check "a warning row is yellow" sh -c \
	"grep 'snapshots_retained' '$TMP/pane-colour' | grep -q '$(printf '\033')\[[0-9;]*33[;m]'"
check "an info row is not" sh -c \
	"! grep 'orphan_files' '$TMP/pane-colour' | grep -q '$(printf '\033')\[[0-9;]*33[;m]'"
$T send-keys -t ui 'q'
done_testing
