"""Extraction throughput on a folder of HTML pages, pagewash beside plain trafilatura.

    ./run_local.sh tools bench-extract --pages DIR [--n N] [--repeat R]

Reads up to N ``*.html`` / ``*.htm`` files of DIR (sorted by name), decodes
them as the pipeline does, and times, page by page in this one process:
parsing + metadata, the markup pre-pass, the rest of pagewash's extraction,
and plain ``trafilatura.extract(html)`` with its defaults.  Prints docs/s (wall
clock) and docs/s per core (CPU time of this one process: what a worker core
does, steady on a shared machine), the pre-pass as a fraction of
pagewash's extraction time, peak memory, and a regression check on the real
pages: how many pages pagewash returns much less text for than trafilatura
(those are listed, to be looked at).  The corpus is read from the folder
given; nothing of it is stored.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from typing import List, Optional

from pagewash.transforms.decode import decode_bytes


def list_pages(folder: str, n: Optional[int]) -> List[str]:
    names = sorted(f for f in os.listdir(folder) if f.lower().endswith((".html", ".htm")))
    return [os.path.join(folder, f) for f in (names[:n] if n else names)]


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024.0  # ru_maxrss is in KiB on Linux


def run(pages: List[str], repeat: int = 1) -> dict:
    import trafilatura

    from pagewash.transforms import extract as ex

    html_pages = []
    for path in pages:
        with open(path, "rb") as fh:
            html_pages.append((os.path.basename(path), decode_bytes(fh.read()).text))
    total_bytes = sum(len(h.encode("utf-8")) for _, h in html_pages)
    # the pre-pass cost, measured inside pagewash's own run (extract_article's step timer)
    prepass_time = [0.0]

    def on_step(step: str, seconds: float) -> None:
        if step == "prepass":
            prepass_time[0] += seconds

    settings = ex.ExtractSettings()
    pagewash_lengths, trafilatura_lengths = {}, {}
    ex.extract_article("<html><body><p>warm up</p></body></html>", None, settings)
    wall, start = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for name, html in html_pages:
            article = ex.extract_article(html, None, settings, on_step=on_step)
            pagewash_lengths[name] = len(article.text) if article else 0
    pagewash_time, pagewash_wall = time.process_time() - start, time.perf_counter() - wall
    wall, start = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for name, html in html_pages:
            trafilatura_lengths[name] = len(trafilatura.extract(html) or "")
    trafilatura_time, trafilatura_wall = time.process_time() - start, time.perf_counter() - wall
    docs = len(html_pages) * repeat
    shorter = sorted(name for name in pagewash_lengths
                     if trafilatura_lengths[name] >= 200 and pagewash_lengths[name] < 0.5 * trafilatura_lengths[name])
    return {"docs": docs, "mb": total_bytes * repeat / 1e6,
            "pagewash_s": pagewash_time, "trafilatura_s": trafilatura_time,
            "pagewash_wall_s": pagewash_wall, "trafilatura_wall_s": trafilatura_wall, "prepass_s": prepass_time[0],
            "shorter": shorter, "pages": len(html_pages), "peak_mb": _peak_mb(),
            "pagewash_chars": sum(pagewash_lengths.values()), "trafilatura_chars": sum(trafilatura_lengths.values()),
            "lengths": {n: (pagewash_lengths[n], trafilatura_lengths[n]) for n in pagewash_lengths}}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools bench-extract", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", required=True, help="folder of HTML pages (read, never stored)")
    parser.add_argument("--n", type=int, default=None, help="at most this many pages (sorted by name)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the pages")
    parser.add_argument("--lengths", action="store_true", help="print both systems' text length per page")
    args = parser.parse_args(argv)
    pages = list_pages(args.pages, args.n)
    if not pages:
        print(f"no .html pages in {args.pages}", file=sys.stderr)
        return 2
    r = run(pages, args.repeat)
    docs = r["docs"]
    print(f"pages: {r['pages']} x {args.repeat} = {docs} docs, {r['mb']:.1f} MB of HTML (one process, one core)")
    for label, key in (("pagewash extraction:", "pagewash"), ("plain trafilatura:  ", "trafilatura")):
        cpu, wall = r[f"{key}_s"], r[f"{key}_wall_s"]
        print(f"{label}  {docs / wall:8.2f} docs/s (wall)  {docs / cpu:8.2f} docs/s/core (CPU time)  "
              f"{r['mb'] / cpu:6.2f} MB/s/core  ({cpu:.2f} s CPU, {wall:.2f} s wall)")
        if key == "pagewash":
            print(f"  of which pre-pass:  {r['prepass_s']:.2f} s CPU = {r['prepass_s'] / cpu:.1%} of extraction time")
    print(f"text kept: pagewash {r['pagewash_chars']} chars, trafilatura {r['trafilatura_chars']} chars")
    print(f"pages where pagewash keeps < 50% of trafilatura's text (>= 200 chars): {len(r['shorter'])}"
          + (f": {', '.join(r['shorter'])}" if r["shorter"] else ""))
    print(f"peak memory (max RSS): {r['peak_mb']:.0f} MB")
    if args.lengths:
        for name, (pw, tf) in sorted(r["lengths"].items()):
            print(f"{name}\t{pw}\t{tf}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
