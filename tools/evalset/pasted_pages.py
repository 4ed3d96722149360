"""The pages of a labelled spam part as they reach the pasted-sentence detector, and the detector
measured on them.

    .venv/bin/python -m tools.evalset.pasted_pages --part <set folder> [--part ...] [--model FILE]

Each page of ``<set>/pages`` (the ids of ``<set>/gold.jsonl``) is read, decoded, extracted and
cleaned by the spam stage's pure functions (:func:`pagewash.transforms.spam.clean.clean_doc`,
without the corpus vocabulary of the Beam side input); the lines, the kept lines and the title that
:func:`pagewash.transforms.spam.coherence.find_pasted` receives are recorded (:class:`ReachedPage`)
with the page's gold: its ``must_drop`` strings that are full sentences on a page of family 5 (the
pasted ones), its other ``must_drop`` strings and its ``must_keep`` strings.

:func:`measure` runs ``find_pasted`` (any :class:`~pagewash.transforms.spam.coherence.Model`) on
the recorded pages and counts the pasted sentences cut, the other gold spam cut, the own
sentences cut (no gold string in them) and the ``must_keep`` strings lost, and, for the pasted
sentences it misses, the shape they have (:func:`shape_of`).  The pages serve the leave-one-part-out
figures of ``tools/train_pasted_model.py`` (``--part``) and its training rows of pastes placed by
other generators than its own.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from pagewash.transforms.record import Doc, Kind

PASTED_FAMILY = 5
_SENTENCE_END = "。!?"


def norm(s: str) -> str:
    """NFKC without whitespace: the form gold strings are compared in."""
    return "".join(unicodedata.normalize("NFKC", s or "").split())


@dataclass(frozen=True)
class ReachedPage:
    part: str
    id: str
    lines: Tuple[str, ...]
    kept: Tuple[bool, ...]
    title: Optional[str]
    pasted: Tuple[str, ...]  # normalised gold strings of family 5 that are full sentences
    other_spam: Tuple[str, ...]  # the page's other must_drop strings
    keep: Tuple[str, ...]  # must_keep strings

    def label(self, text: str) -> str:
        """``pasted``, ``spam`` (other gold spam), ``keep`` (holds a must_keep string) or ``own``."""
        t = norm(text)
        if not t:
            return "own"
        if any(t in g or g in t for g in self.pasted):
            return "pasted"
        if any(t in g or (len(g) >= 4 and g in t) for g in self.other_spam):
            return "spam"
        if any(len(k) >= 4 and (k in t or t in k) for k in self.keep):
            return "keep"
        return "own"


def _pasted_strings(row: dict) -> Tuple[List[str], List[str]]:
    pasted, other = [], []
    for s in row.get("must_drop", []):
        n = norm(s)
        if not n:
            continue
        if PASTED_FAMILY in row.get("families", []) and n[-1:] in _SENTENCE_END + "”’\"" and len(n) >= 8:
            pasted.append(n)
        else:
            other.append(n)
    return pasted, other


def _reach(path: Path, fmt: str) -> Optional[Tuple[List[str], List[bool], Optional[str]]]:
    """The arguments ``find_pasted`` receives when the spam stage cleans the page, or None."""
    from pagewash.transforms import decode, extract
    from pagewash.transforms.spam import clean, rules

    doc = Doc(id=path.name, source=str(path), kind=Kind.HTML if fmt == "html" else Kind.TEXT, content=path.read_bytes())
    doc = decode.decode_page(doc)
    if not isinstance(doc, Doc):
        return None
    doc = extract.extract_page(doc)
    if not isinstance(doc, Doc) or not doc.text:
        return None
    seen: List[Tuple[List[str], List[bool], Optional[str]]] = []
    original = rules.find_pasted

    def recording(lines, kept, title, *args, **kwargs):
        seen.append((list(lines), [bool(kept(i)) for i in range(len(lines))], title))
        return original(lines, kept, title, *args, **kwargs)

    rules.find_pasted = recording
    try:
        clean.clean_doc(doc)
    finally:
        rules.find_pasted = original
    return seen[0] if seen else None


def reached_pages(part: Path, only_family: bool = False) -> List[ReachedPage]:
    """Every article page of the part (``only_family``: those of family 5) as it reaches the detector."""
    out: List[ReachedPage] = []
    for line in (part / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("kind") != "article" or only_family and PASTED_FAMILY not in row.get("families", []):
            continue
        reached = _reach(part / "pages" / row["id"], row.get("format", "txt"))
        if reached is None:
            continue
        pasted, other = _pasted_strings(row)
        lines, kept, title = reached
        out.append(ReachedPage(part.name, row["id"], tuple(lines), tuple(kept), title, tuple(pasted), tuple(other),
                               tuple(norm(k) for k in row.get("must_keep", []))))
    return out


def shape_of(page: ReachedPage, gold: str) -> str:
    """Where a pasted string sits on the page as it reaches the detector."""
    from pagewash.transforms.spam.coherence import judged, page_sentences

    kept = [i for i, k in enumerate(page.kept) if k]
    at = [i for i in kept if gold in norm(page.lines[i])]
    if not at:
        return "not_reached"
    sentences = page_sentences(page.lines, lambda i: page.kept[i])
    n_judged = sum(judged(s.text) for s in sentences)
    mine = [k for k, s in enumerate(sentences) if norm(s.text) and (norm(s.text) in gold or gold in norm(s.text))]
    if not mine:
        return "no_sentence"
    k = mine[0]
    s = sentences[k]
    if norm(s.text) != gold and gold in norm(s.text):
        return "glued"
    if not judged(s.text):
        return "not_judged"
    if n_judged < 4:
        return "short<4"
    if all(x.line == sentences[0].line for x in sentences):
        return "one_line"
    neighbours = [j for j in (k - 1, k + 1) if 0 <= j < len(sentences) and page.label(sentences[j].text) == "pasted"]
    if neighbours:
        return "block"
    if s.alone:
        return "own_line"
    line_sents = [x for x in sentences if x.line == s.line]
    if line_sents[-1] is s:
        return "line_end"
    return "inside"


def measure(pages: Sequence[ReachedPage], scorer=None, misses: Optional[Counter] = None) -> Dict[str, int]:
    """The detector (``scorer``: the shipped model by default) on the pages: pasted strings in
    the pages, pasted sentences cut, other gold spam cut, own sentences cut, must_keep strings lost."""
    from pagewash.transforms.spam.coherence import find_pasted
    from pagewash.transforms.spam.lexicon import lexicon

    lex = lexicon()
    counts = Counter()
    for page in pages:
        hits = find_pasted(list(page.lines), lambda i: page.kept[i], page.title, lex.zipf, scorer=scorer, words=lex.words)
        cut = [norm(h.sentence.text) for h in hits]
        counts["pasted_total"] += len(page.pasted)
        found = {g for g in page.pasted if any(c and (c in g or g in c) for c in cut)}
        counts["pasted_cut"] += len(found)
        for c, h in zip(cut, hits):
            label = page.label(h.sentence.text)
            if label != "pasted":
                counts[label + "_cut"] += 1
        if misses is not None:
            for g in page.pasted:
                if g not in found:
                    misses[shape_of(page, g)] += 1
    return dict(counts)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tools.evalset.pasted_pages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", action="append", required=True, help="a labelled part's folder (gold.jsonl, pages/)")
    args = parser.parse_args(argv)
    total = Counter()
    for part in args.part:
        pages = reached_pages(Path(part))
        misses: Counter = Counter()
        counts = measure(pages, misses=misses)
        total.update(counts)
        print(Path(part).name, json.dumps(counts, sort_keys=True), "missed:", json.dumps(dict(misses.most_common())))
    print("all", json.dumps(dict(total), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
