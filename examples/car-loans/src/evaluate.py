"""Stage evaluate: score the held-out test set and write metrics."""
import json
import os
import pickle

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

from common import load_params

p = load_params("evaluate")
with open("models/model.pkl", "rb") as fh:
    bundle = pickle.load(fh)
df = pd.read_csv("data/features/test.csv")
proba = bundle["model"].predict_proba(df[bundle["features"]])[:, 1]
pred = (proba >= p["threshold"]).astype(int)

metrics = {
    "roc_auc": round(float(roc_auc_score(df["repaid"], proba)), 4),
    "accuracy": round(float(accuracy_score(df["repaid"], pred)), 4),
    "f1": round(float(f1_score(df["repaid"], pred)), 4),
    "n_test": int(len(df)),
}
os.makedirs("metrics", exist_ok=True)
with open("metrics/evaluate.json", "w", encoding="utf-8") as fh:
    json.dump(metrics, fh, indent=2)
print("evaluate:", metrics)
