#!/usr/bin/env python3
"""Independent shortest-path costs for QuartierAccess's network tests: scipy.sparse.csgraph.dijkstra.

Input (argv[1]): a text file
    nodes N
    edge U V COST        (directed edge U -> V; parallel edges: the cheapest counts)
    source S             (one line per source node)
Output (stdout): one line per source, in input order: the costs to every node 0..N-1 separated by
spaces, `inf` where unreachable, each printed with repr() (17 significant digits).

Used by Tests/QuartierAccessTests/NetworkReferenceTests.swift (through ReferenceTool).
"""
import sys

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra


def main(path):
    n = 0
    best = {}
    sources = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "nodes":
                n = int(parts[1])
            elif parts[0] == "edge":
                u, v, c = int(parts[1]), int(parts[2]), float(parts[3])
                if c <= 0:
                    sys.exit(f"FAILED: edge {u} {v} has cost {c}; scipy's sparse graph cannot hold it")
                if (u, v) not in best or c < best[(u, v)]:
                    best[(u, v)] = c
            elif parts[0] == "source":
                sources.append(int(parts[1]))
    if n == 0 or not sources:
        sys.exit("FAILED: no nodes or no sources")
    rows = np.array([k[0] for k in best], dtype=np.int64)
    cols = np.array([k[1] for k in best], dtype=np.int64)
    data = np.array(list(best.values()), dtype=np.float64)
    graph = csr_matrix((data, (rows, cols)), shape=(n, n))
    dist = dijkstra(graph, directed=True, indices=sources)
    out = sys.stdout
    for row in dist:
        out.write(" ".join("inf" if np.isinf(x) else repr(float(x)) for x in row))
        out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
