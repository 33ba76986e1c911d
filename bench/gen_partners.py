#!/usr/bin/env python3
"""Generate one campaign with many one-line partners, for the findings curve.

    bench/gen_partners.py OUT_DIR --partners N [--findings none|lead|ref] [--force]

The campaign is a copy of examples/winter-fire-safety with N extra
partners added to partners.yaml, one short flow mapping per line (about
100 bytes: `- { id: extra-00001, name: Extra partner 1, sector: ...,
level: information-sharing }`). Such a partner has no contacts, gains or
written confirmation, so collab.toml's `[lint]` allows the five rules that
would say so; collab still finds those findings and applies allow comments
to them before the levels drop them. `--findings` then sets what is
reported:

    none   nothing: the campaign validates clean (as of --today 2026-11-24)
    lead   `partner-without-lead` is left at its level (an error), so each
           extra partner has one finding, on its line of partners.yaml
    ref    meetings/roll-call.yaml lists one attendee per extra partner
           under a misspelt id (`extra-00001x`), so each is an
           unknown-reference error whose "did you mean" looks through
           every partner id

The output is deterministic. Python 3 standard library only.
"""

import argparse
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "examples" / "winter-fire-safety"
STAMP = ".bench-partners"

ALLOWED = [
    "partner-without-lead",
    "partner-without-sign-off",
    "single-point-of-contact",
    "partner-without-gains",
    "unconfirmed-partner",
]


def partner(i: int) -> str:
    return (f"  - {{ id: extra-{i:05d}, name: Extra partner {i}, sector: voluntary-community, "
            "level: information-sharing }\n")


def lint(config: str, findings: str) -> str:
    """collab.toml with the partner rules allowed (all but the lead rule
    when --findings lead)."""
    lines = [line for line in config.splitlines(keepends=True)
             if not any(line.startswith(f"{rule} =") for rule in ALLOWED)]
    allowed = [rule for rule in ALLOWED if not (findings == "lead" and rule == "partner-without-lead")]
    text = "".join(lines)
    if "[lint]\n" not in text:
        sys.exit("gen_partners: the source collab.toml has no [lint] table")
    return text.replace("[lint]\n", "[lint]\n" + "".join(f'{rule} = "allow"\n' for rule in allowed), 1)


def roll_call(n: int) -> str:
    lines = [
        "version: 1\n",
        "kind: meeting\n",
        "id: roll-call\n",
        "type: other\n",
        "title: Roll call of the extra partners\n",
        "date: 2026-10-06T10:00\n",
        "attendees:\n",
    ]
    lines += [f"  - {{ partner: extra-{i:05d}x, name: Person {i} }}\n" for i in range(1, n + 1)]
    return "".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--partners", type=int, required=True)
    ap.add_argument("--findings", choices=["none", "lead", "ref"], default="none")
    ap.add_argument("--force", action="store_true", help="replace OUT_DIR if it exists")
    args = ap.parse_args()
    stamp = f"partners={args.partners} findings={args.findings} generator=2"
    if args.out.exists():
        if not args.force:
            sys.exit(f"gen_partners: {args.out} exists (use --force to replace it)")
        shutil.rmtree(args.out)
    shutil.copytree(SOURCE, args.out, ignore=shutil.ignore_patterns("dist"))
    config = args.out / "collab.toml"
    config.write_text(lint(config.read_text(encoding="utf-8"), args.findings), encoding="utf-8")
    partners = args.out / "partners.yaml"
    extra = "".join(partner(i) for i in range(1, args.partners + 1))
    partners.write_text(partners.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    if args.findings == "ref":
        (args.out / "meetings" / "roll-call.yaml").write_text(roll_call(args.partners), encoding="utf-8")
    (args.out / STAMP).write_text(stamp + "\n", encoding="utf-8")
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
