#!/usr/bin/env bash
# Regenerate the ingest-parser fixtures with the real tools.
# CI never runs this; it only reads the committed output.  See README.md.
#
#   Tests/MLDebtTests/Fixtures/generate.sh            # everything
#   Tests/MLDebtTests/Fixtures/generate.sh mlflow dvc  # only some sets
#
# sets: mlflow-filestore mlflow-sqlite dvc openlineage feast monitoring broken
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
venv="${FIXTURES_VENV:-$repo/.venv-fixtures}"
# Fixed scratch path: MLflow and Feast embed absolute paths (artifact_location,
# storage_location, ...) in what they write, so a fixed path keeps those stable.
gen=/tmp/mldebt-fixtures-gen
py="$venv/bin/python"

sets=("$@")
[ ${#sets[@]} -eq 0 ] && sets=(mlflow-filestore mlflow-sqlite dvc openlineage feast monitoring broken)
want() { local s; for s in "${sets[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

if [ ! -x "$py" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
fi
"$venv/bin/pip" install -q -r "$here/generate/requirements.txt" -c "$here/generate/constraints.txt"
export PATH="$venv/bin:$PATH"
export DVC_NO_ANALYTICS=1 FEAST_USAGE=False MLFLOW_ENABLE_ASYNC_LOGGING=false PYTHONWARNINGS=ignore
mkdir -p "$gen"

if want mlflow-filestore; then
  echo "== mlflow-filestore"
  d="$gen/mlflow-filestore"; rm -rf "$d"; mkdir -p "$d"
  # The script is run from a copy outside any git repo so MLflow does not add
  # mlflow.source.git.commit on its own (only the runs that set it have it).
  cp "$here/generate/mlflow_tracking.py" "$d/"
  (cd "$d" && MLFLOW_ALLOW_FILE_STORE=true "$py" mlflow_tracking.py "file:$d/mlruns" > ids.txt)
  rm -rf "$here/mlflow-filestore"; mkdir -p "$here/mlflow-filestore"
  cp -r "$d/mlruns" "$d/ids.txt" "$here/mlflow-filestore/"
fi

if want mlflow-sqlite; then
  echo "== mlflow-sqlite"
  d="$gen/mlflow-sqlite"; rm -rf "$d"; mkdir -p "$d"
  cp "$here/generate/mlflow_tracking.py" "$d/"
  (cd "$d" && "$py" mlflow_tracking.py "sqlite:///$d/mlflow.db" "$d/artifacts" > ids.txt)
  rm -rf "$here/mlflow-sqlite"; mkdir -p "$here/mlflow-sqlite"
  cp "$d/mlflow.db" "$d/ids.txt" "$here/mlflow-sqlite/"
fi

if want dvc; then
  echo "== dvc"
  rm -rf "$here/dvc"
  bash "$here/generate/dvc_project.sh" "$gen/dvc" "$here/dvc"
fi

if want openlineage; then
  echo "== openlineage"
  rm -rf "$here/openlineage"
  "$py" "$here/generate/openlineage_events.py" "$here/openlineage"
fi

if want feast; then
  echo "== feast"
  d="$gen/feast"; rm -rf "$d"; cp -r "$here/generate/feast_repo" "$d"
  "$py" "$here/generate/feast_registry.py" "$d"
  (cd "$d" && feast apply && feast registry-dump > registry.json)
  rm -rf "$here/feast"; mkdir -p "$here/feast"
  cp "$d/registry.json" "$here/feast/"
fi

if want monitoring; then
  echo "== monitoring"
  rm -rf "$here/monitoring"
  "$py" "$here/generate/monitoring_csvs.py" "$here/monitoring"
fi

if want broken; then
  echo "== broken"
  rm -rf "$here/broken"
  "$py" "$here/generate/broken_variants.py" "$here"
fi

echo "== sizes"
du -sh --apparent-size "$here"/*/ 2>/dev/null || true
