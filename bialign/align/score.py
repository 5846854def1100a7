"""What a bead's score means.

The score of a pair of sentences or of bead sides (:func:`bead_score`) is a
logistic function of their cosine similarity: 0.5 at a cosine of 0.35 (a little under the 0.375 under which
the aligner's gain penalises a bead in news-like text), near 1 for clear translations (0.6 and
up), near 0 for unrelated text. The same function judges pairs in :mod:`bialign.quality`, so
the aligner and the misalignment check agree on what a bad pair is.

Inside an alignment, an aligned bead's score is its posterior probability
(:class:`bialign.align.dp.Posteriors`): the share of all paths, weighted by
``exp(gain / temperature)``, that contain it. Most wrong beads are boundary
errors whose cosine alone is high; the posterior is low exactly where the
search's own gains leave a boundary in doubt.

Where a caller asks only whether two sides translate each other, not where
the boundaries fall (the passage finder), the aligner scores a bead by
:func:`bead_score` of its similarity less local discounts
(:func:`aligned_score`): by the shortfall of its margin under
``BOUNDARY_MARGIN`` when taking in an adjacent omitted sentence or the
nearest member of a neighbouring merge, or dropping a member of its own,
would match almost as well (cosines of sides encoded as one text where the
aligner has them), and when its length ratio strays from the document's.

The score of an omission is one minus the score the omitted sentence would get
with its best-matching sentence on the other side nearby: high when nothing
there translates it.

    >>> round(bead_score(0.8), 2), round(bead_score(0.1), 2)
    (1.0, 0.02)
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

CENTER = 0.35
SCALE = 0.06
NEIGHBOURHOOD = 3
BOUNDARY_MARGIN = 0.3
LENGTH_DISCOUNT = 0.5


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


def side_vector(vecs: np.ndarray, lengths: np.ndarray, ids=None) -> np.ndarray:
    """The vector of several sentences: the sum of theirs weighted by the square root of
    their length, L2-normalised (the aligner's vector of a multi-sentence bead side)."""
    if ids is not None:
        ids = list(ids)
        vecs, lengths = vecs[ids], lengths[ids]
    v = (vecs * np.sqrt(np.maximum(lengths, 1.0))[:, None]).sum(axis=0)
    return v / max(float(np.linalg.norm(v)), 1e-12)


def aligned_score(path, pos: int, src_vecs: np.ndarray, tgt_vecs: np.ndarray,
                  src_len: np.ndarray, tgt_len: np.ndarray, ratio: float,
                  similarity: Callable[[tuple, tuple], float] | None = None) -> float:
    """Score of the aligned bead ``path[pos]``: :func:`bead_score` of its similarity less the doubt discounts.

    :param ratio: the document's target/source length ratio over its aligned beads.
    :param similarity: cosine of a bead's sides given their ids (the aligner passes one that
        uses windows encoded as one text); the weighted sums of sentence vectors without it.
    """
    if similarity is None:
        def similarity(a, b):
            return float(side_vector(src_vecs, src_len, a) @ side_vector(tgt_vecs, tgt_len, b))
    src, tgt, sim = path[pos]
    own = similarity(src, tgt)
    take_in = []  # the bead with an adjacent omitted sentence, or a neighbour's edge member, taken in
    leave_out = []  # the bead without an edge member
    for step in (-1, 1):
        if 0 <= pos + step < len(path):
            s2, t2, _ = path[pos + step]
            if s2 and not t2:
                take_in.append((tuple(sorted(src + s2)), tgt))
            elif t2 and not s2:
                take_in.append((src, tuple(sorted(tgt + t2))))
            else:
                # the neighbouring bead's edge member next to this bead, moved here
                if len(s2) > 1:
                    take_in.append((tuple(sorted(src + (s2[0] if step > 0 else s2[-1],))), tgt))
                if len(t2) > 1:
                    take_in.append((src, tuple(sorted(tgt + (t2[0] if step > 0 else t2[-1],)))))
    for ids in ((src[1:], src[:-1]) if len(src) > 1 else ()):
        leave_out.append((ids, tgt))
    for ids in ((tgt[1:], tgt[:-1]) if len(tgt) > 1 else ()):
        leave_out.append((src, ids))
    alternatives = take_in + leave_out
    cosines = [similarity(a, b) for a, b in alternatives]
    total_doubt = max(0.0, BOUNDARY_MARGIN - (own - max(cosines))) if cosines else 0.0
    deviation = abs(math.log(max(float(tgt_len[list(tgt)].sum()), 1.0) /
                             (ratio * max(float(src_len[list(src)].sum()), 1.0))))
    return bead_score(sim - total_doubt - LENGTH_DISCOUNT * deviation)
