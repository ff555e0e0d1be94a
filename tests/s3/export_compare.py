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
    def diff(x, y, path):
        if type(x) is not type(y) or not isinstance(x, (dict, list)):
            if x != y:
                print("%s: %r != %r" % (path, x, y))
            return
        if isinstance(x, dict):
            for k in sorted(set(x) | set(y)):
                diff(x.get(k), y.get(k), path + "." + k)
        else:
            if len(x) != len(y):
                print("%s: %d != %d items" % (path, len(x), len(y)))
            for i, (u, v) in enumerate(zip(x, y)):
                diff(u, v, "%s[%d]" % (path, i))
    diff(a, b, "")
    sys.exit(1)
