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
from gendan.core.errors import Finding, InvalidFile, Problem
from gendan.core.text import did_you_mean
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
        what = "nothing (the file is empty or only comments)" if data is None else f"{type(data).__name__}"
        raise InvalidFile([Problem(path, 1, 1, "E005", f"expected a mapping of keys at the top, got {what}")])
    try:
        return adapter(cls).validate_python(data)
    except ValidationError as e:
        raise InvalidFile(problems_from(e, cls, path, text)) from None


def problems_from(error: ValidationError, cls: type, path: str, text: str) -> list[Problem]:
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p != "[key]")
        kind = err["type"]
        code = _CODE_BY_TYPE.get(kind, "E103")
        if kind == "invalid_key":  # a number as a key, e.g. `{amount: 6,660.00}` split at the comma
            key = err["input"]
            where = loc[:-1]
            line, col = locate(text, (*where, str(key)), key=True)
            code = "E102"
            message = f"unknown key '{_dotted((*where, str(key)))}'"
            if not isinstance(key, str):
                message += (
                    " (inside {...} a comma separates entries: write numbers without "
                    "thousands separators, e.g. 6660.00 not 6,660.00)"
                )
        elif kind == "missing":
            line, col = locate(text, loc[:-1])
            message = f"missing required key '{_dotted(loc)}'"
        elif code == "E102":
            line, col = locate(text, loc, key=True)
            message = f"unknown key '{_dotted(loc)}'" + _suggest(cls, loc)
        elif kind == "literal_error":
            line, col = locate(text, loc)
            expected = err.get("ctx", {}).get("expected", "")
            options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",") if o.strip()]
            message = f"'{_dotted(loc)}' must be one of {', '.join(options)}; got {err['input']!r}" + did_you_mean(
                str(err["input"]), options
            )
        else:
            line, col = locate(text, loc)
            msg = err["msg"].removeprefix("Value error, ")
            code = _value_code(msg, code)
            message = f"'{_dotted(loc)}': {_plain(msg, err)}"
        problems.append(Problem(path, line, col, code, message))
    return problems


def _value_code(msg: str, default: str) -> str:
    if "date" in msg:
        return "E104"
    if "quantit" in msg or "pieces" in msg:
        return "E106"
    if "amount" in msg or "number" in msg:
        return "E105"
    return default


def _plain(msg: str, err: ErrorDetails) -> str:
    """pydantic's generic type messages, said the way a YAML user thinks."""
    kind = err["type"]
    if kind in ("model_type", "dataclass_type", "dict_type"):
        return f"expected a mapping of keys, got {_describe(err['input'])}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), got {_describe(err['input'])}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_describe(err['input'])}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(err['input'])}"
    return msg


def _describe(value: Any) -> str:
    from gendan.core.model import _kind

    return _kind(value)


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for p in loc:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _suggest(cls: type, loc: tuple[Any, ...]) -> str:
    fields = _fields_at(cls, loc[:-1])
    return did_you_mean(str(loc[-1]), fields)


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
