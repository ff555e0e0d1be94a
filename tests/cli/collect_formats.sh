#!/bin/sh
# `paimon-lens collect --format datahub|openmetadata`: each line validates
# against the schema written from the published definitions
# (tests/data/schemas), and carries the same tables, columns and keys as the
# OpenLineage record it is mapped from. Also `collect SOURCE` with the
# catalog facet taken from the data-source file.
. "$top_srcdir/tests/lib.sh"

SCHEMAS=$top_srcdir/tests/data/schemas
T0=2026-01-01T00:00:00Z
have_jsonschema=0
python3 -c 'import jsonschema' 2>/dev/null && have_jsonschema=1
# conforms NAME SCHEMA FILE: every line of FILE validates against SCHEMA.
conforms() {
	if [ $have_jsonschema = 0 ]; then
		skip "$1" "python3-jsonschema missing"
		return
	fi
	check "$1" python3 -c 'import json,sys,jsonschema
schema=json.load(open(sys.argv[1]))
v=jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
n=0
for i,l in enumerate(open(sys.argv[2]),1):
    errs=list(v.iter_errors(json.loads(l)))
    for e in errs[:3]:
        print("line %d: %s at %s" % (i, e.message, list(e.absolute_path)), file=sys.stderr)
    if errs: sys.exit(1)
    n+=1
sys.exit(0 if n else 1)' "$2" "$3"
}
# The validator must reject what it should: a schema that accepts anything
# would make the checks above worthless.
rejects() {
	if [ $have_jsonschema = 0 ]; then
		skip "$1" "python3-jsonschema missing"
		return
	fi
	check "$1" sh -c "! printf '%s\n' '$3' | python3 -c 'import json,sys,jsonschema
jsonschema.validate(json.loads(sys.stdin.readline()), json.load(open(sys.argv[1])))' '$2' 2>/dev/null"
}

check_eq "an unknown format is a usage error" 2 \
	"$("$PL" collect /nonexistent --format xml >/dev/null 2>&1; echo $?)"
rejects "MCP schema rejects a proposal without an aspect" "$SCHEMAS/datahub-mcp.json" \
	'{"entityType":"dataset","entityUrn":"urn:li:dataset:(urn:li:dataPlatform:paimon,a.b,PROD)","changeType":"UPSERT","aspectName":"status"}'
rejects "MCP schema rejects an unknown field type" "$SCHEMAS/datahub-mcp.json" \
	'{"entityType":"dataset","entityUrn":"urn:li:dataset:(urn:li:dataPlatform:paimon,a.b,PROD)","changeType":"UPSERT","aspectName":"schemaMetadata","aspect":{"json":{"schemaName":"a","platform":"urn:li:dataPlatform:paimon","version":0,"hash":"","platformSchema":{"com.linkedin.schema.OtherSchema":{"rawSchema":""}},"fields":[{"fieldPath":"x","nativeDataType":"INT","type":{"type":{"com.linkedin.schema.IntType":{}}}}]}}}'
rejects "Table schema rejects a VARCHAR without dataLength" "$SCHEMAS/openmetadata-table.json" \
	'{"name":"t","columns":[{"name":"c","dataType":"VARCHAR"}]}'
rejects "Table schema rejects an unknown dataType" "$SCHEMAS/openmetadata-table.json" \
	'{"name":"t","columns":[{"name":"c","dataType":"INT64"}]}'

if [ -n "$PL_FIXTURES" ] && [ -d "$PL_FIXTURES/orc" ]; then
	W=$PL_FIXTURES/orc
	"$PL" collect "$W" --event-time $T0 --quiet >"$TMP/ol.ndjson"
	"$PL" collect "$W" --event-time $T0 --quiet --format datahub >"$TMP/dh.ndjson"
	check_eq "datahub collection exits 0" 0 $?
	"$PL" collect "$W" --event-time $T0 --quiet --format openmetadata >"$TMP/om.ndjson"
	check_eq "openmetadata collection exits 0" 0 $?
	conforms "every MCP validates" "$SCHEMAS/datahub-mcp.json" "$TMP/dh.ndjson"
	conforms "every Table entity validates" "$SCHEMAS/openmetadata-table.json" "$TMP/om.ndjson"
	# The same tables, columns, types, keys and counts as the OpenLineage events.
	check "datahub is a thin transform of the record" python3 -c 'import json,sys
ol=[json.loads(l)["dataset"]["facets"] for l in open(sys.argv[1])]
mcps={}; profiles={}
for l in open(sys.argv[2]):
    m=json.loads(l); mcps.setdefault(m["entityUrn"],{})[m["aspectName"]]=m["aspect"]["json"]
    if m["aspectName"]=="datasetProfile":
        profiles.setdefault(m["entityUrn"],[]).append(m["aspect"]["json"])
assert len(mcps)==len(ol), (len(mcps), len(ol))
for f in ol:
    name=f["symlinks"]["identifiers"][0]["name"]
    urn="urn:li:dataset:(urn:li:dataPlatform:paimon,%s,PROD)" % name
    a=mcps[urn]
    # One FULL_TABLE profile, then one PARTITION profile per listed partition.
    full=[p for p in profiles[urn] if p["partitionSpec"]["type"]=="FULL_TABLE"]
    assert len(full)==1 and full[0]["partitionSpec"]["partition"]=="FULL_TABLE_SNAPSHOT", name
    a["datasetProfile"]=full[0]
    parts=[(p["partitionSpec"]["partition"], p.get("rowCount"), p.get("sizeInBytes"))
           for p in profiles[urn] if p["partitionSpec"]["type"]=="PARTITION"]
    assert parts==[(i["partition"], i["recordCount"], i["fileSizeInBytes"])
                   for i in f["paimonLens_partitions"]["items"]], (name, parts)
    assert len(profiles[urn])==1+len(parts), name
    assert sorted(a)==["container","datasetProfile","datasetProperties","schemaMetadata","subTypes"], sorted(a)
    sm=a["schemaMetadata"]; t=f["paimonLens_table"]
    assert [x["fieldPath"] for x in sm["fields"]]==[x["name"] for x in f["schema"]["fields"]], name
    assert [x["nativeDataType"] for x in sm["fields"]]==[x["type"] for x in f["schema"]["fields"]], name
    assert sm.get("primaryKeys",[])==t["primaryKeys"], name
    assert [x["fieldPath"] for x in sm["fields"] if x["isPartitioningKey"]]==[k for k in (x["name"] for x in f["schema"]["fields"]) if k in t["partitionKeys"]], name
    assert a["datasetProfile"]["rowCount"]==f["dataQualityMetrics"]["rowCount"], name
    assert a["datasetProfile"]["sizeInBytes"]==f["dataQualityMetrics"]["bytes"], name
    assert {k:v for k,v in a["datasetProperties"]["customProperties"].items() if not k.startswith("paimon.")}==t["options"], name
    assert a["subTypes"]["typeNames"]==["Table"]
' "$TMP/ol.ndjson" "$TMP/dh.ndjson"
	check "openmetadata is a thin transform of the record" python3 -c 'import json,sys
ol=[json.loads(l)["dataset"]["facets"] for l in open(sys.argv[1])]
om=[json.loads(l) for l in open(sys.argv[2])]
assert len(om)==len(ol)
for f,t in zip(ol,om):
    db,name=f["symlinks"]["identifiers"][0]["name"].split(".",1)
    assert t["name"]==name and t["fullyQualifiedName"].endswith("."+db+"."+name), t["fullyQualifiedName"]
    assert [c["name"] for c in t["columns"]]==[x["name"] for x in f["schema"]["fields"]]
    assert [c["dataTypeDisplay"] for c in t["columns"]]==[x["type"] for x in f["schema"]["fields"]]
    assert [c["ordinalPosition"] for c in t["columns"]]==list(range(1,len(t["columns"])+1))
    assert "UNKNOWN" not in [c["dataType"] for c in t["columns"]], [c["dataTypeDisplay"] for c in t["columns"]]
    pk=f["paimonLens_table"]["primaryKeys"]
    assert t.get("tableConstraints",[])==([{"constraintType":"PRIMARY_KEY","columns":pk}] if pk else [])
    parts=f["paimonLens_table"]["partitionKeys"]
    assert [c["columnName"] for c in t.get("tablePartition",{}).get("columns",[])]==parts
    assert t["profile"]["rowCount"]==f["dataQualityMetrics"]["rowCount"]
    assert t["extension"]["paimonOptions"]==f["paimonLens_table"]["options"]
' "$TMP/ol.ndjson" "$TMP/om.ndjson"
	check "collect is deterministic in every format" sh -c \
		"'$PL' collect '$W' --event-time $T0 --quiet --format datahub | cmp - '$TMP/dh.ndjson'"

	# A data source names the warehouse and describes the catalog.
	mkdir -p "$TMP/xdg/paimon-lens"
	cat >"$TMP/xdg/paimon-lens/sources" <<-EOT
	[source lake-test]
	catalog = finance
	filesystem = local
	warehouse = $W
	region = cn-hangzhou
	endpoint = https://oss-cn-hangzhou.aliyuncs.com
	access-mode = sts
	EOT
	XDG_CONFIG_HOME=$TMP/xdg "$PL" collect lake-test --databases 'pk_09' --tables pk_09 \
		--event-time $T0 --quiet >"$TMP/src.ndjson"
	check_eq "collect SOURCE exits 0" 0 $?
	check_eq "catalog facet from the source" \
		"finance lake-test cn-hangzhou https://oss-cn-hangzhou.aliyuncs.com sts filesystem" \
		"$(python3 -c 'import json,sys
f=json.loads(open(sys.argv[1]).readline())["dataset"]["facets"]
c=f["catalog"]; p=c["catalogProperties"]
print(c["name"], f["dataSource"]["name"], p["region"], p["endpoint"], p["accessMode"], p["metastore"])' "$TMP/src.ndjson")"
	check "source collection is the warehouse collection" sh -c \
		"grep '\"pk_09.pk_09\"' '$TMP/ol.ndjson' | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())[\"dataset\"][\"facets\"][\"schema\"])' >'$TMP/a' &&
		 python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())[\"dataset\"][\"facets\"][\"schema\"])' <'$TMP/src.ndjson' >'$TMP/b' && cmp '$TMP/a' '$TMP/b'"
	VALIDATE=${OL_VALIDATE:-$top_srcdir/../shared/tools/ol-validate}
	if [ -x "$VALIDATE" ] && [ $have_jsonschema = 1 ]; then
		check "source collection passes ol-validate" \
			"$VALIDATE" --facets "$top_srcdir/doc/spec/facets" "$TMP/src.ndjson"
	else
		skip "source collection passes ol-validate" "ol-validate missing"
	fi
	check_eq "an unknown source is not found" 3 \
		"$(XDG_CONFIG_HOME=$TMP/xdg "$PL" collect no-such-source >/dev/null 2>&1; echo $?)"
else
	skip "fixture collection in other formats" "fixtures not found"
fi

if [ ! -x "$PL_GEN" ]; then
	skip "drops and errors in other formats" "paimon-lens-gen not built"
	done_testing
	exit $?
fi
"$PL_GEN" --quiet --kind mixed --databases 1 --tables 3 --snapshots 2 "$TMP/wh" >/dev/null
# An owner (OpenLineage "team:...") on the last table, for the ownership aspect.
owned=$(ls "$TMP/wh/db0.db" | tail -1)
python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); d["options"]["owner"]="team:data-eng"
json.dump(d, open(sys.argv[1],"w"), indent=2)' "$TMP/wh/db0.db/$owned/schema/schema-0"
state=$TMP/state.json
"$PL" collect "$TMP/wh" --state "$state" --quiet --format datahub -o "$TMP/g1.ndjson"
conforms "generated lake MCPs validate" "$SCHEMAS/datahub-mcp.json" "$TMP/g1.ndjson"
check_eq "owner becomes a technical owner group" "urn:li:corpGroup:data-eng TECHNICAL_OWNER" \
	"$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    m=json.loads(l)
    if m["aspectName"]=="ownership":
        print(m["entityUrn"].split(",")[1], *m["aspect"]["json"]["owners"][0].values())' "$TMP/g1.ndjson" |
	  sed -n "s/^db0.$owned //p")"
check "the table comment becomes the description" python3 -c 'import json,sys
d=[json.loads(l)["aspect"]["json"] for l in open(sys.argv[1]) if "\"datasetProperties\"" in l]
assert len(d)==3 and all(x.get("description") for x in d), d' "$TMP/g1.ndjson"
gone=$(ls "$TMP/wh/db0.db" | head -1)
rm -rf "$TMP/wh/db0.db/$gone"
"$PL" collect "$TMP/wh" --state "$state" --quiet --format datahub -o "$TMP/g2.ndjson"
check_eq "a dropped table is one status aspect, removed" \
	"status urn:li:dataset:(urn:li:dataPlatform:paimon,db0.$gone,PROD) True" \
	"$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    m=json.loads(l); print(m["aspectName"], m["entityUrn"], m["aspect"]["json"]["removed"])' "$TMP/g2.ndjson")"
conforms "the status MCP validates" "$SCHEMAS/datahub-mcp.json" "$TMP/g2.ndjson"

bad=$(ls "$TMP/wh/db0.db" | head -1)
for f in "$TMP/wh/db0.db/$bad"/manifest/manifest-list-*; do printf 'garbage' >"$f"; done
"$PL" collect "$TMP/wh" --quiet --format openmetadata -o "$TMP/g3.ndjson"
check_eq "a failed table still makes the exit status 4" 4 $?
check_eq "and is left out of the Table stream, the others stay" "$owned" \
	"$(python3 -c 'import json,sys
for l in open(sys.argv[1]): print(json.loads(l)["name"])' "$TMP/g3.ndjson")"
conforms "Table entities of the generated lake validate" "$SCHEMAS/openmetadata-table.json" "$TMP/g3.ndjson"
done_testing
