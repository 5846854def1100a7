"""segment: split a paragraph into sentences, with offsets.

razdel (rule-based, built for Russian) splits both languages: on WMT
newstest2015 paragraphs of five lines it recovers more English lines exactly
than pysbd (0.898 against 0.881) at 20x its speed, and pysbd does not split
"for me. I had" (bench/segment.py). A few named rules then re-join breaks that
razdel should not have made (see :data:`JOIN_RULES`; on the German side of
Text+Berg, five lines to a paragraph, the ordinal rule recovers 0.731 of the
lines against razdel's 0.706). Chinese and Japanese put no space after a
sentence, so a paragraph mostly in their script is split at 。！？ and closing
quotes instead: of the hand-aligned Chinese novels of MAC (eight lines joined
into a paragraph) that recovers 0.970 of the lines, pysbd's Chinese rules
0.684.

    >>> [s.text for s in split_sentences("В 1999 г. он уехал, т. е. навсегда. Потом вернулся.", "ru")]
    ['В 1999 г. он уехал, т. е. навсегда.', 'Потом вернулся.']
    >>> [s.text for s in split_sentences("Mr. Smith went to the U.S. Army base. He left.", "en")]
    ['Mr. Smith went to the U.S. Army base.', 'He left.']
    >>> [s.text for s in split_sentences("他说：“我走了。”她笑了。", "zh")]
    ['他说：“我走了。”', '她笑了。']
"""
from __future__ import annotations

import re
from typing import Callable

from ..types import Sentence

__all__ = ["split_sentences", "split_clauses", "JOIN_RULES"]

# Abbreviations after which a Russian sentence goes on (lower-cased, without the dot).
RU_ABBREVIATIONS = frozenset("прим ред пер англ букв напр".split())
EN_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt gen col lt sgt capt cpl pvt pfc spc maj adm cmdr rep sen gov rev hon "
    "vs vol fig approx jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# "No. 5" but "Oh, no. I left": these end a sentence unless a number follows
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "nr", "№"})

_LAST_WORD = re.compile(r"([\w-]+)\.\s*$")
_OPENERS = {"(": ")", "[": "]"}


def _unclosed_bracket(left: str, right: str) -> bool:
    """A bracket opened before the break and closed after it: the break is inside a parenthesis."""
    for o, c in _OPENERS.items():
        if left.count(o) > left.count(c) and right.count(c) > right.count(o):
            return True
    return False


def _abbreviation(left: str, right: str, lang: str) -> bool:
    """The break follows a known abbreviation (``прим.``, ``т. е.``, ``Mr.``)."""
    m = _LAST_WORD.search(left)
    if not m:
        return False
    word = m.group(1).lower()
    if word in NUMBER_ABBREVIATIONS:
        return right[:1].isdigit()
    known = RU_ABBREVIATIONS if lang != "en" else EN_ABBREVIATIONS
    return word in known


def _lowercase_start(left: str, right: str) -> bool:
    """The next piece starts with a lower-case letter: no new sentence starts that way."""
    first = right.lstrip("«»\"“”'(— -")[:1]
    return bool(first) and first.islower()


#: Languages that write ordinal numbers with a dot (``am 3. Mai``, ``w 19. wieku``).
ORDINAL_DOT_LANGS = frozenset("de pl cs sk sl hr bs sr da no nb nn fi et lv lt hu tr is".split())
_ORDINAL = re.compile(r"(?:^|[\s(])\d{1,3}\.$")


def _ordinal(left: str, right: str, lang: str) -> bool:
    """In a language that writes ordinals with a dot, a break after a 1-3 digit number and a
    dot is inside a date or an ordinal (``am 3. Mai``), not at a sentence end."""
    return lang in ORDINAL_DOT_LANGS and bool(_ORDINAL.search(left)) and right[:1].isalpha()


JOIN_RULES: list[tuple[str, Callable[[str, str], bool] | Callable[[str, str, str], bool]]] = [
    ("unclosed-bracket", _unclosed_bracket),
    ("abbreviation", _abbreviation),
    ("ordinal", _ordinal),
    ("lowercase-start", _lowercase_start),
]


# A sentence end inside a quotation: razdel splits inside «» but not inside straight or
# English curly quotes, so `"No. What they said," he said.` stays one piece in English while
# its Russian translation `«Нет. То, что они сказали», — сказал он.` becomes two.
_QUOTED_END = re.compile(r"[.!?…][\"”’']*\s+(?=[\"“‘']*[A-ZА-ЯЁ])")


def _split_in_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    if '"' not in piece and "“" not in piece:
        return [(start, end)]
    out = []
    for m in _QUOTED_END.finditer(piece):
        cut = start + m.end()
        left = text[out[-1][1] if out else start:cut].rstrip()
        if len(left.split()) < 2 or re.search(r"(?:^|[\s\"“«(])[A-ZА-ЯЁ]\.$", left):  # an initial, not an end
            continue
        out.append((out[-1][1] if out else start, cut))
    if not out:
        return [(start, end)]
    out.append((out[-1][1], end))
    return out


# Chinese and Japanese write no space after a sentence, which razdel needs, and razdel would
# split at a stammering "…… ". In a paragraph mostly in CJK script a sentence ends after 。！？
# (or ?/! before a CJK character or opening punctuation), or after an ellipsis closed by a
# quote, with any closing quotes or brackets, unless a comma, more closing punctuation or the
# Japanese quoting particle と follows (Bertalign's rule for Chinese, less its break after a
# bare ellipsis).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CLOSERS = "”’\"」』）)】》"
_CJK_END = re.compile(
    f"(?:[。！？]+|[?!]+(?=[{_CLOSERS}]*[{_CJK}—《“‘「『（])|(?:…+|\\.{{3,}})(?=\\s*[{_CLOSERS}]))"
    f"(?:\\s*[{_CLOSERS}])*(?=\\s*[^\\s，,、。！？?!{_CLOSERS}…と])"
)


def _mostly_cjk(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return bool(letters) and 2 * len(_CJK_CHAR.findall(text)) >= letters


# razdel knows . ! ? … but not the Arabic question mark.
_ARABIC_QUESTION = re.compile(r"؟+(?=\s+\S)")


def _cut_after(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut after every match of ``pattern``, as spans."""
    bounds = [start] + [m.end() for m in pattern.finditer(text, start, end)] + [end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]


def _raw_spans(text: str) -> list[tuple[int, int]]:
    if _mostly_cjk(text):
        return _cut_after(_CJK_END, text, 0, len(text))
    from razdel import sentenize

    return [piece for s in sentenize(text) for span in _split_in_quotes(text, s.start, s.stop)
            for piece in _cut_after(_ARABIC_QUESTION, text, *span)]


def _should_join(left: str, right: str, lang: str) -> bool:
    for _name, rule in JOIN_RULES:
        ok = rule(left, right, lang) if rule in (_abbreviation, _ordinal) else rule(left, right)  # type: ignore[call-arg]
        if ok:
            return True
    return False


def split_sentences(text: str, lang: str = "ru") -> tuple[Sentence, ...]:
    """Split ``text`` into sentences in language ``lang`` (``ru``, ``en``, ...).

    :param text: one paragraph.
    :param lang: ISO 639-1 code; picks the abbreviations that do not end a sentence.
    :returns: sentences with ``start``/``end`` offsets into ``text``, whitespace trimmed.
    """
    spans: list[list[int]] = []
    for start, end in _raw_spans(text):
        # trim surrounding whitespace so that offsets point at the words
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if spans and _should_join(text[spans[-1][0]:spans[-1][1]], text[start:end], lang):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return tuple(Sentence(text=text[s:e], start=s, end=e) for s, e in spans)


_CLAUSE_END = re.compile(r"(?<=[,;:\u2014\uff0c\uff1b\uff1a\u3001\u060c\u061b])\s*")
#: A clause shorter than this (in characters) is a fragment and stays with the one before it.
CLAUSE_LEAST = 4
#: A longer list of clauses (a table row, an enumeration) keeps its tail as one last clause.
CLAUSE_MOST = 32


def split_clauses(sentence: str) -> list[str]:
    """Split a sentence after each comma, semicolon, colon or dash (Latin, CJK or Arabic), keeping
    the mark with the clause it ends. The aligner compares the clauses of two sentences
    when a translator moved part of one sentence into the next
    (:mod:`bialign.align.clauses`).

    >>> split_clauses("我去告诉我家爹，拿铜炮枪打你们！")
    ['我去告诉我家爹，', '拿铜炮枪打你们！']
    >>> split_clauses("When he came back, it was dark; no, nobody saw him.")
    ['When he came back,', 'it was dark; no,', 'nobody saw him.']
    """
    out: list[str] = []
    for piece in _CLAUSE_END.split(sentence):
        piece = piece.strip()
        if not piece:
            continue
        if out and len(piece) < CLAUSE_LEAST:
            out[-1] = f"{out[-1]} {piece}" if piece[0].isalnum() else out[-1] + piece
        else:
            out.append(piece)
    if len(out) > CLAUSE_MOST:
        out[CLAUSE_MOST - 1:] = [" ".join(out[CLAUSE_MOST - 1:])]
    return out or [sentence]
