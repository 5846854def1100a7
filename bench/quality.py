"""Quality estimation benchmark: true pairs against the same pairs with targets shuffled.

For each test set (newstest2012 ru-en, NTREX-128 rus-eng, from ../shared/data):

- ROC AUC of the alignment score (the aligner's bead score, :func:`bialign.quality.alignment_scores`)
  separating true pairs from shuffled ones;
- share of true and of shuffled pairs that ``bialign check`` flags as ``misaligned`` at its
  default threshold, and share flagged with any ``error``;
- per rule, the share of true pairs each check flags (its false-alarm rate on clean data,
  or real problems of the test set).

Usage: python bench/quality.py [--limit N]   (prints a Markdown table)
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data")
SETS = {
    "newstest2012": ("newstest/newstest2012.ru", "newstest/newstest2012.en"),
    "ntrex": ("ntrex/ntrex.rus.txt", "ntrex/ntrex.eng.txt"),
}


def roc_auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    allv = np.concatenate([pos, neg])
    order = allv.argsort(kind="mergesort")
    ranks = np.empty(len(allv))
    sorted_v = allv[order]
    i = 0
    while i < len(allv):  # average ranks over ties
        j = i
        while j + 1 < len(allv) and sorted_v[j + 1] == sorted_v[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    r_pos = ranks[:len(pos)].sum()
    return float((r_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def derangement(n: int, seed: int = 12345) -> np.ndarray:
    """A permutation with no fixed point (every target moves)."""
    rng = np.random.default_rng(seed)
    perm = rng.permutation(n)
    for i in np.flatnonzero(perm == np.arange(n)):
        j = (i + 1) % n
        perm[i], perm[j] = perm[j], perm[i]
    return perm


def read(path: str) -> list[str]:
    with open(os.path.join(DATA, path), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="use only the first N pairs of each set")
    args = ap.parse_args()

    from bialign.quality import MISALIGNED_THRESHOLD, alignment_scores, check

    print(f"misaligned threshold (bead score) {MISALIGNED_THRESHOLD}; shuffled = targets deranged, seed 12345\n")
    print("| set | pairs | ROC AUC | true flagged misaligned | shuffled flagged misaligned "
          "| true with any error | shuffled with any error | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    per_rule = {}
    for name, (src_path, tgt_path) in SETS.items():
        src, tgt = read(src_path), read(tgt_path)
        if args.limit:
            src, tgt = src[:args.limit], tgt[:args.limit]
        perm = derangement(len(tgt))
        shuf = [tgt[j] for j in perm]
        t0 = time.time()
        true_s = alignment_scores(src, tgt)
        shuf_s = alignment_scores(src, shuf)  # the encoder's cache makes this cheap
        auc = roc_auc(true_s, shuf_s)
        f_true = check(list(zip(src, tgt)))
        f_shuf = check(list(zip(src, shuf)))
        secs = time.time() - t0
        n = len(src)

        def share(findings, pred) -> float:
            return len({f.pair for f in findings if pred(f)}) / n

        mis = lambda f: f.rule == "misaligned"  # noqa: E731
        err = lambda f: f.severity == "error"  # noqa: E731
        print(f"| {name} | {n} | {auc:.4f} | {share(f_true, mis):.2%} | {share(f_shuf, mis):.2%} "
              f"| {share(f_true, err):.2%} | {share(f_shuf, err):.2%} | {secs:.0f} |")
        per_rule[name] = Counter()
        for f in f_true:
            per_rule[name][f.rule] += 1
        per_rule[name]["_n"] = n
        sys.stdout.flush()

    from bialign.quality.checks import RULES

    print("\nShare of TRUE pairs each rule flags:\n")
    print("| rule | " + " | ".join(per_rule) + " |")
    print("|---|" + "---:|" * len(per_rule))
    for rule in RULES:
        print(f"| {rule} | " + " | ".join(f"{c[rule] / c['_n']:.2%}" for c in per_rule.values()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
