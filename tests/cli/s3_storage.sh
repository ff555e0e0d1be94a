#!/bin/sh
# A lake read over s3:// must give exactly what its local copy gives:
# listings, whole and ranged reads, every `show` view and `export`, against
# a real S3 server (Swift s3api) on 127.0.0.1. Then the failures a user
# meets: wrong secret, wrong bucket, closed port, unresolvable host.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/s3/swift_env.sh"
TOOL=$top_builddir/tests/s3/pl_storage_tool

if ! s3_start; then
	skip "s3 storage" "Swift s3api not available (see ../shared/tools/swift-s3)"
	done_testing
	exit 0
fi
EP="--endpoint $S3_ENDPOINT"

# --- a small tree with awkward names, and a generated lake ----------------
T=$TMP/tree
mkdir -p "$T/wh/db1.db/t1/snapshot" "$T/wh/db1.db/t1/dt=2024-01-01" "$T/wh/db2.db/t2"
printf 'hello\n' >"$T/wh/db1.db/t1/snapshot/LATEST"
F="db1.db/t1/dt=2024-01-01/$(printf 'data file \303\274+%%.bin')"
printf '0123456789abcdefghij' >"$T/wh/$F"
i=0
while [ $i -lt 7 ]; do printf 'snap %d\n' $i >"$T/wh/db1.db/t1/snapshot/snapshot-$i"; i=$((i + 1)); done
printf 'x' >"$T/wh/db2.db/t2/x"

LAKE=$TMP/lake
"$PL_GEN" --seed 7 --databases 1 --tables 2 --snapshots 5 --files 2 --partitions 2 \
	--tags 1 --branch b1 --compact-every 3 --no-data --quiet "$LAKE" >/dev/null 2>&1 || LAKE=

# a bucket of its own, in case the server is reused (PL_SWIFT_DIR)
B=lake-$$
set -- "$B" "$T/wh" wh
[ -n "$LAKE" ] && set -- "$@" "$LAKE" gen
FX=
if [ -n "$PL_FIXTURES" ] && [ -d "$PL_FIXTURES/orc/append_09.db" ]; then
	FX=$TMP/fx
	mkdir -p "$FX"
	for db in orc/append_09.db orc/pk_table_partial_update.db; do
		ln -s "$PL_FIXTURES/$db" "$FX/$(basename "$db")"
		set -- "$@" "$PL_FIXTURES/$db" "fx/$(basename "$db")"
	done
fi
t0=$(date +%s)
check "upload test data" s3_upload "$@"
echo "# uploaded in $(($(date +%s) - t0)) s"

# --- storage interface: byte-identical trees ------------------------------
"$TOOL" tree "$T/wh" >"$TMP/tree.local"
"$TOOL" $EP tree s3://$B/wh >"$TMP/tree.s3" 2>"$TMP/tree.err"
check_eq "tree over s3 equals the local tree" "$(cat "$TMP/tree.local")" "$(cat "$TMP/tree.s3")"
PAIMON_LENS_S3_PAGE_SIZE=2 "$TOOL" $EP tree s3://$B/wh >"$TMP/tree.paged" 2>&1
check_eq "listing pages joined by continuation tokens" "$(cat "$TMP/tree.local")" "$(cat "$TMP/tree.paged")"
AWS_ENDPOINT_URL_S3=$S3_ENDPOINT "$TOOL" tree s3a://$B/wh/ >"$TMP/tree.env" 2>&1
check_eq "endpoint from AWS_ENDPOINT_URL_S3, s3a:// scheme" "$(cat "$TMP/tree.local")" "$(cat "$TMP/tree.env")"
"$TOOL" $EP --max-parallel 1 tree s3://$B/wh >"$TMP/tree.serial" 2>&1
check_eq "--max-parallel 1 gives the same bytes" "$(cat "$TMP/tree.local")" "$(cat "$TMP/tree.serial")"
check_eq "bucket root lists the warehouse folder" "d wh 0" \
	"$("$TOOL" $EP ls "s3://$B" "" 2>&1 | grep ' wh ')"

if [ -n "$FX" ]; then
	"$TOOL" tree "$FX" >"$TMP/fx.local"
	"$TOOL" $EP tree s3://$B/fx >"$TMP/fx.s3" 2>&1
	check_eq "real fixture tables: identical trees" "$(cat "$TMP/fx.local")" "$(cat "$TMP/fx.s3")"
else
	skip "real fixture tables: identical trees" "fixtures absent"
fi

check_eq "ranged read" "cdef" "$("$TOOL" $EP cat s3://$B/wh "$F" 12 4)"
check_eq "range clamped at the end" "ij" "$("$TOOL" $EP cat s3://$B/wh "$F" 18 100)"
"$TOOL" $EP cat s3://$B/wh "$F" 40 4 >/dev/null 2>"$TMP/range.err"
check_eq "range beyond the end is an I/O error" 5 $?
check_eq "stat of a file" "f LATEST 6" "$("$TOOL" $EP stat s3://$B/wh db1.db/t1/snapshot/LATEST)"
check_eq "stat of a folder" "d db1.db 0" "$("$TOOL" $EP stat s3://$B/wh db1.db)"
"$TOOL" $EP stat s3://$B/wh db1.db/nothing >/dev/null 2>&1
check_eq "stat of a missing path: not found" 3 $?
"$TOOL" $EP cat s3://$B/wh db1.db/nothing >/dev/null 2>"$TMP/nokey.err"
check_eq "read of a missing object: not found" 3 $?
check "missing object names NoSuchKey" grep -q "NoSuchKey" "$TMP/nokey.err"

# --- the CLI over s3:// equals the CLI over the local copy ----------------
# Paths in the output name the warehouse; everything else must match.
cli_pair() { # NAME LOCAL_WH S3_WH ARGS (with @WH@ for the warehouse)
	name=$1 lwh=$2 rwh=$3
	shift 3
	"$PL" $(echo "$*" | sed "s|@WH@|$lwh|") >"$TMP/cli.local" 2>&1
	lrc=$?
	"$PL" $(echo "$*" | sed "s|@WH@|$rwh|") $EP >"$TMP/cli.s3" 2>&1
	rrc=$?
	# Column widths follow the path lengths: compare words, not spaces.
	sed "s|$lwh|WH|g" "$TMP/cli.local" | tr -s ' ' >"$TMP/cli.local.n"
	sed "s|$rwh|WH|g" "$TMP/cli.s3" | tr -s ' ' >"$TMP/cli.s3.n"
	if [ "$lrc" = "$rrc" ] && cmp -s "$TMP/cli.local.n" "$TMP/cli.s3.n"; then
		ok "$name"
	else
		not_ok "$name (exit $lrc local, $rrc s3)"
		diff "$TMP/cli.local.n" "$TMP/cli.s3.n" | head -10 | sed 's/^/# /'
	fi
}

# Folders without a schema file (all of the small tree's): listed alike,
# refused alike when opened (paimon/catalog.h).
if [ -x "$PL" ]; then
	cli_pair "ls database of folders that are no tables" "$T/wh" s3://$B/wh "ls @WH@ db1"
	check "which says why" grep -q "db1.db/t1: not a Paimon table: no schema/schema-N file" \
		"$TMP/cli.s3"
	cli_pair "show on a folder that is no table" "$T/wh" s3://$B/wh "show @WH@ db2.t2 overview"
	check "which says why" grep -q "db2.db/t2: not a Paimon table: no schema/schema-N file" \
		"$TMP/cli.s3"
fi

VIEWS="overview schema schemas snapshots partitions buckets files manifests tags branches consumers options statistics indexes"
if [ -n "$LAKE" ] && [ -x "$PL" ]; then
	cli_pair "ls warehouse (generated lake)" "$LAKE" s3://$B/gen "ls @WH@"
	cli_pair "ls database (generated lake)" "$LAKE" s3://$B/gen "ls @WH@ db0"
	# Every view of the first table; the costly ones of the others (the
	# test server answers one request at a time).
	views=$VIEWS
	for t in $("$PL" ls "$LAKE" db0 2>/dev/null | awk 'NR > 1 { print $1 }'); do
		for v in $views; do
			cli_pair "show db0.$t $v" "$LAKE" s3://$B/gen "show @WH@ db0.$t $v"
		done
		cli_pair "show db0.$t files --json" "$LAKE" s3://$B/gen "show @WH@ db0.$t files --json"
		views="snapshots files manifests"
	done
	"$PL" export "$LAKE" --event-time 2024-07-01T00:00:00Z >"$TMP/export.local" 2>&1
	"$PL" export s3://$B/gen --event-time 2024-07-01T00:00:00Z $EP >"$TMP/export.s3" 2>&1
	check "export: the same record but for the lake's location" \
		python3 "$top_srcdir/tests/s3/export_compare.py" "$TMP/export.local" "$TMP/export.s3"
else
	skip "CLI over s3" "generator or CLI not built"
fi
if [ -n "$FX" ] && [ -x "$PL" ]; then
	cli_pair "ls fixture warehouse" "$FX" s3://$B/fx "ls @WH@"
	for db in append_09 pk_table_partial_update; do
		for t in $("$PL" ls "$FX" "$db" 2>/dev/null | awk 'NR > 1 { print $1 }'); do
			for v in overview schemas snapshots files manifests; do
				cli_pair "fixture $db.$t $v" "$FX" s3://$B/fx "show @WH@ $db.$t $v"
			done
		done
	done
fi

# --- failures name their cause ---------------------------------------------
SECRET=Wrong-Secret-7f3a9c
AWS_SECRET_ACCESS_KEY=$SECRET "$PL" $EP ls s3://$B/gen >"$TMP/f1.out" 2>&1
check_eq "wrong secret: I/O error status" 5 $?
check "wrong secret: SignatureDoesNotMatch named" grep -q "SignatureDoesNotMatch" "$TMP/f1.out"
"$PL" $EP ls s3://no-such-bucket/gen >"$TMP/f2.out" 2>&1
check_eq "wrong bucket: not found status" 3 $?
check "wrong bucket: the bucket named" grep -q "no-such-bucket" "$TMP/f2.out"
CLOSED=$(s3_free_port)
"$PL" --endpoint "http://127.0.0.1:$CLOSED" ls s3://$B/gen >"$TMP/f3.out" 2>&1
check_eq "closed port: I/O error status" 5 $?
check "closed port: connect failure named" grep -qi "connect" "$TMP/f3.out"
"$PL" --endpoint "http://no-such-host.invalid:$S3_PORT" --path-style ls s3://$B/gen >"$TMP/f4.out" 2>&1
check_eq "unresolvable host: I/O error status" 5 $?
check "unresolvable host: resolve failure named" grep -qi "resolve" "$TMP/f4.out"
if grep -rqF -e "$SECRET" "$TMP"/*.out "$TMP"/*.err "$TMP"/cli.* "$TMP"/tree.* 2>/dev/null ||
	grep -qF -e "$S3_SECRET_ACCESS_KEY" "$TMP"/f*.out "$TMP"/*.err 2>/dev/null; then
	not_ok "no secret in any output"
else
	ok "no secret in any output"
fi

done_testing
