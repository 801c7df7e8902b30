"""An order's history from git: which commits touched it, and what each changed, field by field.

git is run as a program (`git -C top ...`), never through a library: it is what the team
already has, and its output formats are stable. Each revision's `order.yaml` is read with
the same strict reader as the working file and compared as data, so a commit shows as
`ex_factory 2027-02-20 → 2027-03-01` or `lines[Black].sizes.M 400 → 600`, whatever
happened to the layout. List entries are matched by what names them (a line by its colour,
a payment by its kind, a sample by type and round) so inserting one entry does not read
as every later entry changing; lists without such a name (history, changes) by position.

Outside a git repository `order_log` gives the order's own `history` entries and says so.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gendan.core.errors import GendanError, InvalidFile, Pieces, said

if TYPE_CHECKING:
    from gendan.core.model import HistoryEntry

# Fields that name an entry of a list, tried in order: the first that every entry has and
# that is unique on both sides is used.
ENTRY_KEYS = (("colour",), ("type", "round"), ("kind",), ("type",), ("item",), ("rule",), ("key",))
_SEP = "\x1f"
_END = "\x1e"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between two versions of an order."""

    path: str
    old: Any = None
    new: Any = None
    kind: str = "changed"  # changed, added, removed; for a file that does not read: note, line-removed, line-added

    def __str__(self) -> str:
        if self.kind == "note":
            return f"({self.new})"
        if self.kind == "line-removed":
            return f"{self.path}  - {self.old}"
        if self.kind == "line-added":
            return f"{self.path}  + {self.new}"
        if self.kind == "added":
            return f"+ {self.path}: {show(self.new)}"
        if self.kind == "removed":
            return f"- {self.path}: {show(self.old)}"
        return f"{self.path} {show(self.old)} → {show(self.new)}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "old": plain(self.old), "new": plain(self.new)}


@dataclass
class Event:
    """One line of an order's timeline: a commit, a history entry, or uncommitted edits."""

    when: date
    kind: str  # commit, history, uncommitted
    who: str
    text: str
    rev: str | None = None
    stamp: str = ""  # for ordering events of one day: the commit time
    changes: list[FieldChange] = field(default_factory=list)
    words: Pieces = field(default=(), compare=False)  # `text` as words any language can say (not a commit's)

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.when.isoformat(),
            "kind": self.kind,
            "who": self.who,
            "text": self.text,
            "rev": self.rev,
            "changes": [c.as_dict() for c in self.changes],
        }


@dataclass
class Log:
    in_git: bool
    events: list[Event]
    note: str = ""


# showing values ---------------------------------------------------------------


def plain(value: Any) -> Any:
    """A value for JSON: numbers and dates as the text the file holds."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def show(value: Any) -> str:
    """A value in one short line, YAML flow style."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return str(value)


# comparing two versions -------------------------------------------------------


def diff_data(old: Any, new: Any, path: str = "") -> list[FieldChange]:
    """Every field that differs between two parsed order files, in file order."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[FieldChange] = []
        for key in list(old) + [k for k in new if k not in old]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in new:
                out.append(FieldChange(sub, old[key], None, "removed"))
            elif key not in old:
                out.append(FieldChange(sub, None, new[key], "added"))
            else:
                out.extend(diff_data(old[key], new[key], sub))
        return out
    if isinstance(old, list) and isinstance(new, list) and _entries(old + new):
        named = _naming(old, new)
        if named is not None:
            a = {_label(e, named): e for e in old}
            b = {_label(e, named): e for e in new}
        else:
            a = {str(i): e for i, e in enumerate(old)}
            b = {str(i): e for i, e in enumerate(new)}
        out = []
        for key in list(a) + [k for k in b if k not in a]:
            sub = f"{path}[{key}]"
            if key not in b:
                out.append(FieldChange(sub, a[key], None, "removed"))
            elif key not in a:
                out.append(FieldChange(sub, None, b[key], "added"))
            else:
                out.extend(diff_data(a[key], b[key], sub))
        return out
    if old != new or type(old) is not type(new):
        return [FieldChange(path, old, new)]
    return []


def _entries(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(e, dict) for e in items)


def _naming(old: list[Any], new: list[Any]) -> tuple[str, ...] | None:
    for keys in ENTRY_KEYS:
        ok = True
        for side in (old, new):
            labels = [_label(e, keys) for e in side if all(k in e for k in keys)]
            if len(labels) != len(side) or len(set(labels)) != len(labels):
                ok = False
                break
        if ok:
            return keys
    return None


def _label(entry: dict[str, Any], keys: tuple[str, ...]) -> str:
    return " ".join(str(entry[k]) for k in keys)


def parse_text(text: str | None, shown: str) -> Any:
    """The data of an order file's text; None when there is no file."""
    from gendan.store.yamlio import loads

    if text is None:
        return None
    return loads(text, shown)


# git ------------------------------------------------------------------------


def _git(top: Path, *args: str, check: bool = True) -> str | None:
    # GIT_LITERAL_PATHSPECS: a folder named `SO-1*` or `:(top)x` is a name, never a pattern
    env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0", "GIT_LITERAL_PATHSPECS": "1"}
    try:
        out = subprocess.run(
            ["git", "-C", str(top), "-c", "core.quotepath=off", *args], capture_output=True, env=env, timeout=60
        )
    except FileNotFoundError:
        return None
    except subprocess.TimeoutExpired:
        raise GendanError.worded(
            said(("git {command} took longer than 60 s; giving up", {"command": args[0]}))
        ) from None
    if out.returncode != 0:
        if check:
            why = out.stderr.decode("utf-8", "replace").strip()
            raise GendanError.worded(said(("git {command} failed: {why}", {"command": args[0], "why": why})))
        return None
    return out.stdout.decode("utf-8", "replace")


def git_top(folder: Path) -> Path | None:
    """The top of the git work tree holding `folder`, or None (not a repository, or no git).

    A repository git refuses to read because another user owns it ("dubious ownership") is
    said as such (GendanError), not taken for "not a repository"."""
    env = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        out = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, env=env, timeout=60
        )
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        told = out.stderr.decode("utf-8", "replace")
        if "dubious ownership" in told:
            where = told.split("repository at '", 1)[-1].split("'", 1)[0] if "repository at '" in told else folder
            raise GendanError.worded(
                said(
                    (
                        "git refuses to read the repository at {where}: another user owns it (git's "
                        '"dubious ownership"); if you trust it, run: git config --global --add safe.directory {where}',
                        {"where": where},
                    )
                )
            )
        return None
    top = out.stdout.decode("utf-8", "replace").strip()
    return Path(top).resolve() if top else None


def _rel(top: Path, path: Path) -> str:
    return path.resolve().relative_to(top).as_posix()


def file_at(top: Path, rev: str, rel: str) -> str | None:
    """The text of a file at a revision, None when the file is not there."""
    out = _git(top, "show", f"{rev}:{rel}", check=False)
    return out


def resolve_rev(top: Path, rev: str) -> tuple[str, str]:
    """(full hash, one-line description) of a revision or of the last commit before a date."""
    if rev.startswith("-") or not rev.strip():
        raise GendanError.worded(said(("{rev!r} is not a revision", {"rev": rev})))
    if _DATE.match(rev):
        try:
            date.fromisoformat(rev)
        except ValueError:
            raise GendanError.worded(said(("{rev} is not a real date", {"rev": rev}))) from None
        found = (_git(top, "rev-list", "-1", f"--before={rev}T00:00:00", "HEAD", check=False) or "").strip()
        if not found:
            raise GendanError.worded(said(("no commit before {rev} in {top}", {"rev": rev, "top": top})))
        rev_hash = found
    else:
        rev_hash = (
            _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False) or ""
        ).strip()
        if not rev_hash:
            raise GendanError.worded(
                said(("no revision {rev!r} in the git repository {top}", {"rev": rev, "top": top}))
            )
    line = (_git(top, "log", "-1", "--format=%h %ad %s", "--date=short", rev_hash) or "").strip()
    return rev_hash, line


@dataclass(frozen=True)
class Commit:
    hash: str
    author: str
    when: str  # ISO time
    subject: str
    path: str  # the order file's path in this commit
    parent_path: str  # ... and in its parent (differs when the commit moved the folder)


def commits(top: Path, rel_file: str) -> list[Commit]:
    """Each commit touching the order's folder, oldest first; the order file is followed across
    moves (e.g. an order folder moved into archive/), so its older commits are found too."""
    fmt = f"--format={_END}%H{_SEP}%an{_SEP}%aI{_SEP}%s"
    found: dict[str, Commit] = {}
    out = _git(top, "log", "--follow", "--name-status", fmt, "--", rel_file, check=False) or ""
    for record in out.split(_END):
        head, _, status = record.partition("\n")
        if not head.strip():
            continue
        h, author, when, subject = head.split(_SEP, 3)
        path = parent = rel_file
        copied = False
        for line in status.splitlines():
            parts = line.split("\t")
            same_order = (
                len(parts) == 3 and _folder(parts[1]).rsplit("/", 1)[-1] == _folder(parts[2]).rsplit("/", 1)[-1]
            )
            if len(parts) == 3 and parts[0].startswith("R") and same_order:
                parent, path = parts[1], parts[2]  # the folder moved; the id (its name) is the same
            elif len(parts) == 3:
                # a new order made from a copy of another (or taking its place): its history starts here
                parent = path = parts[2]
                copied = True
            elif len(parts) == 2:
                parent = path = parts[1]
        found[h] = Commit(h, author, when, subject, path, parent)
        if copied:
            break  # what --follow lists further back is the history of the file it was copied from
    # commits that touched only other files of the folder (attachments), wherever it was then
    folders = {_folder(c.path): c.path for c in found.values()} | {_folder(rel_file): rel_file}
    for folder, path in folders.items():
        out = _git(top, "log", fmt, "--", folder, check=False) or ""
        for record in out.split(_END):
            if record.strip() and record.split(_SEP, 1)[0] not in found:
                h, author, when, subject = record.strip("\n").split(_SEP, 3)
                found[h] = Commit(h, author, when, subject, path, path)
    return sorted(found.values(), key=lambda c: datetime.fromisoformat(c.when))


def _folder(rel_file: str) -> str:
    return rel_file.rsplit("/", 1)[0] if "/" in rel_file else "."


def line_changes(before: str, after: str, why: str) -> list[FieldChange]:
    """The lines that differ, for when one side does not read as an order: a note saying `why`,
    then each removed line (numbered as before) and added line (numbered as after)."""
    import difflib

    old, new = before.splitlines(), after.splitlines()
    out = [FieldChange("order.yaml", None, why, "note")]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        out += [FieldChange(f"line {i + 1}", old[i], None, "line-removed") for i in range(i1, i2)]
        out += [FieldChange(f"line {j + 1}", None, new[j], "line-added") for j in range(j1, j2)]
    return out


def _changes(rel: str, before: str | None, after: str | None) -> list[FieldChange]:
    try:
        old = parse_text(before, rel) if before is not None else None
        new = parse_text(after, rel) if after is not None else None
    except InvalidFile as e:
        why = f"does not read as YAML: {e.problems[0]}" if e.problems else "does not read as YAML"
        return line_changes(before or "", after or "", why)
    if old is None and new is None:
        return []
    if old is None:
        return [FieldChange("order.yaml", None, "(created)", "added")]
    if new is None:
        return [FieldChange("order.yaml", "(deleted)", None, "removed")]
    return diff_data(old, new)


# the two things the commands show ---------------------------------------------


def order_log(order_file: Path, history: list[HistoryEntry], working_text: str, today: date) -> Log:
    """The order's timeline: its `history` entries and, in git, every commit that touched
    its folder with the fields it changed, and any uncommitted edits; oldest first."""
    events = []
    for h in history:
        text, words = _history_text(h)
        events.append(Event(h.date, "history", h.by, text, stamp="", words=words))
    top = git_top(order_file.parent)
    if top is None:
        events.sort(key=lambda e: e.when)
        return Log(False, events, NOT_IN_GIT)
    rel = _rel(top, order_file)
    for c in commits(top, rel):
        stamp = datetime.fromisoformat(c.when)
        # each commit against its first parent (a root commit against nothing)
        changes = _changes(rel, file_at(top, f"{c.hash}^", c.parent_path), file_at(top, c.hash, c.path))
        if c.parent_path != c.path:
            changes.insert(0, FieldChange("folder", _folder(c.parent_path), _folder(c.path)))
        events.append(
            Event(stamp.date(), "commit", c.author, c.subject, rev=c.hash[:10], stamp=c.when, changes=changes)
        )
    head = file_at(top, "HEAD", rel)
    if head != working_text:
        changes = _changes(rel, head, working_text)
        if changes:
            events.append(Event(today, "uncommitted", "", UNCOMMITTED, stamp="~", changes=changes))
    # history entries of a day before that day's commits (gendan writes them, then someone commits)
    events.sort(key=lambda e: (e.when, e.kind != "history", e.stamp))
    note = "" if any(e.kind == "commit" for e in events) else NO_COMMIT
    return Log(True, events, note)


# the log's own sentences (gendan log says them in the user's language: the zh catalogue has them)
NOT_IN_GIT = "not a git repository: showing the order's history entries only"
UNCOMMITTED = "edits not yet committed"
NO_COMMIT = "no commit touches this order yet"


def _history_text(h: HistoryEntry) -> tuple[str, Pieces]:
    """A history entry in one line, and its words (the action said as itself: advance, hold...)."""
    pieces: list[tuple[str, dict[str, Any]]] = [(h.action, {})]
    if h.from_ or h.to:
        pieces.append((" {from} → {to}", {"from": h.from_ or "?", "to": h.to or "?"}))
    if h.reason:
        pieces.append((": {reason}", {"reason": h.reason}))
    if h.overrides:
        pieces.append((" (overrides {rules}", {"rules": ", ".join(h.overrides)}))
        pieces.append((", approved by {by})" if h.approved_by else ")", {"by": h.approved_by} if h.approved_by else {}))
    return said(*pieces)


@dataclass
class Diff:
    rev: str
    described: str
    changes: list[FieldChange]


def order_diff(order_file: Path, order_id: str, working_text: str, since: str | None) -> Diff:
    """The fields that differ between the order at a revision (or the last commit before a
    date; default HEAD) and the working file."""
    top = git_top(order_file.parent)
    if top is None:
        raise GendanError(
            f"{order_file.parent} is not in a git repository: there is no earlier version "
            "to compare with (`gendan log` shows the order's history entries)"
        )
    rev, described = resolve_rev(top, since or "HEAD")
    rel = _rel(top, order_file)
    then = file_at(top, rev, rel)
    if then is None:  # the folder may have moved since (archive/...): try its earlier places
        for c in reversed(commits(top, rel)):
            for path in (c.path, c.parent_path):
                if then is None and path != rel:
                    then = file_at(top, rev, path)
    if then is None:
        raise GendanError.worded(
            said(
                (
                    "order {id} did not exist at {rev} ({path} is not in that revision)",
                    {"id": order_id, "rev": described or rev[:10], "path": rel},
                )
            )
        )
    try:
        changes = diff_data(parse_text(then, f"{rev[:10]}:{rel}"), parse_text(working_text, rel))
    except InvalidFile as e:  # a broken file: what changed, line by line (that is what broke it)
        why = f"does not read as YAML: {e.problems[0]}" if e.problems else "does not read as YAML"
        changes = line_changes(then, working_text, why)
    return Diff(rev, described, changes)
