"""Build a spam evaluation part (dev or test) from the raw material folder, deterministically.

    python -m tools.evalset.build_spam_eval --source /data/evalsets/sources \\
        --out /data/evalsets/spam9/dev --part dev --seed 9

The two parts use different raw material (``PART_MATERIAL``): different articles, different
keyword lexicons (or disjoint halves of them), different place-name sources, different pasted
sentences and different template families (``templates.FAMILY_A`` / ``FAMILY_B``). Output:
``pages/<group>/<name>.txt|.html`` and ``gold.jsonl`` (one line per page, see the README), plus
``build.json`` with the options and counts. The same source folder, part and seed give
byte-identical output.

Family numbers (``families`` in the gold) follow the spam catalogue: 1 place-name/address lists,
2 keyword stuffing lines and tails, 3 keywords injected inside sentences, 4 doubled site titles and
site-name headers, 5 pasted foreign sentences, 6 stuffing mixed with sentence fragments, 7 sitemap
URLs / link lists / recommendation blocks / keyword lines, 8 gambling brand names, 9 one spam
template around many articles, 10 junk pages with no article, 11 near-duplicate clusters,
12 precision guards (clean real articles, enumerations, quotes, short articles).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tools.evalset.gold import summary, write_build_info, write_gold
from tools.evalset.material import (
    Article, CJK, airyland_divisions, extract_gambling_names, modood_divisions, extract_page_phrases, half, load_c3_files, load_cmrc_articles,
    load_dragnet_articles, load_drcd_articles, load_sentences_c3, load_sentences_cmrc, nfkc,
    read_airyland_names, read_domains, read_modood_names, read_word_list, split_sentences,
    stable_hash,
)
from tools.evalset import manifest
from tools.evalset.templates import FAMILIES, TemplateFamily, render_html

_GAMBLING_TERM = re.compile(r"博彩|赌球|百家乐|六合彩|时时彩|太阳城|娱乐城|皇冠|真人娱乐|老虎机$")
_GAMBLING_BAD = re.compile(r"人民币|药|粉|器|机(?!$)|裸|劣等|透视|千|安非|毒|迷|招聘|诚聘")


@dataclass
class Vocab:
    ad_words: list[str]
    domains: list[str]
    counties: list[str]
    towns: list[str]
    gambling: list[str]
    gambling_phrases: list[str]
    foreign: list[str]
    sources: dict[str, str]
    divisions: list[tuple[str, list[tuple[str, str]]]]  # (city, [(code, district)]) for table guards


@dataclass
class Material:
    zh: list[Article]
    en: list[Article]
    vocab: Vocab


def _t2s() -> Callable[[str], str]:
    from opencc import OpenCC  # a dependency of the project (opencc-python-reimplemented)

    return OpenCC("t2s").convert


def load_material(src: Path, part: str) -> Material:
    """The raw material of one part. dev and test share no article, lexicon half or sentence."""
    en_all = load_dragnet_articles(src / "dragnet" / "dragnet_Corrected.tar.gz")
    tencent = read_word_list(src / "konsheng" / "Vocabulary" / "零时-Tencent.txt", 2, 8)
    gamb_terms = [w for w in tencent if _GAMBLING_TERM.search(w) and not _GAMBLING_BAD.search(w)]
    towns = read_modood_names(src / "modood" / "dist" / "streets.csv")
    towns = [t for t in towns if 2 <= len(t) <= 6]
    if part == "dev":
        zh = load_cmrc_articles(src / "cmrc2018" / "squad-style-data" / "cmrc2018_dev.json")
        foreign = load_sentences_cmrc(src / "cmrc2018" / "squad-style-data" / "cmrc2018_trial.json")
        ads = half(read_word_list(src / "konsheng" / "Vocabulary" / "广告类型.txt", 2, 6), 0)
        domains = half(read_domains(src / "konsheng" / "Vocabulary" / "非法网址.txt"), 0)
        counties = read_modood_names(src / "modood" / "dist" / "areas.csv")
        gambling = extract_gambling_names(sorted((src / "moxianran").rglob("*.php"))) + half(gamb_terms, 0)
        divisions = modood_divisions(src / "modood" / "dist")
        phrases = extract_page_phrases(sorted((src / "moxianran").rglob("*.php")))
        sources = {"zh": "ymcui/cmrc2018 squad-style-data/cmrc2018_dev.json",
                   "foreign": "ymcui/cmrc2018 squad-style-data/cmrc2018_trial.json",
                   "en": "seomoz/dragnet_data dragnet_Corrected.tar.gz (even half)",
                   "ads": "konsheng/Sensitive-lexicon Vocabulary/广告类型.txt (even half)",
                   "domains": "konsheng/Sensitive-lexicon Vocabulary/非法网址.txt (even half)",
                   "places": "modood/Administrative-divisions-of-China dist/areas.csv, dist/streets.csv (even half)",
                   "gambling": "moxianran/retail frontend/views; konsheng/Sensitive-lexicon 零时-Tencent.txt (even half)"}
        en = [a for a in en_all if stable_hash(a.key) % 2 == 0]
        towns = half(towns, 0)
    elif part == "test":
        t2s = _t2s()
        zh = load_drcd_articles([src / "drcd" / "DRCD_dev.json", src / "drcd" / "DRCD_test.json"], t2s)
        foreign = load_sentences_c3(load_c3_files(src / "c3" / "data"))
        ads = half(read_word_list(src / "fwwdn" / "广告.txt", 2, 6), 1)
        domains = half(read_domains(src / "fwwdn" / "网址.txt"), 1)
        counties = read_airyland_names(src / "airyland" / "data.json")
        gambling = extract_gambling_names(sorted((src / "venture").rglob("*.php")), t2s) + half(gamb_terms, 1)
        divisions = airyland_divisions(src / "airyland" / "data.json")
        phrases = extract_page_phrases(sorted((src / "venture").rglob("*.php")), t2s)
        sources = {"zh": "DRCKnowledgeTeam/DRCD DRCD_dev.json, DRCD_test.json (OpenCC t2s)",
                   "foreign": "nlpdata/c3 data/c3-m-*.json",
                   "en": "seomoz/dragnet_data dragnet_Corrected.tar.gz (odd half)",
                   "ads": "fwwdn/sensitive-stop-words 广告.txt (odd half)",
                   "domains": "fwwdn/sensitive-stop-words 网址.txt (odd half)",
                   "places": "airyland/china-area-data data.json; modood streets.csv (odd half)",
                   "gambling": "RocketszTeam/VentureCapital application/views/www (OpenCC t2s); "
                               "konsheng/Sensitive-lexicon 零时-Tencent.txt (odd half)"}
        en = [a for a in en_all if stable_hash(a.key) % 2 == 1]
        towns = half(towns, 1)
    else:
        raise ValueError(f"unknown part {part!r}")
    counties = [c for c in counties if 2 <= len(c) <= 5]
    vocab = Vocab(ad_words=ads, domains=domains, counties=counties, towns=towns,
                  gambling=sorted(set(gambling), key=gambling.index), gambling_phrases=phrases,
                  foreign=foreign, sources=sources, divisions=divisions)
    return Material(zh=zh, en=en, vocab=vocab)


# ----------------------------------------------------------------------------- page model


@dataclass
class Page:
    pid: str  # "<group>/<name>.<ext>"
    kind: str  # article | junk | spam_only
    title: str
    paras: list[tuple[str, int]]  # the body as shown: (text, index into article_paras or -1 for spam)
    article_paras: list[str]  # the clean article's paragraphs (gold)
    modified: set[int] = field(default_factory=set)  # article paragraphs shown with spam inside
    header: list[str] = field(default_factory=list)  # spam lines above the title
    footer: list[str] = field(default_factory=list)  # spam lines below the article
    hidden: list[str] = field(default_factory=list)  # HTML only: display:none block
    title_tag: str | None = None  # HTML only: the <title> text
    table: list[tuple[str, str]] | None = None  # a data table after the article (code, name) rows
    table_caption: str = ""
    keywords: str | None = None  # HTML only: <meta keywords>
    site: str = ""
    must_keep: list[str] = field(default_factory=list)
    must_drop: list[str] = field(default_factory=list)
    families: set[int] = field(default_factory=set)
    cluster: str | None = None
    source: str = ""
    notes: list[str] = field(default_factory=list)
    charset: str = "utf-8"
    layout: int = 0

    @property
    def is_html(self) -> bool:
        return self.pid.endswith(".html")


class Gen:
    """Spam generators of one part over its vocabulary and template family."""

    def __init__(self, vocab: Vocab, fam: TemplateFamily):
        self.v = vocab
        self.f = fam

    # -- names
    def place(self, rng: random.Random) -> str:
        return rng.choice(self.v.counties)

    def site_name(self, rng: random.Random) -> str:
        city = re.sub(r"(市|县|区)$", "", self.place(rng)) or self.place(rng)
        return city + rng.choice(self.f.products) + rng.choice(self.f.site_suffixes)

    def commercial(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.55:
            stem = re.sub(r"(市|县|区|镇|乡)$", "", self.place(rng))
            return (stem or "本地") + rng.choice(self.f.services)
        if r < 0.8:
            return self.gambling_name(rng)
        return rng.choice(self.v.ad_words)

    def gambling_name(self, rng: random.Random) -> str:
        g = rng.choice(self.v.gambling)
        if rng.random() < 0.35 and len(g) <= 6:
            stem = re.sub(r"(体育|娱乐|国际|棋牌|彩票|电竞|真人|视讯|集团|娱乐城)$", "", g) or g
            return stem + rng.choice(self.f.gambling_suffixes)
        return g

    def short_keyword(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.4:
            return rng.choice(self.f.topics) + rng.choice(self.f.channels)
        if r < 0.6:
            return rng.choice(self.v.ad_words)
        if r < 0.8:
            return rng.choice(self.v.towns)
        return self.commercial(rng)

    # -- blocks
    def place_list(self, rng: random.Random, n: int, tail_keyword: bool) -> str:
        sep = rng.choice(self.f.list_seps)
        names = [self.place(rng) for _ in range(n)]
        s = sep.join(names)
        if tail_keyword:
            s += sep + self.short_keyword(rng)
        return s

    def address_lines(self, rng: random.Random, lines: int) -> list[str]:
        out = []
        for _ in range(lines):
            out.append(" ".join([self.place(rng)] + [rng.choice(self.v.towns) for _ in range(rng.randint(6, 10))]))
        return out

    def stuffing_line(self, rng: random.Random, n: int) -> str:
        sep = rng.choice(self.f.stuff_seps)
        return sep.join(self.short_keyword(rng) for _ in range(n))

    def mixed_stuffing(self, rng: random.Random) -> tuple[str, list[str]]:
        """Keywords with fragments of foreign sentences (family 6); returns the line and its parts."""
        parts, drops = [], []
        for _ in range(rng.randint(2, 3)):
            kws = [self.short_keyword(rng) for _ in range(rng.randint(1, 3))]
            sent = rng.choice(self.v.foreign)
            if rng.random() < 0.5:  # a fragment: cut at a comma or in the middle
                cut = sent.find("，")
                sent = sent[:cut] if cut > 6 else sent[: max(8, len(sent) // 2)]
            parts.extend(kws + [sent])
            drops.extend(kws + [sent[:18]])
        parts.append(self.short_keyword(rng))
        return " ".join(parts), drops

    def related_block(self, rng: random.Random) -> tuple[list[str], list[str]]:
        header = rng.choice(self.f.related_headers)
        suffix = rng.choice(self.f.related_suffixes)
        lines, drops = [header], [header]
        for _ in range(rng.randint(2, 4)):
            s = rng.choice(self.v.foreign)
            head = s[: rng.randint(8, 14)].rstrip("，、")
            if rng.random() < 0.5:
                lines.append(f"{head}{suffix}")
            else:
                lines.append(f"{head}   {s}{suffix}")
            drops.append(head)
        if suffix.strip():
            drops.append(suffix.strip())
        return lines, drops

    def sitemap_line(self, rng: random.Random) -> str:
        d = rng.choice(self.v.domains)
        host = d if d.count(".") >= 2 else "www." + d
        return f"https://{host}{rng.choice(self.f.sitemap_paths)}"

    def link_list(self, rng: random.Random) -> list[str]:
        return [f"{self.commercial(rng)} http://{rng.choice(self.v.domains)}/" for _ in range(rng.randint(3, 6))]

    def keyword_line(self, rng: random.Random) -> tuple[str, list[str]]:
        kws = [self.short_keyword(rng) for _ in range(rng.randint(3, 5))]
        label = rng.choice(self.f.keyword_labels)
        return label + " ".join(kws), [label.rstrip(":：")] + kws


# ----------------------------------------------------------------------------- page builders


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", nfkc(s))


def pick_keep(rng: random.Random, art: Article, paras: list[str], n: int = 4) -> list[str]:
    """Strings the cleaner must keep: the title, sentences from the start, middle and end, and the
    guard strings (enumerations, quoted speech) the article has."""
    sents = [s for p in paras for s in split_sentences(p)] if art.lang == "zh" else \
        [s for p in paras for s in re.split(r"(?<=[.!?])\s+", p)]
    sents = [s for s in sents if 10 <= len(s) <= 160]
    keep = [art.title]
    if sents:
        idx = sorted({0, len(sents) // 2, len(sents) - 1} | {rng.randrange(len(sents)) for _ in range(n - 3)})
        keep.extend(sents[i] for i in idx)
    keep.extend(guard_strings(paras)[:3])
    out = []
    for k in keep:
        if k not in out:
            out.append(k)
    return out


_ENUM = re.compile(r"(?:[\u4e00-\u9fff]{2,6}、){3,}[\u4e00-\u9fff]{2,6}")
_QUOTE = re.compile(r"[“「][^”」]{6,80}[”」]")


def guard_strings(paras: list[str]) -> list[str]:
    """Genuine enumerations (A、B、C、D) and quoted speech in the article: must stay."""
    out = []
    for p in paras:
        out.extend(m.group(0) for m in _ENUM.finditer(p))
        out.extend(m.group(0) for m in _QUOTE.finditer(p))
    return out


def inject_in_sentence(rng: random.Random, para: str, kw: str) -> tuple[str, str, str] | None:
    """Put ``kw`` between commas inside a sentence of ``para``: "A，B" -> "A，kw，B".
    Returns (new paragraph, must_drop context, repaired sentence) or None."""
    sents = split_sentences(para)
    cands = [(i, m.start()) for i, s in enumerate(sents) for m in re.finditer("，", s) if 4 <= m.start() < len(s) - 4]
    if not cands:
        return None
    i, pos = rng.choice(cands)
    s = sents[i]
    new = s[: pos + 1] + kw + "，" + s[pos + 1:]
    drop = s[max(0, pos - 3): pos + 1] + kw + "，"
    sents[i] = new
    return "".join(sents), drop, s


def insert_foreign(rng: random.Random, para: str, foreign: str) -> str:
    sents = split_sentences(para)
    if len(sents) < 2:
        return para + foreign
    k = rng.randrange(1, len(sents))
    return "".join(sents[:k] + [foreign] + sents[k:])


class Builder:
    def __init__(self, mat: Material, part: str, seed: int):
        self.m = mat
        self.part = part
        self.seed = seed
        self.fam = FAMILIES[part]
        self.gen = Gen(mat.vocab, self.fam)
        self.rng = random.Random(f"{part}:{seed}")
        self.zh = sorted(mat.zh, key=lambda a: stable_hash(f"{seed}:{a.key}"))
        self.en = sorted(mat.en, key=lambda a: stable_hash(f"{seed}:{a.key}"))
        self.used: set[str] = set()
        self.pages: list[Page] = []
        self.counter = 0

    # -- article supply (each article is used by one page, or by one cluster)
    def take_zh(self, ok: Callable[[Article], bool]) -> Article:
        for a in self.zh:
            if a.key not in self.used and ok(a):
                self.used.add(a.key)
                return a
        raise RuntimeError("out of articles")

    def next_zh(self, min_chars: int = 250, max_chars: int = 4000) -> Article:
        return self.take_zh(lambda a: min_chars <= a.chars <= max_chars)

    def next_en(self) -> Article:
        for a in self.en:
            if a.key not in self.used:
                self.used.add(a.key)
                return a
        raise RuntimeError("out of English articles")

    def new_page(self, group: str, html: bool, kind: str, art: Article | None, rng: random.Random) -> Page:
        self.counter += 1
        ext = "html" if html else "txt"
        pid = f"{group}/p{self.counter:04d}.{ext}"
        p = Page(pid=pid, kind=kind, title=art.title if art else "",
                 paras=[(x, i) for i, x in enumerate(art.paras)] if art else [],
                 article_paras=list(art.paras) if art else [], source=art.source if art else "")
        p.layout = rng.randrange(100)
        p.charset = rng.choice(self.fam.charsets) if html else "utf-8"
        p.site = self.gen.site_name(rng)
        return p

    def group(self, rng: random.Random, prefix: str = "site") -> str:
        return f"{prefix}{rng.randrange(1, 25):02d}"

    # -- the page body
    @staticmethod
    def clean_slots(p: Page) -> list[int]:
        """Positions in p.paras of article paragraphs not yet touched by spam."""
        return [i for i, (_, a) in enumerate(p.paras) if a >= 0 and a not in p.modified]

    @staticmethod
    def art_slots(p: Page) -> list[int]:
        return [i for i, (_, a) in enumerate(p.paras) if a >= 0]

    @staticmethod
    def insert_spam(rng: random.Random, p: Page, text: str) -> None:
        """A spam line/paragraph between two paragraphs (never before the first one)."""
        p.paras.insert(rng.randrange(1, max(2, len(p.paras) + 1)), (text, -1))

    @staticmethod
    def set_para(p: Page, i: int, text: str) -> None:
        a = p.paras[i][1]
        p.paras[i] = (text, a)
        if a >= 0:
            p.modified.add(a)

    # -- family recipes: each changes the page and records must_drop / families
    def f1_place_list(self, rng, p: Page):
        s = self.gen.place_list(rng, rng.randint(25, 120), tail_keyword=rng.random() < 0.6)
        (p.header if rng.random() < 0.5 else p.footer).insert(0, s)
        p.must_drop += [s[:12], s[-12:]]
        if rng.random() < 0.5:
            lines = self.gen.address_lines(rng, rng.randint(2, 4))
            p.footer.extend(lines)
            p.must_drop.extend(line[:10] for line in lines)
        p.families.add(1)

    def f2_stuffing(self, rng, p: Page):
        for _ in range(rng.randint(1, 3)):
            line = self.gen.stuffing_line(rng, rng.randint(5, 12))
            self.insert_spam(rng, p, line)
            p.must_drop.append(line)
        slots = self.clean_slots(p)
        if rng.random() < 0.5 and slots:  # keyword tail on a paragraph
            i = rng.choice(slots)
            tail = " ".join(self.gen.short_keyword(rng) for _ in range(rng.randint(2, 4)))
            self.set_para(p, i, p.paras[i][0] + " " + tail)
            p.must_drop.append(tail)
        p.families.add(2)

    def inline(self, rng, p: Page, kw: str) -> str | None:
        slots = self.art_slots(p)
        for i in rng.sample(slots, len(slots)):
            r = inject_in_sentence(rng, p.paras[i][0], kw)
            if r:
                text, drop, sent = r
                self.set_para(p, i, text)
                p.must_drop.append(drop)
                if not _norm(kw) in _norm("".join(p.article_paras) + p.title):
                    p.must_drop.append(kw)
                return sent
        return None

    def f3_inline(self, rng, p: Page, count: int = 0, place_only: bool = False,
                  commercial_only: bool = False) -> list[str]:
        """Inject keywords between commas; returns the sentences as they were before."""
        repaired = []
        for _ in range(count or rng.randint(1, 3)):
            if place_only:
                kw = self.gen.place(rng)
            elif commercial_only:
                kw = self.gen.commercial(rng)
            else:
                kw = self.gen.place(rng) if rng.random() < 0.35 else self.gen.commercial(rng)
            sent = self.inline(rng, p, kw)
            if sent:
                repaired.append(sent)
        p.families.add(3)
        return repaired

    def f4_site_title(self, rng, p: Page):
        site = p.site
        if rng.random() < 0.6:
            line = site + site
            p.must_drop.append(line)
        else:
            line = site + " " + " ".join(self.fam.header_links)
            p.must_drop.append(site)
        p.header.insert(0, line)
        p.title_tag = f"{site}{site}" if rng.random() < 0.5 else f"{p.title}_{site}"
        p.families.add(4)

    def f5_foreign(self, rng, p: Page):
        for _ in range(rng.randint(1, 3)):
            s = rng.choice(self.m.vocab.foreign)
            slots = self.art_slots(p)
            if rng.random() < 0.5 and slots:
                i = rng.choice(slots)
                self.set_para(p, i, insert_foreign(rng, p.paras[i][0], s))
            else:
                self.insert_spam(rng, p, s)
            p.must_drop.append(s)
        p.families.add(5)

    def f6_mixed(self, rng, p: Page):
        line, drops = self.gen.mixed_stuffing(rng)
        if rng.random() < 0.4:
            p.header.append(line)
        else:
            self.insert_spam(rng, p, line)
        p.must_drop.extend(drops)
        p.families.add(6)

    def f7_links(self, rng, p: Page):
        r = rng.random()
        if r < 0.45:
            lines, drops = self.gen.related_block(rng)
            p.footer.extend(lines)
            p.must_drop.extend(drops)
        elif r < 0.7:
            line, _ = self.gen.keyword_line(rng)
            p.footer.append(line)
            p.must_drop.append(line)
        else:
            links = self.gen.link_list(rng)
            p.footer.extend(links)
            p.must_drop.extend(links)
        s = self.gen.sitemap_line(rng)
        p.footer.append(s)
        p.must_drop.append(s)
        p.families.add(7)

    def f8_gambling(self, rng, p: Page):
        g = self.gen.gambling_name(rng)
        if rng.random() < 0.6:
            p.header.insert(0, g + p.title)  # brand glued before the title, as crawled spam does
            p.title_tag = g + p.title
            p.must_drop.append(g + p.title[:4])
        slots = self.art_slots(p)
        if slots:
            i = rng.choice(slots)
            g2 = self.gen.gambling_name(rng)
            sents = split_sentences(p.paras[i][0]) or [p.paras[i][0]]
            k = rng.randrange(len(sents))
            sents[k] = g2 + sents[k] if rng.random() < 0.5 else sents[k] + g2
            self.set_para(p, i, "".join(sents))
            p.must_drop.append(g2)
        if rng.random() < 0.5 and self.m.vocab.gambling_phrases:
            ph = rng.choice(self.m.vocab.gambling_phrases)
            p.footer.append(ph)
            p.must_drop.append(ph)
        p.families.add(8)

    def finish(self, rng, p: Page, repaired: list[str] | None = None):
        if p.kind == "article":
            clean = [p.article_paras[a] for _, a in p.paras if a >= 0 and a not in p.modified]
            lang = "zh" if CJK.search(p.title + "".join(p.article_paras)) else "en"
            art = Article("", p.title, tuple(p.article_paras), p.source, lang)
            keep = pick_keep(rng, art, clean or p.article_paras)
            for s in repaired or []:
                if rng.random() < 0.5 and s not in keep:
                    keep.append(s)
            p.must_keep = keep
        self.pages.append(p)

    # -- page kinds
    def spam_page(self, rng, fams: list[int], html: bool, group: str, art: Article | None = None,
                  kind: str = "article") -> Page:
        art = art or self.next_zh()
        p = self.new_page(group, html, kind, art, rng)
        repaired: list[str] = []
        recipes = {1: self.f1_place_list, 2: self.f2_stuffing, 4: self.f4_site_title, 5: self.f5_foreign,
                   6: self.f6_mixed, 7: self.f7_links, 8: self.f8_gambling}
        for f in fams:
            if f == 3:
                repaired += self.f3_inline(rng, p)
            else:
                recipes[f](rng, p)
        if html and rng.random() < 0.5:  # markup-level: stuffed keywords, hidden links
            p.keywords = ",".join(self.gen.short_keyword(rng) for _ in range(6))
            p.hidden = [self.gen.commercial(rng) for _ in range(rng.randint(4, 10))]
            p.must_drop.extend(p.hidden)
            p.notes.append("markup spam: <meta keywords> and a display:none link block")
        self.finish(rng, p, repaired)
        return p

    def clean_page(self, rng, html: bool, group: str, art: Article, note: str = "") -> Page:
        p = self.new_page(group, html, "article", art, rng)
        p.families.add(12)
        if note:
            p.notes.append(note)
        self.finish(rng, p)
        return p

    def junk_page(self, rng, html: bool, group: str, what: str) -> Page:
        p = self.new_page(group, html, "junk", None, rng)
        g, fam = self.gen, self.fam
        lines: list[str] = []
        if what == "greeting":
            p.title = rng.choice(["欢迎光临", "首页", p.site, "网站首页"])
            n, m = rng.randint(1000, 99999), rng.randint(100000, 9999999)
            lines = [x.format(n=n, m=m) for x in rng.sample(fam.greetings, 4)]
            lines.append(f"Copyright © {rng.randint(2008, 2021)} {p.site} 版权所有")
            p.must_drop = lines[:3]
        elif what == "essay_links":
            p.title = rng.choice(fam.essay_topics) + rng.choice(fam.essay_kinds).format(n=rng.choice([300, 500, 800]))
            lines = [rng.choice(fam.essay_topics) + rng.choice(fam.essay_kinds).format(n=rng.choice([200, 300, 400, 500, 600, 800]))
                     for _ in range(rng.randint(15, 30))]
            p.must_drop = lines[:4]
        elif what == "lottery":
            p.title = f"{rng.choice(fam.lottery_names)}开奖结果查询"
            for _ in range(rng.randint(12, 25)):
                nums = " ".join(f"{rng.randint(1, 33):02d}" for _ in range(6))
                lines.append(f"第{rng.randint(2015, 2021)}{rng.randint(1, 150):03d}期 {nums} + {rng.randint(1, 16):02d}")
            lines += [g.gambling_name(rng) + " " + rng.choice(self.m.vocab.domains) for _ in range(4)]
            p.must_drop = lines[:3] + lines[-2:]
        elif what == "gambling":
            p.title = g.gambling_name(rng) + rng.choice(["官方网站", "欢迎您", "首页"])
            ph = rng.sample(self.m.vocab.gambling_phrases, min(12, len(self.m.vocab.gambling_phrases)))
            lines = ph + [g.gambling_name(rng) for _ in range(5)]
            p.must_drop = ph[:4]
        elif what == "keywords":
            p.kind = "spam_only"
            p.title = g.site_name(rng)
            lines = [g.stuffing_line(rng, rng.randint(8, 15)) for _ in range(rng.randint(4, 10))]
            lines.insert(rng.randrange(len(lines)), g.place_list(rng, 60, True))
            p.must_drop = lines[:3]
            p.families |= {1, 2}
        elif what == "sentences":  # a doorway page of sentences pasted from unrelated articles
            p.kind = "spam_only"
            p.title = g.site_name(rng)
            sents = rng.sample(self.m.vocab.foreign, 12)
            lines = [" ".join([g.short_keyword(rng)] + sents[i:i + 3]) for i in range(0, 12, 3)]
            p.header = [g.stuffing_line(rng, 8)]
            p.must_drop = sents[:4] + p.header
            p.families |= {5, 6}
        p.paras = [(x, -1) for x in lines]
        p.families.add(10)
        p.title_tag = p.title
        p.notes.append(f"junk page: {what}")
        self.pages.append(p)
        return p

    # -- the plan
    def build(self) -> list[Page]:
        rng = self.rng

        def H(share: float) -> bool:
            return rng.random() < share

        # clean real articles (precision guards), zh and en
        for _ in range(45):
            self.clean_page(rng, H(0.45), self.group(rng), self.next_zh(200), "clean real article")
        for _ in range(12):
            self.clean_page(rng, False, self.group(rng, "en"), self.next_en(), "clean English article")
        # articles that enumerate places / quote speech
        for _ in range(15):
            a = self.take_zh(lambda a: bool(guard_strings(list(a.paras))) and 250 <= a.chars <= 4000)
            self.clean_page(rng, H(0.4), self.group(rng), a, "enumeration / quoted speech guard")
        # short real articles
        for _ in range(12):  # the first paragraph(s) of a real article, 80 to 250 characters
            a = self.take_zh(lambda a: 80 <= len(a.paras[0]) < 250)
            paras = [a.paras[0]] + ([a.paras[1]] if len(a.paras) > 1 and len(a.paras[0]) + len(a.paras[1]) < 250 else [])
            short = Article(a.key, a.title, tuple(paras), a.source, a.lang)
            self.clean_page(rng, H(0.3), self.group(rng), short, "short real article (its first paragraphs)")
        # genuine place enumerations, and tables of place names with their codes
        self.place_guard_pages(rng)
        self.table_guard_pages(rng)

        # single families
        for fams, n in [([1], 18), ([2], 18), ([3], 18), ([4], 12), ([5], 18), ([6], 12), ([7], 18), ([8], 14)]:
            for _ in range(n):
                self.spam_page(rng, fams, H(0.45), self.group(rng))
        # family 3 with no other evidence on the page: a place name, or a commercial name
        for k in range(26):
            p = self.new_page(self.group(rng), H(0.4), "article", self.next_zh(), rng)
            place = k % 2 == 0
            rep = self.f3_inline(rng, p, count=rng.randint(1, 2), place_only=place, commercial_only=not place)
            p.notes.append(f"{'place' if place else 'commercial'} name injected between commas; no other spam on the page")
            self.finish(rng, p, rep)
        # mixed pages like the real seeds
        combos = [[1, 2, 5, 7], [4, 3], [4, 3, 7], [1, 6, 7], [2, 3, 5], [4, 8, 3], [1, 2, 3, 4, 5, 6, 7]]
        for i in range(28):
            self.spam_page(rng, combos[i % len(combos)], H(0.5), self.group(rng))
        # English articles with Chinese spam around them
        for i in range(8):
            self.spam_page(rng, [[1, 7], [2], [4, 7], [7]][i % 4], H(0.4), self.group(rng, "en"), art=self.next_en())

        # family 9: one long template around many articles (one folder / spread over folders)
        for t in range(2):
            trng = random.Random(f"{self.part}:{self.seed}:tpl{t}")
            site = self.gen.site_name(trng)
            header = [site + site, self.gen.place_list(trng, 80, True)]
            mid = [self.gen.stuffing_line(trng, 10), self.gen.mixed_stuffing(trng)[0]]
            rel, _ = self.gen.related_block(trng)
            footer = rel + self.gen.address_lines(trng, 3) + [self.gen.sitemap_line(trng)]
            drops = [site + site, header[1][:12], mid[0], rel[0], footer[-1]]
            for k in range(7):
                group = f"tpl{t}" if t == 0 else self.group(trng)
                p = self.new_page(group, trng.random() < 0.5, "article", self.next_zh(300), trng)
                p.site = site
                p.header = list(header)
                p.paras.insert(1, (mid[0], -1))
                p.paras.insert(len(p.paras) - 1, (mid[1], -1))
                p.footer = list(footer)
                p.title_tag = site + site
                p.must_drop = list(drops)
                p.families |= {1, 2, 4, 6, 7, 9}
                p.notes.append(f"shared spam template {t} ({'one folder' if t == 0 else 'spread over folders'})")
                self.finish(trng, p)

        # family 10: junk pages
        for what, n in [("greeting", 6), ("essay_links", 6), ("lottery", 5), ("gambling", 5), ("keywords", 6),
                        ("sentences", 4)]:
            for _ in range(n):
                self.junk_page(rng, H(0.5), self.group(rng, "junk"), what)

        # family 11: near-duplicate clusters (different spam wrappers, light edits)
        for c in range(9):
            self.cluster(rng, c)
        return self.pages

    def cluster(self, rng, c: int) -> None:
        art = self.next_zh(450)
        cid = f"{self.part}-c{c:02d}"
        variants = ["wrapA", "wrapB", "edit"] if c % 3 else ["same", "wrapA", "edit", "wrapB"]
        edited_sent = ""
        members = []
        for v in variants:
            a = art
            if v == "edit":  # light edit: the last sentence dropped, a stuffing line added
                paras = list(art.paras)
                sents = split_sentences(paras[-1])
                if len(sents) > 1:
                    edited_sent = sents[-1]
                    paras[-1] = "".join(sents[:-1])
                a = Article(art.key, art.title, tuple(paras), art.source, art.lang)
            if v in ("same", "edit"):
                p = self.new_page(self.group(rng), rng.random() < 0.5, "article", a, rng)
                if v == "edit":
                    self.f2_stuffing(rng, p)
                self.finish(rng, p)
            else:
                p = self.spam_page(rng, [1, 7] if v == "wrapA" else [4, 2], rng.random() < 0.5,
                                   self.group(rng), art=a)
            p.cluster = cid
            p.families.add(11)
            p.notes.append(f"near-duplicate cluster {cid}: variant {v}")
            members.append(p)
        # every member must keep the same strings: those of the article all members share
        common = [k for m in members for k in m.must_keep]
        common = [k for i, k in enumerate(common) if k not in common[:i] and k != edited_sent
                  and all(_norm(k) in _norm(m.title + "".join(m.article_paras)) for m in members)]
        for m in members:
            m.must_keep = common[:6]

    def table_guard_pages(self, rng):
        """A real article followed by a real data table: the county-level divisions of a city with
        their codes (from the part's gazetteer). A column of place names and numbers that must stay."""
        divs = sorted(self.m.vocab.divisions, key=lambda d: stable_hash(f"{self.seed}:{d[0]}"))[:8]
        for k, (city, rows) in enumerate(divs):
            art = self.next_zh(250)
            p = self.new_page(self.group(rng), k % 2 == 0, "article", art, rng)
            p.table = rows[:16]
            p.table_caption = f"{city}行政区划代码表" if self.fam.name == "A" else f"附表：{city}所辖县级行政区"
            p.article_paras = p.article_paras + [p.table_caption] + [f"{c} {n}" for c, n in p.table]
            p.families.add(12)
            p.notes.append("real article followed by a table of place names and codes (gazetteer data)")
            self.finish(rng, p)
            p.must_keep += [p.table_caption] + [n for _, n in rng.sample(p.table, min(3, len(p.table)))]

    def place_guard_pages(self, rng):
        """A real article followed by a genuine sentence enumerating places (family 12): a flood,
        a tour, a delivery area. The places come from the part's gazetteer; the sentence is the
        kind of enumeration a cleaner must keep."""
        frames = {
            "A": ["受强降雨影响，{p}等地出现不同程度的洪涝灾害，当地已启动应急响应。",
                  "本次巡演将先后走进{p}，每站演出两场。",
                  "目前快递服务已覆盖{p}等地区。"],
            "B": ["据气象部门统计，台风过境期间{p}累计降雨量超过200毫米。",
                  "考察团一行先后前往{p}进行调研。",
                  "该产品已在{p}等城市的门店上架销售。"],
        }[self.fam.name]
        for _ in range(10):
            art = self.next_zh(250)
            places = [self.gen.place(rng) for _ in range(rng.randint(4, 7))]
            sent = rng.choice(frames).format(p="、".join(places))
            a = Article(art.key, art.title, tuple(list(art.paras) + [sent]), art.source, art.lang)
            p = self.new_page(self.group(rng), rng.random() < 0.4, "article", a, rng)
            p.families.add(12)
            p.notes.append("genuine place enumeration (sentence made from the gazetteer) after a real article")
            self.finish(rng, p)
            p.must_keep.append(sent)


# ----------------------------------------------------------------------------- writing


def page_text(p: Page) -> str:
    table = [p.table_caption] + [f"{c} {n}" for c, n in p.table] if p.table else []
    lines = p.header + [p.title] + [t for t, _ in p.paras] + table + p.footer
    return "\n".join(lines) + "\n"


def page_html(p: Page, fam: TemplateFamily) -> str:
    return render_html(fam, charset=p.charset, title_tag=p.title_tag or p.title, h1=p.title,
                       paras=[t for t, _ in p.paras], table=p.table, table_caption=p.table_caption,
                       header=p.header, footer=p.footer, keywords=p.keywords,
                       hidden=p.hidden, site=p.site, nav=list(fam.header_links), layout=p.layout)


def encode_page(text: str, charset: str) -> bytes:
    codec = {"gb2312": "gbk"}.get(charset, charset)
    return text.encode(codec)


def visible_text(p: Page) -> str:
    return page_text(p) + "\n".join(p.hidden) + (p.title_tag or "") + (p.keywords or "")


def validate(p: Page) -> None:
    """Keep gold consistent: must_keep in the page and in the article, must_drop in the page and
    not in the article. Strings failing that are removed (and the page notes say so)."""
    art = _norm(p.title + "\n" + "\n".join(p.article_paras)) if p.kind == "article" else ""
    shown = _norm(visible_text(p))
    keep = []
    for k in p.must_keep:
        nk = _norm(k)
        if nk and nk in art and (nk in shown or _repaired_ok(k, p)) and k not in keep:
            keep.append(k)
    drop = []
    for d in p.must_drop:
        nd = _norm(d)
        if len(nd) >= 2 and nd in shown and nd not in art and d not in drop:
            drop.append(d)
    p.must_keep, p.must_drop = keep, drop


def _repaired_ok(k: str, p: Page) -> bool:
    # a repaired sentence (injected keyword removed) is in the article but not verbatim on the page
    return any(_norm(k) in _norm(x) for x in p.article_paras)


def gold_row(p: Page) -> dict:
    """The gold line of a page. A text dump's first line is its title, part of the article; an
    HTML page's title is metadata (the <h1>/<title>), so its gold article and must_keep leave it out."""
    head = [] if p.is_html else [p.title]
    article = "\n".join(head + p.article_paras) if p.kind == "article" else ""
    keep = [k for k in p.must_keep if not (p.is_html and k == p.title)]
    return {
        "id": p.pid,
        "kind": p.kind,
        "title": nfkc(p.title) if p.kind == "article" else None,
        "article": nfkc(article),
        "must_keep": [nfkc(k) for k in keep],
        "must_drop": [nfkc(d) for d in p.must_drop],
        "cluster": p.cluster,
        "families": sorted(p.families),
        "source": p.source or "generated",
        "notes": "; ".join(p.notes),
        "format": "html" if p.is_html else "txt",
        "charset": p.charset if p.is_html else "utf-8",
    }


def build(src: Path, out: Path, part: str, seed: int) -> dict:
    mat = load_material(src, part)
    b = Builder(mat, part, seed)
    pages = b.build()
    if out.exists():
        shutil.rmtree(out)
    (out / "pages").mkdir(parents=True)
    rows = []
    for p in pages:
        validate(p)
        path = out / "pages" / p.pid
        path.parent.mkdir(parents=True, exist_ok=True)
        if p.is_html:
            try:
                data = encode_page(page_html(p, b.fam), p.charset)
            except UnicodeEncodeError:
                p.charset = "gb18030" if p.charset != "utf-8" else "utf-8"
                data = encode_page(page_html(p, b.fam), p.charset)
        else:
            data = page_text(p).encode("utf-8")
        path.write_bytes(data)
        rows.append(gold_row(p))
    rows = write_gold(out, rows)
    info = {
        "part": part, "seed": seed, **summary(rows),
        "template_family": b.fam.name,
        "material": mat.vocab.sources,
        "vocab_sizes": {"ad_words": len(mat.vocab.ad_words), "domains": len(mat.vocab.domains),
                        "counties": len(mat.vocab.counties), "towns": len(mat.vocab.towns),
                        "gambling": len(mat.vocab.gambling), "foreign_sentences": len(mat.vocab.foreign),
                        "zh_articles": len(mat.zh), "en_articles": len(mat.en)},
    }
    return write_build_info(out, info)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True, type=Path, help="raw material folder (prepare_sources)")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--part", required=True, choices=["dev", "test"])
    ap.add_argument("--seed", type=int, default=9)
    manifest.add_freeze_arguments(ap)
    args = ap.parse_args(argv)
    code, info = manifest.build_frozen(args.out, lambda folder: build(args.source, folder, args.part, args.seed),
                                       args.freeze, args.check)
    if info is None:
        return code
    print(json.dumps({k: info[k] for k in ("part", "pages", "kinds", "html", "non_utf8_html", "families",
                                           "clusters", "must_keep", "must_drop")}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
