"""bialign convert IN OUT: convert a parallel corpus between formats picked by extension."""
from __future__ import annotations

import argparse

from .filter_options import add_filter_arguments, filter_config


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("convert", help="convert a corpus between TMX, TSV, Moses and JSONL",
                       description="Read IN and write its pairs to OUT; each format follows the extension.")
    p.add_argument("input", metavar="IN", help="corpus to read (.tmx, .tsv, .jsonl)")
    p.add_argument("output", metavar="OUT", help="corpus to write")
    p.add_argument("--from", dest="src_format", choices=("tmx", "tsv", "jsonl", "moses"), help="override IN's format")
    p.add_argument("--to", dest="dst_format", choices=("tmx", "tsv", "jsonl", "moses"), help="override OUT's format")
    p.add_argument("--src-lang", metavar="LANG", help="language of the source texts where IN does not name it "
                                                       "(TSV, Moses: PREFIX.LANG); for a TMX of several "
                                                       "languages, the one to read as the source (default ru)")
    p.add_argument("--tgt-lang", metavar="LANG", help="language of the target texts, as --src-lang "
                                                       "(default en; in a TMX, every other language)")
    add_filter_arguments(p)
    return p


def run(args: argparse.Namespace) -> int:
    from ..formats import convert
    filters = filter_config(args)
    counts = None

    def transform(pairs):
        nonlocal counts
        from ..corpus.filters import filter_pairs

        kept, counts = filter_pairs(pairs, filters)
        return kept

    langs = {k: v for k, v in (("srclang", args.src_lang), ("tgtlang", args.tgt_lang)) if v}
    n = convert(args.input, args.output, src_format=args.src_format, dst_format=args.dst_format,
                transform=transform if filters is not None else None, **langs)
    print(f"{n} pairs written to {args.output}" + (f" ({counts.summary()})" if counts is not None else ""))
    return 0
