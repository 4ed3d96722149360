"""A few hundred generated pages with planted duplicates, for the cluster test.

Deterministic for a seed and built from the repository alone: article text from
the dedup benchmark's Zipf-vocabulary generator (``tools/bench/dedup_corpus.py``),
wrapped in the fixture page templates (``fixtures/make_fixtures.py``: a Chinese
portal with navigation, sidebar and footer, an English local-news page), so the
pages go through every stage: decoding (UTF-8 and GBK), extraction, the spam
cleaner's per-site template lines, quality filters, exact and near dedup.

    html/<site>/NNNN.html    one article per page; a few sites, each with its own template lines
    mirror/NNNN.html         exact copies of some pages (same bytes, another path)
    edited/NNNN.html         near copies: one sentence edited, a line appended
    jsonl/pages.jsonl        text records: the dedup corpus's reprint families and
                             controlled pairs, and some articles again as plain text
    warc/crawl.warc.gz       some articles as WARC responses (fixed dates and record ids)
"""
from __future__ import annotations

import io
import json
import pathlib
import random
from typing import Dict, List, Tuple

from fixtures.make_fixtures import blog_template, portal_template
from tools.bench.dedup_corpus import TextMaker, edit, make_corpus

ZH_SITES = [("城市新闻网", "本地日报"), ("财经在线", "财经周刊"), ("科技之窗", "科技日报"), ("文化在线", "文化周报")]


def _article(maker: TextMaker, rnd: random.Random, lang: str) -> Tuple[str, List[str]]:
    title = maker.sentence(lang).rstrip("。！？.!?")[:40]
    body = maker.article(lang, rnd.randint(500, 2500)).split("\n")
    return title, body


def _date(rnd: random.Random) -> str:
    return f"20{rnd.randint(18, 24)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def _warc(pages: List[Tuple[str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, (uri, body) in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
                               "WARC-Date": "2026-01-01T00:00:00Z"}))
    return buffer.getvalue()


def write_corpus(out: pathlib.Path, seed: int = 14, articles: int = 150, text_records: int = 100) -> Dict[str, int]:
    """Writes the corpus under ``out`` (which must not exist or be empty); returns what was planted."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    maker = TextMaker(seed)
    rnd = random.Random(seed)
    counts = {"html": 0, "exact_copies": 0, "near_copies": 0, "text_records": 0, "warc_records": 0}
    jsonl: List[dict] = []
    warc_pages: List[Tuple[str, bytes]] = []

    def write(path: pathlib.Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    for number in range(articles):
        lang = "en" if number % 4 == 3 else "zh"
        title, body = _article(maker, rnd, lang)
        if lang == "zh":
            site, source = ZH_SITES[number % len(ZH_SITES)]
            charset = "gbk" if number % 5 == 0 else "utf-8"
            page = portal_template(title, body, charset=charset, date=_date(rnd), source=source, site=site)
            data = page.encode(charset, errors="replace")
            folder = f"html/site{number % len(ZH_SITES)}"
        else:
            data = blog_template(title, body, date=_date(rnd), author="Jamie Park").encode("utf-8")
            folder = "html/gazette"
        write(out / folder / f"{number:04d}.html", data)
        counts["html"] += 1
        if number % 6 == 1:  # the same bytes under another path: an exact duplicate
            write(out / "mirror" / f"{number:04d}.html", data)
            counts["exact_copies"] += 1
        if number % 7 == 2 and lang == "zh":  # one sentence edited, a line appended: a near duplicate
            edited = [edit(body[0], lang, 0.02, maker, rnd)] + body[1:] + [maker.sentence(lang)]
            page = portal_template(title, edited, charset="utf-8", date=_date(rnd), source=source, site=site)
            write(out / "edited" / f"{number:04d}.html", page.encode("utf-8"))
            counts["near_copies"] += 1
        if number % 9 == 4:  # the article again, as a plain-text record
            jsonl.append({"id": f"text-{number:04d}", "text": "\n".join([title] + body)})
            counts["text_records"] += 1
        if number % 10 == 5:
            warc_pages.append((f"https://news.example.cn/{number:04d}.html",
                               blog_template(title, body, date="2026-01-01", author="Jamie Park").encode("utf-8")))
            counts["warc_records"] += 1

    for doc in make_corpus(text_records, seed=seed).docs:  # reprint families, controlled pairs, hard negatives
        jsonl.append({"id": doc.id, "url": f"https://{doc.lang}.example.org/{doc.id}", "text": doc.text})
        counts["text_records"] += 1
    (out / "jsonl").mkdir()
    with open(out / "jsonl" / "pages.jsonl", "w", encoding="utf-8", newline="\n") as handle:
        for record in jsonl:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    write(out / "warc" / "crawl.warc.gz", _warc(warc_pages))
    counts["records"] = counts["html"] + counts["exact_copies"] + counts["near_copies"] + counts["text_records"] \
        + counts["warc_records"]
    return counts
