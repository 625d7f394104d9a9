"""Metrics shared by training (the model card) and evaluation reports.

>>> import numpy as np
>>> from stance.metrics import multilabel_report
>>> r = multilabel_report(np.array([[1, 0], [0, 1]]), np.array([[1, 0], [1, 1]]), ["a", "b"])
>>> r["per_class"]["a"]["precision"], r["micro_f1"]
(0.5, 0.8)
"""
from __future__ import annotations

from typing import Sequence

import numpy as np


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": int(tp + fn)}


def multilabel_report(Y: np.ndarray, Yhat: np.ndarray, labels: Sequence[str]) -> dict:
    """Per-label precision/recall/F1, micro and macro F1, and per-label 2x2 confusion."""
    Y = np.asarray(Y).astype(bool)
    Yhat = np.asarray(Yhat).astype(bool)
    per, conf = {}, {}
    TP = FP = FN = 0
    for j, name in enumerate(labels):
        tp = int(np.sum(Y[:, j] & Yhat[:, j]))
        fp = int(np.sum(~Y[:, j] & Yhat[:, j]))
        fn = int(np.sum(Y[:, j] & ~Yhat[:, j]))
        tn = int(len(Y) - tp - fp - fn)
        per[name] = _prf(tp, fp, fn)
        conf[name] = {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
        TP, FP, FN = TP + tp, FP + fp, FN + fn
    present = [n for n in labels if per[n]["support"] > 0]
    return {"n": int(len(Y)), "per_class": per, "micro_f1": _prf(TP, FP, FN)["f1"],
            "macro_f1": round(float(np.mean([per[n]["f1"] for n in present])) if present else 0.0, 4),
            "confusion": conf}


def multiclass_report(y: np.ndarray, yhat: np.ndarray, labels: Sequence[str]) -> dict:
    """Per-class precision/recall/F1, accuracy, micro and macro F1 and the confusion matrix
    (rows true, columns predicted, in ``labels`` order)."""
    y = np.asarray(y)
    yhat = np.asarray(yhat)
    k = len(labels)
    cm = np.zeros((k, k), dtype=int)
    np.add.at(cm, (y, yhat), 1)
    per = {name: _prf(int(cm[i, i]), int(cm[:, i].sum() - cm[i, i]), int(cm[i, :].sum() - cm[i, i]))
           for i, name in enumerate(labels)}
    present = [n for i, n in enumerate(labels) if cm[i, :].sum() > 0]
    acc = float(np.trace(cm) / cm.sum()) if cm.sum() else 0.0
    return {"n": int(len(y)), "per_class": per, "accuracy": round(acc, 4), "micro_f1": round(acc, 4),
            "macro_f1": round(float(np.mean([per[n]["f1"] for n in present])) if present else 0.0, 4),
            "confusion": {"labels": list(labels), "matrix": cm.tolist()}}


def calibration_table(correct: np.ndarray, confidence: np.ndarray, bins: int = 10) -> dict:
    """Expected calibration error and a reliability table: for each confidence bin, how many
    predictions, their mean confidence and the share that were right."""
    correct = np.asarray(correct, dtype=float)
    confidence = np.asarray(confidence, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    idx = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    rows, ece = [], 0.0
    n = max(len(correct), 1)
    for b in range(bins):
        mask = idx == b
        m = int(mask.sum())
        if not m:
            continue
        conf = float(confidence[mask].mean())
        acc = float(correct[mask].mean())
        ece += m / n * abs(conf - acc)
        rows.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": m,
                     "confidence": round(conf, 4), "accuracy": round(acc, 4)})
    return {"ece": round(ece, 4), "table": rows}


def tone_calibration(y: np.ndarray, P: np.ndarray, bins: int = 10) -> dict:
    """Calibration of the top tone probability."""
    return calibration_table(P.argmax(axis=1) == np.asarray(y), P.max(axis=1), bins)


def topic_calibration(Y: np.ndarray, P: np.ndarray, bins: int = 10) -> dict:
    """Calibration of every topic probability as a binary forecast (all topics pooled)."""
    return calibration_table(np.asarray(Y).ravel().astype(float), np.asarray(P).ravel(), bins) | {
        "kind": "reliability of P(topic) against the topic's presence"}
