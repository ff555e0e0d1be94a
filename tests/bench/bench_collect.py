#!/usr/bin/env python3
"""Memory of governance exports as the catalog grows: peak RSS of
`paimon-lens collect` and `paimon-lens export` over one database (100
tables) and over the whole catalog (1,000 tables). They stream one table at
a time, so the peak must not grow with the table count; printed as RESULT
lines for run-bench.sh (the ratio of the two peaks, target <= 1.25: holding
every event of the catalog would add ~7 MB to a ~14 MB peak).

    bench_collect.py PAIMON_LENS CATALOG_WAREHOUSE
"""
import os
import subprocess
import sys
import tempfile


def peak_kib(argv):
    """Runs argv with output to a scratch file; returns its peak RSS in KiB."""
    with tempfile.TemporaryFile() as out:
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("bench_collect: %s failed" % " ".join(argv))
        return usage.ru_maxrss


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench_collect.py PAIMON_LENS CATALOG_WAREHOUSE")
    pl, wh = sys.argv[1], sys.argv[2]
    dbs = sorted(d[:-3] for d in os.listdir(wh) if d.endswith(".db"))
    tables = sum(len(os.listdir(os.path.join(wh, d + ".db"))) for d in dbs)
    one = dbs[0]
    one_tables = len(os.listdir(os.path.join(wh, one + ".db")))
    runs = {
        "collect": (["collect", wh, "--databases", one, "-o", "-"], ["collect", wh, "-o", "-"]),
        "export": (["export", wh, one, "-o", "-"], ["export", wh, "-o", "-"]),
    }
    print("# %s: %d tables in %d databases; one database: %d tables" %
          (wh, tables, len(dbs), one_tables))
    for name, (small, large) in runs.items():
        a = min(peak_kib([pl] + small) for _ in range(2))
        b = min(peak_kib([pl] + large) for _ in range(2))
        print("# %s: peak %d KiB for %d tables, %d KiB for %d" %
              (name, a, one_tables, b, tables))
        print("RESULT\t%s.peak_small\t%d\tbytes" % (name, a * 1024))
        print("RESULT\t%s.peak_large\t%d\tbytes" % (name, b * 1024))
        print("RESULT\t%s.peak_growth\t%.4f\tx" % (name, b / a))
        print("RESULT\t%s.tables_growth\t%.4f\tx" % (name, tables / one_tables))


main()
