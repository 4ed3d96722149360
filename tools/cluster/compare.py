"""Byte-for-byte comparison of two pagewash output folders."""
from __future__ import annotations

import hashlib
import pathlib
from typing import Dict, List, Sequence

# report.json differs by design (wall time, start time, runner options); audit/ is off by default.
COMPARED = ("clean", "parquet", "rejected", "errors", "dedup_index")


def digests(output: pathlib.Path, folders: Sequence[str] = COMPARED) -> Dict[str, str]:
    """Relative path -> SHA-256 of every file in ``folders`` of ``output``."""
    found: Dict[str, str] = {}
    for folder in folders:
        root = output / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                found[path.relative_to(output).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def differences(expected: pathlib.Path, actual: pathlib.Path, folders: Sequence[str] = COMPARED) -> List[str]:
    """What differs between two outputs (empty when every compared file is byte-identical)."""
    want, got = digests(expected, folders), digests(actual, folders)
    problems: List[str] = []
    for folder in folders:
        if not any(name.startswith(folder + "/") for name in want):
            problems.append(f"{folder}/ missing from {expected}")
    for name in sorted(set(want) | set(got)):
        if name not in got:
            problems.append(f"{name}: missing")
        elif name not in want:
            problems.append(f"{name}: unexpected")
        elif want[name] != got[name]:
            problems.append(f"{name}: bytes differ")
    return problems
