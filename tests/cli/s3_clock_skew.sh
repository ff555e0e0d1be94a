#!/bin/sh
# Clock skew (issue 8): with the local clock hours off (libfaketime), a
# real S3 server (Swift s3api) answers RequestTimeTooSkewed. paimon-lens
# takes the offset from the server's Date, signs again and succeeds; the
# connectivity test says the clock is off. Skips without faketime.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/s3/swift_env.sh"

if ! command -v faketime >/dev/null 2>&1; then
	skip "clock skew" "faketime missing (apt-get install faketime)"
	done_testing; exit 0
fi
# libfaketime is preloaded ahead of a sanitizer runtime in the ASan build.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
if ! faketime -f '-3h' date >/dev/null 2>&1; then
	skip "clock skew" "faketime does not work here"
	done_testing; exit 0
fi
if ! command -v python3 >/dev/null 2>&1 || ! s3_start; then
	skip "clock skew" "Swift s3api or python3 not available (see ../shared/tools/swift-s3)"
	done_testing; exit 0
fi
LAKE=$TMP/lake
"$PL_GEN" --seed 9 --databases 1 --tables 1 --snapshots 2 --no-data --quiet "$LAKE" >/dev/null 2>&1
WH=wh-$$
check "upload the lake" s3_upload lake "$LAKE" "$WH"
T=db0.$(ls "$LAKE/db0.db" | head -1)
"$PL" show "$LAKE" "$T" snapshots >"$TMP/local.out" 2>&1

for skew in -3h +2h; do
	faketime -f "$skew" "$PL" show "s3://lake/$WH" "$T" snapshots --no-cache \
		--endpoint "$S3_ENDPOINT" >"$TMP/skew.out" 2>"$TMP/skew.err"
	rc=$?
	check_eq "clock $skew: show is exact after the offset is learnt (exit $rc)" \
		"$(cat "$TMP/local.out")" "$(cat "$TMP/skew.out")"
	faketime -f "$skew" "$PL" test-connection "s3://lake/$WH" --endpoint "$S3_ENDPOINT" \
		>"$TMP/tc.out" 2>&1
	rc=$?
	check_eq "clock $skew: test-connection connects" 0 "$rc"
	check "clock $skew: test-connection notes the skew" \
		grep -q "local clock differs from the server.s by" "$TMP/tc.out"
done
done_testing
