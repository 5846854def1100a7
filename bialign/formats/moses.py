r"""Moses plain text: two line-aligned files, ``PREFIX.ru`` and ``PREFIX.en``.

Line *n* of one file translates line *n* of the other. Tabs are written as
they are (they do not break this format); a backslash, a line break, U+FEFF and
lone surrogates are escaped as in TSV (``\\``, ``\n``, ``\r``, ``\uFEFF``), so a
round trip keeps every character. Provenance (score, file, lines, props) has no
place in this format and is not written.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import chain

from ..errors import InputError
from ..types import TranslationPair
from ._files import atomic_outputs, read_lines
from .tsv import escape
from .tsv import unescape as _unescape


def moses_paths(prefix: str | os.PathLike, srclang: str = "ru", tgtlang: str = "en") -> tuple[str, str]:
    """The two files of a Moses corpus: ``(PREFIX.srclang, PREFIX.tgtlang)``."""
    prefix = os.fspath(prefix)
    return f"{prefix}.{srclang}", f"{prefix}.{tgtlang}"


def write_moses(pairs: Iterable[TranslationPair], path_prefix: str | os.PathLike, *,
                srclang: str | None = None, tgtlang: str | None = None) -> int:
    """Write ``PREFIX.<srclang>`` and ``PREFIX.<tgtlang>``, one text a line.

    :param pairs: the pairs, consumed once, in order.
    :param path_prefix: the path without the language suffix.
    :param srclang: suffix of the source file; by default the first pair's ``src_lang`` (``ru`` if none).
    :param tgtlang: suffix of the target file; by default the first pair's ``tgt_lang`` (``en`` if none).
    :return: the number of pairs written.
    :raises InputError: the output folder does not exist.
    """
    it = iter(pairs)
    first = next(it, None)
    if first is not None:
        it = chain((first,), it)
    srclang = srclang or (first.src_lang if first is not None and first.src_lang else "ru")
    tgtlang = tgtlang or (first.tgt_lang if first is not None and first.tgt_lang else "en")
    if srclang == tgtlang:
        raise InputError(path_prefix, f"source and target language are both {srclang!r}: the two files would be one")
    n = 0
    with atomic_outputs(moses_paths(path_prefix, srclang, tgtlang)) as (fs, ft):
        ws, wt = fs.write, ft.write
        for p in it:
            ws(escape(p.src, tab=False) + "\n")
            wt(escape(p.tgt, tab=False) + "\n")
            n += 1
    return n


def read_moses(source: str | os.PathLike | tuple[str | os.PathLike, str | os.PathLike], *,
               srclang: str = "ru", tgtlang: str = "en", unescape: bool = True) -> Iterator[TranslationPair]:
    """Read a Moses corpus: a prefix (``PREFIX.ru`` and ``PREFIX.en``) or a ``(source file, target file)`` tuple.

    :param source: the prefix, or the two files.
    :param srclang: language of the source texts (and suffix of the source file given a prefix).
    :param tgtlang: language of the target texts (and suffix of the target file).
    :param unescape: undo the writer's backslash escapes.
    :raises InputError: a file is missing or not UTF-8, or one file has fewer lines than the other
        (raised when the shorter one ends; the pairs before it have been yielded).
    """
    if isinstance(source, tuple):
        src_path, tgt_path = (os.fspath(p) for p in source)
    else:
        src_path, tgt_path = moses_paths(source, srclang, tgtlang)
    un = _unescape if unescape else str
    src_lines, tgt_lines = read_lines(src_path), read_lines(tgt_path)
    n = 0
    for n, s in src_lines:
        t = next(tgt_lines, None)
        if t is None:
            raise InputError(tgt_path, f"has {_lines(n - 1)}, fewer than {src_path}")
        yield TranslationPair(un(s), un(t[1]), srclang, tgtlang)
    if next(tgt_lines, None) is not None:
        raise InputError(src_path, f"has {_lines(n)}, fewer than {tgt_path}")


def _lines(n: int) -> str:
    return f"{n} line" if n == 1 else f"{n} lines"
