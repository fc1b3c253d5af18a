"""Runs: an MLflow file store of 20,000 runs (30 params, 10 metrics of 100 steps each), loaded
whole: mldebt reading every run with params, tags and latest metrics, against MLflow's own
`MlflowClient.search_runs` over all pages of the same store."""
import os
import random
import shutil
import subprocess

NAME = "runs"
PAIRS = [("mldebt runs --no-cache (cold)", "MlflowClient.search_runs (all pages)")]
PEER = r"""
import sys, os
os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
from mlflow.tracking import MlflowClient
client = MlflowClient(tracking_uri="file:" + sys.argv[1])
experiments = client.search_experiments()
count, token = 0, None
while True:
    page = client.search_runs([e.experiment_id for e in experiments], max_results=50000, page_token=token)
    count += len(page)
    for run in page:
        run.data.params, run.data.tags, run.data.metrics
    token = page.token
    if not token:
        break
print(count)
"""


def write_store(folder, runs, params, metrics, steps, seed=7):
    rng = random.Random(seed)
    store = os.path.join(folder, "mlruns")
    experiment = "1"
    root = os.path.join(store, experiment)
    os.makedirs(os.path.join(store, "0"), exist_ok=True)
    with open(os.path.join(store, "0", "meta.yaml"), "w") as handle:
        handle.write(f"artifact_location: file://{store}/0\ncreation_time: 1700000000000\nexperiment_id: '0'\n"
                     "last_update_time: 1700000000000\nlifecycle_stage: active\nname: Default\n")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "meta.yaml"), "w") as handle:
        handle.write(f"artifact_location: file://{root}\ncreation_time: 1700000000000\nexperiment_id: '{experiment}'\n"
                     "last_update_time: 1700000000000\nlifecycle_stage: active\nname: bench\n")
    for index in range(runs):
        run_id = "%032x" % rng.getrandbits(128)
        run = os.path.join(root, run_id)
        for sub in ("params", "metrics", "tags", "artifacts"):
            os.makedirs(os.path.join(run, sub), exist_ok=True)
        start = 1700000000000 + index * 1000
        with open(os.path.join(run, "meta.yaml"), "w") as handle:
            handle.write(
                f"artifact_uri: file://{run}/artifacts\nend_time: {start + 900}\nentry_point_name: ''\n"
                f"experiment_id: '{experiment}'\nlifecycle_stage: active\nrun_id: {run_id}\nrun_name: run-{index}\n"
                f"source_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: {start}\nstatus: 3\ntags: []\n"
                "user_id: bench\n")
        for p in range(params):
            with open(os.path.join(run, "params", f"param_{p}"), "w") as handle:
                handle.write(str(rng.choice([0.1, 0.01, 1, 10, "adam", "sgd", 32, 64])))
        for m in range(metrics):
            with open(os.path.join(run, "metrics", f"metric_{m}"), "w") as handle:
                value = rng.random()
                handle.write("".join(f"{start + s} {value + s * 0.001} {s}\n" for s in range(steps)))
        for key, value in (("mlflow.runName", f"run-{index}"), ("mlflow.user", "bench"),
                           ("mlflow.source.git.commit", "%040x" % rng.getrandbits(160))):
            with open(os.path.join(run, "tags", key), "w") as handle:
                handle.write(value)
    return store


def prepare(data, quick, root):
    size = (200, 30, 10, 20) if quick else (20000, 30, 10, 100)
    folder = os.path.join(data, "runs-%d" % size[0])
    marker = os.path.join(folder, ".complete")
    if not os.path.exists(marker):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        write_store(folder, *size)
        open(marker, "w").close()
    return {"folder": folder, "store": os.path.join(folder, "mlruns")}


def prime(context):
    """Reads every file of the store before each timed command, mldebt's and MLflow's alike, so
    that each starts with the store in the page cache: "cold" means no mldebt cache, not a
    cold disk. (The kernel reclaims pages in the background; without this, whichever command
    ran just before decided how much of the store the next one read from disk.)"""
    subprocess.run(
        "find . -type f -print0 | xargs -0 -P 2 -n 2000 cat > /dev/null",
        shell=True, cwd=context["store"], check=True)


def mldebt(context, binary):
    folder = context["folder"]
    return [
        # --no-cache: `sources` reads full metric histories, which the cache would then hold.
        ("mldebt sources (all runs)", [binary, "sources", folder, "--format", "json", "--no-cache"], None),
        # `mldebt runs` lists every run with its params, tags and latest metrics; --no-cache reads
        # the whole store, the plain command reuses the .mldebt/ run cache (written by the first
        # plain call, so every measured call after round one is warm).
        ("mldebt runs --no-cache (cold)", [binary, "runs", folder, "--format", "json", "--no-cache"], None),
        ("mldebt runs (warm cache)", [binary, "runs", folder, "--format", "json"], None),
        # What a person asks of a warm store: every run loaded with its latest metrics, params
        # and tags, filtered, sorted and the top ten printed (the 200 ms goal of docs/runs.md).
        ("mldebt runs --filter --sort --limit 10 (warm query)",
         [binary, "runs", folder, "--filter", "metrics.metric_0 > 0.5", "--sort", "metrics.metric_0 DESC",
          "--limit", "10"], None),
    ]


def peers(context, python):
    return [("MlflowClient.search_runs (all pages)", [python, "-c", PEER, context["store"]], None)]
