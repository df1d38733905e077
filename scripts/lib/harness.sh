# Sourced (not run) by the scripts that start the proxy and the fake upstream as processes: bench.sh,
# bench/scale.sh, bench-stream-ttfe.sh, demo.sh. Expects $root (the repository) to be set.

# Makes $work (a temp folder) and $pids; on exit every tracked process is stopped and $work removed.
harness_init() { # folder-name-prefix
  work="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  pids=()
  trap harness_cleanup EXIT INT TERM
}

harness_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}

# Release builds of the proxy and the fake upstream (and any extra projects); sets $proxy_dll and $fake_dll.
build_release() { # extra-project...
  local project
  for project in src/LlmCacheProxy/LlmCacheProxy.csproj tests/FakeUpstream/FakeUpstream.csproj "$@"; do
    dotnet build "$root/$project" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  done
  proxy_dll="$root/src/LlmCacheProxy/bin/Release/net10.0/LlmCacheProxy.dll"
  fake_dll="$root/tests/FakeUpstream/bin/Release/net10.0/FakeUpstream.dll"
}

# Waits (up to 60 s) until the URL answers at all.
wait_http() { # url
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2
  return 1
}

# Installs the Debian packages whose command is missing (sudo when not root).
ensure_packages() { # command=package...
  local need=() pair
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || [[ -x "/usr/sbin/${pair%%=*}" ]] || need+=("${pair#*=}")
  done
  ((${#need[@]})) || return 0
  echo "installing ${need[*]} ..." >&2
  local sudo_cmd=()
  [[ $EUID -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
}
