"""langid: which language a text is, and which spans of a text are in which language.

Decisions are made in this order (each a named step below):

1. **Script.** Every word is Latin, Cyrillic, another script, or a look-alike
   (``a``, ``Тор``, ``OK``: letters that look alike in Latin and Russian), which takes the
   script of its neighbours. Runs of words in one script become spans; digits,
   punctuation and symbols attach to a neighbouring span, never a span of their own.
2. **Letters.** In a Cyrillic run, a letter that Russian does not write
   (``і ї є ґ ў ј љ њ ђ ћ џ ѓ ќ ѕ ә ғ қ ң ө ұ ү һ ...``) or a Bulgarian-style
   ``ъ`` rules Russian out; likewise for the other languages with a known alphabet
   (:mod:`bialign.langid.letters`). This carries over to Cyrillic languages no model
   here was measured on.
3. **Model.** fastText's ``lid.176`` ranks the languages still allowed for that script.
4. **Lexicon.** For Russian, each lower-case word found (or not) in the Russian
   dictionary multiplies the odds of Russian by a fixed likelihood ratio: a
   Bulgarian or Serbian sentence without marked letters is still mostly words
   Russian does not have.
5. **Priors.** In a Russian-English tool, a Latin run without diacritics is
   English unless the model is sure otherwise, and a Cyrillic run is Russian
   unless letters, lexicon or model say otherwise; text without letters is ``und``.

Examples::

    >>> detect_language("Привет, как дела?").lang
    'ru'
    >>> [(s.lang, s.text) for s in language_spans("Он работает в Global Voices.")]
    [('ru', 'Он работает в '), ('en', 'Global Voices.')]
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..types import Detection, Span
from . import letters as L
from .model import MODEL_NAME, is_russian_word, label_probabilities

__all__ = ["detect_language", "language_spans", "dominant_language", "MODEL_NAME"]

#: Likelihood ratio that a word found in the Russian dictionary adds for Russian:
#: P(known | Russian) ~ 0.995 against ~ 0.7 for a related language, which shares most short words (a priori).
KNOWN_WORD_LR = 1.4
#: Share of lower-case Russian words missing from the dictionary, by length (2..14+ letters),
#: measured on newstest2012-2013.ru (~90,000 words; rare long words are the misses).
_RUSSIAN_MISS_RATE = (0.0005, 0.0005, 0.0005, 0.001, 0.0013, 0.002, 0.0032, 0.0033, 0.0039, 0.0057, 0.0107, 0.0144, 0.03)
#: Likelihood ratio that a lower-case word missing from it adds: twice the measured miss
#: rate against 0.5 for a related language (at least half its words are not Russian forms).
UNKNOWN_WORD_LR = tuple(2 * r / 0.5 for r in _RUSSIAN_MISS_RATE)
#: A language other than Russian must get at least this much of the model's probability
#: to be chosen when the lexicon speaks against Russian (jargon-heavy Russian must not
#: become Bashkir because Russian was ruled out).
PLAUSIBLE = 0.05
#: Prior odds, in a Russian-English tool, for English against any one other Latin-script
#: language when the text has no diacritics (names inside Russian text: "Capitol Hill",
#: "Meg Whitman" are English; fastText alone says it, hu); a whole French or German
#: sentence still comes out as such (the model gives it >0.99).
ENGLISH_PRIOR = 100.0
#: ... and for Russian against any one other Cyrillic language; kept lower because
#: Ukrainian, Belarusian, Bulgarian, ... must not be taken for Russian.
RUSSIAN_PRIOR = 10.0
#: Lexicon odds for Russian past which the model is not asked: twelve dictionary words and
#: none missing (each missing word cancels about fourteen found ones); with the prior,
#: odds of ~570:1 for Russian before the model is heard.
LEXICON_DECISIVE = KNOWN_WORD_LR ** 12
#: Weight left to a language when only one word (a name, a quoted word) carries letters it does not write.
SOFT_VETO = 0.2

_OPENERS = "([{«“„‘\"'‹"

_OTHER_SCRIPT_LANG = {
    "greek": "el", "hebrew": "he", "armenian": "hy", "georgian": "ka", "thai": "th",
    "hangul": "ko", "hiragana": "ja", "katakana": "ja", "cjk": "zh",
}


@dataclass
class _Run:
    script: str
    words: list  # of (start, end, word text normalised to the run's script)


# ---------------------------------------------------------------- step 1: script

def _words(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, word, script) of every word; look-alike words take their neighbours' script."""
    found = []
    for m in L.WORD.finditer(text):
        w = m.group()
        s = L.script_of(w)
        if s:
            found.append([m.start(), m.end(), w, s, L.is_lookalike(w)])
    firm = [i for i, f in enumerate(found) if not f[4]]
    j = 0
    for i, f in enumerate(found):
        if not f[4]:
            continue
        while j < len(firm) and firm[j] < i:
            j += 1
        left = found[firm[j - 1]][3] if j > 0 else None
        right = found[firm[j]][3] if j < len(firm) else None
        if left is not None and left == right:  # "Но Thorbjorn": one side is not enough
            f[3] = left
    out = []
    for start, end, w, s, _ in found:
        if s == "cyr":
            w = L.to_cyrillic(w)
        elif s == "lat":
            w = L.to_latin(w)
        out.append((start, end, w, s))
    return out


_NOT_LAT_CYR_LETTER = re.compile(r"[^\W\d_a-zA-Z\u0400-\u052F]")
_ASCII_LETTER = re.compile(r"[a-zA-Z]")
_CYR_LETTER = re.compile(r"[\u0400-\u052F]")


def _single_script(text: str) -> str:
    """``lat`` or ``cyr`` if every letter of ``text`` is ASCII Latin, or every one Cyrillic; else ``''``."""
    if text.isascii():
        return "lat" if _ASCII_LETTER.search(text) else ""
    if _NOT_LAT_CYR_LETTER.search(text) or _ASCII_LETTER.search(text):
        return ""
    return "cyr" if _CYR_LETTER.search(text) else ""


def _runs(words) -> list[_Run]:
    runs: list[_Run] = []
    for start, end, w, s in words:
        if runs and runs[-1].script == s:
            runs[-1].words.append((start, end, w))
        else:
            runs.append(_Run(s, [(start, end, w)]))
    return runs


# ------------------------------------------------------- steps 2-5: per script

def _normalise(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    if total <= 0:
        return {}
    return {k: v / total for k, v in scores.items()}


def _letter_vetoes(words: list[str]) -> dict[str, float]:
    """Multiplier for each language that some words' letters speak against (1 word: soft, more: hard)."""
    against: dict[str, int] = {}
    common_word_against_ru = False
    for w in words:
        langs = L.evidence_against(w)
        for lang in langs:
            against[lang] = against.get(lang, 0) + 1
        if "ru" in langs and w == w.lower():
            common_word_against_ru = True  # not a name: Serbian "је", Ukrainian "після"
    n = len(words)
    out = {}
    for lang, k in against.items():
        hard = k >= 2 or k * 10 >= n or n <= 3 or (lang == "ru" and common_word_against_ru)
        out[lang] = 0.0 if hard else SOFT_VETO
    return out


def _lexicon_lr(words: list[str]) -> float:
    """Likelihood ratio for Russian from the words found (or not) in the Russian dictionary.

    A capitalised word missing from the dictionary is most likely a name and says nothing.
    """
    log_lr = sum(map(_word_log_lr, words))
    return math.exp(max(-30.0, min(30.0, log_lr)))


@functools.lru_cache(maxsize=1 << 16)
def _word_log_lr(w: str) -> float:
    lw = w.lower()
    if len(w) < 2 or not set(lw) <= L.RUSSIAN:
        return 0.0
    if is_russian_word(lw):
        return math.log(KNOWN_WORD_LR)
    return math.log(UNKNOWN_WORD_LR[min(len(lw), 14) - 2]) if w == lw else 0.0


_ONLY_RUSSIAN_LETTERS = re.compile(r"[а-яё \-'’ʼ\u0301]*")


def _decide_cyrillic(words: list[str]) -> tuple[str, float]:
    low = " ".join(words).lower()
    lexicon = _lexicon_lr(words)
    if lexicon >= LEXICON_DECISIVE and _ONLY_RUSSIAN_LETTERS.fullmatch(low) and not L.russian_orthography_broken(low):
        # only Russian letters, spelt the Russian way, mostly dictionary words: no model needed
        odds = RUSSIAN_PRIOR * lexicon
        return "ru", odds / (odds + 1.0)
    vetoes = _letter_vetoes(words)
    if "ru" not in vetoes and lexicon >= LEXICON_DECISIVE:
        # mostly Russian dictionary words and no letter Russian lacks: no model needed
        odds = RUSSIAN_PRIOR * lexicon
        return "ru", odds / (odds + 1.0)
    probs = label_probabilities(" ".join(words))
    scores = {lang: probs.get(lang, 0.0) + 1e-6 for lang in L.CYRILLIC_LANGS}  # 1e-6: never exactly 0
    allowed = {lang: p * vetoes.get(lang, 1.0) for lang, p in scores.items()
               if lang == "ru" or p >= PLAUSIBLE}
    if not any(allowed.values()):  # every plausible alphabet ruled out: trust letters, then the model
        allowed = {lang: p * vetoes.get(lang, 1.0) for lang, p in scores.items()}
    if not any(allowed.values()):
        allowed = scores
    if allowed.get("ru"):
        allowed["ru"] *= RUSSIAN_PRIOR * lexicon
    post = _normalise(allowed)
    lang = max(sorted(post), key=post.get)
    return lang, post[lang]


#: Frequent English words that are not words of the other common Latin-script languages
#: (``of``, ``was``, ``will``, ``over``, ``also``, ``we`` are Dutch or German too).
ENGLISH_MARKERS = frozenset(
    "the and with that which this these those been have has had would should could their they there "
    "what when where who from about said after because just than being its you your our his him she "
    "are were other some such only more into".split()
)


def _decide_latin(words: list[str]) -> tuple[str, float]:
    markers = sum(1 for w in words if w.lower() in ENGLISH_MARKERS)
    if markers >= 3 and markers * 7 >= len(words) and all(map(str.isascii, words)):
        # plain English prose: the prior and these words settle it, no model needed
        return "en", 0.99
    probs = label_probabilities(" ".join(words))
    scores = {lang: p + 1e-6 for lang, p in probs.items() if lang not in L.CYRILLIC_LANGS and lang not in _NON_LATIN}
    scores.setdefault("en", 1e-6)
    if all(map(str.isascii, words)):
        scores["en"] *= ENGLISH_PRIOR
    post = _normalise(scores)
    lang = max(sorted(post), key=post.get)
    return lang, post[lang]


_NON_LATIN = frozenset(
    "am ar arz as azb bh bn bo bpy ckb dty dv el fa gom gu he hi hy ja ka km kn ko lo lrc mai ml mr my ne new "
    "or pa pnb ps sa sd si ta te th ug ur wuu xmf yi zh".split()
)


def _decide_other(script: str, words: list[str]) -> tuple[str, float]:
    probs = label_probabilities(" ".join(words))
    if script in _OTHER_SCRIPT_LANG and len(words) <= 2:
        return _OTHER_SCRIPT_LANG[script], 0.9
    if not probs:
        return "und", 0.0
    lang = max(sorted(probs), key=probs.get)
    return lang, probs[lang]


def _decide(script: str, words: list[str]) -> tuple[str, float]:
    if script == "cyr":
        return _decide_cyrillic(words)
    if script == "lat":
        return _decide_latin(words)
    return _decide_other(script, words)


# ------------------------------------------------------------------ public API

def language_spans(text: str) -> tuple[Span, ...]:
    """Split ``text`` into runs of one language.

    The spans cover ``text`` contiguously and in order; digits, punctuation and
    symbols belong to a neighbouring span (an opening bracket or quote to the
    span it opens). Text without letters is one ``und`` span.

    :param text: any text (a paragraph, a sentence, a fragment).
    :return: the spans, empty for empty text.
    """
    if not text:
        return ()
    single = _single_script(text)
    if single:
        words = L.WORD.findall(text)
        lang, conf = _decide(single, words)
        return (Span(0, len(text), lang, round(conf, 4), text),)
    runs = _runs(_words(text))
    if not runs:
        return (Span(0, len(text), "und", 0.0, text),)
    # one decision per script, from all the words of that script: a name in Latin
    # letters must not cut a Serbian sentence into two halves decided apart
    by_script: dict[str, list[str]] = {}
    for run in runs:
        by_script.setdefault(run.script, []).extend(w for _, _, w in run.words)
    verdict = {script: _decide(script, words) for script, words in by_script.items()}
    decided = [(run, *verdict[run.script]) for run in runs]
    # merge neighbours that came out in the same language
    merged: list[list] = []
    for run, lang, conf in decided:
        n = sum(e - s for s, e, _ in run.words)
        if merged and merged[-1][2] == lang:
            m = merged[-1]
            m[1] = run.words[-1][1]
            m[3] = (m[3] * m[4] + conf * n) / (m[4] + n)
            m[4] += n
        else:
            merged.append([run.words[0][0], run.words[-1][1], lang, conf, n])
    bounds = [0]
    for prev, nxt in zip(merged, merged[1:]):
        cut = nxt[0]
        while cut > prev[1] and text[cut - 1] in _OPENERS:
            cut -= 1
        bounds.append(cut)
    bounds.append(len(text))
    return tuple(
        Span(bounds[i], bounds[i + 1], m[2], round(m[3], 4), text[bounds[i]:bounds[i + 1]])
        for i, m in enumerate(merged)
    )


def _letters(s: str) -> int:
    return sum(map(len, L.WORD.findall(s)))


def dominant_language(spans: Sequence[Span]) -> Detection:
    """The language of most letters in ``spans`` (``und`` spans ignored).

    :param spans: spans as returned by :func:`language_spans`.
    :return: that language, with the letter-weighted mean confidence of its
        spans times its share of the letters; ``und`` (0.0) if no span has letters.
    """
    langs = {sp.lang for sp in spans} - {"und"}
    if len(langs) == 1:  # one language: all the letters are its own
        lang = langs.pop()
        n = [(_letters(sp.text), sp.confidence) for sp in spans if sp.lang == lang] if len(spans) > 1 else [(1, spans[0].confidence)]
        total = sum(k for k, _ in n)
        return Detection(lang, round(sum(k * c for k, c in n) / total, 4) if total else 0.0)
    weight: dict[str, float] = {}
    conf: dict[str, float] = {}
    for sp in spans:
        if sp.lang == "und":
            continue
        n = _letters(sp.text)
        weight[sp.lang] = weight.get(sp.lang, 0) + n
        conf[sp.lang] = conf.get(sp.lang, 0.0) + n * sp.confidence
    total = sum(weight.values())
    if not total:
        return Detection("und", 0.0)
    lang = max(sorted(weight), key=lambda k: (weight[k], conf[k]))  # a tie goes to the surer language
    return Detection(lang, round(conf[lang] / total, 4))


def detect_language(text: str) -> Detection:
    """The language of ``text``: the language of most of its letters (see :func:`dominant_language`).

    :param text: any text; one word is decided with the same care as a paragraph.
    :return: ISO 639-1 code (``ru``, ``en``, ``uk``, ``be``, ``bg``, ``sr``, ``mk``, ``kk``, ...)
        or ``und`` when the text has no letters, and a 0..1 confidence.
    """
    return dominant_language(language_spans(text))


paragraph_language = detect_language

