"""Train scikit-learn models on the car-loan reference data and record them with MLflow.

Usage: python train_runs.py <tracking-uri> <example-dir> [<artifact-root-dir>]

  file store : python train_runs.py file:<example>/mlruns <example>
  sqlite     : python train_runs.py sqlite:///<example>/mlflow.db <example> <example>/mlartifacts

Run start/end and metric timestamps are fixed (backdated with MlflowClient.create_run /
set_terminated / log_batch) and every model uses a fixed seed, so params and metric values
are reproducible. MLflow itself picks run ids, logged-model ids and registry timestamps.
"""
import os
import sys
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")   # mlflow 3.x: file store is opt-in
os.environ.setdefault("MLFLOW_ENABLE_ASYNC_LOGGING", "false")
warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from mlflow.entities import Metric, Param, RunStatus, RunTag  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression, SGDClassifier  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score, log_loss, roc_auc_score  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

URI, EX = sys.argv[1], Path(sys.argv[2]).resolve()
ART = Path(sys.argv[3]).resolve() if len(sys.argv) > 3 else None
mlflow.set_tracking_uri(URI)
client = MlflowClient()
MODEL_NAME = "car-loan-default"

train = pd.read_csv(EX / "data/features/train.csv")
test = pd.read_csv(EX / "data/features/test.csv")
ALL = ["log_car_value", "salary_band", "debt_to_income_ratio", "loan_length", "prev_car_repaid",
       "downpayment_pct", "driver_tenure", "loan_to_value", "fraud_score"]
NO_FRAUD = [c for c in ALL if c != "fraud_score"]
OLD = ["log_car_value", "debt_to_income_ratio", "loan_length", "driver_tenure"]

# fake-but-plausible commits of the team's repository
COMMITS = {
    "a": "3f9c2e7b1d4a8c6e0f2b5d7a9c1e3f5b7d9a2c4e",
    "b": "8d1e4f7a2c5b9e0d3f6a1c4e7b2d5f8a0c3e6b9d",
    "c": "c47a0e93b2f15d68e0a1b4c7d9f2e5a8b1c4d7e0",
    "d": "e2b5c8f1a4d7e0b3c6f9a2d5e8b1c4f7a0d3e6b9",
}


def ms(t: datetime) -> int:
    return int(t.replace(tzinfo=timezone.utc).timestamp() * 1000)


def experiment(name, description, tags=None):
    kw = {}
    if ART is not None:
        kw["artifact_location"] = (ART / name).as_uri()
    exp_id = client.create_experiment(name, tags={"mlflow.note.content": description, **(tags or {})}, **kw)
    return exp_id


def compact(s):  # sweep children log fewer metrics
    return {k: v for k, v in s.items() if k != "val_accuracy"}


def scores(model, cols, X=test):
    proba = model.predict_proba(X[cols])[:, 1]
    pred = (proba >= 0.5).astype(int)
    return {"val_auc": round(float(roc_auc_score(X["repaid"], proba)), 5),
            "val_accuracy": round(float(accuracy_score(X["repaid"], pred)), 5),
            "val_f1": round(float(f1_score(X["repaid"], pred)), 5),
            "val_log_loss": round(float(log_loss(X["repaid"], proba)), 5)}


def run(exp_id, name, start, *, user="ana", source="src/train.py", commit=None, parent=None,
        params=None, metrics=None, history=None, tags=None, minutes=3, status="FINISHED",
        model=None, cols=None, inputs=None, register=None):
    """Create one run with fixed timestamps. history: {key: [values per step]}."""
    t = {"mlflow.user": user, "mlflow.source.name": source,
         "mlflow.source.type": "NOTEBOOK" if source.endswith(".ipynb") else "LOCAL"}
    if commit:
        t["mlflow.source.git.commit"] = COMMITS[commit]
    if parent:
        t["mlflow.parentRunId"] = parent
    t.update(tags or {})
    r = client.create_run(exp_id, start_time=ms(start), tags=t, run_name=name)
    rid = r.info.run_id
    end = start + timedelta(minutes=minutes)
    ps = [Param(k, str(v)) for k, v in (params or {}).items()]
    ms_ = [Metric(k, v, ms(end), 0) for k, v in (metrics or {}).items()]
    for key, values in (history or {}).items():
        step_t = start + timedelta(seconds=20)
        ms_ += [Metric(key, float(v), ms(step_t + timedelta(seconds=2 * i)), i + 1) for i, v in enumerate(values)]
    for i in range(0, max(len(ms_), 1), 900):
        client.log_batch(rid, metrics=ms_[i:i + 900], params=ps if i == 0 else [])
    if model is not None or inputs:
        with mlflow.start_run(run_id=rid):
            for ds_name, df, src, ctx in inputs or []:
                ds = mlflow.data.from_pandas(df, source=src, name=ds_name, targets="repaid")
                mlflow.log_input(ds, context=ctx)
            if model is not None:
                X = test[cols].head(5)
                info = mlflow.sklearn.log_model(
                    model, name="model", signature=infer_signature(X, model.predict_proba(X)[:, 1]),
                    pip_requirements=["scikit-learn==1.9.1", "pandas==2.3.3"])
                if register is not None:
                    mv = mlflow.register_model(info.model_uri, MODEL_NAME)
                    register["version"] = mv.version
    client.set_terminated(rid, status=status, end_time=ms(end))
    return rid


def fit_lr(cols, C=1.0, cw=None, seed=42):
    return LogisticRegression(C=C, class_weight=cw, max_iter=300, random_state=seed).fit(train[cols], train["repaid"])


def gbm_history(m, cols):
    auc, dev = [], []
    for p_tr, p_te in zip(m.staged_predict_proba(train[cols]), m.staged_predict_proba(test[cols])):
        dev.append(round(float(log_loss(train["repaid"], p_tr[:, 1])), 5))
        auc.append(round(float(roc_auc_score(test["repaid"], p_te[:, 1])), 5))
    return {"train_log_loss": dev, "val_auc_by_iter": auc}


def sgd_epochs(cols, epochs, seed, alpha):
    m = SGDClassifier(loss="log_loss", alpha=alpha, random_state=seed)
    Xs = (train[cols] - train[cols].mean()) / train[cols].std()
    Xt = (test[cols] - train[cols].mean()) / train[cols].std()
    tr_loss, va_auc = [], []
    for _ in range(epochs):
        m.partial_fit(Xs, train["repaid"], classes=[0, 1])
        tr_loss.append(round(float(log_loss(train["repaid"], m.predict_proba(Xs)[:, 1])), 5))
        va_auc.append(round(float(roc_auc_score(test["repaid"], m.predict_proba(Xt)[:, 1])), 5))
    return {"train_log_loss": tr_loss, "val_auc_by_epoch": va_auc}, va_auc[-1]


counts = {}

# ---------------------------------------------------------------- stale experiment (2024)
old = experiment("car-loan-default-2024q4", "First notebook experiments (Q4 2024). Not used since.")
day = datetime(2024, 10, 2, 9, 30)
for i, (kind, extra) in enumerate([("lr", {}), ("lr", {"C": 0.1}), ("tree", {"max_depth": 3}),
                                   ("tree", {"max_depth": 5}), ("tree", {"max_depth": 8}), ("lr", {"C": 10})]):
    if kind == "lr":
        m = LogisticRegression(C=extra.get("C", 1.0), max_iter=200).fit(train[OLD], train["repaid"])
    else:
        m = DecisionTreeClassifier(max_depth=extra["max_depth"], random_state=0).fit(train[OLD], train["repaid"])
    s = scores(m, OLD)
    run(old, f"{kind}-{i}", day + timedelta(days=7 * i, hours=i), source="notebooks/first_model.ipynb",
        params={"model": kind, "features": ",".join(OLD), **extra},
        metrics={"val_auc": s["val_auc"], "val_accuracy": s["val_accuracy"]}, minutes=1)
counts["car-loan-default-2024q4"] = 6

# ---------------------------------------------------------------- main experiment
main = experiment("car-loan-default", "Default-risk model for the loan approval service.",
                  tags={"team": "credit-risk-ml"})
reg = {}
n = 0


def main_run(name, start, **kw):
    global n
    n += 1
    return run(main, name, start, **kw)


# v1: the first registered model
m = fit_lr(ALL)
v1 = {}
main_run("baseline-lr", datetime(2025, 2, 10, 10, 0), commit="a",
         params={"model": "logistic_regression", "C": 1.0, "max_iter": 300, "seed": 42, "features": ",".join(ALL)},
         metrics=scores(m, ALL), model=m, cols=ALL, register=v1,
         inputs=[("features_train", train, "data/features/train.csv", "training")])
m = fit_lr(NO_FRAUD)
main_run("lr-no-fraud-score", datetime(2025, 2, 12, 14, 5), commit="a",
         params={"model": "logistic_regression", "C": 1.0, "seed": 42, "features": ",".join(NO_FRAUD)},
         metrics=scores(m, NO_FRAUD))
for name, n_est, start in [("gbm-100", 100, datetime(2025, 3, 3, 11, 0)), ("gbm-60", 60, datetime(2025, 3, 4, 9, 40))]:
    g = GradientBoostingClassifier(n_estimators=n_est, max_depth=3, random_state=7).fit(train[ALL], train["repaid"])
    main_run(name, start, user="raj",  # no seed param, no commit: run from a dirty notebook checkout
             source="notebooks/gbm.ipynb",
             params={"model": "gradient_boosting", "n_estimators": n_est, "max_depth": 3, "learning_rate": 0.1},
             metrics=scores(g, ALL), history=gbm_history(g, ALL), minutes=6)
hist, last = sgd_epochs(ALL, 30, 3, 1e-4)
main_run("sgd-logreg-30ep", datetime(2025, 3, 20, 16, 10), commit="b",
         params={"model": "sgd_log_loss", "epochs": 30, "alpha": 1e-4, "seed": 3},
         metrics={"val_auc": last}, history=hist, minutes=4)
m = fit_lr(ALL, cw="balanced")
main_run("lr-balanced", datetime(2025, 4, 2, 10, 20), commit="b",
         params={"model": "logistic_regression", "C": 1.0, "class_weight": "balanced", "seed": 42},
         metrics=scores(m, ALL))
rf = RandomForestClassifier(n_estimators=20, max_depth=5, random_state=11).fit(train[ALL], train["repaid"])
main_run("rf-small", datetime(2025, 4, 15, 13, 0), user="raj",   # no seed param logged
         params={"model": "random_forest", "n_estimators": 20, "max_depth": 5}, metrics=scores(rf, ALL))
main_run("debug-feature-join", datetime(2025, 5, 28, 17, 45), user="raj", source="notebooks/debug.ipynb",
         params={"model": "logistic_regression"}, status="FAILED", minutes=1)
# v2: the current production model
m = fit_lr(ALL, C=1.0)
v2 = {}
prod_run = main_run("lr-retrain-2025-06", datetime(2025, 6, 3, 9, 15), commit="c",
                    params={"model": "logistic_regression", "C": 1.0, "max_iter": 300, "seed": 42,
                            "features": ",".join(ALL), "dvc_stage": "train"},
                    metrics=scores(m, ALL), model=m, cols=ALL, register=v2,
                    tags={"release": "2025-06"},
                    inputs=[("features_train", train, "data/features/train.csv", "training"),
                            ("features_test", test, "data/features/test.csv", "evaluation")])
m = fit_lr(ALL, C=0.3)
main_run("lr-hotfix-march", datetime(2026, 3, 12, 22, 5), user="raj", source="notebooks/hotfix.ipynb",
         params={"model": "logistic_regression", "C": 0.3}, metrics=scores(m, ALL))   # no seed, no commit
m = fit_lr(NO_FRAUD + ["application_month"])
main_run("lr-with-application-month", datetime(2026, 4, 1, 10, 0), commit="d",
         params={"model": "logistic_regression", "C": 1.0, "seed": 42,
                 "features": ",".join(NO_FRAUD + ["application_month"])},
         metrics=scores(m, NO_FRAUD + ["application_month"]))
hist, last = sgd_epochs(ALL, 50, 5, 1e-3)
main_run("sgd-logreg-50ep", datetime(2026, 5, 6, 15, 30), commit="d",
         params={"model": "sgd_log_loss", "epochs": 50, "alpha": 1e-3, "seed": 5},
         metrics={"val_auc": last}, history=hist, minutes=5)
# v3: challenger, trained without a data record or commit
m = fit_lr(ALL, C=0.3, cw="balanced")
v3 = {}
main_run("lr-retrain-2026-10", datetime(2026, 10, 19, 11, 0), user="raj",
         params={"model": "logistic_regression", "C": 0.3, "class_weight": "balanced", "max_iter": 300},
         metrics=scores(m, ALL), model=m, cols=ALL, register=v3)
counts["car-loan-default"] = n

# ---------------------------------------------------------------- sweeps (nested runs)
sw = experiment("car-loan-default-sweeps", "Hyper-parameter sweeps; children are nested under a parent run.")
k = 0
start = datetime(2025, 5, 12, 8, 0)
parent = run(sw, "sweep-lr-C", start, commit="b", params={"model": "logistic_regression", "seed": 42,
                                                           "grid": "C x class_weight"}, minutes=40)
k += 1
best = (0, None)
for i, (C, cw) in enumerate([(C, cw) for C in (0.01, 0.03, 0.1, 0.3, 1.0, 3.0) for cw in (None, "balanced")]):
    m = fit_lr(ALL, C=C, cw=cw)
    s = scores(m, ALL)
    best = max(best, (s["val_auc"], C))
    run(sw, f"lr-C{C}-{cw or 'none'}", start + timedelta(minutes=3 * i), commit="b", parent=parent,
        params={"model": "logistic_regression", "C": C, "class_weight": cw, "seed": 42}, metrics=compact(s),
        minutes=2)
    k += 1
client.log_batch(parent, metrics=[Metric("best_val_auc", best[0], ms(start + timedelta(minutes=40)), 0)],
                 params=[Param("best_C", str(best[1]))])

start = datetime(2025, 9, 22, 13, 0)
parent = run(sw, "sweep-gbm", start, commit="c", user="raj",
             params={"model": "gradient_boosting", "n_estimators": 60, "grid": "learning_rate x max_depth"},
             minutes=90)
k += 1
best = (0, None)
for i, (lr, depth) in enumerate([(lr, d) for lr in (0.05, 0.1, 0.2) for d in (2, 3, 4)]):
    g = GradientBoostingClassifier(n_estimators=60, max_depth=depth, learning_rate=lr, random_state=7)
    g.fit(train[ALL], train["repaid"])
    s = scores(g, ALL)
    best = max(best, (s["val_auc"], f"lr={lr},depth={depth}"))
    # children forgot the seed param and the commit tag
    run(sw, f"gbm-lr{lr}-d{depth}", start + timedelta(minutes=10 * i), user="raj", parent=parent,
        params={"model": "gradient_boosting", "n_estimators": 60, "learning_rate": lr, "max_depth": depth},
        metrics=compact(s), history=gbm_history(g, ALL), minutes=8)
    k += 1
client.log_batch(parent, metrics=[Metric("best_val_auc", best[0], ms(start + timedelta(minutes=90)), 0)],
                 params=[Param("best_config", best[1])])
counts["car-loan-default-sweeps"] = k

# ---------------------------------------------------------------- model registry
client.update_registered_model(MODEL_NAME, description="Probability that a car-loan applicant repays. "
                               "Served by loan_approval_service.")
client.set_registered_model_tag(MODEL_NAME, "owner", "credit-risk-ml")
for v, stage, alias, note in [(v1, "Archived", None, "first model, Feb 2025"),
                              (v2, "Production", "champion", "retrained June 2025; serves loan_approval_service"),
                              (v3, "Staging", "challenger", "candidate; trained from a notebook")]:
    client.transition_model_version_stage(MODEL_NAME, v["version"], stage)
    client.update_model_version(MODEL_NAME, v["version"], description=note)
    if alias:
        client.set_registered_model_alias(MODEL_NAME, alias, v["version"])
client.set_model_version_tag(MODEL_NAME, v2["version"], "validation_status", "approved")

print(f"uri={URI} runs={sum(counts.values())} per-experiment={counts} production_run={prod_run} "
      f"production_version={v2['version']}")
