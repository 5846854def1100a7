"""Where bialign's remaining errors on hand-aligned text come from.

    python bench/ceiling.py --textberg DIR --mac DIR [--transread DIR] [--no-disk-cache]

For each hand-aligned set (the same folders as ``bench/align.py`` takes) this
prints, beside bialign's strict F1:

- **monotone ceiling**: the strict F1 of the best output any monotone aligner
  could give (a path of contiguous beads holding as many gold beads as it can,
  found by dynamic programming over the gold itself). Hand alignments hold
  beads no such aligner can produce (a bead joining sentences that are not
  neighbours, beads that cross), so 1.0 is out of reach there;
- bialign's **error regions**: the stretches between two points where bialign's
  path and the gold's meet, inside which their beads differ;
- for each region, which of the two the **gain model** prefers: the
  document's :class:`~bialign.align.dp.GainModel` (as ``bialign.align``
  adapts it to the whole text; the model it gives an untranslated stretch, or
  each chapter-sized piece of a text over 600 sentences, is not used here),
  every multi-sentence bead side encoded as one text, summed over the
  region's beads. Where it prefers the gold, the search or the
  steps after it lost a better-scored answer; where it prefers bialign's, no
  search under this model (this encoder) would give the gold; where the gold
  is no monotone path, no monotone aligner would;
- bialign's **wrong beads by kind** (a second table): each aligned bead that
  is not a gold bead is *finer* than the gold (all its sentences lie in one
  gold bead: the search split that bead), *coarser* (it is a union of whole
  gold beads) or *crosses* a gold boundary (neither). "1-1 in a 2-2" counts
  the commonest finer kind: two 1-1 beads where the gold has one 2-2.

Prints Markdown tables and writes nothing but the encoding cache (shared with
``bench/align.py``).
"""
from __future__ import annotations

import argparse
import datetime
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from align import (CACHE_DIR, DiskCachedEncoder, folder_docs, gold_path, run_ours,  # noqa: E402
                   textberg_docs, transread_docs)
from aligndata import AlignDoc  # noqa: E402

from bialign.align import DEFAULT_CONFIG, document_evidence, text_length  # noqa: E402
from bialign.align.dp import bead_gain, mean_pair_cosine  # noqa: E402
from bialign.align.evaluate import score_alignments  # noqa: E402
from bialign.encode import CachedEncoder, USEncoder  # noqa: E402

Path = list[tuple[tuple[int, ...], tuple[int, ...]]]


def full_gold_path(doc: AlignDoc) -> Path:
    """The gold beads in path order, with the sentences no gold bead holds (some hand
    alignments leave a line out) added as omissions, which no scorer counts."""
    held = ({i for s, _ in doc.gold for i in s}, {j for _, t in doc.gold for j in t})
    extra = [((i,), ()) for i in range(len(doc.src)) if i not in held[0]]
    extra += [((), (j,)) for j in range(len(doc.tgt)) if j not in held[1]]
    full = AlignDoc(doc.name, doc.src, doc.tgt, [(tuple(s), tuple(t)) for s, t in doc.gold] + extra)
    return [(tuple(s), tuple(t)) for s, t in gold_path(full)]


def corners(path: Path) -> tuple[list[tuple[int, int]], bool]:
    """The ``(i, j)`` point after each bead of ``path`` (from ``(0, 0)``), and whether every bead
    takes the next sentences of both sides (a monotone path of contiguous beads)."""
    i = j = 0
    points, monotone = [(0, 0)], True
    for s, t in path:
        monotone &= list(s) == list(range(i, i + len(s))) and list(t) == list(range(j, j + len(t)))
        i, j = i + len(s), j + len(t)
        points.append((i, j))
    return points, monotone


def monotone_ceiling(doc: AlignDoc, max_side: int = 8) -> Path:
    """The monotone path of contiguous beads (sides of up to ``max_side`` sentences) that holds
    the most gold beads, with the fewest beads among those."""
    n, m = len(doc.src), len(doc.tgt)
    starts: dict[tuple[int, int], list[tuple[int, int]]] = {}
    omitted = (set(), set())
    for s, t in doc.gold:
        s, t = tuple(s), tuple(t)
        if s and t and s == tuple(range(s[0], s[0] + len(s))) and t == tuple(range(t[0], t[0] + len(t))):
            if len(s) <= max_side and len(t) <= max_side:
                starts.setdefault((s[0], t[0]), []).append((len(s), len(t)))
        elif len(s) + len(t) == 1:
            omitted[0 if s else 1].add((s or t)[0])
    neg = -1 << 60
    best = np.full((n + 1, m + 1), neg, dtype=np.int64)
    back = np.zeros((n + 1, m + 1, 2), dtype=np.int64)
    best[0, 0] = 0
    for i in range(n + 1):
        for j in range(m + 1):
            v = int(best[i, j])
            if v == neg:
                continue
            # a gold bead is worth 1000 less one for the bead; anything else costs one
            steps = [(1, 0, 1000 * (i in omitted[0]) - 1), (0, 1, 1000 * (j in omitted[1]) - 1), (1, 1, -1)]
            steps += [(a, b, 999) for a, b in starts.get((i, j), [])]
            for a, b, w in steps:
                if i + a <= n and j + b <= m and v + w > best[i + a, j + b]:
                    best[i + a, j + b] = v + w
                    back[i + a, j + b] = (a, b)
    path = []
    i, j = n, m
    while i or j:
        a, b = (int(x) for x in back[i, j])
        path.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return path[::-1]


def regions(pred: Path, gold: Path) -> list[tuple[tuple[int, int], Path, Path]]:
    """The stretches between points both paths pass through where their beads differ, as
    ``(starting point, pred beads, gold beads)``."""
    pc, _ = corners(pred)
    gc, _ = corners(gold)
    at_p = {c: k for k, c in enumerate(pc)}
    at_g = {c: k for k, c in enumerate(gc)}
    common = [c for c in pc if c in at_g]
    out = []
    for a, b in zip(common, common[1:]):
        p, g = pred[at_p[a]:at_p[b]], gold[at_g[a]:at_g[b]]
        if p != g:
            out.append((a, p, g))
    return out


def judge(doc: AlignDoc, encoder, pred: Path) -> dict[str, int]:
    """Count ``doc``'s error regions by which path the document's gain model prefers."""
    sv, tv = encoder.encode(doc.src), encoder.encode(doc.tgt)
    sl = np.array([text_length(x) for x in doc.src], dtype=np.float64)
    tl = np.array([text_length(x) for x in doc.tgt], dtype=np.float64)
    _, _, (ratio, typical) = document_evidence(sv, tv, sl, tl)
    gain = DEFAULT_CONFIG.gain.for_document(*typical)
    base = mean_pair_cosine(sv, tv)

    def side(ids, sents, vecs):
        return vecs[ids[0]] if len(ids) == 1 else encoder.encode([" ".join(sents[i] for i in ids)])[0]

    def total(path: Path) -> float:
        out = 0.0
        for s, t in path:
            if s and t:
                out += bead_gain(s, t, sv, tv, sl, tl, ratio, base, gain,
                                 sides=(side(s, doc.src, sv), side(t, doc.tgt, tv)))
            else:
                out += gain.skip * (len(s) + len(t))
        return out

    counts = {"regions": 0, "model prefers bialign's": 0, "model prefers the gold": 0, "gold not monotone": 0}
    for (i, j), p, g in regions(pred, full_gold_path(doc)):
        counts["regions"] += 1
        if not corners([(tuple(x - i for x in s), tuple(y - j for y in t)) for s, t in g])[1]:
            counts["gold not monotone"] += 1
        elif total(g) > total(p):
            counts["model prefers the gold"] += 1
        else:
            counts["model prefers bialign's"] += 1
    return counts


WRONG_KINDS = ("finer", "coarser", "crosses", "1-1 in a 2-2")


def wrong_kinds(pred: Path, gold: Path) -> dict[str, int]:
    """Count the aligned beads of ``pred`` that are not in ``gold`` by how they differ
    from it (see the module notes).

    >>> wrong_kinds([((0,), (0,)), ((1,), (1,)), ((2, 3), (2, 3))],
    ...             [((0, 1), (0, 1)), ((2,), (2,)), ((3,), (3,))])
    {'finer': 2, 'coarser': 1, 'crosses': 0, '1-1 in a 2-2': 2}
    """
    gold_set = {(tuple(s), tuple(t)) for s, t in gold}
    of_src = {i: (tuple(s), tuple(t)) for s, t in gold for i in s}
    of_tgt = {j: (tuple(s), tuple(t)) for s, t in gold for j in t}
    counts = dict.fromkeys(WRONG_KINDS, 0)
    for s, t in pred:
        if not s or not t or (tuple(s), tuple(t)) in gold_set:
            continue
        held = {of_src.get(i) for i in s} | {of_tgt.get(j) for j in t}
        held.discard(None)
        if len(held) == 1:
            counts["finer"] += 1
            g = next(iter(held))
            counts["1-1 in a 2-2"] += (len(s), len(t), len(g[0]), len(g[1])) == (1, 1, 2, 2)
        elif all(set(gs) <= set(s) and set(gt) <= set(t) for gs, gt in held):
            counts["coarser"] += 1
        else:
            counts["crosses"] += 1
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--textberg", metavar="DIR", help="Bleualign's Text+Berg de-fr files (see bench/align.py)")
    ap.add_argument("--mac", metavar="DIR", help="folder written by bench/prepare_mac.py")
    ap.add_argument("--transread", metavar="DIR", help="folder written by bench/prepare_transread.py "
                    "(its English-French and English-Spanish novels)")
    ap.add_argument("--no-disk-cache", action="store_true", help="do not read or write the encoding cache under /tmp")
    args = ap.parse_args(argv)
    sets = []
    if args.textberg:
        sets += [("Text+Berg de-fr dev (tuning)", textberg_docs(args.textberg, ["dev"])),
                 ("Text+Berg de-fr test0-6 (held out)", textberg_docs(args.textberg, [f"test{i}" for i in range(7)]))]
    if args.mac:
        sets += [("MAC zh-en dev (tuning)", folder_docs(os.path.join(args.mac, "dev"))),
                 ("MAC zh-en test (held out)", folder_docs(os.path.join(args.mac, "test")))]
    if args.transread:
        sets.append(("TransRead novels en-fr, en-es (held out)", transread_docs(args.transread)[0]))
    if not sets:
        ap.error("give --textberg, --mac and/or --transread")
    encoder = (CachedEncoder(USEncoder()) if args.no_disk_cache
               else DiskCachedEncoder(USEncoder(), os.path.join(CACHE_DIR, "usem3.pkl")))
    keys = ["regions", "model prefers bialign's", "model prefers the gold", "gold not monotone"]
    print(f"bench/ceiling.py, {datetime.date.today()}\n")
    print("| set | docs | gold beads | bialign strict F1 | monotone ceiling | " + " | ".join(keys) + " |")
    print("|---" * (5 + len(keys)) + "|")
    kinds = []
    for name, docs in sets:
        preds = [[(s, t) for s, t, _ in run_ours(d, encoder)] for d in docs]
        golds = [d.gold for d in docs]
        f1 = score_alignments(golds, preds)["f1_strict"]
        ceiling = score_alignments(golds, [monotone_ceiling(d) for d in docs])["f1_strict"]
        counts = dict.fromkeys(keys, 0)
        wrong = dict.fromkeys(WRONG_KINDS, 0)
        for d, p in zip(docs, preds):
            for k, v in wrong_kinds(p, d.gold).items():
                wrong[k] += v
            for k, v in judge(d, encoder, p).items():
                counts[k] += v
        print(f"| {name} | {len(docs)} | {sum(len(g) for g in golds)} | {f1:.3f} | {ceiling:.3f} | "
              + " | ".join(str(counts[k]) for k in keys) + " |", flush=True)
        aligned = sum(1 for p in preds for s, t in p if s and t)
        kinds.append(f"| {name} | {aligned} | {sum(wrong[k] for k in WRONG_KINDS[:3])} | "
                     + " | ".join(str(wrong[k]) for k in WRONG_KINDS) + " |")
        if hasattr(encoder, "save"):
            encoder.save()
    print("\n| set | bialign's aligned beads | wrong | " + " | ".join(WRONG_KINDS) + " |")
    print("|---" * (3 + len(WRONG_KINDS)) + "|")
    print("\n".join(kinds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
