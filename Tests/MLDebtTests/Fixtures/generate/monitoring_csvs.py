"""Write monitoring/reference.csv and monitoring/current.csv (seeded numpy, pandas).

Usage: python monitoring_csvs.py <out-dir>
500 rows each; columns: timestamp, 3 numeric features, 2 categorical features,
prediction (probability), label (0/1). `current` has deliberate drift in
monthly_spend (mean +25%) and plan (more 'basic'), and a slightly worse model.
Fully deterministic.
"""
import os
import sys

import numpy as np
import pandas as pd

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def frame(seed, start, spend_mean, plan_p, noise):
    rng = np.random.default_rng(seed)
    n = 500
    ts = pd.Timestamp(start, tz="UTC") + pd.to_timedelta(np.sort(rng.integers(0, 7 * 86400, n)), unit="s")
    tenure = rng.integers(1, 73, n)
    spend = rng.normal(spend_mean, 15, n).clip(5).round(2)
    calls = rng.poisson(1.5, n)
    region = rng.choice(["eu", "us", "apac"], n, p=[0.4, 0.4, 0.2])
    plan = rng.choice(["basic", "plus", "pro"], n, p=plan_p)
    logit = -1.5 + 0.6 * calls - 0.03 * tenure + 0.01 * (spend - 50)
    p_true = 1 / (1 + np.exp(-logit))
    label = (rng.uniform(size=n) < p_true).astype(int)
    pred = (p_true + rng.normal(0, noise, n)).clip(0.001, 0.999).round(4)
    return pd.DataFrame({
        "timestamp": ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tenure_months": tenure, "monthly_spend": spend, "support_calls": calls,
        "region": region, "plan": plan, "prediction": pred, "label": label,
    })


frame(101, "2024-05-01", 50, [0.5, 0.3, 0.2], 0.05).to_csv(os.path.join(out, "reference.csv"), index=False)
frame(202, "2024-06-01", 62.5, [0.7, 0.2, 0.1], 0.12).to_csv(os.path.join(out, "current.csv"), index=False)
print("wrote reference.csv, current.csv")
