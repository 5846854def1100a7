"""bialign convert IN OUT: convert a parallel corpus between formats picked by extension."""
from __future__ import annotations

import argparse



def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("convert", help="convert a corpus between TMX, TSV, Moses and JSONL",
                       description="Read IN and write its pairs to OUT; each format follows the extension.")
    p.add_argument("input", metavar="IN", help="corpus to read (.tmx, .tsv, .jsonl)")
    p.add_argument("output", metavar="OUT", help="corpus to write")
    p.add_argument("--from", dest="src_format", choices=("tmx", "tsv", "jsonl", "moses"), help="override IN's format")
    p.add_argument("--to", dest="dst_format", choices=("tmx", "tsv", "jsonl", "moses"), help="override OUT's format")
    return p


def run(args: argparse.Namespace) -> int:
    from ..formats import convert
    n = convert(args.input, args.output, src_format=args.src_format, dst_format=args.dst_format)
    print(f"{n} pairs written to {args.output}")
    return 0
