import pytest

from bialign.segment import split_sentences


@pytest.mark.parametrize("text, lang, expected", [
    ("В 1999 г. он уехал, т. е. навсегда. Потом вернулся.", "ru",
     ["В 1999 г. он уехал, т. е. навсегда.", "Потом вернулся."]),
    ("Организация (Russian for Ukraine — прим. Global Voices) добавлена в список. Это всё.", "ru",
     ["Организация (Russian for Ukraine — прим. Global Voices) добавлена в список.", "Это всё."]),
    ("Mr. Smith went to the U.S. Army base. He left.", "en",
     ["Mr. Smith went to the U.S. Army base.", "He left."]),
    ("Poland was not an option for me. I had an impression that Russians are not liked here.", "en",
     ["Poland was not an option for me.", "I had an impression that Russians are not liked here."]),
    ("He met Gen. Petraeus in Kabul. Then he flew home.", "en",
     ["He met Gen. Petraeus in Kabul.", "Then he flew home."]),
])
def test_sentences(text, lang, expected):
    assert [s.text for s in split_sentences(text, lang)] == expected


def test_offsets_point_into_the_text():
    text = "  Первое предложение.   Второе!  "
    for s in split_sentences(text, "ru"):
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_empty_text_has_no_sentences():
    assert split_sentences("", "ru") == ()
    assert split_sentences("   ", "en") == ()


@pytest.mark.parametrize("text, lang, expected", [
    ('"No, no, no. What they said today, fake news," the champion said.', "en",
     ['"No, no, no.', 'What they said today, fake news," the champion said.']),
    ('She said: "Oh, no. I did not leak." Then she left.', "en",
     ['She said: "Oh, no.', 'I did not leak."', "Then she left."]),
    ('He quoted "J. R. R. Tolkien" twice.', "en", ['He quoted "J. R. R. Tolkien" twice.']),
    ('«Нет, нет, нет. То, что они рассказали — фейк», — сказал он.', "ru",
     ["«Нет, нет, нет.", "То, что они рассказали — фейк», — сказал он."]),
])
def test_sentences_end_inside_quotes_in_both_languages(text, lang, expected):
    assert [s.text for s in split_sentences(text, lang)] == expected
