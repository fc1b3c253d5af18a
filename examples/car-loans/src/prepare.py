"""Stage prepare: join loan applications with repayment labels and split train/test."""
import os

import numpy as np
import pandas as pd

from common import load_params

p = load_params("prepare")
apps = pd.read_csv("data/raw/applications.csv")
labels = pd.read_csv("data/raw/repayment_labels.csv")

df = apps.merge(labels, on="id", how="inner")
df = df[df["timestamp"] >= p["min_timestamp"]].sort_values("id")

rng = np.random.default_rng(p["seed"])
is_test = rng.random(len(df)) < p["test_size"]

os.makedirs("data/prepared", exist_ok=True)
df[~is_test].to_csv("data/prepared/train.csv", index=False)
df[is_test].to_csv("data/prepared/test.csv", index=False)
print(f"prepare: train={int((~is_test).sum())} test={int(is_test.sum())}")
