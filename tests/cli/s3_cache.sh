#!/bin/sh
# The metadata cache against the real S3 server (Swift s3api):
#  * an object rewritten under the same name (same size, other bytes, so
#    another ETag) is read anew, not served from the cache, while the
#    unchanged files still are (a counting relay sees no GET for them);
#  * the cache holds only immutable files read whole: no hint file
#    (LATEST/EARLIEST), no listing, and nothing of the credentials.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/s3/swift_env.sh"

if ! s3_start; then
	skip "s3 cache" "Swift s3api not available (see ../shared/tools/swift-s3)"
	done_testing
	exit 0
fi

LAKE=$TMP/lake
"$PL_GEN" --seed 11 --databases 1 --tables 1 --snapshots 4 --no-data --quiet "$LAKE" >/dev/null 2>&1
WH=cache-$$
check "upload" s3_upload lake "$LAKE" "$WH"
T=$("$PL" ls "$LAKE" db0 | awk 'NR == 2 { print $1 }')
URI=s3://lake/$WH
CACHE=$XDG_CACHE_HOME/paimon-lens
rm -rf "$CACHE"

# a counting relay (no delay), to see which requests reach the store
relay_start relay delay 0
EP=$RELAY

"$PL" show "$URI" "db0.$T" snapshots --endpoint "$EP" >"$TMP/first.out" 2>&1
"$PL" show "$LAKE" "db0.$T" snapshots >"$TMP/local.out" 2>&1
check_eq "first read equals the local copy" "$(cat "$TMP/local.out")" "$(cat "$TMP/first.out")"
check "the snapshots are cached" test "$(find "$CACHE" -type f | wc -l)" -ge 4

# Rewrite snapshot-1 in place: another commit user of the same length.
SNAP=db0.db/$T/snapshot/snapshot-1
OLD_USER=$(sed -n 's/.*"commitUser" : "\([^"]*\)".*/\1/p' "$LAKE/$SNAP")
NEW_USER=$(printf '%s' "$OLD_USER" | tr '0-9a-f' 'f-o0-5' | tr 'g-o' 'a-i')
mkdir -p "$TMP/rewrite/$(dirname "$SNAP")"
sed "s/$OLD_USER/$NEW_USER/" "$LAKE/$SNAP" >"$TMP/rewrite/$SNAP"
check_eq "the rewritten snapshot has the same size" "$(wc -c <"$LAKE/$SNAP")" "$(wc -c <"$TMP/rewrite/$SNAP")"
check "and other bytes" sh -c "! cmp -s '$LAKE/$SNAP' '$TMP/rewrite/$SNAP'"
check "overwrite the object" s3_upload lake "$TMP/rewrite" "$WH"

: >"$REQS"
"$PL" show "$URI" "db0.$T" snapshots --endpoint "$EP" >"$TMP/second.out" 2>&1
check "the rewritten snapshot is read anew" grep -q "$NEW_USER" "$TMP/second.out"
# (the other snapshots share the commit user: one row fewer has it)
check_eq "its old bytes are not served" "$(($(grep -c "$OLD_USER" "$TMP/local.out") - 1))" \
	"$(grep -c "$OLD_USER" "$TMP/second.out")"
check "the rewritten object was fetched" grep -q "GET /lake/$WH/db0.db/$T/snapshot/snapshot-1 " "$REQS"
check "the unchanged snapshots came from the cache" sh -c \
	"! grep -q 'GET /lake/$WH/db0.db/$T/snapshot/snapshot-[2-9] ' '$REQS'"
"$PL" show "$URI" "db0.$T" snapshots --endpoint "$EP" >"$TMP/third.out" 2>&1
check_eq "the new bytes, now cached, read the same again" "$(cat "$TMP/second.out")" "$(cat "$TMP/third.out")"
"$PL" show "$URI" "db0.$T" snapshots --endpoint "$EP" --no-cache >"$TMP/nocache.out" 2>&1
check_eq "and equal an uncached read" "$(cat "$TMP/nocache.out")" "$(cat "$TMP/third.out")"

# What the cache holds: every entry is a whole immutable file of the lake.
"$PL" show "$URI" "db0.$T" files --endpoint "$EP" >/dev/null 2>&1
"$PL" export "$URI" "db0.$T" --endpoint "$EP" >/dev/null 2>&1
find "$LAKE" "$TMP/rewrite" -type f | while read -r f; do
	printf '%s %s\n' "$(sha256sum <"$f" | cut -c1-64)" "$(basename "$f")"
done >"$TMP/lake.sums"
bad=
n=0
for e in "$CACHE"/*; do
	[ -f "$e" ] || continue
	n=$((n + 1))
	sum=$(tail -n +2 "$e" | sha256sum | cut -c1-64)
	name=$(awk -v s="$sum" '$1 == s { print $2; exit }' "$TMP/lake.sums")
	case $name in
	snapshot-* | schema-* | manifest-* | index-manifest-* | changelog-*) ;;
	*) bad="$bad ${name:-unknown-entry}" ;;
	esac
done
check "the cache has entries" test "$n" -ge 6
check_eq "every entry is an immutable lake file (no hint, no listing)" "" "$bad"
check "no listing in the cache" sh -c "! grep -rqs ListBucketResult '$CACHE'"
check "no secret in the cache" sh -c "! grep -rqsF '$S3_SECRET_ACCESS_KEY' '$CACHE'"
check "no signature material in the cache" sh -c "! grep -rqsE 'Authorization|AWS4-HMAC|Credential=' '$CACHE'"
check "cache files are private" sh -c "! find '$CACHE' -type f -perm /077 | grep -q ."

relay_stop
done_testing
