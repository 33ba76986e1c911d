#!/usr/bin/env python3
"""Drive `collab init` on a real pseudo-terminal: answer each question as a
person would (a bad date and a bad framework first) and check the order of
the questions and the campaign written. Usage: init-pty.py COLLAB_BINARY"""

import os
import pty
import re
import select
import shutil
import sys
import tempfile
import time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def read_until(fd, wanted, seen, timeout=20.0):
    end = time.monotonic() + timeout
    while wanted not in ANSI.sub(b"", seen[0]):
        left = end - time.monotonic()
        if left <= 0:
            sys.exit(f"timed out waiting for {wanted!r}; screen so far:\n{seen[0]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                sys.exit(f"collab ended before {wanted!r}:\n{seen[0]!r}")
            seen[0] += chunk


def main():
    collab = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp()
    steps = [
        (b"Campaign name", b"Winter Warmth"),
        (b"Lead organisation", b"Kingsmere Council"),
        (b"Lead partner id", b""),  # take the offered kingsmere-council
        (b"Launch date", b"12/01/2027"),
        (b"is not a date", b"2027-01-12"),
        (b"Framework", b"maybe"),
        (b"is not a framework", b"rosie"),
    ]
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(work)
        os.environ["NO_COLOR"] = "1"
        os.execv(collab, [collab, "init", "camp"])
    seen = [b""]
    for wanted, answer in steps:
        read_until(fd, wanted, seen)
        seen[0] = b""  # each step looks only at what came after the last
        os.write(fd, answer + b"\r")
    read_until(fd, b"Campaign ready", seen)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"collab init failed: {seen[0]!r}")
    config = open(os.path.join(work, "camp", "collab.toml"), encoding="utf-8").read()
    for want in ['name = "Winter Warmth"', 'id = "winter-warmth"', 'lead = "kingsmere-council"',
                 "launch = 2027-01-12", 'framework = "rosie"']:
        if want not in config:
            sys.exit(f"{want!r} missing from collab.toml:\n{config}")
    shutil.rmtree(work, ignore_errors=True)
    print("init on a pseudo-terminal: questions in order, bad answers asked again: ok")


main()
