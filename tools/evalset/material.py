"""Readers of the raw material folder written by ``prepare_sources`` (pure functions over files).

Each reader returns plain data: :class:`Article` objects (title + paragraphs) or lists of strings.
Nothing here knows about spam; the builders decide what to do with the material.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tarfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

CJK = re.compile(r"[\u4e00-\u9fff]")
_SENT_END = re.compile(r"(?<=[。！？!?；])(?![”’」』）)\"])|(?<=[。！？!?][”’」』）)\"])")


@dataclass(frozen=True)
class Article:
    key: str  # stable id inside its source
    title: str
    paras: tuple[str, ...]
    source: str  # "repo:path#item"
    lang: str

    @property
    def chars(self) -> int:
        return sum(len(p) for p in self.paras)


def stable_hash(s: str) -> int:
    return int.from_bytes(hashlib.sha256(s.encode("utf-8")).digest()[:8], "big")


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def han_bigrams(text: str) -> set[str]:
    """The pairs of adjacent Han characters of ``text`` (its other characters left out): what the
    builders compare articles on to choose a donor of pasted sentences."""
    t = "".join(CJK.findall(text))
    return {t[i:i + 2] for i in range(len(t) - 1)}


def split_sentences(text: str) -> list[str]:
    """Chinese sentences: cut after 。！？; (and a closing quote that follows them)."""
    parts = [p.strip() for p in _SENT_END.split(text)]
    return [p for p in parts if p]


def group_paragraphs(sentences: list[str], target: int) -> list[str]:
    """Join consecutive sentences into paragraphs of about ``target`` characters."""
    paras: list[str] = []
    cur = ""
    for s in sentences:
        cur += s
        if len(cur) >= target:
            paras.append(cur)
            cur = ""
    if cur:
        if paras and len(cur) < target // 3:
            paras[-1] += cur
        else:
            paras.append(cur)
    return paras


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u3000", " ")).strip()


def load_cmrc_articles(path: Path, repo: str = "ymcui/cmrc2018") -> list[Article]:
    """One article per CMRC context (a Wikipedia paragraph), cut into paragraphs of ~3 sentences."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    out: list[Article] = []
    seen: set[str] = set()
    for art in data:
        for i, p in enumerate(art["paragraphs"]):
            ctx = _clean(p["context"])
            title = _clean(art["title"])
            # CMRC contexts start with the title itself ("战国无双3 ..."), drop it
            if ctx.startswith(title):
                ctx = ctx[len(title):].strip()
            if ctx in seen or len(ctx) < 150:
                continue
            seen.add(ctx)
            sents = split_sentences(ctx)
            if len(sents) < 3:
                continue
            paras = group_paragraphs(sents, 160)
            out.append(Article(f"cmrc:{p.get('id', art.get('id', title))}:{i}", title, tuple(paras),
                               f"{repo}:{path.name}#{p.get('id', title)}", "zh"))
    return out


def load_drcd_articles(paths: Iterable[Path], t2s: Callable[[str], str],
                       repo: str = "DRCKnowledgeTeam/DRCD") -> list[Article]:
    """One article per DRCD title: its Wikipedia paragraphs, converted to simplified script."""
    out: list[Article] = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        for art in data:
            title = t2s(_clean(art["title"]))
            paras = []
            for p in art["paragraphs"]:
                ctx = t2s(_clean(p["context"]))
                sents = split_sentences(ctx)
                paras.extend(group_paragraphs(sents, 220) if len(ctx) > 400 else [ctx])
            paras = [p for p in paras if p]
            if len(paras) < 2:
                continue
            out.append(Article(f"drcd:{art.get('id', title)}", title, tuple(paras),
                               f"{repo}:{path.name}#{art.get('id', title)}", "zh"))
    return out


def load_sentences_cmrc(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    out = []
    for art in data:
        for p in art["paragraphs"]:
            out.extend(split_sentences(_clean(p["context"])))
    return _usable_sentences(out)


def load_sentences_c3(paths: Iterable[Path]) -> list[str]:
    out = []
    for path in paths:
        for item in json.loads(path.read_text(encoding="utf-8")):
            for line in item[0]:
                out.extend(split_sentences(_clean(line)))
    return _usable_sentences(out)


def _usable_sentences(sents: list[str]) -> list[str]:
    seen, out = set(), []
    for s in sents:
        if 14 <= len(s) <= 70 and CJK.search(s) and s[-1] in "。！？" and s not in seen \
                and not re.search(r"[“”\"「」（）()]", s):
            seen.add(s)
            out.append(s)
    return out


_DRAGNET_SPLIT = "!@#$%^&*()"


def load_dragnet_articles(tar_path: Path, repo: str = "seomoz/dragnet_data") -> list[Article]:
    """English articles from the Dragnet corrected gold texts: the lines before the comments marker.

    Paragraphs are the long lines (60+ characters); the title is the last short line of 3 to 15
    words above the first paragraph.
    """
    out: list[Article] = []
    with tarfile.open(tar_path) as tf:
        members = sorted((m for m in tf.getmembers() if m.isfile()), key=lambda m: m.name)
        for m in members:
            raw = tf.extractfile(m).read().decode("utf-8", errors="replace")
            body = raw.split(_DRAGNET_SPLIT)[0]
            lines = [_clean(x) for x in body.splitlines()]
            lines = [x for x in lines if x]
            first = next((i for i, x in enumerate(lines) if len(x) >= 60), None)
            if first is None:
                continue
            title = next((x for x in reversed(lines[:first]) if _title_like(x)), None)
            paras = [x for x in lines[first:] if len(x) >= 60]
            if not title or len(paras) < 3 or sum(map(len, paras)) < 900:
                continue
            if sum(1 for c in "".join(paras) if ord(c) > 127) > 20:
                continue
            out.append(Article(f"dragnet:{m.name}", title, tuple(paras[:12]),
                               f"{repo}:dragnet_Corrected.tar.gz#{m.name}", "en"))
    return out


def _title_like(x: str) -> bool:
    words = x.split()
    return (3 <= len(words) <= 15 and len(x) <= 110 and x[0].isupper()
            and not x.lower().startswith(("by ", "posted ", "home", "menu"))
            and not re.search(r"\d{1,2}:\d\d|\b(?:19|20)\d\d\b|[|»©@]", x)
            and sum(w[0].isalpha() for w in words) >= len(words) - 1)


def read_word_list(path: Path, min_len: int = 2, max_len: int = 10, need_cjk: bool = True) -> list[str]:
    out, seen = [], set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        w = line.strip().strip("*").strip()
        if not (min_len <= len(w) <= max_len) or w in seen:
            continue
        if need_cjk and not CJK.search(w):
            continue
        if re.search(r"[\s,，。|/]", w):
            continue
        seen.add(w)
        out.append(w)
    return out


def read_domains(path: Path) -> list[str]:
    out, seen = [], set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        d = line.strip().lower()
        if re.fullmatch(r"[a-z0-9][a-z0-9.-]{2,60}\.[a-z]{2,6}", d) and d not in seen:
            seen.add(d)
            out.append(d)
    return out


def read_modood_names(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        names = [row["name"] for row in csv.DictReader(f)]
    return sorted({n for n in names if n and n not in ("市辖区", "县", "省直辖县级行政区划")})


def read_airyland_names(path: Path) -> list[str]:
    d = json.loads(path.read_text(encoding="utf-8"))
    names = set()
    for level in d.values():
        names.update(level.values())
    return sorted(n for n in names if n not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"))


_GAMBLING = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,5}(?:体育|娱乐|国际|棋牌|彩票|电竞|真人|视讯|集团|娱乐城)")


def extract_gambling_names(files: Iterable[Path], t2s: Callable[[str], str] | None = None) -> list[str]:
    """Brand-like names (X体育, X娱乐, X真人 ...) that real gambling-site pages display."""
    counts: dict[str, int] = {}
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"<\?php.*?\?>", "\n", text, flags=re.S)
        text = re.sub(r"<[^>]+>|[【】\[\]「」『』（）()、，。：:|]", "\n", text)
        if t2s:
            text = t2s(text)
        for node in text.splitlines():
            name = node.strip()
            if _GAMBLING.fullmatch(name):
                counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def extract_page_phrases(files: Iterable[Path], t2s: Callable[[str], str] | None = None) -> list[str]:
    """Visible Chinese text runs of real pages (one per line, 6 to 60 characters)."""
    out, seen = [], set()
    for f in sorted(files):
        text = f.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"<\?php.*?\?>|<script.*?</script>|<style.*?</style>", " ", text, flags=re.S | re.I)
        text = re.sub(r"<[^>]+>", "\n", text)
        if t2s:
            text = t2s(text)
        for line in text.splitlines():
            line = _clean(line)
            if 6 <= len(line) <= 60 and len(CJK.findall(line)) >= 4 and line not in seen \
                    and not re.search(r"[{}$;=]|//", line):
                seen.add(line)
                out.append(line)
    return out


def half(items: list[str], parity: int) -> list[str]:
    """A deterministic half of ``items`` (by hash), so two parts can take disjoint halves."""
    return [x for x in items if stable_hash(x) % 2 == parity]


def load_c3_files(folder: Path) -> list[Path]:
    """The mixed-genre C3 files (train, dev, test), in a fixed order."""
    return [folder / f"c3-m-{s}.json" for s in ("train", "dev", "test") if (folder / f"c3-m-{s}.json").exists()]


def modood_divisions(folder: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(city name, [(code, county-level name)]) for every city of modood's dist/ tables."""
    with (folder / "cities.csv").open(encoding="utf-8") as f:
        cities = {r["code"]: r["name"] for r in csv.DictReader(f)}
    with (folder / "provinces.csv").open(encoding="utf-8") as f:
        provinces = {r["code"]: r["name"] for r in csv.DictReader(f)}
    groups: dict[str, list[tuple[str, str]]] = {}
    with (folder / "areas.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            groups.setdefault(r["cityCode"], []).append((r["code"], r["name"]))
    out = []
    for code in sorted(groups):
        name = cities.get(code, "")
        if name in ("市辖区", "县", "") or "直辖" in name:
            name = provinces.get(code[:2], "")
        rows = [x for x in groups[code] if x[1] != "市辖区"]
        if name and len(rows) >= 4:
            out.append((name, rows))
    return out


def airyland_divisions(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(city name, [(code, district name)]) from airyland's nested code table."""
    d = json.loads(path.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for level in d.values():
        names.update(level)
    out = []
    for code in sorted(d):
        if code == "86" or code.endswith("0000"):
            continue
        rows = [(c, n) for c, n in sorted(d[code].items()) if n != "市辖区"]
        name = names.get(code, "")
        if name in ("市辖区", "县") or "直辖" in name:
            name = names.get(code[:2] + "0000", "")
        if name and len(rows) >= 4:
            out.append((name, rows))
    return out
