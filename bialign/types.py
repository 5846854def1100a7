"""Plain data passed between the stages of the pipeline.

Every stage takes and returns these frozen dataclasses, never dicts, so that a
piece of text keeps its source file and offsets from ``load`` to the corpus
writers.

    >>> p = Paragraph(text="Привет.", file="a.txt", first_line=3, last_line=3, start=10, end=17, index=0)
    >>> p.lines
    (3, 3)
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document.

    :param text: the paragraph's text, hard-wrapped lines joined with a space
        and markdown link syntax reduced to its text.
    :param file: the path the document was loaded from.
    :param first_line: 1-based first line of the paragraph in the file.
    :param last_line: 1-based last line (inclusive).
    :param start: character offset of the paragraph in the decoded file text.
    :param end: character offset one past its end.
    :param index: position of the paragraph in its document (0-based).
    """

    text: str
    file: str
    first_line: int
    last_line: int
    start: int
    end: int
    index: int

    @property
    def lines(self) -> tuple[int, int]:
        return (self.first_line, self.last_line)


@dataclass(frozen=True)
class Document:
    """A loaded document: its decoded text and its paragraphs in order."""

    path: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Detection:
    """The language of a text: ISO 639-1 code (``und`` if undecidable) and a 0..1 confidence."""

    lang: str
    confidence: float


@dataclass(frozen=True)
class Span:
    """A run of text in one language: ``text[start:end]`` of the text it was found in."""

    start: int
    end: int
    lang: str
    confidence: float
    text: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence with its character offsets in the text it was split from."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Bead:
    """One alignment bead: 0-based indices of source and target sentences.

    One side is empty for an omission (1-0 or 0-1). ``score`` is the bead's
    confidence in 0..1 (see :mod:`bialign.align.score`).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float

    @property
    def is_omission(self) -> bool:
        return not self.src or not self.tgt


@dataclass(frozen=True)
class Passage:
    """A run of consecutive paragraphs in one language, split into sentences."""

    paragraphs: tuple[Paragraph, ...]
    lang: str
    sentences: tuple[Sentence, ...]
    confidence: float = 1.0  # language-identification confidence (lowest of its paragraphs)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def lines(self) -> tuple[int, int]:
        return (self.paragraphs[0].first_line, self.paragraphs[-1].last_line)

    @property
    def file(self) -> str:
        return self.paragraphs[0].file


@dataclass(frozen=True)
class PassagePair:
    """A Russian passage and the English passage that translates it (or is translated by it).

    ``beads`` index ``ru.sentences`` (``src``) and ``en.sentences`` (``tgt``).
    """

    ru: Passage
    en: Passage
    score: float
    beads: tuple[Bead, ...]

    @property
    def file(self) -> str:
        return self.ru.file

    @property
    def order(self) -> str:
        return "ru-first" if self.ru.paragraphs[0].index < self.en.paragraphs[0].index else "en-first"


@dataclass(frozen=True)
class TranslationPair:
    """One unit of a parallel corpus: a source segment, its translation and where they came from."""

    src: str
    tgt: str
    src_lang: str = "ru"
    tgt_lang: str = "en"
    score: float | None = None
    file: str | None = None
    src_lines: tuple[int, int] | None = None
    tgt_lines: tuple[int, int] | None = None
    props: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class CorpusStats:
    """Counts reported after building a corpus."""

    files: int = 0
    russian_paragraphs: int = 0
    passage_pairs: int = 0
    sentence_pairs: int = 0
    omissions: int = 0


@dataclass(frozen=True)
class Corpus:
    """Sentence pairs with provenance, plus the counts of what was found."""

    pairs: tuple[TranslationPair, ...]
    stats: CorpusStats
    passages: tuple[PassagePair, ...] = ()
