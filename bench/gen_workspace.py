#!/usr/bin/env python3
"""Generate a large, valid collab workspace for benchmarking.

    bench/gen_workspace.py OUT_DIR [--campaigns N] [--seed S] [--force]

Each campaign is a copy of examples/winter-fire-safety/ with its campaign id,
campaign name and plan title rewritten (campaign-0001, campaign-0002, ...)
and a seeded, per-campaign choice of which optional meeting files to keep.
Partner, channel, objective and metric ids are left untouched inside each
campaign, so every cross-reference still resolves and the campaign stays
valid as of --today 2026-11-24 (the date the example is written for).

The output is deterministic: the same arguments give the same bytes.
Python 3 standard library only.
"""

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / "examples" / "winter-fire-safety"

# Meetings that every generated campaign keeps; the others are kept or
# dropped per campaign so the document count varies a little (5 to 7).
ALWAYS_KEEP_MEETINGS = {"initial-partnering.yaml"}

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


def campaign_files(files: dict, index: int, rng: random.Random) -> dict:
    cid = f"campaign-{index:04d}"
    place = rng.choice(PLACES)
    name = f"Winter Home Fire Safety 2026, {place} {index:04d}"
    out = {}
    for rel, text in files.items():
        if rel == "collab.toml":
            text = sub_once(r'^id = "[^"]*"', f'id = "{cid}"', text, "[campaign] id")
            text = sub_once(r'^name = "[^"]*"', f'name = "{name}"', text, "[campaign] name")
        elif rel == "plan.yaml":
            text = sub_once(r"^title: .*$", f"title: {name}", text, "plan title")
        elif rel.startswith("meetings/"):
            base = rel.split("/", 1)[1]
            # Keep each optional meeting with probability 2/3 (on average
            # about 6 documents a campaign).
            if base not in ALWAYS_KEEP_MEETINGS and rng.random() >= 2 / 3:
                continue
        out[rel] = text
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path, help="workspace folder to create")
    ap.add_argument("--campaigns", type=int, default=500, help="number of campaigns (default 500)")
    ap.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                    help="campaign folder to copy (default examples/winter-fire-safety)")
    ap.add_argument("--force", action="store_true", help="replace OUT_DIR if it is not empty")
    args = ap.parse_args()

    if args.campaigns < 1:
        ap.error("--campaigns must be at least 1")
    out_dir: Path = args.out_dir
    if out_dir.exists() and any(out_dir.iterdir()):
        if not args.force:
            sys.exit(f"gen_workspace: {out_dir} is not empty (use --force to replace it)")
        shutil.rmtree(out_dir)

    files = read_source(args.source)
    # Sort meetings by name so the per-campaign random draws happen in a
    # fixed order whatever order the file system lists them in.
    files = dict(sorted(files.items()))

    n_files = n_docs = 0
    for i in range(1, args.campaigns + 1):
        rng = random.Random(f"{args.seed}:{i}")
        camp_dir = out_dir / f"campaign-{i:04d}"
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
        f.write(f"campaigns={args.campaigns} seed={args.seed}\n")
    print(f"gen_workspace: wrote {args.campaigns} campaigns, {n_files} files "
          f"({n_docs} YAML documents) to {out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
