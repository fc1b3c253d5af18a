"""Drift: reference and current CSVs of 1,000,000 rows × 20 numeric + 5 categorical columns, the
full drift report end to end, against Evidently's data drift preset and against
pandas.read_csv + SciPy (KS per numeric column, chi-square per categorical one)."""
import os
import random

NAME = "drift"
OK_STATUSES = (0, 1)  # 1 means "drift found", which is the point of the input
PAIRS = [("mldebt drift", "evidently DataDriftPreset"), ("mldebt drift", "pandas + scipy")]
NUMERIC, CATEGORICAL = 20, 5
EVIDENTLY = r"""
import sys, pandas as pd
from evidently import Report
from evidently.presets import DataDriftPreset
ref, cur = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2])
Report([DataDriftPreset()]).run(reference_data=ref, current_data=cur).dict()
"""
PANDAS = r"""
import sys, pandas as pd, numpy as np
from scipy import stats
ref, cur = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2])
for column in ref.columns:
    if ref[column].dtype.kind in "if":
        stats.ks_2samp(ref[column].dropna(), cur[column].dropna())
        stats.wasserstein_distance(ref[column].dropna(), cur[column].dropna())
    else:
        keys = sorted(set(ref[column].dropna()) | set(cur[column].dropna()))
        r = ref[column].value_counts().reindex(keys, fill_value=0).to_numpy(float)
        c = cur[column].value_counts().reindex(keys, fill_value=0).to_numpy(float)
        stats.chisquare(c, (r + 0.5) / (r + 0.5).sum() * c.sum())
"""


def write(path, rows, shift, seed):
    rng = random.Random(seed)
    header = [f"n{i}" for i in range(NUMERIC)] + [f"c{i}" for i in range(CATEGORICAL)]
    categories = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    with open(path, "w") as handle:
        handle.write(",".join(header) + "\n")
        for _ in range(rows):
            numbers = [f"{rng.gauss(shift * (i % 3), 1 + i % 4):.6f}" for i in range(NUMERIC)]
            labels = [categories[min(5, int(abs(rng.gauss(shift, 1.5))))] for _ in range(CATEGORICAL)]
            handle.write(",".join(numbers + labels) + "\n")


def prepare(data, quick, root):
    rows = 5000 if quick else 1000000
    reference = os.path.join(data, f"drift-reference-{rows}.csv")
    current = os.path.join(data, f"drift-current-{rows}.csv")
    for path, shift, seed in ((reference, 0.0, 1), (current, 0.2, 2)):
        if not os.path.exists(path):
            write(path + ".part", rows, shift, seed)
            os.replace(path + ".part", path)
    return {"reference": reference, "current": current}


def mldebt(context, binary):
    return [("mldebt drift", [binary, "drift", "--reference", context["reference"], "--current", context["current"], "--format", "json"], None)]


def peers(context, python):
    return [
        ("evidently DataDriftPreset", [python, "-c", EVIDENTLY, context["reference"], context["current"]], None),
        ("pandas + scipy", [python, "-c", PANDAS, context["reference"], context["current"]], None),
    ]
