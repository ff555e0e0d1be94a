#!/bin/sh
# Every view of every real fixture table, in text and JSON, plus exact
# values from the fixture READMEs and the spec's worked examples.
. "$top_srcdir/tests/lib.sh"

if [ -z "$PL_FIXTURES" ]; then
	skip "fixture views" "no fixtures at \$PL_FIXTURES"
	done_testing
	exit 0
fi
F=$PL_FIXTURES
export TZ=UTC
VIEWS="overview schema schemas snapshots partitions buckets files manifests tags branches
consumers options statistics indexes"

# show WH DB.TABLE VIEW [OPTIONS]: JSON into $TMP/j.json.
show() {
	_wh=$1; shift
	"$PL" show "$F/$_wh" "$@" --json >"$TMP/j.json" 2>"$TMP/j.err"
}
# expect NAME PYTHON-ASSERTIONS: d is the JSON of the last show.
expect() {
	if python3 -c "import json
d = json.load(open('$TMP/j.json'))
$2" >"$TMP/py.out" 2>&1; then ok "$1"; else
		not_ok "$1"; sed 's/^/# /' "$TMP/j.err" "$TMP/py.out" | tail -5; fi
}

# ---- every view of every table ----------------------------------------
mkdir -p "$TMP/all"
# PL_FIXTURE_SAMPLE=N takes every Nth table (the sanitizer run in CI, where
# each start of the program costs far more); the default is every table.
sample=${PL_FIXTURE_SAMPLE:-1}
nth=0
sampled=0
for wh in orc parquet misc; do
	[ -d "$F/$wh" ] || continue
	for dbdir in "$F/$wh"/*.db; do
		db=$(basename "$dbdir" .db)
		for tdir in "$dbdir"/*/; do
			[ -d "$tdir/schema" ] || continue
			t=$(basename "$tdir")
			nth=$((nth + 1))
			# orc/pk_09 is always in: the alignment check below reads it.
			[ $((nth % sample)) -eq 0 ] || [ "$sample" -eq 1 ] ||
				[ "$wh/$db" = orc/pk_09 ] || continue
			bad=
			sampled=$((sampled + 1))
			for v in $VIEWS; do
				out="$TMP/all/$wh.$db.$t.$v"
				"$PL" show "$F/$wh" "$db.$t" "$v" >"$out.txt" 2>"$out.err" ||
					bad="$bad text:$v($?)"
				"$PL" show "$F/$wh" "$db.$t" "$v" --json >"$out.json" 2>>"$out.err" ||
					bad="$bad json:$v($?)"
			done
			if [ -z "$bad" ]; then ok "$wh/$db.$t: all views exit 0"; else
				not_ok "$wh/$db.$t:$bad"; cat "$TMP/all/$wh.$db.$t".*.err | head -3 | sed 's/^/# /'; fi
		done
	done
done

# One Python run checks every JSON document and the totals that must agree.
check "every --json output parses; overview is an object, views are arrays" python3 -c '
import glob, json, sys
n = 0
for path in glob.glob(sys.argv[1] + "/*.json"):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    if path.endswith(".overview.json"):
        assert isinstance(d, dict), path
    else:
        assert isinstance(d, list) and all(isinstance(r, dict) for r in d), path
    n += 1
# every view of every table taken wrote its document
assert n == int(sys.argv[2]) and n > 0, (n, sys.argv[2])' "$TMP/all" "$((sampled * $(echo $VIEWS | wc -w)))"

check "sum of live record_count is the snapshot total_record_count, every table" python3 -c '
import glob, json, sys
for path in glob.glob(sys.argv[1] + "/*.overview.json"):
    o = json.load(open(path))
    files = json.load(open(path.replace(".overview.", ".files.")))
    parts = json.load(open(path.replace(".overview.", ".partitions.")))
    if o["snapshot_id"] is None:
        assert files == [] and o["record_count"] == 0, path
        continue
    s = sum(r["record_count"] for r in files)
    assert s == o["total_record_count"] == o["record_count"], (path, s, o)
    assert sum(r["record_count"] for r in parts) == s, path
    assert sum(r["file_count"] for r in parts) == len(files) == o["file_count"], path
    assert sum(r["file_size_in_bytes"] for r in files) == o["file_size_in_bytes"], path
    snaps = json.load(open(path.replace(".overview.", ".snapshots.")))
    assert len(snaps) == o["snapshot_count"], path
    assert snaps[-1]["snapshot_id"] == o["latest_snapshot_id"], path
    assert snaps[-1]["total_record_count"] == o["total_record_count"], path
    for r in files + parts:
        assert isinstance(r["partition_values"], dict), path
' "$TMP/all"

check "text output is aligned: header and rows start columns alike" python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = lines[0]
starts = [i for i in range(1, len(head)) if head[i] != " " and head[i-1:i+1] == " " + head[i] and head[i-2:i] == "  "]
assert len(starts) >= 5, head
for l in lines[1:]:
    for s in starts:
        assert l[s-2:s] == "  " or l[s-1] == " ", (l, s)
' "$TMP/all/orc.pk_09.pk_09.snapshots.txt"

# ---- exact values -------------------------------------------------------
# orc/append_09 README: 5 snapshots, 11 rows; f1=10 has 9, f1=20 has 2.
show orc append_09.append_09 partitions
expect "append_09 rows per partition" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("f1=10", 9), ("f1=20", 2)], d
assert d[0]["partition_values"] == {"f1": "10"}, d'
show orc append_09.append_09 overview
expect "append_09 overview" \
	'assert d["snapshot_count"] == 5 and d["record_count"] == 11 and d["bucket"] == 2, d
assert d["table_kind"] == "append" and d["partition_keys"] == ["f1"] and d["file_format"] == "orc", d'
show orc append_09.append_09 snapshots
expect "append_09 snapshot 5 is the full compaction" \
	'assert [r["commit_kind"] for r in d] == ["APPEND"] * 4 + ["COMPACT"], d
assert [r["total_record_count"] for r in d] == [5, 9, 10, 11, 11], d'
show orc append_09.append_09 partitions --snapshot 1
expect "append_09 time travel to snapshot 1" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("f1=10", 4), ("f1=20", 1)], d'

# orc/append_10: one commit of 5 rows.
show orc append_10.append_10 partitions
expect "append_10 rows per partition" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("f1=10", 4), ("f1=20", 1)], d'

# Unpartitioned table with external paths: the recorded URI is the path.
show orc append_10_external_path.append_10_external_path files
expect "append_10_external_path file path is the external URI" \
	'assert len(d) == 1 and d[0]["record_count"] == 5 and d[0]["partition"] == "{}", d
assert d[0]["partition_values"] == {}, d'

# orc/append_complex_data: f1=10 6 rows, f1=20 2 rows, 4 snapshots.
show orc append_complex_data.append_complex_data partitions
expect "append_complex_data rows per partition" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("f1=10", 6), ("f1=20", 2)], d'

# Two partition keys.
show orc append_table_with_alter_table.append_table_with_alter_table partitions
expect "append_table_with_alter_table rows per partition" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("key0=0/key1=1", 6), ("key0=1/key1=1", 4)], d
assert d[0]["partition_values"] == {"key0": "0", "key1": "1"}, d'
show orc append_table_with_alter_table.append_table_with_alter_table schemas
expect "append_table_with_alter_table has two schemas" \
	'assert [r["schema_id"] for r in d] == [0, 1], d
assert [f["name"] for f in json.loads(d[1]["fields"])] == ["key0", "key1", "k", "c", "d", "a", "e"], d
assert json.loads(d[0]["partition_keys"]) == ["key0", "key1"], d'

show orc append_table_with_alter_table_with_dense_field.append_table_with_alter_table_with_dense_field partitions
expect "dense_field rows per partition" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("key0=0", 4), ("key0=1", 4)], d'

show orc multi_partition_append_table.multi_partition_append_table partitions
expect "multi_partition_append_table rows per partition" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("f1=10/f2=0", 7), ("f1=10/f2=1", 1), ("f1=20/f2=1", 2)], d'
show orc multi_partition_append_table.multi_partition_append_table buckets
expect "multi_partition_append_table buckets use the cast partition string" \
	'assert [r["partition"] for r in d] == ["{10, 0}", "{10, 1}", "{20, 1}"], d'

show orc append_with_empty_partition_with_specific_name.append_with_empty_partition_with_specific_name partitions
expect "null partition uses partition.default-name" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("f0=2024", 2), ("f0=2025", 1), ("f0=__HIVE_DEFAULT_PARTITION__", 3)], d
assert d[2]["partition_values"] == {"f0": None}, d'

# Branches: the main branch and branch "test" hold different partitions.
show orc append_table_with_append_pt_branch.append_table_with_append_pt_branch partitions
expect "pt_branch main holds pt=1" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("pt=1", 2)], d'
show orc append_table_with_append_pt_branch.append_table_with_append_pt_branch partitions --branch test
expect "pt_branch branch test holds pt=2" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("pt=2", 2)], d'
show orc append_table_with_append_pt_branch.append_table_with_append_pt_branch branches
expect "pt_branch lists branch test" 'assert [r["branch_name"] for r in d] == ["test"], d'
show orc append_table_with_append_pt_branch.append_table_with_append_pt_branch options
expect "pt_branch main falls back to test" \
	'assert {"key": "scan.fallback-branch", "value": "test", "default": None, "source": "set"} in d, d'

# rt branch: main is an append table, branch rt a primary-key table.
show orc append_table_with_rt_branch.append_table_with_rt_branch overview
expect "rt_branch main is append" 'assert d["table_kind"] == "append" and d["record_count"] == 2, d'
show orc append_table_with_rt_branch.append_table_with_rt_branch overview --branch rt
expect "rt_branch branch rt is primary-key with 2 buckets" \
	'assert d["table_kind"] == "primary-key" and d["bucket"] == 2 and d["branch"] == "rt", d
assert d["primary_keys"] == ["dt", "name"] and d["record_count"] == 4, d'
show orc append_table_with_rt_branch.append_table_with_rt_branch partitions --branch rt
expect "rt_branch branch rt rows per partition" \
	'assert [(r["partition"], r["record_count"]) for r in d] == [("dt=20240725", 2), ("dt=20240726", 2)], d'

# orc/pk_09 (format-metadata.md §4.2 example is its snapshot 8).
show orc pk_09.pk_09 snapshots
expect "pk_09 snapshot 8 as in the spec" \
	'r = d[-1]
assert len(d) == 8 and r["snapshot_id"] == 8 and r["commit_kind"] == "COMPACT", r
assert r["commit_identifier"] == 4 and r["commit_time"] == 1725600399550, r
assert r["total_record_count"] == 10 and r["delta_record_count"] == -3, r
assert r["base_manifest_list"] == "manifest-list-289b0100-cbf7-443e-8ae1-1329a9690e89-2", r
assert r["changelog_manifest_list"] is None and r["changelog_record_count"] == 0, r'
show orc pk_09.pk_09 overview
expect "pk_09 one row deleted by deletion vector (Tony)" \
	'assert d["deleted_record_count"] == 1 and d["record_count"] == 10 and d["file_count"] == 3, d'
show orc pk_09.pk_09 overview --snapshot 2
expect "pk_09 time travel to snapshot 2" \
	'assert d["snapshot_id"] == 2 and d["record_count"] == 9 and d["latest_snapshot_id"] == 8, d'
show orc pk_09.pk_09 files
expect "pk_09 files keys and statistics" \
	'by = {r["file_path"].rsplit("/", 1)[1]: r for r in d}
r = by["data-f27b8807-74b7-4aea-a7b4-5fcb385bd104-0.orc"]
assert r["partition"] == "{20}" and r["bucket"] == 0 and r["level"] == 5, r
assert r["min_key"] == "[Lucy, 1]" and r["max_key"] == "[Paul, 1]", r
assert r["null_value_counts"] == "{f0=0, f1=0, f2=0, f3=0}", r
assert r["min_value_stats"] == "{f0=Lucy, f1=20, f2=1, f3=14.1}", r
assert r["file_path"].endswith("/f1=20/bucket-0/data-f27b8807-74b7-4aea-a7b4-5fcb385bd104-0.orc"), r
assert r["file_format"] == "orc" and r["write_cols"] is None, r'

# format-manifests.md §6.5: pk_table_with_dv_cardinality.
show parquet pk_table_with_dv_cardinality.pk_table_with_dv_cardinality files
expect "dv_cardinality live set of snapshot 4 (spec 6.5)" \
	'rows = sorted((r["file_path"].rsplit("/", 1)[1][5:13] + r["file_path"][-10:-8], r["level"], r["record_count"]) for r in d)
assert rows == [("3061fa63-0", 5, 2), ("3061fa63-1", 4, 1), ("ed5d7184-0", 5, 7)], rows
dv = {r["file_path"].rsplit("/", 1)[1][5:13] + r["file_path"][-10:-8]: r["deleted_record_count"] for r in d}
assert dv == {"3061fa63-0": 1, "3061fa63-1": 0, "ed5d7184-0": 2}, dv'
show parquet pk_table_with_dv_cardinality.pk_table_with_dv_cardinality snapshots
expect "dv_cardinality totals per snapshot (spec 6.5)" \
	'assert [r["total_record_count"] for r in d] == [9, 9, 12, 10], d
assert [r["commit_kind"] for r in d] == ["APPEND", "COMPACT", "APPEND", "COMPACT"], d'
show parquet pk_table_with_dv_cardinality.pk_table_with_dv_cardinality files --snapshot 3
expect "dv_cardinality time travel to snapshot 3" \
	'assert sorted((r["level"], r["record_count"]) for r in d) == [(0, 1), (0, 2), (5, 2), (5, 7)], d'
show parquet pk_table_with_dv_cardinality.pk_table_with_dv_cardinality partitions
expect "dv_cardinality deleted_record_count (spec 8.5)" \
	'assert [(r["partition"], r["record_count"], r["deleted_record_count"]) for r in d] == [("f1=10", 10, 3)], d'

# format-manifests.md §8.5: pk_with_bitmap_dv.
show parquet pk_with_bitmap_dv.pk_with_bitmap_dv indexes
expect "pk_with_bitmap_dv index manifest record (spec 8.5)" \
	'assert len(d) == 1, d
r = d[0]
assert r["index_type"] == "DELETION_VECTORS" and r["bucket"] == 0, r
assert r["file_name"] == "index-daed25d2-8e68-45ba-aaad-ff342666ef27-0", r
assert r["file_size"] == 33 and r["row_count"] == 1, r
assert r["dv_ranges"] == [{"f0": "data-bfa36b28-40e7-4026-893b-d23116973174-0.parquet", "f1": 1, "f2": 24, "_CARDINALITY": 2}], r'
show parquet pk_with_bitmap_dv.pk_with_bitmap_dv files
expect "pk_with_bitmap_dv 8 rows, 2 deleted" \
	'assert [(r["record_count"], r["deleted_record_count"]) for r in d] == [(8, 2)], d'

# misc/db_with_blob: 20 records in files, next_row_id 10 (format-metadata.md §4.4).
show misc db_with_blob.table_with_blob snapshots
expect "table_with_blob counts" \
	'assert d[0]["total_record_count"] == 20 and d[0]["next_row_id"] == 10, d'
show misc db_with_blob.table_with_blob files
expect "table_with_blob first row ids and write_cols" \
	'blobs = sorted((r["first_row_id"], r["record_count"]) for r in d if r["file_format"] == "blob")
assert blobs == [(0, 3), (3, 2), (5, 4), (9, 1)], blobs
assert all(isinstance(r["write_cols"], list) for r in d), d'

# orc/pk_table_scan_and_read_dv: 6 snapshots; DVs for Tony and Alex etc.
show orc pk_table_scan_and_read_dv.pk_table_scan_and_read_dv overview
expect "pk_table_scan_and_read_dv overview" \
	'assert d["snapshot_count"] == 6 and d["table_kind"] == "primary-key", d'

# Tags and time travel by tag are covered with synthetic tags in
# cli_basics.sh (the fixtures have none).
show orc pk_09.pk_09 tags
expect "pk_09 has no tags" 'assert d == [], d'

# Corrupt a copy of a real table: damaged manifest list, then manifest.
cp -R "$F/orc/pk_09.db" "$TMP/wh_pk09.db" 2>/dev/null
mkdir -p "$TMP/wh" && mv "$TMP/wh_pk09.db" "$TMP/wh/pk_09.db"
chmod -R u+w "$TMP/wh"
T="$TMP/wh/pk_09.db/pk_09"
"$PL" show "$TMP/wh" pk_09.pk_09 files >/dev/null 2>&1
check_eq "copy reads fine" 0 "$?"
ml=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["deltaManifestList"])' "$T/snapshot/snapshot-8")
head -c 40 "$T/manifest/$ml" >"$TMP/cut" && cp "$TMP/cut" "$T/manifest/$ml"
"$PL" show "$TMP/wh" pk_09.pk_09 files >/dev/null 2>"$TMP/err"
check_eq "truncated manifest list exits 4" 4 "$?"
grep -q "$ml" "$TMP/err" && ok "message names the manifest list" || not_ok "message names the manifest list"
"$PL" show "$TMP/wh" pk_09.pk_09 snapshots >/dev/null 2>&1
check_eq "views not reading manifests still work" 0 "$?"
printf '{"id": 8, "schemaId": 0, "baseManifestList": 5}' >"$T/snapshot/snapshot-8"
"$PL" show "$TMP/wh" pk_09.pk_09 overview >/dev/null 2>&1
check_eq "snapshot with a wrongly typed key exits 4" 4 "$?"
"$PL" show "$TMP/wh" pk_09.pk_09 overview --snapshot 7 >/dev/null 2>&1
check_eq "an older snapshot of that table still reads" 0 "$?"

done_testing
