"""National romanisation of Cyrillic place names, for names a source gives only in Cyrillic.

Ukrainian: the official table of the Cabinet of Ministers' resolution no. 55 of 27 January 2010 (the passport
and map standard, the spelling Ukrainian authorities, news agencies and ACLED write: Kharkiv, Zaporizhzhia,
Khmelnytskyi): є ї й ю я at the start of a word are ye yi y yu ya, elsewhere ie i i iu ia; "зг" is "zgh"; the
soft sign and the apostrophe are dropped.
Russian: the BGN/PCGN system without its diacritics (the form news writes: Belgorod, Kursk, Yekaterinburg):
е ё at the start of a word and after a vowel, ъ or ь are ye yo; -ий -ый endings iy yy; ъ ь dropped.
"""

from __future__ import annotations

import re

_UK_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z", "и": "y",
    "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ʼ": "",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

_RU_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}
_RU_YE = {"е": "ye", "ё": "yo"}
_RU_VOWELS = frozenset("аеёиоуыэюяъь")

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[\u0400-\u04ff'’ʼ]+")


def has_cyrillic(name: str) -> bool:
    return bool(_CYRILLIC.search(name))


def _cased(latin: str, upper: bool) -> str:
    return latin[:1].upper() + latin[1:] if upper and latin else latin


def _ukrainian_word(word: str) -> str:
    out: list[str] = []
    lower = word.lower()
    for i, ch in enumerate(lower):
        if ch == "г" and i > 0 and lower[i - 1] == "з":
            latin = "gh"  # зг → zgh (Zghurivka), not zh, which is ж
        elif i == 0 and ch in _UK_INITIAL:
            latin = _UK_INITIAL[ch]
        else:
            latin = _UK_BASE.get(ch, ch)
        out.append(_cased(latin, word[i].isupper()))
    return "".join(out)


def _russian_word(word: str) -> str:
    out: list[str] = []
    lower = word.lower()
    for i, ch in enumerate(lower):
        if ch in _RU_YE and (i == 0 or lower[i - 1] in _RU_VOWELS):
            latin = _RU_YE[ch]
        else:
            latin = _RU_BASE.get(ch, ch)
        out.append(_cased(latin, word[i].isupper()))
    return "".join(out)


def ukrainian_latin(name: str) -> str:
    """The KMU 2010 romanisation of a Ukrainian name ("Запоріжжя" → "Zaporizhzhia")."""
    return _WORD.sub(lambda m: _ukrainian_word(m.group(0)), name)


def russian_latin(name: str) -> str:
    """The BGN/PCGN-style romanisation of a Russian name without diacritics ("Ельня" → "Yelnya")."""
    return _WORD.sub(lambda m: _russian_word(m.group(0)), name)


ROMANISERS = {"ukr": ukrainian_latin, "rus": russian_latin}
