"""The digest of the fixtures' whole output: what `tests/test_output_digest.py` compares a run against.

    ./run_local.sh tools fixtures-digest            write tests/fixtures_output.sha256 (a change is intended)
    ./run_local.sh tools fixtures-digest --check    compare a fresh run with it (exit 1 on a difference)

The run is the default one of ``./run_local.sh`` (``--input fixtures/pages``, relative to the
checkout, so the records' ``source`` is the same wherever the checkout is) into a temporary
directory; the digest lists the SHA-256 of every file under ``clean/``, ``parquet/``,
``rejected/``, ``errors/`` and ``dedup_index/``, one ``<sha256>  <path>`` line each (the
``sha256sum`` format).  The report, its plots and the dataset card describe the run (wall time,
paths) and are left out.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional, Sequence

from tools.paths import REPO_ROOT

DIGEST_FILE = Path(REPO_ROOT) / "tests" / "fixtures_output.sha256"
COMPARED = ("clean", "parquet", "rejected", "errors", "dedup_index")
INPUT = "fixtures/pages"


def output_digest(output: Path) -> str:
    """``<sha256>  <path>`` lines of every compared file under ``output``, sorted by path."""
    lines = []
    for folder in COMPARED:
        for path in sorted((output / folder).rglob("*")):
            if path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                lines.append(f"{digest}  {path.relative_to(output).as_posix()}")
    return "\n".join(sorted(lines, key=lambda line: line.split("  ", 1)[1])) + "\n"


def run_fixtures(output: Path) -> None:
    """The fixtures run of ``./run_local.sh`` (input relative to the checkout) into ``output``."""
    from pagewash.pipeline.cli import run

    here = os.getcwd()
    os.chdir(REPO_ROOT)
    try:
        run(["--input", INPUT, "--output", str(output)])
    finally:
        os.chdir(here)


def fresh_digest() -> str:
    with tempfile.TemporaryDirectory(prefix="pagewash-digest-") as tmp:
        output = Path(tmp) / "out"
        run_fixtures(output)
        return output_digest(output)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="fixtures-digest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare a fresh run with the stored digest")
    args = parser.parse_args(argv)
    digest = fresh_digest()
    if args.check:
        stored = DIGEST_FILE.read_text(encoding="utf-8")
        if stored != digest:
            sys.stdout.write("".join(f"- {line}\n" for line in stored.splitlines() if line not in digest.splitlines()))
            sys.stdout.write("".join(f"+ {line}\n" for line in digest.splitlines() if line not in stored.splitlines()))
            return 1
        print(f"{DIGEST_FILE.name}: the fixtures' output is unchanged")
        return 0
    DIGEST_FILE.write_text(digest, encoding="utf-8")
    print(f"wrote {DIGEST_FILE} ({len(digest.splitlines())} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
