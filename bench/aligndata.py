"""Sentence-alignment test sets with known gold, cut from line-aligned parallel text.

Each document is a run of consecutive line pairs (NTREX: its real documents).
On one side or the other, adjacent sentences are merged (giving 2-1 and 1-2
beads) and sentences deleted (giving 1-0 and 0-1 beads) at the given rates.
Everything is seeded, so a set is the same on every run.

    python bench/aligndata.py  # prints a summary of the default sets
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@dataclass(frozen=True)
class AlignDoc:
    name: str
    src: list[str]
    tgt: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]


def _read(path: Path) -> list[str]:
    return [l.rstrip("\n") for l in path.open(encoding="utf-8")]


def newstest_docs(year: int, min_len: int = 20, max_len: int = 60, seed: int = 1,
                  root: Path = DATA) -> list[tuple[str, list[str], list[str]]]:
    """``root``/newstest/newstest{year}.ru and .en cut into runs of ``min_len``-``max_len`` lines."""
    ru = _read(root / "newstest" / f"newstest{year}.ru")
    en = _read(root / "newstest" / f"newstest{year}.en")
    rng = random.Random(seed)
    docs, i = [], 0
    while i < len(ru):
        k = rng.randint(min_len, max_len)
        docs.append((f"newstest{year}:{i}", ru[i:i + k], en[i:i + k]))
        i += k
    return docs


def ntrex_docs(lang: str = "rus") -> list[tuple[str, list[str], list[str]]]:
    ids = [l.split("\t")[0] for l in _read(DATA / "ntrex" / "DOCUMENT_IDS.tsv")]
    src = _read(DATA / "ntrex" / f"ntrex.{lang}.txt")
    en = _read(DATA / "ntrex" / "ntrex.eng.txt")
    if len(ids) == len(src) + 1:
        ids = ids[1:]
    docs: dict[str, tuple[list[str], list[str]]] = {}
    for d, s, t in zip(ids, src, en):
        docs.setdefault(d, ([], []))
        docs[d][0].append(s)
        docs[d][1].append(t)
    return [(f"ntrex:{d}", s, t) for d, (s, t) in docs.items()]


def perturb(name: str, src: list[str], tgt: list[str], merge: float, delete: float, seed: int) -> AlignDoc:
    """Merge and delete sentences of a 1-1 aligned document; return it with its gold beads."""
    rng = random.Random(f"{seed}:{name}")
    beads: list[tuple[list[str], list[str]]] = [([s], [t]) for s, t in zip(src, tgt)]
    out: list[tuple[list[str], list[str]]] = []
    i = 0
    while i < len(beads):
        s, t = beads[i]
        r = rng.random()
        if r < merge and i + 1 < len(beads):
            s2, t2 = beads[i + 1]
            if rng.random() < 0.5:  # the target translates two source sentences in one
                out.append((s + s2, [" ".join(t + t2)]))
            else:
                out.append(([" ".join(s + s2)], t + t2))
            i += 2
            continue
        if r < merge + delete:
            out.append((s, []) if rng.random() < 0.5 else ([], t))
        else:
            out.append((s, t))
        i += 1
    S: list[str] = []
    T: list[str] = []
    gold = []
    for s, t in out:
        gs = tuple(range(len(S), len(S) + len(s)))
        gt = tuple(range(len(T), len(T) + len(t)))
        S += s
        T += t
        gold.append((gs, gt))
    return AlignDoc(name, S, T, gold)


def make_set(kind: str, merge: float, delete: float, seed: int = 7, years=(2013, 2014),
             lang: str = "rus", root: Path = DATA) -> list[AlignDoc]:
    raw = []
    if kind == "newstest":
        for y in years:
            raw += newstest_docs(y, seed=y, root=root)
    elif kind == "ntrex":
        raw = ntrex_docs(lang)
    return [perturb(n, s, t, merge, delete, seed) for n, s, t in raw]


if __name__ == "__main__":
    for kind, m, d in [("newstest", 0.08, 0.02), ("newstest", 0.08, 0.12), ("ntrex", 0.08, 0.02)]:
        docs = make_set(kind, m, d)
        beads = [b for doc in docs for b in doc.gold]
        print(kind, m, d, len(docs), "docs", len(beads), "beads",
              sum(1 for s, t in beads if not s or not t), "omissions",
              sum(1 for s, t in beads if len(s) + len(t) > 2), "merges")
