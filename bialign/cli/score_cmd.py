"""bialign score --hyp H --ref R: BLEU, chrF, chrF++ and TER from sacrebleu, with their signatures."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..errors import InputError


def add_parser(sub) -> argparse.ArgumentParser:
    from ..quality.metrics import DEFAULT_METRICS, METRICS

    p = sub.add_parser(
        "score", help="BLEU, chrF, chrF++, TER of a translation against a reference (sacrebleu)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Score H (one segment a line) against R (the reference, line-aligned) with sacrebleu. "
                    "Scores and signatures are sacrebleu's; --json prints exactly what "
                    "`sacrebleu R -i H -m ... -f json` prints.",
        epilog="BLEU tokenisation: for Cyrillic (Russian) references bialign uses sacrebleu's `intl` "
               "tokeniser, which splits off « » „ “ — like any other punctuation; `13a` leaves them glued "
               "to words. The signature says which (tok:intl); reproduce with `sacrebleu --tokenize intl`, "
               "or pass --tokenize 13a for numbers comparable with sacrebleu's default.")
    p.add_argument("--hyp", required=True, metavar="H", help="the translation to score")
    p.add_argument("--ref", required=True, metavar="R", help="the reference translation")
    p.add_argument("--metrics", default=",".join(DEFAULT_METRICS), metavar="LIST",
                   help=f"comma-separated, of {', '.join(METRICS)} (default: %(default)s)")
    p.add_argument("--tokenize", metavar="TOK", default=None,
                   help="BLEU tokeniser (13a, intl, none, char, ...); default intl for Cyrillic references, else 13a")
    p.add_argument("--target-lang", metavar="LANG", default=None,
                   help="language of the reference (default: guessed from its script)")
    p.add_argument("--sentence-level", action="store_true", help="also print each segment's scores")
    p.add_argument("--confidence", action="store_true",
                   help="bootstrap 95%% confidence intervals (seed from SACREBLEU_SEED, default 12345)")
    p.add_argument("--confidence-n", type=int, default=1000, metavar="N", help="bootstrap resamples (default 1000)")
    p.add_argument("--compare", metavar="H2",
                   help="a second system: paired significance test of H2 against H (the baseline)")
    p.add_argument("--paired", choices=("bs", "ar"), default="bs",
                   help="paired test: bootstrap resampling (bs, default) or approximate randomisation (ar)")
    p.add_argument("--paired-n", type=int, default=0, metavar="N",
                   help="resamples (bs, default 1000) or trials (ar, default 10000)")
    p.add_argument("--width", type=int, default=1, metavar="W", help="decimals printed (default 1, as sacrebleu)")
    p.add_argument("--json", action="store_true", help="print what sacrebleu -f json prints; with --sentence-level, JSON Lines {sentence, <metric>: score}")
    return p


def read_segments(path: str) -> list[str]:
    """Lines of a text file as sacrebleu reads them: split on ``\\n`` only, trailing whitespace stripped."""
    p = Path(path)
    if not p.is_file():
        raise InputError(path, "no such file")
    try:
        with open(p, encoding="utf-8", newline="\n") as f:
            lines = [line.rstrip() for line in f]
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 (byte {e.start})") from None
    if not lines:
        raise InputError(path, "empty file")
    return lines


def _same_length(hyp_path: str, hyps: list[str], ref_path: str, refs: list[str]) -> None:
    if len(hyps) != len(refs):
        raise InputError(hyp_path, f"has {len(hyps)} lines but the reference {ref_path} has {len(refs)}")


def run(args: argparse.Namespace) -> int:
    from ..quality.metrics import compare, sacrebleu_json, score, sentence_json

    metrics = [m for m in args.metrics.split(",") if m.strip()]
    hyps, refs = read_segments(args.hyp), read_segments(args.ref)
    _same_length(args.hyp, hyps, args.ref, refs)
    if args.compare:
        other = read_segments(args.compare)
        _same_length(args.compare, other, args.ref, refs)
        res = compare(hyps, other, refs, metrics, test=args.paired, n_samples=args.paired_n,
                      tokenize=args.tokenize, target_lang=args.target_lang)
        if args.json:
            print(json.dumps([c.as_dict() | {"baseline_file": args.hyp, "system_file": args.compare} for c in res],
                             indent=1, ensure_ascii=False))
            return 0
        w = args.width
        for c in res:
            ci = lambda m, h: f" (μ = {m:.{w}f} ± {h:.{w}f})" if m is not None else ""  # noqa: E731
            print(f"{c.name}|{c.signature}")
            print(f"  baseline {args.hyp}: {c.baseline:.{w}f}{ci(c.baseline_mean, c.baseline_ci)}")
            print(f"  system   {args.compare}: {c.system:.{w}f}{ci(c.system_mean, c.system_ci)}  "
                  f"p = {c.p_value:.4f}{' (significant at 0.05)' if c.p_value < 0.05 else ''}")
        return 0
    results = score(hyps, refs, metrics, tokenize=args.tokenize, target_lang=args.target_lang,
                    sentence_level=args.sentence_level, confidence=args.confidence,
                    confidence_n=args.confidence_n)
    if args.json and args.sentence_level:  # like sacrebleu -sl: the segments' scores only
        for line in sentence_json(results):
            print(line)
        return 0
    if args.json:
        print(sacrebleu_json(results, args.width))
        return 0
    for r in results:
        print(r._sacrebleu.format(args.width, False, r.signature))  # sacrebleu's own text line
    if args.sentence_level:
        names = [r.name for r in results]
        print("\t".join(["sentence"] + names))
        for i in range(len(hyps)):
            print("\t".join([str(i)] + [f"{r.sentences[i]:.{args.width}f}" for r in results]))
    return 0
