#!/usr/bin/env bash
# Measures the semantic lookup on the labeled pairs with the local model (offline) and writes
# docs/semantic/evaluation.md and docs/semantic/precision-recall.svg. Also runs the assertions
# (no false hit at the default threshold with the fact check, recall floor). ~1 min.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/LlmCacheProxy.Tests -c Debug -nologo -v quiet -clp:ErrorsOnly
SEMANTIC_EVAL_REPORT="$root/docs/semantic" dotnet test tests/LlmCacheProxy.Tests --no-build -c Debug -nologo \
  --filter "FullyQualifiedName~LlmCacheProxy.Tests.Caching.Semantic.SemanticEvaluationTests" --logger "console;verbosity=minimal"
echo "wrote docs/semantic/evaluation.md and docs/semantic/precision-recall.svg" >&2
