"""What a pagewash process does not load: imports Beam makes only because a package is installed.

``import apache_beam`` imports pandas whenever pandas can be imported
(``apache_beam/typehints/__init__.py``), only to register Beam's DataFrame
batch conversions; pagewash uses no DataFrame anywhere, but pandas is
installed as a dependency of cpca (the gazetteer reads cpca's CSV files
itself and never imports cpca's package, which needs pandas).  That import
alone costs about 48 MB of resident memory (31 MB anonymous) in every
process, a sixth of a worker's floor (docs/PERFORMANCE.md).

:func:`skip_unused_imports`, called by the command line before Beam is
imported, marks these modules as absent in ``sys.modules`` (Python's own
mechanism: an import of a name mapped to ``None`` raises ImportError, which
Beam's optional import handles).  It changes nothing once a module is
already imported, so a process that needs pandas for something else (a
notebook, the tooling) keeps it.
"""
from __future__ import annotations

import sys
from typing import List, Tuple

# modules Beam imports only when they are installed, and pagewash never needs
UNUSED_OPTIONAL_IMPORTS: Tuple[str, ...] = ("pandas",)


def skip_unused_imports(modules: Tuple[str, ...] = UNUSED_OPTIONAL_IMPORTS) -> List[str]:
    """Marks ``modules`` as not importable in this process unless already imported;
    returns the ones it marked."""
    marked = []
    for name in modules:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]
            marked.append(name)
    return marked
