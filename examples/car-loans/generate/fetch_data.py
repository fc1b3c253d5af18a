"""Extract NannyML's synthetic car-loan data and write the example's raw and monitoring CSVs.

Usage: python fetch_data.py <dir-with-unzipped-nannyml-wheel> <example-dir>

Everything here is deterministic (fixed seeds); re-running gives byte-identical CSVs.
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250110
src = Path(sys.argv[1]) / "nannyml" / "datasets" / "data"
out = Path(sys.argv[2])

ref = pd.read_csv(src / "synthetic_car_loan_reference.csv")
ana = pd.read_csv(src / "synthetic_car_loan_analysis.csv")
tgt = pd.read_csv(src / "synthetic_car_loan_analysis_target.csv")
ana = ana.merge(tgt, on="id", how="left")

FEATURES = ["car_value", "salary_range", "debt_to_income_ratio", "loan_length",
            "repaid_loan_on_prev_car", "size_of_downpayment", "driver_tenure"]


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    # shorten long floats so the example stays small (4 decimals is far below the noise)
    df["debt_to_income_ratio"] = df["debt_to_income_ratio"].round(4)
    df["driver_tenure"] = df["driver_tenure"].round(4)
    df["car_value"] = df["car_value"].astype(int)
    df["loan_length"] = df["loan_length"].astype(int)
    df["timestamp"] = pd.to_datetime(df["timestamp"]).dt.strftime("%Y-%m-%dT%H:%M:%S")
    return df


ref = tidy(ref)
ana = tidy(ana)

# ---- monitoring: reference (6000 rows of the reference period) and analysis (340 rows from every whole week) ----
mon_cols = ["id", "timestamp"] + FEATURES + ["y_pred_proba", "y_pred", "repaid"]
reference = ref.sample(n=6000, random_state=SEED).sort_values("id")[mon_cols]
reference["repaid"] = reference["repaid"].astype(int)

# keep whole ISO weeks only (Monday 2018-11-05 .. Sunday 2019-08-25) so every 1w window is full,
# and sample the same number of rows from every week
ts = pd.to_datetime(ana["timestamp"])
ana = ana[(ts >= "2018-11-05") & (ts < "2019-08-26")]
week = pd.to_datetime(ana["timestamp"]).dt.to_period("W").astype(str)
analysis = (ana.groupby(week, group_keys=False)
            .apply(lambda g: g.sample(n=min(len(g), 340), random_state=SEED + 1))
            .sort_values("id")[mon_cols].copy())
# labels arrive late: the last 4 weeks of the analysis period have no `repaid` yet
ts = pd.to_datetime(analysis["timestamp"])
cutoff = ts.max() - pd.Timedelta(weeks=4)
analysis["repaid"] = analysis["repaid"].astype("Int64")
analysis.loc[ts > cutoff, "repaid"] = pd.NA

(out / "data" / "monitoring").mkdir(parents=True, exist_ok=True)
reference.to_csv(out / "data" / "monitoring" / "reference.csv", index=False)
analysis.to_csv(out / "data" / "monitoring" / "analysis.csv", index=False)

# ---- raw inputs of the DVC pipeline (2400 other rows of the reference period) ----
raw = ref.drop(reference.index).sample(n=2400, random_state=SEED + 2).sort_values("id")
(out / "data" / "raw").mkdir(parents=True, exist_ok=True)
raw[["id", "timestamp"] + FEATURES].to_csv(out / "data" / "raw" / "applications.csv", index=False)
labels = raw[["id", "repaid"]].copy()
labels["repaid"] = labels["repaid"].astype(int)
labels.to_csv(out / "data" / "raw" / "repayment_labels.csv", index=False)

# Scores of the upstream fraud team's model (synthetic, deterministic): the fraud model
# itself lives in another repository; this example only sees its output table.
rng = np.random.default_rng(SEED + 3)
dti = raw["debt_to_income_ratio"].to_numpy()
prev = raw["repaid_loan_on_prev_car"].astype(bool).to_numpy()
logit = -2.0 + 2.5 * dti - 0.8 * prev + rng.normal(0, 0.7, len(raw))
fraud = pd.DataFrame({"id": raw["id"].to_numpy(),
                      "fraud_score": np.round(1 / (1 + np.exp(-logit)), 4)})
fraud.to_csv(out / "data" / "raw" / "fraud_scores.csv", index=False)

weeks = pd.to_datetime(analysis["timestamp"]).dt.to_period("W")
print(f"reference rows={len(reference)} analysis rows={len(analysis)} "
      f"weeks={weeks.nunique()} min/week={weeks.value_counts().min()} "
      f"labelled={analysis['repaid'].notna().sum()} raw={len(raw)}")
