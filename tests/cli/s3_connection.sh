#!/bin/sh
# test-connection against a real S3 server (Swift s3api) on 127.0.0.1: the
# data-source file, "Connected", and each failure at its own step with its
# own exit status. Then faults between client and server (a proxy that
# resets, answers 503/500, cuts bodies short, delays): the result is still
# exact, or a clear error once the retry budget is spent.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/s3/swift_env.sh"
TOOL=$top_builddir/tests/s3/pl_storage_tool

if ! s3_start; then
	skip "s3 connection" "Swift s3api not available (see ../shared/tools/swift-s3)"
	done_testing
	exit 0
fi

LAKE=$TMP/lake
"$PL_GEN" --seed 3 --databases 1 --tables 1 --snapshots 3 --no-data --quiet "$LAKE" >/dev/null 2>&1
mkdir -p "$TMP/notacatalog/data"
echo x >"$TMP/notacatalog/data/file"
# a fresh prefix, in case the server is reused (PL_SWIFT_DIR)
WH=wh-$$
check "upload" s3_upload lake "$LAKE" "$WH" "$TMP/notacatalog" "other-$$"
check "create an empty bucket" s3_upload empty

mkdir -p "$XDG_CONFIG_HOME/paimon-lens"
cat >"$XDG_CONFIG_HOME/paimon-lens/sources" <<EOF2
[source swift]
filesystem = s3
metastore  = filesystem
warehouse  = s3://lake/$WH
endpoint   = $S3_ENDPOINT
region     = us-east-1

[source hz]
filesystem = oss
warehouse  = oss://bucket/wh
endpoint   = oss-cn-hangzhou.aliyuncs.com
region     = cn-beijing
EOF2

"$PL" sources >"$TMP/sources.out" 2>&1
check_eq "sources lists the data sources" "swift hz" \
	"$(awk 'NR > 1 { printf "%s%s", sep, $1; sep = " " }' "$TMP/sources.out")"

# source:NAME is the source even when a folder here bears its name
mkdir -p "$TMP/cwd/swift"
(cd "$TMP/cwd" && "$PL" ls swift) >"$TMP/ls-bare.out" 2>&1
(cd "$TMP/cwd" && "$PL" ls source:swift) >"$TMP/ls-source.out" 2>&1
check "a bare name that is a folder here is the folder" test ! -s "$TMP/ls-bare.out" -o \
	"$(wc -l <"$TMP/ls-bare.out")" -le 1
check "source:swift opens the source despite the folder" grep -q "^db" "$TMP/ls-source.out"
(cd "$TMP/cwd" && "$PL" ls source:nope) >"$TMP/ls-nope.out" 2>&1
check_eq "source:NAME of no source: not found" 3 "$?"
check "and says so" grep -q 'no data source named "nope"' "$TMP/ls-nope.out"

tc() { # EXPECTED_STATUS NAME ARGS...
	want=$1 name=$2
	shift 2
	"$PL" test-connection "$@" >"$TMP/tc.out" 2>&1
	got=$?
	if [ "$got" = "$want" ]; then ok "$name"; else
		not_ok "$name (exit $got, expected $want)"; sed 's/^/# /' "$TMP/tc.out" | tail -8; fi
	cat "$TMP/tc.out" >>"$TMP/all.out"
}

tc 0 "source: Connected" swift
check "Connected is printed with step times" grep -q "^Connected$" "$TMP/tc.out"
check "the catalog step found the database" grep -q "Paimon catalog.*OK.*1 database" "$TMP/tc.out"
tc 0 "URI with --endpoint: Connected" s3://lake/$WH --endpoint "$S3_ENDPOINT"
tc 0 "empty bucket is an empty catalog" s3://empty --endpoint "$S3_ENDPOINT"
tc 0 "local warehouse" "$LAKE"

tc 10 "region contradicting the OSS endpoint: configuration" hz
check "configuration failure names both" grep -q "cn-beijing does not match.*cn-hangzhou" "$TMP/tc.out"
AWS_ACCESS_KEY_ID= tc 10 "no credentials: configuration" s3://lake/$WH --endpoint "$S3_ENDPOINT"
check "missing credentials explained" grep -q "no S3 credentials" "$TMP/tc.out"
tc 11 "unresolvable host: DNS" s3://lake/$WH --endpoint "http://no-such-host.invalid:$S3_PORT"
check "DNS failure line" grep -q "^Connection failed: DNS: cannot resolve" "$TMP/tc.out"
tc 12 "closed port: TCP connect" s3://lake/$WH --endpoint "http://127.0.0.1:$(s3_free_port)"
check "TCP failure line" grep -q "^Connection failed: TCP connect:" "$TMP/tc.out"
tc 13 "TLS to a plain-HTTP port: TLS" s3://lake/$WH --endpoint "https://127.0.0.1:$S3_PORT"
SECRET=Not-The-Secret-42
AWS_SECRET_ACCESS_KEY=$SECRET tc 14 "wrong secret: authentication" swift
check "wrong secret diagnosed" grep -q "secret key is wrong" "$TMP/tc.out"
tc 15 "wrong bucket: bucket" s3://no-such-bucket/wh --endpoint "$S3_ENDPOINT"
check "NoSuchBucket named" grep -q "^Connection failed: bucket:.*NoSuchBucket" "$TMP/tc.out"
tc 15 "wrong region: bucket" s3://lake/$WH --endpoint "$S3_ENDPOINT" --region eu-west-1
check "the bucket's real region named" grep -q "bucket is in region us-east-1" "$TMP/tc.out"
tc 17 "not a catalog: Paimon catalog" s3://lake/other-$$ --endpoint "$S3_ENDPOINT"
tc 17 "a table folder: Paimon catalog, with a hint" s3://lake/$WH/db0.db/$(ls "$LAKE/db0.db" | head -1) --endpoint "$S3_ENDPOINT"
check "table folder hint" grep -q "table folder" "$TMP/tc.out"
tc 2 "usage error" --bogus

# a source name opens the lake in the batch commands too
"$PL" ls swift >"$TMP/ls.src" 2>&1
"$PL" ls "$LAKE" >"$TMP/ls.local" 2>&1
check_eq "ls by source name equals the local listing" "$(cat "$TMP/ls.local")" "$(cat "$TMP/ls.src")"

# --- faults between client and server --------------------------------------
proxy() { # MODE -> sets PROXY_PORT
	relay_start proxy "$1"
	PROXY_PORT=${RELAY##*:}
}
proxy first
# Object stores have no empty folders: compare the files.
"$TOOL" tree "$LAKE" | grep '^f ' >"$TMP/tree.local"
"$TOOL" --endpoint "http://127.0.0.1:$PROXY_PORT" tree s3://lake/$WH 2>"$TMP/tree.err" | grep '^f ' >"$TMP/tree.faulty"
check_eq "resets, 5xx, short bodies, delays: still the exact bytes" \
	"$(cat "$TMP/tree.local")" "$(cat "$TMP/tree.faulty")"
check "faults were injected" test "$(cat "$TMP/proxy.port.faults" 2>/dev/null || echo 0)" -ge 5
t=$("$PL" ls "$LAKE" db0 | awk 'NR == 2 { print $1 }')
"$PL" show "$LAKE" "db0.$t" snapshots >"$TMP/snap.local" 2>&1
"$PL" show s3://lake/$WH "db0.$t" snapshots --endpoint "http://127.0.0.1:$PROXY_PORT" >"$TMP/snap.faulty" 2>&1
check_eq "show snapshots through the faulty proxy is exact" \
	"$(cat "$TMP/snap.local")" "$(cat "$TMP/snap.faulty")"
relay_stop

proxy always
"$PL" ls s3://lake/$WH --endpoint "http://127.0.0.1:$PROXY_PORT" >"$TMP/always.out" 2>&1
check_eq "a store that keeps failing: I/O error status" 5 $?
check "the error names the status and the attempts" grep -q "503 SlowDown.*after 4 attempts" "$TMP/always.out"
relay_stop

cat "$TMP"/*.out "$TMP"/*.err >>"$TMP/all.out" 2>/dev/null
if grep -qF -e "$SECRET" -e "$S3_SECRET_ACCESS_KEY" "$TMP/all.out"; then
	not_ok "no secret in any output"
else
	ok "no secret in any output"
fi

done_testing
