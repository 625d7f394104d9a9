import numpy as np
import pytest

from stance.model import StanceModel, best_threshold


def test_probabilities_shapes_and_ranges(tiny_model):
    P_topic, P_tone = tiny_model.predict_proba(["New tariffs on steel.", "Joint naval drills began."])
    assert P_topic.shape == (2, 4) and P_tone.shape == (2, 3)
    assert np.all((P_topic >= 0) & (P_topic <= 1))
    assert np.allclose(P_tone.sum(axis=1), 1.0)
    assert np.all((tiny_model.thresholds_ >= 0.05) & (tiny_model.thresholds_ <= 0.95))


def test_one_featurisation_feeds_both_heads(tiny_model):
    X = tiny_model.transform(["Troops held joint exercises."])
    a = tiny_model.predict_proba_features(X)
    b = tiny_model.predict_proba(["Troops held joint exercises."])
    assert np.allclose(a[0], b[0]) and np.allclose(a[1], b[1])


def test_training_is_deterministic(tiny_corpus):
    from stance.data import read_training

    recs = read_training(tiny_corpus)
    args = ([r["text"] for r in recs], [r["topics"] for r in recs], [r["tone"] for r in recs])
    p1 = StanceModel(cv=2, calibration_cv=2).fit(*args).predict_proba(["Tariffs on chips rose."])
    p2 = StanceModel(cv=2, calibration_cv=2).fit(*args).predict_proba(["Tariffs on chips rose."])
    assert np.array_equal(p1[0], p2[0]) and np.array_equal(p1[1], p2[1])


def test_fit_rejects_missing_tone():
    with pytest.raises(ValueError, match="every tone needs examples"):
        StanceModel(cv=2, calibration_cv=2).fit(
            ["Tariffs up.", "Tariffs down.", "Drills held.", "Visas eased.", "Chips banned.", "Talks."] * 2,
            [["trade"], ["trade"], ["defence"], ["immigration"], ["tech"], []] * 2,
            ["neutral"] * 12)


def test_unfitted_model_says_so():
    with pytest.raises(RuntimeError, match="not fitted"):
        StanceModel().predict_proba(["x"])


def test_best_threshold_finds_the_separating_cut():
    y = np.array([0, 0, 0, 1, 1])
    p = np.array([0.1, 0.2, 0.3, 0.35, 0.9])
    t = best_threshold(y, p)
    assert 0.3 < t <= 0.35


def test_lexicon_weight_strengthens_lexicon_rows(tiny_corpus):
    """A term seen only in the lexicon rows gets more of its topic as the rows weigh more."""
    from stance.data import read_training

    recs = read_training(tiny_corpus)
    args = ([r["text"] for r in recs], [r["topics"] for r in recs], [r["tone"] for r in recs])
    extra = (["gallium smelter", "rare earth magnet plant", "germanium refinery"], [["trade"]] * 3)
    probe = ["The gallium smelter and the germanium refinery reopened."]
    p = [StanceModel(cv=2, calibration_cv=2, lexicon_weight=w).fit(*args, topic_extra=extra)
         .predict_proba(probe)[0][0, 0] for w in (1.0, 5.0)]
    logit = [np.log(x / (1 - x)) for x in p]
    assert logit[1] > logit[0] + 1.0
