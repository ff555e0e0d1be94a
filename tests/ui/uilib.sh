# Helpers of the browser tests: a demo lake in $TMP, script runs at a
# fixed size, screen assertions. Source after tests/lib.sh.
PL=$(cd "$top_builddir" && pwd)/paimon-lens
PL_GEN=$(cd "$top_builddir" && pwd)/paimon-lens-gen
UI_EXPECTED=$top_srcdir/tests/ui/expected
# Deterministic and isolated from the user's files.
export TZ=UTC LC_ALL=C.UTF-8 HOME="$TMP/home"
export XDG_CONFIG_HOME="$TMP/home/.config" XDG_STATE_HOME="$TMP/home/.state"
unset NO_COLOR PAIMON_LENS_DEMO PAIMON_LENS_CONFIG PAIMON_LENS_ASCII
mkdir -p "$HOME"

# ui_lake: the demo lake as $TMP/lake; 1 when it cannot be made.
ui_lake() {
	[ -d "$TMP/lake" ] && return 0
	[ -x "$PL_GEN" ] || return 1
	"$PL_GEN" --preset demo --seed 42 --quiet "$TMP/lake" >/dev/null 2>&1
}

# ui_run SIZE WAREHOUSE [ARGS...] < SCRIPT: runs the script from $TMP (so
# screens show the warehouse as given).
ui_run() {
	_size=$1; shift
	cat >"$TMP/script"
	(cd "$TMP" && PAIMON_LENS_SCRIPT="$TMP/script" PAIMON_LENS_SIZE=$_size \
		timeout 30 "$PL" "$@") >"$TMP/run.out" 2>&1
}

# screen_has NAME FILE TEXT
screen_has() {
	if grep -qF -- "$3" "$2" 2>/dev/null; then ok "$1"; else
		not_ok "$1"; echo "# no '$3' in:"; sed 's/^/#   /' "$2" 2>/dev/null | head -40; fi
}
# screen_lacks NAME FILE TEXT
screen_lacks() {
	if grep -qF -- "$3" "$2" 2>/dev/null; then
		not_ok "$1"; echo "# unexpected '$3' in:"; sed 's/^/#   /' "$2" | head -40
	else ok "$1"; fi
}
# screen_line NAME FILE N EXPECTED: line N is exactly EXPECTED.
screen_line() {
	check_eq "$1" "$4" "$(sed -n "${3}p" "$2" 2>/dev/null)"
}
# screen_eq NAME FILE EXPECTED_FILE: the whole screen.
screen_eq() {
	if [ -n "$PL_UI_BLESS" ]; then cp "$2" "$3"; fi
	if diff -u "$3" "$2" >"$TMP/.diff" 2>&1; then ok "$1"; else
		not_ok "$1"; sed 's/^/# /' "$TMP/.diff" | head -60; fi
}
