#!/usr/bin/env python3
"""Generate a large, valid collab workspace for benchmarking.

    bench/gen_workspace.py OUT_DIR [--campaigns N] [--seed S] [--force]

Campaigns are copies of the shipped examples, taken in turn (an OASIS
campaign led by a government department, a ROSIE one led by a council).
Each copy gets its own campaign id, name and plan title (campaign-0001,
...), moves every date by the same 0 to 4 weeks, and keeps a seeded choice
of its optional meetings, so ids, names, dates and sizes (5 to 7 YAML
documents) vary. Partner, channel, objective and metric ids are left
untouched inside each campaign, so every cross-reference still resolves
and the workspace validates with no findings as of --today 2026-11-24.

The output is deterministic: the same arguments give the same bytes.
Python 3 standard library only.
"""

import argparse
import datetime
import random
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = [REPO / "examples" / "winter-fire-safety", REPO / "examples" / "safer-streets"]

# Every date in a campaign moves by the same whole number of weeks, drawn
# per campaign from this range, so weekdays and intervals are kept.
SHIFT_WEEKS = range(0, 5)
DATE = re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)")

# Each campaign keeps its initial partnering meeting; the others are
# kept or dropped per campaign so the document count varies.

# A hidden marker (the walker skips hidden files) recording how the
# workspace was generated, so bench/run.sh can tell when to regenerate.
STAMP = ".bench-workspace"

PLACES = [
    "Lancashire", "Cumbria", "Merseyside", "Cheshire", "Greater Manchester",
    "Kingsmere", "Northshire", "Westvale", "Eastbrook", "Southfold",
]


def read_source(source: Path) -> dict:
    """All files of the source campaign, as {relative posix path: text}."""
    files = {}
    for path in sorted(source.rglob("*")):
        if path.is_file():
            rel = path.relative_to(source).as_posix()
            files[rel] = path.read_text(encoding="utf-8")
    required = ["collab.toml", "plan.yaml", "partners.yaml", "evaluation.yaml"]
    missing = [r for r in required if r not in files]
    if missing:
        sys.exit(f"gen_workspace: {source} is missing {', '.join(missing)}")
    return files


def sub_once(pattern: str, repl: str, text: str, what: str) -> str:
    new, n = re.subn(pattern, lambda _m: repl, text, count=1, flags=re.MULTILINE)
    if n != 1:
        sys.exit(f"gen_workspace: could not find {what} in the source campaign")
    return new


def shift_dates(text: str, days: int) -> str:
    def move(m):
        d = datetime.date(int(m[1]), int(m[2]), int(m[3])) + datetime.timedelta(days=days)
        return d.isoformat()
    return DATE.sub(move, text) if days else text


def campaign_files(files: dict, index: int, rng: random.Random) -> dict:
    cid = f"campaign-{index:04d}"
    place = rng.choice(PLACES)
    title = re.search(r'^name = "([^"]*)"', files["collab.toml"], re.M)
    name = f"{title[1] if title else 'Campaign'}, {place} {index:04d}"
    days = 7 * rng.choice(SHIFT_WEEKS)
    meetings = sorted(r.split("/", 1)[1] for r in files if r.startswith("meetings/"))
    first_meeting = "initial-partnering.yaml" if "initial-partnering.yaml" in meetings else meetings[0]
    out = {}
    for rel, text in files.items():
        text = shift_dates(text, days)
        if rel == "collab.toml":
            text = sub_once(r'^id = "[^"]*"', f'id = "{cid}"', text, "[campaign] id")
            text = sub_once(r'^name = "[^"]*"', f'name = "{name}"', text, "[campaign] name")
        elif rel == "plan.yaml":
            text = sub_once(r"^title: .*$", f"title: {name}", text, "plan title")
        elif rel.startswith("meetings/"):
            base = rel.split("/", 1)[1]
            # Keep each optional meeting with probability 2/3 (on average
            # about 6 documents a campaign).
            if base != first_meeting and rng.random() >= 2 / 3:
                continue
        out[rel] = text
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path, help="workspace folder to create")
    ap.add_argument("--campaigns", type=int, default=500, help="number of campaigns (default 500)")
    ap.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    ap.add_argument("--source", type=Path, action="append",
                    help="campaign folder to copy; repeat for several, used in turn "
                         "(default: both examples)")
    ap.add_argument("--force", action="store_true", help="replace OUT_DIR if it is not empty")
    args = ap.parse_args()

    if args.campaigns < 1:
        ap.error("--campaigns must be at least 1")
    out_dir: Path = args.out_dir
    if out_dir.exists() and any(out_dir.iterdir()):
        if not args.force:
            sys.exit(f"gen_workspace: {out_dir} is not empty (use --force to replace it)")
        shutil.rmtree(out_dir)

    # Sort files by name so the per-campaign random draws happen in a
    # fixed order whatever order the file system lists them in.
    sources = [dict(sorted(read_source(s).items())) for s in (args.source or DEFAULT_SOURCES)]

    n_files = n_docs = 0
    for i in range(1, args.campaigns + 1):
        rng = random.Random(f"{args.seed}:{i}")
        camp_dir = out_dir / f"campaign-{i:04d}"
        files = sources[(i - 1) % len(sources)]
        for rel, text in campaign_files(files, i, rng).items():
            dest = camp_dir / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(dest, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            n_files += 1
            if rel.endswith((".yaml", ".yml")):
                n_docs += 1

    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / STAMP, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"campaigns={args.campaigns} seed={args.seed} generator=2\n")
    print(f"gen_workspace: wrote {args.campaigns} campaigns, {n_files} files "
          f"({n_docs} YAML documents) to {out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
