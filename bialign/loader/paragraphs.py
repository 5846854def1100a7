"""Split decoded text into paragraphs.

A paragraph ends at a blank line. Inside a block of non-blank lines, a line
break is a paragraph break unless the block is hard-wrapped (the lines were
cut at a fixed width, as in text saved from a PDF or an e-mail): then the
lines are joined with a space.

    >>> wrapped = ("The European Union parliament adopted a resolution\\n"
    ...            "last week that, among other things, highlighted how\\n"
    ...            "members of Russian civil society live in exile.\\n"
    ...            "\\n"
    ...            "The Kremlin's full-scale invasion of Ukraine sparked\\n"
    ...            "various forms of protest across Russia.\\n")
    >>> [(p.lines, p.text[:40]) for p in split_paragraphs(wrapped, "x.txt")]
    [((1, 3), 'The European Union parliament adopted a '), ((5, 6), "The Kremlin's full-scale invasion of Ukr")]
"""
from __future__ import annotations

import re

from ..types import Paragraph

# [text](target) -> text; keeps the visible words of markdown links.
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_SENTENCE_END = re.compile(r"[.!?…»”\"')\]:;]\s*$")


def _wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped text was cut at, or 0 when it looks unwrapped.

    Hard-wrapped text has most of its lines close to one maximum length; text
    with a paragraph per line has lengths all over the place.
    """
    lengths = sorted(len(l.rstrip()) for l in lines if l.strip())
    if len(lengths) < 4:
        return 0
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width < 30 or width > 200:
        return 0
    near = sum(1 for n in lengths if n >= 0.7 * width)
    longer = sum(1 for n in lengths if n > 1.15 * width)
    if near >= 0.5 * len(lengths) and longer <= 0.05 * len(lengths):
        return width
    return 0


def _joins(prev: str, nxt: str, width: int) -> bool:
    """Whether a line break between ``prev`` and ``nxt`` lies inside one paragraph."""
    if not width:
        return False
    prev = prev.rstrip()
    first_word = nxt.strip().split(" ", 1)[0]
    # The previous line stopped short although the next word would have fitted: a real break.
    room = width - len(prev)
    if room > len(first_word) + 8 and _SENTENCE_END.search(prev):
        return False
    return len(prev) >= 0.55 * width


def clean_inline(text: str) -> str:
    """Reduce markdown link syntax to its text and collapse runs of whitespace."""
    text = _MD_LINK.sub(r"\1", text)
    return " ".join(text.split())


def split_paragraphs(text: str, file: str) -> tuple[Paragraph, ...]:
    """Split ``text`` into paragraphs that keep their 1-based line range and offsets.

    :param text: decoded text (newlines normalised to ``\\n``).
    :param file: the path to record on each paragraph.
    """
    lines = text.split("\n")
    width = _wrap_width(lines)
    paragraphs: list[Paragraph] = []
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    block: list[int] = []

    def flush() -> None:
        if not block:
            return
        first, last = block[0], block[-1]
        body = clean_inline(" ".join(lines[i] for i in block))
        if body:
            paragraphs.append(Paragraph(
                text=body, file=file, first_line=first + 1, last_line=last + 1,
                start=offsets[first], end=offsets[last] + len(lines[last]), index=len(paragraphs)))
        block.clear()

    for i, line in enumerate(lines):
        if not line.strip():
            flush()
            continue
        if block and not _joins(lines[block[-1]], line, width):
            flush()
        block.append(i)
    flush()
    return tuple(paragraphs)
