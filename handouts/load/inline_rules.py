"""What inline Markdown prints, the same in every kind: the typographer's dashes and
dots, and links (on paper nobody can click, so a link prints where it goes).

Handouts and leaflets (`markdown.py`) and exam questions (`exam/inline.py`) parse with
their own markdown-it setups, and share these rules, so that a link or a dash written in
a question prints as it would in a handout.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from markdown_it.common.normalize_url import validateLink as usual_link
from markdown_it.rules_core import replacements

# Inline tokens that become a fixed piece of paragraph markup.
INLINE_MARKUP = {
    "softbreak": " ",
    "hardbreak": "<br/>",
    "strong_open": "<b>",
    "strong_close": "</b>",
    "em_open": "<i>",
    "em_close": "</i>",
    "s_open": "<strike>",
    "s_close": "</strike>",
    "sub_open": "<sub>",
    "sub_close": "</sub>",
    "sup_open": '<super rise="33%" size="70%">',  # as a footnote mark: clear of the line above
    "sup_close": "</super>",
}


# A straight quote that opens a word and leaves letters out ('s ochtends, 't, 'n, 'k,
# 'em, '90) is an apostrophe (’), not an opening quote: the typographer sees only a
# quote before a letter, and would print ‘s ochtends.
_ELISION = re.compile(r"(?<![\w’‘'])'(?=(?:s|t|n|k|m|r|em|tis|twas|\d\d)s?(?![\w'’]))", re.IGNORECASE)


def apostrophes(state) -> None:
    """Runs before markdown-it's smartquotes, which then leaves these alone."""
    for token in state.tokens:
        if token.type == "inline" and token.children and "'" in token.content:
            for child in token.children:
                if child.type == "text" and "'" in child.content:
                    child.content = _ELISION.sub("\u2019", child.content)


def dashes_and_dots(state) -> None:
    """markdown-it's replacements (-- –, --- —, ... …) without the (c) (r) (tm) ones: in
    Dutch and English text "(c)" is far more often the third item of a list than a copyright."""
    for token in state.tokens:
        if token.type == "inline" and token.children and replacements.RARE_RE.search(token.content):
            replacements.replace_rare(token.children)


WEB_OR_MAIL = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
# C:\..., C:/..., \map\..., \\server\share (which Markdown reads as one backslash): a file
# on the writer's computer (a backslash arrives %-encoded)
_COMPUTER_FILE = re.compile(r"^(?:[A-Za-z]:(?:[\\/]|%5C)|\\|%5C)", re.IGNORECASE)


def link_problem(href: str) -> str:
    """What is wrong with a link to `href` that no reader can open (a file on the
    writer's computer, a script), and the fix; "" for a usable one."""
    if usual_link(href) and not _COMPUTER_FILE.match(href):
        return ""
    return (f'the link "{unquote(href)}" is no web or e-mail address a reader can open; '
            "link to a web address (https://...), or write the words without a link")


def printed_address(href: str, words: str) -> str:
    """The address to print after a link's words (the web address in full, so that the
    layout may break it at its slashes; an e-mail address without "mailto:"), or ""
    when the words (paragraph markup) already show it or it is no web or mail address
    (a link within the document, a figure)."""
    if not WEB_OR_MAIL.match(href):
        return ""
    bare = WEB_OR_MAIL.sub("", href).rstrip("/")
    bare = bare[4:] if bare.lower().startswith("www.") else bare
    plain = re.sub(r"<[^>]*>", "", words).replace("&amp;", "&").lower()
    if bare.lower() in plain:
        return ""
    return bare if href.lower().startswith("mailto:") else href.rstrip("/")
