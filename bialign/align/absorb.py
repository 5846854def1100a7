"""Give an omitted sentence to the bead next to it when it fits there.

The search leaves a sentence out whenever merging it would lower its
neighbour bead's gain, and the gain also weighs the length fit and how much
the bead stands out from the sentences around it. A translator's split
(``Il n'y a pas d'arête nord, ... de glace.`` + ``Tenter une voie de ce côté
serait un pur suicide.`` for one German sentence) often fails that test: the
short piece shifts the length fit a little and exposes a more similar
neighbour, so the piece is left out although it is part of the translation.

The test here is simpler and stricter about meaning: an omitted sentence joins
an adjacent bead when the bead's two sides, with the sentence added (encoded as
one text), are at least as similar as without it, and when it is no longer
than half the bead's side it joins (a piece, not a sentence of its own). A
sentence that says something the other side does not dilutes the bead's vector
and lowers the similarity, so a real omission stays one. On the tuning sets
(newstest 2013-14 with 12% deletions; Text+Berg dev) omission recall stays at
0.95 while Text+Berg strict F1 rises from 0.858 to 0.875; without the length
condition it rises to 0.878 but omission recall falls to 0.94. Where the
encoder matches the whole document weakly (literary text; see
:meth:`bialign.align.dp.GainModel.shortfall`) the aligner lets a piece lower
the cosine a little (``tolerance``): there a piece adds as much noise as meaning.
Where it matches well (news) a piece must raise the cosine by 0.01: a sentence
nobody translated that merely does not dilute a loosely worded pair stays an
omission.

    >>> sims = {((0,), (0,)): 0.8, ((0,), (0, 1)): 0.82, ((0, 1), (0,)): 0.5, ((0, 1), (0, 1)): 0.6}
    >>> absorb_omissions([((0,), (0,), 0.8), ((), (1,), 0.0), ((1,), (), 0.0)],
    ...                  lambda s, t: sims[(s, t)], max_bead=5, lengths=([40, 15], [40, 15]))
    [((0,), (0, 1), 0.82), ((1,), (), 0.0)]

The search can also put a sentence nobody translated into a bead: the gain
counts how much a bead stands out from the sentences just outside it, so
when a deleted headline restates the lead that follows it, the lead's bead
stands out better with the headline inside it than next to it. In a document
the encoder matches well, :func:`shed_members` therefore takes the first or
last sentence of a bead's side out, as an omission, when the bead without it
is more than ``SHED_DROP`` more similar: the reverse of absorbing, with a
wider margin so that nothing is absorbed and shed in turn. On the tuning sets
(newstest 2013-14, seeds 1-3) omission recall with 12% deletions rose from
0.949 to 0.960 and strict F1 from 0.9935 to 0.9941; with 2% deletions strict
F1 fell from 0.9970 to 0.9964 (a loosely worded piece taken out).

    >>> sims = {((0,), (0, 1)): 0.6, ((0,), (1,)): 0.8, ((0,), (0,)): 0.3}
    >>> shed_members([((0,), (0, 1), 0.6)], lambda s, t: sims[(s, t)])
    [((), (0,), 0.0), ((0,), (1,), 0.8)]
"""
from __future__ import annotations

from typing import Callable, Sequence

Step = tuple[tuple[int, ...], tuple[int, ...], float]
#: An omitted sentence longer than this share of the bead side it would join is not a piece of it.
PIECE_SHARE = 0.5
#: A bead's first or last sentence of a side is taken out when the bead without it is more than
#: this much more similar (chosen on newstest 2013-14 with a scratch run over the aligner's output:
#: 0 / 0.01 / 0.02 gave omission recall 0.966 / 0.964 / 0.962 with 12% deletions and strict F1
#: 0.9949 / 0.9958 / 0.9961 with 2%, against 0.949 and 0.9970 without the step).
SHED_DROP = 0.02

__all__ = ["absorb_omissions", "absorb_candidates", "shed_members", "shed_candidates"]


def _merged(bead: Step, omission: Step) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(sorted(bead[0] + omission[0])), tuple(sorted(bead[1] + omission[1]))


def _is_piece(omission: Step, bead: Step, lengths) -> bool:
    """Whether the omitted sentence is at most ``PIECE_SHARE`` as long as the bead's side it would join."""
    side = 0 if omission[0] else 1
    return lengths[side][omission[side][0]] <= PIECE_SHARE * sum(lengths[side][i] for i in bead[side])


def _neighbours(path: Sequence[Step], k: int, max_bead: int, lengths):
    """Aligned beads next to the omission ``path[k]`` that may take it in, with the merged bead."""
    for nb in (k - 1, k + 1):
        if 0 <= nb < len(path) and path[nb][0] and path[nb][1]:
            s, t = _merged(path[nb], path[k])
            if len(s) + len(t) <= max_bead and _is_piece(path[k], path[nb], lengths):
                yield nb, s, t


def absorb_candidates(path: Sequence[Step], max_bead: int,
                      lengths: tuple[Sequence[float], Sequence[float]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The beads :func:`absorb_omissions` is likely to compare on ``path`` (so that their sides
    can be encoded in one batch): each aligned bead next to an omission short enough to be a
    piece of it, and that bead grown by any number of such omissions running up to it on
    either side, within ``max_bead``."""
    def piece(q: int, bead: Step) -> bool:
        return not (path[q][0] and path[q][1]) and _is_piece(path[q], bead, lengths)

    out = []
    for p, bead in enumerate(path):
        s, t, _ = bead
        if not (s and t):
            continue
        room = max_bead - len(s) - len(t)  # each omission adds one sentence
        left = right = 0
        while left < room and p - left - 1 >= 0 and piece(p - left - 1, bead):
            left += 1
        while right < room and p + right + 1 < len(path) and piece(p + right + 1, bead):
            right += 1
        if not left and not right:
            continue
        for a in range(left + 1):
            for b in range(right + 1):
                ms, mt = s, t
                for q in list(range(p - a, p)) + list(range(p + 1, p + b + 1)):
                    ms, mt = _merged((ms, mt, 0.0), path[q])
                if len(ms) + len(mt) <= max_bead:
                    out.append((ms, mt))
    return out


def absorb_omissions(path: Sequence[Step], similarity: Callable[[tuple, tuple], float],
                     max_bead: int, lengths: tuple[Sequence[float], Sequence[float]],
                     tolerance: float = 0.0) -> list[Step]:
    """Merge each omitted sentence into the adjacent aligned bead whose similarity it does not
    lower (by more than ``tolerance``) and whose side it is at most ``PIECE_SHARE`` as long
    as (the bead it raises most, if both qualify); repeat until nothing changes.

    :param path: ``(src_ids, tgt_ids, similarity)`` steps in order (one side empty for an omission).
    :param similarity: cosine of a bead's two sides, each encoded as one text.
    :param max_bead: largest bead (both sides together) to build.
    :param lengths: sentence lengths (characters) of the source and of the target side.
    :param tolerance: how much a piece may lower the bead's similarity and still join it
        (the aligner allows some where the encoder matches the document weakly); negative:
        how much it must raise it (the aligner asks that on news-like text, see
        :func:`bialign.align.absorb_tolerance`).
    :returns: the new path; a merged bead carries its new similarity.
    """
    path = list(path)
    k = 0
    while k < len(path):
        s, t, _ = path[k]
        best = None
        if not (s and t):
            for nb, ms, mt in _neighbours(path, k, max_bead, lengths):
                before = similarity(path[nb][0], path[nb][1])
                after = similarity(ms, mt)
                if after >= before - tolerance and (best is None or after - before > best[0]):
                    best = (after - before, nb, ms, mt, after)
        if best is None:
            k += 1
            continue
        _, nb, ms, mt, after = best
        path[nb] = (ms, mt, after)
        del path[k]
        k = max(0, min(k, nb) - 1)  # the grown bead may now take in the next omission
    return path


def _without(bead: Step) -> list[tuple[int, int, tuple[int, ...], tuple[int, ...]]]:
    """``(side, sentence, src_ids, tgt_ids)`` for the bead without each first or last sentence
    of a side that has more than one."""
    out = []
    for side in (0, 1):
        ids = bead[side]
        if len(ids) > 1:
            for e in dict.fromkeys((ids[0], ids[-1])):
                rest = tuple(i for i in ids if i != e)
                out.append((side, e, rest, bead[1]) if side == 0 else (side, e, bead[0], rest))
    return out


def shed_candidates(path: Sequence[Step]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The beads :func:`shed_members` compares on ``path``: each aligned bead with a side of
    more than one sentence, and that bead without the first or the last sentence of such a side."""
    out = []
    for s, t, _ in path:
        if s and t and len(s) + len(t) > 2:
            out.append((s, t))
            out += [(a, b) for _, _, a, b in _without((s, t, 0.0))]
    return out


def shed_members(path: Sequence[Step], similarity: Callable[[tuple, tuple], float],
                 drop: float = SHED_DROP) -> list[Step]:
    """Take out of each aligned bead the first or last sentence of a side whose removal raises
    the bead's similarity most, when by more than ``drop``; it becomes an omission next to
    the bead, on the side it was on. One sentence a bead at most.

    :param path: ``(src_ids, tgt_ids, similarity)`` steps in order.
    :param similarity: cosine of a bead's two sides, each encoded as one text.
    :returns: the new path; a shrunk bead carries its new similarity.
    """
    out: list[Step] = []
    for s, t, sim in path:
        best = None
        if s and t and len(s) + len(t) > 2:
            whole = similarity(s, t)
            for side, e, a, b in _without((s, t, sim)):
                rise = similarity(a, b) - whole
                if rise > drop and (best is None or rise > best[0]):
                    best = (rise, side, e, a, b, whole + rise)
        if best is None:
            out.append((s, t, sim))
            continue
        _, side, e, a, b, new = best
        omission: Step = ((e,), (), 0.0) if side == 0 else ((), (e,), 0.0)
        first = e < (a if side == 0 else b)[0]
        out += [omission, (a, b, new)] if first else [(a, b, new), omission]
    return out
