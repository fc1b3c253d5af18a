"""The benchmark harness: runs each workload's commands as whole processes, several times,
alternating mldebt and its peers, and reports median wall time, peak RSS and peer/mldebt ratios.

Standard library only, so that `--no-peers` runs anywhere python3 does.
"""
import argparse
import datetime
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def load_workloads():
    workloads = {}
    folder = os.path.join(HERE, "workloads")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py") or name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(folder, name))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        workloads[module.NAME] = module
    return workloads


def measure(argv, cwd=None, env=None):
    """Runs argv to completion; returns (seconds, peak RSS in KiB, exit status, stderr tail)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, process.returncode, stderr.decode(errors="replace")[-600:]


def machine():
    info = {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as handle:
            info["memory_kib"] = int(handle.readline().split()[1])
    except OSError:
        pass
    try:
        info["swift"] = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        pass
    return info


def build(root):
    print("building mldebt (release)…", file=sys.stderr, flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "mldebt"], cwd=root, check=True)
    return os.path.join(root, ".build", "release", "mldebt")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", required=True)
    parser.add_argument("--quick", action="store_true", help="small inputs, for a smoke run")
    parser.add_argument("--no-peers", action="store_true", help="measure mldebt only")
    parser.add_argument("--only", default="", help="comma-separated workload names")
    parser.add_argument("--runs", type=int, default=0, help="repetitions per command (default 5, 2 with --quick)")
    parser.add_argument("--binary", default=os.environ.get("MLDEBT_BINARY"), help="an existing mldebt binary")
    args = parser.parse_args()

    workloads = load_workloads()
    selected = [name for name in args.only.split(",") if name] or list(workloads)
    unknown = [name for name in selected if name not in workloads]
    if unknown:
        parser.error(f"unknown workload(s): {', '.join(unknown)}; known: {', '.join(workloads)}")
    runs = args.runs or (2 if args.quick else 5)
    binary = args.binary or build(args.root)
    data = os.path.join(args.root, "Benchmarks", ".data", "quick" if args.quick else "full")
    os.makedirs(data, exist_ok=True)

    results = []
    failures = 0
    for name in selected:
        workload = workloads[name]
        print(f"== {name}: preparing inputs", file=sys.stderr, flush=True)
        context = workload.prepare(data, args.quick, args.root)
        commands = [("mldebt", label, argv, cwd) for label, argv, cwd in workload.mldebt(context, binary)]
        if not args.no_peers:
            commands += [("peer", label, argv, cwd) for label, argv, cwd in workload.peers(context, sys.executable)]
        samples = {label: [] for _, label, _, _ in commands}
        for repetition in range(runs):
            for side, label, argv, cwd in commands:  # alternate mldebt and peers in every round
                seconds, rss, status, tail = measure(argv, cwd=cwd)
                if status != 0 and status not in getattr(workload, "OK_STATUSES", (0,)):
                    print(f"!! {label} exited {status}: {tail}", file=sys.stderr)
                    failures += 1
                samples[label].append((seconds, rss))
        for side, label, argv, cwd in commands:
            times = [s for s, _ in samples[label]]
            results.append({
                "workload": name, "side": side, "command": label, "argv": argv,
                "median_seconds": statistics.median(times), "min_seconds": min(times),
                "peak_rss_mib": max(r for _, r in samples[label]) / 1024, "runs": len(times),
            })
        for pair in getattr(workload, "PAIRS", []):
            ours = next((r for r in results if r["workload"] == name and r["command"] == pair[0]), None)
            theirs = next((r for r in results if r["workload"] == name and r["command"] == pair[1]), None)
            if ours and theirs and ours["median_seconds"] > 0:
                theirs["ratio_vs_mldebt"] = theirs["median_seconds"] / ours["median_seconds"]
                theirs["compared_with"] = pair[0]

    print(f"\n{'workload':10} {'command':44} {'median s':>9} {'peak MiB':>9} {'peer/mldebt':>12}")
    for r in results:
        ratio = f"{r['ratio_vs_mldebt']:.1f}x" if "ratio_vs_mldebt" in r else ""
        print(f"{r['workload']:10} {r['command'][:44]:44} {r['median_seconds']:9.3f} {r['peak_rss_mib']:9.1f} {ratio:>12}")
    out = os.path.join(args.root, "Benchmarks", "results")
    os.makedirs(out, exist_ok=True)
    document = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "quick": args.quick, "peers": not args.no_peers, "runs": runs, "machine": machine(), "results": results,
    }
    with open(os.path.join(out, "latest.json"), "w") as handle:
        json.dump(document, handle, indent=2)
    print(f"\nwrote {os.path.relpath(os.path.join(out, 'latest.json'), args.root)}", file=sys.stderr)
    if failures:
        print(f"{failures} command run(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
