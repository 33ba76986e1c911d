#!/usr/bin/env python3
"""Build the seed corpora and the dictionary for the fuzz targets.

validate, edit: every YAML file of the examples and the rule fixtures, and
every case of the YAML test suite (../shared/data/yaml-test-suite).
render:   every example and fixture campaign as one case: its collab.toml,
the separator line, then all its YAML documents as one stream.
collab.dict: every key the examples and fixtures use, as `key:`.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SUITE = ROOT.parent / "shared" / "data" / "yaml-test-suite"
SEPARATOR = "\n#== collab.toml above, YAML below ==#\n"


def campaigns():
    for base in [ROOT / "examples", ROOT / "tests" / "fixtures"]:
        for config in sorted(base.rglob("collab.toml")):
            yield config.parent


def main():
    out = ROOT / "fuzz" / "corpus"
    validate = out / "validate"
    render = out / "render"
    edit = out / "edit"
    for d in (validate, render, edit):
        d.mkdir(parents=True, exist_ok=True)
    keys = set()
    n_validate = n_render = 0
    for camp in campaigns():
        docs = []
        for path in sorted(camp.rglob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            name = "-".join(path.relative_to(ROOT).parts)
            (validate / name).write_text(text, encoding="utf-8")
            (edit / name).write_text(text, encoding="utf-8")
            n_validate += 1
            keys.update(re.findall(r"^[ \t-]*([a-z_]+):", text, re.M))
            if not text.startswith("---"):
                text = "---\n" + text
            docs.append(text if text.endswith("\n") else text + "\n")
        config = (camp / "collab.toml").read_text(encoding="utf-8")
        keys.update(re.findall(r"^([a-z_]+)\s*=", config, re.M))
        name = "-".join(camp.relative_to(ROOT).parts)
        (render / name).write_text(config + SEPARATOR + "".join(docs), encoding="utf-8")
        n_render += 1
    if SUITE.is_dir():
        for case in sorted(SUITE.rglob("in.yaml")):
            name = "suite-" + "-".join(case.parent.relative_to(SUITE).parts)
            (validate / name).write_bytes(case.read_bytes())
            (edit / name).write_bytes(case.read_bytes())
            n_validate += 1
    else:
        print(f"note: {SUITE} not found; the suite's cases are not seeds", file=sys.stderr)
    words = sorted(keys) + ["kind", "plan", "partners", "evaluation", "meeting"]
    lines = [f'"{k}:"' for k in sorted(set(words))]
    lines += ['"---"', '"- "', '"&a "', '"*a"', '"!!str "', '"{"', '"}"', '"["', '"]"', '"# collab: allow("']
    (ROOT / "fuzz" / "collab.dict").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"seeds: {n_validate} for validate and edit, {n_render} for render; {len(lines)} dictionary entries")


if __name__ == "__main__":
    main()
