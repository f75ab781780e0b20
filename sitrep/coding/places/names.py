"""Name keys of the gazetteer: the matching key of a name, spelling-tolerant keys for transliterated and Korean
names, South Korean display spellings, and ACLED's spelling of GeoNames admin1 names."""

from __future__ import annotations

import re
import unicodedata

# Arabic unit names are written without their article as often as with it ("Muthanna province", "Anbar").
ARABIC_ARTICLE = re.compile(r"^(?:Al|As|Ad|Ash|Ar|An|Az|At|Ath|Adh)[ -](?=[A-Z])")

# GeoNames admin1 names carry type words that ACLED leaves out ("Kursk Oblast" → "Kursk").
_ADMIN_AFFIXES = re.compile(
    r"^(?:Muhafazat|Mayorality of|Provincia de|Provincia del|Departamento de|Departamento del|Estado de|"
    r"Province of|State of|Region of|Wilayat|Wilayah|Daerah|Comunidad de|Comunidad Foral de|Region de|"
    r"Principado de|Opstina|Raionul|Municipiul)\s+|"
    r"^(?:Province|D[ée]partement|Pr[ée]fecture|R[ée]gion|Commune|Cercle|Municipio|Distrito)\s+"
    r"(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|del\s+)|"
    r"\s+(?:Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|Zizhiqu|Sheng|Shi)$|"
    r"\s+(?:Oblast'?|Oblast|Province|Region|Governorate|State|Department|Krai|Kray|Prefecture|District|"
    r"Division|Territory|Autonomous Region|Special Region|Municipality|County|Wilaya|Velayat|Viloyati|"
    r"Rayon|Raion|Voivodeship|Muhafazah|Oblysy|Ili|Vilayeti)$",
    re.IGNORECASE,
)



def normalise(name: str) -> str:
    """The matching key of a name: lower case, accents and apostrophe variants removed, spaces squeezed."""
    name = name.replace("’", "'").replace("‘", "'").replace("`", "'").replace("ʼ", "'")
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(folded.lower().replace("-", " ").split())


# Transliteration variants folded by loose_key: plain replacements in order, then the regex steps.
_LOOSE_REPLACE = [("'", ""), ("’", ""), ("`", ""), ("ʿ", ""), ("ʾ", ""), ("‘", ""), ("dzh", "j"), ("zh", "j"),
                  ("dj", "j"), ("kh", "h"), ("gh", "g"), ("g", "h"), ("ph", "f"), ("tsch", "c"), ("tch", "c"),
                  ("ch", "c"), ("ck", "k"), ("q", "k"), ("c", "k"), ("ts", "s"), ("tz", "s"), ("w", "v"), ("ou", "u"),
                  ("oo", "u"), ("ee", "i"), ("y", "i"), ("ae", "a"), ("oe", "o"), ("ue", "u")]
_LOOSE_STEPS = [(re.compile(p), r) for p, r in [
    (r"(.)\1+", r"\1"),
    (r"(?:ovka|evka|eevka)$", "ivka"), (r"sk(?:oie|oe|aia|ii|e|o|a)$", "sk"), (r"n(?:oie|oe|aia|ii)$", "ne"),
    (r"iv$", "ov"), (r"h$", ""), (r"[aeiou]+$", ""),
]]
_ARTICLES = frozenset("al el ash as ad an ar az at ath adh ed es en er ez ul ur".split())


def loose_key(name: str, normalised: bool = False) -> str:
    """A spelling-tolerant key for transliterated names: al-/el- articles, doubled letters, kh/h, ou/u, y/i,
    Ukrainian/Russian endings (-ivka/-ovka, -ske/-skoye, -iv/-ov) and final vowels folded. Only for names already
    cued as places in a known country: it merges far too much to be used on free text."""
    key = "".join(t for t in (name if normalised else normalise(name)).split() if t not in _ARTICLES)
    for old, new in _LOOSE_REPLACE:
        if old in key:
            key = key.replace(old, new)
    for pattern, repl in _LOOSE_STEPS:
        key = pattern.sub(repl, key)
    return key


# Korean romanisations: GeoNames often writes McCune-Reischauer (Kwach'ŏn, Taegu, P'ohang, Songnim-ni) where news
# writes the Revised Romanisation (Gwacheon, Daegu, Pohang). korean_key folds both to one key: aspiration marks and
# breves dropped, eo/eu to o/u, plain/aspirate initials (g/k, d/t, b/p, j/ch) and r/l merged, shi→si, and trailing
# administrative-unit words (-si, -gun, -gu, -eup, -myeon, -ri, -dong and their older spellings) removed.
KOREAN_COUNTRIES = frozenset({"KR", "KP"})
KOREAN_PREFIX = "kr:"  # keeps Korean keys apart from loose_key's in Gazetteer.loose
_KOREAN_UNITS = frozenset("si shi gun kun gu ku eup up myeon myon ri ni dong tong city county".split())
_KOREAN_STEPS = [(re.compile(p), r) for p, r in [
    (r"['’‘`ʼ]", ""), (r"eo", "o"), (r"eu", "u"), (r"sh", "s"), (r"ch", "c"), (r"j", "c"), (r"g", "k"),
    (r"d", "t"), (r"b", "p"), (r"r", "l"), (r"(.)\1+", r"\1"),
]]


def korean_key(name: str, normalised: bool = False) -> str:
    """The romanisation-tolerant key of a Korean place name (Gwacheon-si = Kwach'ŏn), prefixed by KOREAN_PREFIX;
    "" when nothing is left after the unit words. Only for Korean entries: it merges far too much elsewhere."""
    words = (name if normalised else normalise(name)).split()
    while len(words) > 1 and words[-1] in _KOREAN_UNITS:
        words.pop()
    key = "".join(words)
    for pattern, repl in _KOREAN_STEPS:
        key = pattern.sub(repl, key)
    return KOREAN_PREFIX + key if len(key) >= 3 else ""


_KOREAN_CITY_SUFFIX = re.compile(r"(?:[- ](?:si|shi)| City)$")
_MR_PLAIN_INITIAL = re.compile(r"(?:k|t|p|ch)(?!')", re.I)
# Never Revised Romanisation: a bare "c" ("Cungcu"), "sh" (pinyin "An Shan"), l between vowels ("Guli"), final g.
_NOT_RR = re.compile(r"c(?!h)|sh|[aeiou]l[aeiou]|[aeiou]g$")


def south_korean_display_name(name: str, aliases: set[str]) -> str:
    """The Revised-Romanisation spelling of a South Korean place that news and ACLED write ("Dangjin", "Cheongju",
    "Gangneung") chosen among its GeoNames spellings of the same korean_key, without the city word ("Icheon-si")."""
    key = korean_key(name)
    if not key:
        return name
    bare = {(_KOREAN_CITY_SUFFIX.sub("", a) or a) for a in {name, *aliases} if korean_key(a) == key}
    # "hongcheon": lower-case GeoNames aliases are still good spellings once capitalised.
    same = [a.title() if a.islower() else a for a in bare]

    def rank(spelling: str) -> tuple[bool, bool, bool, bool, bool, int, bool, str]:
        # RR is capitalised plain ASCII without aspiration apostrophes, writes plain initials g/d/b/j, and eo/eu.
        lower = spelling.lower()
        marked = not spelling.isascii() or "'" in spelling or "’" in spelling
        return (not spelling[:1].isupper(), bool(_NOT_RR.search(lower)), marked,
                bool(_MR_PLAIN_INITIAL.match(spelling)), "-" in spelling or " " in spelling,
                -lower.count("eo") - lower.count("eu"), spelling != name, spelling)

    best = min(same, key=rank)
    if best.isascii() and "'" not in best:
        return best
    # Only a McCune-Reischauer spelling: its aspiration marks go and ŏ/ŭ become eo/eu (T'aebaek → Taebaek).
    best = re.sub(r"['’]", "", best)
    for mr, rr in (("wŏ", "wo"), ("ŏ", "eo"), ("ŭ", "eu"), ("Ŏ", "Eo"), ("Ŭ", "Eu")):
        best = best.replace(mr, rr)
    return "".join(ch for ch in unicodedata.normalize("NFKD", best) if not unicodedata.combining(ch))


def is_latin_alias(alias: str) -> bool:
    # Aliases in other scripts can never match English text; codes ("KBL") and very short names are noise.
    if len(alias) < 3 or alias.isupper() or any(ch.isdigit() for ch in alias):
        return False
    return all(ord(ch) < 0x250 or ch in "’‘ʼ" for ch in alias)


def acled_admin1_name(geonames_name: str) -> str:
    """ACLED's spelling of a GeoNames admin1 name by the general rule (type words dropped)."""
    stripped = _ADMIN_AFFIXES.sub("", geonames_name).strip() or geonames_name
    return stripped[0].upper() + stripped[1:]

