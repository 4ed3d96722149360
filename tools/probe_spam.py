"""Precision of the spam cleaner on real text (``./run_local.sh tools probe-spam``).

Real documents (posts, reviews, news pages: text nobody stuffed) are each cleaned alone with the
cleaner's pure function (:func:`transforms.spam.clean_text`, no corpus vocabulary, no title), so
every span it cuts is a false positive.  Prints, per source and in total, the documents, their
commas and characters, and the spans and characters cut per removal reason and detector (the
audit's ``reason`` and ``evidence.detector``), with a few examples of each::

    ./run_local.sh tools probe-spam [NAME[:N]=]PATH ... [--first 1500] [--examples 5] [--json OUT.json]
    ./run_local.sh tools probe-spam --compare BEFORE.json AFTER.json

``PATH`` is a folder of ``*.jsonl`` files (``tools/evalset/real_text_sources.py`` output: ``id``,
``text``) and ``*.txt`` files, or one such file; any other file is read as ``.txt``.  A text file
holds one document per line (its id ``file:line``); a line ``label<TAB>text`` (THUCNews) is read
as its last field.  ``--first N`` keeps the first N documents of each source (``NAME:N=PATH``: of
that source).  ``--compare`` prints
the spans the second run cut that the first did not, and the reverse, by document id.

The documents are third-party text read from outside the repository; the JSON holds the cut spans,
so keep it outside the repository too.  The result depends only on the inputs and the code.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

from pagewash.transforms.normalize import normalize_text

DocumentText = Tuple[str, str]  # (id, text)
SpanKey = Tuple[str, str, str, str, str]  # (source, document id, reason, detector, text)


@dataclass(frozen=True)
class Cut:
    """One span the cleaner cut from a real document."""

    doc_id: str
    reason: str
    detector: str
    text: str


@dataclass(frozen=True)
class SourceResult:
    name: str
    path: str
    documents: int
    commas: int
    chars: int
    cuts: Tuple[Cut, ...]


def _lines(path: str, name: str) -> Iterator[DocumentText]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            text = line.rstrip("\r\n").rsplit("\t", 1)[-1]
            if text.strip():
                yield f"{name}:{number}", text


def _jsonl(path: str, name: str) -> Iterator[DocumentText]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                row = json.loads(line)
                yield str(row.get("id") or f"{name}:{number}"), str(row.get("text") or "")


def read_documents(path: str) -> Iterator[DocumentText]:
    """(id, text) of the documents of a file, or of a folder's ``*.jsonl`` and ``*.txt`` files
    in the order of their names."""
    if os.path.isfile(path):
        name = os.path.basename(path)
        yield from (_jsonl if name.endswith(".jsonl") else _lines)(path, name)
        return
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        if name.endswith(".jsonl"):
            yield from _jsonl(full, name)
        elif name.endswith(".txt"):
            yield from _lines(full, name)


def probe_text(text: str) -> Tuple[str, List[Tuple[str, str, str]]]:
    """The normalised text and the (reason, detector, span) of every cut of one document cleaned alone."""
    from pagewash.transforms.spam.clean import clean_text

    text = normalize_text(text)
    result = clean_text(text)
    return text, [(r.reason, str(r.evidence_or_rule().get("detector", r.reason)), r.text) for r in result.removals]


def probe_source(name: str, path: str, first: Optional[int] = None) -> SourceResult:
    documents = commas = chars = 0
    cuts: List[Cut] = []
    for doc_id, raw in read_documents(path):
        if first is not None and documents >= first:
            break
        text, removals = probe_text(raw)
        documents += 1
        commas += text.count(",")
        chars += len(text)
        cuts.extend(Cut(doc_id, reason, detector, span) for reason, detector, span in removals)
    return SourceResult(name, path, documents, commas, chars, tuple(cuts))


def parse_source(arg: str) -> Tuple[str, str, Optional[int]]:
    """(name, path, first) of ``NAME=PATH``, ``NAME:N=PATH`` or ``PATH`` (named by its last component)."""
    label, sep, path = arg.partition("=")
    if sep and label and not os.path.exists(arg):
        name, colon, count = label.partition(":")
        return name, path, int(count) if colon else None
    return os.path.basename(os.path.normpath(arg)), arg, None


def to_json(results: Sequence[SourceResult]) -> Dict[str, object]:
    return {"sources": [{"name": r.name, "path": r.path, "documents": r.documents, "commas": r.commas,
                         "chars": r.chars,
                         "cuts": [{"id": c.doc_id, "reason": c.reason, "detector": c.detector, "text": c.text}
                                  for c in r.cuts]} for r in results]}


def _by_rule(cuts: Sequence[Cut]) -> Dict[Tuple[str, str], List[Cut]]:
    grouped: Dict[Tuple[str, str], List[Cut]] = defaultdict(list)
    for cut in cuts:
        grouped[(cut.reason, cut.detector)].append(cut)
    return grouped


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[:limit] + "…"


def report(results: Sequence[SourceResult], examples: int = 3) -> str:
    out: List[str] = []
    total_docs = sum(r.documents for r in results)
    total_commas = sum(r.commas for r in results)
    all_cuts = [c for r in results for c in r.cuts]
    for r in results:
        cut_chars = sum(len(c.text) for c in r.cuts)
        out.append(f"{r.name}: {r.documents} documents, {r.commas} commas, {r.chars} chars; "
                   f"{len(r.cuts)} spans cut ({cut_chars} chars) in {len({c.doc_id for c in r.cuts})} documents")
        for (reason, detector), cuts in sorted(_by_rule(r.cuts).items()):
            out.append(f"    {reason:<22} {detector:<30} {len(cuts):>5} spans {sum(len(c.text) for c in cuts):>7} chars")
    out.append("")
    out.append(f"total: {total_docs} documents, {total_commas} commas, {sum(r.chars for r in results)} chars; "
               f"{len(all_cuts)} spans cut ({sum(len(c.text) for c in all_cuts)} chars)")
    out.append(f"    {'reason':<22} {'detector':<30} {'spans':>5}       {'chars':>7}  per comma")
    for (reason, detector), cuts in sorted(_by_rule(all_cuts).items()):
        rate = len(cuts) / total_commas if total_commas else 0.0
        out.append(f"    {reason:<22} {detector:<30} {len(cuts):>5} spans {sum(len(c.text) for c in cuts):>7} chars"
                   f"  {100 * rate:.3f} %")
    if examples > 0:
        out.append("")
        out.append("examples:")
        by_source = [(r.name, c) for r in results for c in r.cuts]
        grouped: Dict[Tuple[str, str], List[Tuple[str, Cut]]] = defaultdict(list)
        for source, cut in by_source:
            grouped[(cut.reason, cut.detector)].append((source, cut))
        for (reason, detector), items in sorted(grouped.items()):
            out.append(f"  {reason} / {detector}:")
            for source, cut in items[:examples]:
                out.append(f"    {source} {cut.doc_id}: {_short(cut.text)!r}")
    return "\n".join(out)


def _span_keys(data: Mapping[str, object]) -> Counter:
    keys: Counter = Counter()
    for source in data["sources"]:  # type: ignore[index]
        for cut in source["cuts"]:
            keys[(source["name"], cut["id"], cut["reason"], cut["detector"], cut["text"])] += 1
    return keys


def compare(before: Mapping[str, object], after: Mapping[str, object]) -> str:
    """What the second run cut that the first did not (``+``), and the reverse (``-``)."""
    old, new = _span_keys(before), _span_keys(after)
    added, removed = new - old, old - new
    out = [f"spans cut: {sum(old.values())} -> {sum(new.values())} ({sum(added.values())} added, "
           f"{sum(removed.values())} no longer cut)"]
    reasons = sorted({k[2:4] for k in list(added) + list(removed)})
    for reason, detector in reasons:
        plus = sum(n for k, n in added.items() if k[2:4] == (reason, detector))
        minus = sum(n for k, n in removed.items() if k[2:4] == (reason, detector))
        out.append(f"    {reason:<22} {detector:<30} +{plus} -{minus}")
    for sign, keys in (("+", added), ("-", removed)):
        for (source, doc_id, reason, detector, text), n in sorted(keys.items()):
            times = f" x{n}" if n > 1 else ""
            out.append(f"{sign} {source} {doc_id} {reason}/{detector}: {_short(text)!r}{times}")
    return "\n".join(out)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="probe-spam", description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", help="[NAME[:N]=]PATH: a folder of *.jsonl / *.txt documents, or a file")
    parser.add_argument("--first", type=int, default=None, help="the first N documents of each source")
    parser.add_argument("--examples", type=int, default=3, help="examples printed per reason and detector")
    parser.add_argument("--json", dest="json_out", help="write the whole result (every cut span) here")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE.json", "AFTER.json"),
                        help="print the spans one run cut and the other did not")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.compare:
        with open(args.compare[0], encoding="utf-8") as a, open(args.compare[1], encoding="utf-8") as b:
            print(compare(json.load(a), json.load(b)))
        return 0
    if not args.sources:
        parser.error("give at least one source (or --compare)")
    results = [probe_source(name, path, args.first if first is None else first)
               for name, path, first in map(parse_source, args.sources)]
    print(report(results, args.examples))
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as handle:
            json.dump(to_json(results), handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
