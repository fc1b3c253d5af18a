"""Writes the drift oracle fixtures and the values scipy, Evidently and scikit-learn compute on them.

Run from the repository root with the venv of README.md:
    .venv-drift/bin/python Tests/MLDebtTests/Fixtures/drift/compute_expected.py
It (re)writes, next to this file: reference.csv, current.csv, small_reference.csv,
small_current.csv, histograms.csv (computed by DuckDB from the raw CSVs with
examples/histograms/histograms.sql) and expected.json. Everything is deterministic.
"""

import json
import math
import os
import sys

import duckdb
import numpy as np
import pandas as pd
import scipy
import sklearn
from evidently.legacy.calculations.stattests.chisquare_stattest import _chi_stat_test
from evidently.legacy.calculations.stattests.jensenshannon import _jensenshannon
from evidently.legacy.calculations.stattests.psi import _psi
from evidently.legacy.calculations.stattests.registry import _get_default_stattest
from evidently.legacy.calculations.stattests.wasserstein_distance_norm import _wasserstein_distance_norm
from evidently.legacy.calculations.stattests.z_stattest import _z_stat_test
from evidently.legacy.core import ColumnType
from scipy import special, stats
from scipy.spatial import distance
from sklearn import metrics

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
MISSING = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"]


def write_fixtures():
    rng = np.random.default_rng(20240601)

    def frame(n, start, span_days, shift, unseen):
        seconds = np.sort(rng.integers(0, span_days * 86400, n))
        ts = (pd.Timestamp(start) + pd.to_timedelta(seconds, unit="s")).strftime("%Y-%m-%dT%H:%M:%SZ")
        income = np.round(rng.normal(50 + 8 * shift, 10, n), 1)  # rounded: many ties
        income = [f"{v:.1f}" for v in income]
        for i in rng.choice(n, 12, replace=False):
            income[i] = ""
        income[int(rng.integers(0, n))] = "NaN"
        age = rng.integers(18, 70 + 10 * shift, n)
        cities = ["paris", "berlin", "new york, ny", 'the "hub"']
        weights = [0.4, 0.3, 0.2, 0.1] if not shift else [0.25, 0.25, 0.35, 0.15]
        city = list(rng.choice(cities, n, p=weights))
        if unseen:
            for i in rng.choice(n, 9, replace=False):
                city[i] = "zeta"
        for i in rng.choice(n, 5, replace=False):
            city[i] = ""
        member = rng.choice(["yes", "no"], n, p=[0.6, 0.4] if not shift else [0.45, 0.55])
        rooms = rng.integers(1, 5, n)
        score = 1 / (1 + np.exp(-(np.array(age) - 45) / 10 - shift))
        prediction = np.round(score, 4)
        label = [str(int(v)) for v in rng.random(n) < score * 0.9]
        for i in rng.choice(n, 15, replace=False):
            label[i] = ""
        return pd.DataFrame({"ts": ts, "income": income, "age": age, "city": city, "member": member,
                             "rooms": rooms, "prediction": prediction, "label": label})

    reference = frame(300, "2024-01-01", 60, 0, False)
    # 3 weekly windows starting Monday 2024-03-04; later weeks drift more.
    parts = []
    for week, (n, shift) in enumerate([(90, 0), (80, 1), (90, 2)]):
        part = frame(n, f"2024-03-{4 + 7 * week:02d}", 7, shift, True)
        parts.append(part)
    current = pd.concat(parts, ignore_index=True)
    reference.to_csv(os.path.join(HERE, "reference.csv"), index=False)
    current.to_csv(os.path.join(HERE, "current.csv"), index=False)

    # A small, equal-size pair (KS exact, the n1 == n2 path) and an unequal one.
    small_ref = pd.DataFrame({"x": np.round(rng.normal(0, 1, 20), 2)})
    small_cur = pd.DataFrame({"x": np.round(rng.normal(0.7, 1, 20), 2)})
    small_ref.to_csv(os.path.join(HERE, "small_reference.csv"), index=False)
    small_cur.to_csv(os.path.join(HERE, "small_current.csv"), index=False)


def read(name):
    return pd.read_csv(os.path.join(HERE, name), na_values=MISSING, keep_default_na=False,
                       dtype={"city": str, "member": str})


NUMERIC = ["income", "age"]
CATEGORICAL = ["city", "member", "rooms"]


def week_of(ts):
    t = pd.to_datetime(ts, utc=True)
    return (t.dt.tz_localize(None).dt.to_period("W-SUN").dt.start_time).dt.strftime("%Y-%m-%d")


def clean(series):
    return series.replace([np.inf, -np.inf], np.nan).dropna()


def numeric_stats(ref, cur):
    ks = stats.ks_2samp(ref, cur, method="auto")
    n1, n2 = len(ref), len(cur)
    method = "exact" if max(n1, n2) <= 10000 else "asymp"
    w_norm, _ = _wasserstein_distance_norm(ref, cur, ColumnType.Numerical, 0.1)
    psi, _ = _psi(ref, cur, ColumnType.Numerical, 0.1)
    js, _ = _jensenshannon(ref, cur, ColumnType.Numerical, 0.1)
    return {
        "ks_statistic": float(ks.statistic), "ks_p_value": float(ks.pvalue), "ks_method": method,
        "wasserstein": float(stats.wasserstein_distance(ref, cur)),
        "wasserstein_normed": float(w_norm), "reference_std": float(np.std(ref)),
        "psi": float(psi), "jensen_shannon": float(js),
    }


def categorical_stats(ref, cur):
    keys = sorted(set(ref) | set(cur), key=str)
    ref_counts = ref.value_counts()
    cur_counts = cur.value_counts()
    f_exp = [ref_counts.get(k, 0) * len(cur) / len(ref) for k in keys]
    f_obs = [cur_counts.get(k, 0) for k in keys]
    with np.errstate(divide="ignore", invalid="ignore"):
        chi = stats.chisquare(f_obs, f_exp)
    chi_p, _ = _chi_stat_test(ref, cur, ColumnType.Categorical, 0.05)
    psi, _ = _psi(ref, cur, ColumnType.Categorical, 0.1)
    js, _ = _jensenshannon(ref, cur, ColumnType.Categorical, 0.1)
    out = {
        "chi_square": float(chi.statistic), "chi_square_p_value": float(chi_p),
        "chi_square_df": len(keys) - 1, "psi": float(psi), "jensen_shannon": float(js),
        "categories": [str(k) for k in keys],
    }
    if len(keys) == 2:
        z_p, _ = _z_stat_test(ref, cur, ColumnType.Categorical, 0.05)
        out["z_p_value"] = float(z_p)
    return out


def column_block(ref_all, cur_all, column, kind):
    ref, cur = clean(ref_all[column]), clean(cur_all[column])
    ctype = ColumnType.Numerical if kind == "numeric" else ColumnType.Categorical
    block = {
        "type": kind,
        "reference_count": int(len(ref)), "current_count": int(len(cur)),
        "reference_missing": int(len(ref_all) - len(ref)), "current_missing": int(len(cur_all) - len(cur)),
        "evidently_method": _get_default_stattest(ref, cur, ctype).name,
    }
    block.update(numeric_stats(ref, cur) if kind == "numeric" else categorical_stats(ref, cur))
    return block


def quality(frame):
    labelled = frame[frame["label"].notna()]
    y = labelled["label"].astype(int).to_numpy()
    p = labelled["prediction"].to_numpy()
    predicted = (p >= 0.5).astype(int)
    return {
        "rows": int(len(frame)), "labelled": int(len(labelled)),
        "unlabelled": int(len(frame) - len(labelled)),
        "mean_prediction": float(np.mean(p)), "label_rate": float(np.mean(y)),
        "bias": float(np.mean(p) - np.mean(y)),
        "accuracy": float(metrics.accuracy_score(y, predicted)),
        "precision": float(metrics.precision_score(y, predicted, zero_division=0)),
        "recall": float(metrics.recall_score(y, predicted, zero_division=0)),
        "roc_auc": float(metrics.roc_auc_score(y, p)),
        "mae": float(metrics.mean_absolute_error(y, p)),
        "rmse": float(math.sqrt(metrics.mean_squared_error(y, p))),
    }


def windows_block(reference, current):
    out = []
    weeks = week_of(current["ts"])
    for label in ["all"] + sorted(weeks.unique()):
        cur = current if label == "all" else current[weeks == label]
        columns = {c: column_block(reference, cur, c, "numeric") for c in NUMERIC}
        columns.update({c: column_block(reference, cur, c, "categorical") for c in CATEGORICAL})
        out.append({"window": label, "rows": int(len(cur)), "columns": columns, "quality": quality(cur)})
    return out


def kolmogorov_grid():
    points = []
    for n in [7, 50, 139, 141, 500, 5000, 20000, 150000]:
        for z in [0.3, 0.6, 0.9, 1.2, 1.5, 2.0, 3.0, 5.0]:
            d = z / math.sqrt(n)
            if d < 1:
                points.append({"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n))})
        for d in [0.55, 0.8, 0.99]:
            points.append({"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n))})
    return points


def large_ks():
    # Deterministic integer-derived samples (the Swift test rebuilds them exactly).
    a = np.array([(i * 7919) % 10007 for i in range(12000)], dtype=float) / 10007.0
    b = np.array([(i * 104729) % 10009 for i in range(11000)], dtype=float) / 10009.0 + 0.01
    c = np.array([(i * 7919) % 10007 for i in range(10500)], dtype=float) / 10007.0
    out = []
    for name, x, y in [("shifted", a, b), ("same", a, c)]:
        r = stats.ks_2samp(x, y, method="auto")
        out.append({"name": name, "statistic": float(r.statistic), "p_value": float(r.pvalue)})
    return out


def gamma_grid():
    out = []
    for a in [0.5, 1.0, 1.5, 2.0, 3.5, 10.0, 50.0, 200.0]:
        for x in [0.01, 0.5, 1.0, 2.5, 5.0, 20.0, 60.0, 250.0]:
            out.append({"a": a, "x": x, "q": float(special.gammaincc(a, x))})
    return out


def histograms(reference, current):
    con = duckdb.connect()
    con.execute(f"CREATE VIEW reference_rows AS SELECT * EXCLUDE (ts, prediction, label) FROM read_csv('{HERE}/reference.csv', all_varchar = true)")
    con.execute(f"CREATE VIEW current_rows AS SELECT strftime(date_trunc('week', CAST(ts AS TIMESTAMP)), '%Y-%m-%d') AS \"window\", * EXCLUDE (ts, prediction, label) FROM read_csv('{HERE}/current.csv', all_varchar = true)")
    con.execute("CREATE TABLE drift_columns (column_name VARCHAR, column_type VARCHAR, bins INTEGER)")
    con.execute("INSERT INTO drift_columns VALUES ('income', 'numeric', 10), ('age', 'numeric', 8), ('city', 'categorical', 0), ('member', 'categorical', 0), ('rooms', 'categorical', 0)")
    sql = open(os.path.join(ROOT, "examples", "histograms", "histograms.sql")).read()
    rows = con.execute(sql).fetchall()
    with open(os.path.join(HERE, "histograms.csv"), "w") as f:
        f.write("window,column,bin_type,lower,upper,category,count\n")
        for window, column, kind, lower, upper, category, count in rows:
            def num(v):
                return "" if v is None else repr(float(v))
            cat = "" if category is None else category
            if any(ch in cat for ch in ',"\n'):
                cat = '"' + cat.replace('"', '""') + '"'
            f.write(f"{window},{column},{kind},{num(lower)},{num(upper)},{cat},{count}\n")

    # The binned statistics, from the raw rows with the same bins, by scipy.
    hist = pd.read_csv(os.path.join(HERE, "histograms.csv"), keep_default_na=False, na_values=[""],
                       dtype={"category": str})
    weeks = week_of(current["ts"])
    out = []
    for window in sorted(weeks.unique()):
        cur_frame = current[weeks == window]
        for column in NUMERIC + CATEGORICAL:
            h = hist[(hist["column"] == column) & (hist["window"] == "reference")]
            if column in NUMERIC:
                rng = h[h["bin_type"] == "range"].sort_values("lower")
                edges = list(rng["lower"]) + [list(rng["upper"])[-1]]
                interior = np.array(edges[1:-1])

                def counts(values):
                    v = clean(values).astype(float).to_numpy()
                    idx = np.searchsorted(interior, v, side="right")
                    return np.bincount(idx, minlength=len(edges) - 1).astype(float)

                ref_c, cur_c = counts(reference[column]), counts(cur_frame[column])
                centres = [(edges[i] + edges[i + 1]) / 2 for i in range(len(edges) - 1)]
            else:
                keys = sorted(set(clean(reference[column]).astype(str)) | set(clean(cur_frame[column]).astype(str)))
                rv = clean(reference[column]).astype(str).value_counts()
                cv = clean(cur_frame[column]).astype(str).value_counts()
                ref_c = np.array([rv.get(k, 0) for k in keys], dtype=float)
                cur_c = np.array([cv.get(k, 0) for k in keys], dtype=float)
                centres = None
            rp, cp = ref_c / ref_c.sum(), cur_c / cur_c.sum()

            def fill(p):
                p = p.copy()
                m = min(p[p != 0])
                p[p == 0] = m / 10**6 if m <= 0.0001 else 0.0001
                return p

            rf, cf = fill(rp), fill(cp)
            entry = {
                "window": window, "column": column,
                "psi": float(np.sum((rf - cf) * np.log(rf / cf))),
                "jensen_shannon": float(distance.jensenshannon(rp, cp)),
            }
            f_exp = ref_c * cur_c.sum() / ref_c.sum()
            with np.errstate(divide="ignore", invalid="ignore"):
                chi = stats.chisquare(cur_c, f_exp)
            entry["chi_square"] = float(chi.statistic)
            entry["chi_square_p_value"] = float(chi.pvalue)
            if centres is not None:
                wd = stats.wasserstein_distance(centres, centres, ref_c, cur_c)
                mean = np.average(centres, weights=ref_c)
                std = math.sqrt(np.average((np.array(centres) - mean) ** 2, weights=ref_c))
                entry["wasserstein"] = float(wd)
                entry["wasserstein_normed"] = float(wd / max(std, 0.001))
            out.append(entry)
    return out


def car_loans():
    base = os.path.join(ROOT, "examples", "car-loans", "data", "monitoring")
    ref = pd.read_csv(os.path.join(base, "reference.csv"))
    cur = pd.read_csv(os.path.join(base, "analysis.csv"))
    weeks = week_of(cur["timestamp"])
    types = {"car_value": ColumnType.Numerical, "debt_to_income_ratio": ColumnType.Numerical,
             "loan_length": ColumnType.Numerical, "driver_tenure": ColumnType.Numerical,
             "salary_range": ColumnType.Categorical, "repaid_loan_on_prev_car": ColumnType.Categorical,
             "size_of_downpayment": ColumnType.Categorical}
    out = []
    for window in sorted(weeks.unique()):
        c = cur[weeks == window]
        entry = {"window": window, "rows": int(len(c)), "methods": {}}
        for column, t in types.items():
            entry["methods"][column] = _get_default_stattest(clean(ref[column]), clean(c[column]), t).name
        ks = stats.ks_2samp(clean(ref["car_value"]), clean(c["car_value"]))
        entry["car_value_ks_p_value"] = float(ks.pvalue)
        entry["car_value_ks_statistic"] = float(ks.statistic)
        out.append(entry)
    return out


def main():
    write_fixtures()
    reference, current = read("reference.csv"), read("current.csv")
    small_ref, small_cur = read("small_reference.csv"), read("small_current.csv")
    expected = {
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "pandas": pd.__version__, "evidently": __import__("evidently").__version__,
                     "scikit-learn": sklearn.__version__, "duckdb": duckdb.__version__},
        "windows": windows_block(reference, current),
        "small": numeric_stats(small_ref["x"], small_cur["x"]),
        "small_unequal": numeric_stats(small_ref["x"], small_cur["x"][:13]),
        "kolmogorov": kolmogorov_grid(),
        "large_ks": large_ks(),
        "gamma": gamma_grid(),
        "histograms": histograms(reference, current),
        "car_loans": car_loans(),
    }
    def finite(value):
        # JSON has no Infinity or NaN: write them as the strings "inf", "-inf" and "nan".
        if isinstance(value, float) and not math.isfinite(value):
            return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
        if isinstance(value, dict):
            return {k: finite(v) for k, v in value.items()}
        if isinstance(value, list):
            return [finite(v) for v in value]
        return value

    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(finite(expected), f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
