"""Build the folders of real crawled Chinese web text that ``probe_quality`` measures the quality
filters on: Weibo posts, news pages, shopping reviews, from pinned commits of public repositories.

Nothing is downloaded: the repositories must already be on disk (clones or bare git directories),
given as ``--repo owner/name=PATH``; files are read with ``git show``.  The text is third-party
material under its publishers' terms: for local evaluation only, never committed.  Each source
becomes ``OUT/<key>/docs.jsonl`` (one JSON object per document: ``id``, ``text``, ``source`` and
what the source has: ``url``, ``title``, ``cat``) and ``OUT/<key>/README.md`` (repository,
commit, file, licence, what was kept)::

    python -m tools.evalset.real_text_sources --out /data/evalsets/sources \\
        --repo thunlp/Chinese_Rumor_Dataset=/src/rumor --repo SophonPlus/ChineseNlpCorpus=/src/sophon ...

A source whose repository is not given is skipped (and named on stderr).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence


@dataclass(frozen=True)
class RealSource:
    key: str
    repo: str
    commit: str
    path: str
    licence: str
    description: str


REAL_SOURCES = (
    RealSource("ced_weibo", "thunlp/Chinese_Rumor_Dataset", "c1178d8cfd4c245c296889a51fc252b17c9037c5",
               "CED_Dataset/original-microblog/",
               "no licence file; the README asks to cite Liu et al. 2015 and Song et al. 2018 (research use)",
               "Sina Weibo posts, rumour and non-rumour (the `text` of each original post)"),
    RealSource("ced_comments", "thunlp/Chinese_Rumor_Dataset", "c1178d8cfd4c245c296889a51fc252b17c9037c5",
               "CED_Dataset/",
               "no licence file; the README asks to cite Liu et al. 2015 and Song et al. 2018 (research use)",
               "Sina Weibo reposts and comments (`*-repost/` folders) of at least 60 characters, one per "
               "distinct text, 2,000 chosen by the MD5 of their id: a held-out part (the filters were "
               "not tuned on it)"),
    RealSource("sogoucs_smarty", "NICE-FUTURE/tfidf-cosine-text-recommendation",
               "c4ae9d10ea9720b938eefe94f538d797465a1abd", "news_sohusite_xml.smarty.dat",
               "Sogou Lab data licence (research use); the repository has no licence file",
               "Sohu news pages (Sogou Lab's SogouCS `smarty` sample, UTF-8 copy; the `<content>` of each page)"),
    RealSource("sogouca_smarty", "YeKc1M/InformationRetrieval", "32dbe9775cd5d5798c05b31b7c5b500274d78010",
               "news_tensite_xml.smarty.dat",
               "Sogou Lab data licence (research use); the repository has no licence file",
               "news pages of many sites (Sogou Lab's SogouCA `smarty` sample, GB18030; the `<content>` of each page)"),
    RealSource("shop_reviews", "SophonPlus/ChineseNlpCorpus", "a0b781d72158bde242c0626c9e354d2b328865ff",
               "datasets/online_shopping_10_cats/online_shopping_10_cats.zip",
               "no licence file (public repository)",
               "online shopping reviews of 10 product categories: those of >= 60 characters, "
               "1,500 of them chosen by the MD5 of their id"),
)

SHOP_MIN_CHARS = 60
SHOP_SAMPLE = 1500


def _git(repo_dir: str, *args: str) -> bytes:
    return subprocess.run(["git", "-C", repo_dir, *args], capture_output=True, check=True).stdout


def _ced(repo_dir: str, source: RealSource) -> List[Dict[str, str]]:
    names = _git(repo_dir, "ls-tree", "-r", "--name-only", source.commit, source.path).decode().split("\n")
    docs = []
    for path in sorted(names):
        if not path.endswith(".json") or "/._" in path:
            continue
        try:
            post = json.loads(_git(repo_dir, "show", f"{source.commit}:{path}"))
        except (subprocess.CalledProcessError, ValueError):
            continue
        text = (post.get("text") or "").strip()
        if text:
            docs.append({"id": "ced/" + os.path.basename(path)[:-len(".json")], "text": text, "source": source.key})
    return docs


COMMENT_MIN_CHARS = 60
COMMENT_SAMPLE = 2000


def _ced_comments(repo_dir: str, source: RealSource) -> List[Dict[str, str]]:
    names = _git(repo_dir, "ls-tree", "-r", "--name-only", source.commit, source.path).decode().split("\n")
    docs: Dict[str, Dict[str, str]] = {}
    for path in sorted(names):
        if "-repost/" not in path or not path.endswith(".json") or "/._" in path:
            continue
        try:
            comments = json.loads(_git(repo_dir, "show", f"{source.commit}:{path}"))
        except (subprocess.CalledProcessError, ValueError):
            continue
        for comment in comments if isinstance(comments, list) else []:
            text = (comment.get("text") or "").strip()
            if len(text) >= COMMENT_MIN_CHARS and text not in docs:
                docs[text] = {"id": f"cedc/{comment.get('mid')}", "text": text, "source": source.key}
    ordered = sorted(docs.values(), key=lambda d: hashlib.md5(d["id"].encode()).hexdigest())
    return ordered[:COMMENT_SAMPLE]


def _sogou(encoding: str) -> Callable[[str, RealSource], List[Dict[str, str]]]:
    def read(repo_dir: str, source: RealSource) -> List[Dict[str, str]]:
        raw = _git(repo_dir, "show", f"{source.commit}:{source.path}").decode(encoding, errors="replace")
        docs = []
        for match in re.finditer(r"<doc>(.*?)</doc>", raw, re.S):
            body = match.group(1)
            url = re.search(r"<url>(.*?)</url>", body)
            title = re.search(r"<contenttitle>(.*?)</contenttitle>", body, re.S)
            content = re.search(r"<content>(.*?)</content>", body, re.S)
            text = content.group(1).strip() if content else ""
            if not text or not url:
                continue
            docs.append({"id": f"{source.key}/{hashlib.md5(url.group(1).encode()).hexdigest()[:10]}",
                         "url": url.group(1), "title": title.group(1).strip() if title else "",
                         "text": text, "source": source.key})
        return docs
    return read


def _shop(repo_dir: str, source: RealSource) -> List[Dict[str, str]]:
    archive = zipfile.ZipFile(io.BytesIO(_git(repo_dir, "show", f"{source.commit}:{source.path}")))
    name = next(n for n in archive.namelist() if n.endswith(".csv"))
    rows = csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig")))
    docs = [{"id": f"shop/{i}", "text": (row.get("review") or "").strip(), "cat": row.get("cat") or "",
             "source": source.key} for i, row in enumerate(rows)]
    docs = [d for d in docs if len(d["text"]) >= SHOP_MIN_CHARS]
    return sorted(docs, key=lambda d: hashlib.md5(d["id"].encode()).hexdigest())[:SHOP_SAMPLE]


READERS: Dict[str, Callable[[str, RealSource], List[Dict[str, str]]]] = {
    "ced_weibo": _ced, "ced_comments": _ced_comments, "sogoucs_smarty": _sogou("utf-8"), "sogouca_smarty": _sogou("gb18030"),
    "shop_reviews": _shop,
}


def write_source(out: str, source: RealSource, docs: Sequence[Dict[str, str]]) -> None:
    folder = os.path.join(out, source.key)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "docs.jsonl"), "w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(os.path.join(folder, "README.md"), "w", encoding="utf-8") as handle:
        handle.write(f"# {source.key}: real crawled Chinese web text\n\n{source.description}.\n\n"
                     f"Repository {source.repo}, commit {source.commit}, `{source.path}`.\n"
                     f"Licence: {source.licence}.\n{len(docs)} documents in docs.jsonl (`id`, `text`, `source`).\n"
                     "Built by tools/evalset/real_text_sources.py; for local evaluation only, never committed.\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder that gets one sub-folder per source")
    parser.add_argument("--repo", action="append", default=[], metavar="OWNER/NAME=PATH",
                        help="a repository on disk (clone or bare git directory)")
    args = parser.parse_args(argv)
    repos = dict(item.split("=", 1) for item in args.repo)
    for source in REAL_SOURCES:
        if source.repo not in repos:
            print(f"skipped {source.key}: --repo {source.repo}=PATH not given", file=sys.stderr)
            continue
        docs = READERS[source.key](repos[source.repo], source)
        write_source(args.out, source, docs)
        print(f"{source.key}: {len(docs)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
