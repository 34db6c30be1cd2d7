"""Parameter sets: one question, several variants, filled in with Jinja2.

A question may declare `params:`, a list of sets such as `{regio: hals, aantal: 7}`.
Every text of the question is rendered once per set in a sandboxed environment
with `StrictUndefined`, so a misspelt parameter is an error at its line, not an
empty hole on paper. Rendering happens when the bank is loaded; the sampler only
chooses which rendered variant a version gets.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from handouts.errors import SourceRef, did_you_mean, fail
from handouts.yamlfile import LinedDict, LinedList


@functools.lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    # Autoescape off: the result is content text, escaped later by the templates.
    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
    )


def render_text(text: str, values: dict[str, Any], ref: SourceRef) -> str:
    """`text` with the parameters in `values` filled in; errors point at `ref`."""
    if "{{" not in text and "{%" not in text:
        return text
    try:
        return _environment().from_string(text).render(values)
    except jinja2.UndefinedError as exc:
        name = _undefined_name(str(exc))
        known = ", ".join(sorted(values)) or "none"
        raise fail(
            ref,
            f'the parameter "{name}" is not defined{did_you_mean(name, values)}; '
            f"the parameter sets define: {known}. Add it to every set under params:, "
            "or fix the name between {{ }}",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise fail(
            ref.at(max(exc.lineno - 1, 0)),
            f"the text cannot be filled in ({exc.message}); check the {{{{ }}}} pairs",
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        # e.g. {{ aantal + 1 }} where aantal is text: the teacher's slip, not our bug
        raise fail(ref, f"the text cannot be filled in: {exc}; check the parameter values") from None


def _undefined_name(message: str) -> str:
    found = re.search(r"'([^']+)' is undefined", message)
    if found:
        return found.group(1)
    found = re.search(r"has no attribute '([^']+)'", message)
    return found.group(1) if found else message


def render_tree(value: Any, values: dict[str, Any], ref: SourceRef) -> Any:
    """A copy of a YAML value with every string rendered; refs are kept."""
    if isinstance(value, str):
        return render_text(value, values, ref)
    if isinstance(value, LinedDict):
        out = LinedDict()
        out.ref, out.key_refs = value.ref, dict(value.key_refs)
        for key, item in value.items():
            out[key] = render_tree(item, values, value.key_ref(key))
        return out
    if isinstance(value, LinedList):
        out_list = LinedList(
            render_tree(item, values, item_ref)
            for item, item_ref in zip(value, value.item_refs, strict=True)
        )
        out_list.ref, out_list.item_refs = value.ref, list(value.item_refs)
        return out_list
    return value


def label(values: dict[str, Any]) -> str:
    """A parameter set as one short line for the answer key: "regio=hals, aantal=7"."""
    return ", ".join(f"{k}={v}" for k, v in values.items())
