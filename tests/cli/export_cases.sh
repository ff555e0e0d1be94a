#!/bin/sh
# The export's rules: deterministic bytes, no secrets, view rows equal to
# `show --json`, and clear failures with the documented exit codes.
. "$top_srcdir/tests/lib.sh"

T0=2026-01-01T00:00:00Z

# status CMD...: the exit status of CMD, output discarded.
status() { "$@" >/dev/null 2>&1; echo $?; }

# Usage errors need no lake.
check_eq "no warehouse is a usage error" 2 "$(status "$PL" export)"
check_eq "bad --event-time" 2 "$(status "$PL" export /nonexistent --event-time yesterday)"
check_eq "bad --max-items" 2 "$(status "$PL" export /nonexistent --max-items 0)"
check_eq "unknown option" 2 "$(status "$PL" export /nonexistent --bogus)"

if [ -z "$PL_FIXTURES" ]; then
	skip "fixture cases" "fixtures not found"
	done_testing
	exit $?
fi
ORC=$PL_FIXTURES/orc

check_eq "unknown view" 2 "$(status "$PL" export "$ORC" pk_09.pk_09 nosuchview)"
check_eq "missing table is not found" 3 "$(status "$PL" export "$ORC" pk_09.nosuch)"
check_eq "missing snapshot is not found" 3 "$(status "$PL" export "$ORC" pk_09.pk_09 --snapshot 99)"
check_eq "missing tag is not found" 3 "$(status "$PL" export "$ORC" pk_09.pk_09 --tag nosuch)"

# Deterministic: same flags, same bytes; only eventTime follows the flag.
"$PL" export "$ORC" pk_09.pk_09 --event-time $T0 >"$TMP/a.json" 2>&1
"$PL" export "$ORC" pk_09.pk_09 --event-time $T0 >"$TMP/b.json" 2>&1
check "two runs are byte-identical" cmp "$TMP/a.json" "$TMP/b.json"
"$PL" export "$ORC" pk_09.pk_09 --event-time 2026-02-03T04:05:06.789Z >"$TMP/c.json" 2>&1
# The health hints measure ages from the event time: they follow it too.
check_eq "only eventTime and the ages measured from it differ" \
	'"eventTime":"2026-02-03T04:05:06.789Z", "hint":"8snapshotskept(min10,max2147483647);theoldest,1,is515.7daysold", ' \
	"$(diff "$TMP/a.json" "$TMP/c.json" | sed -n 's/^> //p' | tr -d '\t ' | tr '\n' ' ')"
"$PL" export "$ORC" pk_09.pk_09 --event-time $T0 --access-mode access-key >"$TMP/am.json" 2>&1
check_eq "--access-mode is named in catalogProperties" "access-key" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dataset"]["facets"]["catalog"]["catalogProperties"].get("accessMode"))' "$TMP/am.json" 2>&1)"
"$PL" export "$ORC" --event-time $T0 -o "$TMP/w1.ndjson"
"$PL" export "$ORC" --event-time $T0 -o "$TMP/w2.ndjson"
check "warehouse NDJSON is byte-identical" cmp "$TMP/w1.ndjson" "$TMP/w2.ndjson"
check "stdout and -o agree" sh -c "'$PL' export '$ORC' pk_09.pk_09 --event-time $T0 | cmp - '$TMP/a.json'"
now=$("$PL" export "$ORC" pk_09.pk_09 | sed -n 's/^	"eventTime":	"\(....\).*/\1/p')
check_eq "eventTime defaults to now" "$(date -u +%Y)" "$now"

# --max-items caps the lists and says so.
"$PL" export "$ORC" pk_09.pk_09 --max-items 1 -o "$TMP/m.json"
check_eq "capped lists carry total and truncated" "2 True 1 True" "$(python3 -c '
import json,sys; f=json.load(open(sys.argv[1]))["dataset"]["facets"]
p=f["paimonLens_partitions"]; s=f["paimonLens_snapshots"]
print(p["total"], p["truncated"], len(s["recent"]), s["truncated"])' "$TMP/m.json")"
validate "capped export" "$TMP/m.json"

# The facet schemas catch mistakes: each broken copy of a good event fails.
if [ -x "$VALIDATE" ] && python3 -c 'import jsonschema' 2>/dev/null; then
	check_eq "schemas reject broken events" "1 1 1 1 1 1 1" "$(python3 - "$TMP/a.json" "$VALIDATE" "$FACETS" "$TMP/broken.json" <<'PY'
import copy, json, subprocess, sys
ev = json.load(open(sys.argv[1]))
def bad(mut):
    e = copy.deepcopy(ev)
    mut(e["dataset"]["facets"])
    open(sys.argv[4], "w").write(json.dumps(e))
    return subprocess.run([sys.argv[2], "--facets", sys.argv[3], sys.argv[4]],
                          capture_output=True).returncode
print(bad(lambda f: f["paimonLens_table"]["options"].update({"fs.oss.accessKeySecret": "x"})),
      bad(lambda f: f["paimonLens_table"].pop("tableKind")),
      bad(lambda f: f["paimonLens_table"].update({"bucket": "2"})),
      bad(lambda f: f["paimonLens_storage"].update({"extra": 1})),
      bad(lambda f: f["paimonLens_lifecycle"].update({"snapshotTimeRetained": "1 h"})),
      bad(lambda f: f["paimonLens_snapshots"]["recent"][0].update({"commitTime": "2024-01-01 00:00"})),
      bad(lambda f: f["paimonLens_partitions"]["items"][0].pop("recordCount")))
PY
)"
else
	skip "schemas reject broken events" "ol-validate or python3-jsonschema missing"
fi

# Secrets: a copy of a fixture table whose options hold credentials.
mkdir -p "$TMP/wh/sec.db"
cp -r "$ORC/pk_09.db/pk_09" "$TMP/wh/sec.db/t"
chmod -R u+w "$TMP/wh"
python3 - "$TMP/wh/sec.db/t/schema" <<'PY'
import json, sys
d = sys.argv[1]
s = json.load(open(d + "/schema-0"))
s["options"].update({"fs.oss.accessKeySecret": "SECRET-VALUE-1", "password": "SECRET-VALUE-2",
                     "s3.access-key": "SECRET-VALUE-3", "owner": "alice",
                     "snapshot.time-retained": "1h 30min", "partition.expiration-time": "30 d"})
s["comment"] = "orders of the shop"
json.dump(s, open(d + "/schema-0", "w"), indent=2)
s["id"] = 1
s["options"]["password"] = "SECRET-VALUE-4"
s["options"]["fs.oss.securityToken"] = "SECRET-VALUE-5"
json.dump(s, open(d + "/schema-1", "w"), indent=2)
PY
for v in "" overview options schemas schema; do
	"$PL" export "$TMP/wh" sec.t $v --event-time $T0 -o "$TMP/sec$v.json"
	check_eq "no secret value in the ${v:-table} export" "0" "$(grep -c 'SECRET-VALUE' "$TMP/sec$v.json")"
done
check "the lake does hold the secrets" grep -q SECRET-VALUE-1 "$TMP/wh/sec.db/t/schema/schema-0"
validate "secret table" "$TMP/sec.json"
check_eq "redacted keys are listed" \
	"['fs.oss.accessKeySecret', 'password', 's3.access-key'] True" "$(python3 -c '
import json,sys; f=json.load(open(sys.argv[1]))["dataset"]["facets"]
t=f["paimonLens_table"]; print(t["redactedOptionKeys"], "owner" in t["options"])' "$TMP/sec.json")"
check_eq "owner, comment, durations" "user:alice|orders of the shop|PT1H30M|P30D" "$(python3 -c '
import json,sys; f=json.load(open(sys.argv[1]))["dataset"]["facets"]
l=f["paimonLens_lifecycle"]
print(f["ownership"]["owners"][0]["name"], f["documentation"]["description"],
      l["snapshotTimeRetained"], l["partitionExpiration"], sep="|")' "$TMP/sec.json")"
check_eq "secret option changes are named, not shown" "True" "$(python3 -c '
import json,sys; f=json.load(open(sys.argv[1]))["dataset"]["facets"]
ch=f["paimonLens_schemaHistory"]["versions"][1]["changes"]
print(any(c.get("key")=="fs.oss.securityToken" and c.get("redacted") for c in ch))' "$TMP/sec.json")"
check_eq "secret export is deterministic" "" \
	"$("$PL" export "$TMP/wh" sec.t --event-time $T0 | cmp - "$TMP/sec.json" 2>&1)"

# A view export carries exactly the rows `show --json` prints.
for v in overview schema schemas snapshots partitions buckets files manifests options indexes; do
	"$PL" show "$ORC" pk_09.pk_09 $v --json >"$TMP/show.json" 2>/dev/null
	"$PL" export "$ORC" pk_09.pk_09 $v --event-time $T0 --max-items 100000 -o "$TMP/view.json"
	check_eq "$v: view rows equal show --json" "same" "$(python3 -c '
import json,sys
show=json.load(open(sys.argv[1])); ev=json.load(open(sys.argv[2]))
v=ev["dataset"]["facets"]["paimonLens_view"]
rows=show if isinstance(show, list) else [show]
print("same" if rows==v["rows"] and v["view"]==sys.argv[3] and v["total"]==len(rows) else "differs")' \
		"$TMP/show.json" "$TMP/view.json" $v)"
done
validate "view export" "$TMP/view.json"

# Corrupt metadata: a clear error and exit status 4, no partial file.
mkdir -p "$TMP/bad/db.db"
cp -r "$ORC/pk_09.db/pk_09" "$TMP/bad/db.db/t"
chmod -R u+w "$TMP/bad"
for f in "$TMP"/bad/db.db/t/manifest/manifest-list-*; do printf 'not avro' >"$f"; done
check_eq "corrupt manifest list exits 4" 4 "$(status "$PL" export "$TMP/bad" db.t -o "$TMP/bad.json")"
check_eq "no partial output file" "no" "$([ -e "$TMP/bad.json" ] && echo yes || echo no)"
msg=$("$PL" export "$TMP/bad" db.t 2>&1 >/dev/null)
check "the error names the table and the file" sh -c "echo '$msg' | grep -q 'db.t' && echo '$msg' | grep -q 'manifest-list-'"
cp -r "$ORC/pk_09.db/pk_09" "$TMP/bad/db.db/good"
printf '{"id": 9, "schemaId": 0, "baseManifestList": 7}' >"$TMP/bad/db.db/good/snapshot/snapshot-9" 2>/dev/null ||
	{ chmod -R u+w "$TMP/bad"; printf '{"id": 9}' >"$TMP/bad/db.db/good/snapshot/snapshot-9"; }
check_eq "corrupt snapshot exits 4" 4 "$(status "$PL" export "$TMP/bad" db.good)"
rm -f "$TMP/bad/db.db/good/snapshot/snapshot-9"
check_eq "a database with a corrupt table exits 4" 4 "$(status "$PL" export "$TMP/bad" db -o "$TMP/db.ndjson")"
check_eq "and still exports the good tables" "1" "$(wc -l <"$TMP/db.ndjson" | tr -d ' ')"
printf '{"version":3,"id":0,"fields":[{"id":0,"name":"a","type":"NOPE(' >"$TMP/bad/db.db/good/schema/schema-0"
check_eq "corrupt schema exits 4" 4 "$(status "$PL" export "$TMP/bad" db.good)"

done_testing
