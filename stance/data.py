"""Reading and validating labelled corpora.

A labelled corpus is JSONL (one object a line) or CSV with the columns ``id``, ``text``,
``topics`` (list; in CSV a ``;``-separated string), ``tone``, ``hard``, ``register`` and
``actors``. For evaluation only ``text`` and one of ``topics`` / ``tone`` are needed.

>>> from stance.data import skeleton
>>> skeleton("China raised tariffs by 25% on Monday.") == skeleton("Japan raised tariffs by 10% on Friday.")
True
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .exceptions import DataError
from .features import PLACES
from .labels import REGISTERS, TONES, TOPICS

#: Fields every training record must carry.
TRAINING_FIELDS = ("id", "text", "topics", "tone", "hard", "register", "actors")

#: Registers whose sentences are page furniture (no topic, neutral tone by the guide).
FURNITURE_REGISTERS = ("boilerplate", "caption")

#: Minimums the corpus issue sets; reported by ``stance validate``.
CORPUS_TARGETS = {
    "sentences": 6000,
    "per_topic": 900,
    "no_topic": 1500,
    "furniture": 400,
    "per_tone": 1500,
    "multi_topic_share": 0.10,
    "hard_share": 0.10,
    "pairs": 40,
    "max_pair_share": 0.15,
    "per_register": 200,
}


# --------------------------------------------------------------------------- reading

def _parse_topics(value: Any, where: tuple[str, int]) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise DataError(f"topics is not a JSON list: {exc}", *where) from None
        else:
            value = [t.strip() for t in re.split(r"[;,|]", text) if t.strip()]
    if not isinstance(value, (list, tuple)):
        raise DataError(f"topics must be a list of labels, got {type(value).__name__}", *where)
    out = []
    for t in value:
        if t not in TOPICS:
            raise DataError(f"unknown topic {t!r}; expected some of {list(TOPICS)}", *where)
        if t in out:
            raise DataError(f"topic {t!r} listed twice", *where)
        out.append(t)
    return out


def _parse_bool(value: Any, where: tuple[str, int]) -> bool:
    if isinstance(value, bool):
        return value
    if value in (None, ""):
        return False
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
        return value.strip().lower() in ("true", "1", "yes")
    raise DataError(f"hard must be true or false, got {value!r}", *where)


def normalise_record(raw: dict, path: str, line: int, *, require: Iterable[str] = ("text",)) -> dict:
    """Check one raw record and return it with typed fields. Raises :class:`DataError`."""
    where = (path, line)
    if not isinstance(raw, dict):
        raise DataError(f"expected a JSON object, got {type(raw).__name__}", *where)
    for name in require:
        if name not in raw or raw[name] is None:
            raise DataError(f"missing field {name!r}", *where)
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DataError("text must be a non-empty string", *where)
    rec: dict[str, Any] = {"text": text, "_path": path, "_line": line}
    if "id" in raw and raw["id"] is not None:
        rec["id"] = str(raw["id"])
    if "topics" in raw:
        rec["topics"] = _parse_topics(raw["topics"], where)
    if "tone" in raw and raw["tone"] not in (None, ""):
        if raw["tone"] not in TONES:
            raise DataError(f"unknown tone {raw['tone']!r}; expected one of {list(TONES)}", *where)
        rec["tone"] = raw["tone"]
    if "hard" in raw:
        rec["hard"] = _parse_bool(raw["hard"], where)
    if "register" in raw and raw["register"] not in (None, ""):
        if raw["register"] not in REGISTERS:
            raise DataError(f"unknown register {raw['register']!r}; expected one of {list(REGISTERS)}", *where)
        rec["register"] = raw["register"]
    if "actors" in raw:
        actors = raw["actors"]
        if isinstance(actors, str):
            actors = [a.strip() for a in re.split(r"[;,|]", actors) if a.strip()]
        if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
            raise DataError("actors must be a list of names", *where)
        rec["actors"] = actors
    if "topics" not in rec and "tone" not in rec:
        raise DataError("record has neither 'topics' nor 'tone'", *where)
    return rec


def corpus_files(path: str | Path) -> list[Path]:
    """The labelled files a path names: the file itself, or a folder's ``*.jsonl``/``*.csv``."""
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.suffix.lower() in (".jsonl", ".csv") and f.is_file())
        if not files:
            raise DataError("folder holds no .jsonl or .csv file", str(p))
        return files
    if not p.exists():
        raise DataError("no such file or folder", str(p))
    return [p]


def _raw_rows(path: Path) -> Iterator[tuple[int, Any]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror}", str(path)) from None
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError("file is not valid UTF-8", str(path), line) from None
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(content, newline=""))
        for row in reader:
            yield reader.line_num, {k: v for k, v in row.items() if k is not None}
        return
    for lineno, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"bad JSON: {exc.msg} (column {exc.colno})", str(path), lineno) from None


def read_labelled(path: str | Path, *, require: Iterable[str] = ("text",)) -> list[dict]:
    """Read every record of a labelled corpus (file or folder), checked field by field.

    Raises :class:`DataError` naming the file and line of the first bad record.
    """
    require = tuple(require)
    records = []
    for f in corpus_files(path):
        for lineno, raw in _raw_rows(f):
            records.append(normalise_record(raw, str(f), lineno, require=require))
    if not records:
        raise DataError("no labelled records found", str(path))
    return records


def read_training(path: str | Path) -> list[dict]:
    """Read a training corpus: full schema, unique ids, no text labelled two ways."""
    records = read_labelled(path, require=("id", "text", "topics", "tone"))
    seen_ids: dict[str, dict] = {}
    seen_text: dict[str, dict] = {}
    for r in records:
        if r["id"] in seen_ids:
            o = seen_ids[r["id"]]
            raise DataError(f"duplicate id {r['id']!r} (first at {o['_path']}:{o['_line']})", r["_path"], r["_line"])
        seen_ids[r["id"]] = r
        key = _text_key(r["text"])
        if key in seen_text:
            o = seen_text[key]
            if (sorted(o["topics"]), o["tone"]) != (sorted(r["topics"]), r["tone"]):
                raise DataError(
                    f"conflicting labels for the same text as id {o['id']!r} ({o['_path']}:{o['_line']})",
                    r["_path"], r["_line"])
        else:
            seen_text[key] = r
    return records


def hash_files(files: Iterable[Path]) -> str:
    """One sha256 over the names and bytes of files, in the order given."""
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def files_sha256(path: str | Path) -> str:
    """One sha256 over every file of a corpus (file or folder), in sorted order."""
    return hash_files(corpus_files(path))


# --------------------------------------------------------------------------- validation

# place names for masking: the features' list plus the parts of multi-word names
_GAZETTEER = set(PLACES) | set("""
new north south east west united states kingdom sri lanka arabia union zealand gulf nordic gcc nato
african emirates korea hong kong
""".split())

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def _text_key(text: str) -> str:
    return " ".join(text.casefold().split())


def skeleton(text: str) -> str:
    """A sentence with its names and numbers masked; two sentences with one skeleton are
    *template twins*. Capitalised words inside a mixed-case sentence count as names; in a
    headline-case or all-caps sentence only known place names do."""
    tokens = _TOKEN.findall(text)
    words = [t for t in tokens if t[:1].isalpha()]
    capital_share = sum(w[0].isupper() for w in words) / max(len(words), 1)
    headline_case = capital_share > 0.6
    out = []
    for i, tok in enumerate(tokens):
        low = tok.casefold()
        if any(ch.isdigit() for ch in tok):
            out.append("#")
        elif low in _GAZETTEER:
            out.append("N")
        elif not headline_case and i > 0 and tok[:1].isupper():
            out.append("N")
        else:
            out.append(low)
    # collapse runs of masks so "South Korea" and "China" mask alike
    collapsed: list[str] = []
    for t in out:
        if t in ("N", "#") and collapsed and collapsed[-1] == t:
            continue
        collapsed.append(t)
    return " ".join(collapsed)


@dataclass
class ValidationReport:
    """What ``stance validate`` found: counts, target checks and problems by id."""

    n: int = 0
    counts: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, tuple[Any, Any, bool]] = field(default_factory=dict)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    twins: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there are no duplicates, twins or label problems (targets aside)."""
        return not (self.duplicates or self.twins or self.problems)

    @property
    def targets_met(self) -> bool:
        return all(passed for _, _, passed in self.checks.values())

    def to_dict(self) -> dict:
        return {
            "n": self.n, "counts": self.counts,
            "checks": {k: {"value": v, "target": t, "met": ok} for k, (v, t, ok) in self.checks.items()},
            "duplicates": self.duplicates, "twins": self.twins, "problems": self.problems,
            "ok": self.ok, "targets_met": self.targets_met,
        }

    def format(self) -> str:
        lines = [f"sentences: {self.n}"]
        for name, (value, target, passed) in self.checks.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            lines.append(f"  {'ok ' if passed else 'LOW'} {name:<22} {shown:>8}   (target {target})")
        for key in ("topics", "tones", "registers", "pairs"):
            if key in self.counts:
                items = sorted(self.counts[key].items(), key=lambda kv: (-kv[1], kv[0]))
                more = f", ... and {len(items) - 40} more" if len(items) > 40 else ""
                lines.append(f"{key}: " + ", ".join(f"{k} {v}" for k, v in items[:40]) + more)
        for a, b in self.duplicates[:50]:
            lines.append(f"DUPLICATE: {a} and {b}")
        for a, b in self.twins[:50]:
            lines.append(f"TEMPLATE TWIN: {a} and {b}")
        for p in self.problems[:50]:
            lines.append(f"PROBLEM: {p}")
        extra = len(self.duplicates) + len(self.twins) + len(self.problems) - 150
        if extra > 0:
            lines.append(f"... and {extra} more problems")
        lines.append("valid" if self.ok else "INVALID")
        return "\n".join(lines)


def pair_key(actors: list[str]) -> str | None:
    """``["US", "India"]`` -> ``"India-US"``; None for fewer than two actors."""
    uniq = sorted(set(actors))
    return "-".join(uniq) if len(uniq) >= 2 else None


def validate_records(records: list[dict]) -> ValidationReport:
    """Check a training corpus: label consistency, duplicates, template twins, targets."""
    rep = ValidationReport(n=len(records))
    by_text: dict[str, str] = {}
    by_skel: dict[str, str] = {}
    topics = Counter()
    tones = Counter()
    registers = Counter()
    pairs = Counter()
    no_topic = multi = hard = furniture = 0
    for r in records:
        rid = r.get("id", f"{r['_path']}:{r['_line']}")
        for name in TRAINING_FIELDS:
            if name not in r:
                rep.problems.append(f"{rid}: missing field {name!r}")
        key = _text_key(r["text"])
        if key in by_text:
            rep.duplicates.append((by_text[key], rid))
        else:
            by_text[key] = rid
            sk = skeleton(r["text"])
            if len(sk.split()) >= 3 and sk in by_skel:
                rep.twins.append((by_skel[sk], rid))
            else:
                by_skel.setdefault(sk, rid)
        ts = r.get("topics", [])
        topics.update(ts)
        no_topic += not ts
        multi += len(ts) >= 2
        tones[r.get("tone")] += 1
        hard += bool(r.get("hard"))
        reg = r.get("register")
        registers[reg] += 1
        if reg in FURNITURE_REGISTERS:
            furniture += 1
            if ts or r.get("tone") != "neutral":
                rep.problems.append(f"{rid}: {reg} sentences are page furniture: no topic and neutral tone")
        pk = pair_key(r.get("actors", []))
        if pk:
            pairs[pk] += 1
    n = max(len(records), 1)
    T = CORPUS_TARGETS
    rep.counts = {"topics": dict(topics), "tones": dict(tones), "registers": dict(registers),
                  "pairs": dict(pairs), "no_topic": no_topic, "furniture": furniture,
                  "multi_topic": multi, "hard": hard}
    rep.checks["sentences"] = (len(by_text), T["sentences"], len(by_text) >= T["sentences"])
    for t in TOPICS:
        rep.checks[f"topic {t}"] = (topics[t], T["per_topic"], topics[t] >= T["per_topic"])
    rep.checks["no topic"] = (no_topic, T["no_topic"], no_topic >= T["no_topic"])
    rep.checks["furniture"] = (furniture, T["furniture"], furniture >= T["furniture"])
    for t in TONES:
        rep.checks[f"tone {t}"] = (tones[t], T["per_tone"], tones[t] >= T["per_tone"])
    rep.checks["multi-topic share"] = (multi / n, T["multi_topic_share"], multi / n >= T["multi_topic_share"])
    rep.checks["hard share"] = (hard / n, T["hard_share"], hard / n >= T["hard_share"])
    rep.checks["country pairs"] = (len(pairs), T["pairs"], len(pairs) >= T["pairs"])
    top_share = max(pairs.values()) / n if pairs else 0.0
    rep.checks["largest pair share"] = (top_share, T["max_pair_share"], top_share <= T["max_pair_share"])
    for reg in REGISTERS:
        rep.checks[f"register {reg}"] = (registers[reg], T["per_register"], registers[reg] >= T["per_register"])
    return rep


def validate_path(path: str | Path) -> ValidationReport:
    """Read and validate a corpus file or folder. Schema errors raise :class:`DataError`."""
    return validate_records(read_labelled(path, require=TRAINING_FIELDS))


if __name__ == "__main__":  # pragma: no cover - a quick check for corpus writers
    import sys

    report = validate_records([r for p in sys.argv[1:] for r in read_labelled(p, require=TRAINING_FIELDS)])
    print(report.format())
    sys.exit(0 if report.ok else 1)


# --------------------------------------------------------------------------- example articles

@dataclass(frozen=True)
class GoldSentence:
    """A sentence of an example article with its gold labels and offsets into the article text."""

    text: str
    start: int
    end: int
    topics: tuple[str, ...]
    tone: str
    hard: bool = False


@dataclass(frozen=True)
class Article:
    """An example article: metadata, the text, and its sentence-level gold labels."""

    id: str
    outlet: str
    date: str
    title: str
    text: str
    gold: tuple[GoldSentence, ...] = ()
    event: str = ""

    def to_record(self) -> dict:
        return {"id": self.id, "outlet": self.outlet, "date": self.date, "title": self.title,
                "text": self.text}


def parse_article(raw: dict, path: str) -> Article:
    """Build an :class:`Article` from the project's article JSON (paragraphs of labelled
    sentences). The text joins a paragraph's sentences with a space and paragraphs with a
    blank line; gold offsets point into that text."""
    for key in ("id", "outlet", "date", "paragraphs"):
        if key not in raw:
            raise DataError(f"article is missing {key!r}", path)
    parts: list[str] = []
    gold: list[GoldSentence] = []
    pos = 0
    for pi, para in enumerate(raw["paragraphs"]):
        if not isinstance(para, list) or not para:
            raise DataError(f"paragraph {pi} must be a non-empty list of sentences", path)
        if pi:
            parts.append("\n\n")
            pos += 2
        for si, s in enumerate(para):
            rec = normalise_record(s, path, pi + 1, require=("text", "topics", "tone"))
            if si:
                parts.append(" ")
                pos += 1
            text = rec["text"].strip()
            gold.append(GoldSentence(text, pos, pos + len(text), tuple(rec["topics"]), rec["tone"],
                                     bool(rec.get("hard", False))))
            parts.append(text)
            pos += len(text)
    text = "".join(parts)
    title = raw.get("title") or gold[0].text
    return Article(str(raw["id"]), str(raw["outlet"]), str(raw["date"]), title, text, tuple(gold),
                   str(raw.get("event", "")))


def load_articles(path: str | Path | None = None) -> list[Article]:
    """The example articles (a folder of article JSON files), sorted by id.

    With no path, the articles shipped in the package (or the checkout's ``data/articles``).
    """
    folder = Path(path) if path is not None else examples_dir()
    files = sorted(folder.glob("*.json"))
    if not files:
        raise DataError("no article .json files", str(folder))
    out = []
    for f in files:
        try:
            raw = json.loads(f.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DataError(f"bad article JSON: {exc}", str(f)) from None
        out.append(parse_article(raw, str(f)))
    return sorted(out, key=lambda a: a.id)


def _shipped_dir(package_dir: str, checkout_dir: str, pattern: str, what: str) -> Path:
    """A data folder shipped in the package, else the same folder in a source checkout."""
    here = Path(__file__).resolve().parent
    for cand in (here / package_dir, here.parent / "data" / checkout_dir):
        if cand.is_dir() and any(cand.glob(pattern)):
            return cand
    raise DataError(f"the {what} are not installed (expected stance/{package_dir} or data/{checkout_dir})")


def examples_dir() -> Path:
    """Folder of the bundled example articles (package data, else the checkout's ``data/articles``)."""
    return _shipped_dir("_examples", "articles", "*.json", "example articles")


def gold_records(articles: Iterable[Article]) -> list[dict]:
    """Gold sentences of articles as labelled records (for held-out evaluation)."""
    return [{"id": f"{a.id}#{i}", "text": g.text, "topics": list(g.topics), "tone": g.tone,
             "hard": g.hard, "outlet": a.outlet, "article": a.id}
            for a in articles for i, g in enumerate(a.gold)]


# --------------------------------------------------------------------------- article inputs

ARTICLE_SUFFIXES = (".txt", ".json", ".jsonl", ".csv")


def _read_text_file(path: Path) -> dict:
    try:
        return {"id": path.stem, "path": str(path), "text": path.read_bytes().decode("utf-8-sig")}
    except UnicodeDecodeError as exc:
        return {"id": path.stem, "path": str(path), "text": None,
                "_error": f"{path}: not valid UTF-8 text (byte {exc.start}); re-save the file as UTF-8"}
    except OSError as exc:
        return {"id": path.stem, "path": str(path), "text": None, "_error": f"{path}: cannot read: {exc.strerror}"}


def _iter_jsonl(path: Path) -> Iterator[dict]:
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                yield {"id": f"{path.name}:{lineno}", "text": None, "_error": f"{path}:{lineno}: not valid UTF-8"}
                continue
            except json.JSONDecodeError as exc:
                yield {"id": f"{path.name}:{lineno}", "text": None, "_error": f"{path}:{lineno}: bad JSON: {exc.msg}"}
                continue
            if not isinstance(obj, dict):
                obj = {"text": obj} if isinstance(obj, str) else {"text": None, "_error": f"{path}:{lineno}: expected an object"}
            obj.setdefault("id", f"{path.name}:{lineno}")
            yield obj


def _iter_csv(path: Path) -> Iterator[dict]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            for row in reader:
                row = {k: v for k, v in row.items() if k is not None}
                row.setdefault("id", f"{path.name}:{reader.line_num}")
                if row.get("id") in (None, ""):
                    row["id"] = f"{path.name}:{reader.line_num}"
                yield row
    except UnicodeDecodeError:
        raise DataError("CSV file is not valid UTF-8", str(path)) from None


def _iter_path(path: Path) -> Iterator[dict]:
    if path.is_dir():
        files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
        if not files:
            raise DataError(f"folder holds no article files ({', '.join(ARTICLE_SUFFIXES)})", str(path))
        for f in files:
            yield from _iter_path(f)
        return
    if not path.exists():
        raise DataError("no such file or folder", str(path))
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _iter_jsonl(path)
    elif suffix == ".csv":
        yield from _iter_csv(path)
    elif suffix == ".json":
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            yield parse_article(raw, str(path)).to_record()
        except (json.JSONDecodeError, UnicodeDecodeError, DataError) as exc:
            yield {"id": path.stem, "path": str(path), "text": None, "_error": f"{path}: not an article JSON: {exc}"}
    else:
        yield _read_text_file(path)


def iter_article_records(source) -> Iterator[Any]:
    """Articles from any source, lazily: a path (str or Path) to a JSONL/CSV/TXT/article-JSON
    file or a folder of them, a pandas DataFrame (needs a ``text`` column), or any iterable of
    strings, dicts or rows. Items are passed on as they come; scoring checks each one."""
    import pandas as pd

    if isinstance(source, (str, Path)):
        yield from _iter_path(Path(source))
        return
    if isinstance(source, pd.DataFrame):
        if "text" not in source.columns:
            raise DataError(f"DataFrame has no 'text' column (columns: {list(source.columns)})")
        cols = list(source.columns)
        for idx, values in zip(source.index, source.itertuples(index=False, name=None)):
            rec = dict(zip(cols, values))
            rec.setdefault("id", idx)
            yield rec
        return
    if isinstance(source, (bytes, bytearray)) or not hasattr(source, "__iter__"):
        raise TypeError(f"articles must be an iterable of texts or records, a DataFrame or a path; "
                        f"got {type(source).__name__}")
    yield from source


# --------------------------------------------------------------------------- lexicons

LEXICON_NAMES = TOPICS + TONES


def lexicons_dir() -> Path:
    """Folder of the project's lexicons (package data, else the checkout's ``data/lexicons``)."""
    return _shipped_dir("_lexicons", "lexicons", "*.txt", "lexicons")


def load_lexicons(path: str | Path | None = None) -> dict[str, list[str]]:
    """The project's lexicons: for every topic and tone, its terms or cue phrases (one a line in
    ``<label>.txt``). Checked: known labels only, no empty lines, no duplicates within a file."""
    folder = Path(path) if path is not None else lexicons_dir()
    out: dict[str, list[str]] = {}
    for f in sorted(folder.glob("*.txt")):
        if f.stem not in LEXICON_NAMES:
            raise DataError(f"unknown lexicon {f.stem!r}; expected one of {list(LEXICON_NAMES)}", str(f))
        terms, seen = [], set()
        for lineno, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            term = line.strip()
            if not term:
                raise DataError("empty line in lexicon", str(f), lineno)
            if term.casefold() in seen:
                raise DataError(f"duplicate lexicon term {term!r}", str(f), lineno)
            seen.add(term.casefold())
            terms.append(term)
        out[f.stem] = terms
    if not out:
        raise DataError("no lexicon .txt files", str(folder))
    return out


def lexicon_training_rows(lex: dict[str, list[str]]) -> tuple[tuple[list[str], list[list[str]]],
                                                                tuple[list[str], list[str]]]:
    """Lexicons as head-specific training rows: (topic texts, topic lists), (tone texts, tones).
    A term listed under two topics gets both."""
    topic_of: dict[str, list[str]] = {}
    for t in TOPICS:
        for term in lex.get(t, []):
            topic_of.setdefault(term, []).append(t)
    tone_texts, tone_labels = [], []
    for k in TONES:
        for term in lex.get(k, []):
            tone_texts.append(term)
            tone_labels.append(k)
    return (list(topic_of), list(topic_of.values())), (tone_texts, tone_labels)
