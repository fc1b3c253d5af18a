#!/usr/bin/env bash
# Start a real MLflow tracking server on 127.0.0.1 over a copy of the SQLite fixture, for the
# REST reader's tests (Tests/MLDebtTests/Ingest/MLflowServerTests.swift).
#
#   Tests/MLDebtTests/Fixtures/mlflow-server/serve.sh            # serve; prints the URL; Ctrl-C stops
#   Tests/MLDebtTests/Fixtures/mlflow-server/serve.sh --test     # serve, run the Swift tests, stop
#
# The Swift test runs only when MLDEBT_MLFLOW_SERVER_URL is set, so by hand:
#
#   Tests/MLDebtTests/Fixtures/mlflow-server/serve.sh &         # prints MLDEBT_MLFLOW_SERVER_URL=…
#   MLDEBT_MLFLOW_SERVER_URL=http://127.0.0.1:<port> \
#     swift test --filter MLflowServer
#
# Environment:
#   MLFLOW_SERVER_VENV  the virtualenv to use or create (default: <repo>/.venv-mlflow-server)
#   MLFLOW_VERSION      the MLflow to install (default 3.17.2). 3.18.0 is on the index, but its
#                       hard dependency mlflow-skinny==3.18.0 is not, so it cannot be installed;
#                       3.17.2 is also the version that wrote the fixture (generate/requirements.txt).
#   SCRATCH_PATH        the SwiftPM scratch path for --test (default .build)
#
# The server reads a copy of Fixtures/mlflow-sqlite/mlflow.db in a temporary folder: the
# fixture itself is never opened by MLflow (which may migrate the schema of what it opens).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
venv="${MLFLOW_SERVER_VENV:-$repo/.venv-mlflow-server}"
version="${MLFLOW_VERSION:-3.17.2}"

if [ ! -x "$venv/bin/mlflow" ] || ! "$venv/bin/python" -c "import mlflow, sys; sys.exit(mlflow.__version__ != '$version')" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$venv/bin/pip" install -q "mlflow==$version"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/mldebt-mlflow-server.XXXXXX")"
cp "$here/../mlflow-sqlite/mlflow.db" "$work/mlflow.db"

# A free port: bind to 0 and read what the kernel chose.
port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port"

export MLFLOW_ENABLE_ASYNC_LOGGING=false PYTHONWARNINGS=ignore MLFLOW_TRACKING_URI=
"$venv/bin/mlflow" server \
  --backend-store-uri "sqlite:///$work/mlflow.db" \
  --default-artifact-root "file://$work/artifacts" \
  --host 127.0.0.1 --port "$port" --workers 1 >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

for _ in $(seq 1 120); do
  if curl -fsS "$url/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "mlflow server exited; its log:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
curl -fsS "$url/health" >/dev/null || { echo "mlflow server did not come up" >&2; cat "$work/server.log" >&2; exit 1; }
echo "MLDEBT_MLFLOW_SERVER_URL=$url   (mlflow $("$venv/bin/mlflow" --version | awk '{print $NF}'))"

if [ "${1:-}" = "--test" ]; then
  cd "$repo"
  MLDEBT_MLFLOW_SERVER_URL="$url" swift test --scratch-path "${SCRATCH_PATH:-.build}" \
    ${SKIP_BUILD:+--skip-build} --filter MLflowServer
else
  wait "$server"
fi
