"""Every command and Python example in README.md and docs/ runs, and prints what the text shows.

``console`` blocks: lines starting with ``$ `` are bialign commands (run in
process, in a scratch folder that sees seeds/ and docs/); the lines after
each are its expected output, where a line ``...`` stands for any number of
lines. ``python`` blocks are doctests. Blocks of a file run in order in one
folder, so a later example may read what an earlier one wrote.
"""
from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
import shlex
from pathlib import Path

import pytest

from bialign.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md"))
BLOCK = re.compile(r"^```(console|python)\n(.*?)^```", re.S | re.M)


def blocks(path: Path):
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(path.read_text(encoding="utf-8"))]


def matches(expected: list[str], got: list[str]) -> bool:
    """Line-by-line match where ``...`` matches any run of lines (including none)."""
    if not expected:
        return not got
    if expected[0] == "...":
        return any(matches(expected[1:], got[i:]) for i in range(len(got) + 1))
    return bool(got) and got[0].rstrip() == expected[0].rstrip() and matches(expected[1:], got[1:])


def run_command(line: str) -> list[str]:
    args = shlex.split(line)
    assert args[0] == "bialign", line
    target = None
    if ">" in args:
        k = args.index(">")
        args, target = args[:k], args[k + 1]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args[1:])
    assert code == 0, f"{line!r} exited {code}"
    if target:
        Path(target).write_text(out.getvalue(), encoding="utf-8")
        return []
    return out.getvalue().splitlines()


def run_console(text: str) -> None:
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        assert lines[i].startswith("$ "), f"expected a command, got {lines[i]!r}"
        command = lines[i][2:]
        i += 1
        expected = []
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        got = run_command(command)
        assert matches(expected, got), f"$ {command}\n--- expected\n" + "\n".join(expected) + "\n--- got\n" + "\n".join(got)


def run_python(text: str, name: str, globs: dict) -> None:
    test = doctest.DocTestParser().get_doctest(text, globs, name, name, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_run_as_shown(doc, tmp_path, monkeypatch):
    found = blocks(doc)
    if doc.name == "README.md":
        assert len(found) >= 8  # the README must keep its examples
    for name in ("seeds", "docs"):
        os.symlink(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    globs: dict = {}
    for kind, text in found:
        if kind == "console":
            run_console(text)
        else:
            run_python(text, doc.name, globs)
