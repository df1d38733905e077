#!/usr/bin/env bash
# Installs Debian's redis-server, which the integration tests start themselves (a free loopback port, no
# persistence, stopped after each test). Idempotent: nothing to do when it is installed. The package's own
# service is not used (and not running where no init system runs).
set -euo pipefail
if command -v redis-server >/dev/null; then
  exit 0
fi
sudo_cmd=()
[[ $EUID -ne 0 ]] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq redis-server >/dev/null
