"""Stage featurize: turn raw application columns into model features.

Also joins the fraud team's `fraud_score` (output of their model) as a feature.
"""
import os

import numpy as np
import pandas as pd

from common import load_params

p = load_params("featurize")
fraud = pd.read_csv("data/raw/fraud_scores.csv")[["id", "fraud_score"]]
bands = {name: i for i, name in enumerate(p["salary_bands"])}


def featurize(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"id": df["id"]})
    out["log_car_value"] = np.log(df["car_value"]).round(5)
    out["salary_band"] = df["salary_range"].map(bands).fillna(-1).astype(int)
    out["debt_to_income_ratio"] = df["debt_to_income_ratio"]
    out["loan_length"] = df["loan_length"]
    out["prev_car_repaid"] = df["repaid_loan_on_prev_car"].astype(bool).astype(int)
    out["downpayment_pct"] = df["size_of_downpayment"].str.rstrip("%").astype(float) / 100.0
    out["driver_tenure"] = df["driver_tenure"]
    out["loan_to_value"] = (df["car_value"] * (1 - out["downpayment_pct"]) / df["car_value"].median()).round(5)
    out["application_month"] = pd.to_datetime(df["timestamp"]).dt.month
    if p["include_fraud_score"]:
        out = out.merge(fraud, on="id", how="left")
        out["fraud_score"] = out["fraud_score"].fillna(0.0)
    out["repaid"] = df["repaid"].to_numpy()
    return out


os.makedirs("data/features", exist_ok=True)
for split in ("train", "test"):
    featurize(pd.read_csv(f"data/prepared/{split}.csv")).to_csv(f"data/features/{split}.csv", index=False)
print("featurize: done")
