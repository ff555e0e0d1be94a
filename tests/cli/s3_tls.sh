#!/bin/sh
# TLS in front of the real S3 server: a self-signed certificate made here
# with openssl, served by tests/s3/tls_relay.py. Without --ca-file the
# connectivity test must stop at the TLS step (certificate not trusted);
# with --ca-file naming the certificate it must pass TLS and connect, and
# the batch commands must read through it too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/s3/swift_env.sh"

if ! command -v openssl >/dev/null 2>&1; then
	skip "s3 tls" "openssl not installed"
	done_testing
	exit 0
fi
if ! s3_start; then
	skip "s3 tls" "Swift s3api not available (see ../shared/tools/swift-s3)"
	done_testing
	exit 0
fi
# The system bundle must be the only trust the client has without --ca-file.
unset AWS_CA_BUNDLE CURL_CA_BUNDLE SSL_CERT_FILE

LAKE=$TMP/lake
"$PL_GEN" --seed 5 --databases 1 --tables 1 --snapshots 2 --no-data --quiet "$LAKE" >/dev/null 2>&1
WH=tls-$$
check "upload" s3_upload lake "$LAKE" "$WH"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/key.pem" -out "$TMP/cert.pem" \
	-days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" >"$TMP/openssl.log" 2>&1
check "self-signed certificate for 127.0.0.1" test -s "$TMP/cert.pem"
python3 "$top_srcdir/tests/s3/tls_relay.py" "$TMP/tls.port" "$S3_PORT" "$TMP/cert.pem" \
	"$TMP/key.pem" >"$TMP/relay.log" 2>&1 &
RELAY_PID=$!
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -s "$TMP/tls.port" ] && break
	sleep 0.2
done
EP=https://127.0.0.1:$(cat "$TMP/tls.port" 2>/dev/null)

"$PL" test-connection s3://lake/$WH --endpoint "$EP" >"$TMP/untrusted.out" 2>&1
check_eq "untrusted certificate: exit status of the TLS step" 13 $?
check "the failure names the TLS step" grep -q "^Connection failed: TLS:" "$TMP/untrusted.out"
check "and says the certificate is not trusted" grep -qi "certificate" "$TMP/untrusted.out"
sed 's/^/# /' "$TMP/untrusted.out" | grep -i tls

"$PL" test-connection s3://lake/$WH --endpoint "$EP" --ca-file "$TMP/cert.pem" >"$TMP/trusted.out" 2>&1
check_eq "--ca-file with the certificate: Connected" 0 $?
check "the TLS step passed" grep -q "TLS.*OK" "$TMP/trusted.out"
check "Connected printed" grep -q "^Connected$" "$TMP/trusted.out"

"$PL" ls s3://lake/$WH --endpoint "$EP" >"$TMP/ls.untrusted" 2>&1
check_eq "ls without --ca-file: I/O error" 5 $?
"$PL" ls "$LAKE" >"$TMP/ls.local" 2>&1
"$PL" ls s3://lake/$WH --endpoint "$EP" --ca-file "$TMP/cert.pem" >"$TMP/ls.tls" 2>&1
check_eq "ls with --ca-file over TLS equals the local listing" "$(cat "$TMP/ls.local")" "$(cat "$TMP/ls.tls")"
SSL_CERT_FILE=$TMP/cert.pem "$PL" ls s3://lake/$WH --endpoint "$EP" >"$TMP/ls.env" 2>&1
check_eq "SSL_CERT_FILE works as --ca-file does" "$(cat "$TMP/ls.local")" "$(cat "$TMP/ls.env")"
"$PL" test-connection s3://lake/$WH --endpoint "$EP" --ca-file "$TMP/no-such.pem" >"$TMP/nofile.out" 2>&1
check "a missing CA file is not a pass" test $? -ne 0

kill "$RELAY_PID" 2>/dev/null
wait "$RELAY_PID" 2>/dev/null
done_testing
