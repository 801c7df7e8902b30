"""Reading YAML strictly and fast, locating any key path back to line:col.

The reader is PyYAML's C parser with YAML 1.2-style scalars: only true/false are
booleans, `NO`/`on` stay strings, `0012` and `12:30` stay strings, no timestamps
(dates are parsed by the model, so 2026-02-30 is an error there), decimals become
`Decimal`, duplicate keys and object-building tags are refused, alias expansion is
bounded, files over `MAX_BYTES` are refused. Positions are not recorded while
loading (that would slow down the common, valid case); `locate` re-composes the
text only when a problem needs a line and column.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from gendan.core.errors import InvalidFile, Problem, said

MAX_BYTES = 1024 * 1024
MAX_EXPANDED_NODES = 100_000
MAX_EXPANDED_CHARS = 4 * MAX_BYTES  # characters of text once aliases are expanded
MAX_DEPTH = 100  # real orders nest about 5 levels
BOM = b"\xef\xbb\xbf"


class _PyParser(Reader, Scanner, Parser, Composer):
    """The pure-Python parser: the reference for how problems are worded and located."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)


try:  # libyaml's C parser is the fast path (about 10x); problems are re-read with _PyParser
    from yaml._yaml import CParser as _Parser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - libyaml missing
    _Parser = _PyParser  # type: ignore[assignment,misc]
    HAVE_LIBYAML = False


class Resolver12(yaml.resolver.BaseResolver):
    """Implicit tags as YAML 1.2's core schema, minus octal and leading zeros."""


Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
Resolver12.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
Resolver12.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def _resolve(self: yaml.resolver.BaseResolver, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
    """BaseResolver.resolve without path resolvers (gendan has none): called once per node."""
    if kind is ScalarNode and implicit[0]:
        return _implicit_tag(value)
    return _DEFAULT_TAGS[kind]


def _implicit_tag(value: str) -> str:
    """The tag of a plain scalar without one (Resolver12's implicit resolvers)."""
    for tag, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return Resolver12.DEFAULT_SCALAR_TAG


_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(rs) for first, rs in Resolver12.yaml_implicit_resolvers.items()
}
_DEFAULT_TAGS: dict[type[Node], str] = {
    ScalarNode: Resolver12.DEFAULT_SCALAR_TAG,
    SequenceNode: Resolver12.DEFAULT_SEQUENCE_TAG,
    MappingNode: Resolver12.DEFAULT_MAPPING_TAG,
}
assert None not in _IMPLICIT and not Resolver12.yaml_path_resolvers  # what _resolve leaves out
# Patching the class (not overriding in it) keeps these plain functions: a method call less per node.
Resolver12.resolve = _resolve  # type: ignore[method-assign]
Resolver12.descend_resolver = lambda self, current_node, current_index: None  # type: ignore[method-assign]
Resolver12.ascend_resolver = lambda self: None  # type: ignore[method-assign]


def _refused_value(mark: Any, template: str, values: dict[str, Any]) -> ConstructorError:
    """A value the reader refuses, its words kept (`words`) for the located problem."""
    message, words = said((template, values))
    e = ConstructorError(None, None, message, mark)
    e.words = words  # type: ignore[attr-defined]
    return e


class StrictConstructor(yaml.constructor.BaseConstructor):
    """Builds only plain data: str, int, Decimal, bool, None, list, dict."""

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise _refused_value(node.start_mark, "expected a mapping", {})
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in mapping
            except TypeError:
                raise _refused_value(
                    key_node.start_mark, "a key must be a plain value, not a list or mapping", {}
                ) from None
            if duplicate:
                raise DuplicateKey(key, key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_map(self, node: Node) -> Iterator[dict[Any, Any]]:
        data: dict[Any, Any] = {}
        yield data
        data.update(self.construct_mapping(node))

    def construct_yaml_seq(self, node: SequenceNode) -> Iterator[list[Any]]:
        data: list[Any] = []
        yield data
        data.extend(self.construct_sequence(node))

    def construct_yaml_str(self, node: ScalarNode) -> str:
        text: str = node.value
        return text

    def construct_yaml_int(self, node: ScalarNode) -> int:
        return int(node.value)

    def construct_yaml_decimal(self, node: ScalarNode) -> Decimal:
        try:
            return Decimal(node.value)
        except InvalidOperation:
            raise _refused_value(node.start_mark, "{value!r} is not a number", {"value": node.value}) from None

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        return node.value[0] in "tT"

    def construct_yaml_null(self, node: ScalarNode) -> None:
        return None

    def construct_undefined(self, node: Node) -> NoReturn:
        raise _refused_value(node.start_mark, "the tag {tag} is not allowed in gendan files", {"tag": node.tag})


_CONSTRUCTORS: list[tuple[str | None, Callable[[StrictConstructor, Any], Any]]] = [
    ("tag:yaml.org,2002:map", StrictConstructor.construct_yaml_map),
    ("tag:yaml.org,2002:seq", StrictConstructor.construct_yaml_seq),
    ("tag:yaml.org,2002:str", StrictConstructor.construct_yaml_str),
    ("tag:yaml.org,2002:int", StrictConstructor.construct_yaml_int),
    ("tag:yaml.org,2002:float", StrictConstructor.construct_yaml_decimal),
    ("tag:yaml.org,2002:bool", StrictConstructor.construct_yaml_bool),
    ("tag:yaml.org,2002:null", StrictConstructor.construct_yaml_null),
    (None, StrictConstructor.construct_undefined),
]
for _tag, _fn in _CONSTRUCTORS:
    # the stubs expect a constructor of one of PyYAML's own loader classes
    StrictConstructor.add_constructor(_tag, _fn)  # type: ignore[type-var]


class DuplicateKey(ConstructorError):
    def __init__(self, key: Any, mark: Mark | None) -> None:
        super().__init__(None, None, f"duplicate key {key!r}", mark)


class _Untagged(yaml.resolver.BaseResolver):
    """The fast path's resolver: libyaml calls it for every node, so it is three C builtins that
    return at once. A node without a tag is `UNTAGGED`; `_plain` resolves a plain scalar's type
    itself (Resolver12's rules, from a cache: orders repeat their scalars), with no Python call."""

    resolve = "?".format  # (kind, value, implicit) -> "?"; str.format ignores unused arguments
    descend_resolver = "".format  # type: ignore[assignment]  # called, its result unused
    ascend_resolver = "".format  # type: ignore[assignment]


UNTAGGED = "?"


class _Composer(_Parser, _Untagged):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Untagged.__init__(self)


class _PyStrictLoader(_PyParser, StrictConstructor, Resolver12):
    def __init__(self, stream: str) -> None:
        _PyParser.__init__(self, stream)
        StrictConstructor.__init__(self)
        Resolver12.__init__(self)


class _PyComposer(_PyParser, Resolver12):
    def __init__(self, stream: str) -> None:
        _PyParser.__init__(self, stream)
        Resolver12.__init__(self)


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a file's bytes (a BOM tolerated), or a located E001."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise InvalidFile(
            [
                _said(
                    path,
                    line,
                    col,
                    "E001",
                    "not UTF-8: byte 0x{byte:02x} cannot be decoded; save the file as UTF-8",
                    {"byte": data[e.start]},
                )
            ]
        ) from None


# why a file cannot be read, as the system says it (strerror): the words for the user's language
CANNOT_READ = {
    "No such file or directory": "cannot read: No such file or directory",
    "Permission denied": "cannot read: Permission denied",
    "Is a directory": "cannot read: Is a directory",
    "Too many levels of symbolic links": "cannot read: Too many levels of symbolic links",
}


def read_text(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """The text of a file, refusing huge, unreadable or non-UTF-8 files."""
    shown = display or str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        reason = str(e.strerror or e)
        if reason in CANNOT_READ:
            raise InvalidFile([_said(shown, 1, 1, "E001", CANNOT_READ[reason], {})]) from None
        raise InvalidFile([_said(shown, 1, 1, "E001", "cannot read: {reason}", {"reason": reason})]) from None
    if len(data) > max_bytes:
        raise InvalidFile(
            [
                _said(
                    shown,
                    1,
                    1,
                    "E001",
                    "file is larger than {kib} KiB; refusing to read it",
                    {"kib": max_bytes // 1024},
                )
            ]
        )
    return decode(data, shown)


def loads(text: str, path: str) -> Any:
    """Parse YAML text strictly; every problem raised as a located InvalidFile.

    libyaml reads; a file it refuses is read again by the pure-Python parser, whose
    messages and positions are the ones gendan reports (the two word them differently).
    """
    if "<<<<<<<" in text:
        _check_conflict_markers(text, path)
    fast = HAVE_LIBYAML and not _needs_reference(text)
    _check_depth(text, path, _Composer if fast else _PyComposer)  # once: a refused file is read once
    if fast:
        try:
            return _fast_loads(text, path)
        except Exception:  # whatever went wrong, the reference path says it (or does the same)
            pass
    return _loads(text, path, _PyStrictLoader, _PyComposer)


_CONFLICT = re.compile(r"^<{7}(?: |$)", re.M)


def _check_conflict_markers(text: str, path: str) -> None:
    """A `git merge` that stopped on a conflict leaves `<<<<<<<`, `=======`, `>>>>>>>` lines: say so
    (E006, at the first marker) rather than a YAML syntax error somewhere near it."""
    m = _CONFLICT.search(text)
    if m is None:
        return
    line = text.count("\n", 0, m.start()) + 1
    raise InvalidFile(
        [
            _said(
                path,
                line,
                1,
                "E006",
                "unresolved merge conflict (a `<<<<<<<` line left by git); keep the right lines, "
                "remove the <<<<<<< ======= >>>>>>> markers, then `git add` the file",
                {},
            )
        ]
    )


_ANCHOR = re.compile(r"&[^\s,\[\]{}]")  # what any anchor looks like (no anchor: no alias)
# Where libyaml and PyYAML disagree (found by fuzzing them against each other): the
# non-specific tag `!`, tabs, BOMs inside the text, NEL/LS/PS line breaks, and a comment
# right after a block scalar indicator (`|#`), `?` inside a flow collection. Files with any
# of these (rare; a `!` or `?` in text only costs the slower path) go to the reference reader.
_UNUSUAL = re.compile("[\t\x85\u2028\u2029\ufeff]|[|>][-+0-9]*#|(?:^|[\\s\\[{,])!")
_FLOW_QUESTION = re.compile(r"[\[{][^?]*\?")
# every match of _UNUSUAL holds one of these: looking for them first is 100x cheaper than the regex
_UNUSUAL_CHARS = tuple("\t\x85\u2028\u2029\ufeff|>!")


def _needs_reference(text: str) -> bool:
    """Whether libyaml might read `text` otherwise than PyYAML does (see _UNUSUAL)."""
    if any(c in text for c in _UNUSUAL_CHARS) and _UNUSUAL.search(text):
        return True
    return "?" in text and _FLOW_QUESTION.search(text) is not None


_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ = (
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")
)


def _fast_loads(text: str, path: str) -> Any:
    """The common case, fast: libyaml composes, `_plain` builds; raises on anything unusual.

    Gives exactly what `StrictConstructor` would give for a document it accepts; for
    anything else it raises, and `loads` reads the file again the reference way. Only for
    text that `_needs_reference` lets through, after `_check_depth`.
    """
    if _ANCHOR.search(text):
        _check_aliases(text, path, _Composer)
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    return None if node is None else _plain(node)


# What a plain scalar reads as, by its text (Resolver12's rules, then StrictConstructor's types),
# and quoted or block text: one object per distinct short scalar. Thousands of orders repeat
# their names, keys, dates and prices: resolving each text once, and sharing the immutable
# objects, makes reading faster and memory and the parse cache smaller.
_PLAIN: dict[str, Any] = {}
_TEXT: dict[str, str] = {}
_SHARED_MAX = 200_000  # entries in each; a longer scalar (> 80 characters) is not kept
_MISSING = object()


def _read_plain(value: str) -> Any:
    """A plain scalar's value, exactly as Resolver12 + StrictConstructor make it (and kept)."""
    tag = _implicit_tag(value)
    if tag == _STR:
        made: Any = value
    elif tag == _INT:
        made = int(value)
    elif tag == _FLOAT:
        made = Decimal(value)  # InvalidOperation: the reference path reports it
    elif tag == _BOOL:
        made = value[0] in "tT"
    else:  # _NULL (the only other tag Resolver12 gives)
        made = None
    if len(value) <= 80 and len(_PLAIN) < _SHARED_MAX:
        _PLAIN[value] = made
    return made


def _plain(node: Node) -> Any:
    """The data of a node `_Composer` made. No tag may be given (a file with one is read the
    reference way: `_needs_reference`); scalars as `_read_plain` says, or text when quoted."""
    if node.tag != UNTAGGED:
        raise _refused_value(node.start_mark, "the tag {tag} is not allowed in gendan files", {"tag": node.tag})
    cls = node.__class__
    if cls is ScalarNode:
        value = node.value
        if node.style:  # type: ignore[attr-defined]  # (a ScalarNode) quoted, literal or folded: text
            if len(value) > 80:
                return value
            shared = _TEXT.get(value)
            if shared is None:
                if len(_TEXT) < _SHARED_MAX:
                    _TEXT[value] = value
                return value
            return shared
        made = _PLAIN.get(value, _MISSING)
        return _read_plain(value) if made is _MISSING else made
    elif cls is MappingNode:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _plain(key_node)
            if key in mapping:  # a duplicate (or an unhashable key: TypeError)
                raise DuplicateKey(key, key_node.start_mark)
            mapping[key] = _plain(value_node)
        return mapping
    else:  # SequenceNode
        return [_plain(child) for child in node.value]


def _loads(text: str, path: str, loader_class: type, composer: type) -> Any:
    if "&" in text:
        _check_aliases(text, path, composer)
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as e:  # control characters, checked before parsing
        raise InvalidFile([_reader_problem(e, text, path)]) from None
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as e:
        raise InvalidFile([_problem_from_yaml_error(e, path, text)]) from None
    except yaml.reader.ReaderError as e:
        raise InvalidFile([_reader_problem(e, text, path)]) from None
    except yaml.YAMLError as e:  # any other unmarked error
        raise InvalidFile([Problem(path, 1, 1, "E002", str(e).replace("\n", " "))]) from None
    except RecursionError:  # _check_depth should make this unreachable
        raise InvalidFile([_said(path, 1, 1, "E004", "nesting too deep", {})]) from None
    finally:
        if "loader" in locals():
            loader.dispose()


def _reader_problem(e: yaml.reader.ReaderError, text: str, path: str) -> Problem:
    pos = e.position if isinstance(e.position, int) and 0 <= e.position <= len(text) else 0
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    char = e.character if isinstance(e.character, int) else ord(str(e.character)[:1] or "?")
    return _said(
        path,
        line,
        col,
        "E002",
        "character U+{char:04X} is not allowed in a YAML file (a control character); remove it",
        {"char": char},
    )


def _check_depth(text: str, path: str, composer: type = _PyComposer) -> None:
    """Refuse documents nested deeper than MAX_DEPTH before anything recursive sees them.

    The composer, constructor, validator and `locate` all recurse once per level, so
    a file of 100,000 `[` would otherwise end in a RecursionError (or worse). Cheap
    first: the depth is at most the number of flow openers (`[`, `{`) plus, on the
    worst line, two block levels per column of indentation and one per `- `/`? `
    indicator (plus one mapping). Only a file where that bound exceeds MAX_DEPTH is
    scanned event by event (libyaml's parser keeps a stack; it does not recurse), by
    `composer`: libyaml's for text it reads like PyYAML (the pure-Python scanner takes a
    second on 3,000 `[`).
    """
    flow = text.count("[") + text.count("{")
    if flow < MAX_DEPTH and (
        _loose_depth_bound(text) + flow <= MAX_DEPTH or _block_depth_bound(text) + flow <= MAX_DEPTH
    ):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=composer):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    m = event.start_mark
                    line, col = (m.line + 1, m.column + 1) if m else (1, 1)
                    raise InvalidFile(
                        [
                            _said(
                                path,
                                line,
                                col,
                                "E004",
                                "nested more than {max} levels deep; refusing to read it",
                                {"max": MAX_DEPTH},
                            )
                        ]
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        if composer is not _PyComposer and "maximum nesting depth" in str(getattr(e, "problem", "")) and mark:
            # libyaml stops at 1,000 open brackets before it hands out a single event (it looks
            # ahead for keys): the text before that point holds the level that is too deep
            _check_depth(text[: mark.index], path, composer)
        return  # a syntax error: the real parse reports it, located


def load_file(path: Path, display: str | None = None) -> Any:
    shown = display or str(path)
    return loads(read_text(path, shown), shown)


def _problem_from_yaml_error(e: yaml.MarkedYAMLError, path: str, text: str = "") -> Problem:
    mark = e.problem_mark or e.context_mark
    if e.context_mark and ("end of stream" in (e.problem or "") or "<stream end>" in (e.problem or "")):
        mark = e.context_mark  # an unclosed quote or bracket: point where it opens, not at the end
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(e, DuplicateKey):
        return _said(path, line, col, "E003", *_explain_duplicate(e, text, line, col))
    if isinstance(e, ConstructorError):
        code = "E004" if "tag" in (e.problem or "") else "E103"
        return Problem(path, line, col, code, e.problem or "cannot construct value", getattr(e, "words", ()))
    message = e.problem or "syntax error"
    if e.context:
        message += f" ({e.context}"
        if e.context_mark and e.context_mark is not mark:
            message += f" at line {e.context_mark.line + 1}"
        message += ")"
    plain = _explain(e, text.splitlines(), line, col)
    if plain is not None:
        line, col, template, values = plain
        return _said(path, line, col, "E002", template, values, f" [YAML: {message}]")
    if "'\\t'" in message or "\\t" in message:
        message += " (use spaces, not tabs, to indent)"
    # the parser's own words, after a sentence in the user's language (English: the parser's alone)
    return Problem(
        path,
        line,
        col,
        "E002",
        message,
        said(("YAML syntax error", {}), ("{tail}", {"tail": f" [YAML: {message}]"}))[1],
    )


def _said(path: str, line: int, col: int, code: str, template: str, values: dict[str, Any], tail: str = "") -> Problem:
    """A problem worded from an English template, keeping the template and values so that the
    command can say it in the user's language (Problem.words)."""
    message, words = said((template, values), *([("{tail}", {"tail": tail})] if tail else []))
    return Problem(path, line, col, code, message, words)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _above(lines: list[str], line: int) -> str | None:
    """The nearest line above `line` (1-based) with content, comments left out."""
    for text in reversed(lines[: line - 1]):
        if text.strip() and not text.lstrip().startswith("#"):
            return text
    return None


COLON_IN_VALUE = (
    "the value of {key!r} contains ': ', which YAML reads as a new key; put the value in quotes: {key}: {quoted}"
)
INDENT_HINT = "indent it like the keys it belongs with, with spaces"


def _explain(
    e: yaml.MarkedYAMLError, lines: list[str], line: int, col: int
) -> tuple[int, int, str, dict[str, Any]] | None:
    """The common YAML mistakes in a sentence with the fix: (line, col, English template, its
    values), or None for the rest (then the parser's own words are shown). The parser's message
    stays in brackets."""
    problem = e.problem or ""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "'\\t'" in problem or "\\t" in problem or "\t" in here[: max(col, 1)]:
        return line, col, "a tab character here: YAML indents with spaces only; replace the tab with spaces", {}
    if "mapping values are not allowed" in problem:
        before = here[: col - 1]
        key_colon = re.search(r":(\s|$)", before)
        if key_colon and before.lstrip()[:1] not in ("'", '"'):
            key, value = before[: key_colon.start()].strip().lstrip("- "), here[key_colon.end() :].strip()
            quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
            return line, col, COLON_IN_VALUE, {"key": key, "quoted": quoted}
        above = _above(lines, line)
        if above is not None and _indent(here) > _indent(above):
            return (
                line,
                _indent(here) + 1,
                "this line is indented {n} spaces, more than the line above ({above}): keys of one mapping "
                "must start in the same column",
                {"n": _indent(here), "above": _indent(above)},
            )
        return None
    if "expected <block end>" in problem:
        above = _above(lines, line)
        shown = _indent(here)
        values = {"n": shown, "s": "s" * (shown != 1)}
        if above is None:
            return (
                line,
                col,
                "this line is indented {n} space{s}, which lines up with no key above it: " + INDENT_HINT,
                values,
            )
        return (
            line,
            col,
            "this line is indented {n} space{s}, which lines up with no key above it (the line above: {above}): "
            + INDENT_HINT,
            {**values, "above": _indent(above)},
        )
    if "end of stream" in problem and "quoted scalar" in (e.context or ""):
        quote = here[col - 1 : col] or '"'
        return line, col, "the quote {quote} opened here is never closed: end the value with {quote}", {"quote": quote}
    if "<stream end>" in problem and "flow" in (e.context or ""):
        bracket = here[col - 1 : col] or "{"
        closing = {"{": "}", "[": "]"}.get(bracket, "}")
        return (
            line,
            col,
            "the {bracket} opened here is never closed: add {closing} at the end of the value",
            {"bracket": bracket, "closing": closing},
        )
    same_line = e.problem_mark is not None and e.context_mark is not None and e.problem_mark.line == e.context_mark.line
    if re.match(r"expected ',' or '[}\]]', but got ':'", problem) and e.problem_mark is not None and same_line:
        at = e.problem_mark.line + 1
        colon_line = lines[at - 1] if at <= len(lines) else ""
        c = e.problem_mark.column
        start = max(colon_line.rfind(",", 0, c), colon_line.rfind("{", 0, c), colon_line.rfind("[", 0, c)) + 1
        end = min([i for i in (colon_line.find(",", c), colon_line.find("}", c)) if i >= 0] or [len(colon_line)])
        key, _, value = colon_line[start:end].strip().partition(": ")
        if key and value:
            quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
            return at, c + 1, COLON_IN_VALUE, {"key": key, "quoted": quoted}
    if re.match(r"expected ',' or '[}\]]'", problem) and e.context_mark is not None:
        at, opened = e.context_mark.line + 1, e.context_mark.column + 1
        bracket = (lines[at - 1][opened - 1 : opened] if at <= len(lines) else "") or "{"
        closing = {"{": "}", "[": "]"}.get(bracket, "}")
        return (
            at,
            opened,
            "the {bracket} opened here is not closed where it should be (line {line}): add {closing} at the end "
            "of the value, or quote text that has a ':' or ','",
            {"bracket": bracket, "line": line, "closing": closing},
        )
    if "could not find expected ':'" in problem and e.context_mark is not None:
        at = e.context_mark.line + 1
        key_line = lines[at - 1] if at <= len(lines) else ""
        glued = re.match(r"\s*(?:-\s+)?([^\s:#'\"][^:]*):(\S.*)$", key_line)
        if glued:
            key, value = glued[1].strip(), glued[2].strip()
            return (
                at,
                key_line.index(":") + 1,
                "a space is missing after ':' in {line!r}: write {key}: {value}",
                {"line": key_line.strip(), "key": key, "value": value},
            )
        return at, _indent(key_line) + 1, "this line is not `key: value`: a key needs ':' and a space after it", {}
    return None


def _explain_duplicate(e: DuplicateKey, text: str, line: int, col: int) -> tuple[str, dict[str, Any]]:
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    name = here[col - 1 :].split(":", 1)[0].strip()
    first = None
    for n in range(line - 1, 0, -1):
        other = lines[n - 1]
        if other.strip() and _indent(other) < col - 1 and not other.lstrip().startswith("#"):
            break  # left the mapping
        if _indent(other) == col - 1 and other[col - 1 :].split(":", 1)[0].strip() == name:
            first = n
    values = {"problem": e.problem, "name": name or "this key"}
    if first:
        return "{problem}: {name} is given twice in the same mapping (first on line {first}); keep one of them", {
            **values,
            "first": first,
        }
    return "{problem}: {name} is given twice in the same mapping; keep one of them", values


# a line break str.splitlines knows, and the spaces after it: the indentation of every line but the first
_INDENTED = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029] +")


def _loose_depth_bound(text: str) -> int:
    """At least `_block_depth_bound(text)`, at C speed: the deepest indentation, and every `- `/`? `
    indicator of the file as if on one line. Most files pass with it; the others are measured."""
    indent = max(len(text) - len(text.lstrip(" ")), max(map(len, _INDENTED.findall(text)), default=1) - 1)
    indicators = text.count("- ") + text.count("? ")
    if "\t" in text:
        indicators += text.count("-\t") + text.count("?\t")
    return 2 * (indent + 1) + 1 + 1 + indicators


def _block_depth_bound(text: str) -> int:
    worst = 0
    for line in text.splitlines():
        body = line.lstrip(" ")
        bound = 2 * (len(line) - len(body) + 1) + 1 + body.endswith(("-", "?"))
        if "-" in body or "?" in body:
            bound += body.count("- ") + body.count("-\t") + body.count("? ") + body.count("?\t")
        worst = max(worst, bound)
    return worst


def _check_aliases(text: str, path: str, composer: type = _PyComposer) -> None:
    """Refuse recursive aliases and documents whose aliases expand too far."""
    try:
        root = yaml.compose(text, Loader=composer)
    except yaml.MarkedYAMLError as e:
        raise InvalidFile([_problem_from_yaml_error(e, path, text)]) from None
    except yaml.YAMLError:
        return  # unmarked (reader) errors: the real parse reports them, located
    if root is None:
        return
    sizes: dict[int, int] = {}
    chars: dict[int, int] = {}  # characters of text below a node, aliases expanded
    depths: dict[int, int] = {}  # levels below a node, aliases expanded
    active: set[int] = set()

    def refuse(node: Node, template: str, values: dict[str, Any]) -> InvalidFile:
        m = node.start_mark
        return InvalidFile([_said(path, m.line + 1, m.column + 1, "E004", template, values)])

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            if len(active) + depths[key] > MAX_DEPTH:
                raise refuse(node, "aliases expand to more than {max} levels deep", {"max": MAX_DEPTH})
            return sizes[key]
        if key in active:
            raise refuse(node, "an alias refers to itself (recursive alias)", {})
        active.add(key)
        if len(active) > MAX_DEPTH:
            raise refuse(node, "aliases expand to more than {max} levels deep", {"max": MAX_DEPTH})
        total, depth, text = 1, 1, len(node.value) if isinstance(node, ScalarNode) else 0
        children = (
            node.value
            if isinstance(node, SequenceNode)
            else ([n for pair in node.value for n in pair] if isinstance(node, MappingNode) else [])
        )
        for child in children:
            total += size(child)
            depth = max(depth, 1 + depths[id(child)])
            text += chars[id(child)]
        active.discard(key)
        sizes[key], depths[key], chars[key] = total, depth, text
        if total > MAX_EXPANDED_NODES:
            raise refuse(node, "aliases expand to more than {max:,} values (alias bomb?)", {"max": MAX_EXPANDED_NODES})
        if text > MAX_EXPANDED_CHARS:
            raise refuse(
                node,
                "aliases expand to more than {max:,} characters of text (alias bomb?)",
                {"max": MAX_EXPANDED_CHARS},
            )
        return total

    try:
        size(root)
    except RecursionError:
        raise InvalidFile([_said(path, 1, 1, "E004", "nesting too deep", {})]) from None


def _top_level_value(text: str, name: str) -> tuple[int, int] | None:
    """Line and column of a top-level `name: value` written on one line in block style, else None
    (then `locate` composes the document). Gives what composing gives, for the common case."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or "\t" in text or text.startswith(("%", "---")):
        return None
    found = re.search(rf"^{name}[ ]*:[ ]+(?=[^\s#])", text, re.M)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return line, found.end() - found.start() + 1


def locate(text: str, keypath: Iterable[Any], key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at `keypath`, or of its key when `key`.

    A path that goes further than the document (a missing key) points at the
    deepest node that exists, which is where the user has to add it.
    """
    keypath = list(keypath)
    if len(keypath) == 1 and isinstance(keypath[0], str) and not key:
        quick = _top_level_value(text, keypath[0])
        if quick is not None:  # composing a whole file takes ~40 ms: validate warns on many orders
            return quick
    try:
        node = yaml.compose(text, Loader=_PyComposer)  # type: ignore[arg-type]  # stubs: PyYAML's loaders only
    except yaml.YAMLError:
        return 1, 1
    if node is None:
        return 1, 1
    mark = node.start_mark
    for part in keypath:
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == str(part):
                    mark = k.start_mark if key else v.start_mark
                    node = v
                    break
            else:
                return mark.line + 1, mark.column + 1
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1


_YAML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back as exactly `text`.

    Characters YAML may not carry raw (C0/C1 controls, line breaks, BOM-like
    non-characters) are escaped; lone surrogates (undecodable bytes) are refused.
    """
    out = []
    for ch in text:
        o = ord(ch)
        if ch in _YAML_ESCAPES:
            out.append(_YAML_ESCAPES[ch])
        elif 0xD800 <= o <= 0xDFFF:
            raise ValueError(f"{text!r} is not valid text (undecodable bytes)")
        elif o < 0x20 or 0x7F <= o <= 0x9F or o in (0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def atomic_write(
    path: Path, data: bytes | Callable[[BinaryIO], None], unchanged: Callable[[Path], None] | None = None
) -> None:
    """Replace `path` with `data` all at once: temp file in the same folder, fsync, rename.

    `data` is the bytes, or a function that writes them to the (seekable) temp file it is given,
    for output too large to hold in memory; whatever it raises removes the temp file.
    `unchanged(file)`, if given, raises when `file` is not what the writer read (a save by an
    editor, which takes no lock): it runs on `path` right before the rename, stopping it, and,
    where the system can swap two names at once (Linux), the rename is that swap and it runs
    again on the file the swap displaced: a save that came between the check and the rename is
    swapped back into place and the write stopped. Stopped: the temp file is removed."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            if callable(data):
                data(f)
            else:
                f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        _before_rename_hook(tmp)
        if unchanged is None:
            os.replace(tmp, path)
        else:
            unchanged(path)
            _replace_unchanged(tmp, path, unchanged)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _replace_unchanged(tmp: str, path: Path, unchanged: Callable[[Path], None]) -> None:
    """Rename `tmp` over `path` as one swap of the two names (so the file replaced is kept, at
    `tmp`, and checked); the plain rename where the swap is not there (not Linux, or a file
    system without it), whose check ran just before."""
    if not _exchange(tmp, path):
        os.replace(tmp, path)
        return
    try:
        unchanged(Path(tmp))  # what was at `path` the instant it was replaced
    except BaseException:
        _exchange(tmp, path)  # the save it was goes back; ours is at `tmp`, removed by the caller
        raise
    os.unlink(tmp)


def _exchange(a: str, b: Path) -> bool:
    """Swap the names `a` and `b` atomically (Linux renameat2 RENAME_EXCHANGE); False, nothing
    done, where the C library or the file system does not offer it."""
    global _renameat2
    if _renameat2 is None:
        import ctypes

        try:
            call = ctypes.CDLL(None, use_errno=True).renameat2
        except (AttributeError, OSError):  # a C library without it (macOS, Windows, older libcs)
            _renameat2 = False
            return False
        call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        _renameat2 = call
    if _renameat2 is False:
        return False
    import ctypes
    import errno

    at_fdcwd, rename_exchange = -100, 2
    if _renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # this file system (or kernel) cannot swap
        return False
    raise OSError(code, os.strerror(code), str(b))


_renameat2: Any = None  # the C library's renameat2 once looked up; False where there is none


def _before_rename_hook(tmp: str) -> None:
    """Test-only pause between writing the temp file and renaming it (GENDAN_TEST_PAUSE_WRITE)."""
    pause = os.environ.get("GENDAN_TEST_PAUSE_WRITE")
    if pause:
        import time

        Path(pause).write_text(tmp)
        time.sleep(float(os.environ.get("GENDAN_TEST_PAUSE_SECONDS", "30")))


def create_new(path: Path, data: bytes) -> None:
    """Write a new file all at once; FileExistsError (and nothing written) if `path` exists.

    Temp file, fsync, then a hard link to the final name, which fails rather than replace
    a file another process created meanwhile.
    """
    if path.exists():
        raise FileExistsError(str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.link(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
