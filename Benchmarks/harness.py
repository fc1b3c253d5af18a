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
import shutil
import statistics
import subprocess
import sys
import tempfile
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
    """Runs argv to completion; returns (seconds, peak RSS in KiB, exit status, stderr tail,
    stdout, CPU seconds of the process and its children). Output goes to temporary files, so that neither stream can block the child."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    return elapsed, usage.ru_maxrss, process.returncode, stderr[-600:], stdout, usage.ru_utime + usage.ru_stime


def callgrind(argv, cwd=None):
    """Runs argv once under valgrind's callgrind; returns (instructions executed, exit status,
    stderr tail). Instruction counts barely move with the machine's load, unlike wall time."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--quiet"] + argv
        process = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        total = None
        if os.path.exists(out):
            with open(out) as handle:
                for line in handle:
                    if line.startswith(("summary:", "totals:")):
                        total = int(line.split()[1])
                        break
    return total, process.returncode, process.stderr.decode(errors="replace")[-600:]


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
    info["load_average"] = os.getloadavg()
    try:
        from importlib import metadata
        info["peers"] = {}
        for package in ("mlflow", "evidently", "pandas", "numpy", "scipy", "dvc", "networkx"):
            try:
                info["peers"][package] = metadata.version(package)
            except metadata.PackageNotFoundError:
                pass
    except ImportError:
        pass
    try:
        info["swift"] = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        pass
    return info


def build(root):
    print("building mldebt (make release)…", file=sys.stderr, flush=True)
    subprocess.run(["make", "release"], cwd=root, check=True)
    return os.path.join(root, ".build", "release", "mldebt")


def run_callgrind(args, workloads, selected, binary, data, save):
    """`--callgrind`: each workload's mldebt commands once under callgrind; instruction counts."""
    results, failures = [], 0
    # Valgrind 3.19 cannot read the DWARF 5 that Swift 6.3 writes: count a copy without debug
    # sections (the symbol table stays, so callgrind_annotate still names functions).
    stripped = os.path.join(tempfile.mkdtemp(prefix="mldebt-callgrind-"), "mldebt")
    if shutil.which("objcopy"):
        subprocess.run(["objcopy", "--strip-debug", binary, stripped], check=True)
    else:
        shutil.copy(binary, stripped)
    for name in selected:
        workload = workloads[name]
        print(f"== {name}: preparing inputs", file=sys.stderr, flush=True)
        context = workload.prepare(data, args.quick, args.root)
        for label, argv, cwd in workload.mldebt(context, binary):
            print(f"   callgrind: {label}", file=sys.stderr, flush=True)
            argv = [stripped if part == binary else part for part in argv]
            total, status, tail = callgrind(argv, cwd=cwd)
            if total is None or (status != 0 and status not in getattr(workload, "OK_STATUSES", (0,))):
                print(f"!! {label} exited {status}: {tail}", file=sys.stderr)
                failures += 1
            results.append({"workload": name, "side": "mldebt", "command": label, "argv": argv,
                            "instructions": total})
            save(results)
    print(f"\n{'workload':10} {'command':52} {'instructions':>16}")
    for r in results:
        count = f"{r['instructions']:,}" if r["instructions"] is not None else "-"
        print(f"{r['workload']:10} {r['command'][:52]:52} {count:>16}")
    return results, failures


def run_timed(args, workloads, selected, binary, data, runs, save):
    """Whole processes, several times, alternating mldebt and its peers in every round."""
    results, failures = [], 0
    for name in selected:
        workload = workloads[name]
        print(f"== {name}: preparing inputs", file=sys.stderr, flush=True)
        context = workload.prepare(data, args.quick, args.root)
        commands = [("mldebt", label, argv, cwd) for label, argv, cwd in workload.mldebt(context, binary)]
        if not args.no_peers:
            commands += [("peer", label, argv, cwd) for label, argv, cwd in workload.peers(context, sys.executable)]
        samples = {label: [] for _, label, _, _ in commands}
        outputs, cpus = {}, {}
        for repetition in range(runs):
            print(f"   round {repetition + 1}/{runs}", file=sys.stderr, flush=True)
            for side, label, argv, cwd in commands:  # alternate mldebt and peers in every round
                prime = getattr(workload, "prime", None)
                if prime:  # the same starting state for every command (untimed)
                    prime(context)
                seconds, rss, status, tail, stdout, cpu = measure(argv, cwd=cwd)
                if status != 0 and status not in getattr(workload, "OK_STATUSES", (0,)):
                    print(f"!! {label} exited {status}: {tail}", file=sys.stderr)
                    failures += 1
                samples[label].append((seconds, rss))
                cpus.setdefault(label, []).append(cpu)
                outputs.setdefault(label, []).append(stdout)
                print(f"   {label}: {seconds:.2f} s, {cpu:.2f} s CPU, {rss / 1024:.0f} MiB", file=sys.stderr, flush=True)
        for side, label, argv, cwd in commands:
            times = [s for s, _ in samples[label]]
            result = {
                "workload": name, "side": side, "command": label, "argv": argv,
                "median_seconds": statistics.median(times), "min_seconds": min(times),
                "max_seconds": max(times), "median_cpu_seconds": statistics.median(cpus[label]),
                "peak_rss_mib": max(r for _, r in samples[label]) / 1024,
                "runs": len(times),
            }
            details = getattr(workload, "details", None)
            if details and side == "mldebt":
                # In-process figures the command prints itself: the median over the runs of each.
                try:
                    parsed = [details(text) for text in outputs[label]]
                    result["details"] = {key: statistics.median(p[key] for p in parsed) for key in parsed[0]}
                except (ValueError, KeyError) as error:
                    print(f"!! {label}: cannot read its figures: {error}", file=sys.stderr)
            results.append(result)
        for pair in getattr(workload, "PAIRS", []):
            ours = next((r for r in results if r["workload"] == name and r["command"] == pair[0]), None)
            theirs = next((r for r in results if r["workload"] == name and r["command"] == pair[1]), None)
            if ours and theirs and ours["median_seconds"] > 0:
                theirs["ratio_vs_mldebt"] = theirs["median_seconds"] / ours["median_seconds"]
                theirs["compared_with"] = pair[0]
        save(results)  # after every workload, so that a long run interrupted keeps what it has

    print(f"\n{'workload':10} {'command':52} {'median s':>9} {'CPU s':>8} {'peak MiB':>9} {'peer/mldebt':>12}")
    for r in results:
        ratio = f"{r['ratio_vs_mldebt']:.1f}x" if "ratio_vs_mldebt" in r else ""
        print(f"{r['workload']:10} {r['command'][:52]:52} {r['median_seconds']:9.3f} "
              f"{r['median_cpu_seconds']:8.2f} {r['peak_rss_mib']:9.1f} {ratio:>12}")
        for key, value in r.get("details", {}).items():
            print(f"{'':10}   {key:50} {value:>12,.1f}")
    return results, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", required=True)
    parser.add_argument("--quick", action="store_true", help="small inputs, for a smoke run")
    parser.add_argument("--no-peers", action="store_true", help="measure mldebt only")
    parser.add_argument("--only", default="", help="comma-separated workload names")
    parser.add_argument("--runs", type=int, default=0, help="repetitions per command (default 5, 2 with --quick)")
    parser.add_argument("--binary", default=os.environ.get("MLDEBT_BINARY"), help="an existing mldebt binary")
    parser.add_argument("--callgrind", action="store_true",
                        help="count instructions of mldebt's commands under valgrind (implies --no-peers)")
    args = parser.parse_args()
    if args.callgrind:
        args.no_peers = True
        if shutil.which("valgrind") is None:
            parser.error("--callgrind needs valgrind (Debian: apt-get install valgrind)")

    workloads = load_workloads()
    selected = [name for name in args.only.split(",") if name] or list(workloads)
    unknown = [name for name in selected if name not in workloads]
    if unknown:
        parser.error(f"unknown workload(s): {', '.join(unknown)}; known: {', '.join(workloads)}")
    runs = args.runs or (2 if args.quick else 5)
    binary = args.binary or build(args.root)
    data = os.path.join(args.root, "Benchmarks", ".data", "quick" if args.quick else "full")
    os.makedirs(data, exist_ok=True)

    out = os.path.join(args.root, "Benchmarks", "results")
    os.makedirs(out, exist_ok=True)
    name = "callgrind.json" if args.callgrind else "latest.json"

    def save(results):
        document = {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "quick": args.quick, "peers": not args.no_peers, "runs": 1 if args.callgrind else runs,
            "mode": "callgrind" if args.callgrind else "timed", "machine": machine(), "results": results,
        }
        with open(os.path.join(out, name) + ".part", "w") as handle:
            json.dump(document, handle, indent=2)
        os.replace(os.path.join(out, name) + ".part", os.path.join(out, name))

    if args.callgrind:
        results, failures = run_callgrind(args, workloads, selected, binary, data, save)
    else:
        results, failures = run_timed(args, workloads, selected, binary, data, runs, save)
    save(results)
    print(f"\nwrote {os.path.relpath(os.path.join(out, name), args.root)}", file=sys.stderr)
    if failures:
        print(f"{failures} command run(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
