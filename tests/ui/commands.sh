#!/bin/sh
# The browser's :commands in script mode: bad commands and arguments,
# themes, the config file, :export of the view, :watch.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/uilib.sh"

if ! ui_lake; then
	skip "command tests" "paimon-lens-gen cannot make the demo lake"
	done_testing
	exit 0
fi
S=$TMP/screens
mkdir -p "$S"

# Each bad command leaves a one-line message and the browser running.
cat >"$TMP/bad-cases" <<'EOF'
bogus|unknown command 'bogus' (:help lists them)
snapshot abc|'abc' is not a snapshot or schema id
snapshot 99999|no snapshot 99999
tag nope|no tag 'nope'
branch nope|no branch 'nope'
diff schema 1|usage: :diff schema|snapshot A B
diff tables 1 2|diff what? 'schema' or 'snapshot', not 'tables'
diff schema 0 77|schema-77
sort nocolumn|no column 'nocolumn' here
sort key sideways|sort: the order is 'asc' or 'desc'
view nope|unknown view 'nope'
theme nope|theme: no theme 'nope'
theme ../../etc/passwd|theme: bad theme name
set bogus 1|set: unknown option 'bogus'
set human-sizes maybe|set: human-sizes is on or off
watch 0|watch: SECONDS is 1..86400, or 'off'
cd nodb.nothing|no table nodb.nothing
open /nonexistent/warehouse|cannot open /nonexistent/warehouse
search zzzzzz|no match for 'zzzzzz'
EOF
n=0
{
	echo ":cd sales.orders"
	while IFS='|' read -r cmd msg; do
		n=$((n + 1))
		echo ":$cmd"
		echo ":save-display $S/bad$n"
		# Failed loads leave the previous page: go back to the table.
		echo ":cd sales.orders"
	done <"$TMP/bad-cases"
} >"$TMP/bad-script"
ui_run 120x12 lake <"$TMP/bad-script"
n=0
while IFS='|' read -r cmd msg; do
	n=$((n + 1))
	screen_has ":$cmd -> $msg" "$S/bad$n" "$msg"
done <"$TMP/bad-cases"
screen_has "the browser goes on after errors" "$S/bad1" "› orders › Overview"

# Commands without a table open.
ui_run 100x12 lake <<EOF
:snapshot 3
:save-display $S/notable
:cd nodb
:save-display $S/nodb
EOF
screen_has ":snapshot needs a table" "$S/notable" "open a table first"
screen_has ":cd to a missing database" "$S/nodb" "no database 'nodb'"

# Themes: the built-in ones, a user theme, a broken one.
mkdir -p "$XDG_CONFIG_HOME/paimon-lens/themes"
printf 'color cursor white magenta bold\n' >"$XDG_CONFIG_HOME/paimon-lens/themes/mine.theme"
printf 'color cursor white\n' >"$XDG_CONFIG_HOME/paimon-lens/themes/broken.theme"
PAIMON_LENS_THEMES=$top_srcdir/themes ui_run 220x12 lake <<EOF
:theme light
:save-display $S/theme-light
:theme mono
:save-display $S/theme-mono
:theme mine
:save-display $S/theme-mine
:theme broken
:save-display $S/theme-broken
:theme default
:save-display $S/theme-default
EOF
screen_has ":theme light" "$S/theme-light" "theme light"
screen_has ":theme mono" "$S/theme-mono" "theme mono"
screen_has "user theme" "$S/theme-mine" "theme mine"
screen_has "broken theme names the line" "$S/theme-broken" "broken.theme:1: color needs AREA FG BG"
screen_has "compiled-in default" "$S/theme-default" "theme default"
# The compiled-in default is themes/default.theme.
grep '^color' "$top_srcdir/themes/default.theme" >"$TMP/theme-file"
sed -n 's/^	"\(color .*\)\\n";*$/\1/p' "$top_srcdir/src/ui/theme.c" >"$TMP/theme-c"
check "compiled-in theme equals themes/default.theme" cmp "$TMP/theme-file" "$TMP/theme-c"
for t in default light mono; do
	check "themes/$t.theme covers every area" \
		test "$(grep -c '^color' "$top_srcdir/themes/$t.theme")" -eq 18
done

# The config file: set, bind, color; a bad line is reported with its place.
mkdir -p "$XDG_CONFIG_HOME/paimon-lens"
cat >"$XDG_CONFIG_HOME/paimon-lens/config" <<'EOF'
# sizes in bytes, x quits
set human-sizes off
bind x quit
color cursor white red bold
EOF
ui_run 120x12 lake <<EOF
:cd sales.orders
4
:save-display $S/config
x
:save-display $S/not-reached
EOF
screen_has "set human-sizes off from the config" "$S/config" "3659434"
check "bind x quit from the config" test ! -e "$S/not-reached"
printf 'set human-sizes on\nfrobnicate\n' >"$XDG_CONFIG_HOME/paimon-lens/config"
ui_run 120x12 lake <<EOF
:save-display $S/config-bad
EOF
screen_has "bad config line reported" "$S/config-bad" "config:2: expected set, bind, color or theme"
rm -f "$XDG_CONFIG_HOME/paimon-lens/config"

# :export writes the governance record of exactly the rows on screen.
PAIMON_LENS_EVENT_TIME_MS=1767225600000 ui_run 120x12 lake <<EOF
:cd sales.orders
6
:filter APPEND
:sort total_record_count desc
:export $TMP/view.json
:save-display $S/export
1
:export $TMP/overview.json
:cd /
:export $TMP/catalog.ndjson
EOF
screen_has ":export reports the file" "$S/export" "exported the view to $TMP/view.json"
view_facts=$(python3 -c 'import json,sys
ev=json.load(open(sys.argv[1]))
v=ev["dataset"]["facets"]["paimonLens_view"]
rows=v["rows"]
print(v["view"], len(rows), rows[0]["total_record_count"] >= rows[-1]["total_record_count"],
      all(r["commit_kind"]=="APPEND" for r in rows))' "$TMP/view.json" 2>&1)
check_eq "paimonLens_view has the filtered, sorted rows" "snapshots 67 True True" "$view_facts"
check_eq "catalog export is one event per table" 6 "$(grep -c . "$TMP/catalog.ndjson" 2>/dev/null)"
if have_validator; then
	for f in view.json overview.json catalog.ndjson; do
		check "$f validates" "$VALIDATE" --facets "$FACETS" "$TMP/$f"
	done
else
	skip "exports validate" "ol-validate or python3-jsonschema missing"
fi
check "no secret in the exports" sh -c "! grep -qi 'secret\|password' '$TMP/view.json'"

# A folder in a database that is no table (no schema file): listed with the
# tables, with the reason; opening it says why; the catalog export skips it.
cp -R "$TMP/lake" "$TMP/flake"
mkdir -p "$TMP/flake/sales.db/external/f1=10/bucket-0"
PAIMON_LENS_EVENT_TIME_MS=1767225600000 ui_run 200x20 flake <<EOF
:save-display $S/foreign-catalog
:cd sales.external
:save-display $S/foreign-open
:cd /
:export $TMP/fcatalog.ndjson
:save-display $S/foreign-export
EOF
screen_has "foreign folder listed in the catalog" "$S/foreign-catalog" "  external"
screen_has "marked as no table" "$S/foreign-catalog" "  external         not a table"
screen_has "opening it says why" "$S/foreign-open" \
	"flake/sales.db/external: not a Paimon table: no schema/schema-N file"
screen_has "catalog export goes on" "$S/foreign-export" "exported"
check_eq "catalog export leaves the folder out" 6 "$(grep -c . "$TMP/fcatalog.ndjson" 2>/dev/null)"

# :watch follows new snapshots: a FIFO feeds the script while the test
# commits a new snapshot (a copy of the latest with the next id).
cp -R "$TMP/lake" "$TMP/wlake"
snapdir=$TMP/wlake/ops.db/metrics/snapshot
mkfifo "$TMP/fifo"
(cd "$TMP" && PAIMON_LENS_SCRIPT="$TMP/fifo" PAIMON_LENS_SIZE=120x30 timeout 30 "$PL" wlake \
	>"$TMP/watch.out" 2>&1) &
pid=$!
{
	echo ":cd ops.metrics"
	echo "6"
	echo ":watch 1"
	echo ":save-display $S/watch1"
	sleep 1.2
	sed 's/"id" *: *30,/"id" : 31,/' "$snapdir/snapshot-30" >"$snapdir/snapshot-31"
	echo 31 >"$snapdir/LATEST"
	sleep 0.3
	echo "G"
	echo ":save-display $S/watch2"
	echo ":watch off"
	echo ":save-display $S/watch3"
} >"$TMP/fifo"
wait $pid
screen_has ":watch polls LATEST" "$S/watch1" "watch: latest snapshot 30, nothing new"
screen_has "new snapshot announced" "$S/watch2" "watch: 1 new snapshot, latest 31"
screen_has "new snapshot listed" "$S/watch2" "          31"
screen_has "watch in the status line" "$S/watch2" "watch 1s"
screen_has ":watch off" "$S/watch3" "watch off"
# The man page documents every key action and every command.
MAN=$top_srcdir/doc/paimon-lens.1
for act in $(sed -n 's/^	\[ACT_[A-Z_]*\] = { "\([a-z-]*\)".*/\1/p' "$top_srcdir/src/ui/keys.c"); do
	[ "$act" = none ] && continue
	check "man page documents action $act" grep -q -- "$act" "$MAN"
done
for cmd in $(sed -n '/^const char \*const command_names/,/};/p' "$top_srcdir/src/ui/commands.c" |
	     grep -o '"[a-z-]*"' | tr -d '"'); do
	check "man page documents :$cmd" grep -q -- ":$cmd" "$MAN"
done
done_testing
