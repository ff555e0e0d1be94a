#!/bin/sh
# A thousand-table catalog (paimon-lens-gen --preset catalog1000): collect
# streams one valid event per table from local disk and from a real S3
# server (Swift s3api, through a relay that counts requests); a second run
# with --state skips every table for a small fraction of the requests, and
# after one table changes only that table is emitted again.
# PL_SCALE_S3_DATABASES (default 1: 100 tables; 10: all 1000) is how many
# of the ten databases go to the object store: uploading is the slow part
# (the local test server takes some 35 PUTs a second on a loaded machine,
# 18 files a table), so the default keeps the test near two minutes.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/s3/swift_env.sh"

T0=2026-01-01T00:00:00Z
lines() { wc -l <"$1" | tr -d ' '; }
# names FILE: the db.table of every event, space separated.
names() {
	python3 -c 'import json,sys
for l in open(sys.argv[1]):
    print(json.loads(l)["dataset"]["facets"]["symlinks"]["identifiers"][0]["name"])' "$1" |
		tr '\n' ' '
}
# next_snapshot TABLE_DIR: writes snapshot-<latest+1>, a copy of the latest
# with the next id (a commit that changed nothing but the id).
next_snapshot() {
	_last=$(ls "$1/snapshot" | sed -n 's/^snapshot-//p' | sort -n | tail -1)
	sed "s/\"id\" *: *$_last,/\"id\" : $((_last + 1)),/" "$1/snapshot/snapshot-$_last" \
		>"$1/snapshot/snapshot-$((_last + 1))"
	echo "snapshot/snapshot-$((_last + 1))"
}

if [ ! -x "$PL_GEN" ] || ! command -v python3 >/dev/null 2>&1; then
	skip "thousand-table collection" "paimon-lens-gen or python3 missing"
	done_testing
	exit $?
fi
W=$TMP/wh
check "generate 1000 tables" "$PL_GEN" --quiet --preset catalog1000 "$W"
N=$(ls -d "$W"/*.db/*/schema | wc -l | tr -d ' ')
check_eq "1000 tables generated" 1000 "$N"

# Local disk.
start=$(date +%s)
"$PL" collect "$W" --event-time $T0 --state "$TMP/local.state" -o "$TMP/local1.ndjson" \
	2>"$TMP/local1.err"
check_eq "local collection exits 0" 0 $?
echo "# local collect of $N tables: $(($(date +%s) - start)) s"
check_eq "one event per table" "$N" "$(lines "$TMP/local1.ndjson")"
validate "local collection" "$TMP/local1.ndjson"
"$PL" collect "$W" --state "$TMP/local.state" -o "$TMP/local2.ndjson" 2>"$TMP/local2.err"
check_eq "second local run emits nothing" 0 "$(lines "$TMP/local2.ndjson")"
check "and says all were skipped" grep -q "$N unchanged (skipped)" "$TMP/local2.err"

if ! s3_start; then
	skip "thousand tables on S3" "Swift s3api not available (see ../shared/tools/swift-s3)"
	done_testing
	exit $?
fi

# Upload in parallel, one uploader per database.
DBS=${PL_SCALE_S3_DATABASES:-1}
start=$(date +%s)
pids=
for db in $(ls "$W" | head -n "$DBS"); do
	python3 "$top_srcdir/tests/s3/s3_upload.py" "$S3_ENDPOINT" lake "$W/$db" "wh/$db" \
		>"$TMP/upload-$db.log" 2>&1 &
	pids="$pids $!"
done
for p in $pids; do wait "$p"; done
up=$(($(date +%s) - start))
bad=$(grep -L "^uploaded" "$TMP"/upload-*.log | tr '\n' ' ')
check_eq "every database uploaded" "" "$bad"
NS=$(ls "$W" | head -n "$DBS" | while read -r db; do ls "$W/$db"; done | wc -l | tr -d ' ')
echo "# upload of $NS tables ($(cat "$TMP"/upload-*.log | awk '{n += $2} END {print n}') files): $up s"

relay_start relay delay 0
requests() { wc -l <"$REQS" 2>/dev/null | tr -d ' ' || echo 0; }
collect_s3() {
	"$PL" collect s3://lake/wh --endpoint "$RELAY" --event-time $T0 "$@"
}

start=$(date +%s)
collect_s3 --state "$TMP/s3.state" -o "$TMP/s3-1.ndjson" 2>"$TMP/s3-1.err"
check_eq "S3 collection exits 0" 0 $?
r1=$(requests)
echo "# S3 collect of $NS tables: $(($(date +%s) - start)) s, $r1 requests"
check_eq "one event per S3 table" "$NS" "$(lines "$TMP/s3-1.ndjson")"
validate "S3 collection" "$TMP/s3-1.ndjson"
check "only GET and HEAD requests" sh -c "! grep -Eqv '^(GET|HEAD) ' '$REQS'"
check "the same records as from disk, but for the location" python3 -c 'import json,sys
def key(l):
    e=json.loads(l); f=e["dataset"]["facets"]
    return (f["symlinks"]["identifiers"][0]["name"], f["schema"]["fields"],
            f["paimonLens_storage"]["dataFiles"], f["paimonLens_storage"].get("findings"))
s3=[key(l) for l in open(sys.argv[1])]
local={k[0]: k for k in (key(l) for l in open(sys.argv[2]))}
assert all(local[k[0]]==k for k in s3)' "$TMP/s3-1.ndjson" "$TMP/local1.ndjson"

: >"$REQS"
collect_s3 --state "$TMP/s3.state" -o "$TMP/s3-2.ndjson" 2>"$TMP/s3-2.err"
r2=$(requests)
echo "# second S3 run: $r2 requests ($((r2 * 100 / (r1 > 0 ? r1 : 1))) % of the first)"
check_eq "second S3 run emits nothing" 0 "$(lines "$TMP/s3-2.ndjson")"
check "and skips all $NS" grep -q "$NS unchanged (skipped)" "$TMP/s3-2.err"
# Two LISTs per unchanged table plus the catalog listing, no file reads.
check "second run: at most 2 requests per table plus the listings ($r2)" \
	test "$r2" -le $((2 * NS + DBS + 5))
check "second run: under a quarter of the first's requests ($r2 of $r1)" \
	test $((r2 * 4)) -lt "$r1"
check "second run reads no file" sh -c "! grep -q '^GET [^?]*/snapshot/snapshot-' '$REQS'"

# One table changes: only it is read and emitted again.
db=$(ls "$W" | head -1)
t=$(ls "$W/$db" | sed -n 2p)
snap=$(next_snapshot "$W/$db/$t")
mkdir -p "$TMP/one/snapshot"
cp "$W/$db/$t/$snap" "$TMP/one/snapshot/"
check "upload the new snapshot" python3 "$top_srcdir/tests/s3/s3_upload.py" "$S3_ENDPOINT" lake \
	"$TMP/one" "wh/$db/$t"
: >"$REQS"
collect_s3 --state "$TMP/s3.state" -o "$TMP/s3-3.ndjson" 2>"$TMP/s3-3.err"
r3=$(requests)
echo "# third S3 run (one table changed): $r3 requests"
check_eq "only the changed table is emitted" "${db%.db}.$t " "$(names "$TMP/s3-3.ndjson")"
check "with its new snapshot" python3 -c 'import json,sys
f=json.loads(open(sys.argv[1]).readline())["dataset"]["facets"]
assert f["paimonLens_snapshots"]["latestSnapshotId"]==int(sys.argv[2]), f["paimonLens_snapshots"]' \
	"$TMP/s3-3.ndjson" "${snap##*-}"
validate "the changed table's record" "$TMP/s3-3.ndjson"

relay_stop
done_testing
