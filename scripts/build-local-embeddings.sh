#!/usr/bin/env bash
# Builds the optional local embedding model (LlmCacheProxy.LocalEmbeddings: all-MiniLM-L6-v2 on ONNX
# Runtime, ~120 MB for one platform) into the folder the proxy loads it from when
# Cache:Semantic:Embeddings=local. The default build and image do not carry it.
#   scripts/build-local-embeddings.sh [Release|Debug] [output-folder]
# Default output: src/LlmCacheProxy/bin/<cfg>/net10.0/local-embeddings (beside the proxy's own files).
# LOCAL_EMBEDDINGS_RID picks the platform of the native runtime (default: this machine's, e.g. linux-x64).
# Idempotent: a second run only refreshes the folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
configuration="${1:-Release}"
output="${2:-$root/src/LlmCacheProxy/bin/$configuration/net10.0/local-embeddings}"
rid="${LOCAL_EMBEDDINGS_RID:-$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')}"
dotnet publish src/LlmCacheProxy.LocalEmbeddings/LlmCacheProxy.LocalEmbeddings.csproj -c "$configuration" \
  -r "$rid" --self-contained false -o "$output" -nologo -v quiet -clp:ErrorsOnly
echo "local embeddings ($rid) in $output" >&2
