#!/bin/sh
# The browser in script mode on the demo lake: every view, navigation,
# time travel, branches, diffs, the chart, sort/search/filter, detail,
# help, ASCII. Screens are exact text dumps at a fixed size.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/uilib.sh"

if ! ui_lake; then
	skip "browser tests" "paimon-lens-gen cannot make the demo lake"
	done_testing
	exit 0
fi
S=$TMP/screens
mkdir -p "$S"

# Catalog, then Enter on a table (the first row is a database).
ui_run 80x24 lake <<EOF
:save-display $S/catalog
j <Enter>
:save-display $S/overview
EOF
check_eq "script run prints nothing" "" "$(cat "$TMP/run.out")"
screen_eq "catalog screen" "$S/catalog" "$UI_EXPECTED/catalog.screen"
screen_line "Enter opens the table" "$S/overview" 1 \
	" paimon-lens › lake › ops › events › Overview      [latest @main] ?:help q:quit"
screen_has "overview names the table" "$S/overview" "table                 ops.events"

# The catalog carries the time of each table's latest snapshot; the
# overview the small-file count (a quarter of target-file-size), the last
# data commit and DDL, and what pins old snapshots; options show defaults.
ui_run 200x50 lake <<EOF
:save-display $S/catalog-wide
:cd ops.metrics
:save-display $S/overview-metrics
:view options
:save-display $S/options-metrics
EOF
screen_has "catalog shows the last commit time" "$S/catalog-wide" "last_commit_time"
screen_has "catalog: orders committed last at snapshot 120's time" "$S/catalog-wide" \
	"2024-07-04 18:01:00.000"
screen_has "overview counts small files" "$S/overview-metrics" "small_file_count      48"
screen_has "overview has the shared threshold" "$S/overview-metrics" \
	"small_file_threshold  67108864"
screen_has "overview: last data commit" "$S/overview-metrics" "last_data_commit      2024-07-01 02:20:04.000"
screen_has "overview: last DDL" "$S/overview-metrics" "last_ddl_time         2024-06-30 23:00:00.000"
screen_has "overview: the consumer pinning snapshot 11" "$S/overview-metrics" \
	'[{"kind":"consumer","name":"nightly-report"'
screen_line "options: value and default side by side" "$S/options-metrics" 3 \
	"key                                        value                  default                source"
screen_has "options: unset options listed with their default" "$S/options-metrics" \
	"compaction.size-ratio                      1                      1                      default"

# Every table view by name, each with its own columns.
for v in overview:key schema:field_type schemas:fields partitions:last_update_time \
	 buckets:bucket snapshots:commit_kind files:file_path manifests:num_added_files \
	 tags:tag_name branches:branch_name consumers:consumer_id options:value \
	 statistics:colstat indexes:index_type; do
	view=${v%%:*} col=${v#*:}
	ui_run 200x20 lake <<EOF
:cd sales.orders
:view $view
:save-display $S/view-$view
EOF
	screen_has "view $view shows $col" "$S/view-$view" "$col"
done
screen_has "partitions draw size bars" "$S/view-partitions" "██████████"
screen_has "tags list the tags" "$S/view-tags" "release-q3"

# Tab, Shift-Tab and number keys.
ui_run 100x20 lake <<EOF
:cd sales.orders
<Tab>
:save-display $S/tab
<S-Tab> <S-Tab>
:save-display $S/stab
6
:save-display $S/six
EOF
screen_has "Tab goes to Schema" "$S/tab" "› orders › Schema "
screen_has "Shift-Tab wraps to Indexes" "$S/stab" "› orders › Indexes "
screen_has "6 is Snapshots" "$S/six" "› orders › Snapshots "

# Time travel: Enter on a snapshot, :snapshot, :tag; L returns.
ui_run 100x30 lake <<EOF
:cd sales.orders
6
<Enter>
:save-display $S/travel-enter
1
:save-display $S/travel-overview
:snapshot 60
:save-display $S/travel-60
:tag release-q3
:save-display $S/travel-tag
L
:save-display $S/travel-latest
EOF
screen_has "Enter on a snapshot travels" "$S/travel-enter" "[snapshot 31 @main]"
screen_has "the overview follows" "$S/travel-overview" "snapshot_id           31"
screen_has ":snapshot travels" "$S/travel-60" "[snapshot 60 @main]"
screen_has ":tag travels" "$S/travel-tag" "[tag release-q3 @main]"
screen_has "L is back to the latest" "$S/travel-latest" "[latest @main]"

# Branch switch: every view follows.
ui_run 100x30 lake <<EOF
:cd sales.orders
:view branches
<Enter>
:save-display $S/branch
6
G
:save-display $S/branch-snapshots
:branch main
:save-display $S/branch-main
EOF
screen_has "Enter on a branch switches" "$S/branch" "[latest @dev]"
screen_has "snapshots of the branch" "$S/branch-snapshots" " 9/9"
screen_has ":branch main switches back" "$S/branch-main" "[latest @main]"

# Schema diff (d on two versions, and :diff) and snapshot diff.
ui_run 160x20 lake <<EOF
:cd sales.orders
:diff schema 0 4
:save-display $S/schema-diff
h
3
d j d
:save-display $S/schema-diff-keys
:diff snapshot 60 90
:save-display $S/snapshot-diff
EOF
screen_eq "schema diff screen" "$S/schema-diff" "$UI_EXPECTED/schema-diff.screen"
screen_has "d d diffs two schemas" "$S/schema-diff-keys" "schema 0 -> 1: 1 change"
screen_has "snapshot diff totals" "$S/snapshot-diff" \
	"snapshot 60 -> 90: +45 files (313829 rows, 14785783 bytes)  -6 files (88909 rows, 4183680 bytes)  partitions +3 -0"

# The chart: record count above, file count below, the title a legend.
ui_run 80x24 lake <<EOF
:cd ops.metrics
6
c
:save-display $S/chart
EOF
screen_eq "snapshot chart screen" "$S/chart" "$UI_EXPECTED/chart.screen"

# Sort, search, filter (and inverse), on partitions.
ui_run 120x24 lake <<EOF
:cd sales.orders
4
:sort record_count desc
:save-display $S/sorted
r
:save-display $S/reversed
/ eu-west <Enter>
n
:save-display $S/search
\\ us-east
:save-display $S/filter
<Enter>
\\ <BS> <BS> <BS> <BS> <BS> <BS> <BS> ! us-east <Enter>
:save-display $S/filter-not
<Esc>
:save-display $S/filter-cleared
EOF
screen_line "sort desc puts the largest first" "$S/sorted" 4 \
	"dt=2024-07-01/region=ap-south          77753  ██████████             3.5 MiB            6  2024-07-02 21:00:29.271"
screen_has "sort shows in the status" "$S/sorted" "sort record_count desc"
screen_line "r reverses" "$S/reversed" 4 \
	"dt=2024-07-04/region=eu-west           54936  ███████                2.5 MiB            2  2024-07-04 18:00:59.698"
screen_has "search and n move to the second match" "$S/search" " 4/12"
screen_has "filter as you type" "$S/filter" " 1/4 of 12"
screen_has "inverse filter" "$S/filter-not" " 1/8 of 12  sort record_count  filter !'us-east'"
screen_has "Esc clears the filter" "$S/filter-cleared" "filter cleared"

# File detail: per-column statistics.
ui_run 120x60 lake <<EOF
:cd sales.orders
7
<Enter>
:save-display $S/file
EOF
screen_has "file detail lists column stats" "$S/file" "column order_id          nulls 0  min 1  max 797871"

# Help is generated from the key table.
ui_run 100x60 lake <<EOF
?
:save-display $S/help
EOF
screen_has "help lists keys" "$S/help" "sort-reverse  reverse the sort order"
screen_has "help lists commands" "$S/help" ":diff schema|snapshot A B"

# ASCII fallback, and a screen too small to use.
PAIMON_LENS_ASCII=1 ui_run 100x20 lake <<EOF
:cd sales.orders
4
:save-display $S/ascii
EOF
screen_has "ASCII breadcrumb" "$S/ascii" " paimon-lens > lake > sales > orders > Partitions"
screen_has "ASCII size bars" "$S/ascii" "##########"
ui_run 20x5 lake <<EOF
:cd sales.orders
:save-display $S/tiny
EOF
screen_has "tiny screen does not crash" "$S/tiny" "window too small"

# Real fixture tables written by Java Paimon.
if [ -n "$PL_FIXTURES" ]; then
	F=$PL_FIXTURES/orc
	ui_run 100x24 "$F" <<EOF
:cd append_table_with_append_pt_branch.append_table_with_append_pt_branch
:view branches
:save-display $S/fx-branches
<Enter>
6
:save-display $S/fx-branch-snapshots
:cd append_table_with_alter_table.append_table_with_alter_table
3
:save-display $S/fx-schemas
:diff schema 0 1
:save-display $S/fx-diff
EOF
	screen_has "fixture: branch listed" "$S/fx-branches" "test"
	screen_has "fixture: branch switch" "$S/fx-branch-snapshots" "[latest @test]"
	screen_has "fixture: schema versions" "$S/fx-schemas" "schema_id"
	screen_has "fixture: schema diff" "$S/fx-diff" "schema 0 -> 1"
	for t in append_09 append_complex_data; do
		ui_run 120x24 "$F" <<EOF
:cd $t.$t
:save-display $S/fx-$t-overview
7
:save-display $S/fx-$t-files
EOF
		screen_has "fixture $t: overview" "$S/fx-$t-overview" "$t.$t"
		screen_has "fixture $t: files" "$S/fx-$t-files" "file_path"
	done
else
	skip "fixture tables" "no fixtures"
fi
done_testing
