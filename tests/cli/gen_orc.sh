#!/bin/sh
# paimon-lens-gen --manifest-format orc: the same lake as with Avro
# manifests (same seed and flags), only the manifest container differs, so
# every view reads the same apart from the manifests' sizes.
. "$top_srcdir/tests/lib.sh"

if [ ! -x "$PL_GEN" ] || [ ! -x "$PL" ]; then
	skip "generator" "paimon-lens-gen or paimon-lens not built"
	done_testing
	exit $?
fi

check "help names --manifest-format" sh -c "'$PL_GEN' --help | grep -q -- --manifest-format"
if "$PL_GEN" --manifest-format parquet "$TMP/x" >/dev/null 2>&1; then
	not_ok "unknown manifest format fails"
else
	ok "unknown manifest format fails"
fi

flags="--quiet --kind mixed --tables 2 --snapshots 9 --files 3 --partitions 2 --compact-every 2 --no-data"
check "Avro lake" "$PL_GEN" $flags "$TMP/avro"
check "ORC lake" "$PL_GEN" $flags --manifest-format orc "$TMP/orc"
check "ORC lake is deterministic" sh -c "'$PL_GEN' $flags --manifest-format orc '$TMP/orc2' && diff -r '$TMP/orc' '$TMP/orc2'"

t=db0.db/orders_0
magic() { head -c 3 "$1"; }
check_eq "manifest list is ORC" "ORC" "$(magic "$(ls -d "$TMP/orc/$t"/manifest/manifest-list-* | head -1)")"
check_eq "manifest is ORC" "ORC" "$(magic "$(ls "$TMP/orc/$t"/manifest/manifest-* | grep -v list | head -1)")"
check_eq "index manifest is ORC" "ORC" "$(magic "$(ls -d "$TMP/orc/$t"/manifest/index-manifest-* | head -1)")"
check "table option manifest.format" grep -q '"manifest.format" : "orc"' "$TMP/orc/$t/schema/schema-0"

# show VIEW of both lakes; the manifests view differs in file sizes only
same_view() {
	table=$1 view=$2 drop='^$'
	[ "$view" = manifests ] && drop='"file_size"'
	"$PL" show --json "$TMP/avro" "$table" "$view" >"$TMP/a.json" 2>&1 &&
	"$PL" show --json "$TMP/orc" "$table" "$view" >"$TMP/o.json" 2>&1 || return 1
	sed -e "s#$TMP/avro##g" -e "/$drop/d" "$TMP/a.json" >"$TMP/a.norm"
	sed -e "s#$TMP/orc##g" -e "/$drop/d" "$TMP/o.json" >"$TMP/o.norm"
	[ -s "$TMP/a.norm" ] && diff "$TMP/a.norm" "$TMP/o.norm"
}
for table in db0.orders_0 db0.events_1; do
	for view in files manifests partitions buckets indexes snapshots; do
		check "$table $view: same as with Avro manifests" same_view "$table" "$view"
	done
done
# the ORC manifests really were read: sizes differ from Avro's
"$PL" show --json "$TMP/avro" db0.orders_0 manifests >"$TMP/a.json" 2>&1
"$PL" show --json "$TMP/orc" db0.orders_0 manifests >"$TMP/o.json" 2>&1
if cmp -s "$TMP/a.json" "$TMP/o.json"; then not_ok "manifest sizes differ"; else ok "manifest sizes differ"; fi

done_testing
