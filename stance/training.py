"""Training: a labelled corpus in, a verified artefact and its model card out.

>>> from stance.training import train                                  # doctest: +SKIP
>>> card = train("data/sentences", heldout="data/articles", out_dir="models")  # doctest: +SKIP
"""
from __future__ import annotations

import platform
from collections import Counter
from pathlib import Path

import joblib
import nltk
import numpy as np
import sklearn

from . import __version__
from .data import files_sha256, gold_records, hash_files, load_articles, pair_key, read_training
from .evaluate import model_probabilities, reports_from_predictions
from .labels import SCHEMA_VERSION, TONES, TOPICS
from .model import StanceModel, topic_matrix, tone_vector
from .resources import save_model

MODEL_VERSION = "1.1.0"


def _dir_sha256(folder: str | Path, pattern: str) -> str:
    return hash_files(sorted(Path(folder).glob(pattern)))


def confusion_rates(Y: np.ndarray, P_topic: np.ndarray, thresholds: np.ndarray,
                    tone: np.ndarray, P_tone: np.ndarray) -> dict:
    """Out-of-fold error rates for corrected prevalence: per topic the true- and false-positive
    rates of the thresholded decision, and the tone matrix P(predicted | true) (rows true)."""
    on = P_topic >= thresholds
    topic = {}
    for j, t in enumerate(TOPICS):
        pos, neg = Y[:, j] == 1, Y[:, j] == 0
        topic[t] = {"tpr": round(float(on[pos, j].mean()) if pos.any() else 0.0, 4),
                    "fpr": round(float(on[neg, j].mean()) if neg.any() else 0.0, 4),
                    "mean_p_pos": round(float(P_topic[pos, j].mean()) if pos.any() else 0.0, 4),
                    "mean_p_neg": round(float(P_topic[neg, j].mean()) if neg.any() else 0.0, 4)}
    pred = P_tone.argmax(axis=1)
    M = np.zeros((len(TONES), len(TONES)))
    Msoft = np.zeros((len(TONES), len(TONES)))
    for i in range(len(TONES)):
        rows = tone == i
        if rows.any():
            M[i] = np.bincount(pred[rows], minlength=len(TONES)) / rows.sum()
            Msoft[i] = P_tone[rows].mean(axis=0)
    return {"topic": topic, "tone": {"labels": list(TONES), "p_pred_given_true": np.round(M, 4).tolist(),
                                     "mean_p_given_true": np.round(Msoft, 4).tolist()},
            "source": "out-of-fold predictions on the training corpus"}


def fold_spread(Y: np.ndarray, P_topic: np.ndarray, thresholds: np.ndarray, tone: np.ndarray,
                P_tone: np.ndarray, folds: list[np.ndarray]) -> dict:
    """How much the error rates vary between cross-validation folds (each fold holds out whole
    country pairs): the standard deviation across folds of every rate, used by ``compare`` to
    widen corrected intervals for the shift between the corpus and new text."""
    per = [confusion_rates(Y[f], P_topic[f], thresholds, tone[f], P_tone[f]) for f in folds]
    topic = {t: {k: round(float(np.std([r["topic"][t][k] for r in per], ddof=1)), 4) for k in ("tpr", "fpr")}
             for t in TOPICS}
    M = np.array([r["tone"]["p_pred_given_true"] for r in per])
    return {"topic": topic, "tone": {"p_pred_given_true": np.round(M.std(axis=0, ddof=1), 4).tolist()},
            "n_folds": len(folds)}


def _curve_point(model, held: list[dict], benchmarks, tones) -> dict:
    point: dict = {}
    if held:
        P_topic, P_tone = model_probabilities(held, model)
        rep = reports_from_predictions(held, P_topic, P_tone, model.thresholds_)["all"]
        point["heldout_topic_micro_f1"] = rep["topic"]["micro_f1"]
        point["heldout_tone_macro_f1"] = rep["tone"]["macro_f1"]
    if benchmarks is not None and Path(benchmarks).is_dir():
        from .evaluate import external_benchmarks

        majority = Counter(tones).most_common(1)[0][0]
        for name, row in external_benchmarks(benchmarks, model=model, majority_tone=majority).items():
            for head in ("topic", "tone"):
                if head in row:
                    point[f"{name}_{head}_macro_f1"] = row[head]["model"]["macro_f1"]
    return point


def _learning_curve(fractions, records, groups, params, topic_extra, tone_extra, held, benchmarks, tones,
                    full_model, log) -> list[dict]:
    """Benchmark and held-out scores when trained on fractions of the corpus (seeded subsets)."""
    rng = np.random.default_rng(0)
    order = rng.permutation(len(records))
    curve = []
    for frac in sorted(fractions):
        idx = np.sort(order[: int(round(frac * len(records)))])
        sub = [records[i] for i in idx]
        m = StanceModel(**(dict(params or {}) | {"cv": 3}))
        log(f"learning curve: fitting on {len(sub)} sentences ({frac:.0%})")
        m.fit([r["text"] for r in sub], [r["topics"] for r in sub], [r["tone"] for r in sub],
              groups=[groups[i] for i in idx], topic_extra=topic_extra, tone_extra=tone_extra)
        curve.append({"fraction": frac, "n_sentences": len(sub)} | _curve_point(m, held, benchmarks, tones))
    curve.append({"fraction": 1.0, "n_sentences": len(records)} | _curve_point(full_model, held, benchmarks, tones))
    return curve


def train(data: str | Path, *, heldout: str | Path | None = None, out_dir: str | Path = "models",
          params: dict | None = None, model_version: str = MODEL_VERSION, benchmarks: str | Path | None = None,
          lexicons: str | Path | None = None, learning_curve: tuple[float, ...] = (), log=print) -> dict:
    """Fit a :class:`StanceModel` on a labelled corpus and write artefact + card to ``out_dir``.

    ``heldout``: a folder of example articles whose gold sentences are scored for the card's
    held-out metrics (never trained on). ``benchmarks``: a folder of externally labelled JSONL
    sets (evaluation only) whose results go into the card. ``lexicons``: a folder of
    ``<label>.txt`` term lists whose entries are extra training rows for their head.
    ``learning_curve``: fractions of the corpus (e.g. ``(0.25, 0.5)``) to refit on, with
    3-fold thresholds, and score on the held-out articles and benchmarks for the card. Every record is checked before anything is fitted or
    written; a bad corpus raises :class:`~stance.exceptions.DataError` naming file and line.
    Returns the card.
    """
    records = read_training(data)
    held = gold_records(load_articles(heldout)) if heldout is not None else []
    held_texts = {" ".join(r["text"].casefold().split()) for r in held}
    leaked = [r["id"] for r in records if " ".join(r["text"].casefold().split()) in held_texts]
    if leaked:
        log(f"dropping {len(leaked)} training sentences that also occur in the held-out articles")
        records = [r for r in records if r["id"] not in set(leaked)]
    texts = [r["text"] for r in records]
    topics = [r["topics"] for r in records]
    tones = [r["tone"] for r in records]
    groups = [pair_key(r.get("actors", [])) or r.get("register") or "none" for r in records]
    model = StanceModel(**(params or {}))
    topic_extra = tone_extra = None
    lex_info = None
    if lexicons is not None:
        from .data import lexicon_training_rows, load_lexicons

        lex = load_lexicons(lexicons)
        topic_extra, tone_extra = lexicon_training_rows(lex)
        lex_info = {"path": str(lexicons), "sha256": _dir_sha256(lexicons, "*.txt"),
                    "terms": {k: len(v) for k, v in lex.items()}}
    log(f"fitting on {len(records)} sentences ({len(set(groups))} groups, {model.cv}-fold grouped CV)"
        + (f" and {sum(lex_info['terms'].values())} lexicon entries" if lex_info else ""))
    model.fit(texts, topics, tones, groups=groups, topic_extra=topic_extra, tone_extra=tone_extra)

    Y, tone = topic_matrix(topics), tone_vector(tones)
    cv = reports_from_predictions(records, model.oof_topic_proba_, model.oof_tone_proba_, model.thresholds_)
    card_metrics = {"cross_validated": cv | {
        "folds": model.cv, "grouped_by": "country pair (else register)",
        "note": "out-of-fold predictions; topic thresholds were tuned on these same folds"}}
    if held:
        P_topic, P_tone = model_probabilities(held, model)
        card_metrics["heldout"] = reports_from_predictions(held, P_topic, P_tone, model.thresholds_) | {
            "source": str(heldout), "n_articles": len({r['article'] for r in held})}
    if benchmarks is not None and Path(benchmarks).is_dir():
        from .evaluate import external_benchmarks

        card_metrics["external"] = external_benchmarks(
            benchmarks, model=model, majority_tone=Counter(tones).most_common(1)[0][0]) | {"source": str(benchmarks)}
    if learning_curve:
        card_metrics["learning_curve"] = _learning_curve(
            learning_curve, records, groups, params, topic_extra, tone_extra, held, benchmarks, tones, model, log)
    counts = {"topics": dict(Counter(t for ts in topics for t in ts)), "no_topic": sum(not ts for ts in topics),
              "tones": dict(Counter(tones)), "hard": sum(bool(r.get("hard")) for r in records)}
    card = {
        "name": "stance-model",
        "model_version": model_version,
        "schema_version": SCHEMA_VERSION,
        "description": "TF-IDF (normalised, stemmed word n-grams) + calibrated logistic regression: "
                       "4 one-vs-rest topic heads with tuned thresholds, 1 multinomial tone head.",
        "labels": {"topics": list(TOPICS), "tones": list(TONES)},
        "versions": {"stance": __version__, "scikit-learn": sklearn.__version__, "nltk": nltk.__version__,
                     "numpy": np.__version__, "joblib": joblib.__version__, "python": platform.python_version()},
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in model.get_params().items()},
        "n_features": int(model.n_features_),
        "thresholds": {t: float(v) for t, v in zip(TOPICS, model.thresholds_)},
        "training_data": {"path": str(data), "sha256": files_sha256(data), "n_sentences": len(records),
                          "label_counts": counts, "heldout_excluded": len(leaked), "lexicons": lex_info},
        "metrics": card_metrics,
        "confusion_rates": confusion_rates(Y, model.oof_topic_proba_, model.thresholds_, tone,
                                           model.oof_tone_proba_) | {
            "fold_sd": fold_spread(Y, model.oof_topic_proba_, model.thresholds_, tone, model.oof_tone_proba_,
                                   model.fold_test_indices_)},
    }
    # the out-of-fold arrays were only needed for the card; keep the artefact small
    del model.oof_topic_proba_, model.oof_tone_proba_, model.fold_test_indices_
    path = save_model(model, card, out_dir)
    log(f"wrote {path} and its card")
    from .resources import read_card

    return read_card(path)
