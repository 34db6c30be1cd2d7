"""handouts: print-ready PDFs for teaching and patient material."""

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it
