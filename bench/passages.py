"""Passage finding end to end: bialign's pipeline on synthetic articles (bench/articles.py) and the seeds.

    python bench/passages.py [--n 300] [--seed 1] [--failures 15] [--keep DIR]

Each article is written to a temporary folder and goes through the real
pipeline: ``bialign.corpus.process_document(bialign.load(path))``.
Prints (Markdown) an overall table, a breakdown by article kind (a)-(i) (see
bench/articles.py), the first failures with what is needed to diagnose them,
and a seeds line (the check-seeds comparison, in process).

Measures
- passage pairs: a pair matches when (ru first line, en first line) is the gold's;
  order accuracy over matched pairs;
- beads: ``(normalised ru text, normalised en text)``, omissions with one side
  empty, over all found / all gold pairs (check-seeds' rule: exact joined text).
  ``bead R (split ok)`` also accepts a gold bead that bialign cut into finer
  beads exactly covering it (a data line holding two sentences);
- invented: passage pairs found in articles whose gold has none;
- Russian paragraphs: paragraphs called ``ru`` against the gold (by first line).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

from articles import KINDS, generate  # noqa: E402

SEED_GOLD = os.path.join(os.path.dirname(ROOT), "shared", "gold", "seeds.json")


def norm(parts) -> str:
    return " ".join(" ".join(parts).split())


def nows(s: str) -> str:
    return "".join(s.split())


# ------------------------------------------------------------------ matching

def predicted(result):
    """Pairs found in one document: {(ru_line, en_line): info}."""
    out = {}
    for pp in result.passages:
        rs = [s.text for s in pp.ru.sentences]
        es = [s.text for s in pp.en.sentences]
        beads = [{"ru": [rs[i] for i in b.src], "en": [es[j] for j in b.tgt], "score": b.score} for b in pp.beads]
        out[(pp.ru.paragraphs[0].first_line, pp.en.paragraphs[0].first_line)] = {
            "order": pp.order, "score": pp.score, "beads": beads,
            "ru_lines": pp.ru.lines, "en_lines": pp.en.lines,
            "ru_paras": len(pp.ru.paragraphs), "en_paras": len(pp.en.paragraphs),
            "ru_text": pp.ru.text, "en_text": pp.en.text,
        }
    return out


def _intervals(beads):
    """Each bead as (ru_start, ru_end, en_start, en_end) in whitespace-free character positions."""
    out, r, e = [], 0, 0
    for b in beads:
        nr, ne = len(nows("".join(b["ru"]))), len(nows("".join(b["en"])))
        out.append((r, r + nr, e, e + ne))
        r, e = r + nr, e + ne
    return out


def bead_match(gold_beads, pred_beads):
    """(exact matches, split-ok matches) of gold beads among predicted beads of the same pair."""
    got = {(norm(b["ru"]), norm(b["en"])) for b in pred_beads}
    exact = sum(1 for b in gold_beads if (norm(b["ru"]), norm(b["en"])) in got)
    gi, pi = _intervals(gold_beads), _intervals(pred_beads)
    split_ok = 0
    for (a, b, c, d), gb in zip(gi, gold_beads):
        if (norm(gb["ru"]), norm(gb["en"])) in got:
            split_ok += 1
            continue
        inside = [p for p in pi if a <= p[0] and p[1] <= b and c <= p[2] and p[3] <= d
                  and (p[1] > p[0] or p[3] > p[2])]
        touching = [p for p in pi if (p[0] < b and p[1] > a) or (p[2] < d and p[3] > c)]
        if inside and len(inside) == len(touching) and a < b and c < d \
                and sum(p[1] - p[0] for p in inside) == b - a and sum(p[3] - p[2] for p in inside) == d - c \
                and all(p[1] > p[0] and p[3] > p[2] for p in inside):
            split_ok += 1
    return exact, split_ok


class Tally:
    def __init__(self):
        self.c = defaultdict(float)

    def add(self, **kw):
        for k, v in kw.items():
            self.c[k] += v

    @staticmethod
    def prf(tp, n_pred, n_gold):
        p = tp / n_pred if n_pred else float("nan")
        r = tp / n_gold if n_gold else float("nan")
        f = 2 * p * r / (p + r) if n_pred and n_gold and (p + r) else float("nan")
        return p, r, f

    def row(self):
        c = self.c
        pp, pr, pf = self.prf(c["pair_tp"], c["pair_pred"], c["pair_gold"])
        bp, br, bf = self.prf(c["bead_tp"], c["bead_pred"], c["bead_gold"])
        _, br2, _ = self.prf(c["bead_split_tp"], c["bead_pred"], c["bead_gold"])
        rp, rr, _ = self.prf(c["ru_tp"], c["ru_pred"], c["ru_gold"])
        order = c["order_ok"] / c["pair_tp"] if c["pair_tp"] else float("nan")
        inv = f"{int(c['invented'])} in {int(c['invented_docs'])}/{int(c['nopair_docs'])}" if c["nopair_docs"] else "-"
        return [int(c["docs"]), int(c["pair_gold"]), pp, pr, pf, order, bp, br, bf, br2, inv, rp, rr,
                c["time"] / c["docs"] if c["docs"] else float("nan")]


HEAD = ["articles", "gold pairs", "pair P", "pair R", "pair F1", "order acc", "bead P", "bead R", "bead F1",
        "bead R (split ok)", "invented (pairs in docs/no-pair docs)", "ru para P", "ru para R", "s/article"]


def fmt(v):
    if isinstance(v, float):
        return "-" if v != v else (f"{v:.3f}" if v < 10 else f"{v:.1f}")
    return str(v)


def table(rows):
    lines = ["| | " + " | ".join(HEAD) + " |", "|---" * (len(HEAD) + 1) + "|"]
    for name, vals in rows:
        lines.append(f"| {name} | " + " | ".join(fmt(v) for v in vals) + " |")
    return "\n".join(lines)


# ------------------------------------------------------------------ diagnosis

class Diagnoser:
    """Why a gold pair was missed: languages, paragraphing, and the pair's own similarity and coverage."""

    def __init__(self, encoder):
        from bialign.align import DEFAULT_CONFIG, align_vectors
        from bialign.align.score import side_vector as _vector
        from bialign.passages import DEFAULT_PASSAGE_CONFIG, _coverage
        from bialign.segment import split_sentences

        self.enc, self.cfg, self.acfg = encoder, DEFAULT_PASSAGE_CONFIG, DEFAULT_CONFIG
        self.align_vectors, self.coverage, self.vector, self.split = align_vectors, _coverage, _vector, split_sentences

    def pair(self, ru_text, en_text):
        rs = [s.text for s in self.split(ru_text, "ru")]
        es = [s.text for s in self.split(en_text, "en")]
        rv, ev = self.enc.encode(rs), self.enc.encode(es)
        rl = np.array([len(t) for t in rs], float)
        el = np.array([len(t) for t in es], float)
        sim = float(self.vector(rv, rl) @ self.vector(ev, el))
        beads = self.align_vectors(rv, ev, rl, el, self.acfg)
        cov = self.coverage(beads, rl, el, self.cfg.confident_bead)
        return sim, cov


def para_at(doc, line):
    for p in doc.paragraphs:
        if p.first_line <= line <= p.last_line:
            return p
    return None


def short(s, n=70):
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


# ------------------------------------------------------------------ runs

def evaluate(docs_gold, tmp, encoder, failures_wanted, diag):
    from bialign.corpus import process_document
    from bialign.loader import load

    overall = Tally()
    by_kind = defaultdict(Tally)
    by_pair_kind = defaultdict(Tally)
    failures = []
    for text, gold in docs_gold:
        path = os.path.join(tmp, gold["file"] + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        t0 = time.perf_counter()
        doc = load(path)
        res = process_document(doc, encoder)
        dt = time.perf_counter() - t0
        pred = predicted(res)
        ru_pred = {p.first_line for p, l in zip(doc.paragraphs, res.languages) if l == "ru"}
        ru_gold = {g["line"] for g in gold["russian_paragraphs"]}
        t = Tally()
        t.add(docs=1, time=dt, pair_pred=len(pred), pair_gold=len(gold["passage_pairs"]),
              ru_tp=len(ru_pred & ru_gold), ru_pred=len(ru_pred), ru_gold=len(ru_gold),
              bead_pred=sum(len(p["beads"]) for p in pred.values()))
        if not gold["passage_pairs"]:
            t.add(nopair_docs=1, invented=len(pred), invented_docs=int(bool(pred)))
        doc_fail = []
        matched = set()
        for g in gold["passage_pairs"]:
            key = (g["ru_line"], g["en_line"])
            pt = Tally()
            pt.add(pair_gold=1, bead_gold=len(g["beads"]))
            t.add(bead_gold=len(g["beads"]))
            if key in pred:
                p = pred[key]
                matched.add(key)
                ex, sp = bead_match(g["beads"], p["beads"])
                ok = int(p["order"] == g["order"])
                t.add(pair_tp=1, order_ok=ok, bead_tp=ex, bead_split_tp=sp)
                pt.add(pair_tp=1, pair_pred=1, order_ok=ok, bead_tp=ex, bead_split_tp=sp, bead_pred=len(p["beads"]))
                if ex < len(g["beads"]):
                    got = {(norm(b["ru"]), norm(b["en"])) for b in p["beads"]}
                    missed = [b for b in g["beads"] if (norm(b["ru"]), norm(b["en"])) not in got]
                    gset = {(norm(b["ru"]), norm(b["en"])) for b in g["beads"]}
                    extra = [b for b in p["beads"] if (norm(b["ru"]), norm(b["en"])) not in gset]
                    doc_fail.append(("beads", gold, {
                        "pair": key, "kind": g["kind"], "missed": missed, "extra": extra,
                        "n_gold": len(g["beads"]), "sizes": [(len(b["ru"]), len(b["en"])) for b in p["beads"]],
                        "extent": (p["ru_lines"], p["en_lines"])}))
            else:
                ru_p, en_p = para_at(doc, g["ru_line"]), para_at(doc, g["en_line"])
                info = {"pair": key, "kind": g["kind"], "order": g["order"], "ru_text": g["ru_text"], "en_text": g["en_text"]}
                info["ru_para"] = (ru_p.lines, res.languages[ru_p.index]) if ru_p else None
                info["en_para"] = (en_p.lines, res.languages[en_p.index]) if en_p else None
                info["found_with_ru"] = [(k, v["score"], v["ru_paras"], v["en_paras"]) for k, v in pred.items()
                                         if ru_p and v["ru_lines"][0] <= g["ru_line"] <= v["ru_lines"][1]]
                info["found_with_en"] = [(k, v["score"], v["ru_paras"], v["en_paras"]) for k, v in pred.items()
                                         if en_p and v["en_lines"][0] <= g["en_line"] <= v["en_lines"][1]]
                info["sim_cov"] = diag.pair(ru_p.text, en_p.text) if ru_p and en_p else None
                doc_fail.append(("missed", gold, info))
            by_pair_kind[g["kind"]].c.update({k: by_pair_kind[g["kind"]].c[k] + v for k, v in pt.c.items()})
        for key, p in pred.items():
            if key not in matched:
                doc_fail.append(("extra", gold, {"pair": key, "score": p["score"], "ru_text": p["ru_text"],
                                                 "en_text": p["en_text"], "paras": (p["ru_paras"], p["en_paras"]),
                                                 "lines": (p["ru_lines"], p["en_lines"])}))
        for g in ru_gold - ru_pred:
            doc_fail.append(("ru missed", gold, {"line": g, "lang": [l for p, l in zip(doc.paragraphs, res.languages)
                                                                    if p.first_line == g],
                                                 "text": next(x["text"] for x in gold["russian_paragraphs"] if x["line"] == g)}))
        for g in ru_pred - ru_gold:
            doc_fail.append(("ru wrong", gold, {"line": g, "text": next(p.text for p in doc.paragraphs if p.first_line == g)}))
        overall.c.update({k: overall.c[k] + v for k, v in t.c.items()})
        for k in gold["kinds"]:
            by_kind[k].c.update({kk: by_kind[k].c[kk] + v for kk, v in t.c.items()})
        failures += doc_fail
        os.remove(path)
    return overall, by_kind, by_pair_kind, failures


def describe(kind, gold, info):
    f = f"{gold['file']} [{''.join(gold['kinds'])}{' wrap=' + str(gold['wrap']) if gold['wrap'] else ''}] ({gold['source']})"
    if kind == "missed":
        sc = info["sim_cov"]
        s = (f"- MISSED pair {info['kind']} {info['order']} ru line {info['pair'][0]} / en line {info['pair'][1]} in {f}: "
             f"ru paragraph {info['ru_para']}, en paragraph {info['en_para']}; "
             f"paragraph cos {sc[0]:.2f}, coverage {sc[1]:.2f}" if sc else
             f"- MISSED pair {info['kind']} {info['order']} {info['pair']} in {f}: ru paragraph {info['ru_para']}, en paragraph {info['en_para']}")
        if info["found_with_ru"]:
            s += f"; ru paragraph used in {info['found_with_ru']}"
        if info["found_with_en"]:
            s += f"; en paragraph used in {info['found_with_en']}"
        return s + f"\n    ru: {short(info['ru_text'])}\n    en: {short(info['en_text'])}"
    if kind == "extra":
        return (f"- EXTRA pair ru line {info['pair'][0]} / en line {info['pair'][1]} in {f}: coverage {info['score']}, "
                f"paragraphs {info['paras']}, lines {info['lines']}\n    ru: {short(info['ru_text'])}\n    en: {short(info['en_text'])}")
    if kind == "beads":
        s = (f"- BEADS {info['n_gold'] - len(info['missed'])}/{info['n_gold']} in pair {info['kind']} {info['pair']} of {f}; "
             f"found bead sizes {info['sizes']}, extent {info['extent']}")
        for b in info["missed"][:3]:
            s += f"\n    gold  {len(b['ru'])}-{len(b['en'])}: ru={short(norm(b['ru']), 50)!r} en={short(norm(b['en']), 50)!r}"
        for b in info["extra"][:3]:
            s += f"\n    found {len(b['ru'])}-{len(b['en'])} ({b['score']:.2f}): ru={short(norm(b['ru']), 50)!r} en={short(norm(b['en']), 50)!r}"
        return s
    if kind == "ru missed":
        return f"- RU PARAGRAPH MISSED line {info['line']} in {f}: called {info['lang'] or 'not a paragraph start'}: {short(info['text'])}"
    return f"- CALLED RUSSIAN WRONGLY line {info['line']} in {f}: {short(info['text'])}"


def seeds_line(encoder):
    """check-seeds, in process: Russian paragraphs, passage pairs, beads against ../shared/gold/seeds.json."""
    from bialign.corpus import process_document
    from bialign.loader import load

    gold = json.load(open(SEED_GOLD, encoding="utf-8"))
    seeds = sorted(f for f in os.listdir(os.path.join(ROOT, "seeds")) if f.endswith(".txt"))
    ru, found = set(), {}
    for name in seeds:
        res = process_document(load(os.path.join(ROOT, "seeds", name)), encoder)
        ru |= {(name, p.first_line) for p, l in zip(res.document.paragraphs, res.languages) if l == "ru"}
        for (rl, el), v in predicted(res).items():
            found[(name, rl, el)] = v
    want = {(g["file"], g["line"]) for g in gold["russian_paragraphs"]}
    pairs_ok = beads_ok = beads_all = 0
    for g in gold["passage_pairs"]:
        beads_all += len(g["beads"])
        p = found.pop((g["file"], g["ru_line"], g["en_line"]), None)
        if p is None:
            continue
        pairs_ok += 1
        beads_ok += bead_match(g["beads"], p["beads"])[0]
    return (f"seeds: {len(ru & want)}/{len(want)} Russian paragraphs ({len(ru - want)} wrong), "
            f"{pairs_ok}/{len(gold['passage_pairs'])} passage pairs, {len(found)} extra, {beads_ok}/{beads_all} beads")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--failures", type=int, default=15)
    ap.add_argument("--keep", help="also write the articles and gold.json here")
    args = ap.parse_args()

    from bialign.encode import get_encoder

    encoder = get_encoder(None)
    t0 = time.perf_counter()
    docs = generate(args.n, args.seed)
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        for text, g in docs:
            open(os.path.join(args.keep, g["file"] + ".txt"), "w", encoding="utf-8").write(text)
        json.dump([g for _, g in docs], open(os.path.join(args.keep, "gold.json"), "w", encoding="utf-8"),
                  ensure_ascii=False, indent=1)
    encoder.encode(["warm up", "разогрев"])
    diag = Diagnoser(encoder)
    with tempfile.TemporaryDirectory() as tmp:
        overall, by_kind, by_pair_kind, failures = evaluate(docs, tmp, encoder, args.failures, diag)
    wall = time.perf_counter() - t0

    print(f"## Passage finding: {args.n} synthetic articles (seed {args.seed}), {date.today()}, {wall:.0f} s wall\n")
    rows = [("all", overall.row())]
    rows += [(f"({k}) {KINDS[k]}", by_kind[k].row()) for k in KINDS if k in by_kind]
    print(table(rows))
    print("\nRows (a)-(i): articles that contain that kind (an article can hold several kinds).\n")
    print("Pairs by the kind of the gold pair (recall side only):\n")
    print("| pair kind | gold pairs | found | pair R | bead R | bead R (split ok) |\n|---|---|---|---|---|---|")
    for k in "abcd":
        c = by_pair_kind[k].c
        if c["pair_gold"]:
            print(f"| ({k}) {KINDS[k]} | {int(c['pair_gold'])} | {int(c['pair_tp'])} | {c['pair_tp'] / c['pair_gold']:.3f} | "
                  f"{c['bead_tp'] / c['bead_gold']:.3f} | {c['bead_split_tp'] / c['bead_gold']:.3f} |")
    counts = defaultdict(int)
    for kind, _, _ in failures:
        counts[kind] += 1
    print("\nFailure counts: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    print(f"\nFirst {args.failures} failures:\n")
    for kind, gold, info in failures[: args.failures]:
        print(describe(kind, gold, info))
    print()
    print(seeds_line(encoder))


if __name__ == "__main__":
    main()
