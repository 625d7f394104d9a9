"""Archive scoring: stream articles in batches, write results as they come, resume after a stop.

    stance score archive.jsonl --out scores.jsonl            # one row per article
    stance score archive.jsonl --out sentences.jsonl --level sentence
    stance score archive.jsonl --out scores.jsonl --resume   # skip ids already written

Output is JSONL or CSV (append-only, resumable) or Parquet (with pyarrow; written to a temporary
file and moved into place when complete). Every batch is written whole and flushed to disk
before the next one starts, so an interruption loses at most the batch in flight; a line cut
short by a hard kill is dropped when ``--resume`` reopens the file.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from .exceptions import DataError
from .labels import TONES, TOPICS

SENTENCE_COLUMNS = (["id", "sentence", "start", "end", "furniture", "text", "topics", "tone"]
                    + [f"p_{t}" for t in TOPICS] + [f"p_{k}" for k in TONES])


def _json_value(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        v = float(v)
        return None if math.isnan(v) else v
    if isinstance(v, np.bool_):
        return bool(v)
    return v


class Progress:
    """A one-line progress display on a terminal: done, rate, ETA. Silent when not a TTY."""

    def __init__(self, total: int | None, *, enabled: bool, stream=sys.stderr, unit: str = "articles"):
        self.total, self.enabled, self.stream, self.unit = total, enabled, stream, unit
        self.start = time.perf_counter()
        self.done = 0
        self.errors = 0

    def update(self, n: int, errors: int = 0) -> None:
        self.done += n
        self.errors += errors
        if not self.enabled:
            return
        el = max(time.perf_counter() - self.start, 1e-9)
        rate = self.done / el
        if self.total:
            left = max(self.total - self.done, 0)
            eta = left / rate if rate > 0 else float("inf")
            pct = 100 * self.done / self.total
            msg = f"\r{self.done:,}/{self.total:,} {self.unit} ({pct:5.1f}%)  {rate:,.0f}/s  ETA {_hms(eta)}"
        else:
            msg = f"\r{self.done:,} {self.unit}  {rate:,.0f}/s  elapsed {_hms(el)}"
        if self.errors:
            msg += f"  errors {self.errors}"
        self.stream.write(msg)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _hms(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "--:--"
    s = int(seconds)
    return f"{s // 3600:d}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"


def count_records(path: str | Path) -> int | None:
    """Cheap count of the articles in a JSONL/CSV file or folder (for the ETA); None if unknown."""
    p = Path(path)
    try:
        if p.is_dir():
            return sum(1 for f in p.rglob("*") if f.suffix.lower() in (".txt", ".json"))
        if p.suffix.lower() in (".jsonl", ".csv"):
            n = 0
            with open(p, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 22), b""):
                    n += chunk.count(b"\n")
            return n - (1 if p.suffix.lower() == ".csv" else 0)
    except OSError:
        return None
    return 1


# --------------------------------------------------------------------------- writers

class _Writer:
    def write(self, rows: list[dict]) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self, complete: bool) -> None:
        pass


class JsonlWriter(_Writer):
    def __init__(self, path: Path, append: bool):
        self.fh = open(path, "ab" if append else "wb")

    def write(self, rows: list[dict]) -> None:
        buf = "".join(json.dumps({k: _json_value(v) for k, v in r.items()}, ensure_ascii=False) + "\n"
                      for r in rows).encode("utf-8")
        self.fh.write(buf)
        self.fh.flush()
        os.fsync(self.fh.fileno())

    def close(self, complete: bool) -> None:
        self.fh.close()


class CsvWriter(_Writer):
    def __init__(self, path: Path, append: bool, columns: list[str] | None):
        if append:
            with open(path, encoding="utf-8", newline="") as fh:
                columns = next(csv.reader(fh), None) or columns
        self.fh = open(path, "a" if append else "w", encoding="utf-8", newline="")
        self.columns = columns
        self.header_done = append

    def write(self, rows: list[dict]) -> None:
        if not rows:
            return
        if self.columns is None:
            self.columns = list(rows[0])
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=self.columns, extrasaction="ignore")
        if not self.header_done:
            w.writeheader()
            self.header_done = True
        for r in rows:
            w.writerow({k: ("" if _json_value(v) is None else _json_value(v)) for k, v in r.items()})
        self.fh.write(buf.getvalue())
        self.fh.flush()
        os.fsync(self.fh.fileno())

    def close(self, complete: bool) -> None:
        self.fh.close()


class ParquetWriter(_Writer):
    """Row group per batch into a temporary file, renamed into place only when complete."""

    def __init__(self, path: Path):
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise DataError("Parquet output needs pyarrow: pip install pyarrow (or write .jsonl/.csv)") from None
        self.path = path
        self.tmp = path.with_name(f".{path.name}.partial")
        self.writer = None

    def write(self, rows: list[dict]) -> None:
        import pandas as pd
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not rows:
            return
        df = pd.DataFrame(rows)
        for c in df.columns:
            if df[c].dtype == object:
                df[c] = df[c].map(lambda v: None if v is None else str(v))
        table = pa.Table.from_pandas(df, preserve_index=False)
        if self.writer is None:
            self.schema = table.schema
            self.writer = pq.ParquetWriter(self.tmp, self.schema)
        self.writer.write_table(table.cast(self.schema))

    def close(self, complete: bool) -> None:
        if self.writer is not None:
            self.writer.close()
            if complete:
                os.replace(self.tmp, self.path)


def _existing_ids(path: Path, fmt: str, level: str) -> set[str]:
    """Ids already in an output file; a trailing partial line (hard kill) is cut off first."""
    if not path.exists() or path.stat().st_size == 0:
        return set()
    data = path.read_bytes()
    if not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        with open(path, "r+b") as fh:
            fh.truncate(cut)
        data = data[:cut]
    if fmt == "jsonl":
        return {str(json.loads(line)["id"]) for line in data.splitlines() if line.strip()}
    return {str(r["id"]) for r in csv.DictReader(io.StringIO(data.decode("utf-8")))}


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise DataError(f"cannot tell the output format from {path.name!r}: use .jsonl, .csv or .parquet", str(path))


def sentence_rows(record: dict, art) -> list[dict]:
    """One output row per sentence of a scored article."""
    rows = []
    for i, s in enumerate(art.sentences):
        row = {"id": record["id"], "sentence": i, "start": s.start, "end": s.end, "furniture": s.furniture,
               "text": s.text, "topics": ";".join(s.topics), "tone": s.tone}
        row.update({f"p_{t}": round(s.topic_probs[t], 6) for t in TOPICS})
        row.update({f"p_{k}": round(s.tone_probs[k], 6) for k in TONES})
        rows.append(row)
    return rows


def _score_batch(batch: list[dict], model, level: str) -> tuple[list[dict], int]:
    from .scoring import score, score_records

    if level == "article":
        rows = score_records(batch, model)
        return rows, sum(1 for r in rows if r.get("error"))
    rows, errors = [], 0
    for rec in batch:
        text = rec.get("text")
        if rec.get("_error") or not isinstance(text, str):
            errors += 1
            rows.append({"id": rec["id"], "sentence": None, "error": rec.get("_error")
                         or f"text must be str, got {type(text).__name__}"})
            continue
        rows.extend(sentence_rows(rec, score(text, model=model)))
    return rows, errors


def score_to_file(sources: Iterable, out: str | Path, *, model, level: str = "article", resume: bool = False,
                  batch_size: int = 500, progress: bool = True, total: int | None = None,
                  n_jobs: int = 1, log=None) -> dict:
    """Score articles from ``sources`` (anything :func:`stance.score_many` takes, or several of
    them) into ``out``, batch by batch. Returns counts: ``written``, ``skipped``, ``errors``,
    ``error_ids`` (the first 100), ``interrupted``."""
    from .data import iter_article_records
    from .scoring import _as_record

    out = Path(out)
    fmt = _format_of(out)
    if level not in ("article", "sentence"):
        raise ValueError(f"level must be 'article' or 'sentence', got {level!r}")
    if resume and fmt == "parquet":
        raise DataError("--resume needs a .jsonl or .csv output (Parquet files cannot be appended to)", str(out))
    done = _existing_ids(out, fmt, level) if resume else set()
    if resume and level == "sentence" and done:
        # the last article may have been cut between sentences: drop its rows and redo it
        done = _drop_last_article(out, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    append = resume and out.exists() and out.stat().st_size > 0
    if fmt == "jsonl":
        writer: _Writer = JsonlWriter(out, append)
    elif fmt == "csv":
        writer = CsvWriter(out, append, None)
    else:
        writer = ParquetWriter(out)
    bar = Progress(total, enabled=progress)
    stats = {"written": 0, "skipped": 0, "errors": 0, "error_ids": [], "interrupted": False}

    def batches() -> Iterator[list[dict]]:
        batch: list[dict] = []
        pos = 0
        for src in sources:
            for item in iter_article_records(src):
                rec = _as_record(item, pos)
                pos += 1
                rec["id"] = str(rec["id"])
                if rec["id"] in done:
                    stats["skipped"] += 1
                    continue
                batch.append(rec)
                if len(batch) >= batch_size:
                    yield batch
                    batch = []
        if batch:
            yield batch

    complete = False
    try:
        if n_jobs == 1:
            results = (_score_batch(b, model, level) + (b,) for b in batches())
        else:
            from joblib import Parallel, delayed
            results = Parallel(n_jobs=n_jobs, return_as="generator")(
                delayed(_score_batch_with)(b, model, level) for b in batches())
        for rows, errors, batch in results:
            writer.write(rows)
            stats["written"] += len(batch)
            stats["errors"] += errors
            if errors:
                stats["error_ids"].extend(r["id"] for r in rows if r.get("error"))
                del stats["error_ids"][100:]
            bar.update(len(batch), errors)
        complete = True
    except KeyboardInterrupt:
        stats["interrupted"] = True
    finally:
        bar.close()
        writer.close(complete)
    return stats


def _score_batch_with(batch, model, level):
    rows, errors = _score_batch(batch, model, level)
    return rows, errors, batch


def _drop_last_article(path: Path, fmt: str) -> set[str]:
    """For sentence-level output: remove the rows of the last article written (it may be
    incomplete) and return the ids that remain complete."""
    data = path.read_bytes()
    lines = data.splitlines(keepends=True)
    if fmt == "csv":
        header, body = lines[:1], lines[1:]
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        ids = [r["id"] for r in rows]
    else:
        header, body = [], lines
        ids = [str(json.loads(line)["id"]) for line in body if line.strip()]
    if not ids:
        return set()
    last = ids[-1]
    keep = len(ids)
    while keep and ids[keep - 1] == last:
        keep -= 1
    from .text import atomic_write_bytes

    atomic_write_bytes(path, b"".join(header + body[:keep]))
    return set(ids[:keep])
