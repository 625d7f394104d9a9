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


# --------------------------------------------------------------------------- baselines

#: The keyword baseline's lists: the few words a hurried analyst would search for. Deliberately
#: short and plain; the model's own lexicons (``data/lexicons``) are much larger.
BASELINE_KEYWORDS = {
    "trade": ("trade", "tariff", "tariffs", "export", "exports", "import", "imports", "duties",
              "trade deal", "wto", "deficit", "surplus", "investment"),
    "immigration": ("immigration", "immigrant", "immigrants", "migrant", "migrants", "migration", "visa",
                    "visas", "asylum", "refugee", "refugees", "deport", "deportation", "border crossing"),
    "defence": ("defence", "defense", "military", "army", "navy", "troops", "weapons", "missile",
                "missiles", "war", "nato", "soldiers", "arms"),
    "tech": ("technology", "tech", "semiconductor", "semiconductors", "chips", "ai", "artificial intelligence",
             "cyber", "5g", "satellite", "space", "internet", "digital"),
}


def keyword_topics(texts: list[str]) -> np.ndarray:
    """Topic indicator matrix from :data:`BASELINE_KEYWORDS` (whole-word, case-insensitive)."""
    import re

    pats = [re.compile(r"\b(?:" + "|".join(re.escape(k) for k in BASELINE_KEYWORDS[t]) + r")\b", re.I)
            for t in TOPICS]
    return np.array([[1 if p.search(t) else 0 for p in pats] for t in texts], dtype=np.int8).reshape(-1, len(TOPICS))


def vader_tones(texts: list[str]) -> np.ndarray | None:
    """Tone indices from VADER's compound score (>= 0.05 cooperative, <= -0.05 contentious, else
    neutral), or None when the optional ``vaderSentiment`` package is not installed."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    sia = SentimentIntensityAnalyzer()
    out = np.empty(len(texts), dtype=np.int64)
    for i, t in enumerate(texts):
        c = sia.polarity_scores(t)["compound"]
        out[i] = TONES.index("cooperative") if c >= 0.05 else TONES.index("contentious") if c <= -0.05 \
            else TONES.index("neutral")
    return out


def baseline_reports(records: list[dict], majority_tone: str = "neutral") -> dict:
    """The alternatives a user would otherwise pick, scored on the same sentences: a keyword
    topic list, VADER tone (if installed), and the majority class (no topic; the most common
    training tone)."""
    texts = [r["text"] for r in records]
    out: dict = {}
    t_idx = [i for i, r in enumerate(records) if "topics" in r]
    k_idx = [i for i, r in enumerate(records) if "tone" in r]
    if t_idx:
        Y = topic_matrix([records[i]["topics"] for i in t_idx])
        out["keywords"] = {"topic": multilabel_report(Y, keyword_topics([texts[i] for i in t_idx]), TOPICS)}
        out["majority"] = {"topic": multilabel_report(Y, np.zeros_like(Y), TOPICS)}
    if k_idx:
        y = tone_vector([records[i]["tone"] for i in k_idx])
        out.setdefault("majority", {})["tone"] = multiclass_report(
            y, np.full(len(y), TONES.index(majority_tone)), TONES)
        v = vader_tones([texts[i] for i in k_idx])
        if v is not None:
            out["vader"] = {"tone": multiclass_report(y, v, TONES)}
        else:
            out["vader"] = {"skipped": "vaderSentiment is not installed (pip install 'stance[vader]')"}
    return out


def evaluate(data: str | Path | Iterable[dict], *, model=None, baselines: bool = True,
             majority_tone: str | None = None) -> dict:
    """Evaluate a model on labelled sentences (a corpus path or records with ``text`` and
    ``topics`` and/or ``tone``). Returns per-class precision, recall and F1, micro and macro F1,
    confusion matrices, expected calibration error with a reliability table, overall (``all``)
    and without ``hard`` sentences (``not_hard``), and the baselines on the same sentences.
    The majority-class baseline predicts ``majority_tone`` (default: the most common tone in the
    model card's training counts)."""
    from .data import read_labelled, normalise_record
    from .scoring import _resolve

    if isinstance(data, (str, Path)):
        records = read_labelled(data)
    else:
        records = [normalise_record(r, "<records>", i + 1) for i, r in enumerate(data)]
    m = _resolve(model)
    P_topic, P_tone = model_probabilities(records, m)
    rep = reports_from_predictions(records, P_topic, P_tone, m.thresholds_) | {"n": len(records)}
    if baselines:
        majority = majority_tone
        if majority is None:
            tones = getattr(m, "card", {}).get("training_data", {}).get("label_counts", {}).get("tones", {})
            majority = max(tones, key=tones.get) if tones else "neutral"
        rep["baselines"] = baseline_reports(records, majority)
        hard = [r for r in records if not r.get("hard")]
        if len(hard) < len(records):
            rep["baselines_not_hard"] = baseline_reports(hard, majority)
    return rep


# --------------------------------------------------------------------------- external benchmarks

def external_benchmarks(folder: str | Path, *, model=None, majority_tone: str | None = None) -> dict:
    """Score every ``*.jsonl`` benchmark in ``folder`` (e.g. ``../shared/benchmarks``): the model's
    macro and micro F1 with the baselines on the same rows, per benchmark and label head."""
    folder = Path(folder)
    out: dict = {}
    for f in sorted(folder.glob("*.jsonl")):
        rep = evaluate(f, model=model, majority_tone=majority_tone)
        row: dict = {"n": rep["n"]}
        for head in ("topic", "tone"):
            if head not in rep["all"]:
                continue
            r = rep["all"][head]
            row[head] = {"model": {"macro_f1": r["macro_f1"], "micro_f1": r["micro_f1"],
                                   "per_class_f1": {k: v["f1"] for k, v in r["per_class"].items()},
                                   "ece": r["calibration"]["ece"]}}
            for name, b in rep["baselines"].items():
                if head in b:
                    row[head][name] = {"macro_f1": b[head]["macro_f1"], "micro_f1": b[head]["micro_f1"]}
        out[f.stem] = row
    return out


def external_table(ext: dict) -> str:
    """A Markdown table of :func:`external_benchmarks` results."""
    lines = ["| benchmark | labels | n | stance macro-F1 | keywords | VADER | majority |",
             "|---|---|---|---|---|---|---|"]
    for name, row in ext.items():
        for head in ("topic", "tone"):
            if head not in row:
                continue
            r = row[head]
            cell = lambda k: f"{r[k]['macro_f1']:.3f}" if k in r else "-"  # noqa: E731
            lines.append(f"| {name} | {head} | {row['n']} | **{r['model']['macro_f1']:.3f}** | {cell('keywords')} "
                         f"| {cell('vader')} | {cell('majority')} |")
    return "\n".join(lines)
