#!/bin/sh
# The governance export of every fixture table and of the generated demo
# lake: one event per table, each valid against the published OpenLineage
# schemas and ours (doc/spec/facets), with the answers the fixtures state.
. "$top_srcdir/tests/lib.sh"

T0=2026-01-01T00:00:00.000Z

# json FILE EXPR: evaluates a Python expression over the events of FILE (ev).
json() {
	python3 -c 'import json,sys
text=open(sys.argv[1]).read()
try: evs=[json.loads(text)]
except ValueError: evs=[json.loads(l) for l in text.splitlines() if l.strip()]
ev=evs[0]
f=lambda e,k: e["dataset"]["facets"][k]
print(eval(sys.argv[2]))' "$1" "$2"
}

if [ -z "$PL_FIXTURES" ]; then
	skip "fixture warehouses" "fixtures not found"
else
	for wh in orc parquet misc; do
		dir=$PL_FIXTURES/$wh
		[ -d "$dir" ] || { skip "$wh" "no $dir"; continue; }
		want=$(ls -d "$dir"/*.db/*/schema 2>/dev/null | wc -l)
		out=$TMP/$wh.ndjson
		check "$wh: export of the warehouse" "$PL" export "$dir" --event-time $T0 -o "$out"
		check_eq "$wh: one event per table" "$want" "$(wc -l <"$out" | tr -d ' ')"
		validate "$wh" "$out"
		check_eq "$wh: events in database, table order" \
			"$(ls -d "$dir"/*.db/*/schema | sed 's|/schema$||' | LC_ALL=C sort)" \
			"$(json "$out" '"\n".join(e["dataset"]["name"] for e in evs)')"
	done

	# Answers of orc/pk_09.db/pk_09/README: 8 snapshots, partition key f1
	# with partitions 10 and 20, 2 buckets, deletion vectors.
	pk=$TMP/pk.json
	check "pk_09: single table export" "$PL" export "$PL_FIXTURES/orc" pk_09.pk_09 \
		--event-time $T0 -o "$pk"
	validate "pk_09" "$pk"
	check_eq "pk_09: version is the latest snapshot" "8" "$(json "$pk" 'f(ev,"version")["datasetVersion"]')"
	check_eq "pk_09: table facet" "primary-key ['f0', 'f1', 'f2'] ['f1'] 2 HASH_FIXED True" \
		"$(json "$pk" '" ".join(str(f(ev,"paimonLens_table")[k]) for k in ("tableKind","primaryKeys","partitionKeys","bucket","bucketMode","deletionVectors"))')"
	check_eq "pk_09: partitions" "f1=20 f1=10" \
		"$(json "$pk" '" ".join(p["partition"] for p in f(ev,"paimonLens_partitions")["items"])')"
	check_eq "pk_09: snapshots" "1 8 8 COMPACT" \
		"$(json "$pk" '" ".join(str(f(ev,"paimonLens_snapshots")[k]) for k in ("earliestSnapshotId","latestSnapshotId","retainedCount"))+" "+f(ev,"paimonLens_snapshots")["recent"][0]["commitKind"]')"
	check_eq "pk_09: physical record counts are labelled" "physical-unmerged" \
		"$(json "$pk" 'f(ev,"paimonLens_storage")["recordCountKind"]')"
	check_eq "pk_09: metrics agree with the storage facet" "True" \
		"$(json "$pk" 'f(ev,"dataQualityMetrics")["fileCount"]==f(ev,"paimonLens_storage")["dataFiles"] and f(ev,"dataQualityMetrics")["bytes"]==f(ev,"paimonLens_storage")["dataBytes"]')"
	check_eq "pk_09: partition key range from file statistics" "10 20" \
		"$(json "$pk" '"%d %d" % (f(ev,"dataQualityMetrics")["columnMetrics"]["f1"]["min"], f(ev,"dataQualityMetrics")["columnMetrics"]["f1"]["max"])')"

	# Time travel and branches select what the show command selects.
	check "pk_09 --snapshot 4" "$PL" export "$PL_FIXTURES/orc" pk_09.pk_09 --snapshot 4 \
		--event-time $T0 -o "$TMP/s4.json"
	check_eq "--snapshot 4 is version 4" "4" "$(json "$TMP/s4.json" 'f(ev,"version")["datasetVersion"]')"
	br=$PL_FIXTURES/orc/append_table_with_append_pt_branch.db
	if [ -d "$br" ]; then
		check "branch export" "$PL" export "$PL_FIXTURES/orc" \
			append_table_with_append_pt_branch.append_table_with_append_pt_branch \
			--branch test --event-time $T0 -o "$TMP/br.json"
		validate "branch export" "$TMP/br.json"
		check_eq "branch named in the snapshots facet" "test" \
			"$(json "$TMP/br.json" 'f(ev,"paimonLens_snapshots")["branch"]')"
		check_eq "branch listed in refs of main" "['test']" \
			"$(json "$TMP/br.json" '[b["name"] for b in f(ev,"paimonLens_refs")["branches"]]')"
	fi
fi

# The generated demo lake: tags, consumers and branches are there.
if [ -x "$PL_GEN" ]; then
	"$PL_GEN" --preset demo --seed 42 --quiet "$TMP/demo" >/dev/null 2>&1
	check "demo lake export" "$PL" export "$TMP/demo" --event-time $T0 -o "$TMP/demo.ndjson"
	validate "demo lake" "$TMP/demo.ndjson"
	check_eq "demo: one event per table" "$(ls -d "$TMP"/demo/*.db/*/schema | wc -l | tr -d ' ')" \
		"$(wc -l <"$TMP/demo.ndjson" | tr -d ' ')"
	check_eq "demo: consumers, tags and branches are reported" "True True True" \
		"$(json "$TMP/demo.ndjson" '" ".join(str(any(f(e,"paimonLens_refs")[k] for e in evs)) for k in ("consumers","tags","branches"))')"
	check "demo database export" "$PL" export "$TMP/demo" sales --event-time $T0 -o "$TMP/sales.ndjson"
	validate "demo database" "$TMP/sales.ndjson"
	check_eq "database export holds its tables only" "sales" \
		"$(json "$TMP/sales.ndjson" '" ".join(sorted(set(f(e,"hierarchy")["hierarchy"][1]["name"] for e in evs)))')"
else
	skip "demo lake" "paimon-lens-gen not built"
fi

done_testing
