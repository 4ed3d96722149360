"""Build the real-articles set (keep rate of the quality filters) from the raw material folder.

    python -m tools.evalset.build_articles_eval --source /data/evalsets/sources \\
        --out /data/evalsets/articles [--exclude-sha1 pool.json]

Every page is a real article page copied byte for byte from a public extraction benchmark:

- ``trafilatura/``: English and German pages of trafilatura's evaluation set
  (``adbar/trafilatura`` ``tests/eval/``), with its ``with`` snippets as ``must_keep`` and its
  ``without`` snippets (page boilerplate, not spam) as ``must_drop``; no full gold text exists, so
  ``article`` is empty and no character F1 is computed for them;
- ``zyte/`` (``--zyte N``, default 0): English pages (by the same guess on the gold text) of Zyte's article extraction benchmark
  (``scrapinghub/article-extraction-benchmark`` ``html/*.html.gz``, ungzipped) with the
  ``articleBody`` of its ``ground-truth.json`` as the gold ``article`` and its longer lines as
  ``must_keep``;
- ``zhextract/``: Chinese pages of ``immortal-autumn/Chinese-Web-Content-Extraction-Dataset``
  (``original/*.html``) with their hand-cleaned text (``cleaned/*.txt``) as the gold ``article``
  and its longer lines as ``must_keep``.

The language of a trafilatura page is guessed from its snippets (German function words and
umlauts against English ones); pages whose snippets say neither are left out. ``--exclude-sha1``
takes JSON files listing ``sha1`` values (such as a page pool's manifest) whose pages must not be
used. Deterministic: the same sources and options give the same set.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

from tools.evalset.material import nfkc, stable_hash

_DE = re.compile(r"\b(?:und|der|die|das|nicht|mit|für|ist|sich|auf)\b")
_EN = re.compile(r"\b(?:the|and|of|to|is|with|for|that|this|are)\b")


def guess_lang(snippets: list[str]) -> str | None:
    t = " ".join(snippets).lower()
    de = len(_DE.findall(t)) + 3 * len(re.findall("[äöüß]", t))
    en = len(_EN.findall(t))
    if de > en and de >= 3:
        return "de"
    if en > de and en >= 3:
        return "en"
    return None


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _add_page(out: Path, rows: list, row: dict, data: bytes) -> None:
    """Writes the page's bytes under ``out/pages/<id>`` and records its gold row."""
    path = out / "pages" / row["id"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    rows.append(row)


def _article_row(pid: str, lang: str, gold: str, source: str, notes: str) -> dict | None:
    """A gold row whose article is ``gold`` (hand-cleaned text) and whose ``must_keep`` are five
    or six of its lines of 12-200 characters, evenly spaced; None when the gold is under 100
    characters."""
    lines = [re.sub(r"\s+", " ", x).strip() for x in gold.splitlines()]
    lines = [x for x in lines if x]
    if sum(map(len, lines)) < 100:
        return None
    keep = [x for x in lines if 12 <= len(x) <= 200]
    step = max(1, len(keep) // 5)
    return {"id": pid, "kind": "article", "title": None, "article": nfkc("\n".join(lines)),
            "must_keep": [nfkc(x) for x in keep[::step][:6]], "must_drop": [],
            "cluster": None, "families": [], "lang": lang, "source": source, "notes": notes}


def build(src: Path, out: Path, per_lang: dict[str, int], exclude: set[str], zyte: int = 0) -> dict:
    if out.exists():
        shutil.rmtree(out)
    (out / "pages").mkdir(parents=True)
    rows = []
    # trafilatura evaluation pages (en, de)
    tdir = src / "trafilatura" / "tests"
    evaldata = json.loads((tdir / "evaldata.json").read_text(encoding="utf-8"))
    by_lang: dict[str, list[tuple[str, dict]]] = {"en": [], "de": []}
    for url, item in evaldata.items():
        lang = guess_lang(item.get("with", []) + item.get("without", []))
        f = tdir / "eval" / item["file"]
        if lang in by_lang and f.exists() and item.get("with"):
            by_lang[lang].append((url, item))
    for lang, items in by_lang.items():
        items.sort(key=lambda x: stable_hash(x[1]["file"]))
        taken = 0
        for url, item in items:
            if taken >= per_lang[lang]:
                break
            data = (tdir / "eval" / item["file"]).read_bytes()
            if _sha1(data) in exclude:
                continue
            pid = f"trafilatura-{lang}/{item['file']}"
            (out / "pages" / pid).parent.mkdir(parents=True, exist_ok=True)
            (out / "pages" / pid).write_bytes(data)
            rows.append({"id": pid, "kind": "article", "title": None, "article": "",
                         "must_keep": [nfkc(s) for s in item["with"]],
                         "must_drop": [nfkc(s) for s in item.get("without", [])],
                         "cluster": None, "families": [], "lang": lang,
                         "source": f"adbar/trafilatura:tests/eval/{item['file']} ({url})",
                         "notes": "trafilatura evaluation page; must_drop are boilerplate snippets, not spam"})
            taken += 1
    # Chinese pages with hand-cleaned text
    zdir = src / "zhextract"
    for f in sorted((zdir / "original").glob("*.html"), key=lambda p: p.name)[: per_lang["zh"]]:
        data = f.read_bytes()
        gold_f = zdir / "cleaned" / (f.stem + ".txt")
        if _sha1(data) in exclude or not gold_f.exists():
            continue
        gold = gold_f.read_text(encoding="utf-8", errors="replace")
        pid = f"zhextract/{f.name}"
        row = _article_row(pid, "zh", gold,
                           f"immortal-autumn/Chinese-Web-Content-Extraction-Dataset:original/{f.name}",
                           "hand-cleaned article text (cleaned/) as gold")
        if row is None:
            continue
        _add_page(out, rows, row, data)
    # English pages of Zyte's benchmark with their articleBody
    if zyte:
        zydir = src / "zyte"
        truth = json.loads((zydir / "ground-truth.json").read_text(encoding="utf-8"))
        items = sorted(truth.items(), key=lambda kv: stable_hash(kv[0]))
        taken = 0
        for key, item in items:
            if taken >= zyte:
                break
            f = zydir / "html" / f"{key}.html.gz"
            if not f.exists():
                continue
            body = item.get("articleBody") or ""
            if guess_lang([body]) != "en":  # the benchmark is multilingual: English pages only
                continue
            data = gzip.decompress(f.read_bytes())
            if _sha1(data) in exclude:
                continue
            pid = f"zyte-en/{key[:16]}.html"
            row = _article_row(pid, "en", body,
                               f"scrapinghub/article-extraction-benchmark:html/{key}.html.gz ({item.get('url')})",
                               "articleBody of ground-truth.json as gold")
            if row is None:
                continue
            _add_page(out, rows, row, data)
            taken += 1
    rows.sort(key=lambda r: r["id"])
    with (out / "gold.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    info = {"pages": len(rows), "by_lang": {k: sum(r["lang"] == k for r in rows) for k in ("en", "de", "zh")},
            "by_source": {k: sum(r["id"].startswith(k) for r in rows)
                          for k in ("trafilatura-en", "trafilatura-de", "zyte-en", "zhextract")}}
    (out / "build.json").write_text(json.dumps(info, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--en", type=int, default=100)
    ap.add_argument("--de", type=int, default=80)
    ap.add_argument("--zh", type=int, default=69)
    ap.add_argument("--zyte", type=int, default=0,
                    help="English pages of Zyte's benchmark (needs <source>/zyte/html/)")
    ap.add_argument("--exclude-sha1", action="append", default=[], type=Path,
                    help="JSON list of objects with a 'sha1' field: pages never to use")
    args = ap.parse_args(argv)
    exclude: set[str] = set()
    for f in args.exclude_sha1:
        for item in json.loads(f.read_text(encoding="utf-8")):
            if isinstance(item, dict) and "sha1" in item:
                exclude.add(item["sha1"])
    info = build(args.source, args.out, {"en": args.en, "de": args.de, "zh": args.zh}, exclude,
                 zyte=args.zyte)
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
