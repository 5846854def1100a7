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

__all__ = ["load", "load_text", "iter_paths", "read_text", "decode", "split_paragraphs"]


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
