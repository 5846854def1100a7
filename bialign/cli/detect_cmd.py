"""bialign detect FILE...: the language of each paragraph and of the spans inside it."""
from __future__ import annotations

import argparse

from ..langid import dominant_language, language_spans
from ..loader import iter_paths, load
from .output import print_jsonl


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("detect", help="language of each paragraph and span",
                       description="Print the language of each paragraph of each FILE, and of the spans inside it.")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files or folders")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per paragraph")
    p.add_argument("--encoding", help="text encoding of the files (detected by default)")
    return p


def paragraph_record(path: str, paragraph) -> dict:
    spans = language_spans(paragraph.text)
    d = dominant_language(spans)
    return {
        "file": path, "lines": [paragraph.first_line, paragraph.last_line],
        "lang": d.lang, "confidence": round(d.confidence, 4),
        "spans": [{"start": s.start, "end": s.end, "lang": s.lang, "text": s.text} for s in spans],
    }


def run(args: argparse.Namespace) -> int:
    for path in iter_paths(args.files):
        doc = load(path, args.encoding)
        records = [paragraph_record(str(path), p) for p in doc.paragraphs]
        if args.json:
            print_jsonl(records)
            continue
        for r in records:
            others = [f"{s['lang']}:{s['text'].strip()!r}" for s in r["spans"] if s["lang"] not in (r["lang"], "und")]
            extra = f"  [{'; '.join(others)}]" if others else ""
            print(f"{r['file']}:{r['lines'][0]}-{r['lines'][1]}\t{r['lang']}\t{r['confidence']:.2f}{extra}")
    return 0
