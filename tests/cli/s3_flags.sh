#!/bin/sh
# The object-store flags on the batch commands (ls, show, export), each
# shown to take effect against the real S3 server (Swift s3api):
# --endpoint, --region, --path-style, --profile, --access-mode,
# --signature, --max-parallel (peak concurrency seen by a relay),
# --no-cache (nothing written to the cache folder). --ca-file is
# s3_tls.sh's.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/s3/swift_env.sh"

if ! s3_start; then
	skip "s3 flags" "Swift s3api not available (see ../shared/tools/swift-s3)"
	done_testing
	exit 0
fi

LAKE=$TMP/lake
"$PL_GEN" --seed 7 --databases 1 --tables 1 --snapshots 12 --no-data --quiet "$LAKE" >/dev/null 2>&1
WH=flags-$$
check "upload" s3_upload lake "$LAKE" "$WH"
T=db0.$("$PL" ls "$LAKE" db0 | awk 'NR == 2 { print $1 }')
"$PL" show "$LAKE" "$T" snapshots >"$TMP/snap.local" 2>&1
"$PL" ls "$LAKE" >"$TMP/ls.local" 2>&1
URI=s3://lake/$WH
EP=$S3_ENDPOINT

same() { # NAME EXPECTED_FILE COMMAND...: the command's stdout equals the file
	_n=$1 _f=$2
	shift 2
	"$@" >"$TMP/same.out" 2>"$TMP/same.err"
	check_eq "$_n" "$(cat "$_f")" "$(cat "$TMP/same.out")"
	[ -s "$TMP/same.err" ] && sed 's/^/# /' "$TMP/same.err" | head -3
	return 0
}
status() { # NAME EXPECTED_STATUS COMMAND...
	_n=$1 _want=$2
	shift 2
	"$@" >"$TMP/status.out" 2>&1
	check_eq "$_n" "$_want" $?
}

# --endpoint, and --endpoint=VALUE
same "--endpoint: ls equals the local listing" "$TMP/ls.local" "$PL" ls "$URI" --endpoint "$EP"
same "--endpoint=URL form" "$TMP/ls.local" "$PL" ls "$URI" --endpoint="$EP"
status "no endpoint: the public default is not this server" 5 env AWS_ENDPOINT_URL=http://127.0.0.1:1 \
	"$PL" ls "$URI"

# --region: the server signs with us-east-1 and rejects another scope
same "--region us-east-1: show snapshots" "$TMP/snap.local" \
	"$PL" show "$URI" "$T" snapshots --endpoint "$EP" --region us-east-1
status "--region eu-west-1: rejected by the server" 5 "$PL" ls "$URI" --endpoint "$EP" --region eu-west-1

# --path-style: the bucket goes into the path, not the host name
"$PL" ls "$URI" --endpoint "http://store.invalid:$S3_PORT" >"$TMP/vh.out" 2>&1
check "virtual-hosted by default: resolves BUCKET.HOST" grep -q "lake\.store\.invalid" "$TMP/vh.out"
"$PL" ls "$URI" --endpoint "http://store.invalid:$S3_PORT" --path-style >"$TMP/ps.out" 2>&1
check "--path-style: resolves the endpoint's own host" grep -q "store\.invalid" "$TMP/ps.out"
check "--path-style: no bucket in the host name" sh -c "! grep -q 'lake\.store\.invalid' '$TMP/ps.out'"

# --signature: OSS V1 signing is not what an S3 server accepts
same "--signature s3" "$TMP/ls.local" "$PL" ls "$URI" --endpoint "$EP" --signature s3
status "--signature v1: the server rejects the OSS V1 signature" 5 \
	"$PL" ls "$URI" --endpoint "$EP" --signature v1
status "--signature with an unknown value: usage" 2 "$PL" ls "$URI" --endpoint "$EP" --signature v9

# --profile: keys from ~/.aws/credentials instead of the environment
mkdir -p "$HOME/.aws"
printf '[swift]\naws_access_key_id = %s\naws_secret_access_key = %s\n[wrong]\naws_access_key_id = %s\naws_secret_access_key = not-it\n' \
	"$S3_ACCESS_KEY_ID" "$S3_SECRET_ACCESS_KEY" "$S3_ACCESS_KEY_ID" >"$HOME/.aws/credentials"
same "--profile swift, no keys in the environment" "$TMP/ls.local" \
	env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$PL" ls "$URI" --endpoint "$EP" --profile swift
status "--profile wrong: its secret is used, and rejected" 5 \
	env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$PL" ls "$URI" --endpoint "$EP" --profile wrong
status "--profile missing: an error, not another profile" 2 \
	"$PL" ls "$URI" --endpoint "$EP" --profile no-such-profile

# --access-mode: sts insists on a session token; ram-role asks the metadata service
status "--access-mode access-key" 0 "$PL" ls "$URI" --endpoint "$EP" --access-mode access-key
status "--access-mode sts without a token: refused" 2 "$PL" ls "$URI" --endpoint "$EP" --access-mode sts
check "the sts refusal says why" grep -q "security token" "$TMP/status.out"
status "--access-mode with an unknown value: an error" 2 "$PL" ls "$URI" --endpoint "$EP" --access-mode root
status "export --access-mode sts without a token: refused too (the flag reaches the storage)" 2 \
	"$PL" export "$URI" "$T" --endpoint "$EP" --access-mode sts
status "export --access-mode=sts (one word) likewise" 2 \
	"$PL" export "$URI" "$T" --endpoint "$EP" --access-mode=sts

# --no-cache: the cache folder stays empty; without it, it fills
CACHE=$XDG_CACHE_HOME/paimon-lens
rm -rf "$CACHE"
same "--no-cache: show snapshots" "$TMP/snap.local" \
	"$PL" show "$URI" "$T" snapshots --endpoint "$EP" --no-cache
check_eq "--no-cache: nothing cached" 0 "$(find "$CACHE" -type f 2>/dev/null | wc -l | tr -d ' ')"
same "cached: show snapshots" "$TMP/snap.local" "$PL" show "$URI" "$T" snapshots --endpoint "$EP"
check "without --no-cache the snapshots are cached" \
	test "$(find "$CACHE" -type f 2>/dev/null | wc -l)" -ge 12

# --max-parallel: a relay that holds each request 150 ms records the peak
# number in flight. Uncached, so every manifest is a request (the files
# view reads a snapshot's manifests as one batch).
peak() { # N -> the relay's peak for show files with --max-parallel N
	relay_start proxy delay 150
	"$PL" show "$URI" "$T" files --no-cache --max-parallel "$1" \
		--endpoint "$RELAY" >"$TMP/peak.out" 2>&1
	relay_stop
	cat "$TMP/proxy.port.peak" 2>/dev/null || echo 0
}
# (file paths differ from the local copy's: compared with a direct read)
"$PL" show "$URI" "$T" files --endpoint "$EP" --no-cache >"$TMP/files.s3" 2>&1
check "show files lists files" test "$(wc -l <"$TMP/files.s3")" -ge 2
p1=$(peak 1)
check_eq "--max-parallel 1: one request at a time" 1 "$p1"
check_eq "--max-parallel 1: the result is exact" "$(cat "$TMP/files.s3")" "$(cat "$TMP/peak.out")"
p8=$(peak 8)
check "--max-parallel 8: requests overlap (peak $p8), at most 8" test "$p8" -ge 2 -a "$p8" -le 8
check_eq "--max-parallel 8: the result is exact" "$(cat "$TMP/files.s3")" "$(cat "$TMP/peak.out")"
status "--max-parallel 0: usage" 2 "$PL" ls "$URI" --endpoint "$EP" --max-parallel 0
status "--max-parallel 257: usage" 2 "$PL" ls "$URI" --endpoint "$EP" --max-parallel 257

# export and collect take the same flags
"$PL" export "$URI" "$T" --endpoint "$EP" --no-cache --max-parallel 2 --path-style \
	--event-time 2024-01-01T00:00:00Z >"$TMP/export.out" 2>"$TMP/export.err"
check_eq "export with the storage flags" 0 $?
"$PL" collect "$URI" --endpoint "$EP" --no-cache --max-parallel 2 --region us-east-1 \
	--event-time 2024-01-01T00:00:00Z >"$TMP/collect.out" 2>"$TMP/collect.err"
check_eq "collect with the storage flags" 0 $?

if grep -rqF "$S3_SECRET_ACCESS_KEY" "$TMP"/*.out "$TMP"/*.err; then
	not_ok "no secret in any output"
else
	ok "no secret in any output"
fi
done_testing
