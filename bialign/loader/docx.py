"""Paragraphs of a Word document (.docx), read with python-docx (an optional dependency).

A .docx has no lines; a paragraph's "line" is its 1-based number among the
document's non-empty paragraphs and tables' cells, in reading order.
"""
from __future__ import annotations

import os
import zipfile

from ..errors import InputError
from ..types import Document, Paragraph
from .paragraphs import clean_inline


def load_docx(path: str | os.PathLike[str]) -> Document:
    """Load a .docx file as a :class:`Document`.

    :raises InputError: python-docx missing, or the file is not a Word document.
    """
    try:
        import docx
    except ImportError:
        raise InputError(path, "reading .docx needs python-docx: pip install 'bialign[docx]'") from None
    from docx.opc.exceptions import OpcError

    try:
        d = docx.Document(os.fspath(path))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(path, f"not a Word .docx document ({type(e).__name__})") from None
    texts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    texts = [clean_inline(t) for t in texts]
    texts = [t for t in texts if t]
    if not texts:
        raise InputError(path, "no text in document")
    full = "\n".join(texts)
    paragraphs, pos = [], 0
    for i, t in enumerate(texts):
        paragraphs.append(Paragraph(text=t, file=str(path), first_line=i + 1, last_line=i + 1,
                                    start=pos, end=pos + len(t), index=i))
        pos += len(t) + 1
    return Document(path=str(path), text=full, paragraphs=tuple(paragraphs), encoding="docx")
