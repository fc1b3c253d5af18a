#!/usr/bin/env bash
# Build the DVC pipeline in a scratch directory with the real `dvc` CLI and copy back
# what DVC wrote (dvc.yaml, dvc.lock, .dvc/config, .dvcignore) plus the stage outputs.
# Usage: build_pipeline.sh <example-dir>   (expects `dvc` and `python` on PATH)
set -euo pipefail
EX="$(cd "$1" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cp -r "$EX/src" "$EX/params.yaml" "$WORK/"
mkdir -p "$WORK/data/raw"
cp "$EX"/data/raw/*.csv "$WORK/data/raw/"
cd "$WORK"
export DVC_NO_ANALYTICS=1
dvc init --no-scm -q

dvc stage add -q -n prepare \
  -p prepare.test_size,prepare.seed,prepare.min_timestamp \
  -d src/prepare.py -d src/common.py \
  -d data/raw/applications.csv -d data/raw/repayment_labels.csv \
  -o data/prepared/train.csv -o data/prepared/test.csv \
  python src/prepare.py

dvc stage add -q -n featurize \
  -p featurize \
  -d src/featurize.py -d src/common.py \
  -d data/prepared/train.csv -d data/prepared/test.csv -d data/raw/fraud_scores.csv \
  -o data/features/train.csv -o data/features/test.csv \
  python src/featurize.py

dvc stage add -q -n train \
  -p train \
  -d src/train.py -d src/common.py -d data/features/train.csv \
  -o models/model.pkl \
  python src/train.py

dvc stage add -q -n evaluate \
  -p evaluate \
  -d src/evaluate.py -d src/common.py -d models/model.pkl -d data/features/test.csv \
  -M metrics/evaluate.json \
  python src/evaluate.py

dvc repro -q
dvc status

# copy back what DVC and the stages wrote (not .dvc/cache, .dvc/tmp)
mkdir -p "$EX/.dvc" "$EX/data/prepared" "$EX/data/features" "$EX/models" "$EX/metrics"
cp dvc.yaml dvc.lock "$EX/"
cp .dvcignore "$EX/" 2>/dev/null || true
cp .dvc/config "$EX/.dvc/config"
cp data/prepared/*.csv "$EX/data/prepared/"
cp data/features/*.csv "$EX/data/features/"
cp models/model.pkl "$EX/models/"
cp metrics/evaluate.json "$EX/metrics/"
