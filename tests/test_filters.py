"""Corpus filters: each rule drops what it should, keeps what it should, and is counted."""
from __future__ import annotations

import pytest

from bialign.corpus.filters import REASONS, FilterConfig, FilterCounts, filter_pairs, near_duplicate_key
from bialign.errors import ConfigurationError
from bialign.types import Detection
from bialign.types import TranslationPair as P


def run(pairs, **options):
    kept, counts = filter_pairs(pairs, FilterConfig(**options))
    return list(kept), counts


@pytest.mark.parametrize("options, pairs, kept, reason", [
    (dict(empty=True), [P("", "Hi."), P("Да.", "   "), P("Да.", "Yes.")], ["Да."], "empty"),
    (dict(untranslated=True), [P("Global Voices", "global  voices"), P("2024", "2024"), P("Да.", "Yes.")],
     ["2024", "Да."], "untranslated"),
    (dict(max_length_ratio=3.0), [P("Да.", "Yes, of course, that is absolutely right."),
                                  P("Кошка спит на диване.", "The cat sleeps on the sofa."), P("Да", "Yes, sure")],
     ["Кошка спит на диване.", "Да"], "length_ratio"),
    (dict(min_score=0.5), [P("а", "a", score=0.2), P("б", "b", score=0.5), P("в", "c")], ["б", "в"], "low_score"),
    (dict(duplicates=True), [P("Да.", "Yes."), P("Да.", "Yes."), P("Да.", "Yes!"), P("Да.", "Yes.")],
     ["Да.", "Да."], "duplicate"),
    (dict(near_duplicates=True), [P("Что́ это?", "What is it?"), P("что это", "WHAT IS IT!!"),
                                  P("Что это 2?", "What is it 3?"), P("1", "1"), P("2", "2")],
     ["Что́ это?", "1", "2"], "near_duplicate"),
])
def test_each_filter_drops_and_counts(options, pairs, kept, reason):
    out, counts = run(pairs, **options)
    assert [p.src for p in out] == kept
    assert counts.read == len(pairs) and counts.kept == len(kept)
    assert getattr(counts, reason) == len(pairs) - len(kept)
    assert sum(getattr(counts, r) for r in REASONS) == counts.dropped


def fake_detector(text: str) -> Detection:
    if any("а" <= c <= "я" for c in text.lower()):
        return Detection("uk" if "ї" in text else "ru", 0.9)
    if any(c.isalpha() for c in text):
        return Detection("en", 0.6 if "maybe" in text else 0.95)
    return Detection("und", 0.0)


def test_wrong_language_on_either_side():
    pairs = [P("Кошка спит.", "The cat sleeps."), P("Кішка спить, її", "The cat sleeps."),
             P("Кошка спит.", "Кошка спит."), P("2024", "2024"), P("Кот.", "Cat maybe"),
             P("The cat.", "Кошка.", src_lang="en-US", tgt_lang="ru")]
    out, counts = run(pairs, wrong_language=True, detector=fake_detector)
    assert [p.src for p in out] == ["Кошка спит.", "2024", "Кот.", "The cat."]
    assert counts.wrong_language == 2
    out, counts = run(pairs, wrong_language=True, detector=fake_detector, language_min_confidence=0.9)
    assert counts.wrong_language == 2
    out, counts = run(pairs, wrong_language=True, detector=fake_detector, language_min_confidence=0.95)
    assert counts.wrong_language == 0
    out, counts = run([P("Cat maybe", "Cat"), P("Cat surely", "Cat")], wrong_language=True,
                      detector=fake_detector, language_min_confidence=0.7)
    assert counts.wrong_language == 1 and [p.src for p in out] == ["Cat maybe"]


def test_wrong_language_with_the_real_identifier():
    pairs = [P("Кошка спит на диване.", "The cat is sleeping on the sofa."),
             P("Кошка спит на диване.", "Кошка спит на диване, а собака во дворе.")]
    out, counts = run(pairs, wrong_language=True)
    assert [p.tgt for p in out] == ["The cat is sleeping on the sofa."]
    assert counts.wrong_language == 1


def test_first_filter_that_drops_a_pair_counts_it_and_the_language_check_is_lazy():
    calls = []

    def detector(text):
        calls.append(text)
        return Detection("en", 1.0)

    pairs = [P("", ""), P("Same", "same"), P("Да.", "Yes.", score=0.1), P("Да.", "Yes."), P("Да.", "Yes.")]
    kept, counts = filter_pairs(iter(pairs), FilterConfig.all(detector=detector))
    assert counts.read == 0 and calls == []  # nothing happens until the pairs are consumed
    assert list(kept) == []
    assert counts.as_dict() == {"read": 5, "kept": 0, "empty": 1, "untranslated": 1, "length_ratio": 0,
                                "low_score": 1, "duplicate": 1, "near_duplicate": 0, "wrong_language": 1}
    assert calls == ["Да."]  # only the one pair that reached the check, and only its wrong side
    assert counts.summary() == ("5 pairs read, 0 kept; dropped: 1 empty, 1 untranslated, 1 low_score, "
                                "1 duplicate, 1 wrong_language")


def test_no_filter_keeps_everything_and_streams():
    def endless():
        i = 0
        while True:
            yield P(f"{i}", f"{i}")
            i += 1

    kept, counts = filter_pairs(endless(), FilterConfig(duplicates=True))
    first = [next(kept) for _ in range(3)]
    assert [p.src for p in first] == ["0", "1", "2"] and counts.read == 3 and counts.kept == 3
    assert FilterCounts().summary() == "0 pairs read, 0 kept"


def test_config_is_strict():
    with pytest.raises(ConfigurationError, match="unknown filter option.*dedupe"):
        FilterConfig.from_dict({"dedupe": True})
    with pytest.raises(ConfigurationError, match="max_length_ratio"):
        FilterConfig(max_length_ratio=0.5)
    with pytest.raises(ConfigurationError, match="language_min_confidence"):
        FilterConfig(language_min_confidence=2)
    assert FilterConfig.from_dict({"duplicates": True}).duplicates


def test_near_duplicate_key_ignores_case_accents_digits_punctuation():
    assert near_duplicate_key("Ёлка́, 3 шт.!") == near_duplicate_key("елка шт")
    assert near_duplicate_key("Cat") != near_duplicate_key("Cap")
