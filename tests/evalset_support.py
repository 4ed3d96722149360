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


def checked_gold_rows(part: Path) -> list[dict]:
    """The part's gold rows, after checking they are consistent and name exactly the pages written."""
    rows = [json.loads(x) for x in (part / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert check_gold(rows) == []
    assert {r["id"] for r in rows} == {p.relative_to(part / "pages").as_posix()
                                        for p in (part / "pages").rglob("*") if p.is_file()}
    return rows
