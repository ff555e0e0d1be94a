#!/bin/sh
# Installs everything paimon-lens needs to build and to run its whole test
# suite on Debian 12 (bookworm). Run as root, or as a user with sudo.
set -e
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive

# Build: compiler, autotools, and the libraries configure checks for.
build_pkgs="build-essential autoconf automake pkg-config
  libncurses-dev libreadline-dev libcurl4-openssl-dev libssl-dev libcjson-dev
  libzstd-dev zlib1g-dev libsnappy-dev liblz4-dev libexpat1-dev"
# Tests: terminal driving, JSON Schema validation, leak checks, and a real
# S3 server on 127.0.0.1 (OpenStack Swift with its s3api middleware, and a
# private memcached that keeps it from asking its backends on every request).
test_pkgs="python3 python3-jsonschema tmux valgrind strace faketime git ca-certificates locales
  swift swift-proxy swift-account swift-container swift-object python3-swift memcached"

$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $build_pkgs $test_pkgs
