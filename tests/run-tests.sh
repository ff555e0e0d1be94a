#!/bin/sh
# Runs every test program and shell test given as arguments. Each prints TAP
# ("ok N - name", "not ok N - name", "# SKIP reason"); a program that dies
# without reporting counts as one failure. Ends with "N passed, N failed".
# PL_TEST_WRAPPER (e.g. "valgrind --error-exitcode=99 ...") wraps C programs;
# PL_TEST_ONLY_PROGRAMS=1 runs the C programs alone.
passed=0 failed=0 skipped=0
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
export top_srcdir top_builddir
log_dir=${top_builddir}/tests/logs
mkdir -p "$log_dir"

for t in "$@"; do
	name=$(basename "$t")
	log=$log_dir/$name.log
	start=$(date +%s)
	case $t in
	*.sh) [ -n "${PL_TEST_ONLY_PROGRAMS:-}" ] && continue
		sh "$t" >"$log" 2>&1; rc=$? ;;
	*) ${PL_TEST_WRAPPER:-} "./$t" >"$log" 2>&1; rc=$? ;;
	esac
	secs=$(($(date +%s) - start))
	p=$(grep -c '^ok ' "$log" | tr -d ' ')
	s=$(grep -c '^ok .*# SKIP' "$log" | tr -d ' ')
	f=$(grep -c '^not ok ' "$log" | tr -d ' ')
	p=$((p - s))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	if [ "$f" -gt 0 ]; then
		echo "FAIL: $name ($p passed, $f failed, $s skipped, ${secs}s)"
		grep -E '^(not ok|# )' "$log" | head -40 | sed 's/^/    /'
		tail -5 "$log" | sed 's/^/    | /'
	else
		echo "PASS: $name ($p passed, $s skipped, ${secs}s)"
	fi
	grep '# SKIP' "$log" | head -3 | sed 's/^/    /'
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
