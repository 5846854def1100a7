"""Sentence splitting: ours (razdel + join/split rules) beside raw razdel and pysbd, same run.

    python bench/segment.py [--textberg DIR] [--mac DIR]

Runs of five consecutive newstest lines are joined into a paragraph; a
splitter scores a hit for every line it returns exactly as one sentence (the
joins are gold boundaries; some lines hold two sentences, so 1.0 is out of reach).
With ``--textberg DIR`` the German and French sides of Bleualign's Text+Berg
(tokenised, with OCR debris) are scored like newstest. With ``--mac DIR``
(the folder ``bench/prepare_mac.py`` builds) the Chinese
side of MAC's hand-aligned novels is scored the same way, eight lines joined
without a space into a paragraph, as Chinese is written.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "newstest"

from bialign.segment import split_sentences  # noqa: E402


def splitters(lang: str):
    from razdel import sentenize

    out = {"bialign": lambda t: [s.text for s in split_sentences(t, lang)],
           "razdel": lambda t: [s.text for s in sentenize(t)]}
    if lang in ("en", "zh"):
        try:
            import pysbd

            seg = pysbd.Segmenter(language=lang, clean=False)
            out["pysbd"] = lambda t: [s.strip() for s in seg.segment(t)]
        except ImportError:
            pass
    return out


def recovered(paras: list[list[str]], split, sep: str) -> float:
    """Share of the lines that ``split`` returns exactly, each paragraph's lines joined by ``sep``."""
    hits = sum(sum(1 for x in p if x in set(split(sep.join(p)))) for p in paras)
    return hits / sum(len(p) for p in paras)


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--mac", help="folder with MAC's dev/ and test/ chapters (bench/prepare_mac.py)")
    ap.add_argument("--textberg", help="folder with Bleualign's Text+Berg *.de / *.fr files (see bench/align.py)")
    args = ap.parse_args()
    print("| text | lang | splitter | lines recovered | seconds |")
    print("|---|---|---|---|---|")

    def report(text: str, lang: str, paras: list[list[str]], sep: str) -> None:
        for name, split in splitters(lang).items():
            t = time.perf_counter()
            share = recovered(paras, lambda p: [x.strip() for x in split(p)], sep)
            print(f"| {text} | {lang} | {name} | {share:.4f} | {time.perf_counter() - t:.1f} |")

    for year in (2012, 2015, 2016):
        for lang in ("ru", "en"):
            lines = [l.strip() for l in (DATA / f"newstest{year}.{lang}").open(encoding="utf-8")][:3000]
            report(f"newstest{year}", lang, [lines[i:i + 5] for i in range(0, len(lines), 5)], " ")
    if args.textberg:
        for lang in ("de", "fr"):
            lines = [l.strip() for f in sorted(Path(args.textberg).glob(f"*.{lang}"))
                     for l in f.open(encoding="utf-8") if l.strip()]
            report("Text+Berg", lang, [lines[i:i + 5] for i in range(0, len(lines), 5)], " ")
    if args.mac:
        for part in ("dev", "test"):
            paras = []
            for f in sorted(Path(args.mac, part).glob("*.src")):
                lines = [l.strip() for l in f.open(encoding="utf-8") if l.strip()]
                paras += [lines[i:i + 8] for i in range(0, len(lines), 8)]
            report(f"MAC-{part}", "zh", paras, "")

if __name__ == "__main__":
    main()
