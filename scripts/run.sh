#!/usr/bin/env bash
# Builds the proxy if needed (Release) and runs it in the foreground on http://127.0.0.1:8080
# (ASPNETCORE_URLS overrides). Settings: config/appsettings.json, overridden by env vars such as
# Proxy__Upstream=http://127.0.0.1:9000/ or Cache__Sqlite__Path=/var/lib/llm-cache/cache.db.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build src/LlmCacheProxy/LlmCacheProxy.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "$root/src/LlmCacheProxy/bin/Release/net10.0/LlmCacheProxy.dll" "$@"
