"""Compute, with MLflow's own client, which runs each filter selects in the fixture stores.

Usage (from the repo root; CI never runs this, it only reads the committed JSON):

    python3 -m venv .venv-runs
    .venv-runs/bin/pip install mlflow==3.17.2 -c Tests/MLDebtTests/Fixtures/generate/constraints.txt
    .venv-runs/bin/python Tests/MLDebtTests/Fixtures/runs/compute_expected.py

It copies the file store (../mlflow-filestore/mlruns) and the SQLite store
(../mlflow-sqlite/mlflow.db) to a scratch folder, so MLflow cannot touch the committed
files, runs MlflowClient.search_runs over every live experiment (ACTIVE_ONLY, all pages) for
each filter, and writes expected.json beside this script: per store, per case, the run ids
in MLflow's order.

A case is either one MLflow filter, or an mldebt extension (OR, NOT, IN on params, parentheses)
whose answer is composed from MLflow answers: "union" of several filters, "intersection",
or "complement" (every live run not selected by the filter).
"""
import json
import os
import shutil
import sys
import tempfile

import mlflow
from mlflow import MlflowClient
from mlflow.entities import ViewType

assert mlflow.__version__ == "3.17.2", f"expected mlflow 3.17.2, found {mlflow.__version__}"

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)

# Filters MLflow accepts; each is also an mldebt filter with the same meaning.
MLFLOW_FILTERS = [
    "metrics.auc > 0.8",
    "metrics.val_accuracy >= 0.85",
    "metrics.train_loss < 0.5 and params.max_iter = '200'",
    "metrics.precision_at_1pct = 0.47",
    "metric.best_val_accuracy != 0.5",
    "params.penalty = 'l2'",
    "params.C = \"1.0\"",
    "params.n_estimators != '100'",
    "param.C LIKE '%.%'",
    "parameters.learning_rate ILIKE '0.0%'",
    "params.search IS NOT NULL",
    "tags.error IS NULL",
    "tags.team = 'growth'",
    "tags.`mlflow.runName` LIKE 'sweep%'",
    "tags.\"mlflow.runName\" ILIKE 'GBM%'",
    "tag.error LIKE '%memory'",
    "attributes.status = 'FAILED'",
    "attributes.status != 'FINISHED'",
    "attr.run_name LIKE '%logreg'",
    "run.user_id = 'fixture-bot'",
    "status = 'FINISHED' AND metrics.val_accuracy < 0.9",
    "run_name = 'gbm-v2'",
    "attributes.start_time > 0",
    "attributes.created >= 0 and attributes.end_time > 0",
    "dataset.name = 'churn-train'",
    "dataset.context = 'evaluation'",
    "datasets.name IN ('churn-eval', 'nope')",
    "dataset.name NOT IN ('churn-train')",
    "metrics.x > 0",
]

# Extensions, answered by composing MLflow's answers.
EXTENSIONS = [
    {"filter": "params.penalty = 'l2' OR params.n_estimators = '300'", "union":
        ["params.penalty = 'l2'", "params.n_estimators = '300'"]},
    {"filter": "NOT attributes.status = 'FINISHED'", "complement": "attributes.status = 'FINISHED'"},
    {"filter": "params.C IN ('0.1', '10.0')", "union": ["params.C = '0.1'", "params.C = '10.0'"]},
    {"filter": "tags.team = 'growth' AND (metrics.auc > 0.8 OR params.max_depth = '6')",
     "intersection_of_union": ["tags.team = 'growth'", ["metrics.auc > 0.8", "params.max_depth = '6'"]]},
    {"filter": "NOT (params.C IS NULL)", "complement": "params.C IS NULL"},
]

ORDERINGS = [
    ["metrics.val_accuracy DESC"],
    ["params.C ASC"],
    ["tags.`mlflow.runName` ASC"],
]


def search(client, experiments, filter_string="", order_by=None):
    ids, token = [], None
    while True:
        page = client.search_runs(
            experiment_ids=experiments, filter_string=filter_string,
            run_view_type=ViewType.ACTIVE_ONLY, max_results=1000, order_by=order_by,
            page_token=token)
        ids += [run.info.run_id for run in page]
        token = page.token
        if not token:
            return ids


def cases_for(uri):
    mlflow.set_tracking_uri(uri)
    client = MlflowClient(tracking_uri=uri)
    experiments = [e.experiment_id for e in client.search_experiments(view_type=ViewType.ACTIVE_ONLY)]
    every = search(client, experiments)
    cases = []
    for f in MLFLOW_FILTERS:
        cases.append({"filter": f, "ids": search(client, experiments, f), "ordered": True})
    for ext in EXTENSIONS:
        if "union" in ext:
            ids = set().union(*(search(client, experiments, f) for f in ext["union"]))
        elif "complement" in ext:
            ids = set(every) - set(search(client, experiments, ext["complement"]))
        else:
            first, alternatives = ext["intersection_of_union"]
            either = set().union(*(search(client, experiments, f) for f in alternatives))
            ids = set(search(client, experiments, first)) & either
        cases.append({"filter": ext["filter"], "ids": sorted(ids), "ordered": False})
    orderings = [{"sort": o, "ids": search(client, experiments, "", o)} for o in ORDERINGS]
    return {"experiments": experiments, "all": every, "cases": cases, "orderings": orderings}


def main():
    scratch = tempfile.mkdtemp(prefix="mldebt-runs-expected-")
    try:
        shutil.copytree(os.path.join(FIXTURES, "mlflow-filestore", "mlruns"),
                        os.path.join(scratch, "mlruns"))
        shutil.copy(os.path.join(FIXTURES, "mlflow-sqlite", "mlflow.db"),
                    os.path.join(scratch, "mlflow.db"))
        os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
        result = {
            "mlflow": mlflow.__version__,
            "filestore": cases_for("file://" + os.path.join(scratch, "mlruns")),
            "sqlite": cases_for("sqlite:///" + os.path.join(scratch, "mlflow.db")),
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    with open(os.path.join(HERE, "expected.json"), "w") as out:
        json.dump(result, out, indent=1, sort_keys=True)
        out.write("\n")
    print(f"wrote {len(result['filestore']['cases'])} cases per store", file=sys.stderr)


if __name__ == "__main__":
    main()
