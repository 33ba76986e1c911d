#!/usr/bin/env bash
# Drives what `collab init --pre-commit --ci github` writes with the real
# pre-commit (from PyPI) in a fresh git repository, as a new team would:
#   - the hook is a `repo: local` one, so it runs with no network;
#   - `git commit` with the hook installed, and `pre-commit run --all-files`,
#     pass on the clean campaign (the CI files and collab.toml are among the
#     files pre-commit names);
#   - a broken campaign file fails the hook (and the commit);
#   - a broken draft under an `exclude`d folder of collab.toml passes;
#   - pre-commit accepts .pre-commit-hooks.yaml and both set-ups in
#     docs/ci.md, and the local one runs as written;
#   - taplo (npm @taplo/cli) checks collab.toml against the schema its
#     `#:schema` line names: the scaffold and the example pass, a bad key
#     fails.
# COLLAB_PRECOMMIT_REMOTE=1 also tries the remote form (`pre-commit
# try-repo` on this repository, which builds collab with cargo).
# Installs pre-commit in a venv and taplo in an npm prefix, both in a temp
# folder. COLLAB_BIN reuses a built binary (its folder goes first on PATH,
# since the hook calls `collab`). Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ci_setup precommit
PRE_COMMIT_VERSION=4.7.0
TAPLO_VERSION=0.7.0

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
npm install -q --no-audit --no-fund --prefix "$WORK/npm" "@taplo/cli@$TAPLO_VERSION" >/dev/null
TAPLO=$WORK/npm/node_modules/.bin/taplo

# The hook calls the `collab` on PATH: make it this build.
mkdir -p "$WORK/bin"
ln -s "$BIN" "$WORK/bin/collab"
export PATH="$WORK/bin:$WORK/venv/bin:$PATH"
export PRE_COMMIT_HOME=$WORK/cache
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.invalid
export GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.invalid
unset GITHUB_ACTIONS COLLAB_FORMAT

# run NAME EXPECTED_STATUS COMMAND...: the command's output is kept in
# $WORK/last.log and shown when the status is not the expected one.
run() {
  local name=$1 want=$2
  shift 2
  local got=0
  "$@" >"$WORK/last.log" 2>&1 || got=$?
  if [[ $want == 0 && $got == 0 ]] || [[ $want != 0 && $got != 0 ]]; then
    pass "$name (exit $got)"
  else
    fail "$name (exit $got, wanted $([[ $want == 0 ]] && echo 0 || echo non-zero))"
    sed 's/^/    /' "$WORK/last.log" | head -60
  fi
}

REPO=$WORK/repo
mkdir "$REPO"
cd "$REPO"
git init -q
collab init --pre-commit --ci github -q </dev/null
collab new meeting --type catch-up --date 2027-01-12T10:00 -q >/dev/null 2>&1 ||
  echo "note: could not add a meeting file; going on with the scaffold"
grep -q "repo: local" .pre-commit-config.yaml && pass "the hook is a repo: local hook" ||
  fail "the hook is not a repo: local hook"
git add -A

run "pre-commit install" 0 pre-commit install
run "git commit of the fresh campaign runs the hook and passes" 0 git commit -q -m "campaign"
run "pre-commit run --all-files on the clean campaign" 0 pre-commit run --all-files
for named in .pre-commit-config.yaml .github/workflows/collab.yml collab.toml; do
  if pre-commit run collab-validate --files "$named" >"$WORK/last.log" 2>&1; then
    pass "the hook passes when pre-commit names only $named"
  else
    fail "the hook fails when pre-commit names only $named"
    sed 's/^/    /' "$WORK/last.log" | head -30
  fi
done

# A broken campaign file fails the hook, and the commit.
printf 'partners: [\n' >>partners.yaml
git add partners.yaml
run "pre-commit run --all-files with a broken partners.yaml" 1 pre-commit run --all-files
grep -q "yaml-syntax" "$WORK/last.log" && pass "the failure names yaml-syntax" ||
  fail "the failure does not name yaml-syntax"
run "git commit of a broken partners.yaml is refused" 1 git commit -q -m "broken"
git reset -q --hard

# A broken draft in a folder collab.toml excludes passes (--force-exclude).
sed -i 's|^# exclude = \["drafts/\*\*"\]|exclude = ["drafts/**"]|' collab.toml
grep -q '^exclude = \["drafts/\*\*"\]' collab.toml || fail "could not switch on exclude"
mkdir -p drafts
printf 'kind: plan\nframework: [\n' >drafts/plan.yaml
git add -A
run "pre-commit run --all-files with a broken draft under an excluded folder" 0 \
  pre-commit run --all-files
run "git commit of the excluded broken draft" 0 git commit -q -m "draft"
# The same draft outside the excluded folder fails.
cp drafts/plan.yaml plan-draft.yaml
git add plan-draft.yaml
run "the same broken file outside the excluded folder fails" 1 pre-commit run --all-files
grep -q "plan-draft.yaml" "$WORK/last.log" && pass "the failure names plan-draft.yaml" ||
  fail "the failure does not name plan-draft.yaml"
git reset -q --hard

# The hook definition this project publishes, and both set-ups docs/ci.md
# shows, are valid for pre-commit; the local one runs as written.
run "pre-commit validate-manifest .pre-commit-hooks.yaml" 0 \
  pre-commit validate-manifest "$ROOT/.pre-commit-hooks.yaml"
python3 - "$ROOT/docs/ci.md" "$WORK" <<'PY'
import pathlib, re, sys
text = pathlib.Path(sys.argv[1]).read_text()
section = text.split("## pre-commit\n", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
for i, block in enumerate(blocks):
    pathlib.Path(sys.argv[2], f"docs-{i}.yaml").write_text(block)
print(f"docs/ci.md: {len(blocks)} pre-commit set-ups")
PY
for block in "$WORK"/docs-*.yaml; do
  run "pre-commit validate-config on docs/ci.md's $(basename "$block")" 0 \
    pre-commit validate-config "$block"
done
if grep -q "repo: local" "$WORK/docs-0.yaml"; then
  cp "$WORK/docs-0.yaml" .pre-commit-config.yaml
  git add .pre-commit-config.yaml
  run "pre-commit run --all-files with docs/ci.md's local set-up" 0 pre-commit run --all-files
  git reset -q --hard
else
  fail "docs/ci.md's first pre-commit set-up is not the local one"
fi

# The remote form for real: pre-commit builds collab from this repository
# with cargo (a release build, minutes long), so only when asked.
if [[ ${COLLAB_PRECOMMIT_REMOTE:-} == 1 ]]; then
  run "pre-commit try-repo (remote form, built from this repository)" 0 \
    pre-commit try-repo "$ROOT" collab-validate --all-files
fi

# taplo reads the `#:schema` line and checks collab.toml against it.
head -1 collab.toml | grep -qx '#:schema ./.collab/schema/collab.json' &&
  pass "collab.toml starts with its #:schema line" || fail "collab.toml has no #:schema line"
run "taplo check on the scaffold's collab.toml" 0 "$TAPLO" check collab.toml
sed -i 's/^\[campaign\]$/[campaign]\nnot_a_setting = 1/' collab.toml
run "taplo check with a key the schema does not know" 1 "$TAPLO" check collab.toml
grep -q "not_a_setting" "$WORK/last.log" && pass "taplo names the bad key" ||
  fail "taplo does not name the bad key"
git checkout -q collab.toml
for framework in oasis rosie; do
  collab init --example --framework "$framework" -q "$WORK/example-$framework" </dev/null
  run "taplo check on the $framework example's collab.toml" 0 \
    "$TAPLO" check "$WORK/example-$framework/collab.toml"
done

ci_finish precommit
