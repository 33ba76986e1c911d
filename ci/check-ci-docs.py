#!/usr/bin/env python3
"""Runs the CI set-ups that docs/ci.md shows, as written.

For GitHub Actions and GitLab CI:
  1. `collab init --example --ci KIND` in a fresh git repository;
  2. the YAML block docs/ci.md shows for that file must be the file, byte
     for byte (so the guide cannot drift from what init writes);
  3. every shell command of the job runs in that repository with the
     collab under test on PATH, as the CI runner would run it. The one
     line skipped is the job's `cargo install --locked <package> --version
     <v>` (the crate is not on crates.io from this checkout); the script
     checks instead that it names this package at this version;
  4. the reports the job hands to its forge exist and parse (SARIF, JUnit,
     Code Quality JSON, the packs folder).

Usage: COLLAB_BIN=target/debug/collab python3 ci/check-ci-docs.py
Exits non-zero on any failure. Needs PyYAML (installed by the caller).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("COLLAB_BIN", ROOT / "target/debug/collab")).resolve()
FAILURES = []


def fail(msg):
    print(f"FAIL  {msg}")
    FAILURES.append(msg)


def ok(msg):
    print(f"PASS  {msg}")


def package():
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text())
    return cargo["package"]["name"], cargo["package"]["version"]


def doc_block(doc, file_name):
    """The ```yaml block that follows the sentence naming `file_name`
    (in backquotes, or a plain phrase)."""
    at = doc.find(f"`{file_name}`")
    at = doc.find(file_name) if at < 0 else at
    if at < 0:
        return None
    m = re.compile(r"```ya?ml\n(.*?)```", re.S).search(doc, at)
    return m.group(1) if m else None


def fresh_repo(tmp, kind, campaign_dir):
    """A git repository with the example campaign at `campaign_dir` and the
    CI file `init --ci KIND` writes moved to the repository root (with
    CAMPAIGN_DIR set, as its comment says) when the campaign is lower."""
    repo = Path(tmp) / f"{kind}-{campaign_dir.replace('/', '-')}"
    (repo / campaign_dir).mkdir(parents=True)
    env = clean_env(repo)
    run(["git", "init", "-q"], repo, env)
    res = run([str(BIN), "init", campaign_dir, "--example", "--ci", kind], repo, env)
    if res.returncode != 0:
        fail(f"collab init --ci {kind} failed: {res.stderr}")
    file = CI_FILE[kind]
    if campaign_dir != ".":
        (repo / file).parent.mkdir(parents=True, exist_ok=True)
        text = (repo / campaign_dir / file).read_text()
        text = re.sub(r'(CAMPAIGN_DIR: )"?\."?', rf"\g<1>{campaign_dir}", text, count=1)
        (repo / file).write_text(text)
    return repo, env


CI_FILE = {"github": ".github/workflows/collab.yml", "gitlab": ".gitlab-ci.yml"}


def clean_env(repo):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI"))}
    env["PATH"] = f"{BIN.parent}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    env["RUNNER_TEMP"] = str(repo.parent / f"{repo.name}-runner-temp")
    Path(env["RUNNER_TEMP"]).mkdir(exist_ok=True)
    return env


def run(cmd, cwd, env, shell=False):
    return subprocess.run(cmd, cwd=cwd, env=env, shell=shell, capture_output=True, text=True)


def install_line_ok(line, label):
    name, version = package()
    install = f"cargo install --locked {name} --version {version}"
    if line.strip() != install:
        fail(f"{label}: install line {line!r} is not {install!r}")
    return True


def run_script(lines, cwd, env, label):
    """Runs `lines` in one bash session with errexit, as GitLab runs a
    job's script (GitHub runs each step alone: call once per step)."""
    lines = [l for l in lines if not (l.strip().startswith("cargo install") and install_line_ok(l, label))]
    if not lines:
        return
    res = run(["bash", "-e", "-c", "\n".join(lines)], cwd, env)
    shown = " && ".join(lines)
    if res.returncode != 0:
        fail(f"{label}: `{shown}` exited {res.returncode}\n{res.stdout}{res.stderr}")
    else:
        ok(f"{label}: `{shown}`")
    return res.stdout


def check_reports(repo, paths, label, campaign_dir):
    for path in paths:
        p = repo / path
        if not p.exists():
            fail(f"{label}: the job's report {path} was not written")
            continue
        try:
            check_report(p, campaign_dir)
            ok(f"{label}: report {path} is there and reads")
        except Exception as e:  # noqa: BLE001 - any failure to read is a finding
            fail(f"{label}: report {path} does not read: {e!r}")


def check_report(p, campaign_dir):
    name = p.name
    if name.endswith(".sarif"):
        sarif = json.loads(p.read_text())
        assert sarif["version"] == "2.1.0"
        prefix = "" if campaign_dir == "." else campaign_dir + "/"
        for result in sarif["runs"][0]["results"]:
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert uri.startswith(prefix) and ".." not in uri, uri
    elif name.endswith(".xml"):
        ET.parse(p)
    elif name.endswith(".json"):
        data = json.loads(p.read_text())
        assert isinstance(data, list), "not a JSON array"
        for issue in data:
            for key in ("description", "check_name", "fingerprint", "severity", "location"):
                assert key in issue, key
            path = issue["location"]["path"]
            prefix = "" if campaign_dir == "." else campaign_dir + "/"
            assert path.startswith(prefix) and ".." not in path, path
    elif p.is_dir():
        assert any(p.rglob("*.html")), "no HTML pack"


def github(tmp, doc, campaign_dir):
    repo, env = fresh_repo(tmp, "github", campaign_dir)
    env.update({"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(repo)})
    file = CI_FILE["github"]
    if campaign_dir == ".":
        compare(doc, repo, file, "GitHub Actions")
    label = f"GitHub Actions (campaign at {campaign_dir})"
    job_file = yaml.safe_load((repo / file).read_text())
    env.update({k: str(v) for k, v in (job_file.get("env") or {}).items()})
    extra = doc_block(doc, "Security tab") if "Security tab" in doc else None
    for job in job_file["jobs"].values():
        if extra:
            # The optional code-scanning steps the page shows, added as it says.
            job["steps"] += yaml.safe_load(textwrap.dedent(extra))
        workdir = ((job.get("defaults") or {}).get("run") or {}).get("working-directory", ".")
        workdir = re.sub(r"\$\{\{\s*env\.(\w+)\s*\}\}", lambda m: env[m.group(1)], workdir)
        for step in job["steps"]:
            if "run" in step:
                out = run_script([step["run"]], repo / workdir, env, label) or ""
                check_annotations(out, repo, label)
        uploads = []
        for step in job["steps"]:
            w = step.get("with") or {}
            path = w.get("path") or w.get("sarif_file")
            if path:
                uploads.append(path.replace("${{ runner.temp }}", env["RUNNER_TEMP"]))
        if extra and not any(u.endswith(".sarif") for u in uploads):
            fail(f"{label}: the code-scanning steps upload no SARIF file")
        check_reports(repo, uploads, label, campaign_dir)


def check_annotations(out, repo, label):
    """Workflow commands name files from the repository root."""
    for m in re.finditer(r"^::(?:error|warning|notice) file=([^,]*),", out, re.M):
        path = m.group(1)
        if ".." in path or not (repo / path).is_file():
            fail(f"{label}: annotation names {path!r}, not a file from the repository root")
            return
    if "::" in out:
        ok(f"{label}: annotations name files from the repository root")


def gitlab(tmp, doc, campaign_dir):
    repo, env = fresh_repo(tmp, "gitlab", campaign_dir)
    file = CI_FILE["gitlab"]
    if campaign_dir == ".":
        compare(doc, repo, file, "GitLab CI")
    config = yaml.safe_load((repo / file).read_text())
    env["CI_PROJECT_DIR"] = str(repo)
    for name, job in config.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        label = f"GitLab CI job {name} (campaign at {campaign_dir})"
        env.update({k: str(v) for k, v in (job.get("variables") or {}).items()})
        run_script(job.get("before_script", []) + job["script"], repo, env, label)
        artifacts = job.get("artifacts", {})
        reports = artifacts.get("reports") or {}
        check_reports(repo, list(reports.values()) + artifacts.get("paths", []), label, campaign_dir)
        if "codequality" not in reports:
            fail(f"{label}: no Code Quality report")


def compare(doc, repo, file, label):
    shown = doc_block(doc, file)
    written = (repo / file).read_text()
    if shown is None:
        fail(f"{label}: docs/ci.md shows no YAML block for {file}")
    elif shown != written:
        fail(f"{label}: docs/ci.md's {file} differs from what `collab init` writes:\n"
             f"--- docs\n{shown}--- init\n{written}")
    else:
        ok(f"{label}: docs/ci.md shows {file} exactly as init writes it")


def main():
    doc = (ROOT / "docs/ci.md").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        for campaign_dir in [".", "campaigns/winter"]:
            github(tmp, doc, campaign_dir)
            gitlab(tmp, doc, campaign_dir)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)")
        sys.exit(1)


if __name__ == "__main__":
    main()
