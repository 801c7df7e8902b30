"""The one way gendan changes an order file, without damaging it (docs/architecture.md §3).

A command reads the order (`read`), a pure domain function says what to change
(a `Patch`: keys to set, entries to append), and `write` applies it:

- under a lock on the order (an flock on its folder), so two gendans never rewrite the
  same order at once: `edit` reads, decides and writes in one turn, so writers wait
  their turn (up to GENDAN_LOCK_WAIT seconds) and each changes the file as the last left it;
- only if the file is byte for byte what the command read, checked again right before
  the replace (else ConflictError, or with `edit` a fresh turn): a hand edit is never lost;
- through ruamel.yaml's round-trip mode, and then a three-way line merge onto the
  user's own text, so comments, key order, quoting, spacing and layout survive and
  only the lines the patch means to change are changed;
- re-validated (strict reader + order model) before anything is written: a change
  that would make the file invalid writes nothing;
- atomically (`yamlio.atomic_write`), after removing temp files a killed writer left.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gendan.core.errors import ConflictError, GendanError, InvalidFile, Pieces, Problem, RefusedError, refusal_of, said
from gendan.core.model import Order
from gendan.core.patch import DELETE as _DELETE
from gendan.core.patch import Patch
from gendan.store.yamlio import BOM, atomic_write, decode, loads

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.representer import Representer

    from gendan.store.workspace import Workspace

_Opcode = tuple[str, int, int, int, int]  # difflib's (tag, i1, i2, j1, j2)

LOCK_NAME = ".order.yaml.lock"  # earlier gendans' lock file, removed when seen
LOCK_WAIT = 30.0
RETRIES = 5
# Where a new top-level key goes when the file lacks it: before `history`, which stays last.
LAST_KEY = "history"
# Field order of a milestone entry, so a new `actual:` lands where a person would put it.
MILESTONE_KEYS = ("planned", "revised", "reason", "actual", "owner", "note")
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 0), (4, 6, 2), (4, 4, 2), (3, 3, 0), (3, 5, 2))


@dataclass
class Draft:
    """An order as a command read it: the bytes (to detect later changes) and the model."""

    path: Path
    shown: str
    data: bytes
    text: str
    order: Order

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def id(self) -> str:
        return self.path.parent.name


def read(path: Path, shown: str) -> Draft:
    """Read an order for editing; an invalid file raises InvalidFile ("fix it first")."""
    from gendan.store.parse import build
    from gendan.store.yamlio import CANNOT_READ, MAX_BYTES

    try:
        data = path.read_bytes()
    except OSError as e:
        reason = str(e.strerror or e)
        message, words = (
            said((CANNOT_READ[reason], {}))
            if reason in CANNOT_READ
            else said(("cannot read: {reason}", {"reason": reason}))
        )
        raise GendanError(message, shown, words=words) from None
    if len(data) > MAX_BYTES:
        message, words = said(("file is larger than {kib} KiB; refusing to edit it", {"kib": MAX_BYTES // 1024}))
        raise GendanError(message, shown, words=words)
    try:
        text = decode(data, shown)
        order = build(Order, loads(text, shown), shown, text)
    except InvalidFile as e:
        message, words = said(("{id} fails validation; fix it first:", {"id": path.parent.name}))
        listed = _listed_words(e.problems)  # (none: the whole message as worded, problems and all)
        raise RefusedError(message + _listed(e.problems), words=words + listed if listed else ()) from None
    return Draft(path, shown, data, text, order)


@dataclass
class Text:
    """An order file as text, for the commands that read git rather than the model (`log`,
    `diff`): `order` is None and `problems` say why when the file does not read."""

    path: Path
    shown: str
    text: str
    order: Order | None
    problems: list[Problem]

    @property
    def id(self) -> str:
        return self.path.parent.name


def open_text(ws: Workspace, ident: str) -> Text:
    """Find an order by id or folder and read its text; a file that does not validate is still
    returned (with its problems), so that its history can be shown while it is broken."""
    from gendan.store.parse import build
    from gendan.store.paths import display
    from gendan.store.yamlio import read_text

    path = ws.find(ident)
    shown = display(path)
    text = read_text(path, shown)  # unreadable or not UTF-8: nothing to show, InvalidFile
    try:
        return Text(path, shown, text, build(Order, loads(text, shown), shown, text), [])
    except InvalidFile as e:
        return Text(path, shown, text, None, list(e.problems))


def open_order(ws: Workspace, ident: str) -> Draft:
    """Find an order in a workspace (`gendan.store.workspace.Workspace`) by id or folder and read it."""
    from gendan.store.paths import display

    path = ws.find(ident)
    return read(path, display(path))


Verify = Callable[[Order, str], list[Problem]]


def write(draft: Draft, patch: Patch, verify: Verify | None = None) -> Order:
    """Apply `patch` to the order file under its lock; returns the order as now written.

    `verify(new_order, new_text)` returns the problems the change would bring (the
    company's rules, which this layer does not know); any of them refuses the write.

    ConflictError, nothing written, if the file is not byte for byte what `draft` read (checked
    again right before the file is replaced), or if another gendan holds the lock past the wait.
    """
    with order_lock(draft.folder, draft.id):
        return _write_locked(draft, patch, verify)


def edit(
    path: Path,
    shown: str,
    change: Callable[[Draft], Patch | None],
    verify: Callable[[Draft], Verify | None] | None = None,
) -> tuple[Draft, Order | None]:
    """Read, decide and write in one turn under the order's lock, so writers to one order take
    turns and each applies its change to the file as the one before left it.

    `change` is called on the freshly read order and returns the patch (None or empty: write
    nothing). If the file changes on disk meanwhile (a hand edit saved by an editor, which takes
    no lock), the turn starts again from a fresh read, up to `RETRIES` times; nothing is ever
    written over a save gendan did not read. `verify(draft)` gives the check of the changed
    order (see `write`) for that read. Returns the draft the change was made from and the order
    as written (None if nothing was written).
    """
    with order_lock(path.parent, path.parent.name):
        for _ in range(RETRIES):
            draft = read(path, shown)
            patch = change(draft)
            if not patch:
                return draft, None
            try:
                return draft, _write_locked(draft, patch, verify(draft) if verify else None)
            except _Changed:
                continue
    raise ConflictError.worded(
        said(
            (
                "{path} kept changing on disk while gendan was writing (saved by an editor?); nothing written, "
                "run the command again",
                {"path": shown},
            )
        )
    )


class _Changed(ConflictError):
    """The file is no longer what the draft read."""


def _write_locked(draft: Draft, patch: Patch, verify: Verify | None = None) -> Order:
    _remove_stale_temps(draft.path)
    _refuse_link(draft)
    _same_as_read(draft)
    try:
        new_text = apply(draft.text, patch)
    except GendanError:
        raise
    except Exception as e:  # ruamel refuses what the strict reader accepted: never guess
        raise GendanError(
            f"gendan cannot edit this file safely ({type(e).__name__}: "
            f"{str(e).splitlines()[0] if str(e) else ''}); nothing written, "
            "make the change by hand",
            draft.shown,
        ) from None
    order = check(new_text, draft.shown)
    found = verify(order, new_text) if verify else []
    if found:
        message, words = said(("{id}: nothing written; the change would make the order invalid:", {"id": draft.id}))
        listed = _listed_words(found)
        raise RefusedError(message + _listed(found), words=words + listed if listed else ())
    out = new_text.encode("utf-8")
    if draft.data.startswith(BOM):
        out = BOM + out
    if out != draft.data:
        try:
            atomic_write(draft.path, out, unchanged=lambda file: _same_as_read(draft, file))
        except OSError as e:
            raise GendanError.worded(refusal_of(e, draft.shown, "; nothing written, the order is as it was")) from None
    return order


def _same_as_read(draft: Draft, file: Path | None = None) -> None:
    """_Changed if the order file (or `file`, what a write displaced) is not what `draft` read."""
    try:
        now = (file or draft.path).read_bytes()
    except OSError as e:
        raise ConflictError.worded(
            said(("cannot re-read {path}: {reason}", {"path": draft.shown, "reason": e.strerror or e}))
        ) from None
    if _digest(now) != _digest(draft.data):
        raise _Changed.worded(
            said(
                (
                    "{path} changed on disk after gendan read it (someone else edited it); nothing written, "
                    "run the command again",
                    {"path": draft.shown},
                )
            )
        )


def _refuse_link(draft: Draft) -> None:
    """An order.yaml that is a symbolic link would become a plain file on replace: refused."""
    if draft.path.is_symlink():
        raise RefusedError.worded(
            said(
                (
                    "{path} is a symbolic link; gendan edits only plain order files (nothing written): "
                    "edit its target by hand, or replace the link with the file",
                    {"path": draft.shown},
                )
            )
        )


@contextmanager
def order_lock(folder: Path, ident: str) -> Iterator[None]:
    """Hold the order's lock: an exclusive flock on its folder (no lock file to leave behind or
    to be a symlink), waiting up to `lock_wait()` seconds for another gendan to finish. Where
    folders cannot be locked (Windows, some network shares) a lock file beside the order."""
    wait = lock_wait()
    busy = ConflictError(
        f"another gendan has been changing {ident} for more than {wait:g} s; nothing written, "
        "try again (is a gendan stuck? GENDAN_LOCK_WAIT sets the wait)"
    )
    try:
        fd: int | None = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # Windows cannot open a folder
        fd = None
    locked = False
    if fd is not None:
        try:
            locked = _flock(fd, wait, busy)
            if locked:
                _remove_old_lock_file(folder)
                yield
        finally:
            os.close(fd)  # releases the flock
    if not locked:
        from filelock import FileLock, Timeout

        try:
            with FileLock(str(folder / LOCK_NAME), timeout=wait, thread_local=False):
                yield
        except Timeout:
            raise busy from None


def _flock(fd: int, wait: float, busy: ConflictError) -> bool:
    """Lock the open folder `fd` (True), or False where folders cannot be locked."""
    import time

    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return False
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise busy from None
            time.sleep(0.02)
        except OSError:  # ENOLCK, EOPNOTSUPP...: a file system without folder locks
            return False


def lock_wait() -> float:
    """Seconds a writer waits for another one on the same order (GENDAN_LOCK_WAIT, default 30)."""
    try:
        return max(0.0, float(os.environ.get("GENDAN_LOCK_WAIT", LOCK_WAIT)))
    except ValueError:
        return LOCK_WAIT


def _remove_old_lock_file(folder: Path) -> None:
    """The lock file earlier gendans left beside order.yaml (it showed in `git status`)."""
    old = folder / LOCK_NAME
    try:
        if old.is_file() and not old.is_symlink() and old.stat().st_size == 0:
            old.unlink()
    except OSError:
        pass


def check(text: str, shown: str) -> Order:
    """The new text must read back as a valid order, or nothing is written."""
    from gendan.store.parse import build

    try:
        return build(Order, loads(text, shown), shown, text)
    except InvalidFile as e:
        message, words = said(("refusing to write a change that would make the order invalid:", {}))
        listed = "".join(f"\n{p}" for p in e.problems)
        words = words + _said_problems(e.problems, "\n") if all(p.words for p in e.problems) else ()
        raise GendanError(message + listed, shown, words=words) from None


def _listed(problems: list[Problem]) -> str:
    """Problems one a line, indented under the message that lists them."""
    return "".join(f"\n  {p}" for p in problems)


def _listed_words(problems: list[Problem]) -> Pieces:
    """The words of `_listed` (empty, English only, when a problem has none)."""
    return _said_problems(problems, "\n  ") if all(p.words for p in problems) else ()


def _said_problems(problems: list[Problem], before: str) -> Pieces:
    """Each problem's location and code as they are, then its words."""
    pieces: Pieces = ()
    for p in problems:
        pieces += said(("{tail}", {"tail": f"{before}{p.path}:{p.line}:{p.col}: {p.code} "}))[1] + p.words
    return pieces


def apply(text: str, patch: Patch) -> str:
    """The text with `patch` applied, every untouched line exactly as the user wrote it.

    The result must read (with the strict reader) as exactly the old data with the patch
    applied; anything ruamel reads differently from gendan (a `%YAML 1.1` directive turning
    NO into false, say) is refused rather than written.
    """
    crlf = "\r\n" in text
    source = text.replace("\r\n", "\n")
    expected = expected_data(loads(source, "original"), patch)
    fallback = ""
    for indent in _ranked_indents(source):
        yaml = _new_yaml(indent)
        doc = yaml.load(source)
        before = _dump(yaml, doc)
        for path, value in patch.sets:
            _set(doc, path, value, patch.key_order)
        for key, entry in patch.appends:
            _append(doc, key, entry)
        after = _dump(yaml, doc)
        fallback = fallback or after
        merged = merge(source, before, after)
        if _means(merged, expected):
            break
    else:  # no indentation reproduces the user's layout around the change: ruamel's whole rendering
        merged = fallback
        if not _means(merged, expected):
            raise GendanError(
                "gendan cannot change this file without changing other values in it "
                "(a %YAML 1.1 directive? tags?); nothing written, make the change by hand"
            )
    return merged.replace("\n", "\r\n") if crlf else merged


def _means(text: str, expected: Any) -> bool:
    try:
        return bool(loads(text, "merged") == expected)
    except InvalidFile:
        return False


def expected_data(data: Any, patch: Patch) -> Any:
    """What the file must read as after `patch`, computed on plain data (as the strict reader gives it)."""
    import copy

    data = copy.deepcopy(data)
    for path, value in patch.sets:
        node = data
        for part in path[:-1]:
            if isinstance(node, dict) and node.get(part) is None:
                if value is _DELETE:
                    break
                node[part] = {}
            node = node[part]
        else:
            if value is _DELETE:
                if isinstance(node, dict):
                    node.pop(path[-1], None)
            else:
                node[path[-1]] = _as_read(value)
    for key, entry in patch.appends:
        if not isinstance(data.get(key), list):
            data[key] = []
        data[key].append(_as_read(entry))
    return data


def _as_read(value: Any) -> Any:
    """A value as the strict reader returns it once written: dates as text, None entries dropped."""
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, (list, tuple)):
        return [_as_read(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def merge(original: str, before: str, after: str) -> str:
    """Carry the changes from `before` to `after` (ruamel's renderings) over to `original`.

    Lines ruamel renders differently from the user (spacing, indentation) are the same
    in `before` and `after`, so only the intended lines change in the result.
    """
    o = original.splitlines(keepends=True)
    b = before.splitlines(keepends=True)
    a = after.splitlines(keepends=True)
    to_o: dict[int, int] = {}
    # Lines that differ only in spacing are the same line for finding where a change goes.
    loose = difflib.SequenceMatcher(None, [_squeeze(x) for x in o], [_squeeze(x) for x in b], autojunk=False)
    for block in loose.get_matching_blocks():
        for k in range(block.size):
            to_o[block.b + k] = block.a + k
    out: list[str] = []
    pos = 0  # next line of `o` not yet copied
    for tag, i1, i2, j1, j2 in _widened(difflib.SequenceMatcher(None, b, a, autojunk=False).get_opcodes(), to_o):
        if tag == "equal":
            continue
        start = to_o[i1 - 1] + 1 if i1 > 0 else 0
        end = to_o[i2] if i2 < len(b) else len(o)
        out.extend(o[pos:start])
        out.extend(a[j1:j2])
        pos = end
    out.extend(o[pos:])
    return "".join(out)


def _squeeze(line: str) -> str:
    return " ".join(line.split())


def _widened(opcodes: Sequence[_Opcode], to_o: dict[int, int]) -> list[_Opcode]:
    """Grow each change over neighbouring lines that have no counterpart in the original."""
    changes = [[i1, i2, j1, j2] for tag, i1, i2, j1, j2 in opcodes if tag != "equal"]
    for c in changes:
        while c[0] > 0 and (c[0] - 1) not in to_o:
            c[0] -= 1
            c[2] -= 1
        while c[1] < _len(opcodes) and c[1] not in to_o:
            c[1] += 1
            c[3] += 1
    joined: list[list[int]] = []
    for c in changes:
        if joined and c[0] <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], c[1])
            joined[-1][3] = max(joined[-1][3], c[3])
        else:
            joined.append(c)
    return [("replace", c[0], c[1], c[2], c[3]) for c in joined]


def _len(opcodes: Sequence[_Opcode]) -> int:
    return opcodes[-1][2] if opcodes else 0


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _remove_stale_temps(path: Path) -> None:
    """Temp files of a writer that was killed between writing and renaming (we hold the lock)."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass


# ruamel ------------------------------------------------------------------------


def _new_yaml(indent: tuple[int, int, int]) -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip, YAML 1.2: NO stays a string, 0012 keeps its digits
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the user wrote on one line
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    yaml.representer.add_representer(Decimal, _represent_decimal)
    return yaml


def _represent_decimal(representer: Representer, value: Decimal) -> ScalarNode:
    """A plain number as a person writes it: `58`, `10.50`; never a tag (`!!float '58'`), never `1E+1`."""
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, text)


def _dump(yaml: YAML, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def _ranked_indents(text: str) -> list[tuple[int, int, int]]:
    """Indentation settings, the one the user's file looks written with first.

    Votes over the file: how far a `- ` item sits right of its parent key (the
    offset), and how far a nested key sits right of its parent (the mapping indent).
    """
    from collections import Counter

    offsets: Counter[int] = Counter()
    mappings: Counter[int] = Counter()
    parent: tuple[int, bool] | None = None  # indent of the last content line, and whether it opens a block
    for line in text.splitlines():
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        col = len(line) - len(body)
        if parent and parent[1] and col >= parent[0]:
            if body.startswith("- "):
                offsets[col - parent[0]] += 1
            elif col > parent[0]:
                mappings[col - parent[0]] += 1
        opens = body.split(" #")[0].rstrip().endswith(":")
        parent = (col + (2 if body.startswith("- ") else 0), opens)
    offset = offsets.most_common(1)[0][0] if offsets else 2
    mapping = mappings.most_common(1)[0][0] if mappings else 2
    guess = (mapping, max(offset + 2, mapping), offset)
    return [guess, *(i for i in _INDENTS if i != guess)]


def _plain(value: Any, flow: bool = True) -> Any:
    """Python values as ruamel nodes; new mappings in flow style (`{a: 1, b: 2}`)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            if v is not None and v != []:
                m[k] = _plain(v, flow)
        if flow:
            m.fa.set_flow_style()
        return m
    if isinstance(value, (list, tuple)):
        s = CommentedSeq(_plain(v, flow) for v in value)
        s.fa.set_flow_style()
        return s
    if isinstance(value, str) and not _plain_ok(value):
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(value)
    if isinstance(value, date):  # a fresh object each time: ruamel would anchor a shared one (&id001)
        return date(value.year, value.month, value.day)
    if isinstance(value, Decimal):
        return Decimal(str(value))
    return value


def _plain_ok(text: str) -> bool:
    """Whether ruamel may choose the style: our reader must read it back, plain, in flow and block."""
    if not text or text != text.strip() or any(c in text for c in "\n\r\t\"'\\"):
        return False
    try:
        return bool(loads(f"k: {text}\n", "x") == {"k": text} and loads(f"{{k: {text}}}\n", "x") == {"k": text})
    except InvalidFile:
        return False


def _set(
    doc: Any, path: tuple[Any, ...], value: Any, key_order: dict[tuple[Any, ...], list[str]] | None = None
) -> None:
    """Set (or delete) the value at `path`; a new key goes where `key_order` (by the path of
    its mapping) puts it."""
    from ruamel.yaml.comments import CommentedMap

    key_order = key_order or {}
    node = doc
    for i, part in enumerate(path[:-1]):
        child = node[part] if _has(node, part) else None
        if child is None:
            if value is _DELETE:
                return
            child = CommentedMap()
            if i >= 1:  # a new milestone entry and the like: one line, flow style
                child.fa.set_flow_style()
            _insert(node, part, child, top=node is doc, order=key_order.get(path[:i]))
        node = child
    last = path[-1]
    if value is _DELETE:
        if _has(node, last):
            del node[last]
        return
    if _has(node, last):
        node[last] = _plain(value)
    else:
        _insert(node, last, _plain(value), top=node is doc, order=key_order.get(path[:-1]))


def _has(node: Any, key: Any) -> bool:
    if isinstance(key, int):
        return 0 <= key < len(node)
    return key in node


def _insert(mapping: Any, key: str, value: Any, top: bool = False, order: list[str] | None = None) -> None:
    """Add a key where it belongs: in `order` if given, milestone fields in their order,
    top keys before history, else at the end."""
    keys = list(mapping.keys())
    if order and key in order:
        rank = order.index(key)
        pos = next((i for i, k in enumerate(keys) if k in order and order.index(k) > rank), len(keys))
    elif key in MILESTONE_KEYS and set(keys) <= set(MILESTONE_KEYS):
        rank = MILESTONE_KEYS.index(key)
        pos = next((i for i, k in enumerate(keys) if MILESTONE_KEYS.index(k) > rank), len(keys))
    elif top and key != LAST_KEY and LAST_KEY in keys:
        pos = keys.index(LAST_KEY)
    else:
        pos = len(keys)
    mapping.insert(pos, key, value)


def _append(doc: Any, key: str, entry: dict[str, Any]) -> None:
    """Append an entry to a top-level list, in the style of its last entry (flow if none)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    seq = doc.get(key)
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq()
        if key in doc:
            doc[key] = seq
        else:
            _insert(doc, key, seq, top=True)
    flow = True
    if len(seq) and isinstance(seq[-1], CommentedMap):
        flow = bool(seq[-1].fa.flow_style())
    node = _plain(entry, flow)
    if not flow:  # a block entry keeps its inner mappings on one line each: `sizes: {S: 100}`
        for k, v in node.items():
            if isinstance(v, CommentedMap):
                node[k] = _plain(entry[k])
    seq.append(node)
