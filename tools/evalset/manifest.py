"""``MANIFEST.sha256`` of a frozen evaluation set: the sha256 of every file, ``sha256sum`` format.

``sha256sum -c MANIFEST.sha256`` (run inside the set) checks it as well as :func:`verify` does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

NAME = "MANIFEST.sha256"


def file_hashes(root: Path) -> dict[str, str]:
    out = {}
    for f in sorted(root.rglob("*")):
        if f.is_file() and f.name != NAME:
            out[f.relative_to(root).as_posix()] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def write(root: Path) -> Path:
    lines = [f"{h}  {p}\n" for p, h in file_hashes(root).items()]
    path = root / NAME
    path.write_text("".join(lines), encoding="utf-8")
    return path


def read(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            h, p = line.split("  ", 1)
            out[p] = h
    return out


def verify(root: Path) -> list[str]:
    """Differences between the files under ``root`` and its manifest (empty: frozen and intact)."""
    want = read(root / NAME)
    have = file_hashes(root)
    problems = [f"missing: {p}" for p in sorted(set(want) - set(have))]
    problems += [f"not in manifest: {p}" for p in sorted(set(have) - set(want))]
    problems += [f"changed: {p}" for p in sorted(set(want) & set(have)) if want[p] != have[p]]
    return problems
