"""How the part builders write a page in its charset (the test parts since test9 share these).

A page's charset in the gold is the encoding's name, perhaps followed by a note (``"gbk undeclared"``: the
markup names no charset)."""
from __future__ import annotations

from typing import Iterable


def encoding_of(charset: str) -> str:
    """The encoding a gold charset names (``"gbk undeclared"`` -> ``"gbk"``)."""
    return charset.split(" ")[0]


def fitting_charset(charset: str, texts: Iterable[str]) -> str:
    """``charset`` when every text encodes in it; else GB18030 (which encodes every character) for a
    Chinese legacy charset, and ``charset`` unchanged for UTF-8."""
    enc = encoding_of(charset)
    try:
        for t in texts:
            t.encode(enc)
        return charset
    except UnicodeEncodeError:
        return "gb18030" if enc != "utf-8" else charset


def page_bytes(body: str, fmt: str, charset: str) -> bytes:
    """A page's bytes: a text dump in UTF-8, an HTML page in its charset (characters it lacks as
    character references, as a browser's "save as" writes them)."""
    if fmt == "txt":
        return body.encode("utf-8")
    return body.encode(encoding_of(charset), errors="xmlcharrefreplace")
