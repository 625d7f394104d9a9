import json
import math

import numpy as np
import pandas as pd
import pytest

import stance
from stance.scoring import FIGURE_COLUMNS


def test_classify_labels_sentences_as_given(tiny_model):
    out = stance.classify(["Tariffs on steel were doubled. Troops massed.", "Read more"], model=tiny_model)
    assert len(out) == 2
    assert out[0].start == 0 and out[0].end == len(out[0].text)
    assert out[1].furniture and out[1].topics == () and out[1].tone == "neutral"
    assert set(out[0].topic_probs) == set(stance.TOPICS)
    assert sum(out[0].tone_probs.values()) == pytest.approx(1.0)


def test_score_figures_and_offsets(tiny_model):
    text = ("Leaders Hail New Chapter\n\nThe two governments signed a free trade agreement. "
            "Artillery shelling across the frontier killed soldiers.\nRead more")
    art = stance.score(text, model=tiny_model)
    assert art.n_sentences == 4 and art.n_furniture == 1 and art.n_content == 3
    for s in art.sentences:
        assert text[s.start:s.end] == s.text
    assert sum(art.tone_share.values()) == pytest.approx(1.0)
    assert all(0 <= v <= 1 for v in art.topic_share.values())
    coop, cont = art.tone_counts["cooperative"], art.tone_counts["contentious"]
    if coop + cont:
        assert art.net_tone == pytest.approx((coop - cont) / (coop + cont))
        assert art.balance == pytest.approx(1 - abs(art.net_tone))
    d = art.to_dict()
    json.dumps(d)  # JSON-safe
    assert len(d["sentences"]) == 4


def test_furniture_never_moves_the_balance(tiny_model):
    body = "The allies signed a pact to co-produce armoured vehicles. Missile tests alarmed the neighbour."
    furnished = "Mailing Address\n" + body + "\nRead more\nSubscribe to our newsletter\n7 + 2 = ?\nde_DEDeutsch"
    a, b = stance.score(body, model=tiny_model), stance.score(furnished, model=tiny_model)
    assert b.n_furniture == 5
    assert a.topic_share == b.topic_share and a.tone_share == b.tone_share
    assert (a.net_tone == b.net_tone) or (math.isnan(a.net_tone) and math.isnan(b.net_tone))


def test_empty_text_gives_an_empty_result(tiny_model):
    for text in ("", "   \n\t "):
        art = stance.score(text, model=tiny_model)
        assert art.n_sentences == 0 and art.sentences == ()
        assert "no_sentences" in art.flags and "no_toned_sentences" in art.flags
        assert math.isnan(art.net_tone) and art.to_dict()["net_tone"] is None


def test_only_furniture_is_flagged(tiny_model):
    art = stance.score("Read more\nShare on Facebook", model=tiny_model)
    assert art.flags == ("only_furniture", "no_toned_sentences")


@pytest.mark.parametrize("bad", [None, b"bytes", 42, 3.5, ["a list"]])
def test_non_string_input_is_a_type_error(tiny_model, bad):
    with pytest.raises(TypeError, match="must be str"):
        stance.score(bad, model=tiny_model)


def test_classify_rejects_non_strings(tiny_model):
    with pytest.raises(TypeError, match="sentence 1 must be str, got NoneType"):
        stance.classify(["ok", None], model=tiny_model)


def test_score_many_keeps_ids_and_reports_bad_records(tiny_model):
    arts = [{"id": "a", "outlet": "X", "date": "2026-01-01", "text": "Tariffs were raised on steel."},
            {"id": "b", "outlet": "Y", "text": None},
            {"id": "c", "outlet": "Y", "text": "Troops held joint exercises. Read more"},
            {"id": "d", "outlet": "Z"}]
    df = stance.score_many(arts, model=tiny_model, batch_size=2)
    assert list(df["id"]) == ["a", "b", "c", "d"]
    assert list(df.columns[:3]) == ["id", "outlet", "date"]
    assert set(FIGURE_COLUMNS) <= set(df.columns)
    assert df.loc[1, "error"] == "text must be str, got NoneType"
    assert "no 'text'" in df.loc[3, "error"]
    assert df["error"].isna().tolist() == [True, False, True, False]
    assert df.loc[2, "n_furniture"] == 1


def test_score_many_matches_score(tiny_model):
    texts = ["The two governments signed a free trade agreement. Visa fees will double.",
             "Hackers attacked the ministry's servers.\nPhoto: Reuters", ""]
    df = stance.score_many(texts, model=tiny_model)
    assert list(df["id"]) == [0, 1, 2]
    for i, t in enumerate(texts):
        art = stance.score(t, model=tiny_model)
        for topic in stance.TOPICS:
            assert df.loc[i, f"topic_{topic}"] == pytest.approx(art.topic_share[topic])
        for tone in stance.TONES:
            assert df.loc[i, f"tone_{tone}"] == pytest.approx(art.tone_share[tone])
        assert df.loc[i, "flags"] == ";".join(art.flags)


def test_score_many_accepts_a_dataframe_and_a_path(tiny_model, tmp_path):
    frame = pd.DataFrame({"outlet": ["X", "Y"], "text": ["Tariffs rose.", "Visas were eased."]},
                         index=["r1", "r2"])
    df = stance.score_many(frame, model=tiny_model)
    assert list(df["id"]) == ["r1", "r2"] and list(df["outlet"]) == ["X", "Y"]
    (tmp_path / "one.txt").write_text("Troops held joint exercises.", encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(b"\xff\xfe broken")
    df = stance.score_many(tmp_path, model=tiny_model)
    assert list(df["id"]) == ["one", "two"]
    assert "not valid UTF-8" in df.loc[1, "error"]


def test_sentences_frame(tiny_model):
    art = stance.score("Tariffs rose. Read more", model=tiny_model)
    frame = art.sentences_frame()
    assert list(frame["furniture"]) == [False, True]
    assert np.allclose(frame[[f"p_{k}" for k in stance.TONES]].sum(axis=1), 1.0)


def test_rounded_tone_shares_still_sum_to_one():
    from stance.scoring import _round_shares

    for v in ([1 / 3, 1 / 3, 1 / 3], [0.1234567, 0.4567891, 0.4197542], [0.0, 0.0, 1.0]):
        assert sum(_round_shares(np.array(v))) == pytest.approx(1.0, abs=1e-12)
    assert all(math.isnan(x) for x in _round_shares(np.array([np.nan, np.nan, np.nan])))  # a topic never seen
