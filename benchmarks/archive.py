"""Archive scale: a JSONL corpus of N sentences through `stance score` (streaming, resumable) and
through Dask on a local cluster, with throughput and peak memory.

    python benchmarks/archive.py                       # 100k and 1M sentences
    python benchmarks/archive.py --sizes 1000000 --skip-dask

The corpus is written to a temporary folder by repeating the bundled example articles with new
ids. `stance score` runs as a separate process; its peak memory is the child's maximum resident
set of it and its workers, sampled. For Dask, peak memory is the sum of the workers' peak resident memory.
"""
from __future__ import annotations

import argparse
import json
import os
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


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def run_cli(corpus: Path, out: Path, jobs: int) -> dict:
    """Run `stance score` as its own process; peak memory is the largest resident memory of the
    process and its workers together, sampled every 0.2 s."""
    exe = [sys.executable, "-m", "stance.cli", "score", str(corpus), "--out", str(out), "--quiet",
           "--jobs", str(jobs), "--batch-size", "500"]
    t = time.perf_counter()
    proc = subprocess.Popen(exe, cwd=ROOT)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.2)
    el = time.perf_counter() - t
    if proc.returncode:
        raise SystemExit(f"stance score failed with exit code {proc.returncode}")
    return {"seconds": round(el, 1), "peak_rss_mb": round(peak / 1024)}


def resume_demo(corpus: Path, out: Path, after_s: float) -> dict:
    """Interrupt `stance score` with Ctrl-C (SIGINT) after ``after_s`` seconds, then finish the
    job with --resume; check the output has every article once and parses line by line."""
    import signal

    exe = [sys.executable, "-m", "stance.cli", "score", str(corpus), "--out", str(out), "--quiet"]
    proc = subprocess.Popen(exe, cwd=ROOT)
    time.sleep(after_s)
    proc.send_signal(signal.SIGINT)
    code = proc.wait()
    first = sum(1 for _ in open(out, encoding="utf-8"))
    t = time.perf_counter()
    subprocess.run(exe + ["--resume"], check=True, cwd=ROOT)
    el = time.perf_counter() - t
    ids = [json.loads(line)["id"] for line in open(out, encoding="utf-8")]
    return {"exit_code_on_interrupt": code, "rows_before_resume": first, "rows_after": len(ids),
            "unique_ids": len(set(ids)), "resume_seconds": round(el, 1)}


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
    ap.add_argument("--skip-resume", action="store_true")
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
            if n == max(args.sizes) and not args.skip_resume:
                r = resume_demo(corpus, Path(tmp) / "resume.jsonl", after_s=30)
                print(f"  interrupted after 30 s (exit {r['exit_code_on_interrupt']}) with {r['rows_before_resume']:,} "
                      f"rows written; --resume finished in {r['resume_seconds']} s: {r['rows_after']:,} rows, "
                      f"{r['unique_ids']:,} unique ids", flush=True)
            if not args.skip_dask:
                r = run_dask(corpus, 2)
                print(f"  dask, 2 workers: {r['seconds']} s, {r['sentences'] / r['seconds']:,.0f} sentences/s, "
                      f"workers' memory at the end {r['workers_rss_mb']} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
