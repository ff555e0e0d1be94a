#!/bin/sh
# The performance suite behind `make bench`: generates (or reuses) the
# benchmark lakes, runs each benchmark, prints one table of
#   figure | value | floor or peer | ratio | target | verdict
# and writes the same as JSON. Never part of `make check`.
#
#   run-bench.sh [--quick] [--repeat N] [--json FILE] [--lakes DIR]
#   run-bench.sh --table RAW.tsv      (the table again from a run's raw file)
#
# --quick uses a 100,000-file lake instead of the million (for trying the
# suite out; the targets are stated for the full size). Lakes are cached
# under DIR keyed by the generator flags and binary, so only the first run
# pays for generating them.
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
B=$top_builddir/tests/bench
GEN=$top_builddir/paimon-lens-gen
quick=0 repeat=3 table_only=
json=$top_builddir/bench-results.json
lakes=$top_builddir/bench-lakes
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--repeat) repeat=$2; shift ;;
	--json) json=$2; shift ;;
	--lakes) lakes=$2; shift ;;
	--table) table_only=$2; shift ;;
	*) echo "usage: run-bench.sh [--quick] [--repeat N] [--json FILE] [--lakes DIR]" >&2
	   exit 2 ;;
	esac
	shift
done
mkdir -p "$lakes" || exit 1
results=$(mktemp "${TMPDIR:-/tmp}/pl-bench-XXXXXX")
trap 'rm -f "$results" "$results".*' EXIT

# lake NAME FLAGS...: prints the path of a lake generated with FLAGS,
# generating it unless a finished one with the same key exists.
lake() {
	name=$1; shift
	key=$( { echo "$*"; cksum < "$GEN"; } | cksum | cut -d' ' -f1)
	dir=$lakes/$name-$key
	if [ ! -f "$dir/.done" ]; then
		rm -rf "$dir" "$dir.tmp"
		echo "# generating $name lake: paimon-lens-gen $*" >&2
		t0=$(date +%s)
		"$GEN" "$@" --quiet "$dir.tmp" >&2 || { rm -rf "$dir.tmp"; return 1; }
		mv "$dir.tmp" "$dir" && touch "$dir/.done"
		echo "# generated in $(( $(date +%s) - t0 )) s" >&2
	fi
	echo "$dir"
}

# run NAME PROGRAM ARGS...: RESULT lines go to the results file, notes
# to the terminal.
run() {
	name=$1; shift
	echo "# running $name" >&2
	if "$@" > "$results.out" 2> "$results.err"; then
		grep '^RESULT' "$results.out" >> "$results"
		grep '^#' "$results.out" >&2
	else
		echo "# $name FAILED:" >&2
		sed 's/^/#   /' "$results.err" "$results.out" | tail -20 >&2
		printf 'RESULT\t%s.failed\t1\t-\n' "$name" >> "$results"
	fi
}

if [ -n "$table_only" ]; then
	cp "$table_only" "$results" || exit 1
else
if [ $quick = 1 ]; then
	fileset_flags="--kind append --tables 1 --partitions 100 --snapshots 10 --files 10000 --compact-every 0 --no-data"
else
	fileset_flags="--preset million --no-data"
fi
if L=$(lake fileset $fileset_flags); then
	run fileset "$B/bench_fileset" --repeat "$repeat" "$L/bench.db/events"
	[ -d "$L/bench.db/events" ] || run fileset "$B/bench_fileset" --repeat "$repeat" \
		"$(find "$L" -mindepth 2 -maxdepth 2 -type d | head -1)"
	# the browser kept answering keys while this table's files load
	if command -v python3 >/dev/null && [ -d "$L/bench.db/events" ]; then
		run ui_keys python3 "$top_srcdir/tests/bench/bench_keys.py" \
			"$top_builddir/paimon-lens" "$L" bench.events
	fi
fi
# The same table with ORC manifests ('manifest.format' = 'orc'), against
# the decompression floor of its ORC chunks.
if L=$(lake fileset-orc $fileset_flags --manifest-format orc); then
	T="$L/bench.db/events"
	[ -d "$T" ] || T=$(find "$L" -mindepth 2 -maxdepth 2 -type d | head -1)
	run fileset_orc "$B/bench_fileset" --repeat "$repeat" --prefix orc "$T"
fi
if L=$(lake snapshots --kind append --tables 1 --snapshots 10000 --files 1 --partitions 0 \
	--compact-every 0 --no-data); then
	run snapshots "$B/bench_snapshots" --repeat "$repeat" \
		"$(find "$L" -mindepth 2 -maxdepth 2 -type d | head -1)"
fi
if L=$(lake catalog --preset catalog1000 --no-data); then
	run catalog "$B/bench_catalog" --repeat "$repeat" "$L"
	# governance exports stream: memory must not grow with the tables
	if command -v python3 >/dev/null; then
		run collect python3 "$top_srcdir/tests/bench/bench_collect.py" \
			"$top_builddir/paimon-lens" "$L"
	fi
fi
# The browser and object storage have drivers of their own, printing the
# same RESULT lines (bench_s3.sh prints none when Swift is not installed).
for s in bench_ui.sh bench_s3.sh; do
	[ -s "$top_srcdir/tests/bench/$s" ] || continue
	run "${s%.sh}" env top_srcdir="$top_srcdir" top_builddir="$top_builddir" \
		BENCH_LAKES="$lakes" sh "$top_srcdir/tests/bench/$s"
done
# The raw RESULT lines are kept beside the JSON.
cp "$results" "${json%.json}.tsv"
fi

# figure VALUE_KEY FLOOR_KEY RATIO_KEY TARGET(ratio or value bound) DESCRIPTION
# The table: each figure beside its floor, their ratio, the target.
awk -F'\t' -v json="$json" -v quick="$quick" '
function num(k) { return (k in v) ? v[k] : "" }
function fmt(x, u) {
	if (x == "") return "-"
	if (u == "s") return (x < 1 ? sprintf("%.1f ms", x * 1000) : sprintf("%.2f s", x))
	if (u == "bytes") return (x >= 1048576 ? sprintf("%.1f MiB", x / 1048576) : sprintf("%.0f B", x))
	if (u == "x") return sprintf("%.2fx", x)
	return sprintf("%.0f %s", x, u)
}
# row(label, value key, floor key, floor label, ratio key, limit, kind)
# kind "ratio": the ratio must be <= limit; "value": the value <= limit;
# "min": the ratio must be >= limit; "": no target (a reference figure).
function row(label, vk, fk, flabel, rk, limit, kind,    val, fl, r, verdict, tgt) {
	if (!(vk in v)) return
	val = v[vk]; fl = num(fk); r = num(rk)
	if (r == "" && fl != "" && fl > 0 && kind != "value") r = val / fl
	verdict = "-"; tgt = "-"
	if (kind == "ratio") { tgt = "<= " limit "x"; verdict = (r != "" && r <= limit) ? "PASS" : "FAIL" }
	if (kind == "min") { tgt = ">= " limit "x"; verdict = (r != "" && r >= limit) ? "PASS" : "FAIL" }
	if (kind == "value") { tgt = "<= " fmt(limit, u[vk]); verdict = (val <= limit) ? "PASS" : "FAIL" }
	if (quick && verdict != "-") verdict = verdict "(quick)"
	printf "%-34s %12s  %-26s %9s  %-10s %s\n", label, fmt(val, u[vk]),
		(fk == "" ? "-" : flabel " " fmt(fl, u[fk])), (r == "" ? "-" : sprintf("%.2fx", r)), tgt, verdict
	nrows++
	J[nrows] = sprintf("{\"figure\":\"%s\",\"key\":\"%s\",\"value\":%s,\"unit\":\"%s\",\"floor_key\":\"%s\",\"floor\":%s,\"ratio\":%s,\"target\":\"%s\",\"verdict\":\"%s\"}",
		label, vk, val, u[vk], fk, (fl == "" ? "null" : fl), (r == "" ? "null" : r), tgt, verdict)
	if (verdict ~ /FAIL/) fails++
}
{ v[$2] = $3; u[$2] = $4; keys[++nk] = $2 }
END {
	printf "%-34s %12s  %-26s %9s  %-10s %s\n", "figure", "value", "floor / peer", "ratio", "target", "verdict"
	printf "%s\n", "------------------------------------------------------------------------------------------------------------"
	row("live files: files", "fileset.live_files", "", "", "", 0, "")
	row("live files: wall", "fileset.wall", "floor.zstd_wall", "zstd", "", 0, "")
	row("live files: wall, 2 threads", "fileset.wall_threads", "fileset.wall", "1 thread", "", 0, "")
	row("live files: CPU (1 thread)", "fileset.cpu", "floor.zstd_cpu", "zstd", "", 2.5, "ratio")
	row("live files: CPU vs bytes read", "fileset.cpu", "floor.read_cpu", "read", "", 0, "")
	row("live files: entries/s", "fileset.entries_per_s", "", "", "", 0, "")
	row("live files: peak RSS", "fileset.peak_rss", "", "", "", 0, "")
	row("live files: held per file", "fileset.bytes_per_file", "", "", "", 200, "value")
	row("ORC live files: files", "orc.live_files", "", "", "", 0, "")
	row("ORC live files: wall", "orc.wall", "orc.floor_wall", "zstd", "", 0, "")
	row("ORC live files: wall, 2 threads", "orc.wall_threads", "orc.wall", "1 thread", "", 0, "")
	row("ORC live files: CPU (1 thread)", "orc.cpu", "orc.floor_cpu", "zstd", "", 2.5, "ratio")
	row("ORC live files: CPU vs bytes read", "orc.cpu", "orc.floor_read_cpu", "read", "", 0, "")
	row("ORC held per file", "orc.bytes_per_file", "", "", "", 200, "value")
	row("snapshots: history", "snapshots.wall", "snapshots.floor_read", "read loop", "", 0, "")
	row("catalog: walk", "catalog.wall", "catalog.floor_list", "list loop", "", 0, "")
	# peak RSS over 1,000 tables against over 100: streaming keeps it flat
	row("collect: peak RSS, 1000 tables", "collect.peak_large", "collect.peak_small", "100 tables", "", 1.25, "ratio")
	row("export: peak RSS, 1000 tables", "export.peak_large", "export.peak_small", "100 tables", "", 1.25, "ratio")
	row("s3: snapshots, parallel", "s3.parallel", "s3.sequential", "sequential", "s3.speedup", 0, "")
	row("s3+20ms: snapshots, parallel", "s3d.parallel", "s3d.sequential", "sequential", "s3d.speedup", 8, "min")
	row("s3: snapshots, 1 parallel", "s3.p1", "s3.sequential", "sequential", "", 0, "")
	row("s3: snapshots, 4 parallel", "s3.p4", "s3.sequential", "sequential", "", 0, "")
	row("s3: snapshots, 16 parallel", "s3.p16", "s3.sequential", "sequential", "", 0, "")
	row("s3: snapshots, 64 parallel", "s3.p64", "s3.sequential", "sequential", "", 0, "")
	row("s3+20ms: snapshots, 1 parallel", "s3d.p1", "s3d.sequential", "sequential", "", 0, "")
	row("s3+20ms: snapshots, 4 parallel", "s3d.p4", "s3d.sequential", "sequential", "", 0, "")
	row("s3+20ms: snapshots, 16 parallel", "s3d.p16", "s3d.sequential", "sequential", "", 0, "")
	row("s3+20ms: snapshots, 64 parallel", "s3d.p64", "s3d.sequential", "sequential", "", 0, "")
	# requests per table: must stay well under one (delimiter listings)
	row("s3: catalog walk requests", "s3.catalog_requests", "s3.catalog_tables", "tables", "", 0.1, "ratio")
	row("ui: first screen", "ui.first_screen", "", "", "", 0.05, "value")
	row("ui: key while loading (worst)", "ui.key_latency", "", "", "", 0.05, "value")
	row("ui: key while loading (median)", "ui.key_latency_median", "", "", "", 0, "")
	# every other figure measured, for the JSON and the curious
	for (i = 1; i <= nk; i++) if (keys[i] ~ /failed$/) { printf "%-34s FAILED (see above)\n", keys[i]; fails++ }
	printf "{\"quick\":%s,\"rows\":[", (quick ? "true" : "false") > json
	for (i = 1; i <= nrows; i++) printf "%s%s", (i > 1 ? "," : ""), J[i] > json
	printf "],\"raw\":{" > json
	for (i = 1; i <= nk; i++) printf "%s\"%s\":{\"value\":%s,\"unit\":\"%s\"}", (i > 1 ? "," : ""), keys[i], v[keys[i]], u[keys[i]] > json
	printf "}}\n" > json
	printf "\n%d target(s) missed; results in %s\n", fails, json
	exit fails ? 1 : 0
}' "$results"
