#!/bin/sh
# The Schema view as a tree of nested fields (ROW, ARRAY, MAP) on a real
# fixture table: markers, expand and collapse keys, ids of ROW fields,
# paths, sort among siblings, filter into collapsed fields, ASCII markers,
# and the same tree on a schema version page.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/uilib.sh"

T=append_complex_build_in_fieldid
if [ -z "$PL_FIXTURES" ] || [ ! -d "$PL_FIXTURES/orc/$T.db/$T" ]; then
	skip "schema tree" "no fixtures"
	done_testing
	exit 0
fi
# Through a link, so the screens name the warehouse the same everywhere.
ln -s "$PL_FIXTURES/orc" "$TMP/orc"
S=$TMP/screens
mkdir -p "$S"

ui_run 100x18 orc <<EOF
:cd $T.$T
2
:save-display $S/collapsed
*
:save-display $S/expanded
-
:save-display $S/folded
j j <Right>
:save-display $S/right
<Right>
:save-display $S/into
h
:save-display $S/to-parent
h
:save-display $S/h-collapses
<Enter>
:save-display $S/enter-unfolds
<Enter>
g <Enter>
:save-display $S/enter-f1
h g h
:save-display $S/h-back
EOF
check_eq "script run prints nothing" "" "$(cat "$TMP/run.out")"
screen_has "nested fields carry a marker" "$S/collapsed" "  ▸ f3            ROW<\`f0\` BOOLEAN, \`f1\` BIGINT>"
screen_has "atomic fields have none" "$S/collapsed" "    f4            TIMESTAMP(9)"
screen_lacks "collapsed at first" "$S/collapsed" "f3.f0"
screen_has "status counts the nested fields" "$S/collapsed" " 1/6 of 11"
screen_eq "* expands everything" "$S/expanded" "$UI_EXPECTED/schema-tree.screen"
screen_lacks "- collapses everything" "$S/folded" "f1.key"
screen_has "Right expands a ROW: children with their ids" "$S/right" "        3      f3.f0       BOOLEAN"
screen_has "Right expands: open marker" "$S/right" "▾ f3"
screen_has "Right on an open row goes to its first child" "$S/into" " 4/8 of 11"
screen_has "h on a child goes to its parent" "$S/to-parent" " 3/8 of 11"
screen_lacks "h on an open row collapses it" "$S/h-collapses" "f3.f0"
screen_has "Enter unfolds" "$S/enter-unfolds" "f3.f1"
screen_has "MAP key and value, no id" "$S/enter-f1" "               f1.key      TINYINT"
screen_has "h on a top-level collapsed row goes back" "$S/h-back" "› catalog"

# Sort keeps children under their parent; a filter finds collapsed fields.
ui_run 100x18 orc <<EOF
:cd $T.$T
:view schema
*
:sort field_id desc
:save-display $S/sorted
-
:filter f3.f1
:save-display $S/filtered
EOF
check_eq "sort among siblings: f3, then its fields by id desc" "2 4 3" \
	"$(grep -A2 '▾ f3 ' "$S/sorted" | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//')"
screen_has "filter looks into collapsed rows" "$S/filtered" "f3.f1       BIGINT"
screen_has "filter shows one row" "$S/filtered" " 1/1 of 11"

# A reload (R, also :watch and time travel) keeps open fields and the cursor.
ui_run 100x18 orc <<EOF
:cd $T.$T
2
j j l j
R
:save-display $S/reloaded
EOF
screen_has "reload keeps f3 open" "$S/reloaded" "f3.f1       BIGINT"
screen_has "reload keeps the cursor" "$S/reloaded" " 4/8 of 11"

# ASCII markers; the schema version page is the same tree.
PAIMON_LENS_ASCII=1 ui_run 100x18 orc <<EOF
:cd $T.$T
3
<Enter>
:save-display $S/version
l
:save-display $S/version-open
EOF
screen_has "ASCII closed marker" "$S/version" "  + f1 "
screen_line "schema version page is a tree" "$S/version" 2 " schema 0"
screen_has "ASCII open marker" "$S/version-open" "  - f1 "
done_testing
