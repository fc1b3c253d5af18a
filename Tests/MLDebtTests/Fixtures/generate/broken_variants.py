"""Derive the broken/ fixtures from the real ones, one defect each.

Usage: python broken_variants.py <Fixtures-dir>

Every variant is a copy of (a subset of) a real fixture written by the tool,
with exactly one deliberate defect (the OpenLineage one has the two defective
lines the brief asks for).  broken/defects.json lists each variant, the file
and line/byte of the defect, and the diagnostic a parser should give.
Deterministic given the real fixtures.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import yaml

fx = os.path.abspath(sys.argv[1])
broken = os.path.join(fx, "broken")
shutil.rmtree(broken, ignore_errors=True)
os.makedirs(broken)
defects = []


def note(variant, path, defect, expect, **extra):
    defects.append({"variant": variant, "file": path, "defect": defect,
                    "expected_diagnostic": expect, **extra})


# ---------------------------------------------------------------- MLflow file store
ids = {}
for line in open(os.path.join(fx, "mlflow-filestore", "ids.txt")):
    parts = line.split()
    if parts[0] == "experiments:":
        ids.update(dict(p.split("=") for p in parts[1:]))
    elif parts[0] == "run":
        ids[parts[1]] = parts[2]
FRAUD = ids["fraud-detection"]
src_mlruns = os.path.join(fx, "mlflow-filestore", "mlruns")


def small_mlruns(variant):
    """Copy of the real mlruns with only Default (0) + fraud-detection (2 runs, no artifacts)."""
    dst = os.path.join(broken, variant, "mlruns")
    os.makedirs(dst)
    for exp in ("0", FRAUD):
        shutil.copytree(os.path.join(src_mlruns, exp), os.path.join(dst, exp))
    return dst


def rel(p):
    return os.path.relpath(p, fx)


# 1. truncated metric line
m = small_mlruns("mlflow-truncated-metric")
f = os.path.join(m, FRAUD, ids["gbm-v1"], "metrics", "train_loss")
lines = open(f).read().splitlines()
ts, val, step = lines[-1].split(" ")
lines[-1] = f"{ts} {val[: max(3, len(val) // 2)]}"  # cut mid-value, step and newline gone
open(f, "w").write("\n".join(lines))
note("mlflow-truncated-metric", rel(f), f"last line ({len(lines)}) truncated to 2 fields, no trailing newline",
     f"warning: metric 'train_loss' of run {ids['gbm-v1']}: line {len(lines)} has 2 fields, expected "
     f"'<timestamp> <value> <step>'; the {len(lines) - 1} good points before it are kept",
     line=len(lines), good_points=len(lines) - 1)

# 2. non-numeric metric value
m = small_mlruns("mlflow-nonnumeric-metric")
f = os.path.join(m, FRAUD, ids["gbm-v1"], "metrics", "val_accuracy")
lines = open(f).read().splitlines()
ts, val, step = lines[2].split(" ")
lines[2] = f"{ts} high {step}"
open(f, "w").write("\n".join(lines) + "\n")
note("mlflow-nonnumeric-metric", rel(f), "line 3 value is 'high'",
     f"warning: metric 'val_accuracy' of run {ids['gbm-v1']}: line 3 value 'high' is not a number "
     "(note: MLflow legitimately writes 'nan', 'inf', '-inf'); other points kept",
     line=3, good_points=len(lines) - 1)

# 3. run directory without meta.yaml
m = small_mlruns("mlflow-missing-meta")
d = os.path.join(m, FRAUD, ids["gbm-v2"])
os.remove(os.path.join(d, "meta.yaml"))
note("mlflow-missing-meta", rel(d), "run directory has params/metrics/tags but no meta.yaml",
     f"warning: run directory {ids['gbm-v2']} in experiment {FRAUD} has no meta.yaml; run skipped "
     "(the other run, gbm-v1, still loads)")

# 4. meta.yaml that is a YAML list, not a mapping
m = small_mlruns("mlflow-meta-not-mapping")
f = os.path.join(m, FRAUD, ids["gbm-v1"], "meta.yaml")
meta = yaml.safe_load(open(f))
open(f, "w").write(yaml.safe_dump([{k: v} for k, v in meta.items()], sort_keys=False))
note("mlflow-meta-not-mapping", rel(f), "meta.yaml is a YAML sequence of one-key mappings",
     f"warning: {FRAUD}/{ids['gbm-v1']}/meta.yaml: expected a mapping at top level, found a sequence; "
     "run skipped (gbm-v2 still loads)")

# ---------------------------------------------------------------- MLflow sqlite
d = os.path.join(broken, "mlflow-sqlite-not-mlflow")
os.makedirs(d)
f = os.path.join(d, "mlflow.db")
con = sqlite3.connect(f)
con.executescript("""
CREATE TABLE inventory (sku TEXT PRIMARY KEY, qty INTEGER NOT NULL, updated TEXT);
INSERT INTO inventory VALUES ('A-100', 4, '2024-06-01'), ('B-200', 0, '2024-06-02');
""")
con.commit()
con.close()
note("mlflow-sqlite-not-mlflow", rel(f), "valid SQLite file whose only table is 'inventory'",
     "error: mlflow.db is a SQLite database but not an MLflow tracking store "
     "(no alembic_version/experiments/runs tables); nothing loaded")

# ---------------------------------------------------------------- OpenLineage
d = os.path.join(broken, "openlineage-bad-lines")
os.makedirs(d)
src = open(os.path.join(fx, "openlineage", "events.jsonl")).read().splitlines()
ev = json.loads(src[1])
ev["eventTime"] = 42
out = [src[0], json.dumps(ev, sort_keys=True), src[2], "this line is not JSON {eventType: COMPLETE", *src[3:]]
f = os.path.join(d, "events.jsonl")
open(f, "w").write("\n".join(out) + "\n")
note("openlineage-bad-lines", rel(f),
     "line 2: eventTime is the number 42 instead of an ISO-8601 string; line 4: not JSON at all",
     "two warnings, each naming file and line: line 2 'eventTime: expected string, found number'; "
     "line 4 'invalid JSON'. The other 5 lines (events) load.",
     lines=[2, 4], good_events=len(out) - 2)

# ---------------------------------------------------------------- DVC
dvc_src = os.path.join(fx, "dvc")


def dvc_copy(variant):
    d = os.path.join(broken, variant)
    os.makedirs(d)
    for name in ("dvc.yaml", "dvc.lock", "params.yaml"):
        shutil.copy(os.path.join(dvc_src, name), d)
    return d


d = dvc_copy("dvc-unknown-field")
f = os.path.join(d, "dvc.yaml")
text = open(f).read()
anchor = "    cmd: python3 src/train.py\n"
assert anchor in text
text = text.replace(anchor, anchor + "    retries: 3\n", 1)
open(f, "w").write(text)
line = text.splitlines().index("    retries: 3") + 1
dvc_says = None
if shutil.which("dvc"):
    with tempfile.TemporaryDirectory() as t:
        subprocess.run(["dvc", "init", "--no-scm", "-q"], cwd=t, check=True)
        shutil.copy(f, t)
        shutil.copy(os.path.join(d, "params.yaml"), t)
        r = subprocess.run(["dvc", "stage", "list"], cwd=t, capture_output=True, text=True)
        dvc_says = "\n".join(l.rstrip() for l in (r.stderr or r.stdout).strip().splitlines())
note("dvc-unknown-field", rel(f), f"stage 'train' has unknown key 'retries' (line {line})",
     f"warning (or error for that stage): dvc.yaml:{line}: stage 'train' has unknown field 'retries'; "
     "DVC itself rejects the file", line=line, dvc_itself_says=dvc_says)

d = dvc_copy("dvc-latin1-params")
f = os.path.join(d, "params.yaml")
raw = open(f, "rb").read()
raw = "# maintainer: René Dupont\n".encode("latin-1") + raw
open(f, "wb").write(raw)
off = raw.index(b"\xe9")
note("dvc-latin1-params", rel(f), f"line 1 is a Latin-1 comment: byte 0xE9 at offset {off} is not valid UTF-8",
     f"error: params.yaml is not valid UTF-8 (byte 0xE9 at offset {off}, line 1); "
     "params from this file unavailable, dvc.yaml/dvc.lock still load", byte_offset=off, line=1)

# ---------------------------------------------------------------- monitoring CSV
d = os.path.join(broken, "monitoring-ragged")
os.makedirs(d)
rows = open(os.path.join(fx, "monitoring", "current.csv")).read().splitlines()
header_n = len(rows[0].split(","))
rows[10] = ",".join(rows[10].split(",")[:-2])  # line 11: two fields short
f = os.path.join(d, "current.csv")
open(f, "w").write("\n".join(rows) + "\n")
note("monitoring-ragged", rel(f), f"line 11 has {header_n - 2} fields, header has {header_n}",
     f"warning: current.csv:11: expected {header_n} fields, found {header_n - 2}; row skipped "
     f"(or the file rejected); {len(rows) - 2} good data rows", line=11, good_rows=len(rows) - 2)

# ---------------------------------------------------------------- Feast
d = os.path.join(broken, "feast-truncated")
os.makedirs(d)
raw = open(os.path.join(fx, "feast", "registry.json"), "rb").read()
cut = len(raw) // 2
f = os.path.join(d, "registry.json")
open(f, "wb").write(raw[:cut])
note("feast-truncated", rel(f), f"file cut at byte {cut} of {len(raw)} (mid-document, unbalanced braces)",
     "error: registry.json: unexpected end of JSON input; no Feast objects loaded", byte_length=cut)

json.dump(defects, open(os.path.join(broken, "defects.json"), "w"), indent=2, ensure_ascii=False)
open(os.path.join(broken, "defects.json"), "a").write("\n")
print(f"wrote {len(defects)} broken variants")
