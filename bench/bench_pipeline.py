"""Throughput and memory of the ways to run telex, on the development corpus, in one run.

    python bench/bench_pipeline.py [--corpus ../shared/corpus/fr_news_dev.jsonl] [--limit N]
                                   [--workers 2] [--repeat 1] [--json bench/results/pipeline.json]

Cases, each in a fresh process so that memory and caches do not leak from one to the next:

  (a) bare     fr_core_news_md as shipped, `nlp.pipe` over the texts
  (b) telex    telex in one process: `telex.analyze_many`, each analysis serialised to JSON
  (c) workers  telex on N worker processes: the engine `analyze_many(workers=N)` uses
  (d) dask     telex on a Dask local cluster of N single-threaded worker processes

Each case loads its model (and starts its workers) first; words/s and articles/s are measured
over the analysis alone, from the first article in to the last result out, so that they do not
depend on the corpus size. Words are whitespace-separated tokens of the article texts, counted
the same way for every case. Words/CPU-s divides them by the CPU time of every process of the
case (psutil, installed with the dask extra): unlike words/s it hardly moves with the machine's
load, and shows what the workers cost beyond the analysis itself. Peak RSS is the resident
memory high-water mark of the process holding the model: the case's own process for (a) and
(b), the largest worker for (c) and (d) (`getrusage` of the reaped workers). With `--repeat R`
every case runs R times, interleaved, and the fastest run of each is kept. The load average is
printed: on a shared machine other processes take cores, and the multiprocess ratios shrink
with them.

Not a test: it takes minutes on the full corpus (800 articles, 430,000 words).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "fr_news_dev.jsonl"
RESULTS = ROOT / "bench" / "results" / "pipeline.json"
CASES = ("bare", "telex", "workers", "dask")
LABELS = {
    "bare": "(a) bare fr_core_news_md",
    "telex": "(b) telex, 1 process",
    "workers": "(c) telex, {n} workers",
    "dask": "(d) telex, Dask {n} workers",
}


def read_corpus(path: Path, limit: int | None) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as file:
        for line in file:
            if line.strip():
                records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


# -- one case, in its own process ---------------------------------------------------------------


def cpu_seconds() -> float | None:
    """CPU time of this process and its live descendants (the workers); None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    total = time.process_time()
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def run_case(case: str, corpus: Path, limit: int | None, workers: int) -> dict[str, Any]:
    records = read_corpus(corpus, limit)
    words = sum(len(r["text"].split()) for r in records)
    started = time.perf_counter()
    if case == "bare":
        import spacy

        nlp = spacy.load("fr_core_news_md")
        nlp("Une phrase pour chauffer le modèle.")
        setup = time.perf_counter() - started
        texts = [r["text"] for r in records]
        cpu_begin, begin = cpu_seconds(), time.perf_counter()
        count = sum(1 for _ in nlp.pipe(texts, batch_size=16))
        seconds, cpu_end = time.perf_counter() - begin, cpu_seconds()
        failed = 0
    else:
        from telex import batch
        from telex.article import Article
        from telex.pipeline import analyze_many, load_pipeline

        articles = [
            Article(text=r["text"], id=r["id"], published=r.get("published"), title=r.get("title"))
            for r in records
        ]
        problems: list[str] = []
        engine: Any = None
        if case == "telex":
            load_pipeline()("Une phrase pour chauffer le modèle.")
        elif case == "workers":
            engine = batch.open_engine("processes", workers=workers)
            engine.start()
        else:
            engine = batch.open_engine("dask", workers=workers)
        setup = time.perf_counter() - started
        cpu_begin, begin = cpu_seconds(), time.perf_counter()
        count = 0
        if engine is None:
            results = analyze_many(articles, on_error=lambda a, e: problems.append(str(e)))
            for analysis in results:
                json.dumps(analysis.to_dict(), ensure_ascii=False)
                count += 1
        else:
            for _, outcome in batch.analyze_stream(articles, engine):
                if isinstance(outcome, batch.Failure):
                    problems.append(outcome.message)
                else:
                    json.dumps(outcome.to_dict(), ensure_ascii=False)
                    count += 1
        seconds, cpu_end = time.perf_counter() - begin, cpu_seconds()
        if engine is not None:
            engine.close()
        failed = len(problems)
    cpu = None if cpu_begin is None or cpu_end is None else cpu_end - cpu_begin
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "case": case,
        "articles": len(records),
        "analysed": count,
        "failed": failed,
        "words": words,
        "setup_s": round(setup, 2),
        "seconds": round(seconds, 2),
        "words_per_s": round(words / seconds, 1),
        "articles_per_s": round(len(records) / seconds, 2),
        "cpu_s": None if cpu is None else round(cpu, 1),
        "words_per_cpu_s": None if not cpu else round(words / cpu, 1),
        "peak_rss_mb": round(own if case in ("bare", "telex") else children),
        "parent_rss_mb": round(own),
    }


# -- the driver ---------------------------------------------------------------------------------


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    best: dict[str, dict[str, Any]] = {}
    runs: list[dict[str, Any]] = []
    load = [os.getloadavg()[0]]
    for round_ in range(args.repeat):
        for case in args.cases:
            command = [sys.executable, __file__, "--case", case, "--corpus", str(args.corpus),
                       "--workers", str(args.workers)]
            if args.limit:
                command += ["--limit", str(args.limit)]
            print(f"round {round_ + 1}/{args.repeat}: {case}…", file=sys.stderr, flush=True)
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                sys.stderr.write(done.stderr)
                raise SystemExit(f"case {case} failed")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result["load_avg"] = round(os.getloadavg()[0], 2)
            runs.append(result)
            if case not in best or result["words_per_s"] > best[case]["words_per_s"]:
                best[case] = result
            load.append(os.getloadavg()[0])
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "corpus": str(args.corpus),
        "workers": args.workers,
        "repeat": args.repeat,
        "load_avg_1min": {"min": round(min(load), 2), "max": round(max(load), 2)},
        "best": best,
        "runs": runs,
        "checks": checks(best),
    }


def checks(best: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The issue's targets, where the cases needed for each ran."""
    rate = {case: r["words_per_s"] for case, r in best.items()}
    found: dict[str, Any] = {}
    if "bare" in rate and "telex" in rate:
        ratio = rate["telex"] / rate["bare"]
        found["telex_vs_bare"] = {"ratio": round(ratio, 3), "target": 0.75, "met": ratio >= 0.75}
    if "telex" in rate and "workers" in rate:
        ratio = rate["workers"] / rate["telex"]
        found["workers_vs_telex"] = {"ratio": round(ratio, 3), "target": 1.8, "met": ratio >= 1.8}
    if "workers" in rate and "dask" in rate:
        ratio = rate["dask"] / rate["workers"]
        found["dask_vs_workers"] = {"ratio": round(ratio, 3), "target": "within 10 %",
                                    "met": abs(ratio - 1) <= 0.10}
    peaks = [r["peak_rss_mb"] for case, r in best.items() if case != "bare"]
    if peaks:
        found["peak_rss_per_worker_mb"] = {"max": max(peaks), "target": 1536,
                                           "met": max(peaks) <= 1536}
    return found


def table(report: dict[str, Any]) -> str:
    best = report["best"]
    base = best.get("bare", {}).get("words_per_s")
    n = report["workers"]
    lines = [
        f"{'case':<30} {'articles':>8} {'words':>8} {'setup s':>8} {'run s':>7} {'words/s':>8} "
        f"{'art./s':>7} {'×(a)':>6} {'words/CPU-s':>11} {'peak RSS MB':>11}",
    ]
    for case in CASES:
        if case not in best:
            continue
        r = best[case]
        ratio = f"{r['words_per_s'] / base:.2f}" if base else "-"
        lines.append(
            f"{LABELS[case].format(n=n):<30} {r['articles']:>8} {r['words']:>8} "
            f"{r['setup_s']:>8.1f} {r['seconds']:>7.1f} {r['words_per_s']:>8.0f} "
            f"{r['articles_per_s']:>7.2f} {ratio:>6} {r['words_per_cpu_s'] or '-'!s:>11} "
            f"{r['peak_rss_mb']:>11}"
        )
    lines.append("")
    for name, check in report["checks"].items():
        value = check.get("ratio", check.get("max"))
        lines.append(f"{name:<24} {value!s:>7}  target {check['target']!s:<12} "
                     f"{'met' if check['met'] else 'NOT met'}")
    load = report["load_avg_1min"]
    lines.append(f"load average (1 min) during the run: {load['min']}–{load['max']} "
                 f"on {report['machine']['cpus']} cores")
    failed = {case: r["failed"] for case, r in best.items() if r["failed"]}
    if failed:
        lines.append(f"articles telex failed on (reported, not analysed): {failed}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N articles.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each case; best kept.")
    parser.add_argument("--cases", nargs="+", choices=CASES, default=list(CASES))
    parser.add_argument("--json", type=Path, default=RESULTS, help="Where to write the numbers.")
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)  # one case, internal
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.corpus, args.limit, args.workers)))
        return
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} is absent: give --corpus")
    report = run_all(args)
    print(table(report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"numbers written to {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
