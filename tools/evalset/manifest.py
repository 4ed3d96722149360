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


def add_freeze_arguments(parser) -> None:
    """The --freeze / --check flags every set builder takes."""
    parser.add_argument("--freeze", action="store_true", help=f"write {NAME} after building")
    parser.add_argument("--check", action="store_true",
                        help=f"rebuild into a temporary folder and compare with --out's {NAME}")


def build_frozen(out: Path, build, freeze: bool, check: bool) -> tuple[int, dict | None]:
    """Runs ``build(folder) -> info`` the way a frozen set allows: with ``check``, into a temporary
    folder compared with ``out``'s manifest; otherwise into ``out`` unless it is frozen, then
    freezes it if asked.  Returns (exit code, the build's info or None)."""
    import sys
    import tempfile

    if check:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp) / "set")
            (Path(tmp) / "set" / NAME).write_bytes((out / NAME).read_bytes())
            problems = verify(Path(tmp) / "set")
        print("\n".join(problems) or f"rebuild matches {out / NAME}")
        return (1 if problems else 0), None
    if (out / NAME).exists():
        print(f"{out} is frozen ({NAME} exists); refusing to overwrite", file=sys.stderr)
        return 2, None
    info = build(out)
    if freeze:
        write(out)
    return 0, info


def run_builder(argv, description: str, build, printed: tuple[str, ...], default_seed: int = 9) -> int:
    """The command line of a part builder: ``--source --out --seed`` and the freeze flags; runs
    ``build(source, folder, seed) -> info`` through :func:`build_frozen` and prints the ``printed``
    counts of a build as one JSON line."""
    import argparse
    import json

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--source", required=True, type=Path, help="raw material folder (prepare_sources)")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=default_seed)
    add_freeze_arguments(ap)
    args = ap.parse_args(argv)
    code, info = build_frozen(args.out, lambda folder: build(args.source, folder, args.seed), args.freeze, args.check)
    if info is None:
        return code
    print(json.dumps({k: info[k] for k in printed}, ensure_ascii=False))
    return 0
