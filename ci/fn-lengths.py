#!/usr/bin/env python3
"""List Rust functions in src/ longer than a limit (lines from `fn` to its closing brace).

Usage: ci/fn-lengths.py [--over N] [--fail-over M] [ROOT]
Prints `lines  file:line  name`, longest first. With --fail-over, exits 1 when a
function is longer than M lines and is not listed in ci/long-functions.allow.
"""
import argparse, os, re, sys

FN = re.compile(r'^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+([A-Za-z0-9_]+)')

def strip(line, state):
    """Drop string/char literals and comments so braces count true; state carries block comments and raw strings."""
    out, i, n = [], 0, len(line)
    while i < n:
        if state['block']:
            j = line.find('*/', i)
            if j < 0: return ''.join(out)
            state['block'] = False; i = j + 2; continue
        if state['str']:
            end = state['str']
            j = line.find(end, i)
            while j > 0 and end == '"' and line[j-1] == '\\' and not (j > 1 and line[j-2] == '\\'):
                j = line.find(end, j + 1)
            if j < 0: return ''.join(out)
            state['str'] = None; i = j + len(end); continue
        c = line[i]
        if line.startswith('//', i): break
        if line.startswith('/*', i): state['block'] = True; i += 2; continue
        m = re.match(r'r(#*)"', line[i:])
        if m and (i == 0 or not (line[i-1].isalnum() or line[i-1] == '_')):
            state['str'] = '"' + m.group(1); i += len(m.group(0)); continue
        if c == '"': state['str'] = '"'; i += 1; continue
        if c == "'":
            m = re.match(r"'(\\.|[^\\'])'|'\\u\{[0-9a-fA-F]+\}'|'\\x[0-9a-fA-F]{2}'", line[i:])
            if m: i += len(m.group(0)); continue
        out.append(c); i += 1
    return ''.join(out)

def functions(path):
    with open(path, encoding='utf-8') as f:
        lines = f.readlines()
    state = {'block': False, 'str': None}
    stack, found, depth = [], [], 0
    pending = None
    for no, raw in enumerate(lines, 1):
        in_code = not state['block'] and not state['str']
        m = FN.match(raw) if in_code else None
        code = strip(raw, state)
        if m: pending = (m.group(6), no, depth)
        for ch in code:
            if ch == '{':
                depth += 1
                if pending and depth == pending[2] + 1:
                    stack.append((pending[0], pending[1], depth)); pending = None
            elif ch == '}':
                if stack and stack[-1][2] == depth:
                    name, start, _ = stack.pop(); found.append((no - start + 1, start, name))
                depth -= 1
            elif ch == ';' and pending and depth == pending[2]:
                pending = None
    return found

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--over', type=int, default=80)
    ap.add_argument('--fail-over', type=int)
    ap.add_argument('root', nargs='?', default='src')
    a = ap.parse_args()
    allow = set()
    here = os.path.dirname(os.path.abspath(__file__))
    af = os.path.join(here, 'long-functions.allow')
    if os.path.exists(af):
        allow = {l.split('#')[0].strip() for l in open(af) if l.split('#')[0].strip()}
    rows = []
    for d, _, fs in os.walk(a.root):
        for f in fs:
            if f.endswith('.rs'):
                p = os.path.join(d, f)
                rows += [(n, p, s, name) for n, s, name in functions(p) if n > a.over]
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    bad = []
    for n, p, s, name in rows:
        key = f'{p}::{name}'
        mark = ''
        if a.fail_over and n > a.fail_over:
            if key in allow: mark = '  (allowed: see docs/design.md)'
            else: bad.append(key); mark = '  (too long)'
        print(f'{n:5}  {p}:{s}  {name}{mark}')
    if bad:
        print(f'{len(bad)} function(s) longer than {a.fail_over} lines', file=sys.stderr)
        sys.exit(1)

main()
