"""Score a dask DataFrame partition by partition (optional extra: ``pip install 'stance[dask]'``).

>>> import dask.dataframe as dd, pandas as pd                    # doctest: +SKIP
>>> from stance.dask import score_dataframe                       # doctest: +SKIP
>>> ddf = dd.from_pandas(pd.DataFrame({"id": [1], "text": ["Tariffs rose."]}), npartitions=1)  # doctest: +SKIP
>>> scored = score_dataframe(ddf, text="text").compute()          # doctest: +SKIP

The model is loaded once per worker process (the first partition a worker scores loads and
verifies it; later partitions reuse it), never shipped with each task: tasks carry only the
model's path. On an existing cluster, connect a ``dask.distributed.Client`` first; workers need
stance installed (the bundled model comes with it) or access to the same model file path.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .scoring import FIGURE_COLUMNS, _frame, score_records

_worker_models: dict[tuple, object] = {}


def _model_for(path: str | None, trusted: bool):
    """The model for this process, loaded on first use and kept (one per worker process)."""
    key = (path, trusted)
    model = _worker_models.get(key)
    if model is None:
        from .resources import cached_model

        model = cached_model(path, trusted=trusted)
        _worker_models[key] = model
    return model


def score_partition(part: pd.DataFrame, text: str = "text", model_path: str | None = None,
                    trusted: bool = False) -> pd.DataFrame:
    """Score one pandas partition: its columns (except the text) plus the article figures."""
    model = _model_for(model_path, trusted)
    records = []
    for idx, row in zip(part.index, part.to_dict("records")):
        rec = {k: v for k, v in row.items() if k != text}
        rec.setdefault("id", idx)
        rec["text"] = row.get(text)
        records.append(rec)
    if not records:
        return _empty_meta(part, text)
    out = _frame(score_records(records, model))
    out.index = part.index
    for c in FIGURE_COLUMNS:
        if c not in ("flags", "error"):
            out[c] = out[c].astype("float64")
    out["error"] = out["error"].astype("object")
    return out[_meta_columns(part, text)]


def _meta_columns(part: pd.DataFrame, text: str) -> list[str]:
    cols = [c for c in part.columns if c != text]
    if "id" not in cols:
        cols = ["id"] + cols
    return cols + FIGURE_COLUMNS


def _empty_meta(part: pd.DataFrame, text: str) -> pd.DataFrame:
    cols = _meta_columns(part, text)
    meta = pd.DataFrame({c: pd.Series(dtype=part[c].dtype) for c in cols if c in part.columns and c != text})
    if "id" not in meta:
        meta.insert(0, "id", pd.Series(dtype=part.index.dtype))
    for c in FIGURE_COLUMNS:
        meta[c] = pd.Series(dtype="object" if c in ("flags", "error") else "float64")
    return meta[cols]


def score_dataframe(ddf, text: str = "text", *, model=None, trusted: bool = False):
    """Score a dask DataFrame of articles; returns a dask DataFrame with one row per article:
    the input's columns (without the text) and the article figures of :func:`stance.score_many`.

    ``model``: None for the bundled model, or a path to a ``.joblib`` model (``trusted=True``
    required, as for :func:`stance.load_model`). The result works with :func:`stance.compare`
    after ``.compute()``.
    """
    if text not in ddf.columns:
        raise KeyError(f"no text column {text!r}; columns are {list(ddf.columns)}")
    path = None
    if model is not None:
        path = str(Path(getattr(model, "path", model)))
    meta = _empty_meta(ddf._meta, text)
    return ddf.map_partitions(score_partition, text=text, model_path=path, trusted=trusted, meta=meta)
