"""bialign eval --gold G --pred P: strict and lax precision, recall, F1 of alignments (Vecalign's definitions)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..align.evaluate import read_path_format, score_alignments
from ..errors import InputError
from ..loader import pair_folders
from .output import print_table


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("eval", help="score alignments against gold (strict/lax P/R/F1)",
                       description="Compare predicted alignments with gold ones, both in path format "
                                   "([0]:[0, 1] a line). G and P are files, or folders whose files are "
                                   "paired by name (test0.defr with test0.path).")
    p.add_argument("--gold", required=True, metavar="G", help="gold alignment file or folder")
    p.add_argument("--pred", required=True, metavar="P", help="predicted alignment file or folder")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--per-document", action="store_true",
                   help="also score each document on its own (a line each, or a list under \"per_document\")")
    return p


def _pairs(gold: Path, pred: Path) -> list[tuple[Path, Path]]:
    for p in (gold, pred):
        if not p.exists():
            raise InputError(p, "no such file or directory")
    if gold.is_dir() != pred.is_dir():
        raise InputError(pred, "gold and prediction must both be files or both be folders")
    if not gold.is_dir():
        return [(gold, pred)]
    return [(g, p) for _, g, p in pair_folders(gold, pred, every_right=False)]


def run(args: argparse.Namespace) -> int:
    pairs = _pairs(Path(args.gold), Path(args.pred))
    gold, pred = [read_path_format(g) for g, _ in pairs], [read_path_format(p) for _, p in pairs]
    res = score_alignments(gold, pred)
    each = [(p.name, score_alignments([g], [t])) for (_, p), g, t in zip(pairs, gold, pred)] if args.per_document else []
    if args.json:
        out = {k: round(v, 4) for k, v in res.items()} | {"documents": len(pairs)}
        if args.per_document:
            out["per_document"] = [{"file": name} | {k: round(v, 4) for k, v in r.items()} for name, r in each]
        print(json.dumps(out))
        return 0
    print_table([("", "strict    lax"),
                 ("precision", f"{res['precision_strict']:.4f}    {res['precision_lax']:.4f}"),
                 ("recall", f"{res['recall_strict']:.4f}    {res['recall_lax']:.4f}"),
                 ("F1", f"{res['f1_strict']:.4f}    {res['f1_lax']:.4f}"),
                 ("documents", len(pairs))])
    if each:
        print()
        print_table([("F1 of each", "strict    lax")]
                    + [(name, f"{r['f1_strict']:.4f}    {r['f1_lax']:.4f}") for name, r in each])
    return 0
