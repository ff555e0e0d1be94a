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

# PL_SH_VALGRIND=1 (the valgrind stage of .ci/run): $PL becomes a script
# that runs paimon-lens under memcheck, each run reporting to a log of its
# own, so exit statuses and stderr stay what the tests expect;
# done_testing then fails the test on any error or definite/indirect leak.
_vg_dir=
if [ -n "${PL_SH_VALGRIND:-}" ] && command -v valgrind >/dev/null 2>&1; then
	_vg_dir=$TMP/.valgrind
	mkdir -p "$_vg_dir"
	_vg_real=$(cd "$(dirname "$PL")" && pwd)/$(basename "$PL")
	printf '#!/bin/sh\nexec valgrind -q --leak-check=full %s %s --log-file="%s" "%s" "$@"\n' \
		--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
		"$_vg_dir/log.%p" "$_vg_real" >"$_vg_dir/paimon-lens"
	chmod +x "$_vg_dir/paimon-lens"
	PL=$_vg_dir/paimon-lens
fi
# One TAP line for the valgrind logs of the test's runs.
_vg_verdict() {
	[ -n "$_vg_dir" ] || return 0
	_vg_bad=$(find "$_vg_dir" -name 'log.*' -size +0 | head -3)
	_vg_runs=$(find "$_vg_dir" -name 'log.*' | wc -l | tr -d ' ')
	if [ -z "$_vg_bad" ]; then
		ok "valgrind: no errors, no leaks in $_vg_runs runs of paimon-lens"
	else
		not_ok "valgrind: errors or leaks"
		for _f in $_vg_bad; do sed 's/^/# /' "$_f" | head -30; done
	fi
}

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
done_testing() { _vg_verdict; echo "1..$_tap_n"; [ "$_tap_failed" -eq 0 ]; }

# Governance streams are checked with ../shared/tools/ol-validate (the
# published OpenLineage schemas and the facet schemas in doc/spec/facets).
VALIDATE=${OL_VALIDATE:-$top_srcdir/../shared/tools/ol-validate}
FACETS=$top_srcdir/doc/spec/facets
have_validator() { [ -x "$VALIDATE" ] && python3 -c 'import jsonschema' 2>/dev/null; }
# validate NAME FILE: FILE passes ol-validate; skipped without it.
validate() {
	if have_validator; then
		check "$1 validates" "$VALIDATE" --facets "$FACETS" "$2"
	else
		skip "$1 validates" "ol-validate or python3-jsonschema missing"
	fi
}
