#!/usr/bin/env bash
# Build a tiny real DVC project with DVC's own CLI and copy out its metadata.
# Usage: dvc_project.sh <scratch-dir> <out-dir>     (dvc must be on PATH)
set -euo pipefail
scratch="$1"; out="$2"
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch"
export DVC_NO_ANALYTICS=1

dvc init --no-scm -q
dvc config core.analytics false

mkdir -p data src
# deterministic raw data (60 rows)
python3 - <<'PY'
import random
r = random.Random(11)
with open("data/raw.csv", "w") as f:
    f.write("customer_id,region,tenure_months,monthly_spend,churned\n")
    for i in range(60):
        f.write(f"{1000+i},{r.choice(['eu','us','apac'])},{r.randint(1,72)},{r.uniform(10,120):.2f},{r.randint(0,1)}\n")
PY
dvc add -q data/raw.csv

cat > params.yaml <<'Y'
prepare:
  split: 0.25
  seed: 42
train:
  lr: 0.05
  epochs: 4
  regions: [eu, us, apac]
evaluate:
  threshold: 0.5
Y

cat > src/prepare.py <<'PY'
import csv, random, sys, yaml, os
p = yaml.safe_load(open("params.yaml"))["prepare"]
rows = list(csv.DictReader(open("data/raw.csv")))
random.Random(p["seed"]).shuffle(rows)
k = int(len(rows) * p["split"])
os.makedirs("data/prepared", exist_ok=True)
for name, part in (("test", rows[:k]), ("train", rows[k:])):
    with open(f"data/prepared/{name}.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=rows[0].keys()); w.writeheader(); w.writerows(part)
PY

cat > src/train.py <<'PY'
import csv, json, yaml, os
p = yaml.safe_load(open("params.yaml"))["train"]
rows = list(csv.DictReader(open("data/prepared/train.csv")))
os.makedirs("plots", exist_ok=True)
loss = 1.0
with open("plots/loss.csv", "w") as f:
    f.write("epoch,loss\n")
    for e in range(p["epochs"]):
        loss = round(loss * (1 - p["lr"] * 4), 4)
        f.write(f"{e},{loss}\n")
rate = sum(int(r["churned"]) for r in rows) / len(rows)
json.dump({"base_rate": round(rate, 4)}, open("model.json", "w"))
json.dump({"train": {"loss": loss, "rows": len(rows)}}, open("metrics.json", "w"), indent=2)
PY

# stage 1: plain stage
dvc stage add -q -n prepare \
  -d src/prepare.py -d data/raw.csv \
  -p prepare.split,prepare.seed \
  -o data/prepared \
  python3 src/prepare.py

# stage 2: params + metrics + plots
dvc stage add -q -n train \
  -d src/train.py -d data/prepared \
  -p train.lr,train.epochs \
  -o model.json \
  -M metrics.json \
  --plots-no-cache plots/loss.csv \
  python3 src/train.py

# `dvc stage add` has no flags for foreach/matrix stages, so those two are
# appended to DVC's dvc.yaml by hand (the documented dvc.yaml syntax);
# `dvc repro` below validates them and writes their dvc.lock entries.
cat >> dvc.yaml <<'Y'
  report:
    foreach: ${train.regions}
    do:
      cmd: python3 -c "import json; json.dump({'region':'${item}'}, open('reports/${item}.json','w'))"
      deps:
      - model.json
      outs:
      - reports/${item}.json:
          cache: false
  evaluate:
    matrix:
      split: [train, test]
      threshold: [0.3, 0.5]
    cmd: >-
      python3 -c "import json; json.dump({'split':'${item.split}','t':${item.threshold}},
      open('eval/${item.split}-${item.threshold}.json','w'))"
    deps:
    - data/prepared
    - model.json
    outs:
    - eval/${item.split}-${item.threshold}.json:
        cache: false
Y
mkdir -p reports eval
# top-level plots definition (DVC 3 syntax)
cat >> dvc.yaml <<'Y'
plots:
- plots/loss.csv:
    x: epoch
    y: loss
Y

dvc repro -q
dvc status -q || true
dvc stage list > stage-list.txt

mkdir -p "$out/data"
cp dvc.yaml dvc.lock params.yaml metrics.json stage-list.txt "$out/"
cp data/raw.csv.dvc "$out/data/"
mkdir -p "$out/src"; cp src/*.py "$out/src/"
