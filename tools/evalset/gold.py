"""The gold file of an evaluation part, written and summarised the same way by every builder.

``gold.jsonl`` holds one row per page, sorted by id (format: README.md, "Layout of a set");
``summary`` gives the counts each builder records in its ``build.json``.
"""
from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Callable, Iterable


def norm(s: str) -> str:
    """Text as gold strings are compared: NFKC, without whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def check_gold(rows: list[dict]) -> list[str]:
    """Consistency of the written gold: every must_keep in the article, no must_drop in it."""
    problems = []
    for r in rows:
        art = norm(r["article"])
        problems += [f"{r['id']}: must_keep not in article: {k}" for k in r["must_keep"] if norm(k) not in art]
        problems += [f"{r['id']}: must_drop in article: {d}" for d in r["must_drop"] if art and norm(d) in art]
        if r["kind"] == "article" and not r["article"]:
            problems.append(f"{r['id']}: article page without gold text")
    return problems


def write_gold(out: Path, rows: list[dict], checked: bool = True) -> list[dict]:
    """Writes ``out/gold.jsonl`` (rows sorted by id; refused if ``checked`` and inconsistent); the sorted rows."""
    rows = sorted(rows, key=lambda r: r["id"])
    if checked:
        problems = check_gold(rows)
        if problems:
            raise ValueError("gold inconsistent:\n" + "\n".join(problems[:20]))
    with (out / "gold.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    return rows


def summary(rows: list[dict], charsets: bool = False) -> dict:
    """Pages, kinds, HTML pages (and their charsets), pages per family, clusters and gold strings."""
    fam: dict[int, int] = {}
    for r in rows:
        for x in r["families"]:
            fam[x] = fam.get(x, 0) + 1
    html_rows = [r for r in rows if r["format"] == "html"]
    info = {
        "pages": len(rows),
        "kinds": {k: sum(r["kind"] == k for r in rows) for k in ("article", "junk", "spam_only")},
        "html": len(html_rows),
        "non_utf8_html": sum(r["charset"] != "utf-8" for r in html_rows),
        "families": {str(k): fam[k] for k in sorted(fam)},
        "clusters": len({r["cluster"] for r in rows if r["cluster"]}),
        "must_keep": sum(len(r["must_keep"]) for r in rows),
        "must_drop": sum(len(r["must_drop"]) for r in rows),
    }
    if charsets:
        info["charsets"] = {c: sum(r["charset"] == c for r in html_rows)
                            for c in sorted({r["charset"] for r in html_rows})}
    return info


def write_build_info(out: Path, info: dict) -> dict:
    (out / "build.json").write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
    return info


def write_part(out: Path, pages: Iterable, encode: Callable, validate: Callable, gold_row: Callable) -> list[dict]:
    """Writes a part from scratch: each page's bytes (``encode(page)``) under ``out/pages/<page.pid>``, after
    ``validate(page, data)`` has kept only the gold strings the written page bears out, then the checked
    gold file (:func:`write_gold`) of the pages' ``gold_row(page)``; returns the rows."""
    if out.exists():
        shutil.rmtree(out)
    (out / "pages").mkdir(parents=True)
    rows = []
    for page in pages:
        data = encode(page)
        validate(page, data)
        path = out / "pages" / page.pid
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        rows.append(gold_row(page))
    return write_gold(out, rows)
