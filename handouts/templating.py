"""Template stage: Jinja2 renders a document into the block markup the layout reads.

Templates come from the user's project `templates/` first and the built-in ones
last, so one template can be overridden without copying the rest. Content is
data, never template source: autoescape is on and inline text arrives already
escaped, marked safe with the `inline` filter.
"""

from __future__ import annotations

import functools
import os
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from markupsafe import Markup

from handouts.dates import written_date
from handouts.errors import Diagnostic, HandoutsError, SourceRef, did_you_mean, display_path, fail
from handouts.layout.markup import INLINE, MarkupTable, Misfit, misfits, src
from handouts.resources import builtin_dir
from handouts.user_cache import cache_folder


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
        bytecode_cache=KeptTemplates(),
    )
    # Inline text from the loader is escaped reportlab markup: pass it through as is.
    env.filters["inline"] = lambda text: Markup(text or "")
    # "1 september 2026", with the month names of the project's own words file if it has one
    env.filters["written_date"] = functools.partial(written_date, project_root=project_root)
    return env


class KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the user's cache folder, so that a build does not
    compile the same templates again (jinja2 checks each against its source and
    compiles again when it changed). A folder that cannot be written, or a damaged
    file, only means compiling, as without the cache."""

    def __init__(self) -> None:
        super().__init__(str(cache_folder() / "templates"), "%s.jinja")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # anything a damaged file raises: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def render(template: str, context: dict[str, Any], project_root: Path | None,
           markup: MarkupTable | None = None) -> str:
    """The block markup of `template` filled with `context`; with `markup`, every tag
    and attribute in it is checked against that table, so that nothing a template
    writes is left out of the page unnoticed."""
    env = environment(project_root)
    try:
        text = env.get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = SourceRef(display_path(Path(exc.filename or exc.name or template), project_root), exc.lineno or 0)
        raise fail(where, f"template error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise fail(SourceRef(template), f'template "{exc.name}" not found in templates/ or the built-in templates') from None
    except jinja2.UndefinedError as exc:
        raise fail(SourceRef(template), f"template error: {exc.message}; check the names the template uses") from None
    if markup is not None:
        check_tags(text, markup, template, project_root)
    return text


def check_tags(text: str, markup: MarkupTable, template: str, project_root: Path | None) -> None:
    """Raise an error at the template line of every tag or attribute of `text` that
    `markup` does not declare. (Markup that is not well-formed is left to the layout,
    which reports it.)"""
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return
    found: dict[tuple, Diagnostic] = {}
    for misfit in misfits(root, markup):
        where = (misfit.element.tag, misfit.attribute, misfit.parent.tag if misfit.parent is not None else "")
        if where not in found:
            found[where] = _misfit_diagnostic(misfit, markup, template, project_root)
    if found:
        raise HandoutsError(sorted(found.values(), key=lambda d: d.ref))


def _misfit_diagnostic(misfit: Misfit, markup: MarkupTable, template: str,
                       project_root: Path | None) -> Diagnostic:
    elem, parent, attribute = misfit.element, misfit.parent, misfit.attribute
    name = elem.tag
    if attribute:
        takes = sorted(markup.tags[name].attributes)
        message = (f'unknown attribute {attribute}="..." on <{name}>{did_you_mean(attribute, takes)}; '
                   f"<{name}> takes: {', '.join(takes) or 'no attributes'}")
        needle = rf"<{re.escape(name)}\b[^>]*?\s{re.escape(attribute)}\s*="
    elif parent is None:
        message = f"the markup must start with {', '.join(f'<{r}>' for r in sorted(markup.roots))}, not <{name}>"
        needle = rf"<{re.escape(name)}(?=[\s/>])"
    else:
        allowed = sorted(markup.tags[parent.tag].children)
        where = f"inside <{parent.tag}>"
        if name in markup.tags and elem.get("src"):  # the content's own block
            return Diagnostic(src(elem),
                              f"this block (<{name}>) does not print inside <{parent.tag}>, which holds "
                              + ", ".join(f"<{a}>" for a in allowed) + f"; move it out of the <{parent.tag}>")
        if name in markup.tags:
            homes = sorted(t for t, spec in markup.tags.items() if name in spec.children)
            message = (f"<{name}> does not print {where}; it belongs in "
                       + ", ".join(f"<{h}>" for h in homes[:6]))
            needle = rf"<{re.escape(name)}(?=[\s/>])"
            return Diagnostic(_template_line(template, needle, project_root, outside=homes), message)
        else:
            close = did_you_mean(name, allowed) or did_you_mean(name, markup.tags)
            shown = "paragraph markup (<b>, <i>, <u>, <font>, <br/>, ...)" if set(allowed) == set(INLINE) else \
                ", ".join(f"<{a}>" for a in allowed)
            message = f"unknown tag <{name}>{close} {where}, which holds {shown}; a tag the layout does not know would not print"
        needle = rf"<{re.escape(name)}(?=[\s/>])"
    return Diagnostic(_template_line(template, needle, project_root), message)


def _within(source: str, at: int, tags: list[str]) -> bool:
    """Whether position `at` of a template's source lies inside one of `tags`."""
    before = source[:at]
    return any(len(re.findall(rf"<{re.escape(t)}(?=[\s>])", before)) > before.count(f"</{t}>") for t in tags)


def _template_line(template: str, needle: str, project_root: Path | None,
                   outside: list[str] | None = None) -> SourceRef:
    """Where in the templates `template` uses (itself, what it includes and imports)
    `needle` is first written: the project's own templates first, then the built-in.
    With `outside`, the first place not within one of those tags (a misplaced tag)."""
    env = environment(project_root)
    sources: list[tuple[str, str]] = []  # (file, source), in the order they are reached
    todo, seen = [template], set()
    loader = env.loader
    assert loader is not None  # every environment here is made with one
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.add(name)
        try:
            source, filename, _ = loader.get_source(env, name)
            todo += [t for t in jinja2.meta.find_referenced_templates(env.parse(source)) if t]
        except jinja2.TemplateError:
            continue
        sources.append((filename or name, source))
    own = str(project_root / "templates") if project_root is not None else None
    sources.sort(key=lambda item: not (own and item[0].startswith(own)))  # stable: keeps the order
    pattern = re.compile(needle)
    for strict in (True, False) if outside else (False,):
        for filename, source in sources:
            for match in pattern.finditer(source):
                if strict and outside and _within(source, match.start(), outside):
                    continue  # where the tag belongs: not the misplaced one
                line = source.count("\n", 0, match.end()) + 1
                return SourceRef(display_path(Path(filename), project_root), line)
    first = sources[0][0] if sources else template
    return SourceRef(display_path(Path(first), project_root))
