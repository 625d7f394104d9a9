"""Archive scale: a JSONL corpus of N sentences through `stance score` (streaming, resumable) and
through Dask on a local cluster, with throughput and peak memory.

    python benchmarks/archive.py                       # 100k and 1M sentences
    python benchmarks/archive.py --sizes 1000000 --skip-dask

The corpus is written to a temporary folder by repeating the bundled example articles with new
ids. `stance score` runs as a separate process; its peak memory is the child's maximum resident
set (ru_maxrss). For Dask, peak memory is the sum of the workers' peak resident memory.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_corpus(path: Path, n_sentences: int) -> tuple[int, int]:
    import stance
    from stance.text import split_sentences

    base = [a.to_record() for a in stance.load_articles()]
    sizes = [len(split_sentences(a["text"])) for a in base]
    made = i = 0
    with open(path, "w", encoding="utf-8") as fh:
        while made < n_sentences:
            rec = dict(base[i % len(base)])
            rec["id"] = f"{rec['id']}-{i}"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            made += sizes[i % len(base)]
            i += 1
    return i, made


def run_cli(corpus: Path, out: Path, jobs: int) -> dict:
    exe = [sys.executable, "-m", "stance.cli", "score", str(corpus), "--out", str(out), "--quiet",
           "--jobs", str(jobs), "--batch-size", "500"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(exe, check=True, cwd=ROOT)
    el = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": round(el, 1), "peak_rss_mb": round(max(peak, before) / 1024)}


def run_dask(corpus: Path, workers: int) -> dict:
    import dask.dataframe as dd
    import distributed

    from stance.dask import score_dataframe

    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        t = time.perf_counter()
        ddf = dd.read_json(str(corpus), lines=True, blocksize=16_000_000)
        scored = score_dataframe(ddf, text="text")
        n = int(scored["n_sentences"].sum().compute())
        el = time.perf_counter() - t
        peaks = client.run(lambda: __import__("psutil").Process().memory_info().rss)
    return {"seconds": round(el, 1), "sentences": n, "workers_rss_mb": round(sum(peaks.values()) / 2**20)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--skip-dask", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            arts, sents = write_corpus(corpus, n)
            print(f"corpus: {arts:,} articles, {sents:,} sentences, {corpus.stat().st_size / 2**20:.0f} MB")
            for jobs in args.jobs:
                out = Path(tmp) / f"scores-{n}-{jobs}.jsonl"
                r = run_cli(corpus, out, jobs)
                lines = sum(1 for _ in open(out, encoding="utf-8"))
                print(f"  stance score --jobs {jobs}: {r['seconds']} s, {sents / r['seconds']:,.0f} sentences/s, "
                      f"{arts / r['seconds']:,.0f} articles/s, peak {r['peak_rss_mb']} MB, {lines:,} rows written",
                      flush=True)
            if not args.skip_dask:
                r = run_dask(corpus, 2)
                print(f"  dask, 2 workers: {r['seconds']} s, {r['sentences'] / r['seconds']:,.0f} sentences/s, "
                      f"workers' memory at the end {r['workers_rss_mb']} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
