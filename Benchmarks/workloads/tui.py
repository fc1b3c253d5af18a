"""TUI: the time to render one whole frame of each view (`Shell.render` into a cell buffer) at
250×70 on the bundled example, median over 1,000 frames, in process (`mldebt bench-tui`).
No peer: nothing else renders these views. The per-view medians come from the command's JSON."""
import os

NAME = "tui"
PAIRS = []


def prepare(data, quick, root):
    return {"example": os.path.join(root, "examples", "car-loans"), "frames": 50 if quick else 1000}


def mldebt(context, binary):
    return [("mldebt bench-tui (250x70, %d frames/view)" % context["frames"],
             [binary, "bench-tui", context["example"], "--frames", str(context["frames"]),
              "--width", "250", "--height", "70", "--as-of", "2026-11-23"], None)]


def peers(context, python):
    return []


def details(stdout):
    """The per-view median frame times from the command's JSON, in microseconds."""
    import json
    report = json.loads(stdout)
    return {f"{view} median_us": stats["median_us"] for view, stats in sorted(report["views"].items())}
