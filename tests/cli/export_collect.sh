#!/bin/sh
# `paimon-lens collect`: catalog-wide NDJSON, incremental runs with a state
# file, dropped tables, and a corrupt table reported in the stream while the
# run goes on.
. "$top_srcdir/tests/lib.sh"

T0=2026-01-01T00:00:00Z
lines() { wc -l <"$1" | tr -d ' '; }
# names FILE: "db.table:kind" of every event (kind: ok, error, drop).
names() {
	python3 -c 'import json,sys
for l in open(sys.argv[1]):
    f=json.loads(l)["dataset"]["facets"]
    k="error" if "paimonLens_error" in f else "drop" if "lifecycleStateChange" in f else "ok"
    print(f["symlinks"]["identifiers"][0]["name"]+":"+k)' "$1" | tr '\n' ' '
}

check_eq "no warehouse is a usage error" 2 "$("$PL" collect >/dev/null 2>&1; echo $?)"
check_eq "unknown formats are refused" 2 \
	"$("$PL" collect /nonexistent --format yaml >/dev/null 2>&1; echo $?)"

if [ -n "$PL_FIXTURES" ] && [ -d "$PL_FIXTURES/orc" ]; then
	"$PL" collect "$PL_FIXTURES/orc" --event-time $T0 >"$TMP/orc.ndjson" 2>"$TMP/orc.err"
	check_eq "fixture warehouse collects" 0 $?
	check_eq "one event per table" "$(ls -d "$PL_FIXTURES"/orc/*.db/*/schema | wc -l | tr -d ' ')" \
		"$(lines "$TMP/orc.ndjson")"
	validate "fixture collection" "$TMP/orc.ndjson"
	check "summary on stderr, not stdout" grep -q "collected" "$TMP/orc.err"
	# Folders of relocated external data are listed but are no tables.
	check_eq "foreign folders noted, not counted" \
		"$(ls -d "$PL_FIXTURES"/orc/*.db/external* | wc -l | tr -d ' ') $(ls -d "$PL_FIXTURES"/orc/*.db/*/schema | wc -l | tr -d ' ') tables:" \
		"$(grep -c ': not a Paimon table: no schema/schema-N file; skipped$' "$TMP/orc.err") $(sed -n 's/^paimon-lens: \([0-9]* tables:\).*/\1/p' "$TMP/orc.err")"
	check "collect and export agree" sh -c "'$PL' export '$PL_FIXTURES/orc' --event-time $T0 | cmp - '$TMP/orc.ndjson'"
	"$PL" collect "$PL_FIXTURES/orc" --databases 'pk_*' --tables '*dv*' --quiet >"$TMP/glob.ndjson"
	check_eq "globs select tables" "pk_09_with_dv.pk_09_with_dv:ok" \
		"$(names "$TMP/glob.ndjson" | tr ' ' '\n' | grep pk_09_with_dv)"
	check "globs leave the rest out" sh -c "! grep -q append_09 '$TMP/glob.ndjson'"
else
	skip "fixture collection" "fixtures not found"
fi

if [ ! -x "$PL_GEN" ]; then
	skip "incremental collection" "paimon-lens-gen not built"
	done_testing
	exit $?
fi
# A folder in a database that is no table: skipped with a note, not an
# error entry, and the run (collect or export) succeeds.
"$PL_GEN" --quiet --kind mixed --databases 1 --tables 2 --snapshots 2 "$TMP/fwh" >/dev/null
mkdir -p "$TMP/fwh/db0.db/external/f1=10/bucket-0"
"$PL" collect "$TMP/fwh" --event-time $T0 >"$TMP/f.ndjson" 2>"$TMP/f.err"
check_eq "collect with a foreign folder exits 0" 0 $?
check_eq "only the tables are collected" 2 "$(lines "$TMP/f.ndjson")"
check "the folder is noted" grep -q \
	"^paimon-lens: note: db0.external: .*db0.db/external: not a Paimon table: no schema/schema-N file; skipped$" \
	"$TMP/f.err"
check "and not counted as a table" grep -q "^paimon-lens: 2 tables: 2 collected, 0 unchanged (skipped), 0 failed" "$TMP/f.err"
for target in "" db0; do
	"$PL" export "$TMP/fwh" $target --event-time $T0 >"$TMP/f.export" 2>"$TMP/f.err"
	check_eq "export ${target:-of the catalog} with a foreign folder exits 0" 0 $?
	check_eq "export ${target:-of the catalog} leaves it out" 2 "$(lines "$TMP/f.export")"
	check "export ${target:-of the catalog} notes it" grep -q "note: .*db0.db/external: not a Paimon table" "$TMP/f.err"
done

"$PL_GEN" --quiet --kind mixed --databases 2 --tables 2 --snapshots 4 "$TMP/wh" >/dev/null
state=$TMP/state.json
"$PL" collect "$TMP/wh" --state "$state" --event-time $T0 -o "$TMP/run1.ndjson" 2>/dev/null
check_eq "first run reads every table" 4 "$(lines "$TMP/run1.ndjson")"
validate "first run" "$TMP/run1.ndjson"
check "state written" test -s "$state"

"$PL" collect "$TMP/wh" --state "$state" -o "$TMP/run2.ndjson" 2>"$TMP/run2.err"
check_eq "unchanged lake: nothing emitted" 0 "$(lines "$TMP/run2.ndjson")"
check "skipped tables are counted" grep -q "4 unchanged (skipped)" "$TMP/run2.err"

# A new commit on one table: the same state plus one snapshot.
t=$TMP/wh/db0.db/$(ls "$TMP/wh/db0.db" | head -1)
last=$(ls "$t/snapshot" | sed -n 's/^snapshot-//p' | sort -n | tail -1)
sed "s/\"id\" *: *$last,/\"id\" : $((last + 1)),/" "$t/snapshot/snapshot-$last" >"$t/snapshot/snapshot-$((last + 1))"
"$PL" collect "$TMP/wh" --state "$state" --event-time $T0 -o "$TMP/run3.ndjson" 2>/dev/null
check_eq "only the changed table is re-read" "db0.$(basename "$t"):ok " "$(names "$TMP/run3.ndjson")"
check_eq "with its new version" "$((last + 1))" "$(python3 -c 'import json,sys
print(json.loads(open(sys.argv[1]).readline())["dataset"]["facets"]["version"]["datasetVersion"])' "$TMP/run3.ndjson")"

# A table that vanished is reported once, as dropped.
gone=$(ls "$TMP/wh/db1.db" | head -1)
rm -rf "$TMP/wh/db1.db/$gone"
"$PL" collect "$TMP/wh" --state "$state" --event-time $T0 -o "$TMP/run4.ndjson" 2>/dev/null
check_eq "dropped table event" "db1.$gone:drop " "$(names "$TMP/run4.ndjson")"
validate "drop event" "$TMP/run4.ndjson"
"$PL" collect "$TMP/wh" --state "$state" -o "$TMP/run5.ndjson" 2>/dev/null
check_eq "and only once" 0 "$(lines "$TMP/run5.ndjson")"

# A corrupt table mid-run: an error entry, the others still collected,
# exit status 4, and the table retried next time.
bad=$(ls "$TMP/wh/db0.db" | head -1)
for f in "$TMP/wh/db0.db/$bad"/manifest/manifest-list-*; do printf 'garbage' >"$f"; done
"$PL" collect "$TMP/wh" --event-time $T0 -o "$TMP/run6.ndjson" 2>"$TMP/run6.err"
check_eq "a failed table makes the exit status 4" 4 $?
check_eq "error entry in order, the run goes on" \
	"$(ls "$TMP"/wh/db0.db | sed "s/^/db0./; s/\$/:ok/; s/^db0.$bad:ok/db0.$bad:error/" | tr '\n' ' ')$(ls "$TMP"/wh/db1.db | sed 's/^/db1./; s/$/:ok/' | tr '\n' ' ')" \
	"$(names "$TMP/run6.ndjson")"
validate "stream with an error entry" "$TMP/run6.ndjson"
check "error message names the file" grep -q "manifest-list-" "$TMP/run6.ndjson"
sed "s/\"id\" *: *$((last + 1)),/\"id\" : $((last + 2)),/" "$t/snapshot/snapshot-$((last + 1))" >"$t/snapshot/snapshot-$((last + 2))"
"$PL" collect "$TMP/wh" --state "$state" -o "$TMP/run7.ndjson" 2>/dev/null
check_eq "incremental run with a corrupt table exits 4" 4 $?
"$PL" collect "$TMP/wh" --state "$state" -o "$TMP/run8.ndjson" 2>/dev/null
check_eq "the failed table is retried" "db0.$bad:error " "$(names "$TMP/run8.ndjson")"

printf '{"tables": 5}' >"$TMP/broken-state.json"
check_eq "a broken state file is corrupt" 4 \
	"$("$PL" collect "$TMP/wh" --state "$TMP/broken-state.json" >/dev/null 2>&1; echo $?)"

done_testing
