"""Write later WMT Russian-English test sets for ``bench/align.py --wmt DIR``.

The data of ../shared/data stops at newstest 2016. WMT's own repositories hold
the later test sets: github.com/wmt-conference/wmt21-news-systems (newstest
2021) and github.com/wmt-conference/wmt22-news-systems (generaltest 2022,
news and three other domains). Each year has a Russian-original and an
English-original half; both go into one pair of line-aligned files,
``DIR/newstest/newstest{2021,2022}.{ru,en}`` (the names bench/aligndata.py reads).

The 2021 English-to-Russian reference has one article (12 lines) in
Windows-1251 bytes read as Windows-1252 ("Ðåöåíçèÿ íà ..."). Those lines are
decoded again (and counted on the way), so that the set tests the aligner,
not the reference's encoding.

    python bench/prepare_wmt.py WMT21_CHECKOUT WMT22_CHECKOUT DIR
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

#: year -> (checkout argument index, file stem of the test set)
SETS = {2021: (0, "newstest2021"), 2022: (1, "generaltest2022")}
_LATIN = re.compile("[\u00c0-\u00ff]")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def repaired(line: str) -> str:
    """``line`` decoded again as Windows-1251 when it is Cyrillic read as Windows-1252 or
    Latin-1 (over 30% of its characters in À-ÿ), else unchanged.

    >>> repaired("Ðåöåíçèÿ — òåñò"), repaired("Café au lait")
    ('Рецензия — тест', 'Café au lait')
    """
    if len(_LATIN.findall(line)) <= 0.3 * len(line):
        return line
    for read_as in ("cp1252", "latin-1"):  # cp1252 first: it also maps the dashes and quotes
        try:
            return line.encode(read_as).decode("cp1251")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return line


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[2]) / "newstest"
    out.mkdir(parents=True, exist_ok=True)
    for year, (which, stem) in SETS.items():
        txt = Path(argv[which]) / "txt"
        ru = _lines(txt / "sources" / f"{stem}.ru-en.src.ru") + _lines(txt / "references" / f"{stem}.en-ru.ref.A.ru")
        en = _lines(txt / "references" / f"{stem}.ru-en.ref.A.en") + _lines(txt / "sources" / f"{stem}.en-ru.src.en")
        assert len(ru) == len(en), (stem, len(ru), len(en))
        fixed = [repaired(line) for line in ru]
        changed = sum(a != b for a, b in zip(ru, fixed))
        (out / f"newstest{year}.ru").write_text("\n".join(fixed) + "\n", encoding="utf-8")
        (out / f"newstest{year}.en").write_text("\n".join(en) + "\n", encoding="utf-8")
        print(f"{stem}: {len(en)} line pairs, {changed} Russian lines decoded again", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
