#!/bin/sh
# Terminal safety (issue 8): escape sequences, control characters and
# invalid UTF-8 planted in a generated lake (database and table names,
# column names and comments, option keys and values, the table comment,
# commit users, tag and branch names) must never reach stdout or stderr
# raw. Every view of `show` and both forms of `ls` are checked, as text and
# as --json.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	skip "terminal safety" "python3 missing"
	done_testing; exit
fi
lake=$TMP/lake
if ! "$PL_GEN" --databases 1 --tables 1 --kind pk --snapshots 2 --tags 1 --quiet "$lake" \
	>"$TMP/gen.out" 2>&1; then
	not_ok "generate a lake"; sed 's/^/# /' "$TMP/gen.out"; done_testing; exit
fi

ESC=$(printf '\033')
BEL=$(printf '\007')
# The payloads: a colour change, a screen clear, a window title (OSC ...
# BEL), a bare carriage return that would overwrite the line, C1 CSI as
# UTF-8, a right-to-left override and a lone invalid byte.
bad_db=$(printf 'evil\033[31mdb\377')
bad_table=$(printf 'tab\033]0;pwned\007le\r')
bad_tag=$(printf 'tag\033[2J')

table=$(ls -d "$lake"/*.db/* | head -1)
python3 - "$table" <<'PY'
import json, os, sys
table = sys.argv[1]
esc = "\x1b[31m", "\x1b]0;owned\x07", "\x1b[2J\x1b[H", "\r", "\u009b1m", "\u202e", "\x00", "\x7f"
bad = "".join(esc)
d = os.path.join(table, "schema")
for name in os.listdir(d):
    p = os.path.join(d, name)
    s = json.load(open(p))
    for f in s["fields"]:
        f["name"] = f["name"] + bad
        f["description"] = "comment" + bad
    s["options"]["owner" + bad] = "value" + bad
    s["comment"] = "table comment" + bad
    json.dump(s, open(p, "w"))
d = os.path.join(table, "snapshot")
for name in os.listdir(d):
    if not name.startswith("snapshot-"):
        continue
    p = os.path.join(d, name)
    s = json.load(open(p))
    s["commitUser"] = "user" + bad
    json.dump(s, open(p, "w"))
PY
# Keys must keep naming fields, so the schema's key lists stay pointing at
# the renamed columns.
python3 - "$table" <<'PY'
import json, os, sys
table = sys.argv[1]
d = os.path.join(table, "schema")
for name in os.listdir(d):
    p = os.path.join(d, name)
    s = json.load(open(p))
    names = {f["name"].split("\x1b")[0]: f["name"] for f in s["fields"]}
    s["partitionKeys"] = [names.get(k, k) for k in s["partitionKeys"]]
    s["primaryKeys"] = [names.get(k, k) for k in s["primaryKeys"]]
    json.dump(s, open(p, "w"))
PY
if [ -d "$table/tag" ] && ls "$table/tag" | grep -q '^tag-'; then
	cp "$(ls -d "$table"/tag/tag-* | head -1)" "$table/tag/tag-$bad_tag"
fi
db_dir=$(dirname "$table")
mv "$table" "$db_dir/$bad_table"
mv "$db_dir" "$lake/$bad_db.db"

# 1 when the file holds a raw control byte other than newline and tab, a
# C1 control or invalid UTF-8.
unsafe() {
	python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print("invalid UTF-8 at byte %d" % e.start); sys.exit(0)
m = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
if m:
    print("raw U+%04X at char %d: %r" % (ord(m.group()), m.start(), text[max(0, m.start()-20):m.start()+20]))
    sys.exit(0)
sys.exit(1)
PY
}

# run NAME ARGS...: the command must not crash and its output must be safe.
run() {
	_name=$1; shift
	"$PL" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ $rc -ge 128 ]; then
		not_ok "$_name: killed by signal $((rc - 128))"; return
	fi
	if why=$(unsafe "$TMP/out"); then
		not_ok "$_name: stdout: $why"; return
	fi
	if why=$(unsafe "$TMP/err"); then
		not_ok "$_name: stderr: $why"; return
	fi
	ok "$_name (exit $rc)"
}

# The planted names must still be found (the test must reach them).
"$PL" ls "$lake" >"$TMP/ls" 2>&1
if grep -q 'evil' "$TMP/ls"; then ok "ls shows the planted database"; else
	not_ok "ls shows the planted database"; sed 's/^/# /' "$TMP/ls" | head; fi
run "ls warehouse" ls "$lake"
run "ls warehouse --json" ls "$lake" --json
run "ls database" ls "$lake" "$bad_db"
run "ls database --json" ls "$lake" "$bad_db" --json
"$PL" show "$lake" "$bad_db.$bad_table" schema >"$TMP/schema" 2>&1
if grep -q 'order_id' "$TMP/schema" && grep -q 'table comment\|comment' "$TMP/schema"; then
	ok "show reaches the planted schema"
else
	not_ok "show reaches the planted schema"; sed 's/^/# /' "$TMP/schema" | head
fi
for view in overview schema schemas snapshots partitions buckets files manifests tags \
	branches consumers options statistics indexes; do
	run "show $view" show "$lake" "$bad_db.$bad_table" "$view"
	run "show $view --json" show "$lake" "$bad_db.$bad_table" "$view" --json
done
run "show missing table" show "$lake" "$bad_db.nope$ESC[31m" overview
run "show bad view" show "$lake" "$bad_db.$bad_table" "x$BEL$ESC[2J"
run "show bad tag" show "$lake" "$bad_db.$bad_table" overview --tag "$bad_tag"

# The other commands print lake strings in their records and their error
# messages: export, collect, sources, test-connection, the browser's
# start-up error. A table whose schema is garbage makes the catalog-wide
# export and collect report it by its (planted) name.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" XDG_CACHE_HOME="$TMP/home/.cache"
export XDG_STATE_HOME="$TMP/home/.state"
mkdir -p "$HOME"
run "export table" export "$lake" "$bad_db.$bad_table"
run "export table view" export "$lake" "$bad_db.$bad_table" schema
run "export missing table" export "$lake" "$bad_db.nope$ESC[31m"
run "export to an unwritable file" export "$lake" "$bad_db.$bad_table" -o "$TMP/no/such$ESC[2J/x"
broken="$lake/$bad_db.db/broken$ESC]0;t$BEL"
mkdir -p "$broken/schema"
printf '{"fields": [garbage\033[31m' >"$broken/schema/schema-0"
run "export catalog with a broken table" export "$lake"
check "... the broken table is reported" grep -q 'broken' "$TMP/err"
run "collect catalog with a broken table" collect "$lake"
run "collect --format datahub" collect "$lake" --format datahub
run "collect --format openmetadata" collect "$lake" --format openmetadata
run "collect with an unwritable state" collect "$lake" --state "$TMP/no/such$ESC[2J/state"
run "test-connection to a missing path" test-connection "$TMP/nope$ESC[31m/wh"
run "test-connection to a planted URI" test-connection "s3://bu$ESC[2Jck/w$BEL" \
	--endpoint "http://127.0.0.1:1"
run "test-connection to a table folder" test-connection "$lake/$bad_db.db"
mkdir -p "$XDG_CONFIG_HOME/paimon-lens"
printf '[source ok]\nwarehouse = %s\n[source bad$ESC[31m]\nwarehouse = /x\nbogus$ESC]0;t$BEL = 1\n' \
	"$lake" >"$XDG_CONFIG_HOME/paimon-lens/sources"
run "sources with a planted bad line" sources
check "... the bad line is reported" grep -q 'bogus' "$TMP/err"
run "a source name with a broken sources file" ls "ok"
rm -f "$XDG_CONFIG_HOME/paimon-lens/sources"
printf ':cd %s\n:save-display %s\n' "$bad_db.$bad_table" "$TMP/screen" >"$TMP/script"
PAIMON_LENS_SCRIPT=$TMP/script PAIMON_LENS_SIZE=100x10 run "browser cannot open a planted path" \
	"$TMP/nope$ESC[31m$BEL"
done_testing
