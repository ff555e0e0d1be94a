#!/bin/sh
# seed.sh TARGET TOP_SRCDIR CORPUS_DIR: fills a fuzz corpus with the
# hand-made seeds of TARGET and matching files from the shared fixtures
# ($PL_FIXTURES or TOP_SRCDIR/../shared/fixtures/paimon-cpp). Fixtures are
# copied into the build directory at run time, never into the repository.
t=$1 top=$2 out=$3
fixtures=${PL_FIXTURES:-$top/../shared/fixtures/paimon-cpp}
mkdir -p "$out"
[ -d "$top/tests/fuzz/seeds/$t" ] && cp "$top/tests/fuzz/seeds/$t"/* "$out"/ 2>/dev/null
[ -d "$fixtures" ] || exit 0

# Manifest-type files (by name) whose first bytes are $1 (a printf format),
# at most $2 bytes big; $PL_SEED_MAX caps how many (replay.sh samples).
by_magic() {
	magic=$(printf "$1")
	n=$(printf "$1" | wc -c)
	find "$fixtures" -type f -size -"$2"c \( -name 'manifest*' -o -name 'index-manifest*' \
		-o -name '*.orc' -o -name '*.avro' -o -path '*avro-samples*' \) | sort |
	while read -r f; do
		[ "$(head -c "$n" "$f")" = "$magic" ] && echo "$f"
	done | head -n "${PL_SEED_MAX:-100000}"
}
# Copies the files named on stdin, named by a hash so reruns do not duplicate.
take() {
	while read -r f; do
		cp "$f" "$out/fixture-$(printf %s "$f" | cksum | cut -d' ' -f1)"
	done
}

case $t in
avro) by_magic 'Obj\001' 200000 | take ;;
orc) by_magic 'ORC' 300000 | take ;;
manifest) { by_magic 'Obj\001' 200000; by_magic 'ORC' 300000; } |
	grep -E '/manifest|avro-samples' | take ;;
json) find "$fixtures" -type f \( -name 'schema-*' -o -name 'snapshot-*' -o -name 'tag-*' \) |
	sort | head -n "${PL_SEED_MAX:-120}" | take ;;
schema) find "$fixtures" -type f -name 'schema-*' | sort | head -n "${PL_SEED_MAX:-100000}" | take ;;
snapshot) find "$fixtures" -type f \( -name 'snapshot-*' -o -name 'tag-*' \) | sort |
	head -n "${PL_SEED_MAX:-100000}" | take ;;
types)
	# Every distinct type string of the fixture schemas, one per seed.
	find "$fixtures" -type f -name 'schema-*' -exec cat {} + |
		grep -o '"type" *: *"[^"]*"' | sed 's/^"type" *: *"//; s/"$//' | sort -u |
		while read -r ty; do
			printf %s "$ty" >"$out/fixture-$(printf %s "$ty" | cksum | cut -d' ' -f1)"
		done ;;
dv)
	# Index files that start with the DV version byte; mode byte 0 in front.
	find "$fixtures" -type f -path '*/index/*' -size -100000c | sort | while read -r f; do
		[ "$(head -c1 "$f" | od -An -tx1 | tr -d ' ')" = 01 ] || continue
		s="$out/fixture-$(printf %s "$f" | cksum | cut -d' ' -f1)"
		{ printf '\000'; cat "$f"; } >"$s"
		{ printf '\001'; tail -c +2 "$f"; } >"$s-vector"
	done ;;
esac
exit 0
