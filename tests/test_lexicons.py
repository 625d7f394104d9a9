"""The project's lexicons: well formed, shipped, and learned by the bundled model."""
import pytest

import stance
from stance.data import DataError, load_lexicons


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def test_lexicon_sizes(lexicons):
    for t in stance.TOPICS:
        assert len(lexicons[t]) >= 400, t
    for k in stance.TONES:
        assert len(lexicons[k]) >= 300, k


@pytest.mark.parametrize("topic", stance.TOPICS)
def test_each_topic_term_alone_gets_its_topic(lexicons, topic):
    terms = lexicons[topic]
    missed = [term for term, s in zip(terms, stance.classify(terms)) if topic not in s.topics]
    assert not missed, f"{len(missed)} of {len(terms)} {topic} terms missed: {missed[:20]}"


def test_tone_cues_mostly_get_their_tone(lexicons):
    for tone in stance.TONES:
        cues = lexicons[tone]
        hit = sum(s.tone == tone for s in stance.classify(cues))
        assert hit / len(cues) >= 0.97, (tone, hit, len(cues))


def test_bad_lexicon_files_are_named(tmp_path):
    (tmp_path / "trade.txt").write_text("tariff\n\nquota\n", encoding="utf-8")
    with pytest.raises(DataError, match="trade.txt:2: empty line"):
        load_lexicons(tmp_path)
    (tmp_path / "trade.txt").write_text("tariff\nTariff\n", encoding="utf-8")
    with pytest.raises(DataError, match="duplicate lexicon term"):
        load_lexicons(tmp_path)
    (tmp_path / "trade.txt").unlink()
    (tmp_path / "sport.txt").write_text("goal\n", encoding="utf-8")
    with pytest.raises(DataError, match="unknown lexicon 'sport'"):
        load_lexicons(tmp_path)
