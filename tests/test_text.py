import pytest

from stance.text import MAX_SENTENCE_CHARS, clean_text, is_furniture, split_sentences


def texts(s):
    return [x.text for x in split_sentences(s)]


def test_abbreviations_do_not_end_sentences():
    s = "Mr. Trump met Mr. Modi in Washington, D.C. on Monday."
    assert texts(s) == [s]
    assert texts("The U.S. Army and Dr. Rao arrived. Talks began at 9 a.m. sharp.") == [
        "The U.S. Army and Dr. Rao arrived.", "Talks began at 9 a.m. sharp."]


def test_quotes_headlines_and_one_line_paragraphs():
    doc = ("Ministers Meet In Geneva\n\n"
           "\u201cWe agree on the goal,\u201d the minister said. \"Details will follow.\" Then they left.\n"
           "A one-line paragraph without a stop\n")
    assert texts(doc) == ["Ministers Meet In Geneva", "\u201cWe agree on the goal,\u201d the minister said.",
                          "\"Details will follow.\"", "Then they left.", "A one-line paragraph without a stop"]


def test_offsets_slice_back_to_the_text():
    doc = "  First one.  Second one!\n\n\tThird?  \nFourth \u200b line"
    for s in split_sentences(doc):
        assert doc[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


def test_non_string_is_a_type_error():
    with pytest.raises(TypeError, match="must be str, got bytes"):
        split_sentences(b"bytes")


def test_long_runs_without_punctuation_are_cut():
    doc = " ".join(["word"] * 3000)
    sents = split_sentences(doc)
    assert len(sents) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sents)
    assert all(doc[s.start:s.end] == s.text for s in sents)


def test_control_and_zero_width_characters_keep_offsets():
    doc = "Tariffs\u200b rose.\x00 Exports fell."
    assert len(clean_text(doc)) == len(doc)
    assert [s.text for s in split_sentences(doc)][-1] == "Exports fell."


@pytest.mark.parametrize("line", [
    "Read more", "Share on Facebook", "Leave a Comment", "Related posts", "Spread the love",
    "7 + 2 = ?", "\u2212 3 = 4", "fr_FRFran\u00e7ais", "Mailing Address", "17 Lantern Hill Ave.",
    "Maple Falls, VT 05401", "Photo: Getty Images", "IMAGE: Ministers meet in Delhi.",
    "Subscribe to our newsletter", "Your support makes our reporting possible.",
    "(With inputs from agencies)", "By Jane Doe, Staff Writer", "\u00a9 2026 Example Media. All rights reserved.",
    "open image in gallery Leaders talk ( Reuters )", "12 comments", "Sign up for the morning briefing",
])
def test_furniture_is_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Tariffs rose again.", "By Friday, both sides agreed.", "Ghana received a donation of vaccines.",
    "Copyright protections feature in the trade deal.", "Published data show exports rose 4% in 2025.",
    "Post-war talks resume", "Read the fine print: the deal caps steel imports at 2 million tonnes.",
])
def test_news_is_not_furniture(line):
    assert not is_furniture(line)


def test_appeal_paragraph_is_furniture_whole():
    para = ("Your support keeps us going. We send reporters to the front lines of every story. "
            "Readers like you make that work possible. Donate today.")
    assert all(s.furniture for s in split_sentences(para))


def test_leading_date_stamp_is_split_off():
    sents = split_sentences("date 2025-01-28 The ministers met in Delhi.")
    assert sents[0].furniture and sents[0].text == "date 2025-01-28"
    assert sents[1].text == "The ministers met in Delhi." and not sents[1].furniture
