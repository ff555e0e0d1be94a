#!/bin/sh
# Batch CLI contract: help, version, usage errors (2), not found (3),
# corrupt metadata (4), and the output formats.
. "$top_srcdir/tests/lib.sh"

# expect_rc NAME RC COMMAND...: exit status RC and, for errors, a message
# on stderr and nothing on stdout.
expect_rc() {
	_name=$1; _want=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	_rc=$?
	if [ "$_rc" -ne "$_want" ]; then
		not_ok "$_name (exit $_rc, expected $_want)"; sed 's/^/# /' "$TMP/err" | head -5
	elif [ "$_want" -ne 0 ] && { [ ! -s "$TMP/err" ] || [ -s "$TMP/out" ]; }; then
		not_ok "$_name (message not on stderr only)"
	else
		ok "$_name"
	fi
}

expect_rc "help exits 0" 0 "$PL" help
grep -q "show WAREHOUSE DB.TABLE VIEW" "$TMP/out" && ok "help lists show" || not_ok "help lists show"
expect_rc "--help exits 0" 0 "$PL" --help
grep -q "ls WAREHOUSE" "$TMP/out" && ok "--help lists ls" || not_ok "--help lists ls"
expect_rc "--version exits 0" 0 "$PL" --version
grep -q "^paimon-lens [0-9]" "$TMP/out" && ok "version printed" || not_ok "version printed"

expect_rc "unknown command" 2 "$PL" frobnicate
expect_rc "unknown option" 2 "$PL" ls --bogus /tmp
expect_rc "ls without warehouse" 2 "$PL" ls
expect_rc "ls with too many arguments" 2 "$PL" ls a b c
expect_rc "show missing view" 2 "$PL" show /tmp db.t
expect_rc "show unknown view" 2 "$PL" show /tmp db.t nosuchview
expect_rc "show table without db" 2 "$PL" show /tmp table overview
expect_rc "--snapshot needs a number" 2 "$PL" show /tmp db.t snapshots --snapshot abc
expect_rc "--snapshot needs a value" 2 "$PL" show /tmp db.t snapshots --snapshot
expect_rc "--snapshot and --tag exclusive" 2 "$PL" show /tmp db.t files --snapshot 1 --tag x

# A synthetic warehouse for not-found cases that need no fixtures.
mkdir -p "$TMP/wh/db1.db/t1/schema" "$TMP/wh/db1.db/notatable" "$TMP/wh/other"
cat >"$TMP/wh/db1.db/t1/schema/schema-0" <<'EOF'
{ "version" : 3, "id" : 0,
  "fields" : [ { "id" : 0, "name" : "k", "type" : "INT NOT NULL" },
               { "id" : 1, "name" : "v\u001b[31m", "type" : "STRING" } ],
  "highestFieldId" : 1, "partitionKeys" : [ ], "primaryKeys" : [ "k" ],
  "options" : { "bucket" : "1", "evil" : "a\u001b]0;x\u0007b" }, "timeMillis" : 1700000000000 }
EOF
expect_rc "ls missing warehouse" 3 "$PL" ls "$TMP/nowhere"
expect_rc "ls missing database" 3 "$PL" ls "$TMP/wh" nodb
expect_rc "show missing database" 3 "$PL" show "$TMP/wh" nodb.t1 overview
expect_rc "show missing table" 3 "$PL" show "$TMP/wh" db1.nosuch overview
expect_rc "directory without schema is no table" 3 "$PL" show "$TMP/wh" db1.notatable overview
check_eq "and the message says why" \
	"paimon-lens: $TMP/wh/db1.db/notatable: not a Paimon table: no schema/schema-N file" \
	"$(cat "$TMP/err")"
expect_rc "health of a directory without schema" 3 "$PL" show "$TMP/wh" db1.notatable health
check "health says why too" grep -q "db1.db/notatable: not a Paimon table" "$TMP/err"
expect_rc "missing branch" 3 "$PL" show "$TMP/wh" db1.t1 overview --branch nob
expect_rc "missing snapshot" 3 "$PL" show "$TMP/wh" db1.t1 files --snapshot 7
expect_rc "missing tag" 3 "$PL" show "$TMP/wh" db1.t1 files --tag nosuch

expect_rc "ls databases" 0 "$PL" ls "$TMP/wh"
check_eq "only .db directories are databases" "database_name
db1" "$(cat "$TMP/out")"
# Every folder of the database is listed (one listing, no request per
# table): one without a schema file with the reason, noted on stderr, and
# the command still succeeds. Hidden folders are not listed.
mkdir -p "$TMP/wh/db1.db/.staging/schema"
cp "$TMP/wh/db1.db/t1/schema/schema-0" "$TMP/wh/db1.db/.staging/schema/"
"$PL" ls "$TMP/wh" db1 --json >"$TMP/out" 2>"$TMP/err"
check_eq "ls tables with a foreign folder exits 0" 0 "$?"
check "ls tables json" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [r["table_name"] for r in d] == ["notatable", "t1"], d
assert d[0]["table_kind"] is None and d[0]["record_count"] is None, d
assert d[0]["error"].endswith("db1.db/notatable: not a Paimon table: no schema/schema-N file"), d
d = d[1]
assert d["table_kind"] == "primary-key" and d["latest_snapshot_id"] is None, d
assert d["record_count"] == 0 and d["file_count"] == 0, d
assert d["last_commit_time"] is None and d["error"] is None, d' "$TMP/out"
check_eq "ls notes the foreign folder" \
	"paimon-lens: note: $TMP/wh/db1.db/notatable: not a Paimon table: no schema/schema-N file" \
	"$(cat "$TMP/err")"

# A table that was never written: every view works and is empty.
for v in overview schema schemas snapshots partitions buckets files manifests tags \
	 branches consumers options statistics indexes; do
	expect_rc "unwritten table: $v" 0 "$PL" show "$TMP/wh" db1.t1 "$v"
done
expect_rc "overview json" 0 "$PL" show "$TMP/wh" db1.t1 overview --json
check "overview is one object" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, dict), d
for k in ("table_kind", "schema_id", "snapshot_id", "earliest_snapshot_id",
          "latest_snapshot_id", "snapshot_count", "record_count", "file_count",
          "file_size_in_bytes", "partition_count", "bucket", "primary_keys",
          "partition_keys", "file_format"):
    assert k in d, k
assert d["snapshot_count"] == 0 and d["snapshot_id"] is None and d["bucket"] == 1, d
assert d["primary_keys"] == ["k"] and d["partition_keys"] == [], d' "$TMP/out"

# Terminal safety: escape sequences from the lake never reach the terminal.
expect_rc "options text" 0 "$PL" show "$TMP/wh" db1.t1 options
if grep -q "$(printf '\033')" "$TMP/out" || grep -q "$(printf '\007')" "$TMP/out"; then
	not_ok "control characters escaped in text"
else
	ok "control characters escaped in text"
fi
grep -q 'a\\e\]0;x\\x07b' "$TMP/out" && ok "escaped form shown" || not_ok "escaped form shown"
expect_rc "schema json" 0 "$PL" show "$TMP/wh" db1.t1 schema --json
check "json keeps the exact string" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d[1]["field_name"] == "v\x1b[31m", d
assert d[0]["primary_key"] is True and d[0]["nullable"] is False, d' "$TMP/out"

# Corrupt metadata: exit 4 with the file named.
mkdir -p "$TMP/wh/db1.db/t1/snapshot"
printf '{ "version" : 3, "id" : 1, "schemaId" : ' >"$TMP/wh/db1.db/t1/snapshot/snapshot-1"
expect_rc "truncated snapshot" 4 "$PL" show "$TMP/wh" db1.t1 files
grep -q "snapshot-1" "$TMP/err" && ok "message names the file" || not_ok "message names the file"
"$PL" ls "$TMP/wh" db1 >"$TMP/out" 2>"$TMP/err"
check_eq "ls of a database with an unreadable table exits 4" 4 "$?"
grep -q "snapshot-1" "$TMP/err" && ok "ls names the unreadable file" || not_ok "ls names the unreadable file"
printf '{ "id" : "one" }' >"$TMP/wh/db1.db/t1/snapshot/snapshot-1"
expect_rc "snapshot id of the wrong type" 4 "$PL" show "$TMP/wh" db1.t1 overview
printf '[1, 2]' >"$TMP/wh/db1.db/t1/snapshot/snapshot-1"
expect_rc "snapshot not an object" 4 "$PL" show "$TMP/wh" db1.t1 snapshots
cat >"$TMP/wh/db1.db/t1/snapshot/snapshot-1" <<'EOF'
{ "version" : 3, "id" : 1, "schemaId" : 0, "baseManifestList" : "manifest-list-x-0",
  "deltaManifestList" : "manifest-list-x-1", "commitUser" : "u",
  "commitIdentifier" : 9223372036854775807, "commitKind" : "APPEND",
  "timeMillis" : 1700000000123, "totalRecordCount" : 0, "deltaRecordCount" : 0,
  "watermark" : -9223372036854775808 }
EOF
expect_rc "snapshots view with a dangling manifest list" 0 "$PL" show "$TMP/wh" db1.t1 snapshots --json
check "int64 extremes exact" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d[0]["commit_identifier"] == 9223372036854775807, d
assert d[0]["watermark"] == -9223372036854775808, d
assert d[0]["commit_time"] == 1700000000123, d' "$TMP/out"
expect_rc "files with a missing manifest list" 4 "$PL" show "$TMP/wh" db1.t1 files
mkdir -p "$TMP/wh/db1.db/t1/manifest"
head -c 100 /dev/urandom >"$TMP/wh/db1.db/t1/manifest/manifest-list-x-0"
: >"$TMP/wh/db1.db/t1/manifest/manifest-list-x-1"
expect_rc "garbage manifest list" 4 "$PL" show "$TMP/wh" db1.t1 files

# Tags, consumers, statistics, branches (none exist in the fixtures).
mkdir -p "$TMP/wh/db1.db/t1/tag/tag-success-file" "$TMP/wh/db1.db/t1/consumer" \
	 "$TMP/wh/db1.db/t1/branch/branch-b1/schema" "$TMP/wh/db1.db/t1/statistics"
sed 's/"id" : 1,/"id" : 1, "tagCreateTime" : [ 2024, 7, 18, 10, 30, 5, 123000000 ], "tagTimeRetained" : 86400.000000000,/' \
	"$TMP/wh/db1.db/t1/snapshot/snapshot-1" >"$TMP/wh/db1.db/t1/tag/tag-2024-07-18 10"
cat >"$TMP/wh/db1.db/t1/tag/tag-a" <<'EOF'
{ "version" : 3, "id" : 1, "schemaId" : 0, "commitUser" : "u", "commitIdentifier" : 1,
  "commitKind" : "APPEND", "timeMillis" : 1, "totalRecordCount" : 0 }
EOF
printf '{\n  "nextSnapshot" : 42\n}' >"$TMP/wh/db1.db/t1/consumer/consumer-job1"
cp "$TMP/wh/db1.db/t1/schema/schema-0" "$TMP/wh/db1.db/t1/branch/branch-b1/schema/"
expect_rc "tags" 0 "$PL" show "$TMP/wh" db1.t1 tags --json
check "tags rows" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [r["tag_name"] for r in d] == ["2024-07-18 10", "a"], d
t = d[0]
assert t["snapshot_id"] == 1 and t["schema_id"] == 0 and t["record_count"] == 0, t
assert t["create_time"] == 1721298605123 and t["time_retained"] == "PT24H", t
assert d[1]["create_time"] is None and d[1]["time_retained"] is None, d' "$TMP/out"
expect_rc "consumers" 0 "$PL" show "$TMP/wh" db1.t1 consumers --json
check "consumer row" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d == [{"consumer_id": "job1", "next_snapshot_id": 42}], d' "$TMP/out"
expect_rc "branches" 0 "$PL" show "$TMP/wh" db1.t1 branches --json
check "branch row" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [r["branch_name"] for r in d] == ["b1"] and d[0]["create_time"] > 0, d' "$TMP/out"
expect_rc "tag time travel picks the tag" 0 "$PL" show "$TMP/wh" db1.t1 overview --tag a --json
check "overview of the tag" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["tag"] == "a" and d["snapshot_id"] == 1, d
assert d["file_count"] is None and d["record_count"] is None, d' "$TMP/out"
# Java does not require a tag's manifest lists; only reading its files does.
expect_rc "files of a tag without manifest lists" 4 "$PL" show "$TMP/wh" db1.t1 files --tag a
check "the error names the file and the key" grep -q 'tag-a: .*"baseManifestList"' "$TMP/err"
expect_rc "branch without snapshots" 0 "$PL" show "$TMP/wh" db1.t1 overview --branch b1 --json
check "branch overview" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["branch"] == "b1" and d["snapshot_count"] == 0, d' "$TMP/out"
printf '{"nextSnapshot": "x"}' >"$TMP/wh/db1.db/t1/consumer/consumer-job2"
expect_rc "corrupt consumer" 4 "$PL" show "$TMP/wh" db1.t1 consumers

sed 's/"id" : 1,/"id" : 1, "statistics" : "stat-1-0",/' "$TMP/wh/db1.db/t1/snapshot/snapshot-1" \
	>"$TMP/snap" && mv "$TMP/snap" "$TMP/wh/db1.db/t1/snapshot/snapshot-1"
cat >"$TMP/wh/db1.db/t1/statistics/stat-1-0" <<'EOF'
{ "snapshotId" : 1, "schemaId" : 0, "mergedRecordCount" : 1000,
  "colStats" : { "k" : { "colId" : 0, "distinctCount" : 998, "nullCount" : 0 } } }
EOF
expect_rc "statistics" 0 "$PL" show "$TMP/wh" db1.t1 statistics --json
check "statistics row" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 1, d
r = d[0]
assert r["snapshot_id"] == 1 and r["mergedRecordCount"] == 1000, r
assert r["mergedRecordSize"] is None, r
assert json.loads(r["colstat"])["k"]["distinctCount"] == 998, r
assert r["colstat"].startswith("{\n  \"k\" : {\n    \"colId\" : 0,"), r' "$TMP/out"

done_testing
