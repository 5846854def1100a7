"""The ``bialign`` command: parses arguments, calls the library, prints. No work of its own.

Every subcommand lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``. This module maps the library's errors to exit codes:
0 success, 2 bad usage or bad input (one line on stderr, no traceback).
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from ..errors import BialignError

SUBCOMMANDS = ("detect", "passages", "align", "corpus", "convert", "eval", "score", "check")


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) instead of usage + message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    from .. import __version__

    parser = _Parser(prog="bialign", description=(
        "Find Russian and English passages that translate each other, align them sentence by "
        "sentence, write parallel corpora (TMX, TSV, Moses, JSONL) and check their quality."))
    parser.add_argument("--version", action="version", version=f"bialign {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"bialign.cli.{name}_cmd")
        p = module.add_parser(sub)
        p.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args) or 0)
    except BialignError as e:
        print(f"bialign {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bialign: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
