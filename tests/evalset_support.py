"""What the part builders' tests share: a part built twice from one synthetic source folder, its gold rows."""
from __future__ import annotations

import json
from pathlib import Path

from tools.evalset import manifest
from tools.evalset.gold import check_gold


def build_twice(build, write_sources, root: Path, seed: int) -> tuple[Path, dict, dict]:
    """``build(source, out, seed=...)`` run twice over ``write_sources(root)``: into root/one and root/two."""
    src = write_sources(root)
    return root, build(src, root / "one", seed=seed), build(src, root / "two", seed=seed)


def assert_identical_builds(built) -> None:
    root, info1, info2 = built
    assert info1 == info2
    assert manifest.file_hashes(root / "one") == manifest.file_hashes(root / "two")


def gold_rows(part: Path) -> list[dict]:
    return [json.loads(x) for x in (part / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def decoded_page(part: Path, row: dict) -> str:
    """A page's text in the charset its gold row names (GB2312 read as its superset GBK, as browsers do)."""
    charset = row["charset"].split(" ")[0]
    return (part / "pages" / row["id"]).read_bytes().decode({"gb2312": "gbk"}.get(charset, charset))


def assert_html_pages_declare_their_charset_unless_noted(part: Path) -> None:
    for r in gold_rows(part):
        if r["format"] == "html":
            charset = r["charset"].split(" ")[0]
            declared = f"charset={charset}" in decoded_page(part, r).replace('"', "")
            assert declared == ("undeclared" not in r["charset"]), r["id"]


def checked_gold_rows(part: Path) -> list[dict]:
    """The part's gold rows, after checking they are consistent and name exactly the pages written."""
    rows = gold_rows(part)
    assert check_gold(rows) == []
    assert {r["id"] for r in rows} == {p.relative_to(part / "pages").as_posix()
                                        for p in (part / "pages").rglob("*") if p.is_file()}
    return rows


# The entities a builder's HTML writes for characters of gold strings (the pages escape quotes).
QUOTE_ENTITIES = (("&quot;", '"'), ("&#x27;", "'"))


def assert_gold_strings_in_pages(part: Path, entities=QUOTE_ENTITIES) -> None:
    """Every ``must_drop`` string is on its page (``entities`` written back), and a text dump's
    article page carries its title."""
    from tools.evalset.gold import norm

    for r in checked_gold_rows(part):
        seen = decoded_page(part, r)
        for entity, char in entities:
            seen = seen.replace(entity, char)
        seen = norm(seen)
        for d in r["must_drop"]:
            assert norm(d) in seen, (r["id"], d)
        if r["format"] == "txt" and r["kind"] == "article":
            assert norm(r["title"]) in seen


def assert_clusters_share_their_must_keep(part: Path, clusters: int, size: int = 3) -> None:
    """``clusters`` clusters of ``size`` pages each, whose members name the same ``must_keep``."""
    found: dict[str, list[dict]] = {}
    for r in checked_gold_rows(part):
        if r["cluster"]:
            found.setdefault(r["cluster"], []).append(r)
    assert len(found) == clusters and all(len(v) == size for v in found.values())
    for members in found.values():
        assert members[0]["must_keep"] and all(m["must_keep"] == members[0]["must_keep"] for m in members)
