"""What a bead's score means.

The score of an aligned bead is a logistic function of the cosine similarity
of its two sides: 0.5 at a cosine of 0.35 (a little above the 0.3 at which the
aligner prefers a 1-1 bead to two omissions, so beads it keeps only barely
score below 0.5), near 1 for clear translations (0.6 and up), near 0 for
unrelated text. The same function judges pairs in :mod:`bialign.quality`, so
the aligner and the misalignment check agree on what a bad pair is.

The score of an omission is one minus the score the omitted sentence would get
with its best-matching sentence on the other side nearby: high when nothing
there translates it.

    >>> round(bead_score(0.8), 2), round(bead_score(0.1), 2)
    (1.0, 0.02)
"""
from __future__ import annotations

import math

import numpy as np

CENTER = 0.35
SCALE = 0.06
NEIGHBOURHOOD = 3


def bead_score(similarity: float) -> float:
    """Map a cosine similarity to a 0..1 confidence that the two sides translate each other."""
    z = (similarity - CENTER) / SCALE
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def omission_score(path, pos: int, src_vecs: np.ndarray, tgt_vecs: np.ndarray) -> float:
    """Confidence that the omission at ``path[pos]`` is real (nothing nearby translates it)."""
    src, tgt, _ = path[pos]
    near_s: list[int] = []
    near_t: list[int] = []
    for s, t, _ in path[max(0, pos - NEIGHBOURHOOD):pos + NEIGHBOURHOOD + 1]:
        near_s.extend(s)
        near_t.extend(t)
    if src:
        others = tgt_vecs[near_t] if near_t else None
        mine = src_vecs[list(src)]
    else:
        others = src_vecs[near_s] if near_s else None
        mine = tgt_vecs[list(tgt)]
    if others is None or not len(others):
        return 1.0
    best = float(np.max(mine @ others.T))
    return 1.0 - bead_score(best)
