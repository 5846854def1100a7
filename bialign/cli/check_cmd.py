"""bialign check CORPUS: quality checks of an aligned corpus, one finding per problem, then a summary."""
from __future__ import annotations

import argparse
import os
import sys

from ..errors import InputError


def add_parser(sub) -> argparse.ArgumentParser:
    from ..quality.checks import MISALIGNED_THRESHOLD, RULES, SEVERITIES

    p = sub.add_parser(
        "check", help="find misaligned, untranslated, inconsistent ... pairs in an aligned corpus",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check every pair of CORPUS (.tmx, .tsv, .jsonl; Moses: two files, or a prefix with "
                    "--format moses) and print one finding per problem: pair (0-based), rule, severity, "
                    "reason; then a summary table (to stderr with --json).",
        epilog="rules: " + ", ".join(RULES) + "\n"
               "exit status: 0 no finding at or above --fail-on (or no --fail-on); 1 a finding at or above "
               "--fail-on exists; 2 bad input or usage.\n"
               "misaligned uses the aligner's similarity score (bead_score of the sides' cosine, see "
               f"bialign.align.score): a pair scoring below {MISALIGNED_THRESHOLD} does not look like a translation.")
    p.add_argument("corpus", nargs="+", metavar="CORPUS", help="the corpus (or Moses: SOURCE_FILE TARGET_FILE)")
    p.add_argument("--format", choices=("tmx", "tsv", "jsonl", "moses"), help="override the format the extension names")
    p.add_argument("--rules", metavar="LIST", help="comma-separated rules to run (default: all)")
    p.add_argument("--threshold", type=float, default=MISALIGNED_THRESHOLD, metavar="T",
                   help="alignment score below which a pair is misaligned (default %(default)s)")
    p.add_argument("--src-lang", metavar="LANG", help="language every source should be in (default: declared/majority)")
    p.add_argument("--tgt-lang", metavar="LANG", help="language every target should be in")
    p.add_argument("--fail-on", choices=SEVERITIES, metavar="SEVERITY",
                   help="exit 1 if a finding of this severity or worse exists (info, warning, error); for CI")
    p.add_argument("--json", action="store_true",
                   help='print JSON Lines {"pair", "rule", "severity", "message"}; summary to stderr')
    return p


def _read(args: argparse.Namespace):
    from ..formats import read_corpus

    paths = args.corpus
    if len(paths) > 2:
        raise InputError(paths[2], "expected one corpus file, or two Moses files")
    for path in paths:
        if len(paths) == 2 or args.format != "moses":
            if not os.path.isfile(path):
                raise InputError(path, "no such file")
    # Moses files say their languages only in their names: the pairs take the ones asked for
    langs = {k: v for k, v in (("srclang", args.src_lang), ("tgtlang", args.tgt_lang)) if v}
    if len(paths) == 2:
        return list(read_corpus(tuple(paths), format="moses", **langs))
    return list(read_corpus(paths[0], format=args.format, **(langs if args.format == "moses" else {})))


def run(args: argparse.Namespace) -> int:
    from ..quality.checks import check, severity_at_least, summarize
    from .output import print_jsonl

    pairs = _read(args)
    if not pairs:
        raise InputError(args.corpus[0], "no pairs in the corpus")
    rules = [r.strip() for r in args.rules.split(",") if r.strip()] if args.rules else None
    findings = check(pairs, rules=rules, threshold=args.threshold, src_lang=args.src_lang, tgt_lang=args.tgt_lang)
    if args.json:
        print_jsonl(f.as_dict() for f in findings)
    else:
        for f in findings:
            print(f"{f.pair}\t{f.severity}\t{f.rule}\t{f.message}")
    summary = summarize(findings, len(pairs))
    out = sys.stderr if args.json else sys.stdout
    if not args.json and findings:
        print(file=out)
    print(f"{'rule':<26} {'severity':<8} {'pairs':>6} {'share':>7}", file=out)
    for rule, sev, n, share in summary:
        print(f"{rule:<26} {sev:<8} {n:>6} {share:>7.1%}", file=out)
    flagged = len({f.pair for f in findings})
    print(f"{'total':<26} {'':<8} {flagged:>6} {flagged / len(pairs):>7.1%}  of {len(pairs)} pairs", file=out)
    if args.fail_on and any(severity_at_least(f.severity, args.fail_on) for f in findings):
        return 1
    return 0
