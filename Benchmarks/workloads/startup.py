"""Startup: what a user waits for on a small project (the bundled example)."""
import os
import shutil

NAME = "startup"
PAIRS = [("mldebt sources car-loans", "dvc dag (car-loans)"), ("mldebt sources car-loans", "mlflow experiments search (car-loans)")]


def prepare(data, quick, root):
    # A copy: `dvc dag` writes .dvc/tmp into the project it runs in, and the example stays clean.
    copy = os.path.join(data, "car-loans")
    if not os.path.isdir(copy):
        shutil.copytree(os.path.join(root, "examples", "car-loans"), copy + ".part", symlinks=True)
        os.replace(copy + ".part", copy)
    return {"example": copy}


def mldebt(context, binary):
    example = context["example"]
    return [
        ("mldebt sources car-loans", [binary, "sources", example, "--format", "json"], None),
        ("mldebt score car-loans", [binary, "score", example, "--format", "json", "--as-of", "2026-11-23"], None),
    ]


def peers(context, python):
    bin_dir = os.path.dirname(python)
    example = context["example"]
    return [
        ("dvc dag (car-loans)", [os.path.join(bin_dir, "dvc"), "dag"], example),
        # MLflow 3 refuses its file store unless told to allow it (the example has ./mlruns).
        ("mlflow experiments search (car-loans)",
         ["/usr/bin/env", "MLFLOW_ALLOW_FILE_STORE=true", os.path.join(bin_dir, "mlflow"), "experiments",
          "search", "--view", "all"], example),
    ]
