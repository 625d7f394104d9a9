"""The ``stance`` command. Each subcommand is a small function; :func:`main` returns the exit
code (0 success, 1 data error, 2 usage error) so tests can call it directly.

    stance score data/articles --format table
    stance score article.txt --format json --sentences
    cat article.txt | stance score -
    stance train data/sentences --heldout data/articles
    stance validate data/sentences
    stance evaluate labelled.jsonl --format json
    stance info
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Sequence

from .exceptions import DataError, ModelIntegrityError, StanceError
from .labels import TONES, TOPICS


def _model(args):
    from .resources import load_model

    return load_model(args.model, trusted=args.trust_model) if args.model else load_model()


def _json_safe(obj):
    if isinstance(obj, float) and math.isnan(obj):
        return None
    if isinstance(obj, dict):
        return {k: _json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_json_safe(v) for v in obj]
    if hasattr(obj, "item"):  # numpy scalars
        return _json_safe(obj.item())
    return obj


def _fmt(v, width=6):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-".rjust(width)
    return f"{v:.2f}".rjust(width)


# --------------------------------------------------------------------------- score

def _score_sources(args, model):
    """Yield (id, meta, ArticleScore or error) for every input article."""
    from .data import iter_article_records
    from .scoring import score

    for source in args.paths:
        if source == "-":
            data = sys.stdin.buffer.read()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                yield "stdin", {}, f"<stdin>: not valid UTF-8 (byte {exc.start})"
                continue
            yield "stdin", {}, score(text, model=model)
            continue
        for i, rec in enumerate(iter_article_records(source)):
            if not isinstance(rec, dict):
                rec = {"id": i, "text": rec}
            rid = rec.get("id", i)
            meta = {k: v for k, v in rec.items() if k in ("outlet", "date", "title")}
            if rec.get("_error"):
                yield rid, meta, rec["_error"]
                continue
            text = rec.get("text")
            if not isinstance(text, str):
                yield rid, meta, f"{source}: record {rid!r} has no text string"
                continue
            yield rid, meta, score(text, model=model)


def _score_to_file(args, model) -> int:
    from .stream import count_records, score_to_file

    if "-" in args.paths:
        print("stance score: --out reads files and folders, not stdin", file=sys.stderr)
        return 2
    show = not args.quiet and sys.stderr.isatty()
    total = None
    if show:
        counts = [count_records(p) for p in args.paths]
        total = None if None in counts else sum(counts)
    stats = score_to_file(args.paths, args.out, model=model, level=args.level, resume=args.resume,
                          batch_size=args.batch_size, progress=show, total=total, n_jobs=args.jobs)
    msg = f"stance score: wrote {stats['written']} articles to {args.out}"
    if stats["skipped"]:
        msg += f", skipped {stats['skipped']} already there"
    print(msg, file=sys.stderr)
    if stats["errors"]:
        print(f"stance score: {stats['errors']} records could not be scored (their rows carry the error): "
              + ", ".join(map(str, stats["error_ids"][:20])) + (" ..." if stats["errors"] > 20 else ""),
              file=sys.stderr)
    if stats["interrupted"]:
        print("stance score: interrupted; the output holds every batch finished so far. "
              "Run again with --resume to continue.", file=sys.stderr)
        return 130
    return 1 if stats["errors"] and args.strict else 0


def cmd_score(args) -> int:
    model = _model(args)
    if args.out:
        return _score_to_file(args, model)
    out = sys.stdout
    errors = 0
    n = 0
    if args.format == "table":
        head = f"{'id':<16} {'outlet':<20} {'sent':>4} " + " ".join(f"{t[:5]:>6}" for t in TOPICS) + " " + \
               " ".join(f"{k[:5]:>6}" for k in TONES) + f" {'net':>6} {'bal':>6}"
        print(head, file=out)
    elif args.format == "csv":
        import csv
        writer = csv.writer(out)
        writer.writerow(["id", "outlet", "date", "n_sentences", "n_content", "n_furniture"]
                        + [f"topic_{t}" for t in TOPICS] + [f"tone_{k}" for k in TONES]
                        + ["net_tone", "balance", "flags"])
    for rid, meta, res in _score_sources(args, model):
        n += 1
        if isinstance(res, str):
            errors += 1
            print(f"stance score: error: {res}", file=sys.stderr)
            continue
        if args.format == "json":
            d = {"id": rid, **meta, **res.to_dict(sentences=args.sentences)}
            print(json.dumps(_json_safe(d), ensure_ascii=False), file=out)
        elif args.format == "csv":
            writer.writerow([rid, meta.get("outlet", ""), meta.get("date", ""), res.n_sentences, res.n_content,
                             res.n_furniture] + [f"{res.topic_share[t]:.4f}" for t in TOPICS]
                            + [f"{res.tone_share[k]:.4f}" for k in TONES]
                            + ["" if math.isnan(res.net_tone) else f"{res.net_tone:.4f}",
                               "" if math.isnan(res.balance) else f"{res.balance:.4f}", ";".join(res.flags)])
        else:
            print(f"{str(rid)[:16]:<16} {str(meta.get('outlet', ''))[:20]:<20} {res.n_content:>4} " + " ".join(_fmt(res.topic_share[t]) for t in TOPICS)
                  + " " + " ".join(_fmt(res.tone_share[k]) for k in TONES)
                  + f" {_fmt(res.net_tone)} {_fmt(res.balance)}", file=out)
            if args.sentences:
                for s in res.sentences:
                    mark = "furniture" if s.furniture else (",".join(s.topics) or "-")
                    print(f"    [{s.start}:{s.end}] {s.tone:<11} {mark:<24} {s.text[:90]}", file=out)
    if errors:
        print(f"stance score: {errors} of {n} inputs could not be scored (see above)", file=sys.stderr)
    if n == 0:
        print("stance score: no articles found", file=sys.stderr)
        return 1
    return 1 if errors and (args.strict or errors == n) else 0


# --------------------------------------------------------------------------- train / validate / evaluate / info

def cmd_train(args) -> int:
    from .training import train

    params = {}
    if args.cv:
        params["cv"] = args.cv
    card = train(args.data, heldout=args.heldout, out_dir=args.out, params=params or None,
                 benchmarks=args.benchmarks, lexicons=args.lexicons,
                 learning_curve=tuple(args.learning_curve or ()),
                 log=(lambda *a: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr)))
    cv = card["metrics"]["cross_validated"]["all"]
    print(f"trained {card['model_version']} on {card['training_data']['n_sentences']} sentences: "
          f"cross-validated topic micro-F1 {cv['topic']['micro_f1']:.3f}, tone macro-F1 {cv['tone']['macro_f1']:.3f}")
    held = card["metrics"].get("heldout", {}).get("all")
    if held:
        print(f"held-out articles: topic micro-F1 {held['topic']['micro_f1']:.3f}, "
              f"tone macro-F1 {held['tone']['macro_f1']:.3f}")
    return 0


def cmd_validate(args) -> int:
    from .data import validate_path

    report = validate_path(args.data)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.format())
    if not report.ok:
        return 1
    if args.require_targets and not report.targets_met:
        print("stance validate: corpus is below the targets marked LOW", file=sys.stderr)
        return 1
    return 0


def _report_table(rep: dict) -> str:
    lines = []
    for subset, part in rep.items():
        if not isinstance(part, dict) or subset.startswith("_") or subset in ("baselines",):
            continue
        if "topic" not in part and "tone" not in part:
            continue
        lines.append(f"== {subset}")
        for head in ("topic", "tone"):
            if head not in part:
                continue
            r = part[head]
            lines.append(f"  {head}: micro-F1 {r['micro_f1']:.3f}  macro-F1 {r['macro_f1']:.3f}  "
                         f"ECE {r['calibration']['ece']:.3f}  (n={r['n']})")
            for name, m in r["per_class"].items():
                lines.append(f"    {name:<12} P {m['precision']:.3f}  R {m['recall']:.3f}  "
                             f"F1 {m['f1']:.3f}  support {m['support']}")
    return "\n".join(lines)


def _baselines_table(rep: dict) -> str:
    lines = []
    for key, title in (("baselines", "baselines (all)"), ("baselines_not_hard", "baselines (not hard)")):
        if key not in rep:
            continue
        lines.append(f"== {title}")
        for name, part in rep[key].items():
            for head in ("topic", "tone"):
                if head in part:
                    lines.append(f"  {name:<9} {head:<5} micro-F1 {part[head]['micro_f1']:.3f}  "
                                 f"macro-F1 {part[head]['macro_f1']:.3f}")
            if "skipped" in part:
                lines.append(f"  {name:<9} skipped: {part['skipped']}")
    return "\n".join(lines)


def _confusions(rep: dict) -> str:
    lines = []
    for subset in ("all", "not_hard"):
        part = rep.get(subset, {})
        if "tone" in part:
            cm = part["tone"]["confusion"]
            lines.append(f"== tone confusion ({subset}; rows true, columns predicted)")
            lines.append("  " + " " * 12 + "".join(f"{k[:11]:>12}" for k in cm["labels"]))
            for name, row in zip(cm["labels"], cm["matrix"]):
                lines.append(f"  {name:<12}" + "".join(f"{v:>12}" for v in row))
        if "topic" in part:
            lines.append(f"== topic confusion ({subset}): tp / fp / fn / tn")
            for name, c in part["topic"]["confusion"].items():
                lines.append(f"  {name:<12} {c['tp']:>6} {c['fp']:>6} {c['fn']:>6} {c['tn']:>6}")
        for head in ("topic", "tone"):
            if head in part:
                lines.append(f"== {head} reliability ({subset}): bin, n, mean confidence, accuracy")
                for row in part[head]["calibration"]["table"]:
                    lines.append(f"  {row['bin']}  {row['n']:>6}  {row['confidence']:.3f}  {row['accuracy']:.3f}")
    return "\n".join(lines)


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate

    rep = evaluate(args.data, model=_model(args))
    if args.format == "json":
        print(json.dumps(_json_safe(rep), indent=2))
    else:
        print(f"{rep['n']} labelled sentences from {args.data}")
        print(_report_table(rep))
        print(_confusions(rep))
        print(_baselines_table(rep))
    return 0


def cmd_report(args) -> int:
    from .report import report
    from .text import atomic_write_text

    sources = args.paths
    if len(sources) != 1:
        print("stance report: give one file or folder of articles", file=sys.stderr)
        return 2
    page = report(sources[0], by=args.by, n_boot=args.n_boot, seed=args.seed, model=_model(args),
                  title=args.title)
    atomic_write_text(args.out, page)
    print(f"wrote {args.out}")
    return 0


def cmd_info(args) -> int:
    from .resources import load_model

    model = load_model(args.model, trusted=args.trust_model) if args.model else load_model()
    card = model.card
    if args.format == "json":
        print(json.dumps(card, indent=2))
        return 0
    td = card["training_data"]
    print(f"{card['name']} {card['model_version']}  ({model.path}, from {model.origin})")
    print(f"  stance {card['versions']['stance']}, scikit-learn {card['versions']['scikit-learn']}")
    print(f"  topics: {', '.join(card['labels']['topics'])}; tones: {', '.join(card['labels']['tones'])}")
    print(f"  trained on {td['n_sentences']} sentences, data sha256 {td['sha256'][:16]}...")
    print("  thresholds: " + ", ".join(f"{t} {v:.2f}" for t, v in card["thresholds"].items()))
    print(f"  artefact sha256 {card['artefact_sha256']}")
    print(_report_table({f"{k} / {s}": v for k, m in card["metrics"].items() if k in ("cross_validated", "heldout")
                         for s, v in m.items() if isinstance(v, dict) and ("topic" in v or "tone" in v)}))
    from .card import render_external

    if card["metrics"].get("external"):
        print("== external benchmarks (macro-F1)")
        print(render_external(card))
    return 0


# --------------------------------------------------------------------------- parser

def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", metavar="PATH", help="a .joblib model with its .card.json (default: bundled)")
    p.add_argument("--trust-model", action="store_true",
                   help="allow unpickling --model (joblib files can run code: only for files you trust)")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="stance", description="Topic and tone of news sentences and articles.")
    parser.add_argument("--version", action="version", version=f"stance {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("score", help="score articles: files, folders of .txt/.json, JSONL/CSV, or - for stdin")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--sentences", action="store_true", help="include every sentence's labels")
    p.add_argument("--strict", action="store_true", help="exit 1 if any input could not be scored")
    p.add_argument("--out", metavar="FILE", help="write results to a .jsonl, .csv or .parquet file as they come")
    p.add_argument("--resume", action="store_true", help="with --out: skip ids already in the output")
    p.add_argument("--level", choices=("article", "sentence"), default="article",
                   help="with --out: one row per article (default) or per sentence")
    p.add_argument("--batch-size", type=int, default=500, help="articles per batch (default 500)")
    p.add_argument("--jobs", type=int, default=1, help="parallel worker processes (default 1)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_model_args(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("train", help="train a model on a labelled JSONL/CSV corpus")
    p.add_argument("data", help="labelled corpus file or folder")
    p.add_argument("--heldout", metavar="DIR", help="example articles with gold labels, for held-out metrics")
    p.add_argument("--out", default="models", help="output folder (default: models)")
    p.add_argument("--cv", type=int, default=None, help="cross-validation folds (default 5)")
    p.add_argument("--benchmarks", metavar="DIR", help="externally labelled JSONL sets to score into the card")
    p.add_argument("--lexicons", metavar="DIR", help="folder of <label>.txt term lists used as extra training rows")
    p.add_argument("--learning-curve", type=float, nargs="*", metavar="FRACTION",
                   help="also fit on these fractions of the corpus (e.g. 0.25 0.5) and put the scores in the card")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("validate", help="check a labelled corpus: schema, labels, duplicates, template twins")
    p.add_argument("data")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--require-targets", action="store_true", help="also fail when a corpus target is not met")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("evaluate", help="evaluate the model on labelled sentences")
    p.add_argument("data")
    p.add_argument("--format", choices=("table", "json"), default="table")
    _add_model_args(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("report", help="write a self-contained HTML report comparing groups of articles")
    p.add_argument("paths", nargs=1, metavar="PATH", help="a folder or file of articles (with an outlet column)")
    p.add_argument("--by", default="outlet", help="column to compare by (default: outlet)")
    p.add_argument("--out", default="report.html", help="output HTML file (default: report.html)")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap replicates (default 1000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--title", default="Coverage report")
    _add_model_args(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("info", help="print the model card")
    p.add_argument("--format", choices=("table", "json"), default="table")
    _add_model_args(p)
    p.set_defaults(func=cmd_info)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 0 for --help/--version, 2 for usage errors
        return int(exc.code or 0)
    try:
        return args.func(args)
    except DataError as exc:
        print(f"stance {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except ModelIntegrityError as exc:
        print(f"stance {args.command}: model error: {exc}", file=sys.stderr)
        return 1
    except StanceError as exc:
        print(f"stance {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
