#!/bin/sh
# Read-only by construction (issue 8): every CLI command over a lake runs
# under strace, and no system call may open a lake file for writing, or
# create, rename, unlink, truncate, chmod or link anything inside the lake.
# Skips when strace is missing or cannot trace (containers without ptrace).
. "$top_srcdir/tests/lib.sh"

if ! command -v strace >/dev/null 2>&1; then
	skip "read-only lake" "strace missing (apt-get install strace)"
	done_testing; exit
fi
if ! strace -f -o /dev/null true >/dev/null 2>&1; then
	skip "read-only lake" "strace cannot trace here (ptrace not permitted)"
	done_testing; exit
fi
lake=$TMP/lake
if ! "$PL_GEN" --databases 1 --tables 2 --kind mixed --snapshots 3 --tags 1 --quiet "$lake" \
	>"$TMP/gen.out" 2>&1; then
	not_ok "generate a lake"; sed 's/^/# /' "$TMP/gen.out"; done_testing; exit
fi
before=$(cd "$lake" && find . -exec ls -ld --time-style=+%s.%N {} + | sort | cksum)
db=$(cd "$lake" && ls -d *.db | head -1); db=${db%.db}

# writes LOG: the offending calls that touch the lake, or nothing.
writes() {
	grep -E "$lake" "$1" |
		grep -E '(open|openat|openat2|creat)\(.*O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)|(rename|renameat2?|unlink|unlinkat|rmdir|mkdir|mkdirat|truncate|ftruncate|chmod|fchmodat|chown|fchownat|link|linkat|symlink|symlinkat|utimensat|setxattr)\(' |
		grep -v ' = -1 ' | head -5
}
# traced NAME ARGS...: the command under strace must not write the lake.
traced() {
	_name=$1; shift
	strace -f -qq -e trace=%file,%desc -o "$TMP/trace" "$PL" "$@" >"$TMP/out" 2>&1
	bad=$(writes "$TMP/trace")
	if [ -n "$bad" ]; then
		not_ok "$_name writes to the lake"; echo "$bad" | sed 's/^/# /'
	else
		ok "$_name does not write to the lake"
	fi
}
traced "ls warehouse" ls "$lake"
traced "ls database" ls "$lake" "$db"
for table in $(cd "$lake/$db.db" && ls); do
	for view in overview schema schemas snapshots partitions buckets files manifests tags \
		branches consumers options statistics indexes; do
		traced "show $table $view" show "$lake" "$db.$table" "$view"
	done
	traced "show $table --json" show "$lake" "$db.$table" files --json
	traced "show $table --snapshot 1" show "$lake" "$db.$table" files --snapshot 1
done
traced "show missing table" show "$lake" "$db.nope" overview
# The commands that write files of their own write them outside the lake.
t1=$(cd "$lake/$db.db" && ls | head -1)
traced "export table" export "$lake" "$db.$t1" -o "$TMP/export.json"
traced "export catalog" export "$lake" -o "$TMP/export.ndjson"
traced "collect with state" collect "$lake" --state "$TMP/collect.state"
traced "collect again (incremental)" collect "$lake" --state "$TMP/collect.state"
traced "collect datahub" collect "$lake" --format datahub
traced "test-connection" test-connection "$lake"
printf ':cd %s\n:view files\n:export %s\n:save-display %s\n:view snapshots\n' \
	"$db.$t1" "$TMP/browser.json" "$TMP/browser.screen" >"$TMP/script"
HOME=$TMP/home XDG_STATE_HOME=$TMP/home/state PAIMON_LENS_SCRIPT=$TMP/script \
	PAIMON_LENS_SIZE=120x30 traced "browser (script mode)" "$lake"
check "the browser ran its script" test -s "$TMP/browser.json"
after=$(cd "$lake" && find . -exec ls -ld --time-style=+%s.%N {} + | sort | cksum)
check_eq "lake unchanged (names, sizes, modes, mtimes)" "$before" "$after"
# The trace check itself must be able to fail: a known writer is caught.
strace -f -qq -e trace=%file,%desc -o "$TMP/trace" sh -c "echo x > '$lake/probe'; rm '$lake/probe'"
if [ -n "$(writes "$TMP/trace")" ]; then ok "the trace check catches a writer"; else
	not_ok "the trace check catches a writer"; fi
done_testing
