#!/bin/sh
# The start screen (script mode): without a warehouse the browser lists the
# data sources of the sources file (never a secret), Enter opens one, `t`
# and :test-connection run the connectivity test with each step shown and
# Connected or the failing step in the status line. Without a sources file
# it says how to write one and offers the demo lake. Swift (the real S3
# server) is used when available for a remote source; the rest runs on
# local lakes.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/uilib.sh"

if ! ui_lake; then
	skip "start screen" "paimon-lens-gen cannot make the demo lake"
	done_testing
	exit 0
fi
S=$TMP/screens
mkdir -p "$S"
export PAIMON_LENS_DEMO="$TMP/lake"

# --- no sources file ----------------------------------------------------------
ui_run 120x20 <<EOF
:save-display $S/empty
<Down> <Down> <Down> <Down> <Down> <Down> <Down> <Down>
<Enter>
:save-display $S/demo
EOF
screen_has "no file: says where to write it" "$S/empty" \
	"No data sources yet. Write these four lines to $XDG_CONFIG_HOME/paimon-lens/sources"
screen_has "no file: the example section" "$S/empty" "[source lake]"
screen_has "no file: the example warehouse" "$S/empty" "warehouse   = oss://my-bucket/warehouse"
screen_has "no file: offers the demo lake" "$S/empty" "open the demo lake"
screen_has "Enter on the demo line opens the demo catalog" "$S/demo" "catalog"
screen_has "the demo's tables are listed" "$S/demo" "orders"

# --- a broken sources file: the demo catalog, and the file's error ------------
mkdir -p "$XDG_CONFIG_HOME/paimon-lens"
printf '[source bad]\nbogus = 1\n' >"$XDG_CONFIG_HOME/paimon-lens/sources"
ui_run 120x12 <<EOF
:save-display $S/broken
EOF
screen_has "broken file: the error names file and line" "$S/broken" \
	"paimon-lens/sources:2: unknown key 'bogus'"
screen_has "broken file: the demo catalog instead" "$S/broken" "catalog"

# --- a sources file: a local lake and a closed port ---------------------------
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 9)
mkdir -p "$XDG_CONFIG_HOME/paimon-lens"
cat >"$XDG_CONFIG_HOME/paimon-lens/sources" <<EOF
[source local]
catalog    = demo
filesystem = local
warehouse  = $TMP/lake

[source closed]
filesystem  = s3
warehouse   = s3://lake/wh
endpoint    = http://127.0.0.1:$PORT
region      = us-east-1
EOF
SECRET=Ui-Start-Screen-Secret-99
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=$SECRET
ui_run 140x16 <<EOF
:save-display $S/list
t
:save-display $S/local-test
:sources
<Down>
t
:save-display $S/closed-test
:test-connection local
:save-display $S/cmd-test
:sources
<Enter>
:save-display $S/opened
EOF
screen_has "the list names the local source" "$S/list" "local"
screen_has "the list shows the catalog" "$S/list" "demo"
screen_has "the list shows the endpoint" "$S/list" "http://127.0.0.1:$PORT"
screen_has "the list shows the region" "$S/list" "us-east-1"
screen_has "the list has a filesystem column" "$S/list" "filesystem"
screen_has "t: local source connected" "$S/local-test" "Connected: local"
screen_has "t: the result page shows the catalog step" "$S/local-test" "Paimon catalog"
screen_has "closed port: the status names the TCP step" "$S/closed-test" \
	"Connection failed: TCP connect"
screen_has "closed port: the DNS step before it is shown" "$S/closed-test" "DNS"
screen_has ":test-connection NAME" "$S/cmd-test" "Connected: local"
screen_has "Enter opens the source's warehouse" "$S/opened" "orders"
if grep -rqF "$SECRET" "$S" "$TMP/run.out"; then
	not_ok "no secret in any screen or output"
else
	ok "no secret in any screen or output"
fi

# --- a remote source on the real S3 server ------------------------------------
. "$top_srcdir/tests/s3/swift_env.sh"
export PAIMON_LENS_DEMO="$TMP/lake"
# a small lake: the demo's thousands of files would take a minute to upload
"$PL_GEN" --seed 3 --databases 1 --tables 1 --snapshots 2 --no-data --quiet "$TMP/small" \
	>/dev/null 2>&1
if s3_start && s3_upload lake "$TMP/small" "ui-$$"; then
	cat >>"$XDG_CONFIG_HOME/paimon-lens/sources" <<EOF

[source swift]
filesystem = s3
warehouse  = s3://lake/ui-$$
endpoint   = $S3_ENDPOINT
region     = us-east-1
EOF
	ui_run 140x16 <<EOF
:test-connection swift
:save-display $S/swift-test
:sources
<Down> <Down>
<Enter>
:save-display $S/swift-opened
EOF
	screen_has "Swift: Connected" "$S/swift-test" "Connected: swift"
	screen_has "Swift: the authentication step passed" "$S/swift-test" "authentication"
	screen_has "Swift: Enter opens the remote catalog" "$S/swift-opened" "orders"
	AWS_SECRET_ACCESS_KEY=Not-The-Secret-77
	ui_run 140x16 <<EOF
:test-connection swift
:save-display $S/swift-wrong
EOF
	screen_has "Swift, wrong secret: the authentication step fails" "$S/swift-wrong" \
		"Connection failed: authentication"
	if grep -rqF -e "$S3_SECRET_ACCESS_KEY" -e Not-The-Secret-77 "$S"; then
		not_ok "no Swift secret on any screen"
	else
		ok "no Swift secret on any screen"
	fi
else
	skip "start screen over S3" "Swift s3api not available (see ../shared/tools/swift-s3)"
fi
done_testing
