"""What a pagewash process does not load: imports Beam makes only because a package is installed.

``import apache_beam`` imports pandas whenever pandas can be imported
(``apache_beam/typehints/__init__.py``), only to register Beam's DataFrame
batch conversions; pagewash uses no DataFrame anywhere, but pandas is
installed as a dependency of cpca (the gazetteer reads cpca's CSV files
itself and never imports cpca's package, which needs pandas).  That import
alone costs about 48 MB of resident memory (31 MB anonymous) in every
process, a sixth of a worker's floor (docs/PERFORMANCE.md).

:func:`skip_unused_imports`, called by the ``pagewash`` command before Beam
is imported, puts a finder first on ``sys.meta_path`` that answers an import
of these modules with ``ModuleNotFoundError`` (what Beam's and pyarrow's
optional imports expect when a package is absent; a ``None`` entry in
``sys.modules`` is not enough: pyarrow's pandas shim then gets ``None`` back).
It changes nothing for a module already imported, so a process that loaded
pandas for something else (a notebook, the tooling) keeps it.
"""
from __future__ import annotations

import importlib.abc
import sys
from typing import List, Sequence, Tuple

# modules Beam imports only when they are installed, and pagewash never needs
UNUSED_OPTIONAL_IMPORTS: Tuple[str, ...] = ("pandas",)


class _Unused(importlib.abc.MetaPathFinder):
    """Finds nothing for the given top-level modules (and their submodules): they import as absent."""

    def __init__(self, names: Sequence[str]):
        self.names = frozenset(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r} (not loaded by pagewash, which does "
                                      f"not use it: pagewash.pipeline.memory)", name=fullname)
        return None


def skip_unused_imports(modules: Sequence[str] = UNUSED_OPTIONAL_IMPORTS) -> List[str]:
    """Makes ``modules`` import as absent in this process, unless already imported;
    returns the ones it kept out."""
    marked = [name for name in modules if name not in sys.modules]
    if marked and not any(isinstance(finder, _Unused) and finder.names >= set(marked) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Unused(marked))
    return marked
