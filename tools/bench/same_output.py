"""Whether two checkouts write the same corpus (``./run_local.sh tools bench-same-output``).

Runs ``pagewash run`` of this checkout and of ``--before CHECKOUT`` (its own ``.venv``, as
``./run_local.sh`` made it) on each ``--input``, one run after the other, and compares every file
of ``clean/``, ``parquet/``, ``rejected/``, ``errors/`` and ``dedup_index/`` by SHA-256 (the
fixtures digest's files: :func:`tools.fixtures_digest.output_digest`).  Prints one line per input
and exits 1 when any differs.  ``--outputs DIR`` keeps the outputs (removed otherwise); flags after
``--`` go to both runs.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence

from tools.bench.compare import before_command, pagewash_command
from tools.bench import split_passthrough
from tools.fixtures_digest import output_digest


def _run(command: List[str], source: str, output: Path, extra: Sequence[str], log: Path) -> None:
    if output.exists():
        shutil.rmtree(output)
    with open(log, "w") as handle:
        rc = subprocess.call(command + ["run", "--input", source, "--output", str(output), *extra],
                             stdout=handle, stderr=subprocess.STDOUT)
    if rc:
        raise SystemExit(f"pagewash failed on {source}: see {log}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv, extra = split_passthrough(argv)
    parser = argparse.ArgumentParser(prog="tools bench-same-output", description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, metavar="CHECKOUT", help="the other checkout")
    parser.add_argument("--input", action="append", required=True, help="an input of pagewash run (repeatable)")
    parser.add_argument("--outputs", default=None, help="keep the outputs here")
    args = parser.parse_args(argv)
    before = before_command(args.before)
    after = pagewash_command()
    keep = args.outputs is not None
    root = Path(args.outputs or tempfile.mkdtemp(prefix="pagewash-same-"))
    root.mkdir(parents=True, exist_ok=True)
    differing = 0
    try:
        for k, source in enumerate(args.input):
            digests = []
            for label, command in (("before", before), ("after", after)):
                out = root / f"{k:02d}-{label}"
                _run(command, source, out, extra, root / f"{k:02d}-{label}.log")
                digests.append(output_digest(out))
            files = len(digests[1].splitlines())
            same = digests[0] == digests[1]
            differing += not same
            print(f"{'same' if same else 'DIFFERENT'}: {source} ({files} files)", flush=True)
            if not same:
                a, b = (set(d.splitlines()) for d in digests)
                for line in sorted(a ^ b):
                    print(f"  {'before' if line in a else 'after '} {line}")
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
