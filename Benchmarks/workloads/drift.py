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


CATEGORIES = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]


def header():
    return [f"n{i}" for i in range(NUMERIC)] + [f"c{i}" for i in range(CATEGORICAL)]


def write(path, rows, shift, seed):
    """Writes the file with numpy when it is there (seconds for a million rows), else with the
    standard library (fine for the quick size). The two generators give different files, so their
    names differ (see `prepare`)."""
    try:
        import numpy
    except ImportError:
        numpy = None
    with open(path, "w") as handle:
        handle.write(",".join(header()) + "\n")
        if numpy is None:
            rng = random.Random(seed)
            for _ in range(rows):
                numbers = [f"{rng.gauss(shift * (i % 3), 1 + i % 4):.6f}" for i in range(NUMERIC)]
                labels = [CATEGORIES[min(5, int(abs(rng.gauss(shift, 1.5))))] for _ in range(CATEGORICAL)]
                handle.write(",".join(numbers + labels) + "\n")
            return
        rng = numpy.random.default_rng(seed)
        means = numpy.array([shift * (i % 3) for i in range(NUMERIC)])
        scales = numpy.array([1 + i % 4 for i in range(NUMERIC)], dtype=float)
        line = ",".join(["%.6f"] * NUMERIC + ["%s"] * CATEGORICAL) + "\n"
        names = numpy.array(CATEGORIES, dtype=object)
        for offset in range(0, rows, 100000):
            count = min(100000, rows - offset)
            numbers = rng.normal(means, scales, size=(count, NUMERIC))
            labels = names[numpy.minimum(5, numpy.abs(rng.normal(shift, 1.5, size=(count, CATEGORICAL))).astype(int))]
            handle.write("".join(line % (tuple(a) + tuple(b)) for a, b in zip(numbers.tolist(), labels.tolist())))


def prepare(data, quick, root):
    rows = 5000 if quick else 1000000
    try:
        import numpy  # noqa: F401
        kind = "np"
    except ImportError:
        kind = "py"
    reference = os.path.join(data, f"drift-reference-{rows}-{kind}.csv")
    current = os.path.join(data, f"drift-current-{rows}-{kind}.csv")
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
