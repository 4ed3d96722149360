"""Calibration of trafilatura's fast path against its full path, page by page.

    ./run_local.sh tools fast-path --pages DIR [DIR...] [--n N] --out FILE.jsonl
    ./run_local.sh tools fast-path --analyse FILE.jsonl

For every ``*.html`` / ``*.htm`` page under the folders given (sorted, recursively), the page is
parsed and pre-passed as ``extract_article`` does, then trafilatura runs on the same tree twice:
``fast=True`` (its own extractor only) and ``fast=False`` (its own extractor compared with
readability and jusText).  One JSON line per page records the CPU time of each path, the length of
both texts, the character F1 of the fast text against the full one, and the features a test can
read from the fast result: the text the pre-pass left on the page, the densest block, and the
paragraphs, tables and sanitisable elements of trafilatura's fast body (the conditions under which
its comparison replaces its own text).  ``--analyse`` then scores candidate tests: how many pages
each sends to the full path, how many of the pages the fast path changes it lets through, and the
net CPU per page (fast everywhere, plus the full path where the test fails, against the full path
everywhere).  No page text is written, only lengths, scores and timings.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import zlib
from typing import Iterable, List, Optional

from pagewash.transforms.decode import decode_bytes

# trafilatura's comparison replaces its own text only when the fast body holds one of these
# (jusText on "unclean" output; trafilatura.external.SANITIZED_XPATH)
_SANITIZED = ("aside audio button fencedframe fieldset figure footer iframe input label link nav noindex "
              "noscript object option select source svg time").split()


def list_pages(folders: Iterable[str], n: Optional[int]) -> List[str]:
    found = []
    for folder in folders:
        for root, _, files in os.walk(folder):
            found.extend(os.path.join(root, f) for f in files if f.lower().endswith((".html", ".htm")))
    found.sort()
    return found[:n] if n else found


def _run(tree, url, settings, fast: bool):
    import trafilatura

    from pagewash.transforms import extract as ex

    started = time.process_time()
    document = trafilatura.bare_extraction(
        tree, url=url, fast=fast, with_metadata=False, deduplicate=False,
        include_comments=settings.include_comments, include_tables=settings.include_tables,
        favor_precision=settings.favor_precision, favor_recall=settings.favor_recall,
        config=ex._trafilatura_config(settings.min_extracted_size))
    seconds = time.process_time() - started
    text = ex.normalize_text(document.text) if document is not None and document.text else ""
    body = document.body if document is not None else None
    return text, body, seconds


def measure(path: str) -> Optional[dict]:
    from pagewash.transforms import extract as ex
    from pagewash.transforms.html_prepass import clean_tree
    from tools.score.html import char_prf

    with open(path, "rb") as fh:
        html = decode_bytes(fh.read()).text
    tree = ex.parse_html(html)
    if tree is None:
        return None
    ex.page_metadata(tree, None)
    clean_tree(tree)
    settings = ex.ExtractSettings()
    if sum(1 for _ in tree.iter()) > settings.max_tree_elements:
        return None
    started = time.process_time()
    visible = len(ex.normalize_text("".join(tree.itertext())))
    visible_s = time.process_time() - started
    # alternate the order so neither path is always the one with warm caches
    if zlib.crc32(os.path.basename(path).encode()) % 2:
        fast_text, body, fast_s = _run(tree, None, settings, True)
        full_text, _, full_s = _run(tree, None, settings, False)
    else:
        full_text, _, full_s = _run(tree, None, settings, False)
        fast_text, body, fast_s = _run(tree, None, settings, True)
    started = time.process_time()
    dense = len(ex.densest_block_text(tree))
    dense_s = time.process_time() - started
    p_text = bool(body is not None and body.xpath(".//p//text()"))
    n_p = len(body.findall(".//p")) if body is not None else 0
    n_table = len(body.findall(".//table")) if body is not None else 0
    sanitized = bool(body is not None and any(body.find(".//" + tag) is not None for tag in _SANITIZED))
    return {"page": os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path),
            "fast_s": fast_s, "full_s": full_s, "visible_s": visible_s, "dense_s": dense_s,
            "fast_len": len(fast_text), "full_len": len(full_text), "visible": visible, "dense": dense,
            "p_text": p_text, "n_p": n_p, "n_table": n_table, "sanitized": sanitized,
            "same": fast_text == full_text, "f1": char_prf(fast_text, full_text)["f1"] if full_text else 1.0}


# --------------------------------------------------------------------------- analysis
def _tests(min_chars: int = 250):
    """Candidate tests: name -> predicate(row) that is True when the page goes to the full path.
    A name holding "share" reads the page's text (``visible_s``), one holding "dense" the densest
    block (``dense_s``): their cost is counted on every page."""
    def structural(r):  # the fast body is one trafilatura's comparison would look at again
        return (not r["p_text"]) or r["n_table"] > r["n_p"] or r["sanitized"]

    tests = {"length<250": lambda r: r["fast_len"] < min_chars}
    for share in (0.1, 0.15, 0.2, 0.25):
        tests[f"length or share<{share}"] = (
            lambda r, s=share: r["fast_len"] < min_chars or r["fast_len"] < s * r["visible"])
    for ratio in (0.3, 0.5, 0.7):
        tests[f"length or fast<{ratio}*dense"] = (
            lambda r, q=ratio: r["fast_len"] < min_chars or r["fast_len"] < q * r["dense"])
    tests["length or share<0.15 (under 3000) or fast<0.5*dense"] = (
        lambda r: r["fast_len"] < min_chars or (r["fast_len"] < 3000 and r["fast_len"] < 0.15 * r["visible"])
        or r["fast_len"] < 0.5 * r["dense"])
    tests["length or structural"] = lambda r: r["fast_len"] < min_chars or structural(r)
    tests["length or no paragraph/table-heavy"] = (
        lambda r: r["fast_len"] < min_chars or not r["p_text"] or r["n_table"] > r["n_p"])
    for share in (0.1, 0.15, 0.2):
        tests[f"length or share<{share} or no paragraph"] = (
            lambda r, s=share: r["fast_len"] < min_chars or r["fast_len"] < s * r["visible"] or not r["p_text"])
    return tests


def analyse(rows: List[dict], lossy_f1: float = 0.95) -> List[str]:
    n = len(rows)
    full_cost = sum(r["full_s"] for r in rows) / n * 1000
    fast_cost = sum(r["fast_s"] for r in rows) / n * 1000
    changed = [r for r in rows if not r["same"]]
    lossy = [r for r in rows if r["f1"] < lossy_f1]
    lines = [f"{n} pages: full path {full_cost:.2f} ms/page, fast path {fast_cost:.2f} ms/page; "
             f"fast text differs on {len(changed)}, F1 < {lossy_f1} against the full text on {len(lossy)}",
             f"{'test':42} {'to full':>8} {'changed let through':>20} {'lossy let through':>18} "
             f"{'mean F1 vs full':>16} {'ms/page':>8} {'net':>7}"]
    for name, test in _tests().items():
        sent = [test(r) for r in rows]
        features = lambda r: (r["visible_s"] if "share" in name else 0.0) + (r.get("dense_s", 0.0) if "dense" in name else 0.0)
        cost = sum(r["fast_s"] + features(r) + (r["full_s"] if s else 0.0) for r, s in zip(rows, sent)) / n * 1000
        through = sum(1 for r, s in zip(rows, sent) if not s and not r["same"])
        lossy_through = sum(1 for r, s in zip(rows, sent) if not s and r["f1"] < lossy_f1)
        f1 = sum(1.0 if s else r["f1"] for r, s in zip(rows, sent)) / n
        lines.append(f"{name:42} {sum(sent) / n:8.3f} {through:20d} {lossy_through:18d} {f1:16.4f} "
                     f"{cost:8.2f} {cost - full_cost:+7.2f}")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools fast-path", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", nargs="*", default=[], help="folders of HTML pages (searched recursively)")
    parser.add_argument("--n", type=int, help="at most this many pages (sorted by path)")
    parser.add_argument("--out", help="write one JSON line per page here")
    parser.add_argument("--analyse", help="score the candidate tests on a file --out wrote")
    args = parser.parse_args(argv)
    if args.analyse:
        with open(args.analyse, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        print("\n".join(analyse(rows)))
        return 0
    if not args.pages or not args.out:
        parser.error("--pages and --out are needed to measure")
    from pagewash.transforms import extract as ex

    ex.extract_article("<html><body><p>warm up</p></body></html>", None, ex.ExtractSettings())
    rows = []
    with open(args.out, "w", encoding="utf-8") as out:
        for path in list_pages(args.pages, args.n):
            row = measure(path)
            if row is not None:
                rows.append(row)
                out.write(json.dumps(row) + "\n")
    print("\n".join(analyse(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
