"""Parameter sets: one question, several variants, filled in with Jinja2.

A question may declare `params:`, a list of sets such as `{regio: hals, aantal: 7}`.
Every text of the question is rendered once per set in a sandboxed environment
with `StrictUndefined`, so a misspelt parameter is an error at its line, not an
empty hole on paper. Rendering happens when the bank is loaded; the sampler only
chooses which rendered variant a version gets.

The sandbox keeps a text from asking for more than a question can hold: no loops,
macros or assignments (`{{ }}` and `{% if %}` only, so the work is as long as the text),
no value of more than `MAX_TEXT` characters or items, no number of more than
`MAX_DIGITS` digits, each refused before it is made.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from handouts.errors import SourceRef, did_you_mean, fail
from handouts.load.yamlfile import LinedDict, LinedList

MAX_TEXT = 100_000  # characters (or items) of one filled-in text and of every value on the way
MAX_DIGITS = 1_000  # of a number made by the text
_STATEMENTS = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.If)  # all a text may use


class _Refused(Exception):
    """A text asked for more than the limits allow; the message says what."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple, dict, set, range)) else 0


def _checked(value: Any) -> Any:
    if _size(value) > MAX_TEXT:
        raise _Refused(f"it makes a value of {_size(value):,} characters or items "
                        f"(at most {MAX_TEXT:,})")
    if isinstance(value, int) and abs(value).bit_length() > MAX_DIGITS * 3.33:
        raise _Refused(f"it makes a number of more than {MAX_DIGITS:,} digits")
    return value


def _expected(operator: str, left: Any, right: Any) -> int:
    """How many characters, items or bits `left operator right` would have: cheap to know."""
    if operator == "*":
        count, other = (left, right) if isinstance(left, int) else (right, left)
        if isinstance(count, int) and _size(other):
            return _size(other) * count
    if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
        return 0 if abs(left) <= 1 else int(right * math.log10(abs(left)))  # digits
    if operator == "+":
        return _size(left) + _size(right)
    return 0


# Methods and filters whose result can be far larger than what they are given.
_GROWING = {"ljust", "rjust", "center", "zfill", "expandtabs", "indent", "wordwrap", "replace",
            "join", "format", "truncate", "batch", "slice"}


def _before_growing(name: str, target: Any, args: tuple, kwargs: dict) -> None:
    """Refuse a call of a `_GROWING` method or filter whose result would be too large."""
    given = [*args, *kwargs.values()]
    widths = [a for a in given if isinstance(a, int) and not isinstance(a, bool)]
    texts = [_size(a) for a in given if isinstance(a, (str, list, tuple))]
    if name == "format" and isinstance(target, str):
        # the widths stand in the format; arguments are what is formatted, unless a width
        # is left to them ("%*d", "{:>{w}}")
        numbers = widths if "*" in target or re.search(r"\{[^{}]*\{", target) else []
        widths = numbers + [int(w) for w in re.findall(r"(?:%[-#0 +]*|[:<>^=])(\d+)", target)]
    expected = max([*widths, 0]) + _size(target)
    if name in ("replace", "join"):
        expected += (_size(target) + 1) * max([*texts, 0])
    if expected > MAX_TEXT:
        raise _Refused(f"{name} would make a value of some {expected:,} characters or items "
                        f"(at most {MAX_TEXT:,})")


class _LimitedSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any):
        super().__init__(**options)
        for name in _GROWING & set(self.filters):
            self.filters[name] = _limited_filter(name, self.filters[name])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            _before_growing("format", left, (right,) if not isinstance(right, tuple) else right, {})
        else:
            expected, limit = _expected(operator, left, right), MAX_TEXT
            what = "characters or items"
            if operator == "**":
                limit, what = MAX_DIGITS, "digits"
            if expected > limit:
                raise _Refused(f"{operator} would make a value of some {expected:,} {what} "
                               f"(at most {limit:,})")
        return _checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        name = getattr(__obj, "__name__", "")
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        if name in _GROWING and isinstance(getattr(method, "__self__", None), str):
            _before_growing(name, method.__self__, args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))


def _limited_filter(name: str, filter_: Any) -> Any:
    @functools.wraps(filter_)  # keeps jinja's pass_context / pass_environment marks
    def limited(*args: Any, **kwargs: Any) -> Any:
        value_at = 1 if getattr(filter_, "jinja_pass_arg", None) else 0
        _before_growing(name, args[value_at], args[value_at + 1:], kwargs)
        return _checked(filter_(*args, **kwargs))
    return limited


@functools.lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    # Autoescape off: the result is content text, escaped later by the templates.
    return _LimitedSandbox(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
    )


def _template(text: str) -> jinja2.Template:
    """The compiled text, refused when it holds a statement other than {% if %}."""
    environment = _environment()
    tree = environment.parse(text)
    for node in tree.find_all(nodes.Stmt):
        if not isinstance(node, _STATEMENTS):
            raise _Refused(f"{{% {type(node).__name__.lower()} %}} is not available here; "
                            "a text may use {{ }} and {% if %}: give each variant its own "
                            "parameter set instead")
    return environment.from_string(tree)


def _render(text: str, values: dict[str, Any]) -> str:
    """The filled-in text, stopped as soon as it grows past `MAX_TEXT` characters."""
    pieces, length = [], 0
    for piece in _template(text).generate(values):
        length += len(piece)
        if length > MAX_TEXT:
            raise _Refused(f"the filled-in text grows past {MAX_TEXT:,} characters")
        pieces.append(piece)
    return "".join(pieces)


def render_text(text: str, values: dict[str, Any], ref: SourceRef) -> str:
    """`text` with the parameters in `values` filled in; errors point at `ref`."""
    if "{{" not in text and "{%" not in text:
        return text
    try:
        return _render(text, values)
    except _Refused as exc:
        raise fail(ref, f"the text cannot be filled in: {exc}; write what the paper should "
                   "show, or a simpler {{ }}") from None
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
