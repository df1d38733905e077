#!/usr/bin/env bash
# Headless Chromium for the dashboard's browser test (Debian's package; no browser download by a test tool).
# Idempotent: does nothing when /usr/bin/chromium is already there.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
