"""Where a pattern occurs in the product's own source: for tests that keep a rule in one module."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, List

ROOT = Path(__file__).resolve().parents[1]


def lines_matching(pattern: "re.Pattern[str]", folders: Iterable[str], allowed: str) -> List[str]:
    """``path:line: text`` of every line under ``folders`` (repository folders) that matches
    ``pattern``, except in ``allowed`` (the one module the pattern belongs to)."""
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel == allowed:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    found.append(f"{rel}:{number}: {line.strip()}")
    return found
