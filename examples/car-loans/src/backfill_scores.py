"""Ad-hoc backfill: re-score old applications after the March incident.

Run by hand (`python src/backfill_scores.py`) -- not part of dvc.yaml.
Reads config/train.yaml (not params.yaml) for the threshold.
"""
import os
import pickle

import pandas as pd
import yaml

with open("config/train.yaml", encoding="utf-8") as fh:
    cfg = yaml.safe_load(fh)

with open("models/model.pkl", "rb") as fh:
    bundle = pickle.load(fh)

df = pd.read_csv("data/features/test.csv")
proba = bundle["model"].predict_proba(df[bundle["features"]])[:, 1]
out = pd.DataFrame({"id": df["id"], "score": proba.round(4),
                    "approve": (proba >= cfg["train"]["threshold"]).astype(int)})
os.makedirs(os.path.dirname(cfg["scoring"]["output"]), exist_ok=True)
out.to_csv(cfg["scoring"]["output"], index=False)
print(f"backfill: wrote {len(out)} rows to {cfg['scoring']['output']}")
