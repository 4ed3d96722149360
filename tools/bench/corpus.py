"""A seeded benchmark corpus built from a directory of real HTML pages.

Every document is one of the real pages used as a template (its whole chrome: head, scripts, navigation,
footer) with its article paragraphs (the ``<p>`` elements long enough to be prose) refilled with new
paragraphs recombined from real sentences: some of the template's own, most drawn from the other pages
of the same language, so that "unique" documents really differ under 5-gram MinHash and no paragraph
string repeats across documents.  On top: a new ``<title>``, paragraph drops and local shuffles, and
SEO-spam blocks of the kinds hijacked Chinese pages carry (place-name link farms at the top, keywords
spliced between sentences, a stitched off-topic paragraph, street-name footers with a sitemap URL;
keyword link blocks on English pages).

Planted duplicates (ground truth in ``truth.jsonl``): ``near`` (default 10 %), an earlier document's
paragraphs with a few per cent changed (a paragraph dropped or swapped, digits changed, a sentence added),
on the same template or another of its language; ``exact`` (default 5 %), a byte-identical copy of an
earlier document under a new id.

Written under ``--out``: ``html/<id>.html`` (GBK where the template declares gb2312/gbk), ``docs.jsonl``
(``{"id","url","html"}``), ``text.jsonl`` (``{"id","text"}``: the page as a plain-text dump),
``truth.jsonl`` and ``manifest.json``.  The same arguments and pages give byte-identical files.

The page languages come from ``pool.json`` in the pages directory when it has one (a list of
``{"file","lang"}``), else from the share of CJK characters; the spam vocabulary from ``spam_vocab.json``
there (``zh_places``, ``zh_streets``, ``zh_keywords``, ``en_keywords``), else from the project's gazetteer
(cpca's divisions) and its spam-term list.

    python -m tools.bench.corpus --pages DIR --n 2000 --out /tmp/pwbench/n2000
"""
from __future__ import annotations

import argparse
import hashlib
import html as htmllib
import json
import os
import random
import re
import sys
from typing import Dict, List, Optional, Sequence, Tuple

_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p\s*>", re.S | re.I)
_ANY_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v\u3000\xa0]+")
_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK_BOUNDARY = re.compile(r"</?(?:div|p|li|ul|ol|h[1-6]|tr|td|th|br|section|header|footer|nav|table|dd|dt|"
                             r"dl|article|aside|form|option|button|title)\b[^>]*>", re.I)
_TITLE = re.compile(r"(<title[^>]*>)(.*?)(</title\s*>)", re.S | re.I)
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)
_BODY_CLOSE = re.compile(r"</body\s*>", re.I)
_GBK_DECLARED = re.compile(r"charset\s*=\s*[\"']?\s*(gb2312|gbk|gb18030)", re.I)
_DIGIT = re.compile(r"\d")
_ZH_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_EN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TITLE_SEPARATORS = ("_", " - ", " | ", "|", "——", " — ")


def plain(fragment: str) -> str:
    return _SPACES.sub(" ", htmllib.unescape(_ANY_TAG.sub("", fragment))).strip()


def text_lines(fragment: str) -> List[str]:
    """The visible text of an HTML fragment, one line per block."""
    fragment = _BLOCK_BOUNDARY.sub("\n", _INVISIBLE.sub(" ", fragment))
    return [line for line in (plain(x) for x in fragment.split("\n")) if len(line) >= 2]


def split_sentences(text: str, lang: str) -> List[str]:
    parts = (_ZH_SENTENCE_END if lang == "zh" else _EN_SENTENCE_END).split(text)
    return [p for p in parts if p.strip()]


def joiner(lang: str) -> str:
    return "" if lang == "zh" else " "


class Template:
    """One real page: its prose slots, title, site name, and the text around the article."""

    def __init__(self, name: str, lang: str, raw: bytes):
        self.name, self.lang = name, lang
        self.html = raw.decode("utf-8", errors="replace")
        shortest = 25 if lang == "zh" else 60
        self.slots: List[Tuple[int, int]] = []
        self.paragraphs: List[str] = []
        for match in _PARAGRAPH.finditer(self.html):
            text = plain(match.group(1))
            if shortest <= len(text) <= 3000:
                self.slots.append(match.span())
                self.paragraphs.append(text)
        self.gbk = bool(_GBK_DECLARED.search(self.html[:4000]))
        title = _TITLE.search(self.html)
        title_text = plain(title.group(2)) if title else ""
        self.site = name
        for separator in _TITLE_SEPARATORS:
            if separator in title_text:
                self.site = title_text.rsplit(separator, 1)[1].strip() or name
                break
        body = _BODY_OPEN.search(self.html)
        body_start = body.end() if body else 0
        first = self.slots[0][0] if self.slots else len(self.html)
        last = self.slots[-1][1] if self.slots else len(self.html)
        self.header_lines = text_lines(self.html[body_start:first])[-25:]
        self.footer_lines = text_lines(self.html[last:])[:25]
        stem = re.sub(r"[^a-z0-9]+", "-", name.lower().rsplit(".", 1)[0]).strip("-")
        self.domain = f"www.{stem}.example.{'cn' if lang == 'zh' else 'com'}"


def page_languages(pages: str) -> Dict[str, str]:
    """file name -> "zh" or "en" (every non-Chinese page is in the "en" group)."""
    listing = os.path.join(pages, "pool.json")
    if os.path.exists(listing):
        with open(listing, encoding="utf-8") as f:
            return {e["file"]: ("zh" if e["lang"] == "zh" else "en") for e in json.load(f)}
    out = {}
    for name in sorted(os.listdir(pages)):
        if name.lower().endswith((".html", ".htm")):
            with open(os.path.join(pages, name), "rb") as f:
                text = plain(_INVISIBLE.sub(" ", f.read().decode("utf-8", errors="replace")))
            letters = len(re.sub(r"\W", "", text)) or 1
            out[name] = "zh" if len(_CJK.findall(text)) > 0.2 * letters else "en"
    return out


def spam_vocabulary(pages: str) -> Dict[str, List[str]]:
    path = os.path.join(pages, "spam_vocab.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    from pagewash.transforms.quality.lexicons import DATA_DIR, _read_list  # the project's spam-term list
    from pagewash.transforms.spam.gazetteer import gazetteer  # the project's own place names

    names = sorted(n for n in gazetteer().names if 2 <= len(n) <= 3)
    pick = random.Random("vocabulary")
    terms = list(_read_list(DATA_DIR / "flagged_spam_terms.txt"))
    zh_terms = [t for t in terms if _CJK.search(t)]
    en_terms = [t for t in terms if not _CJK.search(t)]
    return {"zh_places": pick.sample(names, 250), "zh_streets": [n + "路" for n in pick.sample(names, 30)],
            "zh_keywords": zh_terms[:8], "en_keywords": en_terms[:12]}


class CorpusBuilder:
    def __init__(self, pages: str, seed: int, zh_share: float, exclude: str = ""):
        self.vocab = spam_vocabulary(pages)
        self.templates: List[Template] = []
        for name, lang in page_languages(pages).items():
            if exclude and re.search(exclude, name):
                continue
            with open(os.path.join(pages, name), "rb") as f:
                template = Template(name, lang, f.read())
            if len(template.slots) >= 4:
                self.templates.append(template)
        self.by_lang = {lang: [i for i, t in enumerate(self.templates) if t.lang == lang] for lang in ("zh", "en")}
        # New paragraphs are made of real sentences (short ones merged), never whole reused paragraphs:
        # reused paragraphs would make unrelated documents near-duplicates.
        self.sentences: List[List[str]] = []
        for template in self.templates:
            merged, minimum = [], 12 if template.lang == "zh" else 40
            for paragraph in template.paragraphs:
                buffer = ""
                for sentence in split_sentences(paragraph, template.lang):
                    buffer = (buffer + joiner(template.lang) + sentence.strip()).strip()
                    if len(buffer) >= minimum:
                        merged.append(buffer)
                        buffer = ""
                if buffer:
                    merged.append(buffer)
            self.sentences.append(merged)
        self.sentence_refs = {lang: [(i, j) for i in idx for j in range(len(self.sentences[i]))]
                              for lang, idx in self.by_lang.items()}
        self.seed, self.zh_share = seed, zh_share

    def sentence(self, ref: Tuple[int, int]) -> str:
        return self.sentences[ref[0]][ref[1]]

    def new_paragraph(self, rng: random.Random, lang: str, own: List[Tuple[int, int]], own_share: float):
        count = rng.randint(2, 5) if lang == "zh" else rng.randint(2, 4)
        return [rng.choice(own) if own and rng.random() < own_share else rng.choice(self.sentence_refs[lang])
                for _ in range(count)]

    # -- the plan: what every document is (cheap, whole corpus) --
    def plan(self, n: int, near_share: float, exact_share: float):
        rng = random.Random(f"plan-{self.seed}")
        n_exact, n_near = round(n * exact_share), round(n * near_share)
        n_base = n - n_exact - n_near
        specs: List[dict] = []
        for k in range(n_base):
            lang = "zh" if rng.random() < self.zh_share else "en"
            t = rng.choice(self.by_lang[lang])
            count = max(5, min(30, len(self.templates[t].paragraphs) + rng.randint(-3, 3)))
            own = [(t, j) for j in range(len(self.sentences[t]))]
            specs.append({"key": k, "kind": "base", "lang": lang, "template": t,
                          "refs": [self.new_paragraph(rng, lang, own, 0.35) for _ in range(count)],
                          "rseed": rng.getrandbits(48)})
        for k in range(n_base, n_base + n_near):
            src = specs[rng.randrange(n_base)]
            # mostly the same site crawled again; sometimes syndicated to another site of the language
            t = src["template"] if rng.random() < 0.8 else rng.choice(self.by_lang[src["lang"]])
            specs.append({"key": k, "kind": "near", "src": src["key"], "lang": src["lang"], "template": t,
                          "refs": src["refs"], "rseed": rng.getrandbits(48)})
        for k in range(n_base + n_near, n):
            src = specs[rng.randrange(n_base + n_near)]
            specs.append({"key": k, "kind": "exact", "src": src["key"], "lang": src["lang"],
                          "template": src["template"]})
        order = list(range(n))
        rng.shuffle(order)
        ids = {specs[k]["key"]: f"d{position:07d}" for position, k in enumerate(order)}
        for spec in specs:
            spec["id"] = ids[spec["key"]]
            if "src" in spec:
                spec["src_id"] = ids[spec["src"]]
        by_key = {spec["key"]: spec for spec in specs}
        for spec in specs:
            root = spec
            while "src" in root:
                root = by_key[root["src"]]
            spec["cluster"] = root["id"]
        return [specs[k] for k in order], by_key

    # -- rendering: deterministic per document --
    def article(self, spec: dict, by_key: dict) -> List[str]:
        if spec["kind"] == "exact":
            return self.article(by_key[spec["src"]], by_key)
        lang = spec["lang"]
        paragraphs = [joiner(lang).join(self.sentence(r) for r in refs) for refs in spec["refs"]]
        if spec["kind"] == "near":
            rng = random.Random(spec["rseed"] ^ 0x5EED)
            if len(paragraphs) > 5 and rng.random() < 0.5:
                paragraphs.pop(rng.randrange(len(paragraphs)))
            if len(paragraphs) > 2 and rng.random() < 0.3:
                i = rng.randrange(len(paragraphs) - 1)
                paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
            i = rng.randrange(len(paragraphs))
            paragraphs[i] = _DIGIT.sub(lambda m: str(rng.randrange(10)) if rng.random() < 0.5 else m.group(0),
                                       paragraphs[i])
            if rng.random() < 0.5:
                extra = self.sentence(rng.choice(self.sentence_refs[lang]))
                k = rng.randrange(len(paragraphs))
                paragraphs[k] = paragraphs[k] + joiner(lang) + extra
        return paragraphs

    def dress(self, spec: dict, by_key: dict) -> dict:
        """Title, paragraphs with spam spliced in, and the spam blocks above and below the article."""
        if spec["kind"] == "exact":
            return self.dress(by_key[spec["src"]], by_key)
        rng = random.Random(spec["rseed"])
        lang, template = spec["lang"], self.templates[spec["template"]]
        paragraphs = self.article(spec, by_key)
        if spec["kind"] == "near" and rng.random() < 0.5:
            rng = random.Random(by_key[spec["src"]]["rseed"])  # the same spam draw as its source
        elif spec["kind"] == "base" and rng.random() < 0.3:
            i = rng.randrange(max(1, len(paragraphs) - 2))
            paragraphs[i:i + 3] = rng.sample(paragraphs[i:i + 3], len(paragraphs[i:i + 3]))
        lead = paragraphs[0]
        if lang == "zh":
            title = lead[:rng.randint(12, 24)].rstrip("，。、") + "_" + template.site
        else:
            title = " ".join(lead.split()[:rng.randint(6, 11)]).rstrip(",.;:") + " - " + template.site
        vocab, top, bottom, inline = self.vocab, [], [], 0.0
        if rng.random() < (0.6 if lang == "zh" else 0.3):
            if lang == "zh":
                keywords = vocab["zh_keywords"]
                if rng.random() < 0.5:
                    keyword = rng.choice(keywords)
                    top.append((keyword + template.site) * 2)
                if rng.random() < 0.7:
                    top.append("| ".join(rng.sample(vocab["zh_places"], rng.randint(60, 250))) + "| "
                               + rng.choice(keywords))
                inline = 0.25 if rng.random() < 0.8 else 0.0
                if rng.random() < 0.3:  # an off-topic paragraph with keywords between its sentences
                    stitched = []
                    for _ in range(rng.randint(3, 6)):
                        sentence = self.sentence(rng.choice(self.sentence_refs["zh"]))
                        stitched.append(rng.choice(keywords) + " " + sentence)
                    paragraphs.insert(rng.randrange(len(paragraphs) + 1), " ".join(stitched))
                if rng.random() < 0.7:
                    for _ in range(rng.randint(2, 4)):
                        bottom.append(" ".join(rng.sample(vocab["zh_places"] + vocab["zh_streets"],
                                                          rng.randint(8, 11))))
                    bottom.append(f"https://{template.domain}/bbsitemap.htm")
            else:
                keywords = vocab["en_keywords"]
                top.append(" | ".join(rng.sample(keywords, rng.randint(5, len(keywords)))))
                inline = 0.15
                if rng.random() < 0.7:
                    bottom.append(" ".join(rng.choice(keywords) for _ in range(rng.randint(10, 30))))
                    bottom.append(f"https://{template.domain}/sitemap.xml")
        if inline:
            keywords = vocab["zh_keywords"] if lang == "zh" else vocab["en_keywords"]
            for i in range(len(paragraphs)):
                if rng.random() < inline:
                    parts = split_sentences(paragraphs[i], lang)
                    parts.insert(rng.randrange(len(parts) + 1), " " + rng.choice(keywords) + " ")
                    paragraphs[i] = "".join(parts) if lang == "zh" else " ".join(x.strip() for x in parts)
        return {"title": title, "paragraphs": paragraphs, "top": top, "bottom": bottom, "template": template}

    @staticmethod
    def render_html(dressed: dict) -> str:
        template, escape = dressed["template"], htmllib.escape
        source, slots, paragraphs = template.html, template.slots, dressed["paragraphs"]
        out, position = [], 0
        for k, (start, end) in enumerate(slots):
            chunk = paragraphs[k:k + 1] if k < len(slots) - 1 else paragraphs[k:]
            out.append(source[position:start])
            out.append("".join(f"<p>{escape(p, quote=False)}</p>" for p in chunk))
            position = end
        out.append(source[position:])
        page = "".join(out)
        page = _TITLE.sub(lambda m: m.group(1) + escape(dressed["title"], quote=False) + m.group(3), page, count=1)
        if dressed["top"]:
            block = "".join(f'<div class="sitelinks">{escape(x, quote=False)}</div>' for x in dressed["top"])
            match = _BODY_OPEN.search(page)
            page = page[:match.end()] + block + page[match.end():] if match else block + page
        if dressed["bottom"]:
            block = '<div class="friendlinks">' + "<br>".join(escape(x, quote=False) for x in dressed["bottom"]) \
                    + "</div>"
            closes = list(_BODY_CLOSE.finditer(page))
            page = page[:closes[-1].start()] + block + page[closes[-1].start():] if closes else page + block
        return page

    @staticmethod
    def render_text(dressed: dict) -> str:
        template = dressed["template"]
        indent = "  " if template.lang == "zh" else ""
        parts = list(dressed["top"]) + template.header_lines[-8:] + ["", dressed["title"], ""]
        parts += [indent + p + "\n" for p in dressed["paragraphs"]]
        parts += template.footer_lines[:10] + dressed["bottom"]
        return "\n".join(parts)


def build(pages: str, n: int, out: str, seed: int = 1, zh_share: float = 0.5, near: float = 0.10,
          exact: float = 0.05, exclude: str = "", text_only: bool = False) -> dict:
    """Writes the corpus under ``out`` (reused when ``out/manifest.json`` records the same arguments).

    ``text_only``: write the text dumps (``text.jsonl``) and ``truth.jsonl`` only, not the HTML
    pages (``html/``, ``docs.jsonl``: ten times the bytes); a full corpus of the same arguments
    serves a text-only request too."""
    args = {"pages": os.path.abspath(pages), "n": n, "seed": seed, "zh_share": zh_share, "near": near,
            "exact": exact, "exclude": exclude}
    if text_only:
        args["text_only"] = True
    manifest_path = os.path.join(out, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
        found = manifest.get("args")
        if found == args or (text_only and found == {k: v for k, v in args.items() if k != "text_only"}):
            return manifest
    builder = CorpusBuilder(pages, seed, zh_share, exclude)
    specs, by_key = builder.plan(n, near, exact)
    if not text_only:
        os.makedirs(os.path.join(out, "html"), exist_ok=True)
    counts = {"base": 0, "near": 0, "exact": 0, "zh": 0, "en": 0, "gbk_files": 0}
    html_bytes = text_chars = 0
    os.makedirs(out, exist_ok=True)
    with open(os.devnull if text_only else os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as docs, \
            open(os.path.join(out, "text.jsonl"), "w", encoding="utf-8") as texts, \
            open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8") as truth:
        for spec in specs:
            dressed = builder.dress(spec, by_key)
            page, text = builder.render_html(dressed), builder.render_text(dressed)
            template = dressed["template"]
            raw = page.encode("gbk", errors="xmlcharrefreplace") if template.gbk else page.encode("utf-8")
            if not text_only:
                with open(os.path.join(out, "html", spec["id"] + ".html"), "wb") as f:
                    f.write(raw)
            digest = hashlib.md5(spec["id"].encode()).hexdigest()[:10]
            url = f"https://{builder.templates[spec['template']].domain}/{spec['lang']}/{digest}.html"
            docs.write(json.dumps({"id": spec["id"], "url": url, "html": page}, ensure_ascii=False) + "\n")
            texts.write(json.dumps({"id": spec["id"], "text": text}, ensure_ascii=False) + "\n")
            truth.write(json.dumps({"id": spec["id"], "kind": spec["kind"], "src": spec.get("src_id"),
                                    "cluster": spec["cluster"], "lang": spec["lang"],
                                    "template": template.name}) + "\n")
            html_bytes += len(raw)
            text_chars += len(text)
            counts[spec["kind"]] += 1
            counts[spec["lang"]] += 1
            counts["gbk_files"] += template.gbk
    clusters = len({spec["cluster"] for spec in specs})
    manifest = {"args": args, "templates": len(builder.templates), "counts": counts, "html_bytes": html_bytes,
                "text_chars": text_chars, "clusters": clusters, "removed_by_perfect_dedup": n - clusters}
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", required=True, help="directory of real HTML pages (the templates)")
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--zh-share", type=float, default=0.5)
    parser.add_argument("--near", type=float, default=0.10)
    parser.add_argument("--exact", type=float, default=0.05)
    parser.add_argument("--exclude", default="", help="regex of page file names not to use")
    a = parser.parse_args(argv)
    print(json.dumps(build(a.pages, a.n, a.out, a.seed, a.zh_share, a.near, a.exact, a.exclude)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
