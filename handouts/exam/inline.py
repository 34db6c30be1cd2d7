"""Inline Markdown of stems, options and feedback → reportlab paragraph markup.

Everything a teacher types is escaped; only **bold**, *italic*, `code` and line
breaks become markup. Images are left out here: the layout prints them as figures
under the stem (see `make._figures`).
"""

from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape

from markdown_it import MarkdownIt

_TAGS = {"strong_open": "<b>", "strong_close": "</b>", "em_open": "<i>", "em_close": "</i>",
         "hardbreak": "<br/>", "softbreak": " "}
_GAP = re.compile(r"_{3,}")
_GAP_TOKEN = "\u2063GAP\u2063"  # survives Markdown untouched; replaced after escaping
GAP_WIDTH = 16  # non-breaking spaces under a blank's line
NBSP = "\u00a0"  # markup is XML: no &nbsp; entity


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@functools.lru_cache(maxsize=1)
def _image_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    # a web or file:// address gets an error of its own (markdown-it-py's hook, meant to be replaced)
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def figure_addresses(text: str) -> list[str]:
    """The addresses of the pictures in `text` (`![what it shows](file.png)`), as Markdown
    reads them (%-encoded; `<Figuur 1.png>` is the way to write a name with spaces)."""
    return [str(child.attrs["src"]) for token in _image_parser().parse(text) if token.type == "inline"
            for child in token.children or () if child.type == "image"]


@functools.lru_cache(maxsize=8192)  # every version repeats the same stems and options
def inline_markup(text: str) -> str:
    """`text` (inline Markdown, paragraphs split by blank lines) as paragraph markup."""
    if not text:
        return ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "<br/><br/>".join(_paragraph(p) for p in paragraphs)


def _paragraph(text: str) -> str:
    tokens = _parser().parseInline(text)
    out: list[str] = []
    for token in tokens[0].children or []:
        if token.type in ("text", "code_inline"):
            out.append(escape(token.content))
        elif token.type in _TAGS:
            out.append(_TAGS[token.type])
    return "".join(out).strip()


@functools.lru_cache(maxsize=1024)
def gap_markup(stem: str) -> str:
    """A fill-in stem: every ___ becomes a numbered, underlined gap."""
    marked = _GAP.sub(_GAP_TOKEN, stem)
    markup = inline_markup(marked)
    count = iter(range(1, markup.count(_GAP_TOKEN) + 1))
    return re.sub(_GAP_TOKEN, lambda _: f"<b>({next(count)})</b>\u00a0<u>{NBSP * GAP_WIDTH}</u>",
                  markup)
