#!/bin/sh
# Browser: time from start to the first screen on the demo lake, in the
# UI's script mode (PAIMON_LENS_SCRIPT: the screen drawn off-terminal,
# :save-display dumps it, then q quits). The best of 5 runs, process start
# and exit included, so this is an upper bound of the first screen.
top_builddir=${top_builddir:-.}
PL=$top_builddir/paimon-lens
GEN=$top_builddir/paimon-lens-gen
LAKES=${BENCH_LAKES:-${TMPDIR:-/tmp}}
lake=$LAKES/demo-$( { echo demo42; cksum < "$GEN"; } | cksum | cut -d' ' -f1)
if [ ! -f "$lake/.done" ]; then
	rm -rf "$lake" "$lake.tmp"
	"$GEN" --preset demo --seed 42 --quiet "$lake.tmp" >&2 || exit 1
	mv "$lake.tmp" "$lake" && touch "$lake/.done"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pl-bench-ui-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf ':save-display %s/screen.txt\nq\n' "$tmp" > "$tmp/script"
best=
i=0
while [ $i -lt 5 ]; do
	t0=$(date +%s%N)
	PAIMON_LENS_SCRIPT=$tmp/script "$PL" "$lake" > "$tmp/out" 2>&1 </dev/null
	rc=$?
	t1=$(date +%s%N)
	if [ $rc -ne 0 ] || [ ! -s "$tmp/screen.txt" ]; then
		echo "# the browser did not draw a screen (rc $rc):"
		sed 's/^/#   /' "$tmp/out" | head -5
		exit 1
	fi
	d=$(( (t1 - t0) / 1000 ))
	if [ -z "$best" ] || [ $d -lt $best ]; then best=$d; fi
	i=$((i + 1))
done
echo "# first screen of $lake: $(head -1 "$tmp/screen.txt" | cut -c1-60)"
printf 'RESULT\tui.first_screen\t%s\ts\n' "$(awk -v us="$best" 'BEGIN { printf "%.6f", us / 1e6 }')"
