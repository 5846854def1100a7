"""langid: which language a text is, and which spans of a text are in which language.

(Provisional script-only version; the model-backed identifier replaces it.)
"""
from __future__ import annotations

import re

from ..types import Detection, Span

__all__ = ["detect_language", "language_spans"]

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _script(word: str) -> str:
    cyr = sum(1 for c in word if "\u0400" <= c <= "\u04ff")
    lat = sum(1 for c in word if c.isascii() and c.isalpha())
    if cyr > lat:
        return "cyr"
    if lat:
        return "lat"
    return "other"


def detect_language(text: str) -> Detection:
    words = _WORD.findall(text)
    cyr = sum(len(w) for w in words if _script(w) == "cyr")
    lat = sum(len(w) for w in words if _script(w) == "lat")
    if not cyr and not lat:
        return Detection("und", 0.0)
    if cyr >= lat:
        return Detection("ru", cyr / (cyr + lat))
    return Detection("en", lat / (cyr + lat))


def language_spans(text: str) -> tuple[Span, ...]:
    spans: list[list] = []
    for m in _WORD.finditer(text):
        s = _script(m.group())
        lang = {"cyr": "ru", "lat": "en"}.get(s)
        if lang is None:
            continue
        if spans and spans[-1][2] == lang:
            spans[-1][1] = m.end()
        else:
            if spans:
                spans[-1][1] = m.start()
            spans.append([m.start() if spans else 0, m.end(), lang])
    if not spans:
        return (Span(0, len(text), "und", 0.0, text),) if text else ()
    spans[-1][1] = len(text)
    return tuple(Span(a, b, l, 1.0, text[a:b]) for a, b, l in spans)
