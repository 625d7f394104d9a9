"""Explanations: which terms pushed a sentence's predictions, read off the logistic regressions.

For each head the contribution of a feature is its TF-IDF value in the sentence times the
logistic-regression weight (before calibration, which is monotone and does not change the
ranking). Positive contributions push towards the label, negative ones away from it.

>>> import stance
>>> ex = stance.explain("Beijing threatened steep tariffs on Australian wine.")
>>> ex.tone
'contentious'
>>> [term for term, _ in ex.tone_terms["contentious"]][:1]    # doctest: +SKIP
['threaten']
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .labels import TONES, TOPICS


@dataclass(frozen=True)
class Explanation:
    """Terms behind a sentence's labels: for every topic and tone, the (term, contribution)
    pairs with the largest absolute contribution, strongest first. Terms are the model's
    features: normalised, stemmed words and word pairs (``"joint exercis"``)."""

    text: str
    topics: tuple[str, ...]
    tone: str
    topic_probs: dict[str, float]
    tone_probs: dict[str, float]
    topic_terms: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    tone_terms: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    lexicon_hits: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"text": self.text, "topics": list(self.topics), "tone": self.tone,
                "topic_probs": self.topic_probs, "tone_probs": self.tone_probs,
                "topic_terms": {k: [list(x) for x in v] for k, v in self.topic_terms.items()},
                "tone_terms": {k: [list(x) for x in v] for k, v in self.tone_terms.items()},
                "lexicon_hits": {k: list(v) for k, v in self.lexicon_hits.items()}}

    def summary(self) -> str:
        """One line: the labels and the terms that pushed the tone most."""
        pushed = ", ".join(t for t, w in self.tone_terms.get(self.tone, []) if w > 0)
        return f"{self.tone} ({self.tone_probs[self.tone]:.2f}); topics: {', '.join(self.topics) or 'none'}; " \
               f"tone terms: {pushed or 'none'}"


_matchers: dict[str, object] = {}


def lexicon_hits(sentence: str) -> dict[str, list[str]]:
    """The project's lexicon entries (``data/lexicons``, shipped with stance) found in a sentence,
    per topic and tone, longest first; the entries the model was also trained on.

    >>> lexicon_hits("Both sides signed a free trade agreement on steel tariffs.")["trade"][:2]
    ['free trade agreement', 'steel tariffs']
    """
    import re

    from .data import load_lexicons

    if not _matchers:
        for label, terms in load_lexicons().items():
            alts = sorted(terms, key=len, reverse=True)
            _matchers[label] = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in alts) + r")(?!\w)",
                                          re.IGNORECASE)
    return {label: [m.group() for m in rx.finditer(sentence)] for label, rx in _matchers.items()
            if rx.search(sentence)}


def _lr(head):
    """The logistic regression inside a calibrated head."""
    if hasattr(head, "calibrated_classifiers_"):
        return head.calibrated_classifiers_[0].estimator
    return head


def _feature_names(model) -> np.ndarray:
    names = getattr(model, "_feature_names_cache", None)
    if names is None:
        names = np.asarray(model.vectorizer_.get_feature_names_out())
        model._feature_names_cache = names
    return names


def explain(sentence: str, *, model=None, top: int = 8) -> Explanation:
    """Explain the topic and tone predictions for one sentence (no splitting)."""
    from .scoring import _resolve, classify

    if not isinstance(sentence, str):
        raise TypeError(f"sentence must be str, got {type(sentence).__name__}")
    m = _resolve(model)
    scored = classify([sentence], model=m)[0]
    X = m.transform([sentence]).tocsr()
    idx, vals = X.indices, X.data
    names = _feature_names(m)

    def ranked(weights: np.ndarray) -> list[tuple[str, float]]:
        contrib = vals * weights[idx]
        order = np.argsort(-np.abs(contrib))[:top]
        return [(str(names[idx[i]]), round(float(contrib[i]), 4)) for i in order if contrib[i] != 0]

    topic_terms = {t: ranked(_lr(h).coef_[0]) for t, h in zip(TOPICS, m.topic_heads_)}
    coef = _lr(m.tone_head_).coef_
    if coef.shape[0] == 1:  # binary fallback, not used with three tones
        coef = np.vstack([-coef[0], coef[0]])
    # for a multinomial model, a term's push towards a tone is its weight there minus the mean
    centred = coef - coef.mean(axis=0, keepdims=True)
    tone_terms = {k: ranked(centred[i]) for i, k in enumerate(TONES)}
    if scored.furniture:
        topic_terms = {t: [] for t in TOPICS}
        tone_terms = {k: [] for k in TONES}
    try:
        hits = {} if scored.furniture else lexicon_hits(sentence)
    except Exception:  # noqa: BLE001 - lexicons are an aid to reading, never a reason to fail
        hits = {}
    return Explanation(sentence, scored.topics, scored.tone, scored.topic_probs, scored.tone_probs,
                       topic_terms, tone_terms, hits)
