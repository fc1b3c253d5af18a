"""Write a small, deterministic-as-possible MLflow tracking store.

Usage: python mlflow_tracking.py <tracking-uri> [<artifact-root-dir>]

Without an artifact root (file store) experiments use MLflow's default
artifact location, i.e. inside mlruns/<experiment-id>/.

The same content is written for the file store (file:<dir>) and for
SQLite (sqlite:///<path>).  Run ids / logged-model ids come from
uuid.uuid4(), which we replace with a seeded generator *before* importing
MLflow, so ids are stable across regenerations as long as MLflow consumes
uuids in the same order.  Timestamps are wall-clock and differ each run.
"""
import os
import random
import sys
import uuid

_rng = random.Random(20240601)


def _seeded_uuid4():
    return uuid.UUID(int=_rng.getrandbits(128), version=4)


uuid.uuid4 = _seeded_uuid4

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import mlflow  # noqa: E402
import mlflow.sklearn  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

tracking_uri = sys.argv[1]
artifact_root = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
if artifact_root:
    os.makedirs(artifact_root, exist_ok=True)

mlflow.set_tracking_uri(tracking_uri)
mlflow.set_registry_uri(tracking_uri)
client = MlflowClient()

np_rng = np.random.default_rng(7)
GIT_SHA = "3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39"
COMMON_TAGS = {"team": "growth", "mlflow.source.name": "train.py", "mlflow.user": "fixture-bot"}


def exp(name, sub):
    loc = f"file://{artifact_root}/{sub}" if artifact_root else None
    return client.create_experiment(name, artifact_location=loc, tags={"owner": "fixture-bot"})


def curve(n, start, end, noise=0.01):
    base = np.linspace(start, end, n)
    return [float(round(v, 6)) for v in base + np_rng.normal(0, noise, n)]


def log_curves(loss_start=0.9, acc_start=0.55, steps=10):
    for i, (l, a) in enumerate(zip(curve(steps, loss_start, 0.3), curve(steps, acc_start, 0.88))):
        mlflow.log_metric("train_loss", l, step=i)
        mlflow.log_metric("val_accuracy", a, step=i)


# --- training data (tiny) ---
n = 60
X = pd.DataFrame({
    "tenure_months": np_rng.integers(1, 72, n),
    "monthly_spend": np_rng.normal(50, 15, n).round(2),
    "support_calls": np_rng.poisson(1.5, n),
})
y = (X["support_calls"] + np_rng.normal(0, 1, n) > 2).astype(int)
train_df = X.assign(label=y)
eval_df = train_df.sample(20, random_state=3).reset_index(drop=True)

churn = exp("churn-model", "churn")
fraud = exp("fraud-detection", "fraud")
scratch = exp("scratch-deleted", "scratch")

# ---------------- experiment churn-model ----------------
mlflow.set_experiment(experiment_id=churn)

# 1. baseline with git commit, dataset input, sklearn model (registered v1)
with mlflow.start_run(run_name="baseline-logreg",
                      tags={**COMMON_TAGS, "mlflow.source.git.commit": GIT_SHA,
                            "mlflow.source.type": "LOCAL"}) as r:
    mlflow.log_params({"C": 1.0, "penalty": "l2", "max_iter": 200})
    ds = mlflow.data.from_pandas(train_df, source="data/churn_train.csv",
                                 name="churn-train", targets="label")
    mlflow.log_input(ds, context="training")
    ev = mlflow.data.from_pandas(eval_df, source="data/churn_eval.csv",
                                 name="churn-eval", targets="label")
    mlflow.log_input(ev, context="evaluation")
    log_curves()
    model = LogisticRegression(C=1.0, max_iter=200, random_state=0).fit(X, y)
    mlflow.log_metric("auc", 0.81)
    mlflow.sklearn.log_model(model, name="model", pip_requirements=["scikit-learn==1.9.1"],
                             registered_model_name="churn-classifier")
    baseline_id = r.info.run_id

# 2. run without git commit, also registers model version 2
with mlflow.start_run(run_name="no-git-tag", tags=COMMON_TAGS) as r:
    mlflow.log_params({"C": 0.3, "penalty": "l2", "max_iter": 200})
    log_curves(loss_start=0.95)
    model = LogisticRegression(C=0.3, max_iter=200, random_state=0).fit(X, y)
    mlflow.sklearn.log_model(model, name="model", pip_requirements=["scikit-learn==1.9.1"],
                             registered_model_name="churn-classifier")
    nogit_id = r.info.run_id

client.set_registered_model_alias("churn-classifier", "champion", "1")
client.set_registered_model_tag("churn-classifier", "domain", "retention")
client.set_model_version_tag("churn-classifier", "1", "validated", "true")
client.update_registered_model("churn-classifier", description="Predicts 30-day churn.")

# 3. nested sweep: parent + 2 children (mlflow.parentRunId)
with mlflow.start_run(run_name="hparam-sweep", tags=COMMON_TAGS) as parent:
    mlflow.log_param("search", "grid")
    child_ids = []
    for c in (0.1, 10.0):
        with mlflow.start_run(run_name=f"sweep-C={c}", nested=True, tags=COMMON_TAGS) as child:
            mlflow.log_param("C", c)
            log_curves(steps=5)
            child_ids.append(child.info.run_id)
    mlflow.log_metric("best_val_accuracy", 0.87)
    parent_id = parent.info.run_id

# 4. failed run
mlflow.start_run(run_name="crashed-oom", tags=COMMON_TAGS)
mlflow.log_param("batch_size", 4096)
for i, v in enumerate(curve(3, 0.9, 0.8)):
    mlflow.log_metric("train_loss", v, step=i)
mlflow.set_tag("error", "CUDA out of memory")
failed_id = mlflow.active_run().info.run_id
mlflow.end_run(status="FAILED")

# 5. deleted run
with mlflow.start_run(run_name="oops-deleted", tags=COMMON_TAGS) as r:
    mlflow.log_param("C", 99)
    mlflow.log_metric("train_loss", 1.5, step=0)
    deleted_id = r.info.run_id
client.delete_run(deleted_id)

# ---------------- experiment fraud-detection ----------------
mlflow.set_experiment(experiment_id=fraud)
with mlflow.start_run(run_name="gbm-v1",
                      tags={**COMMON_TAGS, "mlflow.source.git.commit": GIT_SHA[::-1]}) as r:
    mlflow.log_params({"n_estimators": 100, "max_depth": 4, "learning_rate": 0.1})
    log_curves(loss_start=0.7, acc_start=0.6, steps=8)
    mlflow.log_metric("precision_at_1pct", 0.42)
    fraud1 = r.info.run_id
with mlflow.start_run(run_name="gbm-v2", tags=COMMON_TAGS) as r:
    mlflow.log_params({"n_estimators": 300, "max_depth": 6, "learning_rate": 0.05})
    log_curves(loss_start=0.65, acc_start=0.62, steps=8)
    mlflow.log_metric("precision_at_1pct", 0.47)
    fraud2 = r.info.run_id

# ---------------- a deleted experiment (file store: .trash/) ----------------
mlflow.set_experiment(experiment_id=scratch)
with mlflow.start_run(run_name="scratch-run", tags=COMMON_TAGS) as r:
    mlflow.log_metric("x", 1.0)
    scratch_id = r.info.run_id
client.delete_experiment(scratch)

print(f"experiments: churn-model={churn} fraud-detection={fraud} scratch-deleted={scratch}")
for k, v in [("baseline-logreg", baseline_id), ("no-git-tag", nogit_id), ("hparam-sweep", parent_id),
             ("sweep-C=0.1", child_ids[0]), ("sweep-C=10.0", child_ids[1]), ("crashed-oom", failed_id),
             ("oops-deleted", deleted_id), ("gbm-v1", fraud1), ("gbm-v2", fraud2),
             ("scratch-run", scratch_id)]:
    print(f"run {k} {v}")
