#!/usr/bin/env bash
# promtool (Debian's prometheus package) checks and unit-tests config/observability/llmcache-alerts.yml in the
# integration tests. Idempotent: does nothing when promtool is already there. Only promtool is used; the package's
# own Prometheus service is kept from starting (policy-rc.d), so nothing is left listening.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
guard=""
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  guard=/usr/sbin/policy-rc.d
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$guard" >/dev/null
  "${sudo_cmd[@]}" chmod +x "$guard"
  trap '"${sudo_cmd[@]}" rm -f "$guard"' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends prometheus >/dev/null
promtool --version | head -n1
