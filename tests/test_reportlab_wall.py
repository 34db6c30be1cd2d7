"""reportlab's private names are reached in one place only: handouts/layout/reportlab_internals.py.

The scan reads every module of `handouts/` (the wall excepted) and reports each reach
past reportlab's public API it can see:
- `from reportlab... import _name`;
- `x._name` where reportlab's own source uses `_name` as an attribute, a method or a
  module-level name (`canvas._code`, `pdfmetrics._fonts`, `frame._y1p`): the type of
  `x` is not known to a scan, so any such name counts, whatever `x` is;
- `self._name` inside a class derived from a reportlab class, where that reportlab
  class (or one it derives from) uses `_name` itself, and a method of such a class
  named like one of reportlab's private methods (an override of its internals);
- `getattr(x, "_name")`, `hasattr`, `setattr`, `delattr`, and `.get` / `.pop` /
  `.setdefault` with a reportlab private name as a string (`__dict__.pop("_postponed")`).

What it cannot see: a private name built at run time (`getattr(x, "_" + name)`), a
reach through a public-looking name that reportlab's own source never writes with a
dot, and instance patches (assigning a function over a method of a reportlab object:
`face.makeSubset = ...`): those are found by review, and the ones known are listed in
the wall's docstring. A private name of our own that reportlab happens to use as well
counts as a reach (rename it: it could clobber reportlab's).

`NOT_YET_BEHIND_THE_WALL` lists the reaches other parts of the code still make (by
module and name: one more use of a listed name in the same module is not caught); the
list may only shrink: a new reach fails here, and so does an entry that no longer
occurs (take it off the list).
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import textwrap
from collections import Counter
from pathlib import Path

import reportlab

HANDOUTS = Path(__file__).resolve().parent.parent / "handouts"
WALL = HANDOUTS / "layout" / "reportlab_internals.py"
_LOOKUPS = {"getattr", "hasattr", "setattr", "delattr", "pop", "get", "setdefault"}

# (module, what the scan reports): reaches still made outside the wall, in modules other
# work was changing while the wall was built (page totals, paragraphs, footnotes, the
# exam's flowables, leaflet panels). Move each into the wall, then off this list.
NOT_YET_BEHIND_THE_WALL: set[tuple[str, str]] = {
    # the exam's own flowables (options, answer boxes, tables of questions)
    ("handouts/exam/layout/blocks.py", "shared.__dict__.setdefault('_lines')"),  # our name, reportlab's too
    ("handouts/exam/layout/flowables.py", "hasattr('_offsets')"),
    ("handouts/exam/layout/flowables.py", "self._H"),
    ("handouts/exam/layout/flowables.py", "self._H0"),
    ("handouts/exam/layout/flowables.py", "self._content"),
    ("handouts/exam/layout/flowables.py", "self._wrapInfo"),
    # the handout's pages: the frame's bottom when footnotes take room
    ("handouts/handout/layout/document.py", "doc._finish"),  # our name, reportlab's too
    ("handouts/handout/layout/pages.py", "frame._atTop"),
    ("handouts/handout/layout/pages.py", "frame._y"),
    ("handouts/handout/layout/pages.py", "self._content"),
    ("handouts/handout/layout/pages.py", "frame._geom"),
    ("handouts/handout/layout/pages.py", "frame._height"),
    ("handouts/handout/layout/pages.py", "frame._y1p"),
    ("handouts/handout/layout/pages.py", "self.frame._y"),
    # page X of Y: labels filled in when the canvas is saved
    ("handouts/layout/page_numbers.py", "self._code"),
    ("handouts/layout/page_numbers.py", "self._doc"),
    # the document template behind a canvas; footnotes, side notes, headings
    ("handouts/layout/flowables.py", "getattr('_doctemplate')"),
    ("handouts/layout/footnotes.py", "getattr('_ZEROSIZE')"),
    ("handouts/layout/footnotes.py", "getattr('_doctemplate')"),
    ("handouts/layout/footnotes.py", "getattr('_splitpara')"),
    ("handouts/layout/headings.py", "getattr('_doctemplate')"),
    # Para: line breaks once per width
    ("handouts/layout/paragraph.py", "self.__dict__.setdefault('_lines')"),  # our name, reportlab's too
    ("handouts/layout/paragraph.py", "WithFallback._setup overrides reportlab's"),
    ("handouts/layout/paragraph.py", "getattr('_splitpara')"),
    ("handouts/layout/paragraph.py", "para._hyphenations"),
    ("handouts/layout/paragraph.py", "para._splitLongWordCount"),
    ("handouts/layout/paragraph.py", "para._width_max"),
    ("handouts/layout/paragraph.py", "self._wrapWidths"),
    ("handouts/layout/paragraph.py", "super()._setup"),
    # the leaflet's panel cursor (how full a panel is)
    ("handouts/leaflet/layout/blocks.py", "getattr('_atTop')"),
    ("handouts/leaflet/layout/blocks.py", "getattr('_frame')"),
    ("handouts/leaflet/layout/blocks.py", "self._content"),
    ("handouts/leaflet/layout/pages.py", "self.frame._y"),
    ("handouts/leaflet/layout/pages.py", "self.frame._y2"),
    # code blocks: lines set as written
    ("handouts/layout/code.py", "CodeBlock._setup overrides reportlab's"),
    ("handouts/layout/code.py", "Paragraph._setup"),
}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _names_in(tree: ast.AST) -> set[str]:
    """Private names a piece of source uses as attributes, definitions or assigned names."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            names.add(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and _private(node.name):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and _private(node.id):
            names.add(node.id)
    return names


@functools.cache
def reportlab_private_names() -> frozenset[str]:
    names: set[str] = set()
    for path in Path(reportlab.__file__).parent.rglob("*.py"):
        try:
            names |= _names_in(ast.parse(path.read_text(encoding="utf-8", errors="replace")))
        except SyntaxError:  # reportlab ships a few files for other Pythons
            continue
    return frozenset(names)


@functools.cache
def _class_private_names(cls: type) -> frozenset[str]:
    """The private names reportlab's classes among `cls` and its bases use themselves."""
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("reportlab"):
            try:
                names |= _names_in(ast.parse(textwrap.dedent(inspect.getsource(klass))))
            except (OSError, TypeError, SyntaxError):
                names |= {name for name in vars(klass) if _private(name)}
    return frozenset(names)


def _modules(root: Path) -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(root.rglob("*.py"))]


def _reportlab_bases(modules: list[tuple[Path, ast.Module]]) -> dict[str, set[type]]:
    """Each class of ours (by name) that derives from reportlab's: those classes."""
    imported: dict[str, type] = {}
    for _, tree in modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                module = importlib.import_module(node.module or "")
                for alias in node.names:
                    found = getattr(module, alias.name, None)
                    if isinstance(found, type):
                        imported[alias.asname or alias.name] = found
    classes = [node for _, tree in modules for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    bases: dict[str, set[type]] = {}
    grew = True
    while grew:  # a class of ours may derive from another of ours
        grew = False
        for cls in classes:
            found = set(bases.get(cls.name, ()))
            for base in cls.bases:
                name = ast.unparse(base).split(".")[-1]
                if name in imported:
                    found.add(imported[name])
                found |= bases.get(name, set())
            if found != bases.get(cls.name, set()):
                bases[cls.name], grew = found, True
    return bases


def reaches(root: Path = HANDOUTS) -> Counter[tuple[str, str]]:
    """Every reach past reportlab's public API the scan sees in `root`, outside the wall."""
    modules = _modules(root)
    bases = _reportlab_bases(modules)
    everywhere = reportlab_private_names()
    found: Counter[tuple[str, str]] = Counter()

    def inherited(cls: ast.ClassDef | None) -> frozenset[str]:
        if cls is None or not bases.get(cls.name):
            return frozenset()
        return frozenset().union(*(_class_private_names(base) for base in bases[cls.name]))

    for path, tree in modules:
        if path == WALL:
            continue
        module = str(path.relative_to(root.parent))

        def visit(node: ast.AST, cls: ast.ClassDef | None, module: str = module) -> None:
            if isinstance(node, ast.ClassDef):
                cls = node
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name in inherited(cls):
                        found[(module, f"{cls.name}.{item.name} overrides reportlab's")] += 1
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                for alias in node.names:
                    if _private(alias.name):
                        found[(module, f"import {alias.name}")] += 1
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                owner = ast.unparse(node.value)
                if owner in ("self", "cls", "super()"):
                    if node.attr in inherited(cls):
                        found[(module, f"{owner}.{node.attr}")] += 1
                elif node.attr in everywhere:
                    found[(module, f"{owner}.{node.attr}")] += 1
            elif isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] in _LOOKUPS:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _private(arg.value) \
                            and arg.value in everywhere:
                        found[(module, f"{ast.unparse(node.func)}({arg.value!r})")] += 1
            for child in ast.iter_child_nodes(node):
                visit(child, cls)

        visit(tree, None)
    return found


def test_no_module_outside_the_wall_reaches_a_private_reportlab_name():
    found = set(reaches())
    new = sorted(found - NOT_YET_BEHIND_THE_WALL)
    assert not new, ("these reach reportlab's private names outside handouts/layout/reportlab_internals.py; "
                     "give each a function there (with a test in tests/test_reportlab_internals.py):\n"
                     + "\n".join(f"  {module}: {what}" for module, what in new))
    gone = sorted(NOT_YET_BEHIND_THE_WALL - found)
    assert not gone, ("no longer found, take them off NOT_YET_BEHIND_THE_WALL:\n"
                      + "\n".join(f"  {module}: {what}" for module, what in gone))


def test_the_scan_sees_the_reaches_it_is_meant_to_see(tmp_path):
    """The scan itself, on a module that makes one reach of every kind it knows."""
    package = tmp_path / "handouts"
    package.mkdir()
    (package / "probe.py").write_text(textwrap.dedent('''
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfgen.canvas import Canvas

        class Mine(Canvas):
            def _startPage(self):
                return self._code

        class Plain:
            def __init__(self):
                self._code = []  # our own object's name: not a reach

        def reach(canvas, flowable):
            getattr(canvas, "_doctemplate", None)
            flowable.__dict__.pop("_postponed", None)
            return canvas._doc, pdfmetrics._fonts
    '''), encoding="utf-8")
    found = reaches(package)
    assert sorted(what for _, what in found) == sorted([
        "Mine._startPage overrides reportlab's", "self._code", "getattr('_doctemplate')",
        "flowable.__dict__.pop('_postponed')", "canvas._doc", "pdfmetrics._fonts"])
