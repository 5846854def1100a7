"""Random bytes and random text into the loader and the TMX reader: a result or the library's own error, nothing else."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bialign.errors import BialignError
from bialign.formats import read_tmx
from bialign.loader import load, load_text

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_loader_on_random_bytes(tmp_path, data):
    f = tmp_path / "random.txt"
    f.write_bytes(data)
    try:
        doc = load(f)
    except BialignError:
        return
    assert doc.paragraphs and all(p.text.strip() for p in doc.paragraphs)


@SETTINGS
@given(text=st.text(max_size=2000))
def test_loader_on_random_text(text):
    doc = load_text(text, "random.txt")
    for p in doc.paragraphs:
        assert p.text == p.text.strip() and p.first_line <= p.last_line


@SETTINGS
@given(data=st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda body: ('<?xml version="1.0"?><tmx version="1.4"><header srclang="ru"/><body>'
                            + body).encode("utf-8", "surrogatepass"), st.text(max_size=500)),
))
def test_tmx_reader_on_random_bytes(tmp_path, data):
    f = tmp_path / "random.tmx"
    f.write_bytes(data)
    try:
        for pair in read_tmx(f):
            assert isinstance(pair.src, str) and isinstance(pair.tgt, str)
    except BialignError:
        pass
