"""Model stage: one TF-IDF featurisation shared by a topic head and a tone head.

* Topic: four one-vs-rest logistic regressions (one per topic, multi-label), each calibrated
  with Platt scaling on internal cross-validation, and a per-topic decision threshold tuned on
  out-of-fold predictions (held-out data) to maximise that topic's F1.
* Tone: one multinomial logistic regression over the three tones, calibrated the same way.

Everything is a stock scikit-learn part (``TfidfVectorizer``, ``LogisticRegression``,
``CalibratedClassifierCV``); the only project code is the token normaliser in
:mod:`stance.features`. Training is deterministic (fixed seeds, no shuffling by chance).

>>> import stance
>>> m = stance.load_model()                      # a fitted StanceModel
>>> P_topic, P_tone = m.predict_proba(["New tariffs announced."])
>>> P_topic.shape, P_tone.shape
((1, 4), (1, 3))
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion

from .features import ANALYSERS, fast_transform
from .labels import TONES, TOPICS


def topic_matrix(topics: Sequence[Sequence[str]]) -> np.ndarray:
    """Binary indicator matrix (n, 4) in :data:`TOPICS` order."""
    Y = np.zeros((len(topics), len(TOPICS)), dtype=np.int8)
    index = {t: i for i, t in enumerate(TOPICS)}
    for row, ts in enumerate(topics):
        for t in ts:
            Y[row, index[t]] = 1
    return Y


def tone_vector(tones: Sequence[str]) -> np.ndarray:
    """Tone labels as integer indices into :data:`TONES`."""
    index = {t: i for i, t in enumerate(TONES)}
    return np.array([index[t] for t in tones], dtype=np.int64)


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The probability cut-off in [0.05, 0.95] that maximises F1 of ``y`` given ``p``."""
    if y.sum() == 0:
        return 0.5
    best, best_f1 = 0.5, -1.0
    for t in np.round(np.arange(0.05, 0.951, 0.01), 2):
        pred = p >= t
        tp = np.sum(pred & (y == 1))
        f1 = 2 * tp / max(pred.sum() + y.sum(), 1)
        if f1 > best_f1 + 1e-12:
            best, best_f1 = float(t), f1
    return best


def _compact(vectorizer) -> None:
    """Plain-int vocabulary and no ``stop_words_`` (the terms cut by ``max_features``): the same
    transform, a smaller artefact that unpickles several times faster."""
    parts = vectorizer.transformer_list if hasattr(vectorizer, "transformer_list") else [("word", vectorizer)]
    for _, v in parts:
        v.vocabulary_ = {term: int(i) for term, i in v.vocabulary_.items()}
        if hasattr(v, "stop_words_"):
            del v.stop_words_


@dataclass
class _Heads:
    topic: list
    tone: object


class StanceModel:
    """Topic and tone classifier over one shared TF-IDF featurisation.

    Parameters are stored as given; all work happens in :meth:`fit`. Fitted attributes end
    in ``_``: ``vectorizer_``, ``topic_heads_``, ``tone_head_``, ``thresholds_`` (per topic),
    ``oof_topic_proba_`` and ``oof_tone_proba_`` (out-of-fold probabilities on the training
    data, used for thresholds and the model card).

    ``lexicon_weight`` is the training weight of one lexicon row (a term or cue phrase passed as
    ``topic_extra`` / ``tone_extra``) relative to one corpus sentence.
    """

    def __init__(self, *, word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] | None = None,
                 min_df: int = 1, max_features: int | None = 400_000, sublinear_tf: bool = True,
                 C_topic: float = 32.0, C_tone: float = 16.0, class_weight: str | None = "balanced",
                 calibration: str = "sigmoid", calibration_cv: int = 3, cv: int = 5,
                 mask_places: bool = True, lexicon_weight: float = 1.0, random_state: int = 0):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.C_topic = C_topic
        self.C_tone = C_tone
        self.class_weight = class_weight
        self.calibration = calibration
        self.calibration_cv = calibration_cv
        self.cv = cv
        self.mask_places = mask_places
        self.lexicon_weight = lexicon_weight
        self.random_state = random_state

    # ------------------------------------------------------------------ building blocks
    def get_params(self) -> dict:
        """Constructor parameters, as scikit-learn estimators report them."""
        return {k: getattr(self, k) for k in (
            "word_ngrams", "char_ngrams", "min_df", "max_features", "sublinear_tf", "C_topic",
            "C_tone", "class_weight", "calibration", "calibration_cv", "cv", "mask_places", "lexicon_weight",
            "random_state")}

    def _vectorizer(self):
        tokenizer = ANALYSERS["masked" if self.mask_places else "plain"]
        word = TfidfVectorizer(analyzer="word", tokenizer=tokenizer, preprocessor=None, lowercase=False,
                               token_pattern=None, ngram_range=tuple(self.word_ngrams), min_df=self.min_df,
                               max_features=self.max_features, sublinear_tf=self.sublinear_tf,
                               dtype=np.float32)
        if not self.char_ngrams:
            return word
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngrams), lowercase=True,
                               min_df=max(self.min_df, 2), max_features=self.max_features,
                               sublinear_tf=True, dtype=np.float32)
        return FeatureUnion([("word", word), ("char", char)])

    def _lr(self, C: float):
        # saga converges fast on l2-normalised TF-IDF rows; seeded, so training is deterministic
        return LogisticRegression(C=C, solver="saga", max_iter=3000, tol=1e-4, class_weight=self.class_weight,
                                  random_state=self.random_state)

    def _calibrated(self, C: float):
        return CalibratedClassifierCV(self._lr(C), method=self.calibration, cv=self.calibration_cv,
                                      ensemble=False)

    def _check_labels(self, Y: np.ndarray, tone: np.ndarray, where: str) -> None:
        need = self.calibration_cv
        missing = [TONES[i] for i in range(len(TONES)) if i not in set(tone.tolist())]
        if missing:
            raise ValueError(f"every tone needs examples; missing {missing} {where}")
        for i, name in enumerate(TONES):
            if (tone == i).sum() < need:
                raise ValueError(f"too few {name!r} sentences {where}: {(tone == i).sum()}, need at least {need}")
        for j, name in enumerate(TOPICS):
            pos = int(Y[:, j].sum())
            if pos < need or len(Y) - pos < need:
                raise ValueError(f"topic {name!r} needs at least {need} sentences with it and {need} without "
                                 f"{where}; got {pos} and {len(Y) - pos}")

    def _fit_heads(self, X, Y: np.ndarray, tone: np.ndarray, Xt=None, Yt=None, Xk=None, yk=None) -> _Heads:
        """Fit the heads on shared rows (X, Y, tone) plus optional rows only one head learns from:
        (Xt, Yt) for the topic heads and (Xk, yk) for the tone head (e.g. lexicon entries), each
        weighted ``lexicon_weight`` against a corpus sentence's 1."""
        import scipy.sparse as sp

        def stack(Xe):
            if Xe is None:
                return X, None
            w = None if self.lexicon_weight == 1 else np.concatenate(
                [np.ones(X.shape[0]), np.full(Xe.shape[0], float(self.lexicon_weight))])
            return sp.vstack([X, Xe]).tocsr(), w

        XT, wT = stack(Xt)
        YT = np.vstack([Y, Yt]) if Xt is not None else Y
        XK, wK = stack(Xk)
        yK = np.concatenate([tone, yk]) if Xk is not None else tone
        topic = [self._calibrated(self.C_topic).fit(XT, YT[:, j], sample_weight=wT) for j in range(Y.shape[1])]
        return _Heads(topic, self._calibrated(self.C_tone).fit(XK, yK, sample_weight=wK))

    @staticmethod
    def _heads_proba(heads: _Heads, X) -> tuple[np.ndarray, np.ndarray]:
        P_topic = np.column_stack([h.predict_proba(X)[:, 1] for h in heads.topic])
        P_tone = heads.tone.predict_proba(X)  # classes_ are 0..2, i.e. TONES order
        return P_topic, P_tone

    def _folds(self, Y: np.ndarray, tone: np.ndarray, groups: Sequence | None):
        n = len(tone)
        if groups is not None and len(set(groups)) >= self.cv:
            return list(GroupKFold(n_splits=self.cv).split(np.zeros(n), tone, groups))
        strat = tone * 2 + (Y.sum(axis=1) > 0)
        return list(StratifiedKFold(n_splits=self.cv, shuffle=True, random_state=self.random_state)
                    .split(np.zeros(n), strat))

    # ------------------------------------------------------------------ API
    def fit(self, texts: Sequence[str], topics: Sequence[Sequence[str]], tones: Sequence[str],
            groups: Sequence | None = None, *, topic_extra: tuple[Sequence[str], Sequence[Sequence[str]]] | None = None,
            tone_extra: tuple[Sequence[str], Sequence[str]] | None = None) -> "StanceModel":
        """Fit on labelled sentences. ``groups`` (e.g. country pair) keeps each group on one
        side of every cross-validation split used to tune thresholds.

        ``topic_extra`` = (texts, topic lists) and ``tone_extra`` = (texts, tones) are extra
        training rows for one head only (the project's lexicons: a topic term says nothing about
        tone, a tone cue nothing about topic). They are added to the training side of every
        fold and never scored in cross-validation."""
        texts = list(texts)
        if not (len(texts) == len(topics) == len(tones)):
            raise ValueError(f"texts, topics and tones differ in length: {len(texts)}, {len(topics)}, {len(tones)}")
        Y = topic_matrix(topics)
        tone = tone_vector(tones)
        self._check_labels(Y, tone, "in the training data")
        oof_topic = np.zeros(Y.shape, dtype=float)
        oof_tone = np.zeros((len(texts), len(TONES)), dtype=float)
        arr = np.array(texts, dtype=object)
        t_texts, t_Y = ([], None) if topic_extra is None else (list(topic_extra[0]), topic_matrix(topic_extra[1]))
        k_texts, k_y = ([], None) if tone_extra is None else (list(tone_extra[0]), tone_vector(tone_extra[1]))
        self.fold_test_indices_ = []
        for train, test in self._folds(Y, tone, groups):
            self.fold_test_indices_.append(np.asarray(test))
            vec = self._vectorizer()
            vec.fit(list(arr[train]) + t_texts + k_texts)
            self._check_labels(Y[train], tone[train], "in a cross-validation training fold (use fewer folds)")
            heads = self._fit_heads(vec.transform(arr[train]), Y[train], tone[train],
                                    vec.transform(t_texts) if t_texts else None, t_Y,
                                    vec.transform(k_texts) if k_texts else None, k_y)
            oof_topic[test], oof_tone[test] = self._heads_proba(heads, vec.transform(arr[test]))
        self.thresholds_ = np.array([best_threshold(Y[:, j], oof_topic[:, j]) for j in range(len(TOPICS))])
        self.oof_topic_proba_ = oof_topic
        self.oof_tone_proba_ = oof_tone
        self.vectorizer_ = self._vectorizer()
        self.vectorizer_.fit(texts + t_texts + k_texts)
        _compact(self.vectorizer_)
        X = self.vectorizer_.transform(texts)
        heads = self._fit_heads(X, Y, tone, self.vectorizer_.transform(t_texts) if t_texts else None, t_Y,
                                self.vectorizer_.transform(k_texts) if k_texts else None, k_y)
        self.topic_heads_ = heads.topic
        self.tone_head_ = heads.tone
        self.n_features_ = X.shape[1]
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "tone_head_"):
            raise RuntimeError("this StanceModel is not fitted yet; call fit() or load_model()")

    def transform(self, texts: Sequence[str]):
        """The shared TF-IDF features of the texts (computed once, used by both heads).

        For the word-level vectoriser this is :func:`stance.features.fast_transform`, which gives
        the same matrix as ``vectorizer_.transform`` faster."""
        self._check_fitted()
        if isinstance(self.vectorizer_, TfidfVectorizer) and self.vectorizer_.tokenizer in ANALYSERS.values() \
                and self.vectorizer_.analyzer == "word":
            return fast_transform(self.vectorizer_, texts)
        return self.vectorizer_.transform(texts)

    def predict_proba_features(self, X) -> tuple[np.ndarray, np.ndarray]:
        """Topic (n, 4) and tone (n, 3) probabilities from precomputed features."""
        return self._heads_proba(_Heads(self.topic_heads_, self.tone_head_), X)

    def predict_proba(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Topic probabilities (n, 4) in ``TOPICS`` order and tone probabilities (n, 3) in
        ``TONES`` order. Each topic probability is independent; tone rows sum to 1."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, len(TOPICS))), np.zeros((0, len(TONES)))
        return self.predict_proba_features(self.transform(texts))

    def predict(self, texts: Sequence[str]) -> tuple[list[tuple[str, ...]], list[str]]:
        """Topic tuples (thresholded per topic) and tone labels (most probable)."""
        P_topic, P_tone = self.predict_proba(texts)
        return self.decide(P_topic, P_tone)

    def decide(self, P_topic: np.ndarray, P_tone: np.ndarray) -> tuple[list[tuple[str, ...]], list[str]]:
        """Labels from probabilities: topics over their thresholds, the most probable tone."""
        on = P_topic >= self.thresholds_
        topics = [tuple(t for t, flag in zip(TOPICS, row) if flag) for row in on]
        tones = [TONES[i] for i in P_tone.argmax(axis=1)] if len(P_tone) else []
        return topics, tones

    # ------------------------------------------------------------------ pickling
    def __getstate__(self) -> dict:
        """The vocabulary goes into the file as one newline-joined string (terms in index order)
        instead of a dict of 160,000 entries: joblib unpickles dicts in pure Python, so this
        makes loading several times faster. The fitted vectoriser is restored unchanged."""
        state = dict(self.__dict__)
        for key in ("card", "origin", "path", "_feature_names_cache"):
            state.pop(key, None)
        vec = state.get("vectorizer_")
        if isinstance(vec, TfidfVectorizer) and isinstance(getattr(vec, "vocabulary_", None), dict):
            terms = [""] * len(vec.vocabulary_)
            for term, i in vec.vocabulary_.items():
                terms[i] = term
            if all("\n" not in t for t in terms):
                packed = copy.copy(vec)
                packed.vocabulary_ = None
                state["vectorizer_"] = packed
                state["_vocabulary_terms"] = "\n".join(terms)
        return state

    def __setstate__(self, state: dict) -> None:
        terms = state.pop("_vocabulary_terms", None)
        self.__dict__.update(state)
        if terms is not None:
            vec = copy.copy(self.vectorizer_)
            vec.vocabulary_ = dict(zip(terms.split("\n"), range(terms.count("\n") + 1)))
            self.vectorizer_ = vec

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.get_params().items() if v != StanceModel().get_params()[k]}
        return "StanceModel(" + ", ".join(f"{k}={v!r}" for k, v in changed.items()) + ")"
