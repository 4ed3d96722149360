"""Benchmarks and measuring tools (``./run_local.sh tools <command>``)."""
from __future__ import annotations

import sys
from typing import List, Optional, Sequence, Tuple


def split_passthrough(argv: Optional[Sequence[str]]) -> Tuple[List[str], List[str]]:
    """(the tool's own arguments, those after ``--`` that it passes on to a pagewash run)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--" not in args:
        return args, []
    cut = args.index("--")
    return args[:cut], args[cut + 1:]
