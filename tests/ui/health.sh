#!/bin/sh
# The Health view on a generated lake with planted problems (an old
# orphan, small files, a tag pinning an expired snapshot): the same
# findings as `show DB.TABLE health`, in the same order, most severe
# first; reached with H, :view health and Tab; whole hints on a wide screen.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/uilib.sh"

if [ ! -x "$PL_GEN" ]; then
	skip "health view" "paimon-lens-gen not built"
	done_testing
	exit 0
fi
L=$TMP/hl
check "generate" "$PL_GEN" --quiet --kind pk --tables 1 --snapshots 12 --files 5 \
	--partitions 3 --buckets 2 --compact-every 2 --expire-keep 8 --tags 2 --branch dev "$L"
b=$(ls -d "$L"/db0.db/orders_0/dt=*/region=*/bucket-0 | head -1)
printf 'xxxxxxxxxx' > "$b/data-orphan-1.parquet"
touch -d '3 days ago' "$b/data-orphan-1.parquet"
S=$TMP/screens
mkdir -p "$S"

ui_run 200x24 hl <<EOF
:cd db0.orders_0
H
:save-display $S/health
:view overview
:view health
:save-display $S/health-view
0 <Tab>
:save-display $S/health-tab
EOF
check_eq "script run prints nothing" "" "$(cat "$TMP/run.out")"
screen_line "H opens the Health view" "$S/health" 1 \
	"$(printf ' paimon-lens › hl › db0 › orders_0 › Health%*s[latest @main] ?:help  ::cmd  q:quit' 120 '')"
screen_has ":view health" "$S/health-view" "› orders_0 › Health "
screen_has "the tab names its key" "$S/health" "  0 Branches  H Health  Consumers "
screen_has "Health follows Branches in the tabs" "$S/health-tab" "› orders_0 › Health "

# The CLI's findings, check and severity, in its order.
"$PL" show "$L" db0.orders_0 health --json | python3 -c '
import json,sys
for r in json.load(sys.stdin): print(r["check"], r["severity"])' > "$TMP/cli"
sed -n '4,$p' "$S/health" | awk 'NF >= 3 && $2 ~ /^(info|warning|critical)$/ {print $1, $2}' \
	> "$TMP/ui"
check "the CLI reports findings" test -s "$TMP/cli"
check_eq "the view shows the CLI's findings in order" "$(cat "$TMP/cli")" "$(cat "$TMP/ui")"
screen_has "the orphan is a warning" "$S/health" "orphan_files        warning         1"
screen_has "a whole hint on a wide screen" "$S/health" \
	"referenced by no snapshot, tag, branch or changelog: remove_orphan_files would delete them"
screen_has "the tag pinning an expired snapshot" "$S/health" "pinned_by_tag       warning         4"
done_testing
