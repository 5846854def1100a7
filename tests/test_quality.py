"""bialign.quality: sacrebleu scores checked against the sacrebleu command, corpus checks on planted problems.

Data (tests/data/quality/, see its README): the first 200 lines of newstest2014
ru-en as references, and "hypotheses" made from them by dropping ~15% (hyp) or
~5% (hyp2) of the words and swapping some neighbours; ``planted.tsv`` is 24
real newstest2013 pairs followed by one planted problem per rule
(``planted.expected``).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bialign.cli.main import main
from bialign.quality import alignment_scores, check, compare, sacrebleu_json, score
from bialign.quality.checks import imbalance, numbers

Q = Path(__file__).resolve().parent / "data" / "quality"
REF_EN, HYP_EN, HYP2_EN = Q / "newstest2014.200.en", Q / "hyp.200.en", Q / "hyp2.200.en"
REF_RU, HYP_RU = Q / "newstest2014.200.ru", Q / "hyp.200.ru"
PLANTED = Q / "planted.tsv"


def sacrebleu_cli(ref: Path, hyp: Path, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "sacrebleu", str(ref), "-i", str(hyp), *args],
                         capture_output=True, text=True, check=True, env={"SACREBLEU_SEED": "12345", "PATH": ""})
    return out.stdout


def bialign_cli(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    cap = capsys.readouterr()
    return rc, cap.out, cap.err


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


# ------------------------------------------------------------------------------------------ score


def test_score_json_is_what_sacrebleu_prints_english(capsys):
    expected = sacrebleu_cli(REF_EN, HYP_EN, "-m", "bleu", "chrf", "ter", "-f", "json")
    rc, out, _ = bialign_cli(capsys, "score", "--hyp", str(HYP_EN), "--ref", str(REF_EN),
                             "--metrics", "bleu,chrf,ter", "--json")
    assert rc == 0
    assert out == expected
    got = json.loads(out)
    assert [o["name"] for o in got] == ["BLEU", "chrF2", "TER"]
    assert got[0]["signature"].startswith("nrefs:1|case:mixed|eff:no|tok:13a|")
    assert 20 < got[0]["score"] < 90  # a real, imperfect hypothesis


def test_russian_reference_uses_intl_and_matches_sacrebleu_intl(capsys):
    expected = sacrebleu_cli(REF_RU, HYP_RU, "-m", "bleu", "chrf", "ter", "-f", "json", "--tokenize", "intl")
    rc, out, _ = bialign_cli(capsys, "score", "--hyp", str(HYP_RU), "--ref", str(REF_RU),
                             "--metrics", "ter,bleu,chrf", "--json")  # order as sacrebleu's, whatever given
    assert rc == 0 and out == expected
    assert "tok:intl" in json.loads(out)[0]["signature"]
    # asking for 13a gives sacrebleu's default score, which differs on Russian text
    r13 = score(lines(HYP_RU), lines(REF_RU), ["bleu"], tokenize="13a")[0]
    assert "tok:13a" in r13.signature and r13.score != json.loads(out)[0]["score"]


def test_chrf_plus_plus_and_single_metric_output_match_sacrebleu(capsys):
    expected = sacrebleu_cli(REF_RU, HYP_RU, "-m", "chrf", "--chrf-word-order", "2", "-f", "json")
    rc, out, _ = bialign_cli(capsys, "score", "--hyp", str(HYP_RU), "--ref", str(REF_RU),
                             "--metrics", "chrf++", "--json")
    assert rc == 0 and out == expected and json.loads(out)["name"] == "chrF2++"


def test_bootstrap_confidence_matches_sacrebleu(capsys):
    expected = sacrebleu_cli(REF_EN, HYP_EN, "-m", "bleu", "chrf", "-f", "json", "--confidence",
                             "--confidence-n", "200", "-w", "2")
    rc, out, _ = bialign_cli(capsys, "score", "--hyp", str(HYP_EN), "--ref", str(REF_EN), "--metrics",
                             "bleu,chrf", "--confidence", "--confidence-n", "200", "--width", "2", "--json")
    assert rc == 0 and out == expected
    assert "bs:200|seed:12345" in json.loads(out)[0]["signature"]


def test_sentence_level_bleu_matches_sacrebleu():
    text = sacrebleu_cli(REF_EN, HYP_EN, "-m", "bleu", "-sl", "-w", "4")
    theirs = [float(line.split(" = ")[1].split()[0]) for line in text.splitlines()]
    ours = score(lines(HYP_EN), lines(REF_EN), ["bleu"], sentence_level=True)[0]
    assert len(theirs) == 200
    assert [round(x, 4) for x in ours.sentences] == theirs
    assert "eff:yes" in ours.sentence_signature


def test_api_results_carry_signatures_and_format_like_sacrebleu():
    res = score(lines(HYP_EN), lines(REF_EN), ["bleu", "chrf", "chrf++", "ter"])
    assert [r.name for r in res] == ["BLEU", "chrF2", "chrF2++", "TER"]
    assert res[0].verbose.startswith(f"{res[0].verbose.split('/')[0]}/") and "BP =" in res[0].verbose
    assert json.loads(sacrebleu_json(res[:1]))["score"] == round(res[0].score, 1)


def test_paired_comparison_prefers_the_better_system(capsys):
    res = compare(lines(HYP_EN), lines(HYP2_EN), lines(REF_EN), ["bleu", "chrf"], n_samples=200)
    assert [c.name for c in res] == ["BLEU", "chrF2"]
    for c in res:
        assert c.system > c.baseline and c.p_value < 0.05
        assert "bs:200" in c.signature
    ar = compare(lines(HYP2_EN), lines(HYP_EN), lines(REF_EN), ["bleu"], test="ar", n_samples=200)[0]
    assert ar.system < ar.baseline and ar.p_value < 0.05 and "ar:200" in ar.signature
    rc, out, _ = bialign_cli(capsys, "score", "--hyp", str(HYP_EN), "--compare", str(HYP2_EN), "--ref",
                             str(REF_EN), "--metrics", "bleu", "--paired-n", "100", "--json")
    assert rc == 0 and json.loads(out)[0]["p_value"] < 0.05


@pytest.mark.parametrize("argv, needle", [
    (["--hyp", "missing.txt", "--ref", str(REF_EN)], "missing.txt: no such file"),
    (["--hyp", str(PLANTED), "--ref", str(REF_EN)], "lines but the reference"),
    (["--hyp", str(HYP_EN), "--ref", str(REF_EN), "--metrics", "bleu,meteor"], "unknown metric 'meteor'"),
])
def test_score_bad_input_exits_2_with_one_line(capsys, argv, needle):
    rc, out, err = bialign_cli(capsys, "score", *argv)
    assert rc == 2 and out == ""
    assert needle in err and err.count("\n") == 1


# ------------------------------------------------------------------------------------------ check


@pytest.fixture(scope="module")
def planted_findings():
    from bialign.formats import read_corpus

    return check(list(read_corpus(PLANTED)))


def expected_planted() -> set[tuple[int, str]]:
    return {(int(a), b) for a, b in (line.split("\t") for line in lines(Q / "planted.expected"))}


def test_every_planted_problem_is_found_by_its_rule(planted_findings):
    found = {(f.pair, f.rule) for f in planted_findings}
    assert expected_planted() <= found


def test_real_pairs_raise_no_finding(planted_findings):
    n_real = min(p for p, _ in expected_planted())
    assert [f for f in planted_findings if f.pair < n_real] == []


def test_one_similarity_with_the_aligner(planted_findings):
    from bialign import align_sentences
    from bialign.align.score import bead_score
    from bialign.encode import get_encoder

    mis = [f for f in planted_findings if f.rule == "misaligned"]
    assert mis and all(f.score < 0.5 for f in mis)
    from bialign.formats import read_corpus

    pair = list(read_corpus(PLANTED))[mis[0].pair]
    v = get_encoder().encode([pair.src, pair.tgt])
    assert mis[0].score == pytest.approx(bead_score(float(v[0] @ v[1])), abs=1e-6)
    # inside an alignment a bead's score is the aligner's posterior: a lone true pair is certain,
    # a lone unrelated pair is left as two omissions or scored under 0.5
    src, tgt = "Этот бозон объясняет массу всех частиц.", "This boson explains the mass of all particles."
    assert align_sentences([src], [tgt])[0].score > 0.99
    assert float(alignment_scores([src], [tgt])[0]) > 0.99
    other = "The weather in Paris was rainy and cold yesterday."
    assert all(b.score < 0.5 for b in align_sentences([src], [other]) if b.src and b.tgt)
    assert float(alignment_scores([src], [other])[0]) < 0.5


def test_check_json_lines_and_fail_on(capsys):
    rc, out, err = bialign_cli(capsys, "check", str(PLANTED), "--json", "--fail-on", "error")
    assert rc == 1
    objs = [json.loads(line) for line in out.splitlines()]
    assert {"pair", "rule", "severity", "message"} <= set(objs[0])
    assert {(o["pair"], o["rule"]) for o in objs} >= expected_planted()
    assert "misaligned" in err and "total" in err  # summary table on stderr
    rc, out, _ = bialign_cli(capsys, "check", str(PLANTED), "--rules", "numbers,unbalanced", "--fail-on", "error")
    assert rc == 0 and "numbers" in out and "misaligned" not in out
    rc, _, _ = bialign_cli(capsys, "check", str(PLANTED), "--rules", "numbers", "--fail-on", "warning")
    assert rc == 1


def test_check_reads_other_formats(tmp_path, capsys, planted_findings):
    from bialign.formats import read_corpus, write_corpus

    out = tmp_path / "c.jsonl"
    write_corpus(read_corpus(PLANTED), out)
    rc, text, _ = bialign_cli(capsys, "check", str(out), "--json")
    assert rc == 0
    assert [json.loads(line) for line in text.splitlines()] == [f.as_dict() for f in planted_findings]


@pytest.mark.parametrize("argv, needle", [
    (["nothing.tsv"], "nothing.tsv: no such file"),
    ([str(PLANTED), "--rules", "spelling"], "unknown check 'spelling'"),
])
def test_check_bad_input_exits_2(capsys, argv, needle):
    rc, out, err = bialign_cli(capsys, "check", *argv)
    assert rc == 2 and out == "" and needle in err and err.count("\n") == 1


def test_english_to_russian_corpus_is_not_all_wrong_language():
    from bialign.formats import read_corpus

    real = list(read_corpus(PLANTED))[:24]
    flipped = [(p.tgt, p.src) for p in real]  # read as the default ru->en, but it is en->ru
    assert [f for f in check(flipped, rules=["wrong_language"])] == []


@pytest.mark.parametrize("a, b, same", [
    ("1 000 человек", "1,000 people", True),
    ("3,5 процента", "3.5 percent", True),
    ("12 500,75 руб.", "12,500.75 roubles", True),
    ("в 2012 году", "in 2013", False),
    ("5%", "5 percent", True),
    ("1,5 млн", "15 million", False),
])
def test_numbers_compare_values_across_conventions(a, b, same):
    va, vb = numbers(a), numbers(b)
    assert (len(va) == len(vb) and all(x[1] & y[1] for x, y in zip(va, vb))) is same


def test_clock_times_match_across_conventions():
    from bialign.quality.checks import _differences

    assert _differences(numbers("к 13:00 и в 7:55"), numbers("by 1 p.m. and at 7.55am")) == ([], [])
    assert _differences(numbers("около 1-00, 1947 года"), numbers("around 1:00, born in 1974")) == (["1947"], ["1974"])
    assert _differences(numbers("в 13:00"), numbers("at 14:00")) == (["13:00"], ["14:00"])


@pytest.mark.parametrize("text, problems", [
    ("Он сказал: «Да (конечно)».", []),
    ("Он сказал: «Да.", ["unclosed '«'"]),
    ("Yes) and no", ["unopened ')'"]),
    ('He said "yes.', ["odd number of double quotes"]),
    ("Он сказал „да“.", []),
])
def test_imbalance(text, problems):
    assert imbalance(text) == problems


def test_alignment_scores_separate_true_from_shuffled():
    from bialign.formats import read_corpus

    real = list(read_corpus(PLANTED))[:24]
    src, tgt = [p.src for p in real], [p.tgt for p in real]
    true = alignment_scores(src, tgt)
    # every target moved 12 sentences away, in the same article (same topic: harder than a random shuffle)
    shifted = alignment_scores(src, tgt[12:] + tgt[:12])
    auc = np.mean([[t > s for s in shifted] for t in true])
    assert np.all(true >= 0.5) and auc >= 0.98 and np.mean(shifted < 0.5) >= 0.9
