"""YAML with line numbers: every mapping remembers where it and its keys stand.

PyYAML's composer knows the line of every node; we keep it on the mappings we
hand out (`LinedDict.ref`, `LinedDict.key_ref(key)`) so that any later stage
can point the user at the line to fix.
"""

from __future__ import annotations

from typing import Any

import yaml

from handouts.errors import SourceRef, fail
from handouts.load.textfile import LINE_BREAK, UNPRINTABLE, character_problem


class LinedDict(dict):
    """A dict from YAML that knows its own line and the line of each key."""

    ref: SourceRef
    key_refs: dict[str, SourceRef]

    def key_ref(self, key: str) -> SourceRef:
        return self.key_refs.get(key, self.ref)


class LinedList(list):
    """A list from YAML that knows its line and the line of each item."""

    ref: SourceRef
    item_refs: list[SourceRef]


# One constructor for scalars; `load_yaml` empties its memo of built nodes after each file.
_SCALARS = yaml.SafeLoader("")
# YAML refuses a vertical tab (a line break pasted from Word): while parsing, a
# noncharacter stands in for it (`read_text` refuses those in any file), and the value
# gets the newline it means.
_BREAK_STAND_IN = "\ufdd0"
# libyaml's parser (shipped in PyYAML's wheels) gives the same nodes and lines ~10x faster.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Repeats:
    """Keeps anchors and aliases (`&name`, `*name`) from running away: ten nested
    aliases in a 600-byte file make billions of values, and an alias inside the value
    it names makes an endless one. A file without aliases builds at most one value per
    character, so `limit` never stops it."""

    def __init__(self, text: str):
        self.left = len(text) + MAX_REPEATED_VALUES
        self.open: set[int] = set()

    def enter(self, node: yaml.Node, ref: SourceRef) -> None:
        self.left -= 1
        if self.left < 0:
            raise fail(ref, "aliases (*name) repeat the value marked here (&name) more than "
                       f"{MAX_REPEATED_VALUES:,} times in all; write the values out, or repeat fewer")
        if id(node) in self.open:
            raise fail(ref, "an alias (*name) stands inside the value it repeats (&name), "
                       "which would repeat it without end; remove the alias")
        if isinstance(node, yaml.CollectionNode):
            self.open.add(id(node))


# Values that aliases may add to a file, beyond one per character of it.
MAX_REPEATED_VALUES = 50_000


def _build(node: yaml.Node, path: str, line_offset: int, repeats: _Repeats) -> Any:
    ref = SourceRef(path, node.start_mark.line + 1 + line_offset)
    repeats.enter(node, ref)
    try:
        return _build_value(node, ref, path, line_offset, repeats)
    finally:
        repeats.open.discard(id(node))


def _build_value(node: yaml.Node, ref: SourceRef, path: str, line_offset: int,
                 repeats: _Repeats) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = LinedDict()
        out.ref, out.key_refs = ref, {}
        for key_node, value_node in node.value:
            key = _build(key_node, path, line_offset, repeats)
            if isinstance(key, (dict, list)):
                raise fail(ref, "a key must be plain text")
            key = str(key) if key is not None else ""
            if key in out:
                raise fail(
                    SourceRef(path, key_node.start_mark.line + 1 + line_offset),
                    f'the key "{key}" appears twice; keep one',
                )
            out[key] = _build(value_node, path, line_offset, repeats)
            out.key_refs[key] = SourceRef(path, key_node.start_mark.line + 1 + line_offset)
        return out
    if isinstance(node, yaml.SequenceNode):
        out_list = LinedList(_build(item, path, line_offset, repeats) for item in node.value)
        out_list.ref = ref
        out_list.item_refs = [
            SourceRef(path, item.start_mark.line + 1 + line_offset) for item in node.value
        ]
        return out_list
    # Scalars: let the safe constructor decide ints, bools, dates and strings.
    try:
        value = _SCALARS.construct_object(node)
    except ValueError as exc:  # only a timestamp can fail here: 2026-02-30
        raise fail(ref, f"there is no such date as {node.value} ({exc}); "
                   "check the day and the month, written YYYY-MM-DD") from None
    if isinstance(value, str):
        if _BREAK_STAND_IN in value:
            value = value.replace(_BREAK_STAND_IN, "\n")
        if isinstance(node, yaml.ScalarNode) and node.style == '"':  # escapes ("\a", "\x1b", "\ud800") can make any character
            value = value.replace(LINE_BREAK, "\n")
            bad = UNPRINTABLE.search(value)
            if bad:
                raise fail(ref, character_problem(bad.group()) + "; here it is an escape between quotes")
    return value


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text into plain values, with `LinedDict`/`LinedList` for collections.

    `line_offset` shifts line numbers, for YAML that starts further down a file
    (front matter). Syntax errors become a `HandoutsError` at the offending line.
    """
    try:
        node = yaml.compose(text.replace(LINE_BREAK, _BREAK_STAND_IN), Loader=_COMPOSER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 + line_offset if mark else 0
        problem = getattr(exc, "problem", None) or str(exc)
        lines = text.splitlines()
        if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
            problem += "; this line holds a tab: indent YAML with spaces only"
        raise fail(
            SourceRef(path, line),
            f"the YAML cannot be read ({problem}); check indentation, colons and quotes",
        ) from None
    if node is None:
        return None
    try:
        return _build(node, path, line_offset, _Repeats(text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark else 0
        raise fail(SourceRef(path, line), f"the YAML value cannot be read: {exc}") from None
    finally:
        _SCALARS.constructed_objects.clear()  # it would keep every node of every file
