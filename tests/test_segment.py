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


@pytest.mark.parametrize("text, expected", [
    ("他走了。她留下来了！为什么？", ["他走了。", "她留下来了！", "为什么？"]),
    # a closing quote belongs to the sentence it ends; a comma after it continues the sentence
    ("他说：“我走了。”她笑了。", ["他说：“我走了。”", "她笑了。"]),
    ("“我走了。”，他说。", ["“我走了。”，他说。"]),
    # a stammering ellipsis is not an end, one closed by a quote is
    ("他道：“我叫…… 叫小玄子。”她道：“不过……”他走了。",
     ["他道：“我叫…… 叫小玄子。”", "她道：“不过……”", "他走了。"]),
    # ASCII ? and ! end a sentence before a CJK character, not inside a number or a URL
    ("真的?好吧。版本3.14，网址 a.com/?q=1 见。", ["真的?", "好吧。", "版本3.14，网址 a.com/?q=1 见。"]),
    # Japanese: と after a closing bracket quotes, it does not start a sentence
    ("「行くよ！」と彼は言った。彼女は笑った。", ["「行くよ！」と彼は言った。", "彼女は笑った。"]),
])
def test_chinese_and_japanese_sentences_end_without_a_space(text, expected):
    sents = split_sentences(text, "zh")
    assert [s.text for s in sents] == expected
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_other_languages_the_encoder_covers():
    # German writes ordinals and dates with a dot; English does not
    de = [s.text for s in split_sentences("Am 3. Mai kam er. Im 19. Jahrhundert war es anders. Es war 1999. Dann ging er.", "de")]
    assert de == ["Am 3. Mai kam er.", "Im 19. Jahrhundert war es anders.", "Es war 1999.", "Dann ging er."]
    en = [s.text for s in split_sentences("He scored 3. Then he left.", "en")]
    assert en == ["He scored 3.", "Then he left."]
    # razdel does not know the Arabic question mark
    ar = [s.text for s in split_sentences("هل أنت بخير؟ نعم، أنا بخير.", "ar")]
    assert ar == ["هل أنت بخير؟", "نعم، أنا بخير."]


def test_a_latin_paragraph_with_a_chinese_name_is_split_as_latin():
    """Only a paragraph mostly in CJK script takes the CJK rules (which ignore ". ")."""
    text = "He met 王小波 in Beijing. They talked for hours."
    assert [s.text for s in split_sentences(text, "en")] == ["He met 王小波 in Beijing.", "They talked for hours."]


def test_clauses_of_a_long_list_stop_at_clause_most():
    """A table row of 100 comma-separated cells is 32 clauses, the last holding the rest."""
    from bialign.segment import CLAUSE_MOST, split_clauses

    row = ", ".join(f"cell {i}" for i in range(100))
    clauses = split_clauses(row)
    assert len(clauses) == CLAUSE_MOST == 32
    assert clauses[0] == "cell 0," and clauses[-1].startswith("cell 31,") and clauses[-1].endswith("cell 99")
    assert split_clauses("Он пришёл, увидел; победил.") == ["Он пришёл,", "увидел;", "победил."]
    assert split_clauses("وصل إلى البيت، ثم نام.") == ["وصل إلى البيت،", "ثم نام."]
    assert split_clauses("彼は家に帰り、すぐに寝た。") == ["彼は家に帰り、", "すぐに寝た。"]
