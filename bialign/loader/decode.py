"""Turn a file's bytes into text, refusing what is not text.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded directly;
anything else must be named with ``encoding=``. Binary data (NUL bytes or many
control characters) and empty files are refused with an :class:`InputError`.

    >>> decode("\\ufeffПривет".encode("utf-8"), "a.txt")
    ('Привет', 'utf-8-sig')
"""
from __future__ import annotations

import codecs
import os

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for c in text[:10000] if ord(c) < 32 and c not in "\t\n\r\f\v")
    return controls > 0.01 * min(len(text), 10000)


def decode(data: bytes, path: str | os.PathLike[str], encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` read from ``path``; return ``(text, encoding)`` with newlines as ``\\n``.

    :raises InputError: empty, binary, or not valid in the encoding.
    """
    if not data.strip():
        raise InputError(path, "empty file")
    if encoding is None:
        encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
        if encoding == "utf-8" and b"\x00" in data[:4096]:
            raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as e:
        raise InputError(
            path, f"not valid {encoding} at byte {e.start}; give the file's encoding with --encoding"
        ) from None
    if _looks_binary(text):
        raise InputError(path, "binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "empty file")
    return text, encoding
