"""End-to-end speed and memory of stance, against VADER on the same sentences.

    python benchmarks/speed.py                      # 10k, 100k and 1M sentences, 1 and 2 workers
    python benchmarks/speed.py --sizes 10000 --jobs 1

Each configuration runs in a fresh process. Articles are made at run time by repeating the
bundled example articles; they are streamed in batches through ``stance.iter_scores`` (split +
featurise + both heads + article summary), so memory should stay flat as the corpus grows.
Peak memory is the high-water mark of resident memory (VmHWM) of the process and its workers.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    return kids + [g for k in kids for g in _descendants(k)]


def articles_for(n_sentences: int):
    """Yield article records until about ``n_sentences`` sentences, repeating the examples."""
    import stance
    from stance.text import split_sentences

    base = [a.to_record() for a in stance.load_articles()]
    sizes = [len(split_sentences(a["text"])) for a in base]
    made, i = 0, 0
    while made < n_sentences:
        rec = dict(base[i % len(base)])
        rec["id"] = f"{rec['id']}-{i}"
        made += sizes[i % len(base)]
        i += 1
        yield rec


def run_stance(n: int, jobs: int, batch: int) -> dict:
    import stance
    from stance.resources import load_model
    from stance.text import split_sentences  # noqa: F401  (import cost outside the timing)

    t = time.perf_counter()
    model = load_model()
    load_ms = (time.perf_counter() - t) * 1000
    stance.score_many(["Warm-up: tariffs rose."], model=model)
    n_art = n_sent = 0
    t = time.perf_counter()
    if jobs == 1:
        for frame in stance.iter_scores(articles_for(n), model=model, batch_size=batch):
            n_art += len(frame)
            n_sent += int(frame["n_sentences"].sum())
    else:
        from joblib import Parallel, delayed
        from stance.scoring import _batches, _model_ref, _score_batch_frame

        ref = _model_ref(model)
        for frame in Parallel(n_jobs=jobs, return_as="generator")(
                delayed(_score_batch_frame)(b, ref) for b in _batches(articles_for(n), batch)):
            n_art += len(frame)
            n_sent += int(frame["n_sentences"].sum())
    el = time.perf_counter() - t
    peak = _hwm_kb(os.getpid()) + sum(_hwm_kb(p) for p in _descendants(os.getpid()))
    return {"sentences": n_sent, "articles": n_art, "seconds": round(el, 2),
            "sentences_per_s": round(n_sent / el), "articles_per_s": round(n_art / el, 1),
            "peak_rss_mb": round(peak / 1024), "model_load_ms": round(load_ms, 1)}


def run_vader(n: int) -> dict:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    from stance.text import split_sentences

    sents = []
    for a in articles_for(n):
        sents.extend(s.text for s in split_sentences(a["text"]) if not s.furniture)
        if len(sents) >= n:
            break
    sia = SentimentIntensityAnalyzer()
    t = time.perf_counter()
    for s in sents:
        sia.polarity_scores(s)
    el = time.perf_counter() - t
    return {"sentences": len(sents), "seconds": round(el, 2), "sentences_per_s": round(len(sents) / el)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=400)
    ap.add_argument("--vader-sentences", type=int, default=50_000,
                    help="VADER is timed on this many of the same sentences (it is the slow side)")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "N", "JOBS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        kind, n, jobs = args.child[0], int(args.child[1]), int(args.child[2])
        res = run_stance(n, jobs, args.batch_size) if kind == "stance" else run_vader(n)
        print(json.dumps(res))
        return 0

    def child(kind, n, jobs):
        out = subprocess.run([sys.executable, __file__, "--batch-size", str(args.batch_size), "--child", kind,
                              str(n), str(jobs)], capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    vader = child("vader", args.vader_sentences, 1)
    print(f"VADER tone only: {vader['sentences_per_s']:,} sentences/s on {vader['sentences']:,} sentences")
    print(f"{'sentences':>10} {'jobs':>4} {'sent/s':>9} {'art/s':>8} {'x VADER':>8} {'peak MB':>8} {'load ms':>8}")
    for n in args.sizes:
        for jobs in args.jobs:
            r = child("stance", n, jobs)
            print(f"{r['sentences']:>10,} {jobs:>4} {r['sentences_per_s']:>9,} {r['articles_per_s']:>8,.0f} "
                  f"{r['sentences_per_s'] / vader['sentences_per_s']:>8.1f} {r['peak_rss_mb']:>8} "
                  f"{r['model_load_ms']:>8.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
