# Shell test helpers: TAP output, the built binaries, fixture location.
# Source it from a test: . "$top_srcdir/tests/lib.sh"
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
PL=${PL:-$top_builddir/paimon-lens}
PL_GEN=${PL_GEN:-$top_builddir/paimon-lens-gen}
PL_FIXTURES=${PL_FIXTURES:-$top_srcdir/../shared/fixtures/paimon-cpp}
[ -d "$PL_FIXTURES" ] || PL_FIXTURES=
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pl-sh-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
_tap_n=0
_tap_failed=0

ok() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $*"; }
not_ok() { _tap_n=$((_tap_n + 1)); _tap_failed=$((_tap_failed + 1)); echo "not ok $_tap_n - $*"; }
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $1 # SKIP $2"; }
# check NAME COMMAND...: one TAP test that passes when COMMAND succeeds.
check() {
	_name=$1; shift
	if "$@" >"$TMP/.out" 2>&1; then ok "$_name"; else
		not_ok "$_name"; sed 's/^/# /' "$TMP/.out" | head -20; fi
}
# check_eq NAME EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1"; echo "# expected: $2"; echo "# actual:   $3"; fi
}
done_testing() { echo "1..$_tap_n"; [ "$_tap_failed" -eq 0 ]; }
