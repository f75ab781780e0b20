from sitrep.coding.sentences import split_sentences


def test_offsets_point_into_the_text():
    text = "Gen. Smith said the U.S. Army left. Then 3 died.\n\nA new paragraph here."
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["Gen. Smith said the U.S. Army left.", "Then 3 died.", "A new paragraph here."]
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert sents[0].paragraph == sents[1].paragraph != sents[2].paragraph


def test_quote_closing_a_sentence():
    sents = split_sentences('"We won," he said. "It was hard." Police left.')
    assert [s.text for s in sents] == ['"We won," he said.', '"It was hard."', "Police left."]
