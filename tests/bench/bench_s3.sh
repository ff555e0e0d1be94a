#!/bin/sh
# Object storage: loading 2,000 snapshot files over S3 (Swift s3api on
# 127.0.0.1) with 1, 4, 16 and 64 parallel requests against a sequential
# loop of the same requests, directly and through a threaded proxy that adds
# 20 ms to every request (a round trip to a cloud region); then the requests
# a catalog walk of 1,000 tables makes. Skips (no RESULT lines, exit 0)
# when Swift is not installed. Prints RESULT lines for run-bench.sh.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
GEN=$top_builddir/paimon-lens-gen
BENCH=$top_builddir/tests/bench/bench_s3
LAKES=${BENCH_LAKES:-${TMPDIR:-/tmp}}
PARALLEL=${BENCH_S3_PARALLEL:-1 4 16 64}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pl-bench-s3-XXXXXX")
. "$top_srcdir/tests/s3/swift_env.sh"
if ! command -v swift-proxy-server >/dev/null 2>&1; then
	echo "# s3 benchmark skipped: Swift packages not installed (see ../shared/tools/swift-s3)"
	rm -rf "$TMP"
	exit 0
fi
if ! s3_start; then
	echo "# s3 benchmark skipped: Swift s3api did not start"
	exit 0
fi
trap 's3_stop; [ -n "${PROXY:-}" ] && kill "$PROXY" 2>/dev/null' EXIT

# The table: 2,000 snapshots; only what loading them reads is uploaded
# (schema and snapshot folders), the catalog: the schema folder of each of
# 1,000 tables.
key=$( { echo s3-2000; cksum < "$GEN"; } | cksum | cut -d' ' -f1)
snap=$LAKES/s3snap-$key
if [ ! -f "$snap/.done" ]; then
	rm -rf "$snap"
	"$GEN" --kind append --tables 1 --snapshots 2000 --files 1 --partitions 0 \
		--compact-every 0 --no-data --quiet "$snap" >&2 || exit 1
	touch "$snap/.done"
fi
cat=$LAKES/s3cat-$key
if [ ! -f "$cat/.done" ]; then
	rm -rf "$cat"
	"$GEN" --preset catalog1000 --no-data --quiet "$cat.full" >&2 || exit 1
	(cd "$cat.full" && find . -path '*/schema/*' -type f) | while read -r f; do
		mkdir -p "$cat/$(dirname "$f")" && cp "$cat.full/$f" "$cat/$f"
	done
	rm -rf "$cat.full"
	touch "$cat/.done"
fi
T=$(cd "$snap" && find . -mindepth 2 -maxdepth 2 -type d | head -1 | cut -c3-)
# Uploads go four at a time (Swift takes ~20 ms a PUT).
t0=$(date +%s)
python3 "$top_srcdir/tests/s3/s3_upload.py" "$S3_ENDPOINT" bench "$snap/$T/schema" "snap/$T/schema" \
	>"$TMP/upload.log" 2>&1 || { cat "$TMP/upload.log" >&2; exit 1; }
mkdir -p "$TMP/parts"
i=0
for f in "$snap/$T/snapshot"/*; do
	d=$TMP/parts/$((i % 8)); mkdir -p "$d"; ln -s "$f" "$d/"
	i=$((i + 1))
done
ls "$TMP/parts" | xargs -P 4 -I{} python3 "$top_srcdir/tests/s3/s3_upload.py" "$S3_ENDPOINT" \
	bench "$TMP/parts/{}" "snap/$T/snapshot" >>"$TMP/upload.log" 2>&1 || { cat "$TMP/upload.log" >&2; exit 1; }
ls "$cat" | grep '\.db$' | xargs -P 4 -I{} python3 "$top_srcdir/tests/s3/s3_upload.py" \
	"$S3_ENDPOINT" bench "$cat/{}" "cat/{}" >>"$TMP/upload.log" 2>&1 || { cat "$TMP/upload.log" >&2; exit 1; }
echo "# uploaded to Swift in $(( $(date +%s) - t0 )) s"

# The delay proxy: one thread per connection, so delays overlap; it keeps
# connections alive, so neither the sequential loop nor the parallel path
# pays a connect per request (the client reuses its connections).
relay_start proxy delay 20
PROXY=$RELAY_PID
[ -n "$RELAY" ] || { echo "# the delay proxy did not start" >&2; exit 1; }
DELAYED=$RELAY

"$BENCH" --label s3 --endpoint "$S3_ENDPOINT" "s3://bench/snap/$T" $PARALLEL || exit 1
"$BENCH" --label s3d --endpoint "$DELAYED" "s3://bench/snap/$T" $PARALLEL || exit 1

# The catalog walk: requests counted at the proxy.
before=$(wc -l < "$TMP/proxy.port.requests")
"$BENCH" --endpoint "$DELAYED" --walk "s3://bench/cat" || exit 1
after=$(wc -l < "$TMP/proxy.port.requests")
echo "# catalog walk: $((after - before)) requests"
printf 'RESULT\ts3.catalog_requests\t%s\trequests\n' $((after - before))
