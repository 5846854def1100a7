"""Strict and lax precision, recall and F1 of sentence alignments, as Vecalign's scorer defines them.

Precision is counted over the predicted beads (omissions included), recall over
the gold beads that are not omissions. A bead is a strict hit when the same
bead is in the gold; a lax hit when some of its source sentences are aligned in
the gold to some of its target sentences (Thompson & Koehn 2019, after
Véronis & Langlais 2000).

    >>> gold = [[((0,), (0,)), ((1,), (1,))]]
    >>> test = [[((0,), (0,)), ((1,), ())]]
    >>> round(score_alignments(gold, test)["precision_strict"], 2)
    0.5
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError

Link = tuple[tuple[int, ...], tuple[int, ...]]

__all__ = ["score_alignments", "read_path_format", "format_path_line", "Link"]


def _counts(gold: Iterable[Link], test: Iterable[Link]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` beads against ``gold``."""
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    linked = defaultdict(set)
    for s, t in gold_set:
        for i in s:
            linked[i].update(t)
    ts = tm = ls = lm = 0
    for s, t in test_set:
        if (s, t) in gold_set:
            ts += 1
            ls += 1
            continue
        tm += 1
        reach = set().union(*(linked[i] for i in s)) if s else set()
        if reach & set(t):
            ls += 1
        else:
            lm += 1
    return ts, tm, ls, lm


def _ratio(a: int, b: int) -> float:
    return a / (a + b) if a + b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(gold_docs: Sequence[Sequence[Link]], test_docs: Sequence[Sequence[Link]]) -> dict[str, float]:
    """Micro-averaged strict/lax P/R/F1 over documents (gold and test in the same order)."""
    if len(gold_docs) != len(test_docs):
        raise ValueError("gold and test must hold the same number of documents")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(gold_docs, test_docs):
        p = [x + y for x, y in zip(p, _counts(gold, test))]
        g11 = [(s, t) for s, t in gold if s and t]
        t11 = [(s, t) for s, t in test if s and t]
        r = [x + y for x, y in zip(r, _counts(t11, g11))]
    ps, pl = _ratio(p[0], p[1]), _ratio(p[2], p[3])
    rs, rl = _ratio(r[0], r[1]), _ratio(r[2], r[3])
    return {
        "precision_strict": ps, "recall_strict": rs, "f1_strict": _f1(ps, rs),
        "precision_lax": pl, "recall_lax": rl, "f1_lax": _f1(pl, rl),
    }


def format_path_line(src: Sequence[int], tgt: Sequence[int], score: float | None = None) -> str:
    """One bead in the Vecalign/Bertalign path format: ``[0]:[0, 1]:0.812``."""
    line = f"[{', '.join(map(str, src))}]:[{', '.join(map(str, tgt))}]"
    return line if score is None else f"{line}:{score:.3f}"


def read_path_format(path: str | Path) -> list[Link]:
    """Read a path-format file (``[0]:[0, 1]`` or ``[0]:[0, 1]:0.81`` a line).

    :raises InputError: a line that is not in the format, or a file with no bead at all (an
        aligner that failed, most often, and scoring it would print zeros as if it had run).
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except (UnicodeDecodeError, IsADirectoryError) as e:
        raise InputError(p, f"cannot read as UTF-8 text ({type(e).__name__})") from None
    links: list[Link] = []
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        parts = line.split(":")
        try:
            src, tgt = ast.literal_eval(parts[0].strip()), ast.literal_eval(parts[1].strip())
            if not isinstance(src, list) or not isinstance(tgt, list):
                raise ValueError
            links.append((tuple(int(i) for i in src), tuple(int(j) for j in tgt)))
        except (ValueError, SyntaxError, IndexError, TypeError):
            raise InputError(p, f"line {no} is not in path format ([0]:[0, 1]:score): {line[:60]!r}") from None
    if not links:
        raise InputError(p, "empty file: no bead in path format")
    return links
