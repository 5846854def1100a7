"""Benchmark the corpus formats: write and read back N pairs in each, pairs/s and peak memory.

    python bench/formats.py                      # 1,000,000 pairs; translate-toolkit on 100,000
    python bench/formats.py --n 100000 --tt-n 20000

Each measurement runs in a fresh process so that its peak resident memory
(``ru_maxrss``) is its own; "base" is that process's memory after imports,
before any pair exists, so peak - base is what the format costs. The pairs are
generated on the fly (never a list), like a pipeline would hand them over:
~60-110 characters a side, Cyrillic and Latin, with score, file, lines and a
prop, so the TMX and JSONL carry provenance too. translate-toolkit's
``tmxfile`` builds the whole document in memory (lxml), so it runs on a
smaller N (``--tt-n``).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

RU = ["Кошка спит на диване, а собака лежит у двери.", "«Мы не ожидали такого результата», — сказал он.",
      "В 2024 году число участников выросло на 15 %.", "Это предложение содержит кавычки \"и\" амперсанд & знак <.",
      "Ёжик в тумане — мультфильм Юрия Норштейна."]
EN = ["The cat sleeps on the sofa while the dog lies by the door.", "\"We did not expect such a result,\" he said.",
      "In 2024 the number of participants grew by 15%.", "This sentence has quotes \"and\" an ampersand & sign <.",
      "Hedgehog in the Fog is a cartoon by Yuri Norstein."]


def pairs(n: int):
    from bialign.types import TranslationPair
    for i in range(n):
        k = i % len(RU)
        yield TranslationPair(f"{RU[k]} №{i}", f"{EN[k]} #{i}", score=round((i % 1000) / 1000, 3),
                              file=f"news/article{i // 500}.txt", src_lines=(i % 500 + 1, i % 500 + 1),
                              tgt_lines=(i % 500 + 3, i % 500 + 3), props=(("x-src-langid", "0.99"),))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def one(fmt: str, op: str, n: int, folder: str) -> dict:
    """Run one measurement in this process; print JSON."""
    from bialign import formats as F
    path = os.path.join(folder, "c" if fmt == "moses" else f"c.{fmt.split('-')[0]}")
    if fmt == "tt-tmx":
        from translate.storage.tmx import tmxfile
        path = os.path.join(folder, "tt.tmx")
    base = rss_mb()
    t0 = time.perf_counter()
    if fmt == "tt-tmx" and op == "write":
        store = tmxfile(sourcelanguage="ru", targetlanguage="en")
        for p in pairs(n):
            store.addtranslation(p.src, "ru", p.tgt, "en")
        store.savefile(path)
        count = n
    elif fmt == "tt-tmx":
        with open(path, "rb") as f:
            store = tmxfile(f)
        count = sum(1 for u in store.units if u.source is not None and u.target is not None)
    elif op == "write":
        kw = {"extra_columns": True} if fmt == "tsv" else {}
        count = F.write_corpus(pairs(n), path, format=fmt, **kw)
    else:
        count = sum(1 for _ in F.read_corpus(path, format=fmt))
    dt = time.perf_counter() - t0
    size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)
               if f.startswith("tt." if fmt == "tt-tmx" else "c."))
    return {"format": fmt, "op": op, "pairs": count, "seconds": round(dt, 2), "pairs_per_s": round(count / dt),
            "base_mb": round(base, 1), "peak_mb": round(rss_mb(), 1), "file_mb": round(size / 1e6, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="pairs per bialign format")
    ap.add_argument("--tt-n", type=int, default=100_000, help="pairs for translate-toolkit's TMX")
    ap.add_argument("--formats", default="tmx,tsv,jsonl,moses,tt-tmx")
    ap.add_argument("--one", nargs=4, metavar=("FORMAT", "OP", "N", "DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        fmt, op, n, folder = args.one
        print(json.dumps(one(fmt, op, int(n), folder)))
        return
    print("| format | op | pairs | s | pairs/s | base MB | peak MB | file MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for fmt in args.formats.split(","):
        n = args.tt_n if fmt == "tt-tmx" else args.n
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as folder:
            for op in ("write", "read"):
                out = subprocess.run([sys.executable, __file__, "--one", fmt, op, str(n), folder],
                                     check=True, capture_output=True, text=True).stdout
                r = json.loads(out)
                label = {"tt-tmx": "translate-toolkit tmx", "tsv": "tsv (extra columns)"}.get(fmt, fmt)
                print(f"| {label} | {op} | {r['pairs']:,} | {r['seconds']} | {r['pairs_per_s']:,} | "
                      f"{r['base_mb']} | {r['peak_mb']} | {r['file_mb']} |", flush=True)


if __name__ == "__main__":
    main()
