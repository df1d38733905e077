#!/usr/bin/env bash
# Packs the SDK's own System.IO.Hashing.dll into a local NuGet folder feed (.packages/local).
# Yarp.ReverseProxy depends on System.IO.Hashing, which the partial package mirror lacks; on a machine
# with the full nuget.org registry this feed is simply never used. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/.packages/local"
version="7.0.0"
pkg="$feed/system.io.hashing.$version.nupkg"
mkdir -p "$feed"
[[ -f "$pkg" ]] && exit 0

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
dll="$(ls "$dotnet_root"/sdk/*/Sdks/Microsoft.NET.Sdk/tools/net[1-9]*.0/System.IO.Hashing.dll 2>/dev/null | sort -V | tail -n1 || true)"
if [[ -z "$dll" ]]; then
  echo "restore-feed: System.IO.Hashing.dll not found under $dotnet_root/sdk" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lib/net8.0"
cp "$dll" "$work/lib/net8.0/System.IO.Hashing.dll"
cat > "$work/System.IO.Hashing.nuspec" <<NUSPEC
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>System.IO.Hashing</id>
    <version>$version</version>
    <authors>Microsoft</authors>
    <description>System.IO.Hashing repacked from the local .NET SDK for offline restore.</description>
  </metadata>
</package>
NUSPEC
cat > "$work/[Content_Types].xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="dll" ContentType="application/octet" /><Default Extension="nuspec" ContentType="application/octet" /></Types>
XML
(cd "$work" && python3 - "$pkg.tmp" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name in ["[Content_Types].xml", "System.IO.Hashing.nuspec", "lib/net8.0/System.IO.Hashing.dll"]:
        z.write(name, name)
PY
)
mv "$pkg.tmp" "$pkg"
echo "restore-feed: packed $dll as System.IO.Hashing $version into $feed"
