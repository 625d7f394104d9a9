"""Shared fixtures: a tiny model trained in about a second, paths to shared material."""
from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = HERE / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def tiny_corpus() -> Path:
    return FIXTURES / "tiny.jsonl"


@pytest.fixture(scope="session")
def tiny_model(tiny_corpus):
    from stance.data import read_training
    from stance.model import StanceModel

    recs = read_training(tiny_corpus)
    model = StanceModel(cv=2, calibration_cv=2)
    model.fit([r["text"] for r in recs], [r["topics"] for r in recs], [r["tone"] for r in recs])
    return model


@pytest.fixture(scope="session")
def saved_tiny(tmp_path_factory, tiny_model):
    """The tiny model written as an artefact with its card."""
    from stance.resources import save_model
    from stance.labels import TONES, TOPICS
    import sklearn

    out = tmp_path_factory.mktemp("model")
    card = {"name": "tiny", "labels": {"topics": list(TOPICS), "tones": list(TONES)},
            "versions": {"scikit-learn": sklearn.__version__}}
    return save_model(tiny_model, card, out)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    d = SHARED / "seeds"
    if not d.is_dir() or not list(d.glob("*.txt")):
        pytest.skip("../shared/seeds is not present")
    return d


@pytest.fixture(scope="session")
def benchmarks_dir() -> Path:
    d = SHARED / "benchmarks"
    if not d.is_dir():
        pytest.skip("../shared/benchmarks is not present")
    return d
