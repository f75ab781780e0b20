from sitrep.language import detect_language


def test_short_english_text_is_en():
    assert detect_language("Gunmen killed at least 12 villagers in an attack on Tuesday, police said.") == "en"


def test_short_french_text_is_fr():
    assert detect_language("Des hommes armés ont tué au moins douze villageois mardi, a indiqué la police.") == "fr"


def test_text_without_letters_is_unknown():
    assert detect_language("") == ""
    assert detect_language("   ") == ""
    assert detect_language("12 345 2025") == ""


def test_same_text_same_answer():
    # A mixed, ambiguous text is where an unseeded langdetect flips between answers.
    text = "Kyiv Odesa Kharkiv Dnipro Zaporizhzhia drone"
    assert len({detect_language(text) for _ in range(20)}) == 1
