"""``./run_local.sh tools bench-quality``: throughput and rejection rates of tagging + filtering.

    ./run_local.sh tools bench-quality --pages DIR [--n 5000] [--junk_share 0.2] [--quality_config NEW.json]
                           [--beam]

Builds a corpus of ``--n`` documents: the articles extracted (once, untimed)
from the HTML pages under ``--pages``, cycled, plus a share of generated junk
of the kinds the filters target (keyword and place lists, link farms, templated
pages, gambling ads, Traditional conversions with pinyin, half-converted
pages, navigation, number lists, near-empty pages, mostly-spam remnants), built
from words of those same articles so that nothing is read from elsewhere.
Then times ``tag_document`` + ``filter_document`` over the corpus in this one
process (docs/s = docs/s per core) and prints the rejection rate per reason
and the peak memory.  ``--beam`` also times TagQuality + FilterQuality in a
Beam pipeline on the in-process runner (one worker), to show the shell's cost.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from typing import List, Optional, Sequence, Tuple

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.quality import QualityThresholds, filter_document, tag_document
from pagewash.transforms.quality.langid import load_language_model
from pagewash.transforms.record import Doc, Rejected

JUNK_KINDS = ("keyword_list", "place_list", "link_farm", "templated", "gambling", "pinyin_traditional",
              "half_converted", "navigation", "number_list", "near_empty", "mostly_spam")

_GAMBLING = "六合彩 时时彩 百家乐 真人娱乐 娱乐城 注册送彩金 首存 返水 北京赛车 幸运飞艇 体育投注 老虎机".split()
_PINYIN = {"的": "de", "是": "shì", "在": "zài", "人": "rén", "中": "zhōng", "国": "guó", "國": "guó",
           "發": "fā", "業": "yè", "會": "huì", "時": "shí", "們": "men", "這": "zhè", "來": "lái", "說": "shuō"}


def _words(texts: Sequence[str], cjk: bool) -> List[str]:
    """Frequent 2-4 character CJK chunks, or Latin words, from the articles."""
    from pagewash.transforms.quality.signals import tokenize

    counts: Counter = Counter()
    for text in texts:
        tokens = tokenize(text)
        if cjk:
            chars = [t for t in tokens if len(t) == 1 and "\u4e00" <= t <= "\u9fff"]
            counts.update("".join(chars[i:i + 2 + i % 3]) for i in range(0, max(len(chars) - 4, 0), 3))
        else:
            counts.update(t for t in tokens if t.isalpha() and len(t) > 3)
    return [w for w, _ in counts.most_common(400)] or ["词语"]


def make_junk(kind: str, rng: random.Random, zh_texts: Sequence[str], zh_words: Sequence[str],
              en_words: Sequence[str]) -> Tuple[str, dict]:
    """One generated junk document of ``kind``: (text, removed map)."""
    import opencc

    pick = lambda words, k: [rng.choice(words) for _ in range(k)]  # noqa: E731
    if kind == "keyword_list":
        return "\n".join(" ".join(pick(zh_words, 12)) for _ in range(6)), {}
    if kind == "place_list":
        return "| ".join(pick(zh_words, 150)), {}
    if kind == "link_farm":
        return "\n".join(f"{w} http://www.{w}-{rng.randrange(999)}.com/" for w in pick(en_words, 20)), {}
    if kind == "templated":
        template = "{0}{1}是一家专业从事{0}{1}、{0}{2}、{0}{3}的公司,{0}{1}电话24小时服务,欢迎{0}的朋友来电咨询。"
        a, b, c = pick(zh_words, 3)
        return "\n".join(template.format(w, a, b, c) for w in pick(zh_words, 10)), {}
    if kind == "gambling":
        return "\n".join(" ".join(pick(_GAMBLING, 8) + pick(zh_words, 3)) for _ in range(5)), {}
    base = rng.choice(zh_texts) if zh_texts else "这是一段中文文字。" * 20
    if kind == "pinyin_traditional":
        trad = opencc.OpenCC("s2t").convert(base[:1500])
        return "".join(ch + (f"({_PINYIN[ch]})" if ch in _PINYIN and rng.random() < 0.5 else "")
                       for ch in trad), {}
    if kind == "half_converted":
        converter = opencc.OpenCC("s2t")
        parts = base[:1500].split("。")
        return "。".join(converter.convert(p) if i % 2 else p for i, p in enumerate(parts)), {}
    if kind == "navigation":
        return "\n".join(w[:4] for w in pick(zh_words, 25)), {}
    if kind == "number_list":
        return "\n".join(" ".join(f"{rng.randrange(100):02d}" for _ in range(8)) for _ in range(12)), {}
    if kind == "near_empty":
        return "页面不存在,请返回首页。", {}
    if kind == "mostly_spam":
        kept = base[:300]
        return kept, {"keyword_stuffing": 4 * len(kept)}
    raise ValueError(kind)


def build_corpus(articles: Sequence[Doc], n: int, junk_share: float, seed: int = 0) -> List[Doc]:
    """``n`` documents: the articles cycled, with ``junk_share`` of them generated junk."""
    rng = random.Random(seed)
    zh_texts = [d.text for d in articles if sum("\u4e00" <= c <= "\u9fff" for c in d.text[:500]) > 100]
    zh_words = _words(zh_texts, cjk=True)
    en_words = _words([d.text for d in articles if d.text not in zh_texts], cjk=False)
    corpus = []
    for i in range(n):
        if rng.random() < junk_share:
            kind = JUNK_KINDS[i % len(JUNK_KINDS)]
            text, removed = make_junk(kind, rng, zh_texts, zh_words, en_words)
            corpus.append(Doc(id=f"junk-{kind}-{i:06d}", source="generated", text=text, removed=removed))
        else:
            base = articles[i % len(articles)]
            corpus.append(base.replace(id=f"{base.id}#{i:06d}"))
    return corpus


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _kind(doc: Doc) -> str:
    return doc.id.split("-")[1] if doc.source == "generated" else "article"


def time_pure(corpus: Sequence[Doc], thresholds: QualityThresholds) -> Tuple[float, Counter, Counter]:
    """Seconds to tag and filter every document in this process; outcomes, and (kind, outcome) pairs."""
    load_language_model()
    tag_document(corpus[0])  # loads the word lists and automaton outside the timing
    results = []
    start = time.perf_counter()
    for doc in corpus:
        results.append(filter_document(tag_document(doc), thresholds))
    seconds = time.perf_counter() - start
    outcomes: Counter = Counter()
    by_kind: Counter = Counter()
    for doc, result in zip(corpus, results):
        outcome = result.reason if isinstance(result, Rejected) else "keep"
        outcomes[outcome] += 1
        by_kind[(_kind(doc), outcome)] += 1
    return seconds, outcomes, by_kind


def time_beam(corpus: Sequence[Doc], thresholds: QualityThresholds) -> float:
    """Seconds for TagQuality + FilterQuality on the in-process runner, one worker."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from pagewash.transforms.quality.stages import FilterQuality, TagQuality

    start = time.perf_counter()
    with beam.Pipeline(options=PipelineOptions([f"--runner={IN_PROCESS_RUNNER}", "--direct_num_workers=1"])) as p:
        tagged = p | beam.Create(list(corpus), reshuffle=False) | TagQuality()
        filtered = tagged.docs | FilterQuality(thresholds)
        _ = (filtered.docs, filtered.rejected) | beam.Flatten() | beam.combiners.Count.Globally()
    return time.perf_counter() - start


def main(argv: Optional[Sequence[str]] = None) -> int:
    from tools.score.quality import docs_from_html_dir

    parser = argparse.ArgumentParser(prog="tools bench-quality", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", required=True, help="directory of HTML pages (read, never copied)")
    parser.add_argument("--n", type=int, default=5000, help="documents in the corpus")
    parser.add_argument("--junk_share", type=float, default=0.2, help="share of generated junk documents")
    parser.add_argument("--quality_config", default=None, help="JSON file of threshold overrides")
    parser.add_argument("--beam", action="store_true", help="also time the Beam shell (in-process runner)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    thresholds = QualityThresholds.from_json(args.quality_config) if args.quality_config else QualityThresholds()

    articles = docs_from_html_dir(args.pages)
    corpus = build_corpus(articles, args.n, args.junk_share)
    chars = sum(len(d.text) for d in corpus)
    print(f"corpus: {len(corpus)} documents ({len(articles)} extracted articles cycled, "
          f"{sum(d.source == 'generated' for d in corpus)} generated junk), {chars / len(corpus):.0f} chars/doc")
    seconds, outcomes, by_kind = time_pure(corpus, thresholds)
    rate = len(corpus) / seconds
    print(f"tag+filter (pure functions, 1 process): {len(corpus)} docs in {seconds:.2f} s -> "
          f"{rate:.1f} docs/s = {rate:.1f} docs/s per core; {chars / seconds / 1e6:.2f} M chars/s")
    print(f"peak memory: {peak_memory_mb():.0f} MB (this process)")
    total = sum(outcomes.values())
    print(f"kept {outcomes['keep']} ({100 * outcomes['keep'] / total:.1f}%), rejected by reason:")
    for reason, count in sorted(outcomes.items(), key=lambda item: (-item[1], item[0])):
        if reason != "keep":
            print(f"  {reason:<22} {count:>6}  {100 * count / total:6.2f}%")
    print("by kind of document (outcome: count):")
    for kind in ("article",) + JUNK_KINDS:
        cells = sorted(((o, c) for (k, o), c in by_kind.items() if k == kind), key=lambda item: (-item[1], item[0]))
        if cells:
            print(f"  {kind:<20} " + ", ".join(f"{o}: {c}" for o, c in cells))
    result = {"documents": total, "seconds": round(seconds, 3), "docs_per_s": round(rate, 1),
              "docs_per_s_per_core": round(rate, 1), "peak_memory_mb": round(peak_memory_mb()),
              "outcomes": dict(sorted(outcomes.items()))}
    if args.beam:
        beam_seconds = time_beam(corpus, thresholds)
        result["beam_seconds"] = round(beam_seconds, 3)
        result["beam_docs_per_s"] = round(len(corpus) / beam_seconds, 1)
        print(f"Beam TagQuality+FilterQuality (FnApiRunner, 1 worker): {beam_seconds:.2f} s -> "
              f"{len(corpus) / beam_seconds:.1f} docs/s; peak memory {peak_memory_mb():.0f} MB")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
