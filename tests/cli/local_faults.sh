#!/bin/sh
# Local I/O faults (issue 8), injected with the LD_PRELOAD shim
# tests/fault/libfault.c: EIO on a read, short reads, a file that vanished
# between listing and reading (ENOENT), EACCES. Each must give a clear
# message naming the file and the right exit status; short reads are legal
# and must change nothing; the browser (script mode) shows the error in its
# status line and the next command works.
. "$top_srcdir/tests/lib.sh"
FAULT_LIB=$top_builddir/tests/fault/libfault.so
export TZ=UTC LC_ALL=C.UTF-8 HOME="$TMP/home" XDG_STATE_HOME="$TMP/home/.state"
mkdir -p "$HOME"

if [ ! -f "$FAULT_LIB" ]; then
	skip "local faults" "tests/fault/libfault.so not built (make check builds it)"
	done_testing; exit 0
fi
# The shim is preloaded ahead of a sanitizer runtime in the ASan build.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
cd "$TMP" || exit 1
if ! "$PL_GEN" --databases 1 --tables 2 --kind mixed --snapshots 3 --quiet lake \
	>gen.out 2>&1; then
	not_ok "generate a lake"; sed 's/^/# /' gen.out; done_testing; exit
fi
T=db0.orders_0
TDIR=lake/db0.db/orders_0

# faulty MODE MATCH NTH ARGS...: paimon-lens under the shim; status in $rc,
# output in out, the injected faults in faults.
faulty() {
	_mode=$1 _match=$2 _nth=$3; shift 3
	rm -f faults
	env LD_PRELOAD="$FAULT_LIB" PL_FAULT_MODE="$_mode" PL_FAULT_MATCH="$_match" \
		PL_FAULT_NTH="$_nth" PL_FAULT_LOG="$TMP/faults" "$PL" "$@" >out 2>&1
	rc=$?
}
# expect NAME STATUS TEXT: the last faulty run exited STATUS, printed TEXT,
# and a fault was really injected.
expect() {
	if [ "$rc" = "$2" ] && grep -qF -- "$3" out && [ -s faults ]; then ok "$1"; else
		not_ok "$1 (exit $rc, expected $2; faults: $(wc -l <faults 2>/dev/null || echo 0))"
		echo "# wanted: $3"; sed 's/^/# /' out | head -5; fi
}

# Short reads: every read of the lake returns at most 7 bytes.
for view in files snapshots schema manifests; do
	"$PL" show lake "$T" "$view" >"base.$view" 2>&1
	faulty short db0.db/ 0 show lake "$T" "$view"
	if [ "$rc" = 0 ] && cmp -s "base.$view" out && [ -s faults ]; then
		ok "short reads: show $view is exact"
	else
		not_ok "short reads: show $view is exact (exit $rc)"; diff "base.$view" out | head -5 | sed 's/^/# /'
	fi
done

manifest=$(cd "$TDIR/manifest" && ls manifest-* | grep -v '^manifest-list' | head -1)
faulty eio "manifest/$manifest" 1 show lake "$T" files
expect "EIO on a manifest: I/O error naming the file" 5 "$TDIR/manifest/$manifest: Input/output error"
faulty eio "manifest/manifest-list" 1 show lake "$T" files
expect "EIO on a manifest list: names the list" 5 ": Input/output error"
check "... and says which snapshot read it" grep -q "snapshot [0-9]*: reading manifest list manifest-list-" out
faulty eio "$TDIR/schema/schema-0" 1 show lake "$T" schema
expect "EIO on the schema: I/O error naming the file" 5 "$TDIR/schema/schema-0: Input/output error"

# Listed, then gone: the file vanished between the listing and the read.
faulty enoent "manifest/$manifest" 1 show lake "$T" files
expect "vanished manifest: corrupt metadata naming the file" 4 \
	"$TDIR/manifest/$manifest: No such file or directory"
# A snapshot that vanished was expired meanwhile (as Paimon's readers
# assume): the others are listed.
faulty enoent "$TDIR/snapshot/snapshot-1" 1 show lake "$T" snapshots
check_eq "vanished snapshot: skipped as expired, the others listed" "0 2 3" \
	"$rc $(awk 'NR > 1 { printf "%s%s", sep, $1; sep = " " }' out)"
faulty enoent "$TDIR/schema/schema-0" 1 show lake "$T" schema
expect "vanished schema: not found naming the file" 3 "$TDIR/schema/schema-0: No such file or directory"

faulty eacces "manifest/manifest-list" 1 show lake "$T" files
expect "EACCES on a manifest list: I/O error naming the file" 5 \
	"$TDIR/manifest/manifest-list-"
check "... Permission denied" grep -q "manifest-list-[^ ]*: Permission denied" out
faulty eacces "$TDIR/schema/schema-0" 1 ls lake db0
expect "EACCES on a schema: ls lists the others, the table's row has the error" 4 \
	"$TDIR/schema/schema-0: Permission denied"
check "... and the other table is listed" grep -q "^events_1 .*NULL$" out

# The browser: the failed load's message is on the status line (with the
# file), the screen keeps working, and loading again succeeds (only the
# first read failed).
cat >script <<EOF
:cd $T
:view snapshots
:save-display $TMP/d-error
:view files
:save-display $TMP/d-next
:view snapshots
:save-display $TMP/d-again
EOF
for mode in eio eacces; do
	rm -f d-error d-next d-again faults
	PAIMON_LENS_SCRIPT=$TMP/script PAIMON_LENS_SIZE=160x12 LD_PRELOAD="$FAULT_LIB" \
		PL_FAULT_MODE="$mode" PL_FAULT_MATCH="$TDIR/snapshot/snapshot-1" PL_FAULT_NTH=1 \
		PL_FAULT_LOG="$TMP/faults" timeout 60 "$PL" lake >out 2>&1
	rc=$?
	check_eq "browser $mode: script ends normally" 0 "$rc"
	check "browser $mode: status line names the file" \
		grep -q "^ 1/[0-9]*  .*$TDIR/snapshot/snapshot-1: " d-error
	check "browser $mode: the next view loads" grep -q "record_count" d-next
	check "browser $mode: loading again succeeds" grep -q "^ *1 *0 " d-again
	check "browser $mode: the fault was injected" test -s faults
done

# The shim itself must be able to fail a read: a plain reader sees EIO.
printf 'data\n' >probe
if ! command -v python3 >/dev/null; then
	skip "the shim injects EIO" "python3 missing"
elif env LD_PRELOAD="$FAULT_LIB" PL_FAULT_MODE=eio PL_FAULT_MATCH=probe \
	python3 -c 'import os; os.read(os.open("probe", os.O_RDONLY), 10)' 2>/dev/null; then
	not_ok "the shim injects EIO"
else
	ok "the shim injects EIO"
fi
done_testing
