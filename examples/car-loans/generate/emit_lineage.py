"""Emit the OpenLineage events of the car-loan system with openlineage-python's FileTransport.

Usage: python emit_lineage.py <example-dir>

Writes <example-dir>/lineage/events.jsonl (FileTransport, append=True: one JSON event per line).
Event times are fixed and run ids are generated with generate_static_uuid(time, job), so the
file is reproducible byte for byte (except the client's `producer`/`schemaURL` if the version changes).
"""
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import (
    column_lineage_dataset,
    datasource_dataset,
    documentation_job,
    error_message_run,
    job_type_job,
    nominal_time_run,
    output_statistics_output_dataset,
    ownership_dataset,
    ownership_job,
    parent_run,
    schema_dataset,
    source_code_location_job,
)
from openlineage.client.transport.file import FileConfig, FileTransport
from openlineage.client.uuid import generate_static_uuid

EX = Path(sys.argv[1]).resolve()
out = EX / "lineage" / "events.jsonl"
out.parent.mkdir(parents=True, exist_ok=True)
if out.exists():
    out.unlink()

def rows(rel):  # real row counts of the files the DVC stages wrote
    with open(EX / rel, encoding="utf-8") as fh:
        return sum(1 for _ in fh) - 1


client = OpenLineageClient(transport=FileTransport(FileConfig(log_file_path=str(out), append=True)))

NS = "car-loans"
REPO = "https://git.example.com/credit-risk/car-loans.git"

# ------------------------------------------------------------------ datasets
RAW = [("car_value", "integer"), ("salary_range", "string"), ("debt_to_income_ratio", "double"),
       ("loan_length", "integer"), ("repaid_loan_on_prev_car", "boolean"), ("size_of_downpayment", "string"),
       ("driver_tenure", "double")]
FEATURES = [("log_car_value", "double"), ("salary_band", "integer"), ("debt_to_income_ratio", "double"),
            ("loan_length", "integer"), ("prev_car_repaid", "integer"), ("downpayment_pct", "double"),
            ("driver_tenure", "double"), ("loan_to_value", "double"), ("application_month", "integer"),
            ("fraud_score", "double"), ("repaid", "integer")]
SCHEMAS = {
    (NS, "loan_applications"): [("id", "integer"), ("timestamp", "timestamp")] + RAW,
    (NS, "repayment_labels"): [("id", "integer"), ("repaid", "integer")],
    ("fraud-platform", "fraud_scores"): [("id", "integer"), ("fraud_score", "double")],
    (NS, "training_set"): [("id", "integer"), ("timestamp", "timestamp")] + RAW + [("repaid", "integer")],
    (NS, "test_set"): [("id", "integer"), ("timestamp", "timestamp")] + RAW + [("repaid", "integer")],
    (NS, "features_train"): [("id", "integer")] + FEATURES,
    (NS, "features_test"): [("id", "integer")] + FEATURES,
    (NS, "default_risk_model"): [],
    (NS, "evaluation_metrics"): [("roc_auc", "double"), ("accuracy", "double"), ("f1", "double")],
    (NS, "predictions"): [("id", "integer"), ("score", "double"), ("model_version", "string"),
                          ("scored_at", "timestamp")],
    ("lending-platform", "loan_decisions"): [("id", "integer"), ("approved", "boolean"), ("score", "double"),
                                             ("threshold", "double"), ("decided_at", "timestamp")],
    ("marketing", "upsell_targets"): [("id", "integer"), ("segment", "string"), ("offer", "string")],
}
SOURCES = {NS: "file:///srv/car-loans", "fraud-platform": "postgres://fraud-db.example.com:5432",
           "lending-platform": "postgres://lending-db.example.com:5432", "marketing": "s3://marketing-lake"}
OWNERS = {(NS, "loan_applications"): "team:data-eng", ("fraud-platform", "fraud_scores"): "team:fraud",
          (NS, "predictions"): "team:credit-risk-ml", ("lending-platform", "loan_decisions"): "team:lending-platform"}

# output column -> (input dataset, [input columns], description, kind)
FEATURE_LINEAGE = {
    "log_car_value": ("set", ["car_value"], "log(car_value)", "INDIRECT"),
    "salary_band": ("set", ["salary_range"], "ordinal band of salary_range", "DIRECT"),
    "debt_to_income_ratio": ("set", ["debt_to_income_ratio"], "identity", "DIRECT"),
    "loan_length": ("set", ["loan_length"], "identity", "DIRECT"),
    "prev_car_repaid": ("set", ["repaid_loan_on_prev_car"], "bool -> 0/1", "DIRECT"),
    "downpayment_pct": ("set", ["size_of_downpayment"], "parse '40%' -> 0.4", "DIRECT"),
    "driver_tenure": ("set", ["driver_tenure"], "identity", "DIRECT"),
    "loan_to_value": ("set", ["car_value", "size_of_downpayment"], "car_value*(1-downpayment)/median", "INDIRECT"),
    "application_month": ("set", ["timestamp"], "month(timestamp)", "INDIRECT"),
    "fraud_score": ("fraud", ["fraud_score"], "join on id", "DIRECT"),
    "repaid": ("set", ["repaid"], "identity", "DIRECT"),
}


def facets(ns, name, column_lineage=None):
    f = {"dataSource": datasource_dataset.DatasourceDatasetFacet(name=ns, uri=SOURCES[ns])}
    fields = SCHEMAS[(ns, name)]
    if fields:
        f["schema"] = schema_dataset.SchemaDatasetFacet(
            fields=[schema_dataset.SchemaDatasetFacetFields(name=n, type=t) for n, t in fields])
    if (ns, name) in OWNERS:
        f["ownership"] = ownership_dataset.OwnershipDatasetFacet(
            owners=[ownership_dataset.Owner(name=OWNERS[(ns, name)])])
    if column_lineage:
        f["columnLineage"] = column_lineage
    return f


def inp(ns, name):
    return InputDataset(namespace=ns, name=name, facets=facets(ns, name))


def outp(ns, name, rows=None, column_lineage=None):
    of = {}
    if rows is not None:
        of["outputStatistics"] = output_statistics_output_dataset.OutputStatisticsOutputDatasetFacet(rowCount=rows)
    return OutputDataset(namespace=ns, name=name, facets=facets(ns, name, column_lineage), outputFacets=of)


def feature_lineage(source_name):
    fields = {}
    for col, (src, cols, desc, _kind) in FEATURE_LINEAGE.items():
        ns, ds = (NS, source_name) if src == "set" else ("fraud-platform", "fraud_scores")
        subtype = "IDENTITY" if desc == "identity" else "TRANSFORMATION"
        fields[col] = column_lineage_dataset.Fields(
            inputFields=[column_lineage_dataset.InputField(
                namespace=ns, name=ds, field=c,
                transformations=[column_lineage_dataset.Transformation(
                    type="DIRECT", subtype=subtype, description=desc)]) for c in cols],
            transformationDescription=desc)
    # every output row is a join of the split with the fraud scores on `id`
    join = [column_lineage_dataset.InputField(
        namespace=ns, name=ds, field="id",
        transformations=[column_lineage_dataset.Transformation(type="INDIRECT", subtype="JOIN")])
        for ns, ds in ((NS, source_name), ("fraud-platform", "fraud_scores"))]
    return column_lineage_dataset.ColumnLineageDatasetFacet(fields=fields, dataset=join)


def job(ns, name, owner, integration, path=None, doc=None):
    f = {"jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration=integration, jobType="JOB"),
         "ownership": ownership_job.OwnershipJobFacet(owners=[ownership_job.Owner(name=owner)])}
    if path:
        f["sourceCodeLocation"] = source_code_location_job.SourceCodeLocationJobFacet(
            type="git", url=f"{REPO}#{path}", repoUrl=REPO, path=path)
    if doc:
        f["documentation"] = documentation_job.DocumentationJobFacet(description=doc)
    return Job(namespace=ns, name=name, facets=f)


count = 0


def emit_run(j, start, minutes, inputs, outputs, parent=None, fail=None):
    """START then COMPLETE (or FAIL) for one run of job j."""
    global count
    t0 = start.replace(tzinfo=timezone.utc)
    run_id = str(generate_static_uuid(t0, f"{j.namespace}/{j.name}".encode()))
    rf = {"nominalTime": nominal_time_run.NominalTimeRunFacet(nominalStartTime=t0.isoformat())}
    if parent:
        rf["parent"] = parent_run.ParentRunFacet(
            run=parent_run.Run(runId=parent[0]), job=parent_run.Job(namespace=NS, name=parent[1]))
    client.emit(RunEvent(eventType=RunState.START, eventTime=t0.isoformat(), run=Run(runId=run_id, facets=rf),
                         job=j, inputs=inputs, outputs=outputs))
    end_facets = dict(rf)
    state = RunState.COMPLETE
    if fail:
        state = RunState.FAIL
        end_facets["errorMessage"] = error_message_run.ErrorMessageRunFacet(
            message=fail, programmingLanguage="python")
    client.emit(RunEvent(eventType=state, eventTime=(t0 + timedelta(minutes=minutes)).isoformat(),
                         run=Run(runId=run_id, facets=end_facets), job=j, inputs=inputs,
                         outputs=[] if fail else outputs))
    count += 2
    return run_id


# ------------------------------------------------------------------ jobs
J = {
    "fraud": job("fraud-platform", "fraud.score_applications", "team:fraud", "AIRFLOW",
                 doc="Fraud team's GBM (fraud-gbm-7) scores every application; owned outside credit-risk-ml."),
    "pipeline": job(NS, "dvc_repro", "team:credit-risk-ml", "DVC", path="dvc.yaml",
                    doc="dvc repro of prepare -> featurize -> train -> evaluate"),
    "prepare": job(NS, "prepare", "team:credit-risk-ml", "DVC", "src/prepare.py"),
    "featurize": job(NS, "featurize", "team:credit-risk-ml", "DVC", "src/featurize.py"),
    "train": job(NS, "train", "team:credit-risk-ml", "DVC", "src/train.py"),
    "evaluate": job(NS, "evaluate", "team:credit-risk-ml", "DVC", "src/evaluate.py"),
    "score": job(NS, "score", "team:credit-risk-ml", "AIRFLOW", "jobs/score_daily.py",
                 doc="Nightly batch scoring of new applications with the production model."),
    "approval": job("lending-platform", "loan_approval_service", "team:lending-platform", "CUSTOM",
                    doc="Approves applications whose score passes the threshold."),
    "labels": job(NS, "collect_repayment_labels", "team:data-eng", "AIRFLOW",
                  doc="Collects repayment outcomes of approved loans (only approved loans get a label)."),
    "upsell": job("marketing", "marketing.upsell_campaign", "team:marketing", "CUSTOM",
                  doc="Weekly upsell list built from the default-risk scores."),
}

# the upstream fraud model scores the applications
emit_run(J["fraud"], datetime(2025, 6, 2, 23, 0), 12, [inp(NS, "loan_applications")],
         [outp("fraud-platform", "fraud_scores", rows("data/raw/fraud_scores.csv"))])

# two pipeline runs: the June 2025 retrain (production) and the October 2026 retrain (challenger)
for start in (datetime(2025, 6, 3, 9, 0), datetime(2026, 10, 19, 10, 30)):
    pid = emit_run(J["pipeline"], start, 14, [], [])
    parent = (pid, "dvc_repro")
    t = start + timedelta(minutes=1)
    emit_run(J["prepare"], t, 1, [inp(NS, "loan_applications"), inp(NS, "repayment_labels")],
             [outp(NS, "training_set", rows("data/prepared/train.csv")), outp(NS, "test_set", rows("data/prepared/test.csv"))], parent)
    t += timedelta(minutes=2)
    emit_run(J["featurize"], t, 2, [inp(NS, "training_set"), inp(NS, "test_set"), inp("fraud-platform", "fraud_scores")],
             [outp(NS, "features_train", rows("data/features/train.csv"), feature_lineage("training_set")),
              outp(NS, "features_test", rows("data/features/test.csv"), feature_lineage("test_set"))], parent)
    t += timedelta(minutes=3)
    emit_run(J["train"], t, 4, [inp(NS, "features_train")], [outp(NS, "default_risk_model")], parent)
    t += timedelta(minutes=5)
    emit_run(J["evaluate"], t, 2, [inp(NS, "default_risk_model"), inp(NS, "features_test")],
             [outp(NS, "evaluation_metrics", 1)], parent)

# nightly scoring, the service's decisions, the labels they produce, and the undeclared consumer
for i, day in enumerate([datetime(2026, 11, 19), datetime(2026, 11, 20), datetime(2026, 11, 21)]):
    score_inputs = [inp(NS, "loan_applications"), inp("fraud-platform", "fraud_scores"), inp(NS, "default_risk_model")]
    if i == 1:
        emit_run(J["score"], day.replace(hour=1), 3, score_inputs, [outp(NS, "predictions")],
                 fail="KeyError: 'fraud_score' (fraud_scores table late)")
        emit_run(J["score"], day.replace(hour=3), 6, score_inputs, [outp(NS, "predictions", 1190 + 7 * i)])
    else:
        emit_run(J["score"], day.replace(hour=1), 6, score_inputs, [outp(NS, "predictions", 1190 + 7 * i)])
    emit_run(J["approval"], day.replace(hour=6), 600, [inp(NS, "predictions")],
             [outp("lending-platform", "loan_decisions", 1190 + 7 * i)])
emit_run(J["labels"], datetime(2026, 11, 22, 4, 0), 20, [inp("lending-platform", "loan_decisions")],
         [outp(NS, "repayment_labels", 812)])
for day in (datetime(2026, 11, 16, 7, 0), datetime(2026, 11, 23, 7, 0)):
    emit_run(J["upsell"], day, 9, [inp(NS, "predictions")], [outp("marketing", "upsell_targets", 240)])

client.close()
print(f"events={count} file={out}")
