"""bialign: find Russian and English passages that translate each other, align them, write corpora.

    >>> import bialign
    >>> bialign.detect_language("Привет, как дела?").lang
    'ru'
    >>> [(b.src, b.tgt) for b in bialign.align_sentences(["Кошка спит."], ["The cat sleeps."])]
    [((0,), (0,))]

The stages, each a subpackage: ``loader`` -> ``langid`` -> ``segment`` ->
``passages`` -> ``align`` (with ``encode``) -> ``corpus`` -> ``formats``, and
``quality`` for metrics and checks.
"""
from __future__ import annotations

import importlib
from typing import Any

try:
    from importlib.metadata import version as _version

    __version__ = _version("bialign")
except Exception:  # running from a source tree without an installed distribution
    __version__ = "0.1.0"

from .errors import BialignError, ConfigurationError, InputError
from .types import (Bead, Corpus, CorpusStats, Detection, Document, Paragraph, Passage, PassagePair,
                    Sentence, Span, TranslationPair)

# public name -> module that defines it; imported on first use so that `import bialign` stays fast
_LAZY = {
    "load": "bialign.loader",
    "load_text": "bialign.loader",
    "detect_language": "bialign.langid",
    "language_spans": "bialign.langid",
    "split_sentences": "bialign.segment",
    "get_encoder": "bialign.encode",
    "align_sentences": "bialign.align",
    "AlignConfig": "bialign.align",
    "find_parallel_passages": "bialign.passages",
    "build_corpus": "bialign.corpus",
    "align_documents": "bialign.corpus",
    "read_tmx": "bialign.formats",
    "write_tmx": "bialign.formats",
    "read_tsv": "bialign.formats",
    "write_tsv": "bialign.formats",
    "read_corpus": "bialign.formats",
    "write_corpus": "bialign.formats",
    "convert": "bialign.formats",
    "quality": None,
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'bialign' has no attribute {name!r}")
    module = _LAZY[name]
    if module is None:
        return importlib.import_module(f"bialign.{name}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = sorted(set(_LAZY) | {
    "BialignError", "ConfigurationError", "InputError", "Bead", "Corpus", "CorpusStats",
    "Detection", "Document", "Paragraph", "Passage", "PassagePair", "Sentence", "Span", "TranslationPair",
    "__version__",
})
