"""Emit a small OpenLineage event stream through openlineage-python's FileTransport.

Usage: python openlineage_events.py <out-dir>

Writes
  <out-dir>/events.jsonl          FileTransport(append=True): one JSON event per line
  <out-dir>/per-event/ol-<ts>.json  FileTransport(append=False): one file per event,
                                   named by the transport with a wall-clock timestamp
Event contents are fully deterministic (fixed run ids and eventTimes); only the
per-event file names depend on the clock.
"""
import os
import sys
import uuid

import attr
from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import (
    RunFacet,
    DatasetFacet,
    column_lineage_dataset as cl,
    error_message_run,
    job_type_job,
    parent_run,
    schema_dataset,
    sql_job,
)
from openlineage.client.transport.file import FileConfig, FileTransport

PRODUCER = "https://github.com/example/mldebt-fixtures/generate/openlineage_events.py"

out = os.path.abspath(sys.argv[1])
os.makedirs(os.path.join(out, "per-event"), exist_ok=True)


@attr.define
class AcmeCostTrackingRunFacet(RunFacet):
    """A custom facet that no OpenLineage consumer knows."""
    costCenter: str  # noqa: N815
    estimatedUsd: float  # noqa: N815

    @staticmethod
    def _get_schema() -> str:
        return "https://acme.example/schemas/CostTrackingRunFacet.json"


@attr.define
class AcmeDataOwnerDatasetFacet(DatasetFacet):
    owner: str
    piiReviewed: bool  # noqa: N815

    @staticmethod
    def _get_schema() -> str:
        return "https://acme.example/schemas/DataOwnerDatasetFacet.json"


def schema(*cols):
    return schema_dataset.SchemaDatasetFacet(
        fields=[schema_dataset.SchemaDatasetFacetFields(name=n, type=t) for n, t in cols])


def lineage(mapping):
    """mapping: out_col -> [(namespace, name, field, transformation type/subtype)]"""
    return cl.ColumnLineageDatasetFacet(fields={
        col: cl.Fields(inputFields=[
            cl.InputField(namespace=ns, name=nm, field=f,
                          transformations=[cl.Transformation(type=t, subtype=st)])
            for ns, nm, f, t, st in srcs])
        for col, srcs in mapping.items()})


PG = "postgres://warehouse.internal:5432"
S3 = "s3://acme-lake"
RAW = (PG, "analytics.public.customers_raw")
CLEAN = (S3, "clean/customers")
FEAT = (S3, "features/customer_features")
MODEL = (S3, "models/churn")

raw_schema = schema(("customer_id", "BIGINT"), ("email", "VARCHAR"), ("signup_ts", "TIMESTAMP"),
                    ("country", "VARCHAR"), ("monthly_spend", "DECIMAL(10,2)"))
clean_schema = schema(("customer_id", "long"), ("country", "string"), ("tenure_days", "int"),
                      ("monthly_spend", "double"))
feat_schema = schema(("customer_id", "long"), ("tenure_months", "int"), ("spend_30d", "double"),
                     ("is_eu", "boolean"))

run_ids = {
    "load": "01890a5d-ac96-7b3e-8f1a-000000000001",
    "features": "01890a5d-ac96-7b3e-8f1a-000000000002",
    "train": "01890a5d-ac96-7b3e-8f1a-000000000003",
}
NS = "airflow-prod"


def events():
    load_job = Job(namespace=NS, name="etl.load_customers", facets={
        "jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration="AIRFLOW", jobType="TASK"),
        "sql": sql_job.SQLJobFacet(query="SELECT customer_id, country, signup_ts, monthly_spend FROM customers_raw"),
    })
    yield RunEvent(eventType=RunState.START, eventTime="2024-06-01T02:00:00.000Z",
                   run=Run(runId=run_ids["load"]), job=load_job, producer=PRODUCER,
                   inputs=[InputDataset(*RAW)], outputs=[OutputDataset(*CLEAN)])
    yield RunEvent(
        eventType=RunState.COMPLETE, eventTime="2024-06-01T02:04:31.250Z",
        run=Run(runId=run_ids["load"]), job=load_job, producer=PRODUCER,
        inputs=[InputDataset(*RAW, facets={"schema": raw_schema,
                                          "acme_dataOwner": AcmeDataOwnerDatasetFacet(owner="crm-team", piiReviewed=False)})],
        outputs=[OutputDataset(*CLEAN, facets={
            "schema": clean_schema,
            "columnLineage": lineage({
                "customer_id": [(*RAW, "customer_id", "DIRECT", "IDENTITY")],
                "country": [(*RAW, "country", "DIRECT", "IDENTITY")],
                "tenure_days": [(*RAW, "signup_ts", "DIRECT", "TRANSFORMATION")],
                "monthly_spend": [(*RAW, "monthly_spend", "DIRECT", "IDENTITY")],
            })})])

    feat_job = Job(namespace=NS, name="ml.build_customer_features")
    parent = parent_run.ParentRunFacet(run=parent_run.Run(runId=run_ids["load"]),
                                       job=parent_run.Job(namespace=NS, name="etl.load_customers"))
    yield RunEvent(eventType=RunState.START, eventTime="2024-06-01T02:05:00.000Z",
                   run=Run(runId=run_ids["features"], facets={"parent": parent}), job=feat_job,
                   producer=PRODUCER, inputs=[InputDataset(*CLEAN)], outputs=[OutputDataset(*FEAT)])
    yield RunEvent(
        eventType=RunState.COMPLETE, eventTime="2024-06-01T02:09:12.000Z",
        run=Run(runId=run_ids["features"], facets={
            "acme_costTracking": AcmeCostTrackingRunFacet(costCenter="ml-platform", estimatedUsd=0.37)}),
        job=feat_job, producer=PRODUCER,
        inputs=[InputDataset(*CLEAN, facets={"schema": clean_schema})],
        outputs=[OutputDataset(*FEAT, facets={
            "schema": feat_schema,
            "columnLineage": lineage({
                "customer_id": [(*CLEAN, "customer_id", "DIRECT", "IDENTITY")],
                "tenure_months": [(*CLEAN, "tenure_days", "DIRECT", "TRANSFORMATION")],
                "spend_30d": [(*CLEAN, "monthly_spend", "DIRECT", "AGGREGATION")],
                "is_eu": [(*CLEAN, "country", "DIRECT", "TRANSFORMATION"),
                          (*CLEAN, "customer_id", "INDIRECT", "FILTER")],
            })})])

    train_job = Job(namespace="mlflow", name="ml.train_churn")
    yield RunEvent(eventType=RunState.START, eventTime="2024-06-01T03:00:00.000Z",
                   run=Run(runId=run_ids["train"]), job=train_job, producer=PRODUCER,
                   inputs=[InputDataset(*FEAT, facets={"schema": feat_schema})], outputs=[])
    yield RunEvent(eventType=RunState.FAIL, eventTime="2024-06-01T03:01:07.500Z",
                   run=Run(runId=run_ids["train"], facets={
                       "errorMessage": error_message_run.ErrorMessageRunFacet(
                           message="ValueError: Input contains NaN", programmingLanguage="PYTHON")}),
                   job=train_job, producer=PRODUCER,
                   inputs=[InputDataset(*FEAT)], outputs=[OutputDataset(*MODEL)])


jsonl = os.path.join(out, "events.jsonl")
if os.path.exists(jsonl):
    os.remove(jsonl)
append_client = OpenLineageClient(transport=FileTransport(FileConfig(log_file_path=jsonl, append=True)))
per_event_client = OpenLineageClient(transport=FileTransport(
    FileConfig(log_file_path=os.path.join(out, "per-event", "ol"), append=False)))
n = 0
for ev in events():
    append_client.emit(ev)
    per_event_client.emit(ev)
    n += 1
print(f"emitted {n} events")
