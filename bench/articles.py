"""Synthetic news articles with quoted Russian passages, and their gold, from ../shared/data.

    python bench/articles.py --n 20 --out /tmp/articles [--seed 1]

writes ``NNN_<kind>.txt`` files and ``gold.json`` into ``--out``. Used by
bench/passages.py (which generates in memory). Nothing generated is committed.

An article is cut from a run of consecutive lines of one news document
(newstest 2012, 2015, 2016 -- 2013/2014 tune the aligner -- or an NTREX
document): the first line is the title, the rest becomes paragraphs of 1-5
sentences. Line N of the ``.en`` file translates line N of the ``.ru`` file,
so Russian passages are the Russian lines of some of those paragraphs:

(a) a Russian quote paragraph (2-8 lines) immediately followed by its English translation;
(b) the English paragraph first, then the Russian one;
(c) the two separated by 1-3 other English paragraphs (either order);
(d) a Russian version of the title, the lead and maybe more paragraphs appended after the
    English article, one paragraph a line with no blank lines between (like seed 003);
(e) a Russian paragraph whose English counterpart is left out of the article: no pair;
(f) articles with no Russian at all;
(g) hard-wrapped articles (70-100 columns, paragraphs separated by blank lines);
(h) translator omissions: 1-2 lines dropped from the translating side (gold beads 1-0 / 0-1);
(i) noise: captions, "Related article: ..." lines and subheadings; an English paragraph holding a
    Russian word or name; a Russian quote holding an English organisation name.

Gold per article: Russian paragraphs (first line), passage pairs
``{ru_line, en_line, order, kind, beads: [{ru: [line...], en: [line...]}]}``
(one bead per data line, a data line may hold two sentences: compare beads by
their whitespace-normalised joined text), and the article's kinds.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import textwrap
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")
YEARS = (2012, 2015, 2016)

KINDS = {
    "a": "ru quote then its translation",
    "b": "translation then ru quote",
    "c": "ru and translation 1-3 paragraphs apart",
    "d": "ru version appended after the article",
    "e": "ru paragraph with no translation",
    "f": "no Russian at all",
    "g": "hard-wrapped",
    "h": "translator omission",
    "i": "captions, headings, mixed-language words",
}

CAPTIONS = [
    "Photo: Reuters / Maxim Shemetov",
    "Photo: AP",
    "Illustrative image. Photo: Shutterstock",
    "Advertisement",
    "Read more:",
    "Share this article",
    "Listen to this article",
    "(Reporting by Maria Tsvetkova; Editing by Andrew Osborn)",
    "Subscribe to our newsletter",
    "Video",
    "Source: press service",
]
# An English sentence holding a Russian word or name in Cyrillic.
RU_IN_EN = [
    "Locals still call the place «Болото», the swamp.",
    "The slogan «Нет войне» (No to war) was painted on the wall overnight.",
    "His lawyer, Иван Павлов, declined to comment.",
    "The group's Telegram channel, «Дождь не кончается», has 40,000 subscribers.",
    "She signed the letter simply «Лена».",
    "The word on everyone's lips was «релокант».",
    "The newspaper Новая газета reported the story first.",
    "Residents use the nickname «Пятёрочка» for the building.",
]
# English organisation names dropped into a Russian quote, with the English the translator wrote.
ORGS = [
    ("по данным Amnesty International", "according to Amnesty International"),
    ("как сообщает Human Rights Watch", "as Human Rights Watch reports"),
    ("по словам представителей Global Voices", "according to Global Voices"),
    ("согласно отчёту Reuters", "according to a Reuters report"),
    ("как пишет The New York Times", "as The New York Times writes"),
    ("по оценке Freedom House", "according to Freedom House"),
]
RELATED = ["Related article: ", "Read also: ", "See also: ", "More on this topic: "]
_END = re.compile(r"[.!?…»”\"')]\s*$")


# ------------------------------------------------------------------ data

@dataclass
class Source:
    name: str
    en: list[str]
    ru: list[str]


def _read(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def load_sources(data: str = DATA, years=YEARS) -> list[Source]:
    """News documents: NTREX documents by DOCUMENT_IDS.tsv; newstest cut at headline-like lines."""
    docs: list[Source] = []
    nt = os.path.join(data, "ntrex")
    ids = [l.split("\t")[0] for l in _read(os.path.join(nt, "DOCUMENT_IDS.tsv"))]
    en, ru = _read(os.path.join(nt, "ntrex.eng.txt")), _read(os.path.join(nt, "ntrex.rus.txt"))
    start = 0
    for i in range(1, len(ids) + 1):
        if i == len(ids) or ids[i] != ids[start]:
            docs.append(Source(f"ntrex:{ids[start]}", en[start:i], ru[start:i]))
            start = i
    for y in years:
        en = _read(os.path.join(data, "newstest", f"newstest{y}.en"))
        ru = _read(os.path.join(data, "newstest", f"newstest{y}.ru"))
        # newstest has no document ids: a short line without final punctuation is a headline.
        starts = [i for i, l in enumerate(en) if len(l) < 110 and not _END.search(l) and ru[i].strip()]
        starts.append(len(en))
        for a, b in zip(starts, starts[1:]):
            if b - a >= 6:
                docs.append(Source(f"newstest{y}:{a + 1}", en[a:b], ru[a:b]))
    return [d for d in docs if all(x.strip() for x in d.en) and all(x.strip() for x in d.ru)]


# ------------------------------------------------------------------ article model

@dataclass
class Para:
    lang: str                      # "en" | "ru"
    lines: list[str]               # data lines (sentences) of the paragraph
    role: str = "body"             # body | title | caption | quote | translation | untranslated | appended
    pair: int | None = None        # id of the passage pair it belongs to
    first_line: int = 0            # 1-based, filled when rendering


@dataclass
class PairSpec:
    kind: str
    beads: list[dict]              # [{"ru": [...], "en": [...]}]


@dataclass
class Article:
    name: str
    kinds: set[str]
    paras: list[Para]
    pairs: dict[int, PairSpec] = field(default_factory=dict)
    wrap: int = 0
    blank_lines: bool = True
    gap_before_appended: bool = True
    source: str = ""
    text: str = ""

    def render(self) -> str:
        out: list[str] = []
        for k, p in enumerate(self.paras):
            if out and (self.blank_lines or self.wrap or (
                    self.gap_before_appended and p.role == "appended" and self.paras[k - 1].role != "appended")):
                out.append("")
            p.first_line = len(out) + 1
            body = " ".join(p.lines)
            if self.wrap:
                out += textwrap.wrap(body, self.wrap, break_long_words=False, break_on_hyphens=False)
            else:
                out.append(body)
        self.text = "\n".join(out) + "\n"
        return self.text

    def gold(self) -> dict:
        pairs = []
        for pid, spec in self.pairs.items():
            ru = next(p for p in self.paras if p.pair == pid and p.lang == "ru")
            en = next(p for p in self.paras if p.pair == pid and p.lang == "en")
            pairs.append({
                "ru_line": ru.first_line, "en_line": en.first_line,
                "order": "ru-first" if ru.first_line < en.first_line else "en-first",
                "kind": spec.kind, "beads": spec.beads,
                "ru_text": " ".join(ru.lines), "en_text": " ".join(en.lines),
            })
        pairs.sort(key=lambda g: g["ru_line"])
        return {
            "file": self.name, "source": self.source, "kinds": sorted(self.kinds), "wrap": self.wrap,
            "russian_paragraphs": [{"line": p.first_line, "role": p.role, "text": " ".join(p.lines)}
                                   for p in self.paras if p.lang == "ru"],
            "passage_pairs": pairs,
        }


# ------------------------------------------------------------------ generator

def _group(idx: list[int], rng: random.Random, lo: int = 1, hi: int = 5) -> list[list[int]]:
    """Cut consecutive line indices into paragraphs of lo..hi lines (news: mostly 1-3)."""
    out, k = [], 0
    while k < len(idx):
        n = min(rng.choices(range(lo, hi + 1), weights=[4, 4, 3, 2, 1][: hi - lo + 1])[0], len(idx) - k)
        out.append(idx[k:k + n])
        k += n
    return out


def _omit(lines_idx: list[int], rng: random.Random, p: float) -> set[int]:
    """Lines a translator left out (never the first, at least two kept)."""
    if len(lines_idx) < 3 or rng.random() >= p:
        return set()
    n = min(rng.choice([1, 1, 2]), len(lines_idx) - 2)
    return set(rng.sample(lines_idx[1:], n))


class Generator:
    def __init__(self, seed: int = 1, data: str = DATA):
        self.rng = random.Random(seed)
        self.sources = load_sources(data)
        self.titles = [s.en[0] for s in self.sources]

    def article(self, i: int) -> Article:
        rng = self.rng
        r = rng.random()
        if r < 0.22:
            plan = {"f"}
        elif r < 0.64:
            plan = {"quote"}
        elif r < 0.80:
            plan = {"d"} | ({"quote"} if rng.random() < 0.25 else set())
        elif r < 0.90:
            plan = {"e"}
        else:
            plan = {"quote", "e"}
        if "quote" in plan and "e" not in plan and rng.random() < 0.2:
            plan.add("e")
        n_quotes = 0
        if "quote" in plan:
            n_quotes = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
        need = 6 + 5 * n_quotes + (4 if "e" in plan else 0)
        src = rng.choice([s for s in self.sources if len(s.en) >= need] or self.sources)
        # a run of the document: title + up to ~35 lines
        body_len = min(len(src.en) - 1, rng.randint(max(need, 8), max(need, 35)))
        en, ru = src.en, src.ru
        kinds: set[str] = set()
        art = Article(name=f"{i:04d}", kinds=kinds, paras=[], source=src.name)
        art.wrap = rng.randint(70, 100) if rng.random() < 0.2 else 0
        if art.wrap:
            kinds.add("g")
        art.blank_lines = True
        art.gap_before_appended = rng.random() < 0.5
        if "d" in plan and not art.wrap:
            art.blank_lines = False          # like seed 003: a paragraph a line
        elif not art.wrap and rng.random() < 0.15:
            art.blank_lines = False

        idx = list(range(1, 1 + body_len))
        groups = _group(idx, rng)
        # quotes: 2-8 lines, their own paragraph (cut from the body, in place)
        paras: list[Para] = [Para("en", [en[0]], "title")]
        title_para = paras[0]
        slots: list[tuple[str, list[int]]] = []  # (role, lines) in document order
        # pick quote / untranslated paragraphs among the groups (not the lead)
        roles = ["body"] * len(groups)
        k_quotes = n_quotes
        k_untr = 1 if "e" in plan else 0
        candidates = list(range(1, len(groups)))
        rng.shuffle(candidates)
        for g in candidates:
            if k_quotes:
                roles[g] = "quote"
                k_quotes -= 1
            elif k_untr:
                roles[g] = "untranslated"
                k_untr -= 1
        # quotes are longer: extend a quote group to 2-8 lines by merging neighbours
        merged_groups, merged_roles = [], []
        for g, role in zip(groups, roles):
            if role != "body" and len(g) < 2 and merged_groups and merged_roles[-1] == "body" and len(merged_groups[-1]) >= 2:
                g = [merged_groups[-1].pop()] + g
            merged_groups.append(list(g))
            merged_roles.append(role)
        groups = [g for g in merged_groups if g]
        roles = [r for g, r in zip(merged_groups, merged_roles) if g]
        for g, role in zip(groups, roles):
            if role != "body":
                g[:] = g[:8]

        pid = 0
        body_paras: list[Para] = []
        pending: list[tuple[Para, int]] = []  # russian paragraphs to place at a distance (c)
        for g, role in zip(groups, roles):
            if role == "body" or (role in ("quote", "untranslated") and len(g) < 2):
                body_paras.append(Para("en", [en[j] for j in g]))
                continue
            if role == "untranslated":
                lines = [ru[j] for j in g]
                if rng.random() < 0.3:
                    lines, _ = self._with_org(lines, None)
                    kinds.add("i")
                body_paras.append(Para("ru", lines, "untranslated"))
                kinds.add("e")
                continue
            kind = rng.choices("abc", weights=[4, 3, 3])[0]
            kinds.add(kind)
            drop = _omit(g, rng, 0.3)
            if drop:
                kinds.add("h")
            ru_lines = [ru[j] for j in g]
            en_lines = [en[j] for j in g if j not in drop]
            beads = [{"ru": [ru[j]], "en": [] if j in drop else [en[j]]} for j in g]
            if rng.random() < 0.25:
                ru_lines, en_lines, beads = self._with_org(ru_lines, en_lines, beads, drop, g)
                kinds.add("i")
            rp = Para("ru", ru_lines, "quote", pid)
            ep = Para("en", en_lines, "translation", pid)
            art.pairs[pid] = PairSpec(kind, beads)
            pid += 1
            if kind == "a":
                body_paras += [rp, ep]
            elif kind == "b":
                body_paras += [ep, rp]
            else:
                gap = rng.randint(1, 3)
                if rng.random() < 0.5:   # ru first, en `gap` body paragraphs later
                    body_paras.append(rp)
                    pending.append((ep, gap))
                else:
                    body_paras.append(ep)
                    pending.append((rp, gap))
            # (c): the other half goes after `gap` more body paragraphs
            continue
        # place (c) halves: walk and insert after `gap` following paragraphs
        for para, gap in pending:
            partner = next(p for p in body_paras if p.pair == para.pair)
            at = body_paras.index(partner) + 1
            seen = 0
            while at < len(body_paras) and seen < gap:
                if body_paras[at].role == "body":
                    seen += 1
                at += 1
            body_paras.insert(at, para)
        paras += body_paras

        # (i) noise: captions, related links, subheadings, Russian words in English
        if rng.random() < 0.5:
            kinds.add("i")
            for _ in range(rng.randint(1, 3)):
                what = rng.random()
                if what < 0.4:
                    line = rng.choice(CAPTIONS)
                elif what < 0.7:
                    line = rng.choice(RELATED) + rng.choice(self.titles)
                else:
                    line = rng.choice(self.titles)      # a subheading
                at = rng.randint(2, len(paras))
                if at < len(paras) and paras[at].pair is not None and paras[at].pair == paras[at - 1].pair:
                    at += 1
                paras.insert(at, Para("en", [line], "caption"))
            if rng.random() < 0.5:
                body = [p for p in paras if p.role == "body"]
                if body:
                    p = rng.choice(body)
                    p.lines.insert(rng.randint(0, len(p.lines)), rng.choice(RU_IN_EN))

        # (d) Russian version of the title + lead (+ more) appended after the article
        if "d" in plan:
            kinds.add("d")
            if rng.random() < 0.5:
                paras.append(Para("en", [rng.choice(["This article is also published in other media.",
                                                      "This article was first published in Russian.",
                                                      "Read the Russian version below.",
                                                      "Translated by the editors."])], "caption"))
            en_body = [p for p in paras[1:] if p.role == "body" and p.lang == "en"]
            n_more = rng.choices([0, 1, 2, 3], weights=[4, 3, 2, 1])[0]
            targets = [title_para] + en_body[: 1 + n_more]
            for p in targets:
                lines_idx = [src.en.index(l) if l in src.en else -1 for l in p.lines]
                if any(j < 0 for j in lines_idx):
                    continue  # a body paragraph with an inserted English-only sentence
                drop = _omit(lines_idx, rng, 0.15)
                if drop:
                    kinds.add("h")
                beads = [{"ru": [] if j in drop else [ru[j]], "en": [en[j]]} for j in lines_idx]
                rp = Para("ru", [ru[j] for j in lines_idx if j not in drop], "appended", pid)
                p.pair = pid
                art.pairs[pid] = PairSpec("d", beads)
                pid += 1
                paras.append(rp)
        if not any(p.lang == "ru" for p in paras):
            kinds.add("f")
        art.paras = paras
        art.render()
        return art

    def _with_org(self, ru_lines, en_lines, beads=None, drop=(), g=()):
        """Put an English organisation name into one Russian sentence (and its translation)."""
        k = self.rng.randrange(len(ru_lines))
        ru_org, en_org = self.rng.choice(ORGS)
        ru_new = re.sub(r"([.!?…»]*)$", lambda m: f" ({ru_org})" + m.group(1), ru_lines[k].rstrip(), count=1)
        ru_lines = list(ru_lines)
        old_ru = ru_lines[k]
        ru_lines[k] = ru_new
        if en_lines is None:
            return ru_lines, None
        beads = [dict(b) for b in beads]
        for b in beads:
            if b["ru"] == [old_ru]:
                b["ru"] = [ru_new]
                if b["en"]:
                    old_en = b["en"][0]
                    en_new = re.sub(r"([.!?…\"”]*)$", lambda m: f" ({en_org})" + m.group(1), old_en.rstrip(), count=1)
                    b["en"] = [en_new]
                    en_lines = [en_new if l == old_en else l for l in en_lines]
                break
        return ru_lines, en_lines, beads


def generate(n: int, seed: int = 1, data: str = DATA) -> list[tuple[str, dict]]:
    """``n`` articles as ``(text, gold)``, the same for the same seed."""
    gen = Generator(seed, data)
    out = []
    for i in range(n):
        a = gen.article(i)
        out.append((a.text, a.gold()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    golds = []
    for text, gold in generate(args.n, args.seed, args.data):
        name = f"{gold['file']}_{''.join(gold['kinds'])}.txt"
        gold["file"] = name
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write(text)
        golds.append(gold)
    with open(os.path.join(args.out, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(golds, f, ensure_ascii=False, indent=1)
    print(f"{len(golds)} articles in {args.out}")


if __name__ == "__main__":
    main()
