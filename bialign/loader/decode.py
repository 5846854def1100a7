"""Turn a file's bytes into text, refusing what is not text.

UTF-8 (with or without BOM) and UTF-16/32 (with a BOM, or without one when the
NUL bytes show it) are decoded directly; other bytes are tried in the legacy
Cyrillic and Latin encodings (:mod:`.encodings`), and refused when two of them
are too close to call, so that the caller can name one with ``encoding=``. Binary data (NUL bytes or many
control characters) and empty files are refused with an :class:`InputError`.

    >>> decode("\\ufeffПривет".encode("utf-8"), "a.txt")
    ('Привет', 'utf-8-sig')
"""
from __future__ import annotations

import codecs
import os

from ..errors import InputError
from .encodings import guess_encoding

MIN_MARGIN = 0.01

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


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: one byte of each pair (the high byte) takes very few values."""
    head = data[:4096]
    if len(head) < 8 or len(head) % 2:
        return None

    def concentration(part: bytes) -> float:
        counts = sorted((part.count(b) for b in set(part)), reverse=True)
        return sum(counts[:2]) / len(part)

    even, odd = concentration(head[0::2]), concentration(head[1::2])
    guess = "utf-16-le" if odd > 0.9 and even < 0.5 else "utf-16-be" if even > 0.9 and odd < 0.5 else None
    if guess:
        try:
            data.decode(guess)
        except UnicodeDecodeError:
            return None
    return guess


def _detect(data: bytes, path: str | os.PathLike[str]) -> str:
    bom = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if bom:
        return bom
    wide = _utf16_without_bom(data)
    if wide:
        return wide
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    enc, margin, other = guess_encoding(data)
    if not enc:
        raise InputError(path, "not text in any known encoding; give the file's encoding with --encoding")
    if other and margin < MIN_MARGIN and data[:200_000].decode(enc) != data[:200_000].decode(other, "replace"):
        raise InputError(path, f"not UTF-8, and {enc} and {other} fit it equally well; "
                               "give the file's encoding with --encoding")
    return enc


def decode(data: bytes, path: str | os.PathLike[str], encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` read from ``path``; return ``(text, encoding)`` with newlines as ``\\n``.

    :raises InputError: empty, binary, or not valid in the encoding.
    """
    if not data.strip():
        raise InputError(path, "empty file")
    if encoding is None:
        encoding = _detect(data, path)
    try:
        text = data.decode(encoding)
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as e:
        raise InputError(path, f"not valid {encoding} at byte {e.start}; give the file's encoding with --encoding") from None
    if _looks_binary(text):
        raise InputError(path, "binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "empty file")
    return text, encoding
