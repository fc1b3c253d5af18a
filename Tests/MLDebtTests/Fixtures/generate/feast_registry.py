"""Write the parquet sources for the hand-written Feast repo (seeded numpy).

Usage: python feast_registry.py <repo-dir>
`feast apply` and `feast registry-dump` are then run by generate.sh.
"""
import os
import sys

import numpy as np
import pandas as pd

repo = sys.argv[1]
os.makedirs(os.path.join(repo, "data"), exist_ok=True)
rng = np.random.default_rng(5)
ts = pd.date_range("2024-05-01", periods=20, freq="D", tz="UTC")
pd.DataFrame({
    "customer_id": np.repeat(np.arange(1001, 1006), 4),
    "event_timestamp": ts, "created": ts,
    "tenure_months": rng.integers(1, 60, 20),
    "monthly_spend": rng.normal(50, 10, 20).astype("float32"),
    "support_calls_30d": rng.poisson(1, 20),
    "country": rng.choice(["DE", "US", "FR"], 20),
}).to_parquet(os.path.join(repo, "data/customer_stats.parquet"), index=False)
pd.DataFrame({
    "merchant_id": np.repeat(np.arange(1, 5), 5),
    "event_timestamp": ts,
    "txn_count_1h": rng.integers(0, 100, 20),
    "chargeback_rate_7d": rng.uniform(0, 0.05, 20).astype("float32"),
}).to_parquet(os.path.join(repo, "data/merchant_txn.parquet"), index=False)
print("wrote parquet sources")
