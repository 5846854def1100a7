"""Build the TransRead literary test set for ``bench/align.py --transread DIR``.

    python bench/prepare_transread.py TRANSREAD_CHECKOUT OUT_DIR

TransRead (github.com/fyvo/TransReadAlignments, CC BY-SA 4.0; Xu and Yvon,
LREC 2016) is a set of hand-made sentence alignments of the opening chapters
of public-domain novels and their published translations: eleven English-French
books (Alice in Wonderland, Candide, Swann, Emma, Jane Eyre, Zola, Rousseau,
Hugo, Cooper and two by Verne) and Candide in English-Spanish and English-Greek.
Each book ships as CES XML: ``cut_BOOK_LANG.xml`` (tokenised words inside
``<s id=...>``) and ``BOOK_sent_align_L1-L2.xml`` (links ``xtargets="ids;ids"``).
This script writes ``OUT_DIR/BOOK_PAIR.src`` (the language other than English,
one sentence a line, tokens joined by spaces as shipped), ``.tgt`` (English)
and ``.gold`` (Vecalign's path format; a link with one empty side becomes one
omission per sentence, as Vecalign's gold files write them). Nothing is bundled
with bialign.
"""
from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET


def sentences(path: str) -> list[tuple[str, str]]:
    """(id, text) of every ``<s>`` of a CES file, its ``<w>`` tokens joined by spaces."""
    root = ET.parse(path).getroot()
    return [(s.get("id"), " ".join((w.text or "").strip() for w in s.iter("w") if (w.text or "").strip()))
            for s in root.iter("s")]


def convert(folder: str, out: str) -> tuple[str, int, int, int]:
    """Convert one book folder ``BOOK_EN-XX``; returns (name, source sentences, target
    sentences, gold beads)."""
    name = os.path.basename(folder.rstrip("/"))
    book, pair = name.rsplit("_", 1)
    en, other = pair.lower().split("-")
    side = {}
    for lang in (en, other):
        sents = sentences(os.path.join(folder, f"cut_{book}_{lang}.xml"))
        side[lang] = ([t for _, t in sents], {sid: i for i, (sid, _) in enumerate(sents)})
    links = ET.parse(os.path.join(folder, f"{book}_sent_align_{en}-{other}.xml")).getroot()
    beads = []
    for link in links.iter("link"):
        e, o = link.get("xtargets").split(";")
        src = [side[other][1][x] for x in o.split()]
        tgt = [side[en][1][x] for x in e.split()]
        if src and tgt:
            beads.append((src, tgt))
        else:
            beads += [([i], []) for i in src] + [([], [j]) for j in tgt]
    os.makedirs(out, exist_ok=True)
    base = os.path.join(out, f"{book}_{other}-{en}")
    for ext, lang in ((".src", other), (".tgt", en)):
        with open(base + ext, "w", encoding="utf-8") as f:
            f.write("".join(t + "\n" for t in side[lang][0]))
    with open(base + ".gold", "w", encoding="utf-8") as f:
        f.write("".join("[%s]:[%s]\n" % (", ".join(map(str, s)), ", ".join(map(str, t))) for s, t in beads))
    return os.path.basename(base), len(side[other][0]), len(side[en][0]), len(beads)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    repo, out = args
    novels = os.path.join(repo, "dat", "novels")
    for name in sorted(os.listdir(novels)):
        if os.path.isdir(os.path.join(novels, name)):
            print("%-45s %5d %5d %5d" % convert(os.path.join(novels, name), out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
