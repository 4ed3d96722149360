"""Examples for the injected-segment scorer mined from labelled evaluation parts.

A labelled part is a folder with ``pages/`` and ``gold.jsonl`` (``tools/evalset/build_spam_eval*.py``
output: per page its ``must_drop`` strings, its gold ``article`` and its ``kind``).  Each part was made
by a different builder, so the names it injected come from a different generator than the ones
:class:`tools.train_comma_model.NameMaker` makes.  From a part this module takes

* positives: every candidate segment (:func:`pagewash.transforms.spam.comma_model.candidates`, bare
  phrases only) of a page's text as the spam stage reads it (decoded, extracted, normalised) that lies
  inside one of the page's ``must_drop`` strings no more than :data:`MAX_DROP_CONTEXT` characters
  longer than it (the name and the characters around it, not a pasted sentence or a stuffed line) and
  is not written in its gold article;
* negatives: every candidate segment of the gold articles' lines (the page as its author wrote it),
  with the gold article as the page.

Only features and labels leave this module (the training script hashes them); no text is written.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from pagewash.transforms.spam.comma_model import Candidate, candidates, is_bare
from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.lexicon import lexicon

_WS = re.compile(r"\s+")
# A must_drop string is the injected name with a few characters either side of it (``建筑,某某app下载,``):
# a longer one is a pasted sentence or a stuffed line, whose comma parts are written text, not names.
MAX_DROP_CONTEXT = 8


@dataclass(frozen=True)
class Example:
    """One candidate segment with the page it stands on and its label (1 injected)."""
    group: str  # what a cross-validation fold holds out (a part's name; "generated" for the recipe)
    cand: Candidate
    page: str
    label: int
    line: str = ""  # the line the candidate stands on (its guards read it)


def _norm(s: str) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", s or ""))


def page_text(path: Path) -> Optional[str]:
    """The normalised text the spam stage reads for the page at ``path`` (None if it has none)."""
    from pagewash.transforms.decode import decode_page
    from pagewash.transforms.extract import ExtractSettings, extract_page
    from pagewash.transforms.record import Doc, Kind

    kind = Kind.HTML if path.suffix.lower() in (".html", ".htm") else Kind.TEXT
    doc = decode_page(Doc(id=path.name, source=str(path), kind=kind, content=path.read_bytes()))
    if not isinstance(doc, Doc):
        return None
    doc = extract_page(doc, ExtractSettings())
    if not isinstance(doc, Doc):
        return None
    return doc.text or None


def _bare(cand: Candidate) -> bool:
    return is_bare(lexicon().tagged(cand.text), gazetteer(), lexicon())


def part_examples(folder: Path, group: Optional[str] = None) -> List[Example]:
    """The examples of the labelled part in ``folder`` (see the module docstring)."""
    group = group or folder.name
    out: List[Example] = []
    rows = [json.loads(x) for x in (folder / "gold.jsonl").read_text(encoding="utf-8").split("\n") if x.strip()]
    for row in sorted(rows, key=lambda r: r["id"]):
        article = unicodedata.normalize("NFKC", row.get("article") or "")
        gold = _norm(article)
        if row.get("kind") == "article" and article:
            for line in article.split("\n"):
                line = line.strip()
                for cand in candidates(line):
                    if _bare(cand):
                        out.append(Example(group, cand, article, 0, line))
        drops = [_norm(s) for s in row.get("must_drop") or () if s]
        if not drops:
            continue
        path = folder / "pages" / row["id"]
        text = page_text(path) if path.exists() else None
        if not text:
            continue
        seen = set()
        for line in text.split("\n"):
            for cand in candidates(line):
                if cand.text in seen or (gold and _norm(cand.text) in gold) or not _bare(cand):
                    continue
                # the segment with what stands either side of it on the line, as the gold writes it
                window = _norm(line[max(0, cand.start - 4):cand.end + 4])
                core = _norm(cand.text)
                if any(core in d and len(d) <= len(core) + MAX_DROP_CONTEXT
                       and (d in window or window in d or _overlap(d, window, core)) for d in drops):
                    seen.add(cand.text)
                    out.append(Example(group, cand, text, 1, line))
    return out


def _overlap(drop: str, window: str, core: str) -> bool:
    """``drop`` and ``window`` meet around ``core``: the characters either side of it agree."""
    i, j = drop.find(core), window.find(core)
    if i < 0 or j < 0:
        return False
    before = min(i, j)
    after = min(len(drop) - i - len(core), len(window) - j - len(core))
    return drop[i - before:i + len(core) + after] == window[j - before:j + len(core) + after]


def summary(examples: Sequence[Example]) -> Dict[str, Tuple[int, int]]:
    """Per group, (injected, real) counts."""
    out: Dict[str, List[int]] = {}
    for e in examples:
        out.setdefault(e.group, [0, 0])[1 - e.label] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def iter_parts(folders: Sequence[Path]) -> Iterator[Example]:
    for folder in folders:
        yield from part_examples(folder)
