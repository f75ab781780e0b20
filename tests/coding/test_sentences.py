from sitrep.coding.sentences import split_clauses, split_sentences


def test_offsets_point_into_the_text():
    text = "Gen. Smith said the U.S. Army left. Then 3 died.\n\nA new paragraph here."
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["Gen. Smith said the U.S. Army left.", "Then 3 died.", "A new paragraph here."]
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert sents[0].paragraph == sents[1].paragraph != sents[2].paragraph


def test_quote_closing_a_sentence():
    sents = split_sentences('"We won," he said. "It was hard." Police left.')
    assert [s.text for s in sents] == ['"We won," he said.', '"It was hard."', "Police left."]


def test_two_reports_joined_by_while_split_into_clauses_with_offsets():
    text = ("Gunmen killed five herders near the town on Sunday, while three soldiers died when their truck hit "
            "a mine the next day, officials said.")
    (s,) = split_sentences(text)
    first, second = split_clauses(s)
    assert first.text == "Gunmen killed five herders near the town on Sunday"
    assert second.text.startswith("three soldiers died") and text[second.start:second.end] == second.text


def test_short_pieces_are_not_clauses():
    (s,) = split_sentences("He was beaten while in custody, his lawyer said.")
    assert split_clauses(s) == [s]
