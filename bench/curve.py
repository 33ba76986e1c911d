#!/usr/bin/env python3
"""The findings curve of issue 12: validation time against the number of
findings, for one campaign of 2,000 to 32,000 one-line partners.

    bench/curve.py COLLAB [--before OLD_COLLAB] [--yamllint YAMLLINT]
                   [--sizes 2000 4000 ...] [--runs 3] [--timeout 300]

For each size and each kind of campaign from bench/gen_partners.py (clean;
one finding per partner: a missing lead; one unknown reference per
partner), it times `collab validate --format json` and the default human
output (median of RUNS), then yamllint on the same files (once), and, with
--before, the same two commands of an older build (once each, given up
after --timeout seconds). It prints a Markdown table, with the growth of
each time from the size before (2.0x per doubling is linear, 4.0x is
quadratic).

Campaigns are kept in bench/work-partners/ (git-ignored) and generated
again only when their stamp differs. Standard library only.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
TODAY = "2026-11-24"
KINDS = ["none", "lead", "ref"]
LABEL = {"none": "clean", "lead": "missing lead", "ref": "unknown reference"}


def campaign(n: int, kind: str) -> Path:
    out = BENCH / "work-partners" / f"{n}-{kind}"
    stamp = f"partners={n} findings={kind} generator=2"
    marker = out / ".bench-partners"
    if not marker.is_file() or marker.read_text().strip() != stamp:
        subprocess.run(
            [sys.executable, str(BENCH / "gen_partners.py"), str(out), "--partners", str(n),
             "--findings", kind, "--force"],
            check=True, stdout=subprocess.DEVNULL,
        )
    return out


def timed(cmd: list, timeout: float):
    """Wall time of one run, or None when it took longer than `timeout`."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode not in (0, 1):
        sys.exit(f"curve: {' '.join(cmd)} exited with {proc.returncode}")
    return time.perf_counter() - start


def median(cmd: list, runs: int, timeout: float):
    times = [timed(cmd, timeout) for _ in range(runs)]
    return None if None in times else statistics.median(times)


def findings(collab: str, folder: Path) -> int:
    out = subprocess.run([collab, "validate", "-C", str(folder), "--today", TODAY, "--format", "json"],
                         capture_output=True, text=True)
    summary = json.loads(out.stdout)["summary"]
    return summary["errors"] + summary["warnings"]


def cell(t, timeout):
    return f"> {timeout:.0f} s" if t is None else f"{t:.3f} s"


def growth(t, prev):
    return "" if t is None or prev is None else f" ({t / prev:.1f}x)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("collab")
    ap.add_argument("--before")
    ap.add_argument("--yamllint")
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000, 16000, 32000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--kinds", nargs="+", default=KINDS, choices=KINDS)
    args = ap.parse_args()

    head = "| partners | findings | partners.yaml | `validate --format json` | `validate` (human) |"
    rule = "|---:|---|---:|---:|---:|"
    if args.yamllint:
        head += " yamllint |"
        rule += "---:|"
    if args.before:
        head += " before: json | before: human |"
        rule += "---:|---:|"
    print(head)
    print(rule)
    for kind in args.kinds:
        prev = {}
        for n in args.sizes:
            folder = campaign(n, kind)
            size = (folder / "partners.yaml").stat().st_size / 1_048_576
            validate = [args.collab, "validate", "-C", str(folder), "--today", TODAY]
            t_json = median(validate + ["--format", "json"], args.runs, args.timeout)
            t_human = median(validate, args.runs, args.timeout)
            count = findings(args.collab, folder)
            row = (f"| {n:,} | {LABEL[kind]}: {count:,} | {size:.2f} MB "
                   f"| {cell(t_json, args.timeout)}{growth(t_json, prev.get('json'))} "
                   f"| {cell(t_human, args.timeout)}{growth(t_human, prev.get('human'))} |")
            prev.update(json=t_json, human=t_human)
            if args.yamllint:
                t = timed(["bash", "-c", f"'{args.yamllint}' -d relaxed -f parsable '{folder}' || true"],
                          args.timeout)
                row += f" {cell(t, args.timeout)} |"
            if args.before:
                old = [args.before] + validate[1:]
                t_bj = timed(old + ["--format", "json"], args.timeout)
                t_bh = timed(old, args.timeout)
                row += (f" {cell(t_bj, args.timeout)}{growth(t_bj, prev.get('bjson'))} "
                        f"| {cell(t_bh, args.timeout)}{growth(t_bh, prev.get('bhuman'))} |")
                prev.update(bjson=t_bj, bhuman=t_bh)
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
