"""Template stage: Jinja2 renders a document into the block markup the layout reads.

Templates come from the user's project `templates/` first and the built-in ones
last, so one template can be overridden without copying the rest. Content is
data, never template source: autoescape is on and inline text arrives already
escaped, marked safe with the `inline` filter.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from handouts.errors import SourceRef, display_path, fail
from handouts.resources import builtin_dir


@lru_cache(maxsize=8)
def environment(project_root: Path | None) -> jinja2.Environment:
    search = [builtin_dir("templates")]
    if project_root is not None and (project_root / "templates").is_dir():
        search.insert(0, project_root / "templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    # Inline text from the loader is escaped reportlab markup: pass it through as is.
    env.filters["inline"] = lambda text: Markup(text or "")
    return env


def render(template: str, context: dict[str, Any], project_root: Path | None) -> str:
    """The block markup of `template` filled with `context`."""
    env = environment(project_root)
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = SourceRef(display_path(Path(exc.filename or exc.name or template), project_root), exc.lineno or 0)
        raise fail(where, f"template error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise fail(SourceRef(template), f'template "{exc.name}" not found in templates/ or the built-in templates') from None
    except jinja2.UndefinedError as exc:
        raise fail(SourceRef(template), f"template error: {exc.message}; check the names the template uses") from None
