#!/bin/sh
# Replays every fuzz target over its hand-made seeds and a sample of the
# fixtures with the normally built harness (tests/fuzz/fuzz_standalone), so
# the targets compile and run in `make check` without libFuzzer.
. "$top_srcdir/tests/lib.sh"
bin=$top_builddir/tests/fuzz/fuzz_standalone
for t in avro orc manifest binrow types json schema snapshot dv xml; do
	dir=$TMP/corpus-$t
	PL_SEED_MAX=40 PL_FIXTURES=$PL_FIXTURES sh "$top_srcdir/tests/fuzz/seed.sh" "$t" "$top_srcdir" "$dir"
	# A sample keeps make check fast: the seeds plus every 3rd of 40 fixtures.
	set -- $(ls "$dir" | awk '!/^fixture-/ || NR % 3 == 0' | sed "s|^|$dir/|")
	if [ $# -eq 0 ]; then
		skip "$t replay" "no seeds"
		continue
	fi
	if ${PL_TEST_WRAPPER:-} "$bin" "$t" "$@" >"$TMP/out" 2>&1 && ! grep -q '^not ok' "$TMP/out"
	then
		ok "$t: harness survives $# seeds"
	else
		not_ok "$t: harness over seeds"
		tail -20 "$TMP/out" | sed 's/^/# /'
	fi
done
done_testing
