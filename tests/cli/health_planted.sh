#!/bin/sh
# show ... health on generated lakes with planted problems: orphans (old
# and fresh), missing files, small files, stalled expiration (stale
# EARLIEST, gaps), pins (consumer, tag, branch), a corrupt manifest; and on
# every fixture table without error. Exact findings and numbers.
. "$top_srcdir/tests/lib.sh"

if [ ! -x "$PL_GEN" ]; then
	skip "health" "paimon-lens-gen not built"
	done_testing
	exit $?
fi

# finding JSONFILE CHECK: "severity value" of the first finding CHECK.
finding() {
	python3 -c 'import json,sys
rows=[r for r in json.load(open(sys.argv[1])) if r["check"]==sys.argv[2]]
print("%s %g" % (rows[0]["severity"], rows[0]["value"]) if rows else "absent")' "$1" "$2"
}

L="$TMP/lake"
check "generate" "$PL_GEN" --quiet --kind pk --tables 1 --snapshots 12 --files 5 \
	--partitions 3 --buckets 2 --compact-every 2 --expire-keep 8 --tags 2 --branch dev "$L"
T="$L/db0.db/orders_0"

check "clean lake" sh -c "'$PL' show '$L' db0.orders_0 health --json --older-than 0 > '$TMP/clean.json'"
check_eq "clean: no orphan even with --older-than 0" "info 0" "$(finding "$TMP/clean.json" orphan_files)"
check_eq "clean: nothing missing" "info 0" "$(finding "$TMP/clean.json" missing_files)"
check_eq "clean: 8 snapshots kept" "info 8" "$(finding "$TMP/clean.json" snapshots_retained)"
check_eq "clean: no stale hint" "absent" "$(finding "$TMP/clean.json" earliest_hint)"
check_eq "clean: no consumer" "absent" "$(finding "$TMP/clean.json" pinned_by_consumer)"
check_eq "tag without retention pins an expired snapshot" "warning 4" \
	"$(finding "$TMP/clean.json" pinned_by_tag)"
check_eq "branch listed" "info 0" "$(finding "$TMP/clean.json" pinned_by_branch)"
live=$("$PL" show "$L" db0.orders_0 files --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check_eq "every live file is small (threshold 32 MiB)" "info $live" \
	"$(finding "$TMP/clean.json" small_files)"
check "text output" sh -c "'$PL' show '$L' db0.orders_0 health | grep -q '^check'"

# Orphans: three old files (data folder, manifest/, index-like), one fresh.
cp -r "$L" "$TMP/orph"
O="$TMP/orph/db0.db/orders_0"
b=$(ls -d "$O"/dt=*/region=*/bucket-0 | head -1)
printf 'xxxxxxxxxx' > "$b/data-orphan-1.parquet"
printf 'yyyyy' > "$O/manifest/manifest-orphan-2"
mkdir -p "$O/dt=1999-01-01/region=zz/bucket-0"
printf 'z' > "$O/dt=1999-01-01/region=zz/bucket-0/data-orphan-3.parquet"
touch -d '3 days ago' "$b/data-orphan-1.parquet" "$O/manifest/manifest-orphan-2" \
	"$O/dt=1999-01-01/region=zz/bucket-0/data-orphan-3.parquet"
printf 'fresh' > "$b/data-fresh.parquet"
"$PL" show "$TMP/orph" db0.orders_0 health --json > "$TMP/orph.json"
check_eq "3 orphans older than a day (default)" "warning 3" "$(finding "$TMP/orph.json" orphan_files)"
"$PL" show "$TMP/orph" db0.orders_0 health --json --older-than '1 h' > "$TMP/orph1h.json"
check_eq "--older-than 1 h" "warning 3" "$(finding "$TMP/orph1h.json" orphan_files)"
"$PL" show "$TMP/orph" db0.orders_0 health --json --older-than 0 > "$TMP/orph0.json"
check_eq "--older-than 0 counts the fresh one" "warning 4" "$(finding "$TMP/orph0.json" orphan_files)"
check "orphans are never deleted" test -f "$b/data-orphan-1.parquet"
check "orphan hint has bytes" grep -q '16 bytes' "$TMP/orph.json"
if "$PL" show "$TMP/orph" db0.orders_0 health --older-than soon >/dev/null 2>&1; then
	not_ok "bad --older-than is a usage error"
else ok "bad --older-than is a usage error"; fi

# Missing: two live data files removed.
cp -r "$L" "$TMP/miss"
M="$TMP/miss/db0.db/orders_0"
"$PL" show "$TMP/miss" db0.orders_0 files --json | python3 -c '
import json,sys
for r in json.load(sys.stdin)[:2]: print(r["file_path"])' > "$TMP/gone"
check_eq "two live files picked" "2" "$(wc -l < "$TMP/gone" | tr -d ' ')"
while read -r f; do rm -f "$f"; done < "$TMP/gone"
"$PL" show "$TMP/miss" db0.orders_0 health --json > "$TMP/miss.json"
check_eq "2 missing files, critical" "critical 2" "$(finding "$TMP/miss.json" missing_files)"
check_eq "missing come first" "missing_files" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["check"])' "$TMP/miss.json")"

# Stalled expiration: EARLIEST points past the first file, a gap, many
# snapshots against a small num-retained.max, a consumer at the earliest.
cp -r "$L" "$TMP/stall"
S="$TMP/stall/db0.db/orders_0"
printf '9' > "$S/snapshot/EARLIEST"
rm "$S/snapshot/snapshot-7"
mkdir -p "$S/consumer"
printf '{"nextSnapshot":5}' > "$S/consumer/consumer-job-1"
"$PL" show "$TMP/stall" db0.orders_0 health --json > "$TMP/stall.json"
check_eq "stale EARLIEST hint" "warning 5" "$(finding "$TMP/stall.json" earliest_hint)"
check_eq "one snapshot gap" "warning 1" "$(finding "$TMP/stall.json" snapshot_gaps)"
check_eq "7 snapshots left (max 8): info" "info 7" "$(finding "$TMP/stall.json" snapshots_retained)"
check_eq "consumer pins 8 snapshots" "warning 8" "$(finding "$TMP/stall.json" pinned_by_consumer)"
sed 's/"snapshot.num-retained.max" : "8"/"snapshot.num-retained.max" : "3"/' \
	"$S/schema/schema-0" > "$TMP/s0" && cat "$TMP/s0" > "$S/schema/schema-0"
"$PL" show "$TMP/stall" db0.orders_0 health --json > "$TMP/stall2.json"
check_eq "above num-retained.max: critical" "critical 7" \
	"$(finding "$TMP/stall2.json" snapshots_retained)"

# A corrupt manifest: the report still comes, with the error as a finding.
cp -r "$L" "$TMP/bad"
for m in "$TMP"/bad/db0.db/orders_0/manifest/manifest-[0-9a-f]*; do
	head -c 40 "$m" > "$TMP/m" && cat "$TMP/m" > "$m"
done
"$PL" show "$TMP/bad" db0.orders_0 health --json > "$TMP/bad.json"
check_eq "corrupt manifests: exit 0" "0" "$?"
check_eq "fileset error reported" "critical 0" "$(finding "$TMP/bad.json" fileset_error)"
check_eq "orphan check reports its error" "critical 0" "$(finding "$TMP/bad.json" orphan_files_error)"
check_eq "retention still answered" "info 8" "$(finding "$TMP/bad.json" snapshots_retained)"
if "$PL" show "$L" db0.nope health >/dev/null 2>&1; then not_ok "missing table fails"
else ok "missing table fails"; fi

# Every fixture table: no error, no missing file.
if [ -z "$PL_FIXTURES" ]; then
	skip "fixture tables" "no fixtures at \$PL_FIXTURES"
else
	fails=0 n=0
	for db in "$PL_FIXTURES"/*/*.db; do
		wh=$(dirname "$db"); d=$(basename "$db" .db)
		for t in "$db"/*/; do
			[ -d "$t/schema" ] || continue
			n=$((n + 1))
			if ! "$PL" show "$wh" "$d.$(basename "$t")" health --json > "$TMP/fx.json" 2>"$TMP/fx.err" ||
			   grep -q '_error"' "$TMP/fx.json"; then
				fails=$((fails + 1)); echo "# $d.$(basename "$t"): $(head -c 300 "$TMP/fx.err" "$TMP/fx.json" | tr '\n' ' ')"
			fi
		done
	done
	check_eq "health runs on all $n fixture tables" "0" "$fails"
fi
done_testing
