#!/bin/sh
# Read-only on object stores (issue 8): every command (tests/s3/every_command.sh)
# runs against a real S3 server (Swift s3api) through a relay that logs
# each request line (tests/s3/fault_proxy.py in delay mode, 0 ms), and
# every request must be a GET or a HEAD. The local side of the same
# promise is tests/cli/readonly.sh (strace).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/s3/swift_env.sh"
. "$top_srcdir/tests/s3/every_command.sh"

if ! command -v python3 >/dev/null 2>&1 || ! s3_start; then
	skip "S3 request methods" "Swift s3api or python3 not available (see ../shared/tools/swift-s3)"
	done_testing
	exit 0
fi
LAKE=$TMP/lake
"$PL_GEN" --seed 7 --databases 1 --tables 2 --kind mixed --snapshots 3 --tags 1 --quiet \
	"$LAKE" >/dev/null 2>&1
WH=wh-$$
check "upload the lake" s3_upload lake "$LAKE" "$WH"
T=db0.$(ls "$LAKE/db0.db" | head -1)

relay_start relay delay 0

every_command "$TMP/run" "s3://lake/$WH" "$T" --endpoint "$RELAY"
check_eq "every command succeeded through the relay" "" \
	"$(grep -v ' 0$' "$TMP/run/status" | tr '\n' ' ')"
check "the browser read through the relay" grep -q "file_path" "$TMP/run/browser-files.screen"
n=$(wc -l <"$REQS" 2>/dev/null || echo 0)
check "the relay saw the requests ($n)" test "$n" -gt 100
bad=$(grep -Ev '^(GET|HEAD) ' "$REQS" 2>/dev/null | sort | uniq -c | head -5)
if [ -z "$bad" ] && [ "$n" -gt 0 ]; then
	ok "only GET and HEAD: $(cut -d' ' -f1 "$REQS" | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
else
	not_ok "only GET and HEAD"; echo "$bad" | sed 's/^/# /'
fi

# The check must be able to fail: a writer through the same relay is seen.
python3 - "$RELAY" <<'PY' >/dev/null 2>&1
import sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/lake/probe", data=b"x", method="PUT")
try:
    urllib.request.urlopen(req, timeout=5)
except Exception:
    pass
PY
if grep -q '^PUT ' "$REQS"; then ok "the relay log catches a PUT"; else
	not_ok "the relay log catches a PUT"; fi
relay_stop
done_testing
