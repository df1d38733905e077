#!/usr/bin/env bash
# Installs the pinned S3-compatible server (s3rver, see tests/s3rver/package-lock.json) the integration
# tests start. Idempotent: skips npm when the installed tree matches the lock file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="$root/tests/s3rver"
stamp="$dir/node_modules/.package-lock.json"
if [[ -f "$dir/node_modules/s3rver/bin/s3rver.js" && -f "$stamp" && "$stamp" -nt "$dir/package-lock.json" ]]; then
  exit 0
fi
command -v npm >/dev/null || { echo "s3rver.sh: npm is required (apt-get install -y nodejs npm)" >&2; exit 1; }
cd "$dir"
npm ci --no-audit --no-fund --loglevel=error
