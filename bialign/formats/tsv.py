r"""TSV: one pair a line, source text TAB target text, no header.

With ``extra_columns=True`` four more columns follow the two texts: score,
file, source lines and target lines (``17-18``); an unknown value is an empty
column. Languages and ``props`` are not stored (TSV has no place for them):
the reader gives every pair the languages it is told.

**Escaping.** So that a tab or a line break inside a text cannot break the
format, and a round trip keeps every character, the writer escapes, backslash
style::

    \  ->  \\        TAB ->  \t        LF ->  \n        CR ->  \r
    U+FEFF (byte-order mark) and lone surrogates  ->  \uXXXX

Nothing else is touched (quotes, ``&``, ``<``, emoji, combining accents and
other control characters are written as they are). The reader undoes exactly
this; a backslash before any other character is kept as it is. Pass
``unescape=False`` to read a file from a tool that does not escape.

    >>> print(escape("a\tb\\n"))
    a\tb\\n
    >>> unescape(escape("a\tb\\n")) == "a\tb\\n"
    True
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from ..errors import InputError
from ..types import TranslationPair
from ._files import atomic_outputs, read_lines

_NEEDS_ESCAPE = re.compile("[\\\\\t\n\r\ufeff\ud800-\udfff]")
_NEEDS_ESCAPE_NO_TAB = re.compile("[\\\\\n\r\ufeff\ud800-\udfff]")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_ESCAPED = re.compile(r"\\(u[0-9A-Fa-f]{4}|[\\tnr])")


def _escape_char(m: re.Match) -> str:
    c = m.group()
    return _ESCAPES.get(c) or f"\\u{ord(c):04X}"


def escape(text: str, *, tab: bool = True) -> str:
    """Escape backslash, line breaks (and tabs unless ``tab=False``), U+FEFF and lone surrogates."""
    pattern = _NEEDS_ESCAPE if tab else _NEEDS_ESCAPE_NO_TAB
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape_char, text)


def _unescape_match(m: re.Match) -> str:
    e = m.group(1)
    return chr(int(e[1:], 16)) if len(e) == 5 else _UNESCAPES[e]


def unescape(text: str) -> str:
    """Undo :func:`escape`; a backslash before any other character stays as it is."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(_unescape_match, text)


_unescape = unescape


def _lines(span: tuple[int, int] | None) -> str:
    return "" if span is None else f"{span[0]}-{span[1]}"


def write_tsv(pairs: Iterable[TranslationPair], path: str | os.PathLike, *, extra_columns: bool = False) -> int:
    """Write pairs as TSV, one a line (see the module's notes on escaping).

    :param pairs: the pairs, consumed once, in order.
    :param path: the output file; written through a temporary file, never left half-written.
    :param extra_columns: add score, file, source lines and target lines columns.
    :return: the number of pairs written.
    :raises InputError: the output folder does not exist.
    """
    n = 0
    with atomic_outputs([path]) as (f,):
        write = f.write
        if extra_columns:
            for p in pairs:
                score = "" if p.score is None else repr(float(p.score))
                write(f"{escape(p.src)}\t{escape(p.tgt)}\t{score}\t{escape(p.file or '')}\t"
                      f"{_lines(p.src_lines)}\t{_lines(p.tgt_lines)}\n")
                n += 1
        else:
            for p in pairs:
                write(f"{escape(p.src)}\t{escape(p.tgt)}\n")
                n += 1
    return n


def _parse_lines(path, n: int, value: str) -> tuple[int, int] | None:
    if not value:
        return None
    first, sep, last = value.partition("-")
    try:
        return (int(first), int(last if sep else first))
    except ValueError:
        raise InputError(path, f"line {n}: bad line range {value!r} (expected FIRST-LAST)") from None


def read_tsv(path: str | os.PathLike, *, srclang: str = "ru", tgtlang: str = "en",
             unescape: bool = True) -> Iterator[TranslationPair]:
    """Read pairs from TSV written by :func:`write_tsv` (or any tool: two to six tab-separated columns).

    :param path: the TSV file (UTF-8, a byte-order mark is dropped, ``\\r\\n`` line ends are accepted).
    :param srclang: the language given to every source text.
    :param tgtlang: the language given to every target text.
    :param unescape: undo the writer's backslash escapes (``False`` keeps the text as it is).
    :raises InputError: a line has fewer than two or more than six columns, a bad score or line range,
        or the file is not UTF-8.
    """
    un = _unescape if unescape else str
    for n, line in read_lines(path):
        cols = line.split("\t")
        if len(cols) == 2:
            yield TranslationPair(un(cols[0]), un(cols[1]), srclang, tgtlang)
            continue
        if not 2 <= len(cols) <= 6:
            raise InputError(path, f"line {n}: expected 2 to 6 tab-separated columns, found {len(cols)}")
        cols += [""] * (6 - len(cols))
        try:
            score = float(cols[2]) if cols[2] else None
        except ValueError:
            raise InputError(path, f"line {n}: bad score {cols[2]!r} in column 3") from None
        yield TranslationPair(un(cols[0]), un(cols[1]), srclang, tgtlang, score=score,
                              file=un(cols[3]) or None, src_lines=_parse_lines(path, n, cols[4]),
                              tgt_lines=_parse_lines(path, n, cols[5]))
