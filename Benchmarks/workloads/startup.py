"""Startup: what a user waits for on a small project (the bundled example)."""
import os

NAME = "startup"
PAIRS = [("mldebt sources car-loans", "dvc dag (car-loans)"), ("mldebt sources car-loans", "mlflow experiments search (car-loans)")]


def prepare(data, quick, root):
    return {"example": os.path.join(root, "examples", "car-loans")}


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
        ("mlflow experiments search (car-loans)",
         [os.path.join(bin_dir, "mlflow"), "experiments", "search", "--view", "all"], example),
    ]
