"""SEO-spam cleaning stage (runs after extraction, before quality filters and dedup).

Pure core: :mod:`.gazetteer` (place names from the cpca package), :mod:`.rules`
(line and segment rules), :mod:`.vocabulary` (page and corpus spam vocabulary),
:mod:`.clean` (:func:`clean_text`, :func:`clean_doc`).  Beam shell:
:mod:`.beam` (:class:`CorpusSegmentStats`, :class:`CleanSpam`).  docs/SPAM.md
describes the rules.
"""
from pagewash.transforms.spam.clean import CleanResult, clean_doc, clean_text
from pagewash.transforms.spam.rules import Removal

__all__ = ["CleanResult", "Removal", "clean_doc", "clean_text"]
