"""From YAML data to model objects, every problem located as `path:line:col`.

pydantic validates; its error locations are key paths, which `yamlio.locate` turns
back into lines and columns of the user's file. Unknown keys get a "did you mean".
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from gendan.core.config import bind_validation
from gendan.core.errors import Finding, InvalidFile, Problem, said
from gendan.core.text import guessed
from gendan.store.yamlio import locate

bind_validation()  # gendan.yaml's classes: validatable from here on

T = TypeVar("T")

_CODE_BY_TYPE = {
    "missing": "E101",
    "unexpected_keyword_argument": "E102",
    "extra_forbidden": "E102",
    "literal_error": "E107",
}


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def adapter(cls: type[T]) -> TypeAdapter[T]:
    """The validator of `cls`, built once (building one takes milliseconds)."""
    made = _ADAPTERS.get(cls)
    if made is None:
        made = _ADAPTERS[cls] = TypeAdapter(cls)
    return made


def build(cls: type[T], data: Any, path: str, text: str) -> T:
    """Validate `data` (read from `text` at `path`) into a `cls`, or raise located problems."""
    if not isinstance(data, dict):
        message, words = said(
            ("expected a mapping of keys at the top, got nothing (the file is empty or only comments)", {})
            if data is None
            else (
                _TOP.get(type(data).__name__, "expected a mapping of keys at the top, got {type}"),
                {"type": type(data).__name__},
            )
        )
        raise InvalidFile([Problem(path, 1, 1, "E005", message, words)])
    try:
        return adapter(cls).validate_python(data)
    except ValidationError as e:
        raise InvalidFile(problems_from(e, cls, path, text)) from None


# E005: what the top of a file is instead of a mapping (its Python type's name)
_TOP = {
    "list": "expected a mapping of keys at the top, got list",
    "str": "expected a mapping of keys at the top, got str",
    "int": "expected a mapping of keys at the top, got int",
    "Decimal": "expected a mapping of keys at the top, got Decimal",
    "bool": "expected a mapping of keys at the top, got bool",
}


def problems_from(error: ValidationError, cls: type, path: str, text: str) -> list[Problem]:
    """pydantic's errors as located problems, each with its words (Problem.words) for the user's
    language; the keys the user typed stay as typed."""
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p != "[key]")
        kind = err["type"]
        code = _CODE_BY_TYPE.get(kind, "E103")
        pieces: list[tuple[str, dict[str, Any]]]
        if kind == "invalid_key":  # a number as a key, e.g. `{amount: 6,660.00}` split at the comma
            key = err["input"]
            where = loc[:-1]
            line, col = locate(text, (*where, str(key)), key=True)
            code = "E102"
            pieces = [("unknown key '{key}'", {"key": _dotted((*where, str(key)))})]
            if not isinstance(key, str):
                pieces.append(
                    (
                        " (inside {...} a comma separates entries: write numbers without "
                        "thousands separators, e.g. 6660.00 not 6,660.00)",
                        {},
                    )
                )
        elif kind == "missing":
            line, col = locate(text, loc[:-1])
            pieces = [("missing required key '{key}'", {"key": _dotted(loc)})]
        elif code == "E102":
            line, col = locate(text, loc, key=True)
            pieces = [("unknown key '{key}'", {"key": _dotted(loc)}), *_suggest(cls, loc)]
        elif kind == "literal_error":
            line, col = locate(text, loc)
            expected = err.get("ctx", {}).get("expected", "")
            options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",") if o.strip()]
            pieces = [
                (
                    "'{key}' must be one of {options}; got {got!r}",
                    {"key": _dotted(loc), "options": ", ".join(options), "got": err["input"]},
                ),
                *guessed(str(err["input"]), options),
            ]
        else:
            line, col = locate(text, loc)
            msg = err["msg"].removeprefix("Value error, ")
            code = _value_code(msg, code)
            plain = _plain(msg, err)
            if plain is None:  # pydantic's own words (or a validator's without words): English only
                problems.append(Problem(path, line, col, code, f"'{_dotted(loc)}': {msg}"))
                continue
            pieces = [("'{key}': ", {"key": _dotted(loc)}), *plain]
        message, words = said(*pieces)
        problems.append(Problem(path, line, col, code, message, words))
    return problems


def _value_code(msg: str, default: str) -> str:
    if "date" in msg:
        return "E104"
    if "quantit" in msg or "pieces" in msg:
        return "E106"
    if "amount" in msg or "number" in msg:
        return "E105"
    return default


# pydantic's bounds (Field(ge=..., le=...)), in its words: the template and its value's name
_BOUNDS = {
    "less_than_equal": ("Input should be less than or equal to {le}", "le"),
    "greater_than_equal": ("Input should be greater than or equal to {ge}", "ge"),
    "less_than": ("Input should be less than {lt}", "lt"),
    "greater_than": ("Input should be greater than {gt}", "gt"),
}


def _plain(msg: str, err: ErrorDetails) -> list[tuple[str, dict[str, Any]]] | None:
    """pydantic's generic type messages, said the way a YAML user thinks, as pieces of a message
    (`said`); a validator's own message with its words (gendan.core.errors.Unfit); None for a
    message that has no words (said as it is, in English)."""
    kind = err["type"]
    if kind in ("model_type", "dataclass_type", "dict_type"):
        return [("expected a mapping of keys, got ", {}), _describe(err["input"])]
    if kind == "list_type":
        return [("expected a list (lines starting with '- '), got ", {}), _describe(err["input"])]
    if kind in ("bool_type", "bool_parsing"):
        return [("expected true or false, got ", {}), _describe(err["input"])]
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return [("expected a whole number, got ", {}), _describe(err["input"])]
    if kind in _BOUNDS:  # a bound of the schema (an offset of at most MAX_DAYS): pydantic's words
        template, name = _BOUNDS[kind]
        values = {name: err.get("ctx", {}).get(name)}
        return [(template, values)] if template.format(**values) == msg else None
    raised = err.get("ctx", {}).get("error")
    words = getattr(raised, "words", ())
    if words and str(raised) == msg:
        return [(t, dict(v)) for t, v in words]
    return None


def _describe(value: Any) -> tuple[str, dict[str, Any]]:
    from gendan.core.model import _kind

    return _kind(value)


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for p in loc:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _suggest(cls: type, loc: tuple[Any, ...]) -> list[tuple[str, dict[str, Any]]]:
    fields = _fields_at(cls, loc[:-1])
    return guessed(str(loc[-1]), fields)


def _fields_at(cls: Any, loc: tuple[Any, ...]) -> list[str]:
    """Names of the keys the model accepts at `loc` (for "did you mean")."""
    tp: Any = cls
    for part in loc:
        tp = _unwrap(tp)
        if dataclasses.is_dataclass(tp):
            hints = typing.get_type_hints(tp, include_extras=True)
            tp = hints.get(_field_name(tp, part), None)
        elif typing.get_origin(tp) in (list, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return []
    tp = _unwrap(tp)
    if dataclasses.is_dataclass(tp):
        return [_yaml_name(f) for f in dataclasses.fields(tp)]
    return []


def _field_name(tp: Any, key: Any) -> str:
    for f in dataclasses.fields(tp):
        if _yaml_name(f) == key:
            return f.name
    return str(key)


def _yaml_name(f: dataclasses.Field[Any]) -> str:
    return "from" if f.name == "from_" else f.name


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def to_problems(findings: list[Finding], path: str, text: str) -> list[Problem]:
    """Locate findings in the file they are about."""
    return [Problem(path, *locate(text, f.keypath), f.code, f.message, f.words) for f in findings]
