"""quality: how good a translation is against a reference, and what in an aligned corpus is wrong.

- :func:`score` (and :func:`compare` for two systems): sacrebleu's BLEU, chrF,
  chrF++ and TER with their signatures; see :mod:`bialign.quality.metrics`.
- :func:`check`: rule-based checks of an aligned corpus, one :class:`Finding`
  per problem; the ``misaligned`` rule is the aligner's similarity score
  (:func:`alignment_scores`); see :mod:`bialign.quality.checks`.

    >>> from bialign.quality import score
    >>> score(["Кошка спит на ковре."], ["Кошка спит на коврике."], metrics=["bleu"])[0].signature
    'nrefs:1|case:mixed|eff:no|tok:intl|smooth:exp|version:2.6.0'
"""
from __future__ import annotations

from .checks import (MISALIGNED_THRESHOLD, RULES, SEVERITIES, Finding, alignment_scores, check,
                     severity_at_least, summarize)
from .metrics import DEFAULT_METRICS, METRICS, Comparison, MetricScore, compare, sacrebleu_json, score

__all__ = ["score", "compare", "check", "alignment_scores", "summarize", "sacrebleu_json", "Finding",
           "MetricScore", "Comparison", "RULES", "SEVERITIES", "METRICS", "DEFAULT_METRICS",
           "MISALIGNED_THRESHOLD", "severity_at_least"]
