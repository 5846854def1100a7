"""Printing helpers shared by the subcommands."""
from __future__ import annotations

import json
import sys
from typing import Any, Iterable


def print_jsonl(objects: Iterable[dict[str, Any]]) -> None:
    """One JSON object a line, non-ASCII kept as is."""
    for obj in objects:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def print_table(rows: Iterable[tuple[str, Any]]) -> None:
    """Two aligned columns: a label and a value."""
    rows = list(rows)
    width = max((len(k) for k, _ in rows), default=0)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
