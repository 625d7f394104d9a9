"""Evaluation: how well labels agree with careful human labels.

>>> import stance
>>> rep = stance.evaluate([{"text": "Tariffs were doubled overnight.", "topics": ["trade"], "tone": "contentious"}])
>>> sorted(rep["all"])
['tone', 'topic']
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np

from .labels import TONES, TOPICS
from .metrics import multiclass_report, multilabel_report, tone_calibration, topic_calibration
from .model import topic_matrix, tone_vector


def reports_from_predictions(records: list[dict], P_topic: np.ndarray, P_tone: np.ndarray,
                             thresholds: np.ndarray) -> dict:
    """Topic and tone reports (with calibration) for records that carry gold ``topics`` and/or
    ``tone``, overall (``all``) and without hard sentences (``not_hard``)."""
    out: dict = {}
    hard = np.array([bool(r.get("hard", False)) for r in records], dtype=bool)
    for subset, mask in (("all", np.ones(len(records), dtype=bool)), ("not_hard", ~hard)):
        if subset == "not_hard" and not hard.any():
            continue
        part: dict = {}
        t_idx = [i for i in np.flatnonzero(mask) if "topics" in records[i]]
        if t_idx:
            Y = topic_matrix([records[i]["topics"] for i in t_idx])
            P = P_topic[t_idx]
            part["topic"] = multilabel_report(Y, P >= thresholds, TOPICS) | {
                "calibration": topic_calibration(Y, P)}
        k_idx = [i for i in np.flatnonzero(mask) if "tone" in records[i]]
        if k_idx:
            y = tone_vector([records[i]["tone"] for i in k_idx])
            P = P_tone[k_idx]
            part["tone"] = multiclass_report(y, P.argmax(axis=1), TONES) | {"calibration": tone_calibration(y, P)}
        out[subset] = part
    return out


def model_probabilities(records: list[dict], model) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities for each record's text as a single sentence, furniture rule included
    (the same path :func:`stance.classify` takes)."""
    from .scoring import _probabilities
    from .text import Sentence, is_furniture

    sents = [Sentence(r["text"], 0, len(r["text"]), is_furniture(r["text"])) for r in records]
    return _probabilities(model, sents)


def evaluate(data: str | Path | Iterable[dict], *, model=None) -> dict:
    """Evaluate a model on labelled sentences (a corpus path or records with ``text`` and
    ``topics`` and/or ``tone``). Returns per-class precision, recall and F1, micro and macro F1,
    confusion matrices and calibration, overall and without ``hard`` sentences."""
    from .data import read_labelled, normalise_record
    from .scoring import _resolve

    if isinstance(data, (str, Path)):
        records = read_labelled(data)
    else:
        records = [normalise_record(r, "<records>", i + 1) for i, r in enumerate(data)]
    m = _resolve(model)
    P_topic, P_tone = model_probabilities(records, m)
    return reports_from_predictions(records, P_topic, P_tone, m.thresholds_) | {"n": len(records)}
