"""Sentence beads as text: the path format (Vecalign's and Bertalign's), TSV and JSON Lines.

These are what ``bialign align`` prints or writes: one bead a line, so that
any aligner's output can be scored with ``bialign eval`` and read by
Vecalign's and Bertalign's tools.

    >>> from bialign.types import Bead
    >>> beads = [Bead((0,), (0, 1), 0.81234), Bead((1,), (), 0.9)]
    >>> src = ["Кошка спит, собака лает.", "Идёт дождь."]
    >>> tgt = ["The cat sleeps.", "The dog barks."]
    >>> print("".join(bead_lines(beads, src, tgt, "path")), end="")
    [0]:[0, 1]:0.812
    [1]:[]:0.900
    >>> list(bead_lines(beads, src, tgt, "tsv"))
    ['Кошка спит, собака лает.\\tThe cat sleeps. The dog barks.\\t0.812\\n', 'Идёт дождь.\\t\\t0.900\\n']
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence

from ..align.evaluate import format_path_line
from ..types import Bead
from ._files import atomic_outputs

#: The bead formats and the extension ``bialign align`` gives each in an output folder.
BEAD_FORMATS = {"path": ".path", "tsv": ".tsv", "json": ".jsonl"}


def bead_lines(beads: Iterable[Bead], src: Sequence[str], tgt: Sequence[str], format: str = "path") -> Iterator[str]:
    """Yield one line (with its ``\\n``) a bead.

    :param beads: the alignment, as :func:`bialign.align_sentences` returns it.
    :param src: the source sentences the beads' indices refer to.
    :param tgt: the target sentences.
    :param format: ``path`` (``[0]:[0, 1]:0.812``, 0-based indices), ``tsv`` (the
        two sides' sentences joined by spaces, then the score) or ``json`` (one
        object a bead: ``src``, ``tgt``, ``score``, ``src_text``, ``tgt_text``).
    """
    if format not in BEAD_FORMATS:
        raise ValueError(f"unknown bead format {format!r}; known: {', '.join(BEAD_FORMATS)}")
    for b in beads:
        if format == "path":
            yield format_path_line(b.src, b.tgt, b.score) + "\n"
        elif format == "tsv":
            s = " ".join(src[i].strip() for i in b.src if src[i].strip())
            t = " ".join(tgt[j].strip() for j in b.tgt if tgt[j].strip())
            yield f"{s}\t{t}\t{b.score:.3f}\n"
        else:
            yield json.dumps({"src": list(b.src), "tgt": list(b.tgt), "score": round(b.score, 4),
                              "src_text": [src[i] for i in b.src], "tgt_text": [tgt[j] for j in b.tgt]},
                             ensure_ascii=False) + "\n"


def write_beads(beads: Iterable[Bead], src: Sequence[str], tgt: Sequence[str], path: str | os.PathLike,
                format: str = "path") -> int:
    """Write :func:`bead_lines` to ``path`` (all or nothing: a temporary file renamed into place).

    :returns: the number of beads written.
    :raises InputError: ``path``'s folder does not exist or cannot be written to.
    """
    n = 0
    with atomic_outputs([path]) as (f,):
        for line in bead_lines(beads, src, tgt, format):
            f.write(line)
            n += 1
    return n
