"""Parallel corpus formats: TMX 1.4b, TSV, Moses (two line-aligned files) and JSONL.

One module per format, each with a streaming writer and reader of
:class:`~bialign.types.TranslationPair`; this module picks one by name or by
file extension::

    >>> format_for_path("out.tmx"), format_for_path("OUT.TSV"), format_for_path("x.jsonl")
    ('tmx', 'tsv', 'jsonl')

Every writer returns the number of pairs written and writes through a
temporary file in the destination folder, renamed into place at the end: a
failure leaves no partial file. Every reader is a generator that holds only
the current pair (TMX through an incremental expat parser).

========  ===========================  ==========================================
format    file(s)                      keeps
========  ===========================  ==========================================
tmx       ``OUT.tmx``                  everything (provenance in ``<prop>``\\ s)
jsonl     ``OUT.jsonl``                everything
tsv       ``OUT.tsv``                  texts; score, file, lines with ``extra_columns``
moses     ``OUT.ru`` + ``OUT.en``      texts only
========  ===========================  ==========================================

Sentence alignments (beads, not pairs) have formats of their own, those of
``bialign align``: :func:`bead_lines` and :func:`write_beads` in
:mod:`bialign.formats.beads`.
"""
from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..errors import ConfigurationError, InputError
from ..types import TranslationPair
from .beads import BEAD_FORMATS, bead_lines, write_beads
from .jsonl import read_jsonl, write_jsonl
from .moses import moses_paths, read_moses, write_moses
from .tmx import TmxHeader, read_tmx, read_tmx_header, write_tmx
from .tsv import read_tsv, write_tsv

__all__ = [
    "FORMATS", "EXTENSIONS", "Format", "format_for_path", "read_corpus", "write_corpus", "convert",
    "read_tmx", "write_tmx", "read_tmx_header", "TmxHeader", "read_tsv", "write_tsv",
    "read_jsonl", "write_jsonl", "read_moses", "write_moses", "moses_paths",
    "BEAD_FORMATS", "bead_lines", "write_beads",
]


@dataclass(frozen=True)
class Format:
    """A corpus format: its reader, its writer and the file extension that selects it."""

    name: str
    read: Callable[..., Iterator[TranslationPair]]
    write: Callable[..., int]
    extension: str | None


FORMATS: dict[str, Format] = {
    "tmx": Format("tmx", read_tmx, write_tmx, ".tmx"),
    "tsv": Format("tsv", read_tsv, write_tsv, ".tsv"),
    "jsonl": Format("jsonl", read_jsonl, write_jsonl, ".jsonl"),
    "moses": Format("moses", read_moses, write_moses, None),
}
EXTENSIONS: dict[str, str] = {f.extension: f.name for f in FORMATS.values() if f.extension}

#: Options any reader or writer accepts; a format that has no use for one ignores it.
_COMMON = {"srclang", "tgtlang"}


def format_for_path(path: str | os.PathLike) -> str:
    """The format named by a file's extension (``.tmx``, ``.tsv``, ``.jsonl``; any case).

    :raises ConfigurationError: any other extension (Moses has none: ask for ``format='moses'``).
    """
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in EXTENSIONS:
        raise ConfigurationError(
            f"{os.fspath(path)}: cannot tell the corpus format from the extension {ext or '(none)'!r}; "
            f"use {', '.join(EXTENSIONS)} or choose a format (tmx, tsv, jsonl, moses)")
    return EXTENSIONS[ext]


def _format(name: str | None, path) -> Format:
    if name is None:
        return FORMATS[format_for_path(path)]
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise ConfigurationError(f"unknown corpus format {name!r}; known: {', '.join(FORMATS)}") from None


def _options(fn: Callable, fmt: Format, kw: dict) -> dict:
    accepted = set(inspect.signature(fn).parameters)
    unknown = set(kw) - accepted - _COMMON
    if unknown:
        raise ConfigurationError(f"the {fmt.name} format takes no option {', '.join(sorted(unknown))}")
    return {k: v for k, v in kw.items() if k in accepted}


def write_corpus(pairs: Iterable[TranslationPair], path: str | os.PathLike, format: str | None = None,
                 **kw) -> int:
    """Write pairs in the format that ``format`` names or, by default, ``path``'s extension.

    :param pairs: the pairs, consumed once.
    :param path: the output file; for ``moses``, the prefix (``path.ru`` and ``path.en`` are written).
    :param format: ``tmx``, ``tsv``, ``jsonl`` or ``moses``.
    :param kw: options of that format's writer (e.g. ``header_props`` for TMX,
        ``extra_columns`` for TSV); ``srclang``/``tgtlang`` are accepted by all.
    :return: the number of pairs written.
    :raises ConfigurationError: unknown format, extension or option.
    :raises InputError: the output folder does not exist.
    """
    fmt = _format(format, path)
    return fmt.write(pairs, path, **_options(fmt.write, fmt, kw))


def read_corpus(path: str | os.PathLike | tuple, format: str | None = None, **kw) -> Iterator[TranslationPair]:
    """Read the pairs of a corpus in the format that ``format`` names or ``path``'s extension.

    :param path: the file; for ``moses``, the prefix or a ``(source file, target file)`` tuple.
    :param kw: options of that format's reader (``srclang``/``tgtlang`` are accepted by all).
    :raises ConfigurationError: unknown format, extension or option.
    :raises InputError: the file is missing or malformed (raised while iterating).
    """
    fmt = FORMATS["moses"] if isinstance(path, tuple) and format is None else _format(format, path)
    return fmt.read(path, **_options(fmt.read, fmt, kw))


def _output_files(path, fmt: Format, kw: dict) -> list[str]:
    if fmt.name != "moses":
        return [os.fspath(path)]
    return list(moses_paths(path, kw.get("srclang") or "ru", kw.get("tgtlang") or "en"))


def _input_files(path, fmt: Format, kw: dict) -> list[str]:
    if fmt.name != "moses":
        return [os.fspath(path)]
    if isinstance(path, tuple):
        return [os.fspath(p) for p in path]
    return list(moses_paths(path, kw.get("srclang") or "ru", kw.get("tgtlang") or "en"))


def convert(src_path: str | os.PathLike | tuple, dst_path: str | os.PathLike, src_format: str | None = None,
            dst_format: str | None = None, transform: Callable[[Iterator[TranslationPair]], Iterable[TranslationPair]]
            | None = None, **kw) -> int:
    """Read a corpus and write its pairs in another format, streaming; the input is never modified.

    :param src_path: the corpus to read (a Moses prefix or file tuple with ``src_format='moses'``).
    :param dst_path: the corpus to write (a prefix for ``moses``).
    :param src_format: by default from ``src_path``'s extension.
    :param dst_format: by default from ``dst_path``'s extension.
    :param transform: applied to the stream of pairs between reading and writing (e.g. filters).
    :param kw: ``srclang``/``tgtlang`` (reader and writer) and options of the writer.
    :return: the number of pairs written.
    :raises ConfigurationError: unknown format or extension.
    :raises InputError: unreadable or malformed input, the output would overwrite the input, or
        the output folder does not exist; the output is then not written.
    """
    src_fmt, dst_fmt = _format(src_format, src_path), _format(dst_format, dst_path)
    common = {k: v for k, v in kw.items() if k in _COMMON}
    writer_kw = {k: v for k, v in kw.items() if k not in _COMMON}
    inputs = _input_files(src_path, src_fmt, common)
    for out in _output_files(dst_path, dst_fmt, common):
        for inp in inputs:
            if os.path.exists(out) and os.path.exists(inp) and os.path.samefile(out, inp):
                raise InputError(out, "is the input file too; write the output somewhere else")
    pairs = src_fmt.read(src_path, **_options(src_fmt.read, src_fmt, common))
    if transform is not None:
        pairs = transform(pairs)
    return dst_fmt.write(pairs, dst_path, **_options(dst_fmt.write, dst_fmt, {**common, **writer_kw}))
