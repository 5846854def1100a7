"""Sentence splitting: ours (razdel + join/split rules) beside raw razdel and pysbd, same run.

    python bench/segment.py

Runs of five consecutive newstest lines are joined into a paragraph; a
splitter scores a hit for every line it returns exactly as one sentence (the
joins are gold boundaries; some lines hold two sentences, so 1.0 is out of reach).
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
    if lang == "en":
        try:
            import pysbd

            seg = pysbd.Segmenter(language="en", clean=False)
            out["pysbd"] = lambda t: [s.strip() for s in seg.segment(t)]
        except ImportError:
            pass
    return out


def main() -> None:
    print("| year | lang | splitter | lines recovered | seconds |")
    print("|---|---|---|---|---|")
    for year in (2012, 2015, 2016):
        for lang in ("ru", "en"):
            lines = [l.strip() for l in (DATA / f"newstest{year}.{lang}").open(encoding="utf-8")][:3000]
            paras = [lines[i:i + 5] for i in range(0, len(lines), 5)]
            for name, split in splitters(lang).items():
                t = time.perf_counter()
                hits = sum(sum(1 for x in p if x in set(split(" ".join(p)))) for p in paras)
                print(f"| {year} | {lang} | {name} | {hits / len(lines):.4f} | {time.perf_counter() - t:.1f} |")


if __name__ == "__main__":
    main()
