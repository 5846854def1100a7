import codecs

import pytest

from bialign.errors import InputError
from bialign.loader import iter_paths, load, load_text


def test_blank_lines_separate_paragraphs_with_line_ranges():
    doc = load_text("Title\n\nFirst para.\n\n\nSecond para.\n", "x.txt")
    assert [p.text for p in doc.paragraphs] == ["Title", "First para.", "Second para."]
    assert [p.lines for p in doc.paragraphs] == [(1, 1), (3, 3), (6, 6)]
    assert doc.text[doc.paragraphs[1].start:doc.paragraphs[1].end] == "First para."


def test_hard_wrapped_lines_are_joined(seeds_dir):
    doc = load(seeds_dir / "001_ee702456d2ddeac3.txt")
    first = doc.paragraphs[1]
    assert first.lines == (4, 8)
    assert first.text.startswith("The European Union parliament adopted a resolution last week that, among other things, highlighted")
    assert "\n" not in first.text


def test_unwrapped_lines_are_paragraphs(seeds_dir):
    doc = load(seeds_dir / "003_c9d74240e0e5e0ba.txt")
    lines = [p.first_line for p in doc.paragraphs]
    assert 36 in lines and 37 in lines and 3 in lines and 4 in lines


def test_markdown_links_keep_their_text(seeds_dir):
    doc = load(seeds_dir / "000_bb3affdf850d913d.txt")
    by = [p.text for p in doc.paragraphs if p.text.startswith("By ")]
    assert by == ["By Dan Storyev"]
    assert not any("](#)" in p.text for p in doc.paragraphs)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_bom_encodings_decode_like_utf8(tmp_path, encoding):
    text = "Привет, мир.\n\nHello, world.\n"
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(text, encoding=encoding)
    assert [p.text for p in load(other).paragraphs] == [p.text for p in load(plain).paragraphs]


@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"),
    (b"   \n\n  ", "empty file"),
    (b"\x00\x01\x02binary\x00data" * 10, "binary"),
])
def test_bad_files_raise_input_error_naming_the_file(tmp_path, content, problem):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as e:
        load(f)
    assert str(f) in str(e.value) and problem in str(e.value)
    assert "\n" not in str(e.value)


def test_undecodable_in_the_named_encoding(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes("Привет, мир.".encode("cp1251"))
    with pytest.raises(InputError, match="not valid utf-8 at byte 0"):
        load(f, encoding="utf-8")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "iso8859_5", "mac_cyrillic", "utf-16-le", "utf-16-be"])
def test_legacy_encodings_come_out_like_utf8(tmp_path, seeds_dir, encoding):
    """The Russian seed paragraphs re-encoded load to the same paragraphs as the UTF-8 original."""
    src = load(seeds_dir / "002_007a4cb1faa16009.txt")
    russian = "\n\n".join(p.text for p in src.paragraphs if p.first_line in (17, 25))
    # what the encoding can hold of it (KOI8-R has no «», ISO-8859-5 no dashes)
    russian = russian.encode(encoding, errors="replace").decode(encoding)
    f = tmp_path / f"ru-{encoding}.txt"
    f.write_bytes(russian.encode(encoding))
    doc = load(f)
    assert [p.text for p in doc.paragraphs] == russian.split("\n\n")
    assert doc.encoding.replace("-", "_") == encoding.replace("-", "_")


def test_latin1_english(tmp_path):
    f = tmp_path / "en.txt"
    f.write_bytes("Café society — “quoted” and naïve.".encode("cp1252"))
    assert load(f).paragraphs[0].text == "Café society — “quoted” and naïve."


def test_explicit_encoding(tmp_path):
    f = tmp_path / "cp.txt"
    f.write_bytes("Привет, мир.".encode("cp1251"))
    assert load(f, encoding="cp1251").paragraphs[0].text == "Привет, мир."


def test_missing_file_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "nope.txt")
    (tmp_path / "d").mkdir()
    with pytest.raises(InputError, match="no text files"):
        list(iter_paths([tmp_path / "d"]))


def test_folder_walk_is_sorted_and_filtered(tmp_path):
    for name in ["b.txt", "a.md", "c.bin"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.md", "b.txt"]


def test_html_blocks_become_paragraphs_and_scripts_are_dropped(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html>\n<html><head><title>Заголовок</title><script>var x = 1;</script></head>\n"
        "<body><nav><a href='/'>Home</a></nav>\n<p>Первый абзац &amp; <b>жирный</b>\nтекст.</p>\n"
        "<div><p>Second paragraph.</p></div>\n<footer>© site</footer></body></html>\n", encoding="utf-8")
    doc = load(page)
    assert [p.text for p in doc.paragraphs] == ["Заголовок", "Первый абзац & жирный текст.", "Second paragraph."]
    assert [p.lines for p in doc.paragraphs] == [(2, 2), (4, 5), (6, 6)]


def test_docx_paragraphs(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Я работал начальником производства.")
    d.add_paragraph("")
    d.add_paragraph("I used to work as head of production.")
    path = tmp_path / "a.docx"
    d.save(path)
    doc = load(path)
    assert [(p.text, p.first_line) for p in doc.paragraphs] == [
        ("Я работал начальником производства.", 1), ("I used to work as head of production.", 2)]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a Word"):
        load(bad)


def test_pair_folders_by_name_or_by_stem(tmp_path):
    from bialign.loader import pair_folders

    for side, names in {"ru": ["doc1.txt", "doc2.txt", ".hidden"], "en": ["doc1.txt", "doc2.txt"],
                        "de": ["x.de", "y.de"], "fr": ["y.fr", "x.fr", "notes.v2.fr"]}.items():
        (tmp_path / side).mkdir()
        for n in names:
            (tmp_path / side / n).write_text("text\n", encoding="utf-8")
    same = pair_folders(tmp_path / "ru", tmp_path / "en")
    assert [(k, a.name, b.name) for k, a, b in same] == [("doc1", "doc1.txt", "doc1.txt"), ("doc2", "doc2.txt", "doc2.txt")]
    by_stem = pair_folders(tmp_path / "de", tmp_path / "fr", every_right=False)
    assert [(k, a.name, b.name) for k, a, b in by_stem] == [("x", "x.de", "x.fr"), ("y", "y.de", "y.fr")]
    with pytest.raises(InputError, match="no file named notes"):
        pair_folders(tmp_path / "de", tmp_path / "fr")
    (tmp_path / "de" / "x.txt").write_text("text\n", encoding="utf-8")
    with pytest.raises(InputError, match="shares its stem 'x'"):
        pair_folders(tmp_path / "de", tmp_path / "fr", every_right=False)
