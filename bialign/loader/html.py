"""Paragraphs from an HTML page: the text of its block elements, without scripts, styles or navigation.

Each paragraph keeps the source lines of the element it came from.

    >>> [(p.text, p.lines) for p in html_paragraphs("<p>One <b>two</b></p>\\n<nav>menu</nav><p>Три</p>", "x.html")]
    [('One two', (1, 1)), ('Три', (2, 2))]
"""
from __future__ import annotations

from html.parser import HTMLParser

from ..types import Paragraph
from .paragraphs import clean_inline

BLOCKS = frozenset("p div h1 h2 h3 h4 h5 h6 li blockquote pre td th dd dt figcaption caption article section "
                   "main title br tr address".split())
SKIP = frozenset("script style nav header footer aside form noscript template svg button select iframe".split())


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.parts: list[str] = []
        self.first_line = 0
        self.last_line = 0
        self.blocks: list[tuple[str, int, int]] = []

    def _flush(self) -> None:
        text = clean_inline("".join(self.parts))
        if text:
            self.blocks.append((text, self.first_line, self.last_line))
        self.parts = []
        self.first_line = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIP:
            self.skip_depth += 1
        elif tag in BLOCKS and not self.skip_depth:
            self._flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCKS and not self.skip_depth:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCKS and not self.skip_depth:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip_depth or not data.strip():
            if not self.skip_depth and self.parts:
                self.parts.append(" ")
            return
        line = self.getpos()[0]
        if not self.first_line:
            self.first_line = line
        self.parts.append(data)
        self.last_line = line + data.count("\n")


def html_paragraphs(text: str, file: str) -> tuple[Paragraph, ...]:
    """Paragraphs of an HTML document in reading order."""
    c = _Collector()
    c.feed(text)
    c.close()
    c._flush()
    offsets = [0]
    for line in text.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    return tuple(
        Paragraph(text=t, file=file, first_line=a, last_line=b, start=offsets[a - 1],
                  end=offsets[min(b, len(offsets) - 1)] - 1, index=i)
        for i, (t, a, b) in enumerate(c.blocks))


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)
