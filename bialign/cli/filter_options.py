"""Corpus filter options shared by ``bialign corpus`` and ``bialign convert``."""
from __future__ import annotations

import argparse

from ..corpus.filters import FilterConfig


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (each off unless given; dropped pairs are counted in the summary)")
    g.add_argument("--filter-all", action="store_true", help="every filter below with its default threshold")
    g.add_argument("--drop-empty", action="store_true", help="drop pairs with an empty side")
    g.add_argument("--drop-untranslated", action="store_true", help="drop pairs whose sides are the same text")
    g.add_argument("--max-length-ratio", type=float, metavar="R", help="drop pairs whose longer side is over R times the shorter")
    g.add_argument("--min-score", type=float, metavar="S", help="drop pairs whose alignment score is below S")
    g.add_argument("--dedup", action="store_true", help="drop repeated pairs")
    g.add_argument("--near-dedup", action="store_true", help="drop pairs repeated up to case, accents, digits, punctuation")
    g.add_argument("--drop-wrong-language", action="store_true", help="drop pairs with a side in another language")


def filter_config(args: argparse.Namespace) -> FilterConfig | None:
    """The :class:`FilterConfig` the options ask for, or ``None`` when no filter is on."""
    options = {
        "empty": args.drop_empty, "untranslated": args.drop_untranslated, "duplicates": args.dedup,
        "near_duplicates": args.near_dedup, "wrong_language": args.drop_wrong_language,
    }
    options = {k: v for k, v in options.items() if v}
    if args.max_length_ratio is not None:
        options["max_length_ratio"] = args.max_length_ratio
    if args.min_score is not None:
        options["min_score"] = args.min_score
    if args.filter_all:
        return FilterConfig.all(**options)
    return FilterConfig.from_dict(options) if options else None
