"""JSONL: one JSON object per pair, with every field of :class:`~bialign.types.TranslationPair`.

    {"src": "Кошка спит.", "tgt": "The cat sleeps.", "src_lang": "ru", "tgt_lang": "en",
     "score": 0.91, "file": "a.txt", "src_lines": [3, 3], "tgt_lines": [7, 7], "props": [["x-k", "v"]]}

(one line per object in the file). Text is written as UTF-8, not ``\\u``
escapes, except lone surrogates, which UTF-8 cannot hold: they are written as
JSON ``\\udXXX`` escapes, so a round trip keeps every character (except that
a lone high surrogate directly followed by a lone low one reads back as the
single character the two encode: JSON cannot tell them apart). The reader
ignores keys it does not know and blank lines; ``src`` and ``tgt`` are required.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator

from ..errors import InputError
from ..types import TranslationPair
from ._files import atomic_outputs, read_lines

_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(", ", ": ")).encode


def pair_to_dict(p: TranslationPair) -> dict:
    """The JSON object written for one pair."""
    return {
        "src": p.src, "tgt": p.tgt, "src_lang": p.src_lang, "tgt_lang": p.tgt_lang,
        "score": p.score, "file": p.file,
        "src_lines": None if p.src_lines is None else list(p.src_lines),
        "tgt_lines": None if p.tgt_lines is None else list(p.tgt_lines),
        "props": [list(kv) for kv in p.props],
    }


def write_jsonl(pairs: Iterable[TranslationPair], path: str | os.PathLike) -> int:
    """Write one JSON object per pair and per line.

    :param pairs: the pairs, consumed once, in order.
    :param path: the output file; written through a temporary file, never left half-written.
    :return: the number of pairs written.
    :raises InputError: the output folder does not exist.
    """
    n = 0
    # backslashreplace turns a lone surrogate (only possible inside a JSON string) into a \udXXX escape
    with atomic_outputs([path], errors="backslashreplace") as (f,):
        write = f.write
        for p in pairs:
            write(_encode(pair_to_dict(p)) + "\n")
            n += 1
    return n


def _span(path, n: int, obj: dict, key: str) -> tuple[int, int] | None:
    v = obj.get(key)
    if v is None:
        return None
    if (not isinstance(v, list) or len(v) != 2 or not all(isinstance(x, int) and not isinstance(x, bool) for x in v)):
        raise InputError(path, f"line {n}: {key!r} must be [first, last] or null")
    return (v[0], v[1])


def _opt_str(path, n: int, obj: dict, key: str, default: str | None) -> str | None:
    v = obj.get(key, default)
    if v is not None and not isinstance(v, str):
        raise InputError(path, f"line {n}: {key!r} must be a string")
    return v


def pair_from_dict(obj: object, path: str | os.PathLike = "<jsonl>", n: int = 0) -> TranslationPair:
    """Build a pair from a decoded JSON object, checking every field's type.

    :raises InputError: a missing text or a field of the wrong type (naming ``path`` and line ``n``).
    """
    if not isinstance(obj, dict):
        raise InputError(path, f"line {n}: expected a JSON object, found {type(obj).__name__}")
    src, tgt = obj.get("src"), obj.get("tgt")
    if not isinstance(src, str) or not isinstance(tgt, str):
        raise InputError(path, f"line {n}: 'src' and 'tgt' must both be strings")
    score = obj.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
        raise InputError(path, f"line {n}: 'score' must be a number or null")
    props = obj.get("props") or []
    if not isinstance(props, list) or not all(
            isinstance(kv, list) and len(kv) == 2 and all(isinstance(x, str) for x in kv) for kv in props):
        raise InputError(path, f"line {n}: 'props' must be a list of [name, value] strings")
    return TranslationPair(
        src, tgt,
        src_lang=_opt_str(path, n, obj, "src_lang", "ru") or "ru",
        tgt_lang=_opt_str(path, n, obj, "tgt_lang", "en") or "en",
        score=None if score is None else float(score),
        file=_opt_str(path, n, obj, "file", None),
        src_lines=_span(path, n, obj, "src_lines"), tgt_lines=_span(path, n, obj, "tgt_lines"),
        props=tuple((k, v) for k, v in props),
    )


def read_jsonl(path: str | os.PathLike) -> Iterator[TranslationPair]:
    """Read pairs written by :func:`write_jsonl`.

    :raises InputError: a line is not a JSON object with string ``src`` and ``tgt``, a field has the
        wrong type, or the file is not UTF-8.
    """
    loads = json.loads
    for n, line in read_lines(path):
        if not line.strip():
            continue
        try:
            obj = loads(line)
        except json.JSONDecodeError as e:
            raise InputError(path, f"line {n}: not valid JSON ({e.msg} at column {e.colno})") from None
        except RecursionError:
            raise InputError(path, f"line {n}: JSON nested too deeply") from None
        yield pair_from_dict(obj, path, n)
