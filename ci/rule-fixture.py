#!/usr/bin/env python3
"""Rule fixtures as one base campaign plus an overlay per case.

Layout (tests/fixtures/rules/):
  _base/                       a small, complete campaign that fires no rule
  <rule-id>/fires/, /clean/    overlays: only the files that differ from _base

An overlay is laid over a copy of _base:
  - a file in the overlay replaces the base file of the same path, or is added;
  - `.remove` (optional) lists paths, one a line, to delete from the copy of
    the base before the overlay is laid on it (`#` starts a comment);
  - `.campaigns` (optional) lists the folders, one a line, that each get a
    copy of the base; without it the base goes in the case folder itself
    (`.`). A workspace case lists its campaign folders and leaves `.` out;
  - `expect.txt` (fires only) lists the `file:line` places where the rule
    must be reported. These three files are never copied.

Usage:
  ci/rule-fixture.py expand BASE OVERLAY OUT   build a whole campaign in OUT
  ci/rule-fixture.py split BASE FULL OUT       write the overlay of FULL in OUT
  ci/rule-fixture.py convert RULES_DIR         turn every whole-campaign case
                                               under RULES_DIR into an overlay
                                               of RULES_DIR/_base (checks that
                                               each expands back byte for byte)
"""
import filecmp, os, shutil, sys, tempfile

CONTROL = {'expect.txt', '.remove', '.campaigns'}


def files_under(root):
    """Every file below root, as sorted relative paths with `/`."""
    out = []
    for d, _, fs in os.walk(root):
        for f in fs:
            out.append(os.path.relpath(os.path.join(d, f), root).replace(os.sep, '/'))
    return sorted(out)


def read_list(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as fh:
        lines = [l.split('#', 1)[0].strip() for l in fh]
    return [l for l in lines if l]


def expand(base, overlay, out):
    campaigns = read_list(os.path.join(overlay, '.campaigns')) or ['.']
    for c in campaigns:
        shutil.copytree(base, os.path.join(out, c), dirs_exist_ok=True)
    for rel in read_list(os.path.join(overlay, '.remove')) or []:
        os.remove(os.path.join(out, rel))
    for rel in files_under(overlay):
        if rel in CONTROL:
            continue
        dest = os.path.join(out, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy2(os.path.join(overlay, rel), dest)


def campaign_dirs(full):
    """Folders of FULL that hold a collab.toml, `.` first."""
    dirs = [os.path.dirname(f) or '.' for f in files_under(full) if os.path.basename(f) == 'collab.toml']
    return sorted(dirs, key=lambda d: (d != '.', d))


def split(base, full, out):
    campaigns = campaign_dirs(full)
    base_files = files_under(base)
    remove, covered = [], set()
    for c in campaigns:
        for b in base_files:
            rel = b if c == '.' else f'{c}/{b}'
            covered.add(rel)
            src = os.path.join(full, rel)
            if not os.path.exists(src):
                remove.append(rel)
            elif not filecmp.cmp(src, os.path.join(base, b), shallow=False):
                copy(src, os.path.join(out, rel))
    for rel in files_under(full):
        if rel not in covered:
            copy(os.path.join(full, rel), os.path.join(out, rel))
    os.makedirs(out, exist_ok=True)
    if campaigns != ['.']:
        write_list(os.path.join(out, '.campaigns'), campaigns,
                   'Folders that each get a copy of ../../_base.')
    if remove:
        write_list(os.path.join(out, '.remove'), remove,
                   'Base files deleted before this overlay is laid on.')
    if not files_under(out):
        write_list(os.path.join(out, '.campaigns'), ['.'],
                   'This case is the base campaign, unchanged.')


def copy(src, dest):
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copy2(src, dest)


def write_list(path, items, comment):
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write(f'# {comment}\n' + ''.join(f'{i}\n' for i in items))


def same_tree(a, b):
    fa, fb = files_under(a), files_under(b)
    return fa == fb and all(filecmp.cmp(os.path.join(a, f), os.path.join(b, f), shallow=False) for f in fa)


def convert(rules):
    base = os.path.join(rules, '_base')
    for rule in sorted(os.listdir(rules)):
        if rule.startswith('_'):
            continue
        for case in ('fires', 'clean'):
            full = os.path.join(rules, rule, case)
            with tempfile.TemporaryDirectory() as tmp:
                overlay, back = os.path.join(tmp, 'overlay'), os.path.join(tmp, 'back')
                split(base, full, overlay)
                expand(base, overlay, back)
                expect = os.path.join(full, 'expect.txt')
                if os.path.exists(expect):
                    shutil.copy2(expect, os.path.join(back, 'expect.txt'))
                if not same_tree(full, back):
                    sys.exit(f'{rule}/{case}: the overlay does not expand back to the original')
                shutil.rmtree(full)
                shutil.copytree(overlay, full)
            print(f'{rule}/{case}: {len(files_under(full))} files')


def main(argv):
    if len(argv) == 5 and argv[1] in ('expand', 'split'):
        {'expand': expand, 'split': split}[argv[1]](argv[2], argv[3], argv[4])
    elif len(argv) == 3 and argv[1] == 'convert':
        convert(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
