"""Lineage: a synthetic graph of 100,000 nodes and 300,000 edges, built and analysed in one
process (mldebt's `bench-lineage` command, which also times 1,000 impact queries), against
networkx on the same graph exported as an edge list."""
import os
import subprocess

NAME = "lineage"
PAIRS = [("mldebt bench-lineage", "networkx descendants/ancestors + cycles")]
PEER = r"""
import sys, networkx as nx, random
graph = nx.DiGraph()
with open(sys.argv[1]) as handle:
    for line in handle:
        a, b = line.split()[:2]
        graph.add_edge(a, b)
list(nx.strongly_connected_components(graph))
nodes = list(graph.nodes)
rng = random.Random(1)
for _ in range(int(sys.argv[2])):
    node = rng.choice(nodes)
    nx.descendants(graph, node)
    nx.ancestors(graph, node)
count = 0
for cycle in nx.simple_cycles(graph):
    count += 1
    if count >= 1000:
        break
"""


def prepare(data, quick, root):
    nodes, edges, queries = (2000, 6000, 50) if quick else (100000, 300000, 1000)
    return {"nodes": nodes, "edges": edges, "queries": queries, "edge_list": os.path.join(data, f"lineage-{nodes}.tsv")}


def mldebt(context, binary):
    argv = [binary, "bench-lineage", "--nodes", str(context["nodes"]), "--edges", str(context["edges"]),
            "--queries", str(context["queries"])]
    if not os.path.exists(context["edge_list"]):
        # The same seeded graph, exported once for the peer.
        subprocess.run(argv + ["--export", context["edge_list"]], check=False, stdout=subprocess.DEVNULL)
    return [("mldebt bench-lineage", argv, None)]


def peers(context, python):
    return [("networkx descendants/ancestors + cycles", [python, "-c", PEER, context["edge_list"], str(context["queries"])], None)]


def details(stdout):
    """The in-process figures `mldebt bench-lineage` prints (wall time, milliseconds and
    microseconds)."""
    import json
    report = json.loads(stdout)
    figures = {"build_ms": report["build_ms"], "signals_ms": report["signals_ms"]}
    for query in ("closure_down", "closure_up", "impact", "path"):
        figures[f"{query} median_us"] = report["query_us"][query]["median"]
    return figures
