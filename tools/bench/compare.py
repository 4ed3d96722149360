"""pagewash against datatrove on the same pages, side by side, in one run.

    ./run_local.sh tools bench-compare --pages DIR [--n 2000] [--workdir /tmp/pwbench] [--modes html,text]
        [--runners multi,inprocess] [--workers 2] [--before CHECKOUT] [-- extra pagewash run flags]

1. builds a seeded corpus of ``--n`` documents from the real HTML pages in ``--pages``
   (:mod:`tools.bench.corpus`; reused when it exists with the same arguments);
2. installs datatrove 0.10.1 in its own venv outside the checkout (``$PAGEWASH_DATATROVE_VENV``, default
   ``~/.cache/pagewash/dtvenv``; created once, reused after);
3. for HTML pages (datatrove: its defaults, English Gopher filters) and for text dumps (datatrove: its
   Chinese tokenizer and Chinese-adapted Gopher thresholds), runs datatrove's five stages
   (:mod:`tools.bench.datatrove_job`) and ``pagewash run`` on the same documents, each measured from
   outside (:mod:`tools.bench.measure`: wall, CPU of the whole process tree, peak RSS of the largest
   single process);
4. prints docs per CPU-second, wall, peak RSS and the ratios, and writes them to
   ``WORKDIR/compare-n<N>.json``.

The machine may be shared: the CPU other jobs used during each measurement is reported beside it
(``other_cpu_s``); ratios of runs made in the same invocation are what to compare.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from typing import Dict, List, Optional, Sequence

from tools.bench import corpus as corpus_builder
from tools.bench.measure import measure
from tools.bench import split_passthrough

DATATROVE_REQUIREMENTS = ["datatrove[processing,io]==0.10.1", "psutil", "lxml_html_clean", "spacy", "jieba"]
DATATROVE_VERSION = "0.10.1"
JOB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "datatrove_job.py")
STAGES = ("extract", "sig", "buckets", "cluster", "filter")
# What each side reads: datatrove JSON Lines, pagewash the same documents as files / JSON Lines.
MODES = {
    "html": {"source": "docs.jsonl", "pagewash_input": "html", "lang": "eng"},
    "text": {"source": "text.jsonl", "pagewash_input": "text.jsonl", "lang": "zho"},
}


def datatrove_venv() -> str:
    """The datatrove venv's python, created and installed on first use."""
    venv = os.environ.get("PAGEWASH_DATATROVE_VENV",
                          os.path.join(os.path.expanduser("~"), ".cache", "pagewash", "dtvenv"))
    python = os.path.join(venv, "bin", "python")
    check = [python, "-c", "import importlib.metadata as m, jieba, spacy, psutil; "
                           "print(m.version('datatrove'))"]
    if os.path.exists(python):
        found = subprocess.run(check, capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip() == DATATROVE_VERSION:
            return python
    print(f"installing datatrove {DATATROVE_VERSION} into {venv} (once)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *DATATROVE_REQUIREMENTS], check=True)
    return python


def run_datatrove(python: str, corpus: str, work: str, mode: str, tasks: int, workers: int) -> dict:
    """datatrove's five stages, each measured; their sums are the end-to-end figures."""
    spec = MODES[mode]
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    subprocess.run([python, JOB, "shard", "--source", os.path.join(corpus, spec["source"]), "--work", work,
                    "--shards", str(max(8, tasks))], check=True)
    stages = {}
    for stage in STAGES:
        cmd = [python, JOB, "stage", "--stage", stage, "--work", work, "--tasks", str(tasks),
               "--workers", str(workers), "--lang", spec["lang"], "--input", mode]
        result = measure(cmd, log_path=os.path.join(work, f"{stage}.log"))
        stages[stage] = result
        print(f"  datatrove {stage:8s} wall {result['wall_s']:7.1f} s  cpu {result['cpu_s']:7.1f} s  "
              f"largest process {result['peak_rss_single_mb']:6.0f} MB  (others used {result['other_cpu_s']} "
              f"CPU-s)", flush=True)
        if result["rc"]:
            raise SystemExit(f"datatrove stage {stage} failed: see {work}/{stage}.log")
    kept = 0
    final = os.path.join(work, "final")
    for name in sorted(os.listdir(final)) if os.path.isdir(final) else ():
        with open(os.path.join(final, name), encoding="utf-8") as f:
            kept += sum(1 for _ in f)
    return {"stages": stages, "kept": kept, **_totals(stages.values())}


def _totals(results) -> dict:
    results = list(results)
    return {"wall_s": round(sum(r["wall_s"] for r in results), 2),
            "cpu_s": round(sum(r["cpu_s"] for r in results), 2),
            "peak_rss_single_mb": max(r["peak_rss_single_mb"] for r in results),
            "other_cpu_s": round(sum(r["other_cpu_s"] for r in results), 1)}


def pagewash_command() -> List[str]:
    script = os.path.join(os.path.dirname(sys.executable), "pagewash")
    return [script] if os.path.exists(script) else [sys.executable, "-m", "pagewash.pipeline.cli"]


def before_command(checkout: str) -> List[str]:
    """``pagewash`` of another checkout (its own ``.venv``, as ``./run_local.sh`` made it)."""
    script = os.path.join(os.path.abspath(checkout), ".venv", "bin", "pagewash")
    if not os.path.exists(script):
        raise SystemExit(f"no {script}: run ./run_local.sh once in {checkout}")
    return [script]


def run_pagewash(corpus: str, work: str, mode: str, runner: str, workers: int, extra: Sequence[str],
                 command: Optional[List[str]] = None, label: Optional[str] = None) -> dict:
    label = label or runner
    out = os.path.join(work, f"pagewash-{mode}-{label}")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    flags = ["--direct_running_mode=multi_processing", f"--direct_num_workers={workers}"] \
        if runner == "multi" else []
    cmd = (command or pagewash_command()) + ["run", "--input", os.path.join(corpus, MODES[mode]["pagewash_input"]),
                                "--output", out, *flags, *extra]
    result = measure(cmd, log_path=os.path.join(work, f"pagewash-{mode}-{label}.log"))
    if result["rc"]:
        raise SystemExit(f"pagewash failed: see {work}/pagewash-{mode}-{label}.log")
    with open(os.path.join(out, "report.json")) as f:
        report = json.load(f)
    result["counts"] = report.get("counts")
    print(f"  pagewash  {label:15s} wall {result['wall_s']:7.1f} s  cpu {result['cpu_s']:7.1f} s  "
          f"largest process {result['peak_rss_single_mb']:6.0f} MB  (others used {result['other_cpu_s']} CPU-s)",
          flush=True)
    big = [p["peak_rss_mb"] for p in result.get("processes", []) if p["peak_rss_mb"] >= 100]
    if len(big) > 1:
        print(f"  {'':26s}processes above 100 MB: {', '.join(f'{mb:.0f}' for mb in big)} MB", flush=True)
    return result


def ratios(n: int, peer: dict, ours: dict) -> dict:
    return {"datatrove_docs_per_cpu_s": round(n / peer["cpu_s"], 2),
            "pagewash_docs_per_cpu_s": round(n / ours["cpu_s"], 2),
            "ratio_per_cpu_s": round(peer["cpu_s"] / ours["cpu_s"], 2),
            "ratio_wall": round(peer["wall_s"] / ours["wall_s"], 2)}


def table(n: int, results: Dict[str, dict]) -> str:
    lines = [f"| work ({n:,} documents) | datatrove | pagewash | docs per CPU-s (dt / pw) | ratio per CPU-s | "
             "ratio wall |", "|---|---|---|---|---|---|"]
    for mode, result in results.items():
        peer = result["datatrove"]
        for runner, ours in result["pagewash"].items():
            r = ratios(n, peer, ours)
            lines.append(
                f"| {mode}, pagewash {runner} | {peer['wall_s']:.0f} s wall, {peer['cpu_s']:.0f} CPU-s, largest "
                f"process {peer['peak_rss_single_mb']:.0f} MB | {ours['wall_s']:.0f} s wall, {ours['cpu_s']:.0f} "
                f"CPU-s, largest process {ours['peak_rss_single_mb']:.0f} MB | {r['datatrove_docs_per_cpu_s']} / "
                f"{r['pagewash_docs_per_cpu_s']} | {r['ratio_per_cpu_s']}x | {r['ratio_wall']}x |")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv, extra = split_passthrough(argv)
    parser = argparse.ArgumentParser(prog="tools bench-compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", required=True, help="directory of real HTML pages to build the corpus from")
    parser.add_argument("--n", type=int, default=2000, help="documents in the corpus (default 2000)")
    parser.add_argument("--workdir", default="/tmp/pwbench", help="corpus, outputs and results (default /tmp/pwbench)")
    parser.add_argument("--modes", default="html,text", help="html, text or both (default html,text)")
    parser.add_argument("--runners", default="multi",
                        help="pagewash runners: multi (multi_processing), inprocess, or both (default multi)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes on both sides (default 2)")
    parser.add_argument("--skip-datatrove", action="store_true",
                        help="reuse datatrove's figures from an earlier compare-n<N>.json in --workdir")
    parser.add_argument("--before", default=None, metavar="CHECKOUT",
                        help="also run the pagewash of another checkout (e.g. main) on every runner, in the same "
                             "invocation, as '<runner>-before'")
    parser.add_argument("--pagewash-only", action="store_true",
                        help="measure pagewash alone (memory at a size datatrove is not run at)")
    args = parser.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    runners = [r for r in args.runners.split(",") if r]
    for value, allowed in ((modes, MODES), (runners, ("multi", "inprocess"))):
        bad = [v for v in value if v not in allowed]
        if bad:
            parser.error(f"unknown value(s) {bad}")

    corpus = os.path.join(args.workdir, f"corpus-n{args.n}")
    started = time.monotonic()
    # pagewash alone on text dumps reads text.jsonl only: the HTML pages are not written
    manifest = corpus_builder.build(args.pages, args.n, corpus, text_only=args.pagewash_only and modes == ["text"])
    print(f"corpus: {args.n} documents ({manifest['counts']}) in {corpus}", flush=True)
    results_path = os.path.join(args.workdir, f"compare-n{args.n}.json")
    earlier = {}
    if args.skip_datatrove and os.path.exists(results_path):
        with open(results_path) as f:
            earlier = json.load(f).get("results", {})
    python = None if args.skip_datatrove or args.pagewash_only else datatrove_venv()
    results: Dict[str, dict] = {}
    before = before_command(args.before) if args.before else None

    def run_ours(mode: str) -> Dict[str, dict]:
        ours = {}
        for runner in runners:  # before and after next to each other, so they see the same load
            if before is not None:
                ours[f"{runner}-before"] = run_pagewash(corpus, args.workdir, mode, runner, args.workers, extra,
                                                        command=before, label=f"{runner}-before")
            ours[runner] = run_pagewash(corpus, args.workdir, mode, runner, args.workers, extra)
        return ours

    load_before = os.getloadavg()
    for mode in modes:
        print(f"{mode}:", flush=True)
        if args.pagewash_only:
            results[mode] = {"pagewash": run_ours(mode)}
            continue
        if python is None and mode in earlier:
            peer = earlier[mode]["datatrove"]
        else:
            peer = run_datatrove(python or datatrove_venv(), corpus, os.path.join(args.workdir, f"dt-{mode}"),
                                 mode, args.workers, args.workers)
        ours = run_ours(mode)
        results[mode] = {"datatrove": peer, "pagewash": ours,
                         "ratios": {label: ratios(args.n, peer, ours[label]) for label in ours}}
    summary = {"n": args.n, "workers": args.workers, "before": args.before, "extra_pagewash_flags": extra, "corpus": manifest,
               "cpus": os.cpu_count(), "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
               "total_s": round(time.monotonic() - started, 1), "results": results}
    with open(results_path, "w") as f:
        json.dump(summary, f, indent=1)
    if not args.pagewash_only:
        print(table(args.n, results))
    print(f"(load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}; "
          f"figures in {results_path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
