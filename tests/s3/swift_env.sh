# Starts a real S3 server for one shell test: OpenStack Swift with its s3api
# middleware on a free port of 127.0.0.1 (../shared/tools/swift-s3). Source
# it after tests/lib.sh, then call s3_start; it is stopped when the test
# exits. s3_start fails (the caller skips) when the tools are missing.
SWIFT_TOOLS=${SWIFT_TOOLS:-$top_srcdir/../shared/tools/swift-s3}
S3_DIR=$TMP/swift
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export S3SIG_DIR=$SWIFT_TOOLS
# Nothing from the developer's own cloud setup may leak into the tests.
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_SESSION_TOKEN \
	AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3 OSS_ENDPOINT OSS_REGION \
	ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN \
	OSS_ACCESS_KEY_ID OSS_ACCESS_KEY_SECRET OSS_SESSION_TOKEN ALIBABA_CLOUD_ECS_METADATA
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config XDG_CACHE_HOME=$TMP/home/.cache
mkdir -p "$HOME"

s3_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

s3_stop() {
	[ -f "$S3_DIR/pids" ] && bash "$SWIFT_TOOLS/stop-swift-s3.sh" "$S3_DIR" >/dev/null 2>&1
	if [ -n "${S3_MEMCACHED_PID:-}" ]; then
		kill "$S3_MEMCACHED_PID" 2>/dev/null
		wait "$S3_MEMCACHED_PID" 2>/dev/null
		S3_MEMCACHED_PID=
	fi
	if [ -f "$S3_DIR/devices_path" ]; then
		rm -rf "$(cat "$S3_DIR/devices_path")"
	fi
	rm -rf "$TMP"
}

# A private memcached for this server, when the binary is there: without
# one, Swift's proxy asks the account and container servers about the
# bucket on every request (three requests for one GET, ~11 ms a GET on
# 127.0.0.1 instead of ~4). Never shared: Swift caches bucket facts by
# name. Sets S3_MEMCACHED (its port) and S3_MEMCACHED_PID, for s3_stop.
s3_memcached_start() {
	S3_MEMCACHED=
	command -v memcached >/dev/null 2>&1 || return 0
	_port=$(s3_free_port) || return 0
	_user=
	[ "$(id -u)" -eq 0 ] && _user="-u root"
	# shellcheck disable=SC2086
	memcached -l 127.0.0.1 -p "$_port" -U 0 -t 1 -m 16 -c 512 $_user </dev/null \
		>"$TMP/memcached.log" 2>&1 &
	S3_MEMCACHED_PID=$!
	# Swift stops asking a memcached that refused it too often: wait for it.
	python3 - "$_port" <<'PY' || { kill "$S3_MEMCACHED_PID" 2>/dev/null; S3_MEMCACHED_PID=; return 0; }
import socket, sys, time
for _ in range(50):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
	S3_MEMCACHED=$_port
}

# start-swift-s3.sh writes the servers' configs and starts them at once, so
# our settings go in through a stand-in for each server command (first on
# its PATH): it edits the config it is given, then runs the real server.
# Settings: the memcached above; log level WARNING (a log line for every
# request costs the servers' CPU, and the logs go with $TMP anyway).
s3_server_shims() {
	_shims=$TMP/swift-shims
	mkdir -p "$_shims"
	for _s in proxy account container object; do
		_real=$(command -v "swift-$_s-server") || return 1
		_edits="-e 's/^log_level = INFO\$/log_level = WARNING/'"
		if [ "$_s" = proxy ] && [ -n "$S3_MEMCACHED" ]; then
			_edits="$_edits -e 's/^memcache_servers = .*/memcache_servers = 127.0.0.1:$S3_MEMCACHED/'"
		fi
		printf '#!/bin/sh\nsed -i %s "$1" || exit 1\nexec %s "$@"\n' "$_edits" "$_real" \
			>"$_shims/swift-$_s-server"
		chmod +x "$_shims/swift-$_s-server"
	done
}

s3_start() {
	# PL_SWIFT_DIR: a server already started with start-swift-s3.sh, reused
	# as it is (saves the start-up when running the tests again and again).
	if [ -n "${PL_SWIFT_DIR:-}" ] && [ -f "$PL_SWIFT_DIR/env" ]; then
		. "$PL_SWIFT_DIR/env"
		S3_PORT=${S3_ENDPOINT##*:}
		export AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$S3_SECRET_ACCESS_KEY
		return 0
	fi
	[ -x "$SWIFT_TOOLS/start-swift-s3.sh" ] || [ -f "$SWIFT_TOOLS/start-swift-s3.sh" ] || return 1
	command -v python3 >/dev/null || return 1
	trap s3_stop EXIT
	s3_memcached_start
	# (no stand-ins when a server command is missing: the start script
	# then installs Swift, and runs it untuned)
	_shim_path=
	s3_server_shims && _shim_path=$TMP/swift-shims:
	# Its start script waits 30 s; a loaded machine can need more, so a
	# second try before giving up.
	for attempt in 1 2; do
		S3_PORT=$(s3_free_port) || return 1
		if PATH=$_shim_path$PATH bash "$SWIFT_TOOLS/start-swift-s3.sh" "$S3_DIR" "$S3_PORT" \
			>"$TMP/swift-start.log" 2>&1; then
			break
		fi
		sed 's/^/# /' "$TMP/swift-start.log" | tail -3
		[ "$attempt" = 2 ] && return 1
		rm -rf "$S3_DIR"
	done
	. "$S3_DIR/env"
	export AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$S3_SECRET_ACCESS_KEY
}

# relay_start NAME MODE [ARG]: tests/s3/fault_proxy.py in front of the test
# server (MODE: delay MS, first, always...). Sets RELAY (its endpoint URL),
# RELAY_PID and REQS (its log of request lines); its other counters are
# $TMP/NAME.port.peak and .faults. RELAY is empty when it did not start.
relay_start() {
	_name=$1
	shift
	rm -f "$TMP/$_name.port" "$TMP/$_name.port.requests" "$TMP/$_name.port.peak" \
		"$TMP/$_name.port.faults"
	python3 "$top_srcdir/tests/s3/fault_proxy.py" "$TMP/$_name.port" "$S3_PORT" "$@" \
		>"$TMP/$_name.log" 2>&1 &
	RELAY_PID=$!
	_i=0
	while [ ! -s "$TMP/$_name.port" ] && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	RELAY=
	[ -s "$TMP/$_name.port" ] && RELAY=http://127.0.0.1:$(cat "$TMP/$_name.port")
	REQS=$TMP/$_name.port.requests
}
relay_stop() {
	kill "$RELAY_PID" 2>/dev/null
	wait "$RELAY_PID" 2>/dev/null
}

# s3_upload BUCKET LOCAL_DIR KEY_PREFIX [LOCAL_DIR KEY_PREFIX]...
s3_upload() {
	python3 "$top_srcdir/tests/s3/s3_upload.py" "$S3_ENDPOINT" "$@" >"$TMP/upload.log" 2>&1
}
