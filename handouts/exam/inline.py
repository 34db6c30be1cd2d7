"""Inline Markdown of stems, options and feedback → reportlab paragraph markup.

A question's text prints as a handout's running text would (`handouts.load.inline_rules`):
**bold**, *italic*, `code`, ~~struck~~, m^2^, H~2~O, curly quotes, -- and ... as dashes
and dots, line breaks, and a link's address after its words. Everything else a teacher
types is escaped and prints as written. Images are left out here: the layout prints a
stem's pictures as figures under it (see `make._figures`). What a question's text cannot
hold (a bad link, a footnote, a reference) is told by `text_problems`, before anything
is made.
"""

from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape, quoteattr

from markdown_it import MarkdownIt
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from handouts.load.inline_rules import (
    INLINE_MARKUP,
    WEB_OR_MAIL,
    apostrophes,
    dashes_and_dots,
    link_problem,
    printed_address,
)

_GAP = re.compile(r"_{3,}")
_GAP_TOKEN = "\u2063GAP\u2063"  # survives Markdown untouched; replaced after escaping
GAP_WIDTH = 16  # non-breaking spaces under a blank's line
NBSP = "\u00a0"  # markup is XML: no &nbsp; entity


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # the handout's inline setup (`load/markdown.py`), without what only a document has
    # (footnotes, attributes, references), which `text_problems` tells about instead
    md = MarkdownIt("commonmark", {"html": False, "typographer": True, "quotes": "“”‘’"})
    md.enable(["strikethrough", "replacements", "smartquotes"])
    md.core.ruler.at("replacements", dashes_and_dots)
    md.core.ruler.before("smartquotes", "apostrophes", apostrophes)
    md.use(sub_plugin).use(superscript_plugin)
    # every address is taken, so that a bad one gets an error instead of staying literal text
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # markdown-it-py's hook, meant to be replaced
    return md


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
    link_start, link_href = -1, ""
    for token in tokens[0].children or []:
        kind = token.type
        if kind in INLINE_MARKUP:
            out.append(INLINE_MARKUP[kind])
        elif kind == "image":
            continue  # a stem's picture prints under it; elsewhere `text_problems` refuses it
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            if WEB_OR_MAIL.match(href):  # any other address is an error before this
                out.append(f"<a href={quoteattr(href)}>")
                link_start, link_href = len(out), href
        elif kind == "link_close":
            if link_start >= 0:
                out.append("</a>")
                shown = printed_address(link_href, "".join(out[link_start:-1]))
                if shown:  # on paper nobody can click: print where the link goes
                    out.append(f" (<a href={quoteattr(link_href)}>{escape(shown)}</a>)")
            link_start = -1
        else:  # text, code and whatever else: its characters, never nothing
            out.append(escape(token.content))
    return "".join(out).strip()


@functools.lru_cache(maxsize=1024)
def gap_markup(stem: str) -> str:
    """A fill-in stem: every ___ becomes a numbered, underlined gap."""
    marked = _GAP.sub(_GAP_TOKEN, stem)
    markup = inline_markup(marked)
    count = iter(range(1, markup.count(_GAP_TOKEN) + 1))
    return re.sub(_GAP_TOKEN, lambda _: f"<b>({next(count)})</b>\u00a0<u>{NBSP * GAP_WIDTH}</u>",
                  markup)


_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_ATTRIBUTES = re.compile(r"^\{[^{}\n]*\}")


@functools.lru_cache(maxsize=4096)
def text_problems(text: str, *, stem: bool = False) -> tuple[str, ...]:
    """What in `text` (a question's text; a `stem` may hold pictures) would not print as
    written or as a handout prints it, each with the fix; () when all is well."""
    if not text or not any(c in text for c in "[<{"):
        return ()
    problems: dict[str, None] = {}
    for paragraph in (p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()):
        children = _parser().parseInline(paragraph)[0].children or []
        for i, token in enumerate(children):
            if token.type == "link_open":
                words = ""
                for c in children[i + 1:]:  # the link's own words, up to its end
                    if c.type == "link_close":
                        break
                    words += c.content if c.type in ("text", "code_inline") else ""
                problem = link_problem_in_exam(str(token.attrs.get("href", "")), bool(words.strip()))
                if problem:
                    problems[problem] = None
            elif token.type == "image" and not stem:
                problems["a picture prints only under a question's stem (vraag:); move it there, or "
                         "write in words what it shows"] = None
            elif token.type == "text" and i and children[i - 1].type == "image" \
                    and _ATTRIBUTES.match(token.content):
                problems[f'"{_ATTRIBUTES.match(token.content).group(0)}" after a picture would print as '  # type: ignore[union-attr]
                         "written: a question's picture always prints at 60% of the column and has no "
                         "number to refer to; remove it"] = None
            elif token.type == "text" and _FOOTNOTE.search(token.content):
                mark = _FOOTNOTE.search(token.content).group(0)  # type: ignore[union-attr]
                problems[f'the footnote mark "{mark}" would print as written: an exam prints no '
                         "footnotes; write the note's words in the text itself, in brackets"] = None
    return tuple(problems)


def link_problem_in_exam(href: str, has_words: bool) -> str:
    """What is wrong with a link in a question's text, and the fix; "" for a web or e-mail
    address (which prints after the link's words, as in a handout)."""
    problem = link_problem(href)
    if problem or WEB_OR_MAIL.match(href):
        return problem
    if href.startswith("#"):
        what = f'"[]({href})"' if not has_words else f'to "{href}"'
        return (f"the reference {what} has nothing to point to: an exam has no numbered figures "
                "or sections; write it in words (\"de afbeelding hieronder\", or the handout's "
                "section by its name)")
    if href.lower().startswith("www."):
        return (f'the link "{href}" does not say it is a web address, so it cannot print; '
                f"write it in full: https://{href}")
    return (f'the link "{href}" goes to no web or e-mail address, so it cannot print where it goes; '
            "link to a web address (https://...), or write the words without a link")
