"""loader: bytes on disk -> :class:`~bialign.types.Document` (decoded text and paragraphs).

    >>> doc = load("seeds/002_007a4cb1faa16009.txt")
    >>> doc.paragraphs[8].first_line
    17
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..types import Document
from .decode import decode
from .html import html_paragraphs, looks_like_html
from .paragraphs import split_paragraphs

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".docx")

__all__ = ["load", "load_text", "iter_paths", "pair_folders", "read_text", "decode", "split_paragraphs"]


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> tuple[str, str]:
    """Read and decode a file; return ``(text, encoding)``. Raises :class:`InputError`."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a directory, not a file")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError(p, "permission denied") from None
    except OSError as e:
        raise InputError(p, f"cannot read: {e.strerror or e}") from None
    return decode(data, p, encoding)


def load_text(text: str, file: str = "<text>", html: bool | None = None) -> Document:
    """Build a :class:`Document` from a string already in memory.

    :param html: read the text as HTML (block elements are paragraphs); by default
        when the file name ends in ``.html``/``.htm`` or the text starts like a page.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if html is None:
        html = file.lower().endswith((".html", ".htm")) or looks_like_html(text)
    paragraphs = html_paragraphs(text, file) if html else split_paragraphs(text, file)
    return Document(path=file, text=text, paragraphs=paragraphs)


def load(path: str | os.PathLike[str], encoding: str | None = None) -> Document:
    """Load one text file as a :class:`Document`.

    :param path: a text, markdown, HTML or Word (.docx, with python-docx) file in UTF-8/16/32 or a legacy Cyrillic
        or Latin encoding (see :mod:`bialign.loader.decode`).
    :param encoding: force this encoding instead of detecting it.
    :raises InputError: missing, empty, binary or undecodable file.
    """
    if str(path).lower().endswith(".docx"):
        from .docx import load_docx

        if not Path(path).is_file():
            read_text(path)  # the same "no such file" / "is a directory" errors
        return load_docx(path)
    text, enc = read_text(path, encoding)
    doc = load_text(text, str(path))
    if not doc.paragraphs:
        raise InputError(path, "no text in file")
    return Document(path=doc.path, text=doc.text, paragraphs=doc.paragraphs, encoding=enc)


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files and folders (recursively, text suffixes only) in a stable order.

    :raises InputError: a path that does not exist, or a folder with no text file.
    """
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(p, "no such file or directory")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                raise InputError(p, f"directory has no text files ({', '.join(TEXT_SUFFIXES)})")
            yield from found
        else:
            yield p


def pair_folders(left: str | os.PathLike[str], right: str | os.PathLike[str], *,
                 every_right: bool = True) -> list[tuple[str, Path, Path]]:
    """Pair the files of two folders by name, for commands that take one document a file.

    Files pair when their names are the same (``ru/doc1.txt`` with ``en/doc1.txt``)
    or, when the two folders' names differ, when their stems (names up to the first
    dot) are the same: ``doc1.de`` with ``doc1.fr``, ``test0.defr`` with ``test0.path``.
    Hidden files and subfolders are skipped.

    :param every_right: a file of ``right`` with no partner is an error too (not only
        one of ``left``).
    :returns: ``(key, left file, right file)`` sorted by key, unique in each folder: the
        name without its last extension where the names are the same, else the stem.
    :raises InputError: a folder is missing or has no files, two files of one folder
        share a stem, or a file has no partner.
    """
    sides = []
    for d in (Path(left), Path(right)):
        if not d.exists():
            raise InputError(d, "no such file or directory")
        if not d.is_dir():
            raise InputError(d, "is a file, not a folder (both must be files, or both folders)")
        files = sorted(f for f in d.iterdir() if f.is_file() and not f.name.startswith("."))
        if not files:
            raise InputError(d, "folder has no files")
        sides.append(files)
    same_names = {f.name for f in sides[0]} == {f.name for f in sides[1]}
    keyed = []
    for d, files in zip((Path(left), Path(right)), sides):
        by_key: dict[str, Path] = {}
        for f in files:
            key = f.name.split(".", 1)[0] if not same_names else (f.name.rsplit(".", 1)[0] or f.name)
            if key in by_key:
                raise InputError(f, f"shares its stem '{key}' with {by_key[key].name} in the same folder; "
                                    f"files are paired by stem")
            by_key[key] = f
        keyed.append(by_key)
    lefts, rights = keyed
    for key, f in lefts.items():
        if key not in rights:
            raise InputError(f, f"no file named {key}.* in {right} to pair it with")
    if every_right:
        for key, f in rights.items():
            if key not in lefts:
                raise InputError(f, f"no file named {key}.* in {left} to pair it with")
    return [(key, lefts[key], rights[key]) for key in sorted(lefts)]
