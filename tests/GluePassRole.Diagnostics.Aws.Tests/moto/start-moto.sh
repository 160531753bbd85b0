#!/usr/bin/env bash
# Starts moto_server on a free loopback port for the integration tests and prints the variables to export:
#   eval "$(bash tests/GluePassRole.Diagnostics.Aws.Tests/moto/start-moto.sh)"   # sets MOTO_ENDPOINT and MOTO_PID
#   ... dotnet test ...
#   kill "$MOTO_PID"
# Prints nothing and exits 0 when moto_server is not installed (the tests then skip, saying why).
set -euo pipefail

if ! command -v moto_server >/dev/null 2>&1; then
  echo "# moto_server not found on PATH: the moto integration tests will skip" >&2
  exit 0
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log="${TMPDIR:-/tmp}/moto-$port.log"
# AWS managed policies (AWSGlueConsoleFullAccess, ...) exist in moto only with this variable.
MOTO_IAM_LOAD_MANAGED_POLICIES=true nohup moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
pid=$!

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/moto-api/" >/dev/null 2>&1; then
    echo "export MOTO_ENDPOINT=http://127.0.0.1:$port MOTO_PID=$pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "# moto_server exited early; see $log" >&2
    exit 1
  fi
  sleep 0.2
done

echo "# moto_server did not answer on port $port within 20 s; see $log" >&2
kill "$pid" 2>/dev/null || true
exit 1
