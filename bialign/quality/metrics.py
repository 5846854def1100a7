"""Translation metrics against a reference: sacrebleu's BLEU, chrF, chrF++ and TER, never re-implemented.

Every number here is computed by sacrebleu's own metric objects, built with the
same arguments its command line builds, so a score and its signature are what
``sacrebleu REF -i HYP -m bleu chrf ter -f json`` prints for the same files
(:func:`sacrebleu_json` reproduces that output byte for byte).

**Russian targets.** sacrebleu's default BLEU tokeniser, ``13a``, splits off
ASCII punctuation only: ``«Газпром»``, ``„так“`` and ``—`` stay glued to the
neighbouring word, so a hypothesis that writes ``"Газпром"`` or drops the
guillemets loses the whole word match. ``intl`` splits on every Unicode
punctuation and symbol character, which is what Russian typography needs.
When the references are Cyrillic (or ``target_lang`` says ``ru``) and no
tokeniser is given, BLEU uses ``intl``; the signature then says ``tok:intl``
and ``sacrebleu ... --tokenize intl`` reproduces the score. Pass
``tokenize="13a"`` to compare with numbers published with sacrebleu's default.
chrF and TER have no word tokeniser to choose.

    >>> res = score(["The cat sat on the mat."], ["The cat sat on a mat."], metrics=["bleu", "chrf"])
    >>> [(r.name, round(r.score, 1)) for r in res]
    [('BLEU', 48.9), ('chrF2', 71.4)]
    >>> res[0].signature
    'nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0'
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Sequence

from ..errors import ConfigurationError

__all__ = ["MetricScore", "Comparison", "score", "compare", "sacrebleu_json", "METRICS",
           "DEFAULT_METRICS", "russian_tokenizer_for", "CYRILLIC_TOKENIZER"]

#: metric name on our command line -> (sacrebleu metric class name, constructor kwargs)
METRICS: dict[str, tuple[str, dict]] = {
    "bleu": ("BLEU", {}),
    "chrf": ("CHRF", {}),
    "chrf++": ("CHRF", {"word_order": 2}),
    "ter": ("TER", {}),
}
DEFAULT_METRICS = ("bleu", "chrf", "chrf++", "ter")
#: BLEU tokeniser for Cyrillic (Russian) targets; see the module docstring for the reason.
CYRILLIC_TOKENIZER = "intl"


@dataclass(frozen=True)
class MetricScore:
    """One corpus-level metric result.

    :param name: sacrebleu's name of the metric (``BLEU``, ``chrF2``, ``chrF2++``, ``TER``).
    :param score: the corpus score, unrounded.
    :param signature: sacrebleu's signature string (``nrefs:1|case:mixed|...``).
    :param verbose: sacrebleu's verbose line (BLEU's n-gram precisions and brevity penalty), or ``""``.
    :param confidence_mean: bootstrap mean when confidence intervals were requested, else ``None``.
    :param confidence_ci: half-width of the 95% bootstrap interval around the mean, else ``None``.
    :param sentences: sentence-level scores in input order when requested, else ``()``.
    :param sentence_signature: the signature of the sentence-level scores (BLEU uses ``eff:yes`` there).
    """

    name: str
    score: float
    signature: str
    verbose: str = ""
    confidence_mean: float | None = None
    confidence_ci: float | None = None
    sentences: tuple[float, ...] = ()
    sentence_signature: str = ""
    _sacrebleu: object = field(default=None, repr=False, compare=False)

    def to_sacrebleu_json(self, width: int = 1) -> str:
        """This score as sacrebleu's ``--format json`` prints it (one object, ``indent=1``)."""
        return self._sacrebleu.format(width, False, self.signature, True)  # type: ignore[attr-defined]


def is_cyrillic(texts: Sequence[str], sample: int = 200) -> bool:
    """Whether most letters of (the first ``sample``) texts are Cyrillic."""
    cyr = lat = 0
    for t in texts[:sample]:
        for ch in t:
            if "\u0400" <= ch <= "\u04ff":
                cyr += 1
            elif ch.isalpha():
                lat += 1
    return cyr > lat


def russian_tokenizer_for(refs: Sequence[str], target_lang: str | None = None) -> str | None:
    """The BLEU tokeniser to use for these references: ``intl`` for Russian/Cyrillic, else sacrebleu's default."""
    if target_lang is not None:
        return CYRILLIC_TOKENIZER if target_lang in ("ru", "uk", "be", "bg", "sr", "mk", "kk") else None
    return CYRILLIC_TOKENIZER if is_cyrillic(refs) else None


def _build(metric: str, refs: Sequence[str], tokenize: str | None, sentence_level: bool = False):
    from sacrebleu.metrics import BLEU, CHRF, TER

    if metric not in METRICS:
        raise ConfigurationError(f"unknown metric {metric!r}; known: {', '.join(METRICS)}")
    cls_name, kwargs = METRICS[metric]
    kwargs = dict(kwargs)
    if cls_name == "BLEU":
        if tokenize is not None:
            kwargs["tokenize"] = tokenize
        if sentence_level:
            kwargs["effective_order"] = True  # as sacrebleu --sentence-level does
    cls = {"BLEU": BLEU, "CHRF": CHRF, "TER": TER}[cls_name]
    return cls(references=[list(refs)], **kwargs)


def _check_lengths(hyps: Sequence[str], refs: Sequence[str]) -> None:
    if len(hyps) != len(refs):
        raise ConfigurationError(f"{len(hyps)} hypotheses but {len(refs)} references")
    if not hyps:
        raise ConfigurationError("no sentences to score")


def _order(metrics: Sequence[str]) -> list[str]:
    """sacrebleu prints metrics sorted by class name (BLEU, CHRF, TER); chrF++ goes right after chrF."""
    keys = {"bleu": 0, "chrf": 1, "chrf++": 2, "ter": 3}
    seen = []
    for m in metrics:
        m = m.strip().lower()
        if m not in METRICS:
            raise ConfigurationError(f"unknown metric {m!r}; known: {', '.join(METRICS)}")
        if m not in seen:
            seen.append(m)
    return sorted(seen, key=keys.__getitem__)


def score(hyps: Sequence[str], refs: Sequence[str], metrics: Sequence[str] = DEFAULT_METRICS, *,
          tokenize: str | None = None, target_lang: str | None = None, sentence_level: bool = False,
          confidence: bool = False, confidence_n: int = 1000) -> list[MetricScore]:
    """Corpus scores of ``hyps`` against one reference each, computed by sacrebleu.

    :param hyps: the translation, one segment per item.
    :param refs: the reference, aligned with ``hyps``.
    :param metrics: any of ``bleu``, ``chrf``, ``chrf++``, ``ter``; results come in sacrebleu's order.
    :param tokenize: BLEU's tokeniser (``13a``, ``intl``, ...); by default ``intl`` for Cyrillic
        references (or ``target_lang="ru"``) and sacrebleu's default otherwise.
    :param target_lang: the references' language, if known (else guessed from their script).
    :param sentence_level: also compute each segment's score (BLEU with effective order, as sacrebleu ``-sl``).
    :param confidence: bootstrap 95% confidence intervals (sacrebleu ``--confidence``; seed from
        ``SACREBLEU_SEED``, default 12345, recorded in the signature).
    :param confidence_n: number of bootstrap resamples.
    :raises ConfigurationError: unknown metric, different numbers of hypotheses and references.
    """
    hyps, refs = [h.rstrip() for h in hyps], [r.rstrip() for r in refs]
    _check_lengths(hyps, refs)
    if tokenize is None:
        tokenize = russian_tokenizer_for(refs, target_lang)
    out = []
    for m in _order(metrics):
        metric = _build(m, refs, tokenize)
        res = metric.corpus_score(hyps, None, n_bootstrap=confidence_n if confidence else 1)
        sig = metric.get_signature().format()
        sents: tuple[float, ...] = ()
        sent_sig = ""
        if sentence_level:
            sm = _build(m, refs, tokenize, sentence_level=True)
            sents = tuple(float(sm.sentence_score(h, [r]).score) for h, r in zip(hyps, refs))
            sent_sig = sm.get_signature().format()
        has_ci = confidence and getattr(res, "_mean", -1) > 0
        out.append(MetricScore(
            name=res.name, score=float(res.score), signature=sig, verbose=getattr(res, "_verbose", "") or "",
            confidence_mean=float(res._mean) if has_ci else None, confidence_ci=float(res._ci) if has_ci else None,
            sentences=sents, sentence_signature=sent_sig, _sacrebleu=res))
    return out


def sacrebleu_json(results: Sequence[MetricScore], width: int = 1) -> str:
    """Exactly what ``sacrebleu -f json`` prints for these results: one object, or a list of them."""
    parts = [r.to_sacrebleu_json(width) for r in results]
    return parts[0] if len(parts) == 1 else "[\n" + ",\n".join(parts) + "\n]"


@dataclass(frozen=True)
class Comparison:
    """A paired significance test of a system against a baseline on one metric.

    :param name: the metric's name (``BLEU``, ...).
    :param baseline: the baseline's score; ``baseline_mean``/``baseline_ci`` its bootstrap estimate.
    :param system: the compared system's score; ``system_mean``/``system_ci`` likewise.
    :param p_value: probability of a difference at least this large if the systems were equal.
    :param signature: the metric's signature with the test's parameters (``bs:1000|seed:12345|...``).
    """

    name: str
    baseline: float
    baseline_mean: float | None
    baseline_ci: float | None
    system: float
    system_mean: float | None
    system_ci: float | None
    p_value: float
    signature: str

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def compare(baseline: Sequence[str], system: Sequence[str], refs: Sequence[str],
            metrics: Sequence[str] = DEFAULT_METRICS, *, test: str = "bs", n_samples: int = 0,
            tokenize: str | None = None, target_lang: str | None = None) -> list[Comparison]:
    """Paired comparison of two systems on the same references: sacrebleu's ``--paired-bs`` or ``--paired-ar``.

    :param baseline: the baseline's segments.
    :param system: the other system's segments.
    :param refs: the reference.
    :param test: ``bs`` (paired bootstrap resampling, 1000 samples by default) or ``ar``
        (approximate randomisation, 10000 trials by default).
    :param n_samples: resamples or trials; 0 for sacrebleu's default.
    """
    from sacrebleu.significance import PairedTest

    baseline, system = [h.rstrip() for h in baseline], [h.rstrip() for h in system]
    refs = [r.rstrip() for r in refs]
    _check_lengths(baseline, refs)
    _check_lengths(system, refs)
    if test not in ("bs", "ar"):
        raise ConfigurationError(f"unknown paired test {test!r}; known: bs, ar")
    if tokenize is None:
        tokenize = russian_tokenizer_for(refs, target_lang)
    built = {m: _build(m, refs, tokenize) for m in _order(metrics)}
    # PairedTest keys metrics by name; chrF and chrF++ share a class, so run them separately
    out = []
    for m, metric in built.items():
        pt = PairedTest([("baseline", baseline), ("system", system)], {m: metric}, None,
                        test_type=test, n_samples=n_samples)
        sigs, scores = pt()
        name = next(k for k in scores if k != "System")
        b, s = scores[name]
        out.append(Comparison(
            name=name, baseline=float(b.score), baseline_mean=_f(b.mean), baseline_ci=_f(b.ci),
            system=float(s.score), system_mean=_f(s.mean), system_ci=_f(s.ci),
            p_value=float(s.p_value), signature=sigs[name].format()))
    return out


def _f(x) -> float | None:
    return None if x is None else float(x)


def seed() -> str:
    """The bootstrap seed sacrebleu will use (``SACREBLEU_SEED``, default 12345)."""
    return os.environ.get("SACREBLEU_SEED", "12345")


def sentence_json(results: Sequence[MetricScore]) -> list[str]:
    """JSON Lines of sentence-level scores: ``{"sentence": i, "<metric name>": score, ...}``."""
    n = len(results[0].sentences) if results else 0
    return [json.dumps({"sentence": i} | {r.name: round(r.sentences[i], 4) for r in results}, ensure_ascii=False)
            for i in range(n)]
