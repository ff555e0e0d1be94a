#!/usr/bin/python3
"""Key-to-redraw latency of the browser while a big table loads.

  bench_keys.py PAIMON_LENS WAREHOUSE DB.TABLE

Runs the browser in a pseudo-terminal on WAREHOUSE, opens the table's Files
view (the live file set: the longest background load) and, 0.1 to 3 s into
that load, presses '?': the latency is the time until the help screen's
text arrives. One browser per key (Esc would cancel the load). Prints the
median and the worst as RESULT lines (ui.key_latency is the worst)."""
import os
import pty
import select
import signal
import struct
import sys
import termios
import fcntl
import time


def drain(fd, quiet, limit):
    """Reads until the terminal stays silent for `quiet` s (or `limit`)."""
    end = time.monotonic() + limit
    data = b""
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return data
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return data
        if not chunk:
            return data
        data += chunk
    return data


def answer(fd, key, marker, limit=30.0):
    """Seconds from writing key until marker is on the screen (None: not
    within limit). The loading spinner redraws every 100 ms, so the first
    byte back proves nothing: the key's own effect is waited for."""
    t0 = time.monotonic()
    os.write(fd, key)
    seen = b""
    while time.monotonic() - t0 < limit:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return None
        if not chunk:
            return None
        seen = (seen + chunk)[-4096:]
        if marker in seen:
            return time.monotonic() - t0
    return None


def trial(prog, wh, table, after):
    """One browser: the Files view's load started, `after` s later '?'."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(prog, [prog, wh])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    drain(fd, 0.3, 30)
    os.write(fd, (":cd %s\r" % table).encode())
    drain(fd, 0.3, 30)
    os.write(fd, b"7")
    drain(fd, after + 1, after)
    # the spinner redraws every 100 ms while the load runs
    loading = bool(select.select([fd], [], [], 0.15)[0])
    t = answer(fd, b"?", HELP_MARKER)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return t, loading


HELP_MARKER = b"show the Schemas view"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    prog, wh, table = sys.argv[1:]
    lat = []
    for after in (0.1, 0.5, 1.0, 2.0, 3.0):
        t, loading = trial(prog, wh, table, after)
        if t is None:
            print("# '?' %.1f s into the load: no help screen within 30 s" % after)
            t = 30.0
        print("# '?' %.1f s into the load%s: help drawn in %.1f ms"
              % (after, "" if loading else " (load over)", t * 1000))
        lat.append(t)
    lat.sort()
    print("RESULT\tui.key_latency_median\t%.6f\ts" % lat[len(lat) // 2])
    print("RESULT\tui.key_latency\t%.6f\ts" % lat[-1])


if __name__ == "__main__":
    main()
