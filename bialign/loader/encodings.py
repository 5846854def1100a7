"""Guess the legacy encoding of a text file that is not UTF-8.

Russian text saved over the years comes in Windows-1251, KOI8-R, ISO-8859-5
and MacCyrillic; English in Latin-1/Windows-1252. Every candidate is decoded
and judged by how much the result looks like text: letters of one script
inside words, case only at word starts, no stray symbols between letters.
Mojibake fails those tests (KOI8-R read as Windows-1251 puts capitals inside
words; Windows-1251 read as MacCyrillic puts symbols there). When the two best
candidates are too close to call, the caller is told, so that nothing is
silently turned into mojibake.

    >>> guess_encoding("Привет, как дела?".encode("koi8_r"))[0]
    'koi8_r'
"""
from __future__ import annotations

import re
import unicodedata

CANDIDATES = ("cp1251", "koi8_r", "mac_cyrillic", "iso8859_5", "cp1252")
_COMMON = set(" \t\n\r.,;:!?-—–()[]{}«»\"'„“”‘’…%/№+=*&@#$£€¥°§©®™•·<>|~^_0123456789")
_LAT = "A-Za-zÀ-ÖØ-öø-ÿ"
_CYR = "А-яЁёІіЇїЄєҐґЎў"
_LETTER = re.compile(rf"[{_LAT}А-яЁёІіЇїЄєҐґЎў]")
_MIXED = re.compile(rf"[а-яё][А-ЯЁ]|[a-z][A-Z]{{2}}|[{_LAT}][{_CYR}]|[{_CYR}][{_LAT}]")
_ACCENTS = re.compile(r"[À-ÖØ-öø-ÿ](?=[À-ÖØ-öø-ÿ])")  # Cyrillic read as Latin-1: whole words of accents
_CAPS = re.compile(r"[А-ЯЁ](?=[А-ЯЁ])")


def plausibility(text: str) -> float:
    """Share of characters that look like ordinary text, minus penalties for mojibake patterns."""
    if not text:
        return 0.0
    letters = len(_LETTER.findall(text))
    odd = len(text) - letters - sum(1 for c in text if c in _COMMON or unicodedata.category(c).startswith("Z"))
    mixed = len(_MIXED.findall(text))
    caps = len(_CAPS.findall(text))  # KOI8-R and Windows-1251 swap case when read as each other
    accents = len(_ACCENTS.findall(text))
    return (letters - 3.0 * odd - 3.0 * mixed - 0.5 * caps - accents) / len(text)


def guess_encoding(data: bytes, candidates: tuple[str, ...] = CANDIDATES) -> tuple[str, float, str | None]:
    """Return ``(best encoding, its margin over the runner-up, runner-up)`` for bytes that are not UTF-8."""
    sample = data[:200_000]
    scored = []
    for enc in candidates:
        try:
            scored.append((plausibility(sample.decode(enc)), enc))
        except UnicodeDecodeError:
            continue
    if not scored:
        return "", 0.0, None
    scored.sort(key=lambda x: (-x[0], candidates.index(x[1])))
    if len(scored) == 1:
        return scored[0][1], 1.0, None
    (best, enc), (second, other) = scored[0], scored[1]
    return enc, best - second, other
