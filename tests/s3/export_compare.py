#!/usr/bin/python3
"""export_compare.py LOCAL.ndjson REMOTE.ndjson: exit 0 when two exports
of the same lake, one local and one over an object store, agree in every
field but those that name where the lake lives."""
import json
import sys

LOCATION = {
    ("dataset", "namespace"), ("dataset", "name"),
    ("catalog", "warehouseUri"), ("dataSource", "uri"),
    ("identifiers", "namespace"),
    ("catalogProperties", "fileSystem"), ("catalogProperties", "endpoint"),
    ("catalogProperties", "region"),
}


def strip(node, parent=""):
    if isinstance(node, dict):
        return {k: strip(v, k) for k, v in node.items() if (parent, k) not in LOCATION}
    if isinstance(node, list):
        return [strip(v, parent) for v in node]
    return node


def load(path):
    with open(path) as f:
        return [strip(json.loads(line)) for line in f if line.strip()]


a, b = load(sys.argv[1]), load(sys.argv[2])
if not a:
    sys.exit("empty export")
if a != b:
    for x, y in zip(a, b):
        if x != y:
            print(json.dumps(x, sort_keys=True)[:400])
            print(json.dumps(y, sort_keys=True)[:400])
            break
    sys.exit(1)
