#!/usr/bin/env bash
# Regenerate every generated file of examples/car-loans/ with the real tools.
#   bash examples/car-loans/generate/generate.sh
# Needs python3 (3.11 used), network access to PyPI, ~2 minutes on 2 cores.
# VENV (default: <repo>/.venv-example, git-ignored) holds the pinned tools from requirements.txt.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
EX="$(dirname "$HERE")"
VENV="${VENV:-$(cd "$EX/../.." && pwd)/.venv-example}"
NANNYML_SHA256=cf5f4a33489834ae6773cb1baa33a0f98c0a3ee6ed9b43049478b25ce22fe869

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
fi
"$VENV/bin/pip" install -q -r "$HERE/requirements.txt"
PY="$VENV/bin/python"
export PATH="$VENV/bin:$PATH" DVC_NO_ANALYTICS=1 MLFLOW_ALLOW_FILE_STORE=true

# 1. the data: NannyML's synthetic car-loan CSVs from the nannyml wheel (no deps installed)
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$VENV/bin/pip" download -q --no-deps nannyml==0.13.1 -d "$TMP"
echo "$NANNYML_SHA256  $TMP/nannyml-0.13.1-py3-none-any.whl" | sha256sum -c -
"$PY" -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
  "$TMP/nannyml-0.13.1-py3-none-any.whl" "$TMP/wheel"
"$PY" "$HERE/fetch_data.py" "$TMP/wheel" "$EX"

# 2. the DVC pipeline (dvc init --no-scm, dvc stage add, dvc repro in a scratch dir)
"$HERE/build_pipeline.sh" "$EX"

# 3. MLflow: the same training script against a file store and a SQLite store
cd "$EX"
rm -rf mlruns mlflow.db mlartifacts
"$PY" "$HERE/train_runs.py" "file:$EX/mlruns" "$EX"
"$PY" "$HERE/train_runs.py" "sqlite:///$EX/mlflow.db" "$EX" "$EX/mlartifacts"

# 4. OpenLineage events (FileTransport)
"$PY" "$HERE/emit_lineage.py" "$EX"

du -sh "$EX"
