"""Dynamic programming over sentence beads, restricted to a band of cells.

The search maximises the summed gain of the beads on a monotone path from
``(0, 0)`` to ``(n, m)``. How a bead's gain is computed is
described in :class:`GainModel`; an omission (1-0, 0-1) gains nothing, so a
pair is aligned only when its similarity beats the threshold.

Rows are processed one at a time and only the cells of the band are stored,
so time and memory grow with ``n * band`` rather than ``n * m``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEG = -1e18


@dataclass(frozen=True)
class Band:
    """Allowed target range ``[lo[i], hi[i]]`` (inclusive) for each source prefix ``i`` in ``0..n``."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> "Band":
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())


def window_sums(vectors: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    """Row ``k`` is the L2-normalised weighted sum of ``vectors[k - size:k]`` (zeros where ``k < size``)."""
    n, d = vectors.shape
    out = np.zeros((n + 1, d), dtype=np.float32)
    if n < size:
        return out
    weighted = vectors * weights[:, None]
    csum = np.concatenate([np.zeros((1, d), dtype=np.float64), np.cumsum(weighted, axis=0, dtype=np.float64)])
    win = csum[size:] - csum[:-size]
    norms = np.linalg.norm(win, axis=1, keepdims=True)
    out[size:] = (win / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


def window_lengths(lengths: np.ndarray, size: int) -> np.ndarray:
    """Entry ``k`` is the summed length of items ``k - size .. k - 1`` (0 where ``k < size``)."""
    n = len(lengths)
    out = np.zeros(n + 1, dtype=np.float64)
    if n >= size:
        c = np.concatenate([[0.0], np.cumsum(lengths, dtype=np.float64)])
        out[size:] = c[size:] - c[:-size]
    return out


@dataclass(frozen=True)
class GainModel:
    """The numbers that turn a bead's similarity and lengths into a gain.

    A bead of ``a`` source and ``b`` target sentences gains
    ``(a + b) / 2 * (sim - threshold - length_weight * d**2) - merge_penalty * (a + b - 2)``
    where ``sim`` is the cosine of the two sides' vectors and ``d`` the log of
    the target/source length ratio over the document's ratio. An omission
    gains nothing, so a pair is aligned only when its similarity beats the
    threshold, and a merge only when it explains its members better than they
    are explained apart.

    :param threshold: similarity below which a 1-1 pair is worth less than two omissions.
    :param merge_penalty: subtracted once per sentence beyond the first on each side.
    :param length_weight: weight of the squared log length-ratio deviation.
    """

    threshold: float = 0.3
    merge_penalty: float = 0.2
    length_weight: float = 0.05


def align_band(
    src_vecs: np.ndarray,
    tgt_vecs: np.ndarray,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    bead_types: tuple[tuple[int, int], ...],
    gain: GainModel,
    band: Band | None = None,
    omission_gain: float = 0.0,
    src_windows: dict[int, np.ndarray] | None = None,
    tgt_windows: dict[int, np.ndarray] | None = None,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Best monotone bead path; returns ``(src_ids, tgt_ids, similarity)`` per bead, in order.

    :param src_vecs: ``(n, d)`` L2-normalised sentence vectors.
    :param tgt_vecs: ``(m, d)``.
    :param src_len: ``(n,)`` sentence lengths in characters (positive).
    :param tgt_len: ``(m,)``.
    :param bead_types: ``(a, b)`` sizes with ``a, b >= 1``; 1-0 and 0-1 are always allowed.
    :param band: cells to search; the full grid when ``None``.
    :param src_windows: optional ``{size: (n + 1, d) array}`` of better vectors for
        multi-sentence windows (row ``k`` for the window ending before ``k``); rows of
        zeros fall back to the weighted sum of the members' vectors.
    :param tgt_windows: the same for the target side.
    """
    n, m = len(src_vecs), len(tgt_vecs)
    if band is None:
        band = Band.full(n, m)
    lo, hi = band.lo, band.hi
    # Expected target/source length ratio of this document pair, robust to omissions.
    ratio = float(np.sum(tgt_len) / max(np.sum(src_len), 1.0)) if n and m else 1.0
    sizes_a = sorted({a for a, _ in bead_types} | {1})
    sizes_b = sorted({b for _, b in bead_types} | {1})
    sw = np.sqrt(np.maximum(src_len, 1.0))
    tw = np.sqrt(np.maximum(tgt_len, 1.0))
    sv = {a: window_sums(src_vecs, sw, a) for a in sizes_a}
    tv = {b: window_sums(tgt_vecs, tw, b) for b in sizes_b}
    sl = {a: window_lengths(src_len, a) for a in sizes_a}
    tl = {b: window_lengths(tgt_len, b) for b in sizes_b}
    for given, own in ((src_windows, sv), (tgt_windows, tv)):
        for size, vecs in (given or {}).items():
            if size in own:
                have = np.any(vecs != 0, axis=1)
                own[size] = own[size].copy()
                own[size][have] = vecs[have]

    types = [(1, 0), (0, 1)] + [t for t in bead_types if t[0] >= 1 and t[1] >= 1]
    rows: list[np.ndarray] = []  # D[i] over lo[i]..hi[i]
    backs: list[np.ndarray] = []  # index into ``types`` (-1 for the origin)
    sims: list[np.ndarray] = []  # similarity of the chosen bead

    for i in range(n + 1):
        width = int(hi[i] - lo[i] + 1)
        js = np.arange(lo[i], hi[i] + 1)
        best = np.full(width, NEG)
        back = np.full(width, -1, dtype=np.int8)
        bsim = np.zeros(width, dtype=np.float32)
        if i == 0 and lo[0] == 0:
            best[0] = 0.0
        for k, (a, b) in enumerate(types):
            if a == 0 or i - a < 0:
                continue
            prev, plo, phi = rows[i - a], lo[i - a], hi[i - a]
            jp = js - b
            ok = (jp >= plo) & (jp <= phi) & (jp >= 0)
            if not ok.any():
                continue
            cand = np.full(width, NEG)
            cand[ok] = prev[jp[ok] - plo]
            if b == 0:
                g = np.full(width, omission_gain)
                sim = np.zeros(width, dtype=np.float32)
            else:
                jj = js[ok]
                sim_ok = tv[b][jj] @ sv[a][i]
                lr = np.log(np.maximum(tl[b][jj], 1.0) / (ratio * max(sl[a][i], 1.0)))
                g_ok = (a + b) / 2.0 * (sim_ok - gain.threshold - gain.length_weight * lr * lr)
                g_ok -= gain.merge_penalty * (a + b - 2)
                g = np.full(width, NEG)
                g[ok] = g_ok
                sim = np.zeros(width, dtype=np.float32)
                sim[ok] = sim_ok
            total = cand + g
            better = total > best
            best[better] = total[better]
            back[better] = k
            bsim[better] = sim[better]
        # 0-1 beads move along the row: D[j] = max(C[j], D[j-1] + omission_gain)
        steps = np.arange(width) * omission_gain
        run = np.maximum.accumulate(best - steps) + steps
        moved = run > best + 1e-12
        best = np.where(moved, run, best)
        back[moved] = 1
        bsim[moved] = 0.0
        rows.append(best)
        backs.append(back)
        sims.append(bsim)

    if not (lo[n] <= m <= hi[n]) or rows[n][m - lo[n]] <= NEG / 2:
        raise RuntimeError("no alignment path inside the band")
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(backs[i][j - lo[i]])
        a, b = types[k]
        path.append((tuple(range(i - a, i)), tuple(range(j - b, j)), float(sims[i][j - lo[i]])))
        i, j = i - a, j - b
    path.reverse()
    return path
