"""Checks of an aligned corpus: one :class:`Finding` per problem found in a pair.

The rules, in the order they run (each a named function in :data:`RULES`):

========================  ========  ===================================================
rule                      severity  fires when
========================  ========  ===================================================
``empty``                 error     a side is empty or only whitespace
``untranslated``          error     the target is the source copied (same letters)
``misaligned``            error     the pair's similarity score (bead_score) is below 0.5
``wrong_language``        warning   a side is not in the language of its column
``numbers``               warning   the numbers on the two sides differ
``unbalanced``            warning   brackets or quotes open/close on one side only
``length_ratio``          info      the length ratio is far from the corpus norm
``inconsistent_translation``  warning  the same source has different targets elsewhere
``same_target``           info      the same target has different sources elsewhere
========================  ========  ===================================================

**One similarity.** ``misaligned`` judges a pair on its own with the aligner's
similarity scale: the cosine of the two sides' vectors from
:func:`bialign.encode.get_encoder`, mapped through
:func:`bialign.align.score.bead_score`, which is 0.5 just under the aligner's floor
(inside a full alignment a bead's score is its posterior, which also weighs its
boundaries).
:func:`alignment_scores` exposes that number per pair.

    >>> pairs = [("Цена выросла на 5%.", "The price rose by 7%."), ("Да (конечно.", "Yes (of course).")]
    >>> [(f.pair, f.rule) for f in check(pairs, rules=["numbers", "unbalanced"])]
    [(0, 'numbers'), (1, 'unbalanced')]
"""
from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np

from ..errors import ConfigurationError
from ..types import Corpus, TranslationPair

__all__ = ["Finding", "check", "alignment_scores", "summarize", "RULES", "SEVERITIES",
           "MISALIGNED_THRESHOLD", "severity_at_least"]

#: Severities, least to most severe.
SEVERITIES = ("info", "warning", "error")
#: A pair whose similarity score (bead_score) is below this is ``misaligned``.
MISALIGNED_THRESHOLD = 0.5
#: ``length_ratio`` fires past this many robust standard deviations of log(target/source length) ...
LENGTH_SIGMAS = 4.0
#: ... for pairs where the longer side has at least this many characters.
LENGTH_MIN_CHARS = 20
#: Corpora smaller than this use the prior norm below instead of their own.
LENGTH_MIN_PAIRS = 50
#: log(len(en)/len(ru)) on newstest2012 (3,003 pairs): median and 1.4826 x MAD.
LENGTH_PRIOR_RU_EN = (-0.009, 0.126)
#: ``wrong_language`` looks only at sides with at least this many letters (names and numbers are ambiguous).
LANG_MIN_LETTERS = 12
#: ... and only when the identifier is at least this sure (on newstest, Russian misread as Avar or Chechen
#: came with confidence < 0.5; a French copy with 0.99)
LANG_MIN_CONFIDENCE = 0.8
#: ``untranslated``: character similarity (difflib ratio) of source and target at or above which it fires.
COPY_RATIO = 0.9


@dataclass(frozen=True)
class Finding:
    """One problem in one pair.

    :param pair: 0-based index of the pair in the corpus.
    :param rule: the rule's name (``misaligned``, ``numbers``, ...).
    :param severity: ``info``, ``warning`` or ``error``.
    :param message: a short reason, in English.
    :param score: the rule's measurement when it has one (the similarity score for ``misaligned``).
    """

    pair: int
    rule: str
    severity: str
    message: str
    score: float | None = None

    def as_dict(self) -> dict:
        d = {"pair": self.pair, "rule": self.rule, "severity": self.severity, "message": self.message}
        if self.score is not None:
            d["score"] = round(self.score, 4)
        return d


def severity_at_least(severity: str, floor: str) -> bool:
    """Whether ``severity`` is ``floor`` or more severe."""
    return SEVERITIES.index(severity) >= SEVERITIES.index(floor)


class _Context:
    """What the rules share: the pairs, the expected languages and lazily computed per-corpus data."""

    def __init__(self, pairs: list[TranslationPair], encoder, threshold: float,
                 src_lang: str | None, tgt_lang: str | None) -> None:
        self.pairs = pairs
        self.encoder = encoder
        self.threshold = threshold
        self.src_lang = src_lang
        self.tgt_lang = tgt_lang
        self.flagged: dict[int, set[str]] = defaultdict(set)
        self._langs: tuple[list[str], list[str]] | None = None

    def nonempty(self, i: int) -> bool:
        p = self.pairs[i]
        return bool(p.src.strip()) and bool(p.tgt.strip())

    def languages(self) -> tuple[list[str], list[str]]:
        if self._langs is None:
            from ..langid import detect_language

            def lang(text: str) -> str:
                if _letters(text) < LANG_MIN_LETTERS:
                    return "und"
                d = detect_language(text)
                return d.lang if d.confidence >= LANG_MIN_CONFIDENCE else "und"

            self._langs = ([lang(p.src) for p in self.pairs], [lang(p.tgt) for p in self.pairs])
        return self._langs

    def expected(self, side: str) -> list[str]:
        """The language each pair's side should be in: declared, unless the corpus says otherwise."""
        given = self.src_lang if side == "src" else self.tgt_lang
        declared = [getattr(p, f"{side}_lang") for p in self.pairs]
        if given:
            return [given] * len(self.pairs)
        detected = [d for d in self.languages()[0 if side == "src" else 1] if d != "und"]
        if len(detected) >= 3:
            top, n = Counter(detected).most_common(1)[0]
            # a TSV read as the default ru->en may well be en->ru: trust a clear majority over the default
            if n >= 0.5 * len(detected) and top not in set(declared):
                return [top] * len(self.pairs)
        return declared


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


# ---------------------------------------------------------------------------------------------- similarity

def alignment_scores(src: Sequence[str], tgt: Sequence[str], encoder=None) -> np.ndarray:
    """The aligner's similarity score (bead_score of the cosine) of each pair (``src[i]``, ``tgt[i]``): 0..1, below 0.5 = not a translation.

    Encodes all sources and all targets in two batched calls.

    :param encoder: an encoder or registry name; the default encoder if ``None``.
    """
    from ..align.score import bead_score
    from ..encode import get_encoder

    enc = get_encoder(encoder)
    if not len(src):
        return np.zeros(0)
    a = enc.encode(list(src))
    b = enc.encode(list(tgt))
    cos = np.einsum("ij,ij->i", a, b)
    return np.array([bead_score(float(c)) for c in cos])


# --------------------------------------------------------------------------------------------------- rules

def rule_empty(ctx: _Context) -> Iterable[Finding]:
    for i, p in enumerate(ctx.pairs):
        sides = [name for name, t in (("source", p.src), ("target", p.tgt)) if not t.strip()]
        if sides:
            yield Finding(i, "empty", "error", f"{' and '.join(sides)} empty")


def rule_untranslated(ctx: _Context) -> Iterable[Finding]:
    for i, p in enumerate(ctx.pairs):
        if not ctx.nonempty(i) or not _letters(p.src):
            continue
        s, t = _norm(p.src).casefold(), _norm(p.tgt).casefold()
        if s == t:
            yield Finding(i, "untranslated", "error", "target is identical to source")
        elif difflib.SequenceMatcher(None, s, t, autojunk=False).ratio() >= COPY_RATIO:
            yield Finding(i, "untranslated", "error", "target is a near copy of the source")


def rule_misaligned(ctx: _Context) -> Iterable[Finding]:
    idx = [i for i in range(len(ctx.pairs)) if ctx.nonempty(i) and "untranslated" not in ctx.flagged[i]]
    scores = alignment_scores([ctx.pairs[i].src for i in idx], [ctx.pairs[i].tgt for i in idx], ctx.encoder)
    for i, s in zip(idx, scores):
        if s < ctx.threshold:
            yield Finding(i, "misaligned", "error",
                          f"sides do not look like translations (alignment score {s:.2f} < {ctx.threshold:.2f})",
                          score=float(s))


def rule_wrong_language(ctx: _Context) -> Iterable[Finding]:
    src_det, tgt_det = ctx.languages()
    src_exp, tgt_exp = ctx.expected("src"), ctx.expected("tgt")
    for i in range(len(ctx.pairs)):
        if not ctx.nonempty(i):
            continue
        bad = []
        if src_det[i] not in ("und", src_exp[i]):
            bad.append(f"source is {src_det[i]}, expected {src_exp[i]}")
        if tgt_det[i] not in ("und", tgt_exp[i]) and "untranslated" not in ctx.flagged[i]:
            bad.append(f"target is {tgt_det[i]}, expected {tgt_exp[i]}")
        if bad:
            yield Finding(i, "wrong_language", "warning", "; ".join(bad))


# a number: digits, optionally grouped by thousands (1,000 / 1 000 / 1.000), optionally with a decimal part
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d+)?(?![\d])|(?<![\d])\d+(?:[.,]\d+)?(?![\d])")


def _values(token: str) -> set[float]:
    """The values a number may denote: ``1,000`` is 1000 in English and 1.0 in Russian."""
    t = token.replace("\u00a0", " ").replace("\u202f", " ")
    out = set()
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", t):  # thousands grouped by space, comma or point
        out.add(float(re.sub(r"[ ,.]", "", t)))
    m = re.fullmatch(r"(.*\d)[.,](\d+)", t)  # a decimal part after the last comma or point
    if m:
        head = re.sub(r"[ ,.]", "", m.group(1))
        if head.isdigit():
            out.add(float(f"{head}.{m.group(2)}"))
    if t.isdigit():
        out.add(float(t))
    return out


# a clock time: 13:00, 7:55, 7.55am, 3 p.m., 4am (values: minutes past noon or midnight, negated, and the hour)
_TIME = re.compile(r"(?<![\d.,:])(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\b\.?|(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])",
                   re.I)


def _time_values(m: re.Match) -> set[float]:
    h = int(m.group(1) or m.group(4))
    mins = int(m.group(2) or m.group(5) or 0)
    vals = {-1.0 - (h % 12) * 60 - mins}
    if mins == 0 or m.group(3):
        vals.add(float(h))
    return vals


def numbers(text: str) -> list[tuple[str, set[float]]]:
    """The numbers in a text: each as written and as the set of values it may denote.

    A clock time is one number (``13:00`` equals ``1 p.m.``).
    """
    out = []
    for m in _TIME.finditer(text):
        out.append((m.group().strip(), _time_values(m)))
    rest = _TIME.sub(lambda m: " " * len(m.group()), text)
    out.extend((m.group(), _values(m.group())) for m in _NUMBER.finditer(rest))
    return out


def _match(a: list[tuple[str, set[float]]], b: list[tuple[str, set[float]]]):
    """Pair numbers of equal value greedily; return what is left on each side."""
    rest = list(b)
    left = []
    for token, vals in a:
        for j, (_, other) in enumerate(rest):
            if vals & other:
                del rest[j]
                break
        else:
            left.append((token, vals))
    return left, rest


def _parts(nums: list[tuple[str, set[float]]]) -> list[tuple[str, set[float]]]:
    """Clock times split into hour and minutes (``1:00`` against Russian ``1-00``, read as two numbers)."""
    out = []
    for token, vals in nums:
        m = re.fullmatch(r"(\d{1,2})[:.](\d{2}).*", token)
        if m and any(v < 0 for v in vals):
            out += [(m.group(1), {float(m.group(1))}), (m.group(2), {float(m.group(2))})]
        else:
            out.append((token, vals))
    return out


def _differences(a: list[tuple[str, set[float]]], b: list[tuple[str, set[float]]]) -> tuple[list[str], list[str]]:
    only_a, only_b = _match(a, b)
    if only_a or only_b:  # a time may be written as two numbers on the other side: keep the better reading
        split_a, split_b = _match(_parts(a), _parts(b))
        if len(split_a) + len(split_b) < len(only_a) + len(only_b):
            only_a, only_b = split_a, split_b
    return [t for t, _ in only_a], [t for t, _ in only_b]


def rule_numbers(ctx: _Context) -> Iterable[Finding]:
    for i, p in enumerate(ctx.pairs):
        if not ctx.nonempty(i) or ctx.flagged[i] & {"untranslated", "misaligned"}:
            continue
        a, b = numbers(p.src), numbers(p.tgt)
        only_src, only_tgt = _differences(a, b)
        if only_src or only_tgt:
            parts = []
            if only_src:
                parts.append("only in source: " + ", ".join(only_src))
            if only_tgt:
                parts.append("only in target: " + ", ".join(only_tgt))
            yield Finding(i, "numbers", "warning", "; ".join(parts))


_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"))
_QUOTES = "\"„“”"
# single quotation marks, told from apostrophes by position: one opens a word after a space (or is ‘),
# one closes a word before a space or punctuation; a closing one after a letter may be a plural
# possessive (students' books), so only one after punctuation counts as surely closing
_SINGLE_OPEN = re.compile(r"‘|(?:(?<=^)|(?<=[\s(\[«\"“—–-]))['’](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?;:…])['’](?=\s|$|[)\].,;:!?»\"”—–-])")
_SINGLE_CLOSE_SURE = re.compile(r"(?<=[.,!?;:…])['’](?=\s|$|[)\]»\"”—–-])")


def imbalance(text: str) -> list[str]:
    """What does not close in a text: unmatched brackets or guillemets, an odd number of double or single quotes."""
    problems = []
    for o, c in _BRACKETS:
        depth = 0
        for ch in text:
            if ch == o:
                depth += 1
            elif ch == c:
                depth -= 1
                if depth < 0:
                    break
        if depth > 0:
            problems.append(f"unclosed {o!r}")
        elif depth < 0:
            problems.append(f"unopened {c!r}")
    if sum(text.count(q) for q in _QUOTES) % 2:
        problems.append("odd number of double quotes")
    opens = len(_SINGLE_OPEN.findall(text))
    if opens > len(_SINGLE_CLOSE.findall(text)):
        problems.append("unclosed single quote")
    elif len(_SINGLE_CLOSE_SURE.findall(text)) > opens:
        problems.append("unopened single quote")
    return problems


def rule_unbalanced(ctx: _Context) -> Iterable[Finding]:
    for i, p in enumerate(ctx.pairs):
        if not ctx.nonempty(i):
            continue
        s, t = imbalance(p.src), imbalance(p.tgt)
        # a quotation split across sentences leaves both sides open: only one side is a problem
        if bool(s) != bool(t):
            side, probs = ("source", s) if s else ("target", t)
            yield Finding(i, "unbalanced", "warning", f"{side}: {', '.join(probs)}")


def rule_length_ratio(ctx: _Context) -> Iterable[Finding]:
    idx = [i for i in range(len(ctx.pairs)) if ctx.nonempty(i)]
    logs = {i: math.log(len(ctx.pairs[i].tgt.strip()) / len(ctx.pairs[i].src.strip())) for i in idx}
    if len(idx) >= LENGTH_MIN_PAIRS:
        vals = np.array(list(logs.values()))
        centre = float(np.median(vals))
        spread = max(float(np.median(np.abs(vals - centre))) * 1.4826, 0.05)
    else:
        centre, spread = LENGTH_PRIOR_RU_EN
        src_lang = ctx.src_lang or (ctx.pairs[0].src_lang if ctx.pairs else "ru")
        if src_lang == "en":
            centre = -centre
    for i in idx:
        p = ctx.pairs[i]
        if max(len(p.src.strip()), len(p.tgt.strip())) < LENGTH_MIN_CHARS or ctx.flagged[i] & {"untranslated",
                                                                                              "misaligned"}:
            continue
        z = (logs[i] - centre) / spread
        if abs(z) > LENGTH_SIGMAS:
            ratio = math.exp(logs[i])
            yield Finding(i, "length_ratio", "info",
                          f"target/source length {ratio:.2f}, corpus norm {math.exp(centre):.2f}", score=ratio)


def _groups(keys: list[str], values: list[str]) -> dict[str, list[int]]:
    by: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if k and values[i]:
            by[k].append(i)
    return {k: v for k, v in by.items() if len({values[i] for i in v}) > 1}


def _others(i: int, members: list[int], values: list[str]) -> str:
    other = [j for j in members if values[j] != values[i]]
    shown = ", ".join(str(j) for j in other[:5]) + (", ..." if len(other) > 5 else "")
    return shown


def rule_inconsistent_translation(ctx: _Context) -> Iterable[Finding]:
    src = [_norm(p.src) for p in ctx.pairs]
    tgt = [_norm(p.tgt) for p in ctx.pairs]
    for members in _groups(src, tgt).values():
        for i in members:
            yield Finding(i, "inconsistent_translation", "warning",
                          f"same source translated differently in pair(s) {_others(i, members, tgt)}")


def rule_same_target(ctx: _Context) -> Iterable[Finding]:
    src = [_norm(p.src) for p in ctx.pairs]
    tgt = [_norm(p.tgt) for p in ctx.pairs]
    for members in _groups(tgt, src).values():
        for i in members:
            yield Finding(i, "same_target", "info",
                          f"same target given for a different source in pair(s) {_others(i, members, src)}")


#: rule name -> function, in the order they run (later rules skip pairs earlier ones explained).
RULES: dict[str, Callable[[_Context], Iterable[Finding]]] = {
    "empty": rule_empty,
    "untranslated": rule_untranslated,
    "misaligned": rule_misaligned,
    "wrong_language": rule_wrong_language,
    "numbers": rule_numbers,
    "unbalanced": rule_unbalanced,
    "length_ratio": rule_length_ratio,
    "inconsistent_translation": rule_inconsistent_translation,
    "same_target": rule_same_target,
}


def _as_pairs(corpus) -> list[TranslationPair]:
    items = corpus.pairs if isinstance(corpus, Corpus) else corpus
    out = []
    for item in items:
        if isinstance(item, TranslationPair):
            out.append(item)
        else:
            src, tgt = item
            out.append(TranslationPair(src=src, tgt=tgt))
    return out


def check(corpus, *, rules: Sequence[str] | None = None, encoder=None, threshold: float = MISALIGNED_THRESHOLD,
          src_lang: str | None = None, tgt_lang: str | None = None) -> list[Finding]:
    """Check an aligned corpus; return the findings ordered by pair, then by rule order.

    :param corpus: a :class:`~bialign.types.Corpus`, or an iterable of
        :class:`~bialign.types.TranslationPair` or of ``(source, target)`` tuples.
    :param rules: names of the rules to run (all of :data:`RULES` by default).
    :param encoder: encoder or registry name for ``misaligned`` (default encoder if ``None``).
    :param threshold: bead score below which a pair is ``misaligned``.
    :param src_lang: language every source should be in; by default each pair's declared
        language, or the corpus majority when that clearly contradicts a default.
    :param tgt_lang: likewise for targets.
    :raises ConfigurationError: unknown rule name.
    """
    names = list(RULES) if rules is None else list(rules)
    unknown = [r for r in names if r not in RULES]
    if unknown:
        raise ConfigurationError(f"unknown check {unknown[0]!r}; known: {', '.join(RULES)}")
    ctx = _Context(_as_pairs(corpus), encoder, threshold, src_lang, tgt_lang)
    findings: list[Finding] = []
    for name in RULES:
        if name not in names:
            continue
        for f in RULES[name](ctx):
            ctx.flagged[f.pair].add(f.rule)
            findings.append(f)
    order = {n: k for k, n in enumerate(RULES)}
    return sorted(findings, key=lambda f: (f.pair, order[f.rule]))


def summarize(findings: Sequence[Finding], n_pairs: int) -> list[tuple[str, str, int, float]]:
    """Per rule that fired: (rule, severity, pairs flagged, share of all pairs), in rule order."""
    pairs: dict[str, set[int]] = defaultdict(set)
    sev: dict[str, str] = {}
    for f in findings:
        pairs[f.rule].add(f.pair)
        sev[f.rule] = f.severity
    return [(r, sev[r], len(pairs[r]), len(pairs[r]) / n_pairs if n_pairs else 0.0) for r in RULES if r in pairs]
