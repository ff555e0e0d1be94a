#!/bin/sh
# Health findings in the export and the collection: paimonLens_storage
# carries the same findings `show health` reports (cheap checks by default,
# the orphan scan with --orphans, none with --no-health), every stream
# validates, and the facet schema refuses a malformed finding.
. "$top_srcdir/tests/lib.sh"

# storage FILE EXPR: EXPR evaluated on paimonLens_storage of the first line
# (s), e.g. 'len(s["findings"])'.
storage() {
	python3 -c 'import json,sys
s=json.loads(open(sys.argv[1]).readline())["dataset"]["facets"]["paimonLens_storage"]
print(eval(sys.argv[2]))' "$1" "$2"
}
# "check severity value" of every finding, sorted, from the facet (first
# line of an NDJSON file) or from `show health --json`.
facet_findings() {
	python3 -c 'import json,sys
s=json.loads(open(sys.argv[1]).readline())["dataset"]["facets"]["paimonLens_storage"]
print(" ".join(sorted("%s:%s:%g" % (f["check"], f["severity"], f.get("value", 0))
                      for f in s.get("findings", []) if f["check"] not in sys.argv[2:])))' "$@"
}
show_findings() {
	python3 -c 'import json,sys
print(" ".join(sorted("%s:%s:%g" % (f["check"], f["severity"], f["value"] or 0)
                      for f in json.load(open(sys.argv[1])) if f["check"] not in sys.argv[2:])))' "$@"
}

if [ ! -x "$PL_GEN" ]; then
	skip "health in the export" "paimon-lens-gen not built"
	done_testing
	exit $?
fi

L="$TMP/lake"
check "generate" "$PL_GEN" --quiet --kind pk --tables 2 --snapshots 12 --files 5 \
	--partitions 3 --buckets 2 --compact-every 2 --expire-keep 8 --tags 2 --branch dev "$L"
T="$L/db0.db/orders_0"

# Default: the cheap checks, the same answers as `show health`.
"$PL" export "$L" db0.orders_0 >"$TMP/default.json"
check_eq "export exits 0" 0 $?
tr -d '\n' <"$TMP/default.json" >"$TMP/default.line"; echo >>"$TMP/default.line"
"$PL" show "$L" db0.orders_0 health --json >"$TMP/show.json"
check_eq "findings are show health's, without the orphan scan" \
	"$(show_findings "$TMP/show.json" orphan_files missing_files)" \
	"$(facet_findings "$TMP/default.line")"
check_eq "the orphan scan did not run" "False False" \
	"$(storage "$TMP/default.line" 's["orphanCandidates"]["scanned"], s["missingFiles"]["scanned"]' | tr -d '(),')"
check "a tag without retention is reported" sh -c \
	"python3 -c 'import json,sys; print(json.load(sys.stdin))' <'$TMP/default.json' | grep -q pinned_by_tag"
validate "default export" "$TMP/default.line"

# --no-health: no findings at all.
"$PL" export "$L" db0.orders_0 --no-health >"$TMP/none.json"
tr -d '\n' <"$TMP/none.json" >"$TMP/none.line"; echo >>"$TMP/none.line"
check_eq "--no-health leaves the findings out" False "$(storage "$TMP/none.line" '"findings" in s')"
validate "export without health" "$TMP/none.line"

# --orphans on a lake with one old orphan and one missing data file.
b=$(ls -d "$T"/dt=*/region=*/bucket-0 | head -1)
printf 'xxxxxxxxxx' >"$b/data-orphan-1.parquet"
touch -d '3 days ago' "$b/data-orphan-1.parquet"
gone=$("$PL" show "$L" db0.orders_0 files --json | python3 -c '
import json,sys; print(json.load(sys.stdin)[0]["file_path"])')
rm -f "$gone"
"$PL" export "$L" db0.orders_0 --orphans --max-items 5 >"$TMP/full.json"
tr -d '\n' <"$TMP/full.json" >"$TMP/full.line"; echo >>"$TMP/full.line"
check_eq "orphan candidates scanned and counted" "True 1 10" \
	"$(storage "$TMP/full.line" 's["orphanCandidates"]["scanned"], s["orphanCandidates"]["count"], s["orphanCandidates"]["bytes"]' | tr -d '(),')"
check_eq "the orphan is named" "data-orphan-1.parquet" \
	"$(storage "$TMP/full.line" 's["orphanCandidates"]["items"][0].split("/")[-1]')"
check_eq "the missing file is counted" "1 $(basename "$gone")" \
	"$(storage "$TMP/full.line" 's["missingFiles"]["count"], s["missingFiles"]["items"][0].split("/")[-1]' | tr -d "(),'")"
check_eq "and is a critical finding" "critical 1" \
	"$(storage "$TMP/full.line" '" ".join("%s %g" % (f["severity"], f["value"]) for f in s["findings"] if f["check"] == "missing_files")')"
validate "export with the orphan scan" "$TMP/full.line"

# A tag's record reports the health of the latest snapshot.
tag=$(ls "$T/tag" | sed -n 's/^tag-//p' | head -1)
"$PL" export "$L" db0.orders_0 --tag "$tag" >"$TMP/tag.json"
tr -d '\n' <"$TMP/tag.json" >"$TMP/tag.line"; echo >>"$TMP/tag.line"
check_eq "a tag's record has the latest snapshot's findings" \
	"$(facet_findings "$TMP/default.line" schema_drift)" "$(facet_findings "$TMP/tag.line" schema_drift)"

# collect: the same facet, streamed; every mode validates.
T0=2026-01-01T00:00:00Z
for mode in "" --no-health --orphans; do
	"$PL" collect "$L" --quiet --event-time $T0 $mode >"$TMP/c$mode.ndjson"
	check_eq "collect $mode exits 0" 0 $?
	validate "collect $mode" "$TMP/c$mode.ndjson"
done
check "collect and export agree on the findings" sh -c \
	"'$PL' export '$L' --event-time $T0 | cmp - '$TMP/c.ndjson'"
check_eq "collect --orphans scans every table" "True" \
	"$(storage "$TMP/c--orphans.ndjson" 's["orphanCandidates"]["scanned"]')"
check_eq "collect --no-health has no findings" "False" \
	"$(storage "$TMP/c--no-health.ndjson" '"findings" in s')"

# The facet schema describes the findings: a bad one is refused.
if have_validator; then
	python3 -c 'import json,sys
e=json.loads(open(sys.argv[1]).readline())
e["dataset"]["facets"]["paimonLens_storage"]["findings"][0]["severity"]="fatal"
print(json.dumps(e))' "$TMP/c.ndjson" >"$TMP/bad.ndjson"
	check "an unknown severity is refused" sh -c "! '$VALIDATE' --facets '$FACETS' '$TMP/bad.ndjson'"
	python3 -c 'import json,sys
e=json.loads(open(sys.argv[1]).readline())
del e["dataset"]["facets"]["paimonLens_storage"]["findings"][0]["hint"]
print(json.dumps(e))' "$TMP/c.ndjson" >"$TMP/bad2.ndjson"
	check "a finding without hint is refused" sh -c "! '$VALIDATE' --facets '$FACETS' '$TMP/bad2.ndjson'"
else
	skip "the facet schema refuses bad findings" "ol-validate or python3-jsonschema missing"
fi

done_testing
