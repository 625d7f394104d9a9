import json
import shutil

import pytest

import stance
from stance.exceptions import ModelIntegrityError
from stance.resources import (ModelVersionWarning, card_path_for, load_model, read_card, resolve_model_path,
                              verify)


def _copy(saved, tmp_path):
    dst = tmp_path / saved.name
    shutil.copy(saved, dst)
    shutil.copy(card_path_for(saved), card_path_for(dst))
    return dst


def test_user_given_path_needs_trust(saved_tiny):
    with pytest.raises(ModelIntegrityError, match="trusted=True"):
        load_model(saved_tiny)
    model = load_model(saved_tiny, trusted=True)
    assert model.card["name"] == "tiny"
    assert model.predict_proba(["Tariffs rose."])[0].shape == (1, 4)


def test_flipped_byte_is_refused_before_unpickling(saved_tiny, tmp_path):
    dst = _copy(saved_tiny, tmp_path)
    data = bytearray(dst.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dst.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="does not match its card"):
        load_model(dst, trusted=True)


def test_missing_card_is_refused(saved_tiny, tmp_path):
    dst = tmp_path / "lonely.joblib"
    shutil.copy(saved_tiny, dst)
    with pytest.raises(ModelIntegrityError, match="card .* is missing"):
        verify(dst)


def test_other_sklearn_minor_version_warns(saved_tiny, tmp_path):
    dst = _copy(saved_tiny, tmp_path)
    card = read_card(dst)
    card["versions"]["scikit-learn"] = "0.1.0"
    card_path_for(dst).write_text(json.dumps(card))
    with pytest.warns(ModelVersionWarning, match="trained with scikit-learn 0.1.0"):
        load_model(dst, trusted=True)


def test_env_variable_needs_trust_flag(saved_tiny, monkeypatch):
    monkeypatch.setenv("STANCE_MODEL", str(saved_tiny))
    monkeypatch.delenv("STANCE_TRUST_MODEL", raising=False)
    with pytest.raises(ModelIntegrityError, match="STANCE_TRUST_MODEL=1"):
        load_model()
    monkeypatch.setenv("STANCE_TRUST_MODEL", "1")
    assert load_model().card["name"] == "tiny"


def test_bundled_model_is_found_and_agrees_with_its_card():
    path, origin = resolve_model_path()
    assert origin in ("package", "checkout")
    card = verify(path)
    model = load_model()
    assert model.card == card
    assert card["labels"] == {"topics": list(stance.TOPICS), "tones": list(stance.TONES)}
    assert list(card["thresholds"]) == list(stance.TOPICS)
    assert [card["thresholds"][t] for t in stance.TOPICS] == pytest.approx(list(model.thresholds_))
    import sklearn
    assert card["versions"]["scikit-learn"].split(".")[:2] == sklearn.__version__.split(".")[:2]


def test_skops_round_trip_needs_no_trust_and_refuses_foreign_types(tiny_model, tmp_path):
    sio = pytest.importorskip("skops.io")
    from stance.resources import load_skops, save_skops

    path = save_skops(tiny_model, tmp_path / "model.skops")
    loaded = load_skops(path)
    texts = ["Tariffs rose.", "Troops held joint drills."]
    import numpy as np
    assert np.allclose(loaded.predict_proba(texts)[0], tiny_model.predict_proba(texts)[0])
    # a file that would build another type is refused before anything is built
    import collections
    sio.dump({"model": collections.OrderedDict(a=1), "x": __import__("fractions").Fraction(1, 3)},
             tmp_path / "evil.skops")
    with pytest.raises(ModelIntegrityError, match="types stance does not expect"):
        load_skops(tmp_path / "evil.skops")


def test_bundled_model_was_trained_on_this_checkouts_corpus_and_lexicons():
    from conftest import ROOT
    from stance.data import files_sha256
    from stance.training import _dir_sha256

    corpus = ROOT / "data" / "sentences"
    if not corpus.is_dir():
        pytest.skip("no corpus in this checkout")
    td = stance.load_model().card["training_data"]
    assert td["sha256"] == files_sha256(corpus), "the corpus changed: retrain the bundled model"
    assert td["lexicons"]["sha256"] == _dir_sha256(ROOT / "data" / "lexicons", "*.txt")
    assert td["n_sentences"] == sum(1 for f in corpus.glob("*.jsonl") for line in f.open() if line.strip())


def test_add_card_metrics_keeps_the_artefact_valid(tmp_path, saved_tiny):
    from stance.resources import add_card_metrics

    art = tmp_path / saved_tiny.name
    shutil.copy(saved_tiny, art)
    shutil.copy(card_path_for(saved_tiny), card_path_for(art))
    add_card_metrics(art, "extra_eval", {"macro_f1": 0.5})
    assert read_card(art)["metrics"]["extra_eval"] == {"macro_f1": 0.5}
    assert load_model(art, trusted=True).card["metrics"]["extra_eval"]["macro_f1"] == 0.5
