"""End to end: the real pipeline (real language identifier, splitter and encoder) on seeds/ against the gold."""
from pathlib import Path

import pytest

import bialign
from bialign.corpus import process_document


def norm(parts):
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def results(seeds_dir):
    return {p.name: process_document(bialign.load(p)) for p in sorted(seeds_dir.glob("*.txt"))}


def test_russian_paragraphs(results, gold):
    found = {(name, para.first_line)
             for name, r in results.items()
             for para, lang in zip(r.document.paragraphs, r.languages) if lang == "ru"}
    assert found == {(g["file"], g["line"]) for g in gold["russian_paragraphs"]}


def test_english_names_inside_russian_testimony_are_english_spans(results, gold):
    for g in gold["mixed_spans"]:
        doc = results[g["file"]].document
        para = next(p for p in doc.paragraphs if p.first_line <= g["line"] <= p.last_line)
        spans = bialign.language_spans(para.text)
        assert any(s.lang == g["lang"] and g["span"] in s.text and len(s.text) <= len(g["span"]) + 30
                   for s in spans), g["span"]
        assert bialign.detect_language(para.text).lang == "ru"


def test_exactly_the_gold_passage_pairs(results, gold):
    found = {(name, p.ru.lines[0], p.en.lines[0], p.order) for name, r in results.items() for p in r.passages}
    want = {(g["file"], g["ru_line"], g["en_line"], g["order"]) for g in gold["passage_pairs"]}
    assert found == want
    for name in gold["documents_without_russian"] if "documents_without_russian" in gold else []:
        fname = name if isinstance(name, str) else name["file"]
        assert not results[fname].passages


def test_all_gold_beads_including_omissions(results, gold):
    for g in gold["passage_pairs"]:
        pair = next(p for p in results[g["file"]].passages if p.ru.lines[0] == g["ru_line"])
        got = [(norm(pair.ru.sentences[i].text for i in b.src), norm(pair.en.sentences[j].text for j in b.tgt))
               for b in pair.beads]
        want = [(norm(b["ru"]), norm(b["en"])) for b in g["beads"]]
        assert got == want, g["file"]
    omissions = [b for r in results.values() for p in r.passages for b in p.beads if b.is_omission]
    assert len(omissions) == 3


def test_build_corpus_counts_and_provenance(seeds_dir):
    corpus = bialign.build_corpus([seeds_dir])
    s = corpus.stats
    assert (s.files, s.russian_paragraphs, s.passage_pairs, s.omissions) == (5, 4, 4, 3)
    assert s.sentence_pairs == len(corpus.pairs) == 24
    first = corpus.pairs[0]
    assert Path(first.file).name == "002_007a4cb1faa16009.txt"
    assert first.src_lines == (17, 17) and first.tgt_lines == (19, 19)
    assert 0.5 < first.score <= 1.0


def test_seed_corpus_tmx_reads_back_and_opens_in_translate_toolkit(seeds_dir, tmp_path):
    from translate.storage.tmx import tmxfile

    corpus = bialign.build_corpus([seeds_dir])
    out = tmp_path / "seeds.tmx"
    assert bialign.write_tmx(corpus.pairs, out) == 24
    back = list(bialign.read_tmx(out))
    assert [(p.src, p.tgt, p.src_lines, p.tgt_lines) for p in back] == \
        [(p.src, p.tgt, p.src_lines, p.tgt_lines) for p in corpus.pairs]
    with open(out, "rb") as f:
        units = tmxfile(f).units
    assert [(u.source, u.target) for u in units] == [(p.src, p.tgt) for p in corpus.pairs]


def test_tsv_has_source_then_target(seeds_dir, tmp_path):
    corpus = bialign.build_corpus([seeds_dir / "003_c9d74240e0e5e0ba.txt"])
    out = tmp_path / "x.tsv"
    bialign.write_tsv(corpus.pairs, out)
    first = out.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert first[0].startswith("Неудобные единомышленники") and first[1].startswith("Unwanted Allies")
