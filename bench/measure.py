#!/usr/bin/env python3
"""Run a command several times; print its median wall time and peak RSS.

    bench/measure.py RUNS COMMAND [ARGS...]

Prints one line: `<median seconds> <min> <max> <peak RSS in MB>`. The
command's output goes to /dev/null; exit statuses 0 and 1 (findings) count
as success, anything else stops with an error. Standard library only.
"""

import os
import resource
import statistics
import subprocess
import sys
import time


def main() -> int:
    runs = int(sys.argv[1])
    cmd = sys.argv[2:]
    times = []
    peak = 0
    for _ in range(runs):
        start = time.perf_counter()
        pid = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).pid
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"measure: {' '.join(cmd)} exited with {code}")
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
    print(f"{statistics.median(times):.4f} {min(times):.4f} {max(times):.4f} {peak / 1024:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
