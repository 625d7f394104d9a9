import pytest

import stance


def test_explain_names_the_terms_behind_the_tone():
    ex = stance.explain("The minister accused the neighbour of threatening new tariffs.")
    assert ex.tone == stance.classify(["The minister accused the neighbour of threatening new tariffs."])[0].tone
    assert set(ex.topic_terms) == set(stance.TOPICS) and set(ex.tone_terms) == set(stance.TONES)
    pushes = dict(ex.tone_terms["contentious"])
    assert any(term.startswith("accus") and w > 0 for term, w in pushes.items())
    assert any(term.startswith("tariff") and w > 0 for term, w in ex.topic_terms["trade"])
    assert "tone terms" in ex.summary()
    assert ex.to_dict()["tone"] == ex.tone


def test_explain_furniture_and_bad_input():
    ex = stance.explain("Read more")
    assert ex.tone == "neutral" and all(not v for v in ex.tone_terms.values())
    with pytest.raises(TypeError, match="must be str"):
        stance.explain(None)
