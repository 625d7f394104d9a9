"""Aggregation stage: compare groups of articles (outlets, periods, any column) with uncertainty.

:func:`compare` takes the per-article frame of :func:`stance.score_many` and returns a tidy
DataFrame, one row per group and measure:

* ``topic:<t>``: share of content sentences on topic *t* (probability-weighted);
* ``tone:<k>``: share of content sentences with tone *k* (probability-weighted);
* ``tone:<k>|<t>``: tone shares among sentences on topic *t* (weighted by P(topic));
* ``net_tone``: mean of the articles' net tone (articles with no toned sentence left out);
* ``balance``: mean of the articles' balance.

Each estimate has a percentile bootstrap interval that resamples **articles** within the group
(seeded). Beside the raw estimate, topic and tone prevalence get an **error-corrected** estimate:
adjusted classify-and-count. The model card stores, from out-of-fold predictions at training
time, each topic's true- and false-positive rates and the tone matrix P(predicted | true).
The share of sentences *predicted* on a topic, q, relates to the true share p by
q = fpr + (tpr - fpr) p, so p = (q - fpr) / (tpr - fpr), clipped to [0, 1]; for tone, the
predicted distribution is q = M^T p, solved for p by least squares on the simplex (clip and
renormalise). The correction is applied inside every bootstrap replicate with error rates redrawn from
their spread across the grouped cross-validation folds (folds hold out whole country pairs), so
the corrected interval carries both the sampling uncertainty and the uncertainty of the rates on
unseen text. The rates are measured on the project's corpus; on very different text they differ.

>>> import stance
>>> scored = stance.score_many(stance.load_articles())
>>> table = stance.compare(scored, by="outlet", n_boot=200)
>>> sorted(table.columns)[:4]
['ci_high', 'ci_low', 'corrected', 'corrected_high']
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .labels import TONES, TOPICS


@dataclass(frozen=True)
class _Ratio:
    """A measure as sum(num) / sum(den) over articles."""

    name: str
    num: np.ndarray
    den: np.ndarray
    kind: str


def _ratios(df: pd.DataFrame) -> list[_Ratio]:
    n = df["n_content"].to_numpy(dtype=float)
    out = [_Ratio(f"topic:{t}", df[f"topic_{t}"].to_numpy(float) * n, n, "topic") for t in TOPICS]
    out += [_Ratio(f"tone:{k}", df[f"tone_{k}"].to_numpy(float) * n, n, "tone") for k in TONES]
    for t in TOPICS:
        w = df[f"topic_{t}"].to_numpy(float) * n
        for k in TONES:
            x = np.nan_to_num(df[f"{t}_{k}"].to_numpy(float))
            out.append(_Ratio(f"tone:{k}|{t}", x * w, w, "tone_by_topic"))
    return out


def _boot_weights(n: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """(n_boot, n) counts of how often each article is drawn in each replicate."""
    draws = rng.integers(0, n, size=(n_boot, n))
    W = np.zeros((n_boot, n))
    np.add.at(W, (np.repeat(np.arange(n_boot), n), draws.ravel()), 1)
    return W


def _safe_div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(b > 0, a / np.where(b > 0, b, 1), np.nan)


def correct_topic(q: np.ndarray, tpr: float, fpr: float) -> np.ndarray:
    """Adjusted classify-and-count for one topic: (q - fpr) / (tpr - fpr), clipped to [0, 1]."""
    if tpr - fpr <= 1e-6:
        return np.asarray(q, dtype=float)
    return np.clip((np.asarray(q, dtype=float) - fpr) / (tpr - fpr), 0.0, 1.0)


def correct_tone(Q: np.ndarray, M: np.ndarray) -> np.ndarray:
    """Adjusted classify-and-count for tone: solve q = M^T p for each row q of ``Q`` (least
    squares), then clip to >= 0 and renormalise to sum 1."""
    Q = np.atleast_2d(np.asarray(Q, dtype=float))
    P, *_ = np.linalg.lstsq(M.T, Q.T, rcond=None)
    P = np.clip(P.T, 0.0, None)
    s = P.sum(axis=1, keepdims=True)
    return np.where(s > 0, P / np.where(s > 0, s, 1), np.nan)


def _rates(model) -> dict | None:
    card = getattr(model, "card", None) or {}
    return card.get("confusion_rates")


def compare(scored: pd.DataFrame, by: str = "outlet", *, n_boot: int = 1000, level: float = 0.95,
            seed: int = 0, model=None, freq: str | None = None) -> pd.DataFrame:
    """Compare groups of scored articles, with bootstrap intervals and corrected prevalence.

    ``scored``: the frame of :func:`stance.score_many` (rows with an ``error`` are left out).
    ``by``: the column to group by (``"outlet"``, ``"date"``, any column). With ``freq`` (e.g.
    ``"M"``, ``"Q"``, ``"Y"``) the ``by`` column is read as dates and grouped by period.
    ``model``: the model whose card supplies the error rates (default: the bundled model).
    Returns columns ``group, measure, estimate, ci_low, ci_high, corrected, corrected_low,
    corrected_high, n_articles, n_sentences``; ``corrected`` is NaN for measures it does not apply to.
    """
    if not isinstance(scored, pd.DataFrame):
        raise TypeError(f"scored must be the DataFrame from stance.score_many, got {type(scored).__name__}")
    if by not in scored.columns:
        raise KeyError(f"no column {by!r} to group by; columns are {list(scored.columns)}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    if model is None:
        from .resources import load_model
        model = load_model()
    rates = _rates(model)
    df = scored
    if "error" in df.columns:
        df = df[df["error"].isna()]
    df = df[df["n_content"] > 0]
    keys = df[by]
    if freq:
        keys = pd.to_datetime(keys, errors="coerce").dt.to_period(freq).astype(str)
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    rows = []
    for group, part in df.groupby(keys, sort=True):
        n = len(part)
        W = _boot_weights(n, n_boot, rng)
        ratios = _ratios(part)
        n_sent = int(part["n_content"].sum())
        base = {"group": group, "n_articles": n, "n_sentences": n_sent}
        ests = {r.name: float(_safe_div(r.num.sum(), r.den.sum())) for r in ratios}
        boots = {r.name: _safe_div(W @ r.num, W @ r.den) for r in ratios}
        corrected, corrected_boot = _corrections(part, W, rates, rng)
        for r in ratios:
            b = boots[r.name]
            row = base | {"measure": r.name, "estimate": ests[r.name],
                          "ci_low": float(np.nanquantile(b, alpha)) if np.isfinite(b).any() else np.nan,
                          "ci_high": float(np.nanquantile(b, 1 - alpha)) if np.isfinite(b).any() else np.nan}
            if r.name in corrected:
                cb = corrected_boot[r.name]
                row |= {"corrected": float(corrected[r.name]), "corrected_low": float(np.nanquantile(cb, alpha)),
                        "corrected_high": float(np.nanquantile(cb, 1 - alpha))}
            rows.append(row)
        for col in ("net_tone", "balance"):
            x = part[col].to_numpy(float)
            ok = np.isfinite(x)
            if not ok.any():
                rows.append(base | {"measure": col, "estimate": np.nan, "ci_low": np.nan, "ci_high": np.nan})
                continue
            b = _safe_div(W[:, ok] @ x[ok], W[:, ok].sum(axis=1))
            rows.append(base | {"measure": col, "estimate": float(x[ok].mean()),
                                "ci_low": float(np.nanquantile(b, alpha)), "ci_high": float(np.nanquantile(b, 1 - alpha))})
    cols = ["group", "measure", "estimate", "ci_low", "ci_high", "corrected", "corrected_low",
            "corrected_high", "n_articles", "n_sentences"]
    out = pd.DataFrame(rows)
    for c in cols:
        if c not in out.columns:
            out[c] = np.nan
    out = out[cols]
    out.attrs["by"] = by
    out.attrs["level"] = level
    out.attrs["n_boot"] = n_boot
    out.attrs["seed"] = seed
    return out


def _corrections(part: pd.DataFrame, W: np.ndarray, rates: dict | None,
                 rng: np.random.Generator) -> tuple[dict, dict]:
    """Corrected topic and tone prevalence for a group and for every bootstrap replicate. In each
    replicate the error rates are also redrawn (normal, with the spread measured across the
    grouped cross-validation folds), so the interval carries the uncertainty of the rates."""
    if not rates:
        return {}, {}
    B = W.shape[0]
    sd = rates.get("fold_sd", {})
    n = part["n_content"].to_numpy(float)
    est, boot = {}, {}
    for t in TOPICS:
        r = rates["topic"][t]
        s = sd.get("topic", {}).get(t, {"tpr": 0.0, "fpr": 0.0})
        c = part[f"n_{t}"].to_numpy(float)
        q = c.sum() / n.sum()
        qb = _safe_div(W @ c, W @ n)
        tpr_b = np.clip(rng.normal(r["tpr"], s["tpr"], B), 0, 1)
        fpr_b = np.clip(rng.normal(r["fpr"], s["fpr"], B), 0, 1)
        est[f"topic:{t}"] = correct_topic(q, r["tpr"], r["fpr"])
        with np.errstate(invalid="ignore", divide="ignore"):
            ok = tpr_b - fpr_b > 1e-6
            boot[f"topic:{t}"] = np.where(ok, np.clip((qb - fpr_b) / np.where(ok, tpr_b - fpr_b, 1), 0, 1), qb)
    M = np.asarray(rates["tone"]["p_pred_given_true"], dtype=float)
    Msd = np.asarray(sd.get("tone", {}).get("p_pred_given_true", np.zeros_like(M)), dtype=float)
    C = np.column_stack([part[f"n_{k}"].to_numpy(float) for k in TONES])
    q = C.sum(axis=0) / n.sum()
    Qb = (W @ C) / (W @ n)[:, None]
    p = correct_tone(q, M)[0]
    Pb = np.empty_like(Qb)
    for b in range(B):
        Mb = np.clip(rng.normal(M, Msd), 1e-6, None)
        Mb /= Mb.sum(axis=1, keepdims=True)
        Pb[b] = correct_tone(Qb[b], Mb)[0]
    for j, k in enumerate(TONES):
        est[f"tone:{k}"] = p[j]
        boot[f"tone:{k}"] = Pb[:, j]
    return est, boot


def compare_wide(table: pd.DataFrame, value: str = "estimate") -> pd.DataFrame:
    """Groups as rows and measures as columns, for heatmaps and quick reading."""
    return table.pivot(index="group", columns="measure", values=value)
