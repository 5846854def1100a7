"""Letter evidence: scripts of words, Latin/Cyrillic look-alikes, and the alphabets of Cyrillic languages.

The alphabets are the languages' orthographies, not statistics of any corpus:
a letter that a language does not write is evidence against that language.
That evidence carries over to Cyrillic languages this module has never seen
(a Kyrgyz ``ң`` or a Chuvash ``ӑ`` rules out Russian just as a Ukrainian
``ї`` does).

    >>> script_of("Привет"), script_of("Hello"), script_of("2024")
    ('cyr', 'lat', '')
    >>> to_cyrillic("Кeнeди")   # Latin e typed inside a Cyrillic word
    'Кенеди'
    >>> sorted(languages_excluded_by("щ"))
    ['be', 'mk', 'sr']
"""
from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "WORD",
    "RUSSIAN",
    "CYRILLIC_LANGS",
    "script_of",
    "is_lookalike",
    "to_cyrillic",
    "to_latin",
    "foreign_to_russian",
    "languages_excluded_by",
    "evidence_against",
    "russian_orthography_broken",
]

#: A word: letters (and combining marks), possibly joined by a hyphen or apostrophe.
WORD = re.compile(r"(?:[^\W\d_]|\u0301)+(?:[-'’ʼ](?:[^\W\d_])+)*")

RUSSIAN = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")

_COMMON = "абвгдежзклмнопрстуфхцчш"  # shared by every Cyrillic orthography below

#: Lower-case alphabet of each Cyrillic language we name (ISO 639-1, or 639-3 where there is none).
ALPHABETS: dict[str, frozenset[str]] = {
    "ru": RUSSIAN,
    "uk": frozenset(_COMMON + "ґєиіїйщьюя"),
    "be": frozenset(_COMMON + "ёіўйыьэюя"),
    "bg": frozenset(_COMMON + "иѝйщъьюя"),
    "sr": frozenset(_COMMON + "ђијљњћџ"),
    "mk": frozenset(_COMMON + "ѓѐѝиѕјљњќџ"),
    "kk": frozenset(RUSSIAN | set("әғқңөұүһі")),
    "ky": frozenset(RUSSIAN | set("ңөү")),
    "tt": frozenset(RUSSIAN | set("әөүҗңһ")),
    "ba": frozenset(RUSSIAN | set("әөүғҡңҙҫһ")),
    "tg": frozenset(_COMMON + "ғёӣиқйӯҳҷъэюяцщыь"),
    "mn": frozenset(RUSSIAN | set("өү")),
    "cv": frozenset(RUSSIAN | set("ӑӗҫӳ")),
}

#: Cyrillic-script languages the model may name (fastText lid.176 labels); those
#: without an alphabet above are never excluded by letters.
CYRILLIC_LANGS = frozenset(
    "ru uk be bg sr mk kk ky tt ba tg mn cv ce os sah av kv lez krc bxr xal tyv mhr mrj myv rue udm".split()
)

# Latin letters that look like Cyrillic ones (and back). A word made only of
# these is "ambiguous" and takes the script of its context.
_LAT2CYR = dict(zip("aceopxyijsABCEHKMOPTXYIJS", "асеорхуіјѕАВСЕНКМОРТХУІЈЅ"))
_CYR2LAT = {c: l for l, c in _LAT2CYR.items()}
_LAT2CYR_T = str.maketrans(_LAT2CYR)
_CYR2LAT_T = str.maketrans(_CYR2LAT)


def _letter_script(ch: str) -> str:
    o = ord(ch)
    if ch.isascii():
        return "lat" if ch.isalpha() else ""
    if 0x0400 <= o <= 0x052F or 0x1C80 <= o <= 0x1C8F or 0x2DE0 <= o <= 0x2DFF or 0xA640 <= o <= 0xA69F:
        return "cyr"
    if not ch.isalpha():
        return ""
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "lat"
    return name.split(" ", 1)[0].lower() or "other"


@functools.lru_cache(maxsize=1 << 16)
def script_of(word: str) -> str:
    """The script most letters of ``word`` are written in: ``cyr``, ``lat``, another script's
    Unicode name in lower case (``greek``, ``arabic``, ``cjk``...), or ``''`` if it has no letters.

    Latin look-alikes inside a mostly Cyrillic word count as Cyrillic, and back.
    """
    if word.isascii():
        return "lat" if word.isalpha() or any(ch.isalpha() for ch in word) else ""
    counts: dict[str, int] = {}
    for ch in word:
        s = _letter_script(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return ""
    if "cyr" in counts and "lat" in counts:
        # look-alikes count for the other script: Кeнeди is Cyrillic, Нello is Latin
        lat_true = sum(1 for ch in word if _letter_script(ch) == "lat" and ch not in _LAT2CYR)
        cyr_true = sum(1 for ch in word if _letter_script(ch) == "cyr" and ch not in _CYR2LAT)
        if cyr_true and not lat_true:
            counts["cyr"] += counts.pop("lat")
        elif lat_true and not cyr_true:
            counts["lat"] += counts.pop("cyr")
    return max(sorted(counts), key=counts.get)


_RUSSIAN_LOOKALIKES = frozenset("aceopxyABCEHKMOPTXYасеорхуАВСЕНКМОРТХУ")


@functools.lru_cache(maxsize=1 << 16)
def is_lookalike(word: str) -> bool:
    """True if every letter of ``word`` looks the same in Latin and Russian (``a``, ``Тор``, ``OK``).

    ``i j s`` are left out: ``iOS`` inside Russian text must not become Ukrainian ``іОЅ``.
    """
    return bool(word) and all(ch in _RUSSIAN_LOOKALIKES for ch in word if ch.isalpha())


def to_cyrillic(word: str) -> str:
    """Replace Latin look-alike letters by their Cyrillic twins."""
    return word.translate(_LAT2CYR_T)


def to_latin(word: str) -> str:
    """Replace Cyrillic look-alike letters by their Latin twins."""
    return word.translate(_CYR2LAT_T)


def foreign_to_russian(word: str) -> set[str]:
    """Cyrillic letters of ``word`` (lower-cased, accents dropped) that Russian does not write."""
    w = unicodedata.normalize("NFC", word.lower())
    return {ch for ch in w if _letter_script(ch) == "cyr" and ch.isalpha() and ch not in RUSSIAN}


def languages_excluded_by(letters: str | set[str] | frozenset[str]) -> frozenset[str]:
    """Languages among :data:`ALPHABETS` whose alphabet lacks one of ``letters`` (lower case)."""
    return _excluded(frozenset(letters))


@functools.lru_cache(maxsize=4096)
def _excluded_by_letter(ch: str) -> frozenset[str]:
    if not (ch.isalpha() and _letter_script(ch) == "cyr"):
        return frozenset()
    return frozenset(lang for lang, alphabet in ALPHABETS.items() if ch not in alphabet)


@functools.lru_cache(maxsize=1 << 16)
def _excluded(letters: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*map(_excluded_by_letter, letters))


@functools.lru_cache(maxsize=1 << 16)
def evidence_against(word: str) -> frozenset[str]:
    """Languages that the letters or spelling of the Cyrillic ``word`` (any case) speak against."""
    lw = word.lower()
    langs = _excluded(frozenset(lw))
    if russian_orthography_broken(lw):
        langs = langs | {"ru"}
    return langs


_HARD_SIGN_MISUSED = re.compile(r"ъ(?![еёюя])", re.IGNORECASE)


def russian_orthography_broken(word: str) -> bool:
    """True if ``word`` breaks a rule of modern Russian spelling that other languages do not keep.

    Russian writes ``ъ`` only before ``е ё ю я`` (``подъезд``); Bulgarian writes it
    as a vowel (``път``, ``към``) and pre-1918 Russian at the end of words.
    """
    return bool(_HARD_SIGN_MISUSED.search(word))
