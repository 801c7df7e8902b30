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
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from gendan.errors import InvalidFile, Problem

MAX_BYTES = 1024 * 1024
MAX_EXPANDED_NODES = 100_000
BOM = b"\xef\xbb\xbf"

try:  # the C parser is the fast path; the pure-Python one is the fallback
    _Parser = yaml.CParser
except AttributeError:  # pragma: no cover - libyaml missing
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class Resolver12(yaml.resolver.BaseResolver):
    """Implicit tags as YAML 1.2's core schema, minus octal and leading zeros."""


Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))


class StrictConstructor(yaml.constructor.BaseConstructor):
    """Builds only plain data: str, int, Decimal, bool, None, list, dict."""

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, MappingNode):
            raise ConstructorError(None, None, "expected a mapping", node.start_mark)
        mapping: dict = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in mapping
            except TypeError:
                raise ConstructorError(None, None, "a key must be a plain value, not a list or mapping",
                                       key_node.start_mark) from None
            if duplicate:
                raise DuplicateKey(key, key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_map(self, node):
        data: dict = {}
        yield data
        data.update(self.construct_mapping(node))

    def construct_yaml_seq(self, node):
        data: list = []
        yield data
        data.extend(self.construct_sequence(node))

    def construct_yaml_str(self, node):
        return node.value

    def construct_yaml_int(self, node):
        return int(node.value)

    def construct_yaml_decimal(self, node):
        try:
            return Decimal(node.value)
        except InvalidOperation:
            raise ConstructorError(None, None, f"{node.value!r} is not a number", node.start_mark) from None

    def construct_yaml_bool(self, node):
        return node.value[0] in "tT"

    def construct_yaml_null(self, node):
        return None

    def construct_undefined(self, node):
        raise ConstructorError(None, None, f"the tag {node.tag} is not allowed in gendan files",
                               node.start_mark)


for _tag, _fn in [
    ("tag:yaml.org,2002:map", StrictConstructor.construct_yaml_map),
    ("tag:yaml.org,2002:seq", StrictConstructor.construct_yaml_seq),
    ("tag:yaml.org,2002:str", StrictConstructor.construct_yaml_str),
    ("tag:yaml.org,2002:int", StrictConstructor.construct_yaml_int),
    ("tag:yaml.org,2002:float", StrictConstructor.construct_yaml_decimal),
    ("tag:yaml.org,2002:bool", StrictConstructor.construct_yaml_bool),
    ("tag:yaml.org,2002:null", StrictConstructor.construct_yaml_null),
    (None, StrictConstructor.construct_undefined),
]:
    StrictConstructor.add_constructor(_tag, _fn)


class DuplicateKey(ConstructorError):
    def __init__(self, key, mark):
        super().__init__(None, None, f"duplicate key {key!r}", mark)


class StrictLoader(_Parser, StrictConstructor, Resolver12):
    def __init__(self, stream):
        _Parser.__init__(self, stream)
        StrictConstructor.__init__(self)
        Resolver12.__init__(self)


class _Composer(_Parser, Resolver12):
    def __init__(self, stream):
        _Parser.__init__(self, stream)
        Resolver12.__init__(self)


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a file's bytes (a BOM tolerated), or a located E001."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise InvalidFile([Problem(path, line, col, "E001",
                                   f"not UTF-8: byte 0x{data[e.start]:02x} cannot be decoded; "
                                   "save the file as UTF-8")]) from None


def read_text(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """The text of a file, refusing huge, unreadable or non-UTF-8 files."""
    shown = display or str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise InvalidFile([Problem(shown, 1, 1, "E001", f"cannot read: {e.strerror or e}")]) from None
    if len(data) > max_bytes:
        raise InvalidFile([Problem(shown, 1, 1, "E001",
                                   f"file is larger than {max_bytes // 1024} KiB; refusing to read it")])
    return decode(data, shown)


def loads(text: str, path: str) -> Any:
    """Parse YAML text strictly; every problem raised as a located InvalidFile."""
    if "&" in text:
        _check_aliases(text, path)
    loader = StrictLoader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as e:
        raise InvalidFile([_problem_from_yaml_error(e, path)]) from None
    except yaml.YAMLError as e:  # unmarked reader errors, e.g. control characters
        raise InvalidFile([Problem(path, 1, 1, "E002", str(e).replace("\n", " "))]) from None
    except RecursionError:
        raise InvalidFile([Problem(path, 1, 1, "E004", "nesting too deep")]) from None
    finally:
        loader.dispose()


def load_file(path: Path, display: str | None = None) -> Any:
    shown = display or str(path)
    return loads(read_text(path, shown), shown)


def _problem_from_yaml_error(e: yaml.MarkedYAMLError, path: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(e, DuplicateKey):
        return Problem(path, line, col, "E003", e.problem)
    if isinstance(e, ConstructorError):
        code = "E004" if "tag" in (e.problem or "") else "E103"
        return Problem(path, line, col, code, e.problem or "cannot construct value")
    message = e.problem or "syntax error"
    if "'\\t'" in message or "\\t" in message:
        message += " (use spaces, not tabs, to indent)"
    if e.context:
        message += f" ({e.context}"
        if e.context_mark and e.context_mark is not mark:
            message += f" at line {e.context_mark.line + 1}"
        message += ")"
    return Problem(path, line, col, "E002", message)


def _check_aliases(text: str, path: str) -> None:
    """Refuse recursive aliases and documents whose aliases expand too far."""
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as e:
        raise InvalidFile([_problem_from_yaml_error(e, path)]) from None
    if root is None:
        return
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            m = node.start_mark
            raise InvalidFile([Problem(path, m.line + 1, m.column + 1, "E004",
                                       "an alias refers to itself (recursive alias)")])
        active.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            for child in node.value:
                total += size(child)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
        active.discard(key)
        sizes[key] = total
        if total > MAX_EXPANDED_NODES:
            m = node.start_mark
            raise InvalidFile([Problem(path, m.line + 1, m.column + 1, "E004",
                                       f"aliases expand to more than {MAX_EXPANDED_NODES:,} values"
                                       " (alias bomb?)")])
        return total

    try:
        size(root)
    except RecursionError:
        raise InvalidFile([Problem(path, 1, 1, "E004", "nesting too deep")]) from None


def locate(text: str, keypath: Iterable, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at `keypath`, or of its key when `key`.

    A path that goes further than the document (a missing key) points at the
    deepest node that exists, which is where the user has to add it.
    """
    try:
        node = yaml.compose(text, Loader=_Composer)
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


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: temp file in the same folder, fsync, rename."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        _before_rename_hook(tmp)
        os.replace(tmp, path)
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


def _before_rename_hook(tmp: str) -> None:
    """Test-only pause between writing the temp file and renaming it (GENDAN_TEST_PAUSE_WRITE)."""
    pause = os.environ.get("GENDAN_TEST_PAUSE_WRITE")
    if pause:
        import time
        Path(pause).write_text(tmp)
        time.sleep(float(os.environ.get("GENDAN_TEST_PAUSE_SECONDS", "30")))
