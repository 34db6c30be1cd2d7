"""The installed package: templates, themes and fonts inside it, no stray top-level
module, and the command runs from any folder."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest


def installed_files() -> list[str]:
    try:
        files = metadata.files("handouts") or []
    except metadata.PackageNotFoundError:
        pytest.skip("handouts is not installed (running from a source checkout)")
    names = [str(f) for f in files]
    if not any(n.startswith("handouts/") and n.endswith(".py") for n in names):
        pytest.skip("handouts is installed in editable mode")
    return names


def test_wheel_ships_templates_themes_and_fonts():
    names = installed_files()
    assert "handouts/_data/templates/handout/document.xml.j2" in names
    assert "handouts/_data/templates/themes/default.yaml" in names
    assert any(n.startswith("handouts/_data/fonts/noto/") and n.endswith(".ttf") for n in names)
    assert any(n.endswith("OFL.txt") for n in names)


def test_no_top_level_cli_module_is_installed():
    names = installed_files()
    assert not [n for n in names if n in ("cli.py", "cli/__init__.py")]


def test_command_runs_from_any_folder(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/les.md").write_text("---\ntitle: Les\n---\n\nTekst.\n", encoding="utf-8")
    import os
    from pathlib import Path

    import handouts

    # The package as imported here, whether installed or from the source checkout.
    env = {**os.environ, "PYTHONPATH": str(Path(handouts.__file__).resolve().parent.parent)}
    result = subprocess.run([sys.executable, "-m", "handouts", "build"], cwd=tmp_path, capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "build/les.pdf").is_file()


def test_the_installed_package_is_found_from_any_folder(tmp_path):
    """Regular or editable install: `import handouts` from an unrelated folder finds the
    real package, not a bare data folder left in site-packages."""
    try:
        metadata.distribution("handouts")
    except metadata.PackageNotFoundError:
        pytest.skip("handouts is not installed (running from a source checkout)")
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", "import handouts.cli; print(handouts.__file__)"],
                            cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("__init__.py")
