"""End-to-end throughput benchmark: ``./run_local.sh tools bench --pages DIR [--n 10000]``.

Builds a corpus of ``--n`` HTML pages as WARC files from the HTML pages found in
``--pages`` (each copy made distinct by a numbered paragraph; pages whose
``<meta charset>`` declares GBK/GB2312 are re-encoded so declaration and
bytes agree), runs the whole pipeline on it, and prints docs/s, docs/s per
core and peak memory.  It then times plain ``trafilatura.extract`` in a loop on
a sample of the same pages, so Beam's share of the cost can be read off.

The corpus is written under ``--workdir`` and reused by later runs with the same
``--pages`` and ``--n``.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import pathlib
import re
import resource
import sys
import time
from typing import List, NamedTuple, Sequence, Tuple

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_BODY = re.compile(rb"<body[^>]*>", re.IGNORECASE)


class Page(NamedTuple):
    name: str
    data: bytes
    charset: str


def load_pages(directory: pathlib.Path) -> List[Page]:
    """Every .html/.htm file under ``directory``, with its declared charset made true."""
    pages = []
    for path in sorted(directory.rglob("*")):
        if path.suffix.lower() not in (".html", ".htm") or not path.is_file():
            continue
        data = path.read_bytes()
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode().lower() if match else "utf-8"
        charset = "utf-8"
        if declared in ("gbk", "gb2312", "gb18030"):
            charset = "gb18030"
            try:
                data = data.decode("utf-8").encode("gb18030")
            except UnicodeDecodeError:
                pass  # already in the declared charset
        pages.append(Page(path.name, data, charset))
    if not pages:
        raise SystemExit(f"no .html/.htm pages under {directory}")
    return pages


def variant(page: bytes, number: int) -> bytes:
    """A copy of ``page`` made distinct by a numbered paragraph after <body>."""
    marker = f'<p class="bench-variant">variant {number}</p>'.encode()
    match = _BODY.search(page)
    if match is None:
        return marker + page
    return page[: match.end()] + marker + page[match.end():]


def build_corpus(pages: List[Page], n: int, out: pathlib.Path, per_file: int = 500) -> pathlib.Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    signature = hashlib.sha256(json.dumps([[p.name, len(p.data)] for p in pages] + [n]).encode()).hexdigest()
    stamp = out.parent / (out.name + ".sha256")  # beside the corpus, not in it (it is not a page)
    if stamp.exists() and stamp.read_text() == signature:
        return out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.warc.gz"):
        old.unlink()
    for start in range(0, n, per_file):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        for number in range(start, min(n, start + per_file)):
            page = pages[number % len(pages)]
            http = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={page.charset}")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://bench.example/{number}/{page.name}", "response",
                payload=io.BytesIO(variant(page.data, number)), http_headers=http,
                warc_headers_dict={"WARC-Record-ID": f"<urn:pagewash-bench:{number:07d}>",
                                   "WARC-Date": "2024-01-01T00:00:00Z"}))
        (out / f"bench-{start // per_file:05d}.warc.gz").write_bytes(buffer.getvalue())
    stamp.write_text(signature)
    return out


def peak_memory_mb() -> Tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def direct_trafilatura(pages: List[Page], sample: int) -> Tuple[int, float]:
    """Plain trafilatura.extract in a loop on ``sample`` pages (decoded as the pipeline does)."""
    import trafilatura

    from pagewash.transforms.decode import decode_bytes

    texts = [decode_bytes(variant(pages[i % len(pages)].data, i)).text for i in range(sample)]
    start = time.perf_counter()
    for html in texts:
        trafilatura.extract(html, deduplicate=False, include_comments=False, with_metadata=True)
    return sample, time.perf_counter() - start


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="tools bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", required=True, help="directory of HTML pages to build the corpus from")
    parser.add_argument("--n", type=int, default=10_000, help="pages in the corpus (default 10000)")
    parser.add_argument("--workdir", default="bench_out", help="where the corpus and the output go")
    parser.add_argument("--direct-sample", type=int, default=1000,
                        help="pages for the plain-trafilatura comparison (0 to skip)")
    args, beam_flags = parser.parse_known_args(list(argv))

    from pagewash.pipeline.cli import run

    workdir = pathlib.Path(args.workdir)
    pages = load_pages(pathlib.Path(args.pages))
    corpus = build_corpus(pages, args.n, workdir / "corpus")
    size_mb = sum(p.stat().st_size for p in corpus.glob("*.warc.gz")) / 1e6
    print(f"corpus: {args.n} pages from {len(pages)} distinct pages, {size_mb:.0f} MB of WARC.gz in {corpus}")

    flags = [f for f in beam_flags]
    workers = 1
    if any(f.startswith("--direct_running_mode=multi_processing") for f in flags):
        workers = next((int(f.split("=", 1)[1]) for f in flags if f.startswith("--direct_num_workers=")), 0) \
            or os.cpu_count() or 1
    start = time.perf_counter()
    report = run(["--input", str(corpus), "--output", str(workdir / "output"), *flags])
    wall = time.perf_counter() - start
    counts = report["counts"]
    docs_per_s = counts["input"] / wall
    own, children = peak_memory_mb()
    result = {
        "pages": counts["input"], "clean": counts["clean"], "rejected": counts["rejected"],
        "errors": counts["errors"], "wall_seconds": round(wall, 2), "workers": workers,
        "docs_per_s": round(docs_per_s, 1), "docs_per_s_per_core": round(docs_per_s / workers, 1),
        "peak_rss_mb_main": round(own, 1), "peak_rss_mb_largest_child": round(children, 1),
    }
    print(f"pipeline: {counts['input']} pages in {wall:.1f} s -> {docs_per_s:.1f} docs/s, "
          f"{docs_per_s / workers:.1f} docs/s per core ({workers} worker(s)); "
          f"peak RSS {own:.0f} MB (largest child {children:.0f} MB)")
    print(f"          clean {counts['clean']}, rejected {counts['rejected']}, errors {counts['errors']}; "
          f"rejections: {report['rejected_by_reason']}")
    if args.direct_sample:
        sample, seconds = direct_trafilatura(pages, args.direct_sample)
        per_page_direct = seconds / sample
        per_page_pipeline = wall * workers / counts["input"]
        result.update({"direct_trafilatura_docs_per_s": round(sample / seconds, 1),
                       "pipeline_core_seconds_per_page": round(per_page_pipeline, 5),
                       "direct_seconds_per_page": round(per_page_direct, 5)})
        print(f"plain trafilatura.extract loop: {sample} pages in {seconds:.1f} s -> {sample / seconds:.1f} docs/s; "
              f"pipeline costs {per_page_pipeline * 1000:.1f} ms per page per core vs "
              f"{per_page_direct * 1000:.1f} ms for extraction alone "
              f"(everything else, Beam included: {100 * (1 - per_page_direct / per_page_pipeline):.0f}%)")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
