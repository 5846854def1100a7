"""Build the MAC Chinese-English literary test sets for ``bench/align.py --mac DIR``.

    python bench/prepare_mac.py MAC_CHECKOUT ALIGNER_EVAL_CHECKOUT OUT_DIR

MAC (github.com/bfsujason/mac, GPL-3) is a hand-aligned corpus of chapters
from six Chinese novels and their published English translations. Its
development set (one chapter per novel) ships as InterText XML
(``dev/intertext/``); its test set, split into sentences and converted to
Vecalign's path format, ships in github.com/bfsujason/aligner-eval
(``data/mac/src``, ``tgt``, ``gold``). This script writes both as
``OUT_DIR/{dev,test}/NNN.src``, ``NNN.tgt`` (one sentence a line) and
``NNN.gold`` (path format, source = Chinese). It also copies aligner-eval's three
hand-aligned non-literary sets, each one text of about 1,000 sentences a side, to
``OUT_DIR/nonlit/{aca,pol,mag}.*`` for ``bench/align.py --mac DIR --non-literary``:
academic texts (English-Chinese), political texts (Chinese-English) and magazine
articles (English-Chinese). Nothing is bundled with bialign.
"""
from __future__ import annotations

import os
import shutil
import sys
import xml.etree.ElementTree as ET

#: aligner-eval's hand-aligned non-literary sets, one document each.
NON_LITERARY = ("aca", "pol", "mag")


def intertext_dev(mac: str, out: str) -> int:
    """Convert MAC-Dev's InterText files; returns the number of documents."""
    folder = os.path.join(mac, "dev", "intertext")
    names = sorted(f[len("dev-anno."):-len("_zh.xml")] for f in os.listdir(folder)
                   if f.endswith("_zh.xml") and f.count("_") == 1)
    os.makedirs(out, exist_ok=True)
    for n in names:
        index = {}
        for lang, ext in (("zh", "src"), ("en", "tgt")):
            root = ET.parse(os.path.join(folder, f"dev-anno.{n}_{lang}.xml")).getroot()
            sents = [(s.get("id"), " ".join((s.text or "").split())) for s in root.iter("s")]
            index[lang] = {sid: i for i, (sid, _) in enumerate(sents)}
            with open(os.path.join(out, f"{n}.{ext}"), "w", encoding="utf-8") as f:
                f.write("".join(t + "\n" for _, t in sents))
        links = ET.parse(os.path.join(folder, f"dev-anno.{n}_zh.{n}_en.xml")).getroot()
        with open(os.path.join(out, f"{n}.gold"), "w", encoding="utf-8") as f:
            for link in links.iter("link"):
                # xtargets name the English sentences first, although fromDoc is the Chinese file
                en, zh = link.get("xtargets").split(";")
                f.write("[%s]:[%s]\n" % (", ".join(str(index["zh"][x]) for x in zh.split()),
                                         ", ".join(str(index["en"][x]) for x in en.split())))
    return len(names)


def aligner_eval_set(repo: str, name: str, out: str, rename: bool = False) -> int:
    """Copy aligner-eval's ``data/NAME`` (MAC-Test: ``mac``) to ``out``, as ``NNN.src``, ``NNN.tgt``
    and ``NNN.gold``, or named ``NAME.*`` if ``rename`` (a set of one document); returns the
    number of documents."""
    base = os.path.join(repo, "data", name)
    names = sorted(f[:-len(".align")] for f in os.listdir(os.path.join(base, "gold")) if f.endswith(".align"))
    os.makedirs(out, exist_ok=True)
    for n in names:
        stem = name if rename else n
        shutil.copyfile(os.path.join(base, "src", n), os.path.join(out, f"{stem}.src"))
        shutil.copyfile(os.path.join(base, "tgt", n), os.path.join(out, f"{stem}.tgt"))
        shutil.copyfile(os.path.join(base, "gold", f"{n}.align"), os.path.join(out, f"{stem}.gold"))
    return len(names)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    mac, aligner_eval, out = argv
    d = intertext_dev(mac, os.path.join(out, "dev"))
    t = aligner_eval_set(aligner_eval, "mac", os.path.join(out, "test"))
    for name in NON_LITERARY:
        aligner_eval_set(aligner_eval, name, os.path.join(out, "nonlit"), rename=True)
    print(f"{out}: dev {d} documents, test {t} documents, non-literary {len(NON_LITERARY)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
