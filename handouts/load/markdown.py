"""Markdown body → typed blocks, through markdown-it-py and its plugins.

The syntax is markdown-it's (CommonMark, GFM tables, footnotes, `:::` containers,
`{#id}` attributes); this module only walks the token stream. Inline text becomes
reportlab paragraph markup with every user character escaped, plus two private
tags the layout resolves: `<fn n="1"/>` (a footnote mark) and `<figref n="2"/>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from handouts.errors import Collector, SourceRef, did_you_mean
from handouts.load import model
from handouts.load.figurefile import address_problem, on_disk, written_names
from handouts.load.inline_rules import INLINE_MARKUP, apostrophes, dashes_and_dots, link_problem, printed_address
from handouts.load.project_files import outside_problem, project_file
from handouts.load.textfile import LINE_BREAK

# What a user may write after ":::", in Dutch or English, and what it means.
CALLOUT_KINDS = {
    "tip": "tip",
    "let op": "warning",
    "letop": "warning",
    "waarschuwing": "warning",
    "warning": "warning",
    "nb": "note",
    "n.b.": "note",
    "noot": "note",
    "note": "note",
}
SIDENOTE_KINDS = {"kanttekening", "sidenote", "side note", "marge", "margin"}
FIGURE_TYPES = {".png", ".jpg", ".jpeg", ".svg"}


def markdown_parser() -> MarkdownIt:
    # Typographer: "quotes" become “quotes” and ‘quotes’ (Dutch running text sets the
    # same curly pairs as English; „…” is handwriting and old print), -- an en dash,
    # --- an em dash, ... an ellipsis; code is left as typed. Not (c) → ©: in Dutch and
    # English text "(c)" is far more often the third item of a list than a copyright.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True,
                                   "quotes": "“”‘’"})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.core.ruler.at("replacements", dashes_and_dots)
    md.core.ruler.before("smartquotes", "apostrophes", apostrophes)
    md.use(sub_plugin).use(superscript_plugin)  # H~2~O, m^2^
    md.use(deflist_plugin)  # a term, then ": its definition" on the next line
    md.use(front_matter_plugin).use(footnote_plugin).use(attrs_plugin)
    # `{.landscape}` on the line above a table (see `_table_attributes`)
    md.use(attrs_block_plugin).core.ruler.before("attr", "stray_attributes", _stray_attributes)
    # One container name that accepts any kind; the kind is checked here, so an
    # unknown one gets a real message instead of silently staying literal text.
    md.use(container_plugin, name="box", marker=":", validate=lambda *_: True)
    # markdown-it leaves an image or link to file://, data: ... as literal text; take
    # every address, so that the figure or link says what is wrong with it instead.
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # markdown-it-py's hook, meant to be replaced
    return md


def _stray_attributes(state) -> None:
    """A `{...}` line with no block after it to take it (the last line of the text or
    of a list item) prints as the text it is, rather than vanish."""
    tokens = state.tokens
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.type != "attrs_block" or (following is not None and following.nesting >= 0):
            continue
        first, last = tok.map or (0, 1)
        line = "\n".join(state.src.splitlines()[first:last]).strip()
        opening, inline, closing = Token("paragraph_open", "p", 1), Token("inline", "", 0), Token("paragraph_close", "p", -1)
        opening.map = inline.map = tok.map
        inline.content, inline.children = line, [Token("text", "", 0, content=line)]
        for t in (opening, inline, closing):
            t.level, t.block = tok.level, True
        tokens[i:i + 1] = [opening, inline, closing]


_PARSER = markdown_parser()


def escape(text: str) -> str:
    """User text as paragraph markup: every character literal, and a line break pasted
    from a word processor (a vertical tab) a line break."""
    return xml_escape(text).replace(LINE_BREAK, "<br/>")


def _plain(text: str) -> str:
    """User text where no markup goes (an attribute, the contents list): one line."""
    return text.replace(LINE_BREAK, " ")


@dataclass
class _State:
    source: Path
    shown: str
    root: Path
    found: Collector
    chapter: str
    numbered: bool
    counters: list[int] = field(default_factory=lambda: [0, 0, 0])
    figures: dict[str, int] = field(default_factory=dict)
    figure_refs: list[tuple[str, SourceRef]] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)  # heading ids a reference may name


# `{#fig-x width=60%}` is how people write it, but the attrs syntax wants the value
# quoted; quote it for them (same line, so line numbers stay right).
_UNQUOTED_WIDTH = re.compile(r"(\{[^{}\n]*\bwidth=)(\d+(?:\.\d+)?%)")


def split_front_matter(text: str, env: dict | None = None) -> tuple[Token | None, list[Token]]:
    """The front matter token and the body's tokens; `env`, when given, is filled in
    with what the parser learnt on the way (for `unmarked_footnotes`)."""
    tokens = _PARSER.parse(_UNQUOTED_WIDTH.sub(r'\1"\2"', text), env if env is not None else {})
    if tokens and tokens[0].type == "front_matter":
        return tokens[0], tokens[1:]
    return None, tokens


def parse_body(
    tokens: list[Token],
    *,
    source: Path,
    shown: str,
    root: Path,
    found: Collector,
    chapter: str = "",
    numbered: bool = True,
) -> tuple[tuple[model.Block, ...], tuple[model.Footnote, ...]]:
    """The blocks and footnotes of a Markdown body; problems go to `found`."""
    state = _State(source, shown, root, found, chapter, numbered)
    body, notes = _split_footnotes(tokens)
    blocks = _blocks(body, 0, len(body), state)
    footnotes = _footnotes(notes, state)
    for target, ref in dict.fromkeys(state.figure_refs):  # two at one line: told once
        if target not in state.figures and target not in state.sections:
            found.error(
                ref,
                f'the reference "#{target}" points to no figure or heading'
                f"{did_you_mean(target, [*state.figures, *state.sections])}; give the figure "
                f"{{#{target}}} after its image or the heading {{#{target}}} at its end, or fix the name",
            )
    return blocks, footnotes


def _ref(state: _State, token: Token) -> SourceRef:
    return SourceRef(state.shown, token.map[0] + 1 if token.map else 0)


def _split_footnotes(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    for i, tok in enumerate(tokens):
        if tok.type == "footnote_block_open":
            return tokens[:i], tokens[i:]
    return tokens, []


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the token that closes tokens[start] (same nesting level)."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


def _blocks(tokens: list[Token], start: int, end: int, state: _State) -> tuple[model.Block, ...]:
    out: list[model.Block] = []
    i = start
    while i < end:
        tok = tokens[i]
        close = _closing(tokens, i) if tok.nesting == 1 else i
        block = _block(tokens, i, close, state)
        if block is not None:
            out.append(block)
        i = close + 1
    return tuple(out)


def _block(tokens: list[Token], i: int, close: int, state: _State) -> model.Block | None:
    tok = tokens[i]
    ref = _ref(state, tok)
    kind = tok.type
    if kind != "table_open" and ("class" in tok.attrs or "id" in tok.attrs):  # a `{...}` line above it
        state.found.error(ref.at(-1), "a line of attributes such as {.landscape} belongs right above a table; "
                          "put it there, or remove it")
    if kind == "heading_open":
        return _heading(tokens[i + 1], int(tok.tag[1]), ref, state)
    if kind == "paragraph_open":
        inline = tokens[i + 1]
        figure = _figure(inline, ref, state)
        return figure or model.Paragraph(_inline(inline.children or [], ref, state), ref)
    if kind in ("bullet_list_open", "ordered_list_open"):
        items = []
        j = i + 1
        while j < close:
            item_close = _closing(tokens, j)
            items.append(_blocks(tokens, j + 1, item_close, state))
            j = item_close + 1
        start = int(tok.attrs.get("start", 1)) if kind == "ordered_list_open" else 1
        return model.ListBlock(kind == "ordered_list_open", start, tuple(items), ref)
    if kind == "dl_open":
        return _definitions(tokens, i, close, ref, state)
    if kind == "table_open":
        return _table(tokens[i:close], ref, state)
    if kind == "container_box_open":
        return _container(tokens, i, close, ref, state)
    if kind == "hr":
        return model.PageBreak(ref)
    if kind in ("code_block", "fence"):
        # the code's first line (a fence's opening line holds none), so that a problem in
        # it is reported at its own line
        first = replace(ref, line=ref.line + 1) if kind == "fence" and ref.line else ref
        return model.Code(escape(tok.content.rstrip("\n")), first)
    if kind in ("blockquote_open",):
        return _quote(tokens, i, close, ref, state)
    if kind == "html_block":
        return model.Paragraph(escape(tok.content.strip()), ref)
    return None


# `# Title {#sec-rug}`: the id a reference `[](#sec-rug)` names, at the heading's end.
_HEADING_ID = re.compile(r"\s*\{#([A-Za-z][\w:.-]*)\}\s*$")


def _heading_id(inline: Token, ref: SourceRef, state: _State) -> str:
    """The id written at the end of a heading (taken out of its text), or ""."""
    children = inline.children or []
    last = children[-1] if children else None
    found = _HEADING_ID.search(last.content) if last is not None and last.type == "text" else None
    if found is None or last is None:
        return ""
    last.content = last.content[: found.start()]
    anchor = found.group(1)
    if anchor in state.sections or anchor in state.figures:
        state.found.error(ref, f'the id "#{anchor}" is used twice; give each heading and figure its own id')
    state.sections.add(anchor)
    return anchor


def _heading(inline: Token, level: int, ref: SourceRef, state: _State) -> model.Heading:
    given = _heading_id(inline, ref, state)
    text = _inline(inline.children or [], ref, state)
    plain = "".join(c.content for c in (inline.children or []) if c.type in ("text", "code_inline"))
    number = ""
    if state.numbered and level <= 2:
        state.counters[level - 1] += 1
        for deeper in range(level, len(state.counters)):
            state.counters[deeper] = 0
        parts = [str(n) for n in state.counters[:level]]
        number = ".".join(([state.chapter] if state.chapter else []) + parts)
    anchor = given or f"h{len(state.anchors) + 1}"
    state.anchors.add(anchor)
    return model.Heading(level, number, text, _plain(plain).strip(), anchor, ref)


def _figure(inline: Token, ref: SourceRef, state: _State) -> model.Figure | None:
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    images = [c for c in children if c.type == "image"]
    if not images:
        if inline.content.startswith("![") and "](" in inline.content:
            state.found.error(ref, "this figure cannot be read: a file name with spaces goes between "
                              '< and >, and the caption between quotes: ![what it shows](<Figuur 1.png> "Caption")')
        return None
    if len(children) > 1:
        return None  # the paragraph's text says so, once (`_inline`)
    image = images[0]
    src = str(image.attrs.get("src", ""))
    path = _figure_path(src, ref, state)
    alt = _plain(image.content).strip()
    if not alt:
        state.found.warning(ref, "the figure has no alt text; describe it between the [ ]")
    anchor = str(image.attrs.get("id") or f"fig-{len(state.figures) + 1}")
    if anchor in state.figures:
        state.found.error(ref, f'the figure id "#{anchor}" is used twice; give each figure its own id')
    state.figures[anchor] = len(state.figures) + 1
    return model.Figure(
        path=path or Path(src),
        alt=alt,
        caption=escape(str(image.attrs.get("title") or "")),
        number=state.figures[anchor],
        anchor=anchor,
        width=_width(image.attrs.get("width"), ref, state),
        ref=ref,
    )


def _figure_path(src: str, ref: SourceRef, state: _State) -> Path | None:
    names = written_names(src)
    problem = address_problem(names[0])
    if problem:
        state.found.error(ref, f'the figure "{names[0]}" {problem}')
        return None
    path = project_file(names[0], state.source, state.root)
    if path is None:
        state.found.error(ref, outside_problem("figure", names[0], state.source, state.root))
        return None
    if path.suffix.lower() not in FIGURE_TYPES:
        state.found.error(ref, f'the figure "{names[0]}" must be a PNG, JPEG or SVG file')
        return None
    found = next((f for f in (on_disk((state.source.parent / n).resolve()) for n in names) if f), None)
    if found is None:
        near = did_you_mean(Path(names[0]).name, [p.name for p in path.parent.glob("*")] if path.parent.is_dir() else [])
        state.found.error(ref, f'the figure "{names[0]}" does not exist{near}; check the file name and folder')
    return found


def _width(value: object, ref: SourceRef, state: _State) -> float:
    if value is None:
        return 1.0
    text = str(value).strip().rstrip("%")
    try:
        number = float(text)
    except ValueError:
        number = -1
    if not 5 <= number <= 100:
        state.found.error(ref, f'the figure width "{value}" must be a percentage from 5 to 100, e.g. width="60%"')
        return 1.0
    return number / 100


def _definitions(tokens: list[Token], i: int, close: int, ref: SourceRef, state: _State) -> model.DefinitionList:
    """A definition list: each term with the blocks of its definitions."""
    items: list[tuple[str, tuple[model.Block, ...]]] = []
    j = i + 1
    while j < close:
        end = _closing(tokens, j)
        if tokens[j].type == "dt_open":
            items.append((_inline(tokens[j + 1].children or [], _ref(state, tokens[j]), state), ()))
        elif tokens[j].type == "dd_open" and items:
            term, blocks = items[-1]
            items[-1] = (term, blocks + _blocks(tokens, j + 1, end, state))
        j = end + 1
    return model.DefinitionList(tuple(items), ref)


def _table(tokens: list[Token], ref: SourceRef, state: _State) -> model.Table:
    header: list[str] = []
    rows: list[list[str]] = []
    align: list[str] = []
    in_head = False
    told: set[str] = set()  # a problem in several cells of a row: told once at its line
    for tok in tokens:
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            told = set()
            if not in_head:
                rows.append([])
        elif tok.type == "th_open":
            style = str(tok.attrs.get("style", ""))
            align.append(style.split(":")[-1] if style else "left")
        elif tok.type == "inline":
            cell = _inline(tok.children or [], _ref(state, tok) if tok.map else ref, state, told)
            (header if in_head else rows[-1]).append(cell)
    return model.Table(tuple(header), tuple(tuple(r) for r in rows), tuple(align), ref,
                       landscape=_table_attributes(tokens[0], ref, state))


def _table_attributes(opening: Token, ref: SourceRef, state: _State) -> bool:
    """Whether the line above the table says `{.landscape}` (the table gets a landscape
    page of its own in a handout); any other attribute is an error at that line."""
    classes = str(opening.attrs.get("class", "")).split()
    other = sorted(set(classes) - {"landscape"}) + sorted(k for k in opening.attrs if k != "class")
    if other:
        state.found.error(ref.at(-1), f"a table knows only the attribute {{.landscape}}, not {other[0]!r}"
                          f"{did_you_mean(other[0], ['landscape'])}; remove it")
    return "landscape" in classes


# "> [!TIP]" and friends, as GitHub and Obsidian write boxes, and what they mean here.
ALERT_KINDS = {"tip": "tip", "hint": "tip", "note": "note", "info": "note", "important": "note",
               "warning": "warning", "caution": "warning", "danger": "warning"}
_ALERT = re.compile(r"\[!([A-Za-z]+)\][ \t]*(.*)")


def _quote(tokens: list[Token], i: int, close: int, ref: SourceRef, state: _State) -> model.Block:
    """A block quote is a note box; one that starts with "[!TIP]", "[!NOTE]" or
    "[!WARNING]" (optionally followed by a title) is a box of that kind."""
    kind, title, start = "note", "", i + 1
    inline = tokens[i + 2] if i + 2 < close and tokens[i + 1].type == "paragraph_open" else None
    first = inline.children[0] if inline is not None and inline.children else None
    marker = _ALERT.fullmatch(first.content) if first is not None and first.type == "text" else None
    if marker:
        name = marker.group(1).lower()
        if name not in ALERT_KINDS:
            state.found.error(ref, f'unknown box kind "[!{marker.group(1)}]"'
                              f"{did_you_mean(name, ALERT_KINDS)}; use [!TIP], [!NOTE] or [!WARNING]")
        kind, title = ALERT_KINDS.get(name, "note"), escape(marker.group(2).strip())
        assert inline is not None and inline.children  # the marker is its first child
        rest = inline.children[1:]
        while rest and rest[0].type in ("softbreak", "hardbreak"):
            rest = rest[1:]
        inline.children = rest
        if not rest:  # the marker stood alone in its paragraph
            start = i + 4
    return model.Callout(kind, title, _blocks(tokens, start, close, state), ref)


def _container(tokens: list[Token], i: int, close: int, ref: SourceRef, state: _State) -> model.Block | None:
    info = tokens[i].info.strip()
    words = info.split()
    lowered = [w.lower() for w in words]
    inner = _blocks(tokens, i + 1, close, state)
    for size in (2, 1):
        kind = " ".join(lowered[:size])
        if size <= len(words) and (kind in CALLOUT_KINDS or kind in SIDENOTE_KINDS):
            title = escape(" ".join(words[size:]))
            if kind in SIDENOTE_KINDS:
                return model.SideNote(inner, ref)
            return model.Callout(CALLOUT_KINDS[kind], title, inner, ref)
    known = sorted(set(CALLOUT_KINDS) | SIDENOTE_KINDS)
    state.found.error(
        ref,
        f'unknown box kind "::: {info}"{did_you_mean(lowered[0] if lowered else "", known)}; '
        "use tip, let op, nb or kanttekening (English: tip, warning, note, sidenote)",
    )
    return None



def _not_alone(children: list[Token]) -> str:
    """The error for a figure with text or other figures in its paragraph."""
    extra = [c.content for c in children if c.type == "text" and c.content.strip().startswith("{")]
    hint = (f' (the attributes "{extra[0]}" could not be read: write them like {{#fig-name width="60%"}})'
            if extra else "")
    return "a figure must stand alone in its own paragraph, with blank lines around it" + hint


def _inline(children: list[Token], ref: SourceRef, state: _State, told: set[str] | None = None) -> str:
    """One paragraph's (heading's, cell's) text as markup; each problem is told once
    for it, however often it occurs there (two figures, one bad link written twice),
    or once for all the cells sharing `told` (a table's row)."""
    out: list[str] = []
    link_depth, link_start, link_href = 0, 0, ""
    told = set() if told is None else told

    def error(message: str) -> None:
        if message not in told:
            told.add(message)
            state.found.error(ref, message)

    for i, tok in enumerate(children):
        kind = tok.type
        if kind == "text":
            if "[^" in tok.content:
                error(f"the footnote mark in \"{tok.content.strip()}\" has no footnote text; add a line [^name]: text")
            out.append(escape(tok.content))
        elif kind == "code_inline":
            out.append(escape(tok.content))
        elif kind in INLINE_MARKUP:
            out.append(INLINE_MARKUP[kind])
        elif kind == "footnote_ref":
            out.append(f'<fn n="{tok.meta["id"] + 1}"/>')
        elif kind == "link_open":
            href = str(tok.attrs.get("href", ""))
            problem = link_problem(href)
            if problem:
                error(problem)
            empty = i + 1 < len(children) and children[i + 1].type == "link_close"
            if href.startswith("#") and empty:
                state.figure_refs.append((href[1:], ref))
                out.append(f"<figref target={quoteattr(href[1:])}/>")
                link_depth = -1  # swallow the matching close
            else:
                if href.startswith("#"):  # a link to a figure with words of its own
                    state.figure_refs.append((href[1:], ref))
                out.append(f"<a href={quoteattr(href)}>")
                link_depth = 1
                link_start, link_href = len(out), href
        elif kind == "link_close":
            if link_depth == 1:
                out.append("</a>")
                shown = printed_address(link_href, "".join(out[link_start:-1]))
                if shown:  # on paper nobody can click: print where the link goes
                    out.append(f" (<a href={quoteattr(link_href)}>{escape(shown)}</a>)")
            link_depth = 0
        elif kind == "image":
            error(_not_alone(children))
    return "".join(out)


def _footnotes(tokens: list[Token], state: _State) -> tuple[model.Footnote, ...]:
    notes = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "footnote_open":
            close = _closing(tokens, i)
            parts = [
                _inline([c for c in (t.children or []) if c.type != "footnote_anchor"], _ref(state, tokens[j - 1]), state)
                for j, t in enumerate(tokens[i:close], start=i)
                if t.type == "inline"
            ]
            first = next((t for t in tokens[i:close] if t.map), tok)
            notes.append(model.Footnote(tok.meta["id"] + 1, " ".join(parts), _ref(state, first)))
            i = close + 1
        else:
            i += 1
    return tuple(sorted(notes, key=lambda n: n.number))


def unmarked_footnotes(env: dict, text: str, shown: str, found: Collector) -> None:
    """An error for every footnote whose mark stands nowhere in the text: the parser
    leaves such a note out, and its words would silently be lost."""
    refs = env.get("footnotes", {}).get("refs", {})
    for key, number in refs.items():
        if number >= 0:
            continue
        label = key[1:]
        line = next((n for n, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith(f"[^{label}]:")), 0)
        found.error(SourceRef(shown, line), f"the footnote [^{label}] has no mark in the text, so it would not be "
                    f"printed; put [^{label}] after the word it belongs to, or delete the note")
