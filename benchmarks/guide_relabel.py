"""The shared benchmarks re-labelled by our annotation guide: how far the two codebooks agree, and
how the model scores against each on the same rows.

    python benchmarks/guide_relabel.py [--update-card]

The shared benchmarks (``../shared/benchmarks``) were coded by others with other codebooks (CAMEO
for tone, Policy Agendas for topic). A random sample of their rows (seeded) was labelled again,
blind to the original codes, by the project's annotation guide; only the row numbers and our labels
are kept, in ``benchmarks/guide_labels/*.jsonl`` (no benchmark text is stored in the project).
For each set this prints and writes to ``benchmarks/results/guide_relabel.json``:

* agreement of the original codes with the guide labels (accuracy / per-topic agreement, Cohen's kappa);
* the macro-F1 of the guide labels themselves as predictions of the original codes: the ceiling for
  a model that follows our guide perfectly, scored against the other codebook;
* the model's macro-F1 on the sampled rows against the original codes and against the guide labels;
* the same without the rows the guide annotator marked hard.

With ``--update-card`` the results are added to the bundled model card (the card is not part of
the artefact hash) for the README's ``card:guide`` block. Evaluation only: never training data.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = {  # benchmark file stem -> (head, our labels file)
    "conflibert_cameo_pentaclass.dev": ("tone", "cameo_guide_labels.jsonl"),
    "nyt_cap_headlines.dev": ("topic", "nyt_guide_labels.jsonl"),
}


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _kappa(a: np.ndarray, b: np.ndarray) -> float | None:
    """Cohen's kappa, or None when both sides use one and the same label (kappa is undefined)."""
    from sklearn.metrics import cohen_kappa_score

    if len(set(a.tolist()) | set(b.tolist())) < 2:
        return None
    return round(float(cohen_kappa_score(a, b)), 4)


def score_set(rows: list[dict], ours: list[dict], head: str, model) -> dict:
    from stance.labels import TONES, TOPICS
    from stance.metrics import multiclass_report, multilabel_report
    from stance.model import tone_vector, topic_matrix

    texts = [rows[o["row"]]["text"] for o in ours]
    easy = np.array([not o.get("hard") for o in ours])
    P_topic, P_tone = model.predict_proba(texts)
    out: dict = {"n": len(ours), "n_not_hard": int(easy.sum())}
    if head == "tone":
        orig = tone_vector([rows[o["row"]]["tone"] for o in ours])
        guide = tone_vector([o["tone"] for o in ours])
        pred = P_tone.argmax(axis=1)
        out["agreement"] = {"accuracy": round(float((orig == guide).mean()), 4), "kappa": _kappa(orig, guide)}
        out["guide_vs_original"] = multiclass_report(orig, guide, TONES)["macro_f1"]
        for name, gold in (("original", orig), ("guide", guide)):
            out[f"model_vs_{name}"] = multiclass_report(gold, pred, TONES)["macro_f1"]
            out[f"model_vs_{name}_not_hard"] = multiclass_report(gold[easy], pred[easy], TONES)["macro_f1"]
        out["guide_label_counts"] = {t: int((guide == i).sum()) for i, t in enumerate(TONES)}
    else:
        orig = topic_matrix([rows[o["row"]]["topics"] for o in ours])
        guide = topic_matrix([o["topics"] for o in ours])
        pred = (P_topic >= model.thresholds_).astype(np.int8)
        out["agreement"] = {t: {"accuracy": round(float((orig[:, j] == guide[:, j]).mean()), 4),
                                "kappa": _kappa(orig[:, j], guide[:, j])} for j, t in enumerate(TOPICS)}
        out["guide_vs_original"] = multilabel_report(orig, guide, TOPICS)["macro_f1"]
        for name, gold in (("original", orig), ("guide", guide)):
            out[f"model_vs_{name}"] = multilabel_report(gold, pred, TOPICS)["macro_f1"]
            out[f"model_vs_{name}_not_hard"] = multilabel_report(gold[easy], pred[easy], TOPICS)["macro_f1"]
        out["guide_label_counts"] = {t: int(guide[:, j].sum()) for j, t in enumerate(TOPICS)}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--benchmarks", default=str(ROOT.parent / "shared" / "benchmarks"))
    ap.add_argument("--labels", default=str(ROOT / "benchmarks" / "guide_labels"))
    ap.add_argument("--update-card", action="store_true")
    args = ap.parse_args(argv)

    from stance.resources import add_card_metrics, load_model
    from stance.text import atomic_write_text

    bench, labels = Path(args.benchmarks), Path(args.labels)
    if not bench.is_dir():
        print(f"no benchmarks at {bench}", file=sys.stderr)
        return 1
    model = load_model()
    results = {"sets": {}, "annotator": "one annotator session, blind to the original codes",
               "labels": str(labels.relative_to(ROOT)) if labels.is_relative_to(ROOT) else str(labels)}
    for stem, (head, fname) in SETS.items():
        rows, ours = _read(bench / f"{stem}.jsonl"), _read(labels / fname)
        r = score_set(rows, ours, head, model)
        results["sets"][stem] = {"head": head} | r
        print(f"{stem} ({head}, {r['n']} rows, {r['n'] - r['n_not_hard']} hard): "
              f"codebook agreement {json.dumps(r['agreement'])}, guide labels vs original codes "
              f"macro-F1 {r['guide_vs_original']:.3f}")
        print(f"  model macro-F1 vs original codes {r['model_vs_original']:.3f}, vs guide labels "
              f"{r['model_vs_guide']:.3f} (not hard: {r['model_vs_original_not_hard']:.3f} / "
              f"{r['model_vs_guide_not_hard']:.3f})")
    out = ROOT / "benchmarks" / "results" / "guide_relabel.json"
    atomic_write_text(out, json.dumps(results, indent=1) + "\n")
    print(f"wrote {out}")
    if args.update_card:
        print(f"added the results to {add_card_metrics(model.path, 'guide_relabelled', results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
