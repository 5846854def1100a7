"""Corpus formats: round trips, TMX validity and interoperability, hostile TMX, atomic writes, registry."""
from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bialign.errors import ConfigurationError, InputError
from bialign.formats import (FORMATS, convert, format_for_path, read_corpus, read_jsonl, read_moses, read_tmx,
                             read_tmx_header, read_tsv, write_corpus, write_jsonl, write_moses, write_tmx,
                             write_tsv)
from bialign.formats.tsv import escape, unescape
from bialign.types import TranslationPair as P

DTD = Path(__file__).resolve().parent / "data" / "tmx14.dtd"
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

TRICKY = [
    'Он сказал: "Привет" & <b>ушёл</b> \'да\' > всё',
    "emoji 😀👍🏽, flag 🇷🇺, family 👨\u200d👩\u200d👧",
    "combining: и\u0306, ударе\u0301ние, e\u0301 vs \u00e9",
    "tab\there, newline\nthere, crlf\r\n, cr\r, backslashes \\ \\n \\t \\\\ \\u0041",
    "  leading and trailing spaces  ",
    "",
    "]]> <!-- x --> <?pi?> &amp; &#13; &lt;",
    "\ufeffstarts with a byte-order mark",
    "line sep\u2028para sep\u2029NEL\x85 VT\x0b FF\x0c FS\x1c",
    "C0 \x00\x01\x1b\x1f DEL\x7f C1\x80\x9f non-characters \ufffe\uffff",
]


def tricky_pairs() -> list[P]:
    out = []
    for i, text in enumerate(TRICKY):
        out.append(P(text, TRICKY[-1 - i], score=i / 7, file=f"dir/файл {i}.txt", src_lines=(i + 1, i + 2),
                     tgt_lines=(i + 10, i + 10), props=(("x-src-langid", "0.97"), ("x-note", "a & b"))))
    return out


def texts(pairs):
    return [(p.src, p.tgt) for p in pairs]


# ------------------------------------------------------------------------------- round trips


def test_tmx_round_trip_keeps_every_field_and_character(tmp_path):
    pairs = tricky_pairs()
    assert write_tmx(pairs, tmp_path / "c.tmx") == len(pairs)
    assert list(read_tmx(tmp_path / "c.tmx")) == pairs


def test_jsonl_round_trip_keeps_every_field_and_character(tmp_path):
    pairs = tricky_pairs() + [P("x", "y", src_lang="uk", tgt_lang="de")]
    assert write_jsonl(pairs, tmp_path / "c.jsonl") == len(pairs)
    assert list(read_jsonl(tmp_path / "c.jsonl")) == pairs
    # one object per line, whatever the text contains
    assert len((tmp_path / "c.jsonl").read_bytes().split(b"\n")) == len(pairs) + 1


def test_tsv_round_trip_keeps_texts_and_with_extra_columns_provenance(tmp_path):
    pairs = tricky_pairs()
    assert write_tsv(pairs, tmp_path / "c.tsv") == len(pairs)
    assert texts(read_tsv(tmp_path / "c.tsv")) == texts(pairs)
    lines = (tmp_path / "c.tsv").read_bytes().split(b"\n")
    assert len(lines) == len(pairs) + 1 and all(line.count(b"\t") == 1 for line in lines[:-1])

    write_tsv(pairs, tmp_path / "x.tsv", extra_columns=True)
    back = list(read_tsv(tmp_path / "x.tsv"))
    assert [(p.src, p.tgt, p.score, p.file, p.src_lines, p.tgt_lines) for p in back] == \
           [(p.src, p.tgt, p.score, p.file, p.src_lines, p.tgt_lines) for p in pairs]
    first = (tmp_path / "x.tsv").read_text(encoding="utf-8").split("\n")[0].split("\t")
    assert first[3:] == ["dir/файл 0.txt", "1-2", "10-10"] and float(first[2]) == 0.0


def test_moses_round_trip_keeps_texts_line_aligned(tmp_path):
    pairs = tricky_pairs()
    assert write_moses(pairs, tmp_path / "c") == len(pairs)
    for lang in ("ru", "en"):
        assert (tmp_path / f"c.{lang}").read_bytes().count(b"\n") == len(pairs)
    assert texts(read_moses(tmp_path / "c")) == texts(pairs)
    assert texts(read_moses((tmp_path / "c.ru", tmp_path / "c.en"))) == texts(pairs)
    # tabs need no escape in Moses; backslashes do
    write_moses([P("a\tb", "c\\d")], tmp_path / "t")
    assert (tmp_path / "t.ru").read_text(encoding="utf-8") == "a\tb\n"
    assert (tmp_path / "t.en").read_text(encoding="utf-8") == "c\\\\d\n"


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl", "moses"])
def test_lone_surrogates_survive_every_format(tmp_path, fmt):
    pairs = [P("a\ud800b", "\udfff"), P("x", "y")]
    out = tmp_path / ("c" if fmt == "moses" else f"c.{fmt}")
    write_corpus(pairs, out, format=fmt)
    assert texts(read_corpus(out, format=fmt)) == texts(pairs)


def test_tsv_escaping_is_documented_backslash_style():
    assert escape("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e"
    assert escape("\ufeffx") == "\\uFEFFx"
    assert unescape("\\q \\") == "\\q \\"  # unknown escapes and a final backslash stay
    assert unescape(escape("\\t")) == "\\t"


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
PAIRS = st.lists(st.builds(P, TEXT, TEXT), min_size=1, max_size=5)


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl", "moses"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=PAIRS)
def test_write_then_read_any_unicode_text(fmt, pairs):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "c" if fmt == "moses" else f"c.{fmt}")
        assert write_corpus(pairs, out, format=fmt) == len(pairs)
        assert texts(read_corpus(out, format=fmt)) == texts(pairs)


# ------------------------------------------------------------------------------- TMX validity


def test_tmx_output_validates_against_the_tmx14b_dtd(tmp_path):
    from lxml import etree

    pairs = tricky_pairs() + [P("Hello", "Привет", src_lang="en", tgt_lang="ru")]
    write_tmx(pairs, tmp_path / "c.tmx", header_props={"x-encoder": "usem3", "version": "0.1.0"})
    dtd = etree.DTD(str(DTD))
    doc = etree.parse(str(tmp_path / "c.tmx"))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    header = doc.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr)
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))
    assert doc.getroot().get("version") == "1.4"
    tuvs = doc.findall("body/tu/tuv")
    assert tuvs and all(t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in tuvs)
    # the pair whose source is English says so on its tu
    assert doc.findall("body/tu")[-1].get("srclang") == "en"
    # a DTD violation is caught, so the check above means something
    header.attrib.pop("srclang")
    assert not dtd.validate(doc)


def test_tmx_forbidden_characters_become_placeholders_and_come_back(tmp_path):
    text = "bell\x07 esc\x1b nul\x00 \ufffe"
    write_tmx([P(text, "ok\x01", file="bad\x02name")], tmp_path / "c.tmx")
    raw = (tmp_path / "c.tmx").read_text(encoding="utf-8")
    assert XML_FORBIDDEN.search(raw) is None
    assert '<ph type="x-bialign-char">001B</ph>' in raw
    (back,) = read_tmx(tmp_path / "c.tmx")
    assert (back.src, back.tgt) == (text, "ok\x01")
    assert back.file == "bad\ufffdname"  # no placeholder is possible in a prop: replaced, as documented


def test_tmx_provenance_props_and_header(tmp_path):
    pair = P("Кошка спит.", "The cat sleeps.", score=0.8125, file="a.txt", src_lines=(17, 17),
             tgt_lines=(20, 21), props=(("langid-confidence", "0.99"),))
    write_tmx([pair], tmp_path / "c.tmx", header_props={"signature": "enc:usem3|v:1"},
              creationdate="20261122T101500Z")
    raw = (tmp_path / "c.tmx").read_text(encoding="utf-8")
    for needle in ('<prop type="x-file">a.txt</prop>', '<prop type="x-src-lines">17-17</prop>',
                   '<prop type="x-tgt-lines">20-21</prop>', '<prop type="x-score">0.8125</prop>',
                   '<prop type="x-langid-confidence">0.99</prop>', 'creationdate="20261122T101500Z"'):
        assert needle in raw
    (back,) = read_tmx(tmp_path / "c.tmx")
    assert back == P("Кошка спит.", "The cat sleeps.", score=0.8125, file="a.txt", src_lines=(17, 17),
                     tgt_lines=(20, 21), props=(("x-langid-confidence", "0.99"),))
    header = read_tmx_header(tmp_path / "c.tmx")
    assert header.version == "1.4" and header.attributes["srclang"] == "ru"
    assert header.props == (("x-signature", "enc:usem3|v:1"),)


def test_translate_toolkit_reads_what_we_write(tmp_path):
    from translate.storage.tmx import tmxfile

    pairs = [p for p in tricky_pairs() if not XML_FORBIDDEN.search(p.src + p.tgt) and "\r" not in p.src + p.tgt]
    write_tmx(pairs, tmp_path / "c.tmx")
    with open(tmp_path / "c.tmx", "rb") as f:
        store = tmxfile(f)
    assert [(u.source, u.target) for u in store.units] == texts(pairs)


def test_we_read_what_translate_toolkit_writes(tmp_path):
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="ru", targetlanguage="en")
    store.addtranslation("Привет & <мир>", "ru", "Hello & <world>", "en")
    store.addtranslation("Да", "ru", "Yes", "en")
    store.savefile(str(tmp_path / "tt.tmx"))
    assert texts(read_tmx(tmp_path / "tt.tmx")) == [("Привет & <мир>", "Hello & <world>"), ("Да", "Yes")]


# ------------------------------------------------------------------------------- real-world TMX

OLD_TMX = """<?xml version="1.0" encoding="{enc}"?>
<!DOCTYPE tmx SYSTEM "/nonexistent/tmx11.dtd">
<tmx version="1.1">
<header creationtool="X" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="EN-US"
        srclang="EN-US" datatype="rtf"><note>header note</note></header>
<body>
<tu tuid="1"><note>unit note</note>
  <tuv lang="EN-US"><seg>Press <bpt i="1">{{\\b </bpt>Save<ept i="1">}}</ept> now<ph x="2">&lt;br/&gt;</ph>!</seg></tuv>
  <tuv lang="RU-RU"><seg>Нажмите <hi type="x-bold">Сохранить</hi><it pos="begin">&lt;i&gt;<sub>alt text</sub></it>!</seg></tuv>
  <tuv lang="DE-DE"><prop type="x-q">1</prop><seg>Drücken Sie Speichern!</seg></tuv>
</tu>
<tu srclang="RU-RU">
  <tuv lang="EN-US"><seg>Yes</seg></tuv>
  <tuv lang="RU-RU"><seg>Да</seg></tuv>
</tu>
<tu><tuv lang="EN-US"><seg>lonely</seg></tuv></tu>
</body>
</tmx>
"""


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16", "windows-1251"])
def test_reads_tmx_from_other_tools(tmp_path, encoding):
    text = OLD_TMX.format(enc=encoding)
    if encoding == "windows-1251":
        text = text.replace("Drücken Sie", "Druecken Sie")  # not in this code page
    (tmp_path / "old.tmx").write_bytes(text.encode(encoding.lower()))
    pairs = list(read_tmx(tmp_path / "old.tmx"))
    german = "Drücken Sie Speichern!" if encoding != "windows-1251" else "Druecken Sie Speichern!"
    assert [(p.src_lang, p.tgt_lang, p.src, p.tgt) for p in pairs] == [
        ("EN-US", "RU-RU", "Press Save now!", "Нажмите Сохранить!"),
        ("EN-US", "DE-DE", "Press Save now!", german),
        ("RU-RU", "EN-US", "Да", "Yes"),
    ]
    only_ru = list(read_tmx(tmp_path / "old.tmx", srclang="ru", tgtlang="en"))
    assert texts(only_ru) == [("Нажмите Сохранить!", "Press Save now!"), ("Да", "Yes")]


@pytest.mark.parametrize("content, problem", [
    ("", "no XML element"),
    ("Привет\tHello\n", "malformed XML"),
    ('<?xml version="1.0"?><tmx version="1.4"><header/><body><tu><tuv xml:lang="ru"><seg>x</seg>', "malformed XML"),
    ('<html><body/></html>', "not a TMX file"),
    ('<tmx version="1.4"><header/><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>', "without xml:lang"),
    ('<tmx version="1.4"><header/><body><tu><tuv xml:lang="ru"/></tu></body></tmx>', "without <seg>"),
    ('<tmx version="1.4"><body><tu><tuv xml:lang="ru"><seg>&nbsp;</seg></tuv></tu></body></tmx>', "undefined entity"),
])
def test_malformed_tmx_is_refused_with_one_line(tmp_path, content, problem):
    (tmp_path / "bad.tmx").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        list(read_tmx(tmp_path / "bad.tmx"))
    msg = str(e.value)
    assert problem in msg and "bad.tmx" in msg and "\n" not in msg


def test_missing_tmx_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_tmx(tmp_path / "nope.tmx"))


# ------------------------------------------------------------------------------- hostile TMX

BODY = '<tmx version="1.4"><header/><body><tu><tuv xml:lang="ru"><seg>{}</seg></tuv>' \
       '<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>'


def test_billion_laughs_is_refused_before_any_expansion(tmp_path):
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    (tmp_path / "bomb.tmx").write_text(f'<?xml version="1.0"?>\n<!DOCTYPE tmx [\n{"".join(decls)}\n]>\n'
                                       + BODY.format("&lol9;"), encoding="utf-8")
    with pytest.raises(InputError, match="refused: the DOCTYPE declares the internal entity &lol0"):
        list(read_tmx(tmp_path / "bomb.tmx"))


def test_external_entity_is_never_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    (tmp_path / "xxe.tmx").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        + BODY.format("&xxe;"), encoding="utf-8")
    with pytest.raises(InputError, match="external entity &xxe") as e:
        list(read_tmx(tmp_path / "xxe.tmx"))
    assert "TOP-SECRET" not in str(e.value)
    (tmp_path / "pe.tmx").write_text(
        f'<!DOCTYPE tmx [<!ENTITY % ext SYSTEM "file://{secret}"> %ext;]>' + BODY.format("x"), encoding="utf-8")
    with pytest.raises(InputError, match="entity %ext"):
        list(read_tmx(tmp_path / "pe.tmx"))


def test_external_dtd_is_never_read(tmp_path):
    (tmp_path / "evil.dtd").write_text('<!ENTITY secret "LEAKED">', encoding="utf-8")
    (tmp_path / "a.tmx").write_text(f'<!DOCTYPE tmx SYSTEM "{tmp_path / "evil.dtd"}">' + BODY.format("&secret;"),
                                    encoding="utf-8")
    with pytest.raises(InputError, match="undefined entity &secret;") as e:
        list(read_tmx(tmp_path / "a.tmx"))
    assert "LEAKED" not in str(e.value)
    # without the reference the same file reads fine: the DTD is neither fetched nor required
    (tmp_path / "b.tmx").write_text('<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">' + BODY.format("ok"),
                                    encoding="utf-8")
    assert texts(read_tmx(tmp_path / "b.tmx")) == [("ok", "x")]


def test_tmx_reader_streams(tmp_path):
    pairs = [P(f"Предложение {i}", f"Sentence {i}") for i in range(3000)]
    write_tmx(pairs, tmp_path / "c.tmx")
    it = read_tmx(tmp_path / "c.tmx")
    assert next(it) == pairs[0]  # a first pair before the whole file is parsed
    assert sum(1 for _ in it) == len(pairs) - 1


# ------------------------------------------------------------------------------- atomic writes


def failing(n: int):
    for i in range(n):
        yield P(f"src {i}", f"tgt {i}")
    raise RuntimeError("upstream failure")


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl", "moses"])
def test_a_failing_writer_leaves_no_file_and_keeps_the_old_one(tmp_path, fmt):
    out = tmp_path / ("c" if fmt == "moses" else f"c.{fmt}")
    with pytest.raises(RuntimeError):
        write_corpus(failing(5000), out, format=fmt)
    assert list(tmp_path.iterdir()) == []
    write_corpus([P("old", "old")], out, format=fmt)
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    with pytest.raises(RuntimeError):
        write_corpus(failing(10), out, format=fmt)
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl", "moses"])
def test_missing_output_folder_is_an_input_error_naming_it(tmp_path, fmt):
    out = tmp_path / "no" / "such" / "out"
    with pytest.raises(InputError, match="output folder .* does not exist") as e:
        write_corpus([P("a", "b")], out, format=fmt)
    assert str(tmp_path / "no" / "such") in str(e.value)


def test_written_files_get_ordinary_permissions(tmp_path):
    write_tsv([P("a", "b")], tmp_path / "c.tsv")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(tmp_path / "c.tsv").st_mode) == 0o666 & ~umask


# ------------------------------------------------------------------------------- line formats: bad input


def test_moses_line_count_mismatch_names_the_shorter_file(tmp_path):
    (tmp_path / "c.ru").write_text("а\nб\nв\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("a\nb\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.en: has 2 lines, fewer than .*c\.ru"):
        list(read_moses(tmp_path / "c"))
    (tmp_path / "c.en").write_text("a\nb\nc\nd\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.ru: has 3 lines, fewer than .*c\.en"):
        list(read_moses(tmp_path / "c"))


def test_tsv_bad_lines_are_input_errors(tmp_path):
    (tmp_path / "a.tsv").write_text("a\tb\nno tab here\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.tsv: line 2: expected 2 to 6"):
        list(read_tsv(tmp_path / "a.tsv"))
    (tmp_path / "b.tsv").write_text("a\tb\tnot-a-number\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: bad score"):
        list(read_tsv(tmp_path / "b.tsv"))
    (tmp_path / "c.tsv").write_bytes(b"a\tb\n\xff\xfe\tx\n")
    with pytest.raises(InputError, match="not UTF-8"):
        list(read_tsv(tmp_path / "c.tsv"))


def test_tsv_from_other_tools_crlf_bom_and_raw_backslashes(tmp_path):
    (tmp_path / "w.tsv").write_bytes("\ufeffПуть C:\\new\tPath C:\\new\r\nДа\tYes\r\n".encode("utf-8"))
    assert texts(read_tsv(tmp_path / "w.tsv", unescape=False)) == [("Путь C:\\new", "Path C:\\new"), ("Да", "Yes")]
    assert texts(read_tsv(tmp_path / "w.tsv"))[0] == ("Путь C:\new", "Path C:\new")


def test_jsonl_bad_lines_are_input_errors(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"src": "a", "tgt": "b"}\n\n{"src": "a"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.jsonl: line 3: not valid JSON"):
        list(read_jsonl(tmp_path / "a.jsonl"))
    (tmp_path / "b.jsonl").write_text('{"src": "a", "tgt": 3}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1: 'src' and 'tgt' must both be strings"):
        list(read_jsonl(tmp_path / "b.jsonl"))
    (tmp_path / "c.jsonl").write_text('{"src": "a", "tgt": "b", "future": 1}\n\n', encoding="utf-8")
    assert list(read_jsonl(tmp_path / "c.jsonl")) == [P("a", "b")]


# ------------------------------------------------------------------------------- registry and convert


def test_format_for_path():
    assert [format_for_path(p) for p in ("a.tmx", "B.TSV", "c.d.jsonl")] == ["tmx", "tsv", "jsonl"]
    for bad in ("a.txt", "noext", "a.json"):
        with pytest.raises(ConfigurationError, match="cannot tell the corpus format"):
            format_for_path(bad)
    assert set(FORMATS) == {"tmx", "tsv", "jsonl", "moses"}


def test_write_corpus_options_are_checked(tmp_path):
    with pytest.raises(ConfigurationError, match="takes no option header_prop"):
        write_corpus([P("a", "b")], tmp_path / "c.tmx", header_prop={"x": "y"})
    with pytest.raises(ConfigurationError, match="unknown corpus format 'xml'"):
        write_corpus([P("a", "b")], tmp_path / "c.tmx", format="xml")
    assert write_corpus([P("a", "b")], tmp_path / "c.tsv", srclang="ru", extra_columns=True) == 1
    assert write_corpus([P("a", "b")], tmp_path / "c", format="moses") == 1
    assert (tmp_path / "c.ru").read_text(encoding="utf-8") == "a\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_convert_through_every_format_and_back(tmp_path):
    pairs = tricky_pairs()
    write_tmx(pairs, tmp_path / "a.tmx")
    before = digest(tmp_path / "a.tmx")
    assert convert(tmp_path / "a.tmx", tmp_path / "b.jsonl") == len(pairs)
    assert convert(tmp_path / "b.jsonl", tmp_path / "c.tsv") == len(pairs)
    assert convert(tmp_path / "c.tsv", tmp_path / "d", dst_format="moses") == len(pairs)
    assert convert(tmp_path / "d", tmp_path / "e.tmx", src_format="moses") == len(pairs)
    assert digest(tmp_path / "a.tmx") == before
    assert list(read_jsonl(tmp_path / "b.jsonl")) == pairs
    assert texts(read_tmx(tmp_path / "e.tmx")) == texts(pairs)


def test_convert_refuses_to_overwrite_its_input_and_leaves_no_output_on_bad_input(tmp_path):
    write_tsv([P("a", "b")], tmp_path / "a.tsv")
    before = digest(tmp_path / "a.tsv")
    with pytest.raises(InputError, match="is the input file too"):
        convert(tmp_path / "a.tsv", tmp_path / "a.tsv")
    assert digest(tmp_path / "a.tsv") == before
    (tmp_path / "bad.tmx").write_text(BODY.format("x").replace("</tmx>", ""), encoding="utf-8")
    with pytest.raises(InputError, match="malformed XML"):
        convert(tmp_path / "bad.tmx", tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tsv", "bad.tmx"]


def test_jsonl_adjacent_lone_surrogates_read_back_as_one_character(tmp_path):
    # documented limit of JSON: "\ud83d\ude00" escapes are one character for every JSON reader
    write_jsonl([P("\ud83d\ude00", "x")], tmp_path / "c.jsonl")
    assert [p.src for p in read_jsonl(tmp_path / "c.jsonl")] == ["😀"]


def test_tmx_output_is_reproducible_with_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795342500")
    write_tmx([P("а", "a")], tmp_path / "a.tmx")
    write_tmx([P("а", "a")], tmp_path / "b.tmx")
    assert (tmp_path / "a.tmx").read_bytes() == (tmp_path / "b.tmx").read_bytes()
    assert read_tmx_header(tmp_path / "a.tmx").attributes["creationdate"] == "20261122T101500Z"
