"""The house: one wing per kind (handout, leaflet, exam), a shared core that knows no
wing, no wing that knows another, no import circles; and a handout build that loads
no exam or leaflet code. Imports are read from the source (ast), every one of them:
at the top, inside functions and under `if TYPE_CHECKING`."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import handouts

PACKAGE = Path(handouts.__file__).parent
WINGS = ("handouts.handout", "handouts.leaflet", "handouts.exam")
# The command, the recipe and the registry of kinds may name the wings; nothing else
# outside a wing may (kinds.py names them only as strings, imported when needed).
ABOVE_THE_WINGS = {"handouts.cli", "handouts.build", "handouts.kinds", "handouts.__main__"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """The handouts modules `path` imports, wherever in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("handouts"):
                for alias in node.names:  # `from handouts.load import model` names a module
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("handouts"))
        assert not (isinstance(node, ast.ImportFrom) and node.level), f"{path}: use absolute imports"
    return {name for name in found if name in MODULES and name != "handouts"}


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _wing(module: str) -> str | None:
    return next((w for w in WINGS if module == w or module.startswith(w + ".")), None)


def test_the_wings_and_the_core_are_where_the_map_says() -> None:
    for package in ("handouts.load", "handouts.layout", *WINGS, *(f"{w}.layout" for w in WINGS)):
        assert package in MODULES, f"{package} is missing"
    assert "handouts.kinds" in MODULES


def test_no_wing_imports_another_wing() -> None:
    crossings = [f"{m} imports {i}" for m, imports in GRAPH.items() if _wing(m)
                 for i in imports if _wing(i) and _wing(i) != _wing(m)]
    assert crossings == []


def test_the_core_imports_no_wing() -> None:
    core = [m for m in GRAPH if not _wing(m) and m not in ABOVE_THE_WINGS]
    assert "handouts.layout.blocks" in core and "handouts.load.content" in core
    crossings = [f"{m} imports {i}" for m in core for i in GRAPH[m] if _wing(i)]
    assert crossings == []


def test_no_import_circles() -> None:
    """Tarjan's strongly connected components: any with two modules or more is a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in GRAPH[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert circles == []


def test_a_handout_build_loads_no_exam_or_leaflet_code(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "les.md").write_text("---\ntitle: Les 1\n---\n\nDe spieren van de rug.\n",
                                                 encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from handouts.build import build
        from handouts.products import Options
        from handouts.project import load_project
        project = load_project(Path({str(tmp_path)!r}))
        report = build([project.content_dir], project, Options(), out_dir=Path({str(tmp_path / 'out')!r}))
        assert not report.failed, report.diagnostics
        assert report.pages, "nothing was built"
        print("\\n".join(sorted(m for m in sys.modules if m.startswith(("handouts.exam", "handouts.leaflet")))))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
    assert (tmp_path / "out" / "les.pdf").exists()
