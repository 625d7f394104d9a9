"""benchmarks/guide_relabel.py: codebook agreement and scores against two sets of labels."""
import importlib.util

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("guide_relabel", ROOT / "benchmarks" / "guide_relabel.py")
guide_relabel = importlib.util.module_from_spec(spec)
spec.loader.exec_module(guide_relabel)

ROWS = [{"text": "Tariffs on steel were raised again.", "tone": "contentious", "topics": ["trade"]},
        {"text": "The two navies held joint drills.", "tone": "cooperative", "topics": ["defence"]},
        {"text": "The meeting is set for February.", "tone": "neutral", "topics": []},
        {"text": "Visa rules for students were eased.", "tone": "cooperative", "topics": ["immigration"]}]


def test_identical_labels_agree_fully(tiny_model):
    ours = [{"row": i, "tone": r["tone"], "hard": False} for i, r in enumerate(ROWS)]
    out = guide_relabel.score_set(ROWS, ours, "tone", tiny_model)
    assert out["agreement"] == {"accuracy": 1.0, "kappa": 1.0}
    assert out["model_vs_original"] == out["model_vs_guide"]


def test_disagreement_is_counted_and_hard_rows_are_left_out(tiny_model):
    ours = [{"row": 0, "topics": ["trade"], "hard": False}, {"row": 1, "topics": [], "hard": True},
            {"row": 2, "topics": [], "hard": False}, {"row": 3, "topics": ["immigration"], "hard": False}]
    out = guide_relabel.score_set(ROWS, ours, "topic", tiny_model)
    assert out["n"] == 4 and out["n_not_hard"] == 3
    assert out["agreement"]["defence"]["accuracy"] == pytest.approx(0.75)
    assert out["agreement"]["trade"]["accuracy"] == 1.0
    assert out["agreement"]["tech"]["kappa"] is None  # no tech on either side: undefined, not NaN
    assert out["guide_label_counts"] == {"trade": 1, "immigration": 1, "defence": 0, "tech": 0}


def test_guide_labels_scored_as_predictions_of_the_original_codes(tiny_model):
    ours = [{"row": 0, "tone": "contentious"}, {"row": 1, "tone": "neutral"},
            {"row": 2, "tone": "neutral"}, {"row": 3, "tone": "cooperative"}]
    out = guide_relabel.score_set(ROWS, ours, "tone", tiny_model)
    # one cooperative row called neutral: cooperative F1 2/3, neutral F1 2/3, contentious 1
    assert out["guide_vs_original"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3, abs=1e-3)
