"""Scoring stage: sentences and articles in, labelled sentences and article figures out.

>>> import stance
>>> art = stance.score("Both sides agreed to cut tariffs on steel. Read more")
>>> [s.tone for s in art.sentences][-1], art.n_furniture
('neutral', 1)

Article figures (all computed over *content* sentences, i.e. sentences that are not page
furniture; furniture never moves them):

==================  ============================================================  ==========
figure              meaning                                                       range
==================  ============================================================  ==========
``topic_share``     mean probability of each topic over the content sentences     [0, 1] each
                    (the probability-weighted share of sentences on the topic;
                    topics are independent, so shares need not sum to 1)
``topic_counts``    content sentences whose probability passed the topic's        0..n
                    tuned threshold
``tone_share``      mean probability of each tone over the content sentences      [0, 1], sums to 1
``tone_counts``     content sentences by most probable tone                       0..n
``tone_by_topic``   for each topic, the tone shares weighted by each sentence's   [0, 1] or NaN
                    probability of being on that topic (NaN: no weight)
``net_tone``        (cooperative - contentious) / (cooperative + contentious),    [-1, 1] or NaN
                    counting content sentences by predicted tone; +1 all
                    cooperative, -1 all contentious; NaN with the flag
                    ``no_toned_sentences`` when none is toned
``balance``         1 - |net_tone|: 1 when both framings are equally present,     [0, 1] or NaN
                    0 when only one is
==================  ============================================================  ==========

Flags: ``no_sentences`` (empty or whitespace text), ``only_furniture`` (every sentence is
furniture), ``no_toned_sentences`` (no cooperative or contentious sentence: net tone is NaN),
``html_markup`` (HTML tags were blanked before scoring; offsets still point into the original),
``non_english`` (the text does not read as English; the labels of a model trained on English
mean little for it).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from .labels import TONES, TOPICS
from .text import Sentence, split_sentences, text_flags

_COOP = TONES.index("cooperative")
_CONT = TONES.index("contentious")
_NEUTRAL = TONES.index("neutral")


def _clean(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


@dataclass(frozen=True)
class SentenceScore:
    """One sentence's labels: ``text == article[start:end]``; ``topics`` are the topics over
    their thresholds; ``tone`` is the most probable tone; ``furniture`` sentences have no topic,
    neutral tone and zero topic probabilities."""

    text: str
    start: int
    end: int
    topics: tuple[str, ...]
    topic_probs: dict[str, float]
    tone: str
    tone_probs: dict[str, float]
    furniture: bool = False

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "topics": list(self.topics),
                "topic_probs": dict(self.topic_probs), "tone": self.tone,
                "tone_probs": dict(self.tone_probs), "furniture": self.furniture}


@dataclass(frozen=True)
class ArticleScore:
    """An article's sentences and figures; see the module docs for each figure's meaning."""

    sentences: tuple[SentenceScore, ...]
    topic_share: dict[str, float]
    topic_counts: dict[str, int]
    tone_share: dict[str, float]
    tone_counts: dict[str, int]
    tone_by_topic: dict[str, dict[str, float]]
    net_tone: float
    balance: float
    n_sentences: int
    n_content: int
    n_furniture: int
    flags: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self, sentences: bool = True) -> dict:
        """A JSON-safe dict (NaN becomes None)."""
        d = {
            "n_sentences": self.n_sentences, "n_content": self.n_content, "n_furniture": self.n_furniture,
            "topic_share": self.topic_share, "topic_counts": self.topic_counts,
            "tone_share": self.tone_share, "tone_counts": self.tone_counts,
            "tone_by_topic": {t: {k: _clean(v) for k, v in d.items()} for t, d in self.tone_by_topic.items()},
            "net_tone": _clean(self.net_tone), "balance": _clean(self.balance), "flags": list(self.flags),
        }
        if sentences:
            d["sentences"] = [s.to_dict() for s in self.sentences]
        return d

    def sentences_frame(self) -> pd.DataFrame:
        """One row per sentence: text, offsets, furniture flag, topics, tone and probabilities."""
        rows = []
        for s in self.sentences:
            row = {"text": s.text, "start": s.start, "end": s.end, "furniture": s.furniture,
                   "topics": ";".join(s.topics), "tone": s.tone}
            row.update({f"p_{t}": s.topic_probs[t] for t in TOPICS})
            row.update({f"p_{k}": s.tone_probs[k] for k in TONES})
            rows.append(row)
        return pd.DataFrame(rows, columns=["text", "start", "end", "furniture", "topics", "tone"]
                            + [f"p_{t}" for t in TOPICS] + [f"p_{k}" for k in TONES])


# --------------------------------------------------------------------------- core

def _resolve(model):
    if model is None:
        from .resources import load_model
        return load_model()
    if not hasattr(model, "predict_proba_features"):
        raise TypeError(f"model must be a StanceModel (from stance.load_model), got {type(model).__name__}")
    return model


def _check_str(text: Any, what: str = "text") -> str:
    if not isinstance(text, str):
        raise TypeError(f"{what} must be str, got {type(text).__name__}")
    return text


def _probabilities(model, sentences: Sequence[Sentence]) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities for every sentence; furniture gets zero topics and certain neutral."""
    n = len(sentences)
    P_topic = np.zeros((n, len(TOPICS)))
    P_tone = np.zeros((n, len(TONES)))
    P_tone[:, _NEUTRAL] = 1.0
    idx = [i for i, s in enumerate(sentences) if not s.furniture]
    if idx:
        pt, pn = model.predict_proba_features(model.transform([sentences[i].model_text for i in idx]))
        P_topic[idx] = pt
        P_tone[idx] = pn
    return P_topic, P_tone


def _round_shares(v: np.ndarray, digits: int = 6) -> list[float]:
    """Round shares to ``digits`` places; when they sum to 1, the largest absorbs the rounding
    residue so that the rounded shares still sum to 1 (NaN and all-zero rows pass through)."""
    r = np.round(np.asarray(v, dtype=float), digits)
    if np.all(np.isfinite(r)) and abs(float(np.sum(v)) - 1.0) < 1e-9:
        j = int(np.argmax(r))
        r[j] = round(r[j] + (1.0 - float(r.sum())), digits)
    return [float(x) for x in r]


def article_figures(P_topic: np.ndarray, P_tone: np.ndarray, on_topic: np.ndarray,
                    furniture: np.ndarray, input_flags: tuple[str, ...] = ()) -> dict:
    """Article figures from per-sentence probabilities; the one definition both ``score`` and
    ``score_many`` use."""
    content = ~furniture
    n_content = int(content.sum())
    flags = list(input_flags)
    if len(furniture) == 0:
        flags.append("no_sentences")
    elif n_content == 0:
        flags.append("only_furniture")
    pt, pn, on = P_topic[content], P_tone[content], on_topic[content]
    if n_content:
        topic_share = pt.mean(axis=0)
        tone_share = pn.mean(axis=0)
    else:
        topic_share = np.zeros(len(TOPICS))
        tone_share = np.zeros(len(TONES))
    tone_idx = pn.argmax(axis=1) if n_content else np.zeros(0, dtype=int)
    tone_counts = np.bincount(tone_idx, minlength=len(TONES))
    weight = pt.sum(axis=0)
    by_topic = (pt.T @ pn) if n_content else np.zeros((len(TOPICS), len(TONES)))
    with np.errstate(invalid="ignore", divide="ignore"):
        by_topic = np.where(weight[:, None] > 0, by_topic / weight[:, None], np.nan)
    coop, cont = int(tone_counts[_COOP]), int(tone_counts[_CONT])
    if coop + cont:
        net = (coop - cont) / (coop + cont)
        balance = 1.0 - abs(net)
    else:
        net = balance = float("nan")
        flags.append("no_toned_sentences")
    return {
        "topic_share": {t: round(float(v), 6) for t, v in zip(TOPICS, topic_share)},
        "topic_counts": {t: int(v) for t, v in zip(TOPICS, on.sum(axis=0) if n_content else np.zeros(4))},
        "tone_share": dict(zip(TONES, _round_shares(tone_share))),
        "tone_counts": {k: int(v) for k, v in zip(TONES, tone_counts)},
        "tone_by_topic": {t: dict(zip(TONES, _round_shares(by_topic[i]))) for i, t in enumerate(TOPICS)},
        "net_tone": float(net), "balance": float(balance),
        "n_sentences": int(len(furniture)), "n_content": n_content,
        "n_furniture": int(len(furniture) - n_content), "flags": tuple(flags),
    }


def _sentence_scores(model, sentences: Sequence[Sentence],
                     input_flags: tuple[str, ...] = ()) -> tuple[list[SentenceScore], dict]:
    P_topic, P_tone = _probabilities(model, sentences)
    furniture = np.array([s.furniture for s in sentences], dtype=bool)
    on = P_topic >= model.thresholds_
    on[furniture] = False
    scores = []
    for i, s in enumerate(sentences):
        scores.append(SentenceScore(
            text=s.text, start=s.start, end=s.end,
            topics=tuple(t for t, flag in zip(TOPICS, on[i]) if flag),
            topic_probs={t: float(p) for t, p in zip(TOPICS, P_topic[i])},
            tone=TONES[int(P_tone[i].argmax())],
            tone_probs={k: float(p) for k, p in zip(TONES, P_tone[i])},
            furniture=bool(s.furniture)))
    return scores, article_figures(P_topic, P_tone, on, furniture, input_flags)


def classify(sentences: Iterable[str] | str, *, model=None) -> list[SentenceScore]:
    """Label sentences as given (no splitting). Furniture lines get no topic and neutral tone.

    >>> import stance
    >>> [s.tone for s in stance.classify(["Both leaders praised the new partnership.", "Read more"])]
    ['cooperative', 'neutral']
    """
    if isinstance(sentences, str):
        sentences = [sentences]
    from .text import is_furniture

    items = []
    for i, s in enumerate(sentences):
        _check_str(s, f"sentence {i}")
        items.append(Sentence(s, 0, len(s), is_furniture(s)))
    return _sentence_scores(_resolve(model), items)[0]


def score(text: str, *, model=None) -> ArticleScore:
    """Split an article into sentences, label each, and sum the article up.

    >>> import stance
    >>> a = stance.score("India and Japan held joint naval drills. Officials praised the exercise.")
    >>> a.n_sentences, -1 <= a.net_tone <= 1
    (2, True)
    """
    _check_str(text)
    m = _resolve(model)
    sents, figures = _sentence_scores(m, split_sentences(text), text_flags(text))
    return ArticleScore(sentences=tuple(sents), **figures)


# --------------------------------------------------------------------------- batches

#: Columns of :func:`score_many` besides the input's own metadata.
FIGURE_COLUMNS = (
    ["n_sentences", "n_content", "n_furniture"]
    + [f"topic_{t}" for t in TOPICS] + [f"n_{t}" for t in TOPICS]
    + [f"tone_{k}" for k in TONES] + [f"n_{k}" for k in TONES]
    + [f"{t}_{k}" for t in TOPICS for k in TONES]
    + ["net_tone", "balance", "flags", "error"]
)


def _figures_row(fig: dict) -> dict:
    row = {"n_sentences": fig["n_sentences"], "n_content": fig["n_content"], "n_furniture": fig["n_furniture"]}
    row.update({f"topic_{t}": v for t, v in fig["topic_share"].items()})
    row.update({f"n_{t}": v for t, v in fig["topic_counts"].items()})
    row.update({f"tone_{k}": v for k, v in fig["tone_share"].items()})
    row.update({f"n_{k}": v for k, v in fig["tone_counts"].items()})
    row.update({f"{t}_{k}": v for t, d in fig["tone_by_topic"].items() for k, v in d.items()})
    row.update({"net_tone": fig["net_tone"], "balance": fig["balance"], "flags": ";".join(fig["flags"]),
                "error": None})
    return row


def _as_record(item: Any, position: int) -> dict:
    """Normalise one batch item to a dict with ``id`` and ``text`` (text may be invalid)."""
    if isinstance(item, str) or item is None or isinstance(item, (bytes, int, float)):
        return {"id": position, "text": item}
    if isinstance(item, pd.Series):
        item = item.to_dict()
    if hasattr(item, "to_record"):  # stance.data.Article
        item = item.to_record()
    if isinstance(item, dict):
        rec = dict(item)
        rec.setdefault("id", position)
        if "text" not in rec:
            rec["text"] = None
            rec["_error"] = "record has no 'text' field"
        return rec
    return {"id": position, "text": item}


def score_records(records: list[dict], model) -> list[dict]:
    """Score a batch of article records (dicts with ``id`` and ``text``) into figure rows,
    one per record, in order. A record whose text is not a string gets an ``error`` instead."""
    rows: list[dict] = []
    splits: list[list[Sentence] | None] = []
    flags: list[tuple[str, ...]] = []
    for rec in records:
        text = rec.get("text")
        if rec.get("_error"):
            splits.append(None)
        elif not isinstance(text, str):
            rec["_error"] = f"text must be str, got {type(text).__name__}"
            splits.append(None)
        else:
            try:
                splits.append(split_sentences(text))
                flags.append(text_flags(text))
                continue
            except Exception as exc:  # noqa: BLE001 - reported per record, the batch goes on
                rec["_error"] = f"could not split text: {type(exc).__name__}: {exc}"
                splits.append(None)
        flags.append(())
    flat = [s for ss in splits if ss for s in ss]
    P_topic, P_tone = _probabilities(model, flat)
    furniture_all = np.array([s.furniture for s in flat], dtype=bool)
    on_all = P_topic >= model.thresholds_
    on_all[furniture_all] = False
    pos = 0
    for rec, ss, fl in zip(records, splits, flags):
        meta = {k: v for k, v in rec.items() if k not in ("text", "_error")}
        if ss is None:
            rows.append(meta | {c: np.nan for c in FIGURE_COLUMNS} | {"flags": "", "error": rec["_error"]})
            continue
        k = len(ss)
        fig = article_figures(P_topic[pos:pos + k], P_tone[pos:pos + k], on_all[pos:pos + k],
                              furniture_all[pos:pos + k], fl)
        pos += k
        rows.append(meta | _figures_row(fig))
    return rows


def _batches(items: Iterable[Any], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for i, item in enumerate(items):
        batch.append(_as_record(item, i))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def iter_scores(articles, *, model=None, batch_size: int = 500) -> Iterator[pd.DataFrame]:
    """Score articles batch by batch, yielding one DataFrame per batch (memory stays flat).
    ``articles`` as for :func:`score_many`."""
    from .data import iter_article_records

    m = _resolve(model)
    for batch in _batches(iter_article_records(articles), batch_size):
        yield _frame(score_records(batch, m))


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    meta = [c for c in df.columns if c not in FIGURE_COLUMNS]
    return df[meta + FIGURE_COLUMNS]


def score_many(articles, *, model=None, batch_size: int = 500, n_jobs: int = 1) -> pd.DataFrame:
    """Score many articles; one row per article with its ids and metadata kept.

    ``articles``: strings, dicts or rows with ``text`` (and ``id``, ``outlet``, ``date``, any
    other metadata), a pandas DataFrame, or a path to a JSONL/CSV file or a folder of
    ``.txt``/``.json`` files. Strings get their position as ``id``. A bad record (no text, not a
    string) is kept as a row with an ``error`` message while the rest are scored.
    ``n_jobs`` > 1 scores batches in parallel processes with joblib.

    >>> import stance
    >>> df = stance.score_many([{"id": "a1", "outlet": "X", "text": "Tariffs were raised again."}])
    >>> list(df["id"]), int(df.loc[0, "n_sentences"])
    (['a1'], 1)
    """
    from .data import iter_article_records

    m = _resolve(model)
    if n_jobs == 1:
        frames = list(iter_scores(articles, model=m, batch_size=batch_size))
    else:
        from joblib import Parallel, delayed

        ref = _model_ref(m)
        frames = Parallel(n_jobs=n_jobs)(
            delayed(_score_batch_frame)(b, ref) for b in _batches(iter_article_records(articles), batch_size))
    if not frames:
        return pd.DataFrame(columns=["id"] + FIGURE_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def _model_ref(model):
    """What a worker process needs to get the model: its file (loaded once per worker and
    cached) when it came from one, else the model itself (pickled with each task)."""
    path, origin = getattr(model, "path", None), getattr(model, "origin", None)
    if origin in ("package", "checkout"):
        return ("path", None, False)  # the worker resolves the same bundled model
    if path is not None and origin in ("explicit", "env"):
        return ("path", path, True)  # the caller has already trusted this file
    return model


def _score_batch_frame(batch: list[dict], ref) -> pd.DataFrame:
    if isinstance(ref, tuple) and ref and ref[0] == "path":
        from .resources import cached_model
        ref = cached_model(ref[1], trusted=ref[2])
    return _frame(score_records(batch, ref))
