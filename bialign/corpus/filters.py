"""Corpus filters: drop pairs that would spoil a parallel corpus, and count each reason.

Each filter is optional (off unless its option is set) and they run in this
order, cheapest first; a pair is counted under the first one that drops it:

1. ``empty``          a side is empty or only whitespace;
2. ``untranslated``   both sides are the same text (ignoring case and spacing) and contain a letter;
3. ``length_ratio``   the longer side has more than ``max_length_ratio`` times the characters
                      of the shorter (only when the longer has at least ``ratio_min_chars``);
4. ``low_score``      the alignment score is below ``min_score`` (a pair without a score is kept);
5. ``duplicate``      the same (source, target) was seen before;
6. ``near_duplicate`` the same once case, accents, digits, punctuation and spacing are ignored;
7. ``wrong_language`` language identification gives a language other than the pair's own
                      ``src_lang``/``tgt_lang`` on either side (``und`` is never wrong).

:func:`filter_pairs` is pure and streaming: it returns a generator of the kept
pairs and a :class:`FilterCounts` that fills in while the generator is consumed.
Remembering what was seen costs one 64-bit hash per kept pair (about 70 bytes
each in a Python set) for each duplicate filter that is on.

    >>> from bialign.types import TranslationPair as P
    >>> pairs = [P("Да.", "Yes."), P("Да.", "Yes."), P("", "No."), P("Да!", "yes")]
    >>> kept, counts = filter_pairs(pairs, FilterConfig(duplicates=True, near_duplicates=True, empty=True))
    >>> [p.tgt for p in kept], counts.as_dict()["duplicate"], counts.summary()
    (['Yes.'], 1, '4 pairs read, 1 kept; dropped: 1 empty, 1 duplicate, 1 near_duplicate')
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields

from ..errors import ConfigurationError
from ..types import Detection, TranslationPair

__all__ = ["FilterConfig", "FilterCounts", "filter_pairs", "REASONS"]

#: Reasons a pair is dropped, in the order the filters run.
REASONS = ("empty", "untranslated", "length_ratio", "low_score", "duplicate", "near_duplicate", "wrong_language")


@dataclass(frozen=True)
class FilterConfig:
    """Which filters run, and their thresholds. Everything is off by default.

    :param empty: drop pairs with an empty (or whitespace-only) side.
    :param untranslated: drop pairs whose two sides are the same text.
    :param max_length_ratio: drop pairs whose longer side exceeds this many times the shorter
        (in characters); ``None`` is off. Russian runs ~1.1 times the English.
    :param ratio_min_chars: the length ratio is judged only when the longer side has at least
        this many characters (short segments vary too much).
    :param min_score: drop pairs whose ``score`` is below this; ``None`` is off.
    :param duplicates: drop exact repeats of an earlier (source, target).
    :param near_duplicates: drop repeats once case, accents, digits, punctuation and spaces are ignored.
    :param wrong_language: check each side with ``bialign.langid.detect_language``.
    :param language_min_confidence: a detected language counts as wrong only with at least this confidence.
    :param detector: the language identifier to call (default ``bialign.langid.detect_language``,
        imported on first use); anything returning an object with ``.lang`` and ``.confidence``.
    """

    empty: bool = False
    untranslated: bool = False
    max_length_ratio: float | None = None
    ratio_min_chars: int = 10
    min_score: float | None = None
    duplicates: bool = False
    near_duplicates: bool = False
    wrong_language: bool = False
    language_min_confidence: float = 0.0
    detector: Callable[[str], Detection] | None = None

    def __post_init__(self) -> None:
        if self.max_length_ratio is not None and not self.max_length_ratio >= 1:
            raise ConfigurationError(f"max_length_ratio must be at least 1, not {self.max_length_ratio}")
        if self.ratio_min_chars < 0:
            raise ConfigurationError(f"ratio_min_chars must be 0 or more, not {self.ratio_min_chars}")
        if not 0 <= self.language_min_confidence <= 1:
            raise ConfigurationError(f"language_min_confidence must be in 0..1, not {self.language_min_confidence}")

    @classmethod
    def from_dict(cls, options: Mapping[str, object]) -> "FilterConfig":
        """Build a config from a mapping (e.g. parsed YAML/JSON), refusing unknown keys.

        :raises ConfigurationError: an option this class does not have.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigurationError(f"unknown filter option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return cls(**options)  # type: ignore[arg-type]

    @classmethod
    def all(cls, **overrides) -> "FilterConfig":
        """Every filter on, with default thresholds (length ratio 3, score 0.3), unless overridden."""
        options = dict(empty=True, untranslated=True, max_length_ratio=3.0, min_score=0.3, duplicates=True,
                       near_duplicates=True, wrong_language=True)
        options.update(overrides)
        return cls.from_dict(options)


@dataclass
class FilterCounts:
    """How many pairs were read, kept, and dropped for each reason (final once the pairs are consumed)."""

    read: int = 0
    kept: int = 0
    empty: int = 0
    untranslated: int = 0
    length_ratio: int = 0
    low_score: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    wrong_language: int = 0

    @property
    def dropped(self) -> int:
        return self.read - self.kept

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def summary(self) -> str:
        """One line: ``N pairs read, K kept; dropped: 3 duplicate, ...`` (only reasons that dropped any)."""
        parts = [f"{getattr(self, r)} {r}" for r in REASONS if getattr(self, r)]
        return f"{self.read} pairs read, {self.kept} kept" + (f"; dropped: {', '.join(parts)}" if parts else "")


# ------------------------------------------------------------------------------------ the rules

_SPACES = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _same_text_key(text: str) -> str:
    return _SPACES.sub(" ", text.casefold()).strip()


def near_duplicate_key(text: str) -> str:
    """Text reduced to its letters: case folded, accents (combining marks) and everything else removed.

        >>> near_duplicate_key("Что́, 2 раза?!") == near_duplicate_key("что раза")
        True
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_LETTERS.sub("", text)


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _length_ratio_exceeded(p: TranslationPair, config: FilterConfig) -> bool:
    a, b = len(p.src.strip()), len(p.tgt.strip())
    longer, shorter = max(a, b), min(a, b)
    if longer < config.ratio_min_chars:
        return False
    return shorter == 0 or longer / shorter > config.max_length_ratio


def _primary(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def filter_pairs(pairs: Iterable[TranslationPair],
                 config: FilterConfig) -> tuple[Iterator[TranslationPair], FilterCounts]:
    """Drop the pairs the configured filters reject, counting why.

    :param pairs: the pairs, consumed once, lazily.
    :param config: which filters run.
    :return: a generator of the kept pairs in their order, and the counts (complete once the
        generator is exhausted).
    """
    counts = FilterCounts()
    return _run(pairs, config, counts), counts


def _run(pairs: Iterable[TranslationPair], config: FilterConfig, counts: FilterCounts) -> Iterator[TranslationPair]:
    seen: set[int] = set()
    seen_near: set[int] = set()
    detect = config.detector
    for p in pairs:
        counts.read += 1
        if config.empty and (not p.src.strip() or not p.tgt.strip()):
            counts.empty += 1
            continue
        if config.untranslated and _has_letter(p.src) and _same_text_key(p.src) == _same_text_key(p.tgt):
            counts.untranslated += 1
            continue
        if config.max_length_ratio is not None and _length_ratio_exceeded(p, config):
            counts.length_ratio += 1
            continue
        if config.min_score is not None and p.score is not None and p.score < config.min_score:
            counts.low_score += 1
            continue
        if config.duplicates:
            key = hash((p.src, p.tgt))
            if key in seen:
                counts.duplicate += 1
                continue
            seen.add(key)
        if config.near_duplicates:
            s, t = near_duplicate_key(p.src), near_duplicate_key(p.tgt)
            if s or t:  # a pair without letters (numbers only) is never a near-duplicate
                key = hash((s, t))
                if key in seen_near:
                    counts.near_duplicate += 1
                    continue
                seen_near.add(key)
        if config.wrong_language:
            if detect is None:
                from ..langid import detect_language as detect
            if _wrong(detect, p.src, p.src_lang, config) or _wrong(detect, p.tgt, p.tgt_lang, config):
                counts.wrong_language += 1
                continue
        counts.kept += 1
        yield p


def _wrong(detect: Callable[[str], Detection], text: str, expected: str, config: FilterConfig) -> bool:
    d = detect(text)
    if d.lang == "und" or d.confidence < config.language_min_confidence:
        return False
    return _primary(d.lang) != _primary(expected)
