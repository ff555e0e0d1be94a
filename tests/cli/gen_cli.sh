#!/bin/sh
# paimon-lens-gen as a command: flags, determinism, placeholder data files,
# refusal to write into a non-empty folder.
. "$top_srcdir/tests/lib.sh"

if [ ! -x "$PL_GEN" ]; then
	skip "generator" "paimon-lens-gen not built"
	done_testing
	exit $?
fi

check "help lists the flags" sh -c "'$PL_GEN' --help | grep -q -- --manifest-codec"
if "$PL_GEN" --bogus "$TMP/x" >/dev/null 2>&1; then not_ok "unknown flag fails"; else ok "unknown flag fails"; fi
if "$PL_GEN" --snapshots -3 "$TMP/x" >/dev/null 2>&1; then not_ok "negative count fails"; else ok "negative count fails"; fi
if "$PL_GEN" --manifest-codec lz4 "$TMP/x" >/dev/null 2>&1; then not_ok "unknown codec fails"; else ok "unknown codec fails"; fi
if "$PL_GEN" --preset nope "$TMP/x" >/dev/null 2>&1; then not_ok "unknown preset fails"; else ok "unknown preset fails"; fi
check_eq "bad flags create nothing" "no" "$([ -e "$TMP/x" ] && echo yes || echo no)"

flags="--quiet --kind mixed --tables 2 --snapshots 9 --files 3 --partitions 2 --compact-every 2 --tags 1 --branch dev"
check "first run" "$PL_GEN" $flags --report "$TMP/a.json" "$TMP/a"
check "second run, same seed" "$PL_GEN" $flags --report "$TMP/b.json" "$TMP/b"
check "same seed, same bytes" diff -r "$TMP/a" "$TMP/b"
check "same report" cmp "$TMP/a.json" "$TMP/b.json"
check "other seed differs" sh -c "'$PL_GEN' $flags --seed 7 '$TMP/c' && ! diff -r -q '$TMP/a' '$TMP/c' >/dev/null"
if "$PL_GEN" --quiet "$TMP/a" >/dev/null 2>&1; then not_ok "non-empty folder refused"; else ok "non-empty folder refused"; fi

# layout
t="$TMP/a/db0.db/orders_0"
check "schema-0" test -f "$t/schema/schema-0"
check "hints" test -f "$t/snapshot/LATEST" -a -f "$t/snapshot/EARLIEST"
check "branch dev" test -d "$t/branch/branch-dev/snapshot"
check "tag" test -f "$t/tag/tag-v1.0"
check "deletion vector index files" sh -c "ls '$t/index' | grep -q '^index-'"
check_eq "hint has no newline" "$(cat "$t/snapshot/LATEST")" "$(tr -d '\n' <"$t/snapshot/LATEST")"
check "snapshot keys of a 1.3 writer" grep -q '"nextRowId" : 0' "$t/snapshot/snapshot-1"
check "Avro manifests" sh -c "head -c 4 \"\$(ls -d '$t'/manifest/manifest-list-* | head -1)\" | grep -q Obj"
check "exact int64 watermark" grep -q '"watermark" : -9223372036854775808' "$t/snapshot/snapshot-1"

# every data file the manifests name exists with the recorded size: the
# report counts them; sizes are checked by the round-trip unit test
n=$(find "$TMP/a" -name 'data-*' -type f | wc -l | tr -d ' ')
want=$(grep '"dataFilesOnDisk"' "$TMP/a.json" | sed 's/[^0-9]//g' | awk '{s+=$1} END {print s}')
check_eq "data files on disk" "$want" "$n"
check "--no-data writes none" sh -c "'$PL_GEN' $flags --no-data '$TMP/d' && [ -z \"\$(find '$TMP/d' -name 'data-*')\" ]"

done_testing
