#!/usr/bin/env python3
"""Write the hostile inputs of issue 8 into OUT_DIR, one file each:

    laughs.yaml      a billion laughs: 10 levels of 9 aliases each
    deep-flow.yaml   100,000 nested flow sequences: [[[[...
    deep-block.yaml  100,000 nested block sequences: - - - - ...
    stream.yaml      10,000 documents in one file
    huge.yaml        a 100 MB file (sparse: it takes no disk space)

Each sits in its own folder, so `collab validate FILE` checks it alone.
Standard library only.
"""

import pathlib
import sys


def main() -> int:
    out = pathlib.Path(sys.argv[1])
    cases = {}
    bomb = "kind: plan\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        bomb += f"a{i}: &a{i} [{refs}]\n"
    cases["laughs"] = bomb
    cases["deep-flow"] = "kind: plan\nx: " + "[" * 100_000 + "\n"
    cases["deep-block"] = "kind: plan\nx:\n" + "- " * 100_000 + "end\n"
    cases["stream"] = "".join(
        f"---\nkind: meeting\nid: m{i}\ntype: catch-up\ndate: 2026-10-01T10:00\n"
        for i in range(10_000)
    )
    for name, text in cases.items():
        (out / name).mkdir(parents=True, exist_ok=True)
        (out / name / f"{name}.yaml").write_text(text, encoding="utf-8")
    (out / "huge").mkdir(parents=True, exist_ok=True)
    with open(out / "huge" / "huge.yaml", "wb") as f:
        f.truncate(100 * 1024 * 1024)
    return 0


if __name__ == "__main__":
    sys.exit(main())
