#!/bin/sh
# Secrets (issue 8): every command runs with known credentials in every
# place paimon-lens reads them (AWS_*, ALIBABA_CLOUD_*, OSS_* variables,
# ~/.aws/credentials and ~/.alibabacloud/credentials profiles, a sources
# file) against a real S3 server (Swift s3api on 127.0.0.1), once working
# and then failing (wrong secret with a session token, a profile with a
# wrong secret, OSS signing the server rejects, a closed port, a host
# that does not resolve). No secret key, session token, or the base64 or
# hex form of a secret may then appear in any stdout, stderr, written
# file, the cache, the state directory (readline history) or HOME.
# paimon-lens has no verbose or debug switch: nothing else to turn on.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/s3/swift_env.sh"
. "$top_srcdir/tests/s3/every_command.sh"

if ! command -v python3 >/dev/null 2>&1 || ! s3_start; then
	skip "secrets" "Swift s3api or python3 not available (see ../shared/tools/swift-s3)"
	done_testing
	exit 0
fi
export XDG_STATE_HOME="$HOME/.local/state"
mkdir -p "$XDG_STATE_HOME" "$XDG_CACHE_HOME"

LAKE=$TMP/lake
"$PL_GEN" --seed 5 --databases 1 --tables 2 --snapshots 3 --tags 1 --quiet "$LAKE" >/dev/null 2>&1
WH=wh-$$
check "upload the lake" s3_upload lake "$LAKE" "$WH"
T=db0.$(ls "$LAKE/db0.db" | head -1)

# The fake secrets: characters that base64 and URL encoding change.
AWS_FAKE_SECRET='FakeAwsSecret/Kx9+Zq7=TEST0001'
AWS_FAKE_TOKEN='FakeAwsSessionToken+IQoJb3JpZ2lu/TEST0002'
ALI_FAKE_SECRET='FakeAlibabaSecret/Lm3+TEST0003'
ALI_FAKE_TOKEN='FakeAlibabaToken+CAIS/TEST0004'
OSS_FAKE_SECRET='FakeOssSecret/Np8+TEST0005'
OSS_FAKE_TOKEN='FakeOssToken+STS/TEST0006'
PROFILE_FAKE_SECRET='FakeProfileSecret/Qr5+TEST0007'
PROFILE_FAKE_TOKEN='FakeProfileToken+FwoG/TEST0008'
ALIPROF_FAKE_SECRET='FakeAliProfileSecret/St2+TEST0009'
ALIPROF_FAKE_TOKEN='FakeAliProfileToken+CAIS/TEST0010'
# The server's own secret is searched too (after the fakes, which are
# unambiguous: the real one is a plain word).
{
	for s in AWS_FAKE_SECRET AWS_FAKE_TOKEN ALI_FAKE_SECRET ALI_FAKE_TOKEN OSS_FAKE_SECRET \
		OSS_FAKE_TOKEN PROFILE_FAKE_SECRET PROFILE_FAKE_TOKEN ALIPROF_FAKE_SECRET \
		ALIPROF_FAKE_TOKEN; do
		eval "printf '%s %s\n' $s \"\$$s\""
	done
	printf 'S3_SECRET_ACCESS_KEY %s\n' "$S3_SECRET_ACCESS_KEY"
} >"$TMP/secrets.list"

mkdir -p "$HOME/.aws" "$HOME/.alibabacloud" "$XDG_CONFIG_HOME/paimon-lens"
cat >"$HOME/.aws/credentials" <<EOF
[default]
aws_access_key_id = AKIAFAKEDEFAULT0001
aws_secret_access_key = $PROFILE_FAKE_SECRET

[fake]
aws_access_key_id = AKIAFAKEPROFILE0002
aws_secret_access_key = $PROFILE_FAKE_SECRET
aws_session_token = $PROFILE_FAKE_TOKEN
EOF
cat >"$HOME/.alibabacloud/credentials" <<EOF
[default]
type = access_key
access_key_id = LTAIFAKEDEFAULT0003
access_key_secret = $ALIPROF_FAKE_SECRET

[alisfake]
type = sts
access_key_id = STS.FAKEPROFILE0004
access_key_secret = $ALIPROF_FAKE_SECRET
security_token = $ALIPROF_FAKE_TOKEN
EOF
cat >"$XDG_CONFIG_HOME/paimon-lens/sources" <<EOF
[source swift]
filesystem = s3
warehouse  = s3://lake/$WH
endpoint   = $S3_ENDPOINT
region     = us-east-1

[source swiftprofile]
filesystem = s3
warehouse  = s3://lake/$WH
endpoint   = $S3_ENDPOINT
profile    = fake

[source ossprofile]
filesystem  = oss
warehouse   = oss://lake/$WH
endpoint    = $S3_ENDPOINT
region      = us-east-1
profile     = alisfake
access-mode = sts
EOF
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIFAKEENV0005 ALIBABA_CLOUD_ACCESS_KEY_SECRET=$ALI_FAKE_SECRET
export ALIBABA_CLOUD_SECURITY_TOKEN=$ALI_FAKE_TOKEN
export OSS_ACCESS_KEY_ID=LTAIFAKEOSS0006 OSS_ACCESS_KEY_SECRET=$OSS_FAKE_SECRET
export OSS_SESSION_TOKEN=$OSS_FAKE_TOKEN
closed=$(s3_free_port)

# Working: the server's key from the environment, by source name (the
# fakes sit in every other place).
every_command "$TMP/run/good" swift "$T"
check_eq "the working run reads the lake (ls)" "ls 0" "$(grep '^ls ' "$TMP/run/good/status")"
check "the working run exports and collects" \
	test -s "$TMP/run/good/export-table.json" -a -s "$TMP/run/good/collect.out"
check "the working run filled the cache" test -n "$(find "$XDG_CACHE_HOME" -type f | head -1)"
check "the browser showed the files" grep -q "file_path" "$TMP/run/good/browser-files.screen"

# Failing, with secrets in play.
AWS_SECRET_ACCESS_KEY=$AWS_FAKE_SECRET AWS_SESSION_TOKEN=$AWS_FAKE_TOKEN \
	every_command "$TMP/run/wrong-secret" "s3://lake/$WH" "$T" --endpoint "$S3_ENDPOINT"
check "wrong secret: test-connection says so" \
	grep -q "authentication" "$TMP/run/wrong-secret/test-connection.out"
# Under valgrind (tests/lib.sh) the profile and DNS cases are left to the
# plain and ASan stages: every start costs about a second there.
if [ -z "$_vg_dir" ]; then
	every_command "$TMP/run/profile" swiftprofile "$T"
	check "profile with a wrong secret fails" \
		grep -q "test-connection 14" "$TMP/run/profile/status"
	every_command "$TMP/run/oss-profile" ossprofile "$T"
	check "OSS STS profile: rejected by the server" \
		grep -q "^ls 5" "$TMP/run/oss-profile/status"
	AWS_SESSION_TOKEN=$AWS_FAKE_TOKEN every_command "$TMP/run/dns" "s3://lake/$WH" "$T" \
		--endpoint "http://no-such-host.invalid:$S3_PORT"
	check "unresolvable host: DNS" grep -q "DNS" "$TMP/run/dns/test-connection.out"
fi
every_command "$TMP/run/oss-env" "oss://lake/$WH" "$T" --endpoint "$S3_ENDPOINT" \
	--region us-east-1
AWS_SESSION_TOKEN=$AWS_FAKE_TOKEN every_command "$TMP/run/closed" "s3://lake/$WH" "$T" \
	--endpoint "http://127.0.0.1:$closed"
check "closed port: TCP connect" grep -q "TCP connect" "$TMP/run/closed/test-connection.out"

# Every file the runs could have written: outputs, exports, state files,
# screens, the cache, the state directory, the rest of HOME. Not the
# credential files themselves, nor the server's own directory and log.
find "$TMP" -type f ! -path "$TMP/swift/*" ! -name swift-start.log ! -path "$HOME/.aws/credentials" \
	! -path "$HOME/.alibabacloud/credentials" ! -name secrets.list ! -name search.py \
	>"$TMP/files.list"
check "the runs wrote outputs to search" test "$(wc -l <"$TMP/files.list")" -gt 100
cat >"$TMP/search.py" <<'PY'
import base64, sys
secrets = [l.rstrip("\n").split(" ", 1) for l in open(sys.argv[1])]
files = [l.rstrip("\n") for l in open(sys.argv[2])]

def forms(s):
    b = s.encode()
    yield "raw", b
    yield "hex", b.hex().encode()
    yield "HEX", b.hex().upper().encode()
    # base64 of the secret inside a longer text starts at any of three
    # alignments: the core that does not depend on the neighbours.
    for pad in range(3):
        enc = base64.b64encode(b"\0" * pad + b)
        core = enc[4 if pad else 0:len(enc) - 4]
        if len(core) >= 8:
            yield "base64", core
            yield "base64url", core.replace(b"+", b"-").replace(b"/", b"_")
    yield "url-encoded", s.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D").encode()

for f in files:
    try:
        data = open(f, "rb").read()
    except OSError:
        continue
    for name, s in secrets:
        for kind, pat in forms(s):
            if pat in data:
                print("%s (%s) in %s" % (name, kind, f))
PY
python3 "$TMP/search.py" "$TMP/secrets.list" "$TMP/files.list" >"$TMP/found"
if [ -s "$TMP/found" ]; then
	not_ok "no secret, token or encoded secret in any output, file, cache or state"
	sed "s|$TMP/||; s/^/# /" "$TMP/found" | head -20
else
	ok "no secret, token or encoded secret in any output, file, cache or state ($(wc -l <"$TMP/files.list") files)"
fi
# The search itself must be able to fail: a planted copy is found.
printf 'x%sy' "$(printf %s "$OSS_FAKE_SECRET" | base64)" >"$TMP/run/planted"
echo "$TMP/run/planted" >"$TMP/files.planted"
if python3 "$TMP/search.py" "$TMP/secrets.list" "$TMP/files.planted" | grep -q "base64"
then ok "the search finds a planted base64 secret"; else
	not_ok "the search finds a planted base64 secret"; fi
done_testing
