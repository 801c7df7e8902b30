"""Paths as users see them, and the one guard for every folder or file a command writes into.

Two kinds of place, each with its own function, used by every command that writes:

- **Inside the workspace** (`workspace_folder`, `inside_workspace`): the places gendan
  itself keeps things — order folders (`new --dir`, `import --dir`, the order folder
  itself), an order's `out/` (what `doc` writes by default), `templates/` (`doc --copy`),
  the files `init` writes into its folder. A folder the user names here is relative to the
  workspace: an absolute path, `..` and hidden folders are refused, and so is any folder
  that a symlink leads out of the workspace (or into `.git/` or `.gendan/`).
- **An explicit output the user names** (`output_file`, `output_folder`): `tracker -o`,
  `site -o`, `doc -o`, `schema -o`. It may be anywhere, outside the workspace too (a cron
  job publishes the site to /srv/www), because the user's own command line chose it, not a
  file. But it never overwrites an order file (`order.yaml`), a `gendan.yaml`, or anything
  under a `.git/` or `.gendan/` folder, and a symlinked parent folder leading to one of
  those is followed to see where the write would really land. A file output that is itself
  a symlink is replaced by the new file, never written through (`yamlio.atomic_write`).

A refusal is a `GendanError` (exit 2) raised before anything is written, worded the same in
every command: `<option> <path>: ...; nothing written`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from gendan.core.errors import GendanError, refusal_of, said
from gendan.core.text import one_line

CONFIG_NAME = "gendan.yaml"
ORDER_NAME = "order.yaml"
PRIVATE_FOLDERS = (".git", ".gendan")  # git's store and gendan's cache: never written by an output


def display(path: Path) -> str:
    """A path as the user should see it: relative to the current folder when inside it (the
    current folder itself by its full path: "no order X in ." would name nothing), on one line
    (a folder name with a line break or an escape sequence is shown escaped)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return one_line(str(path))
    if rel == ".":
        return one_line(os.path.abspath(path))
    return one_line(str(path) if rel.startswith("..") else rel)


# -- inside the workspace ------------------------------------------------------------------


def workspace_folder(root: Path, given: str, label: str) -> Path:
    """The folder `given` names relative to the workspace (`--dir 2026`), refused when it is
    absolute, has `..` or a hidden folder, or leads out of the workspace through a symlink.
    `label` names it in messages (`--dir 2026`). Returns root / given (not resolved)."""
    parts = Path(given).parts
    if not given.strip() or Path(given).is_absolute() or any(p.startswith(".") or not p.isprintable() for p in parts):
        raise GendanError.worded(
            said(
                (
                    "{label}: give a folder inside the workspace, like 2026 "
                    "(no absolute path, no '..', no hidden folder)",
                    {"label": label},
                )
            )
        )
    folder = inside_workspace(root, root / given, label)
    _not_in_an_order_folder(root.resolve(), (root / given).resolve(), label)  # it would never be found
    return folder


def inside_workspace(root: Path, path: Path, label: str) -> Path:
    """`path` (a folder or file gendan chose below the workspace), refused when symlinks take it
    out of the workspace or into its `.git/` or `.gendan/`. Returns `path` unchanged."""
    top = root.resolve()
    real = path.resolve()
    if real != top and top not in real.parents:
        raise GendanError.worded(
            said(
                (
                    "{label} leads outside the workspace, to {path} (a symlink?); nothing written "
                    "(remove the link, or use a real folder inside the workspace)",
                    {"label": label, "path": real},
                )
            )
        )
    _not_private(real, label, real.relative_to(top).parts)
    return path


# -- an explicit output ---------------------------------------------------------------------


def output_file(given: Path, label: str) -> Path:
    """A file the user names for gendan to write (`-o tracker.xlsx`): anywhere, but never an
    order file, a gendan.yaml, or a file under .git/ or .gendan/ (symlinked parents followed)."""
    real = given.absolute().parent.resolve() / given.name
    _not_private(real, label)
    if real.name.casefold() in (ORDER_NAME, CONFIG_NAME):
        raise GendanError.worded(
            said(
                (
                    "{label}: {path} is an order file, which gendan never overwrites; nothing written"
                    if real.name.casefold() == ORDER_NAME
                    else "{label}: {path} is a workspace's gendan.yaml, which gendan never overwrites; nothing written",
                    {"label": label, "path": real},
                )
            )
        )
    return given


def output_folder(given: Path, label: str, root: Path | None = None) -> Path:
    """A folder the user names for gendan to fill (`site -o public`): anywhere, but not under
    .git/ or .gendan/, not the workspace `root` or a folder holding it, not inside an order folder."""
    real = given.resolve()
    _not_private(real, label)
    if root is not None:
        top = root.resolve()
        if real == top or real in top.parents:
            raise GendanError.worded(
                said(
                    (
                        "{label}: {path} holds the workspace; nothing written (choose a folder of its own)",
                        {"label": label, "path": real},
                    )
                )
            )
        _not_in_an_order_folder(top, real, label)
    return given


def write_file(path: Path, data: bytes | Callable[[BinaryIO], None], new: bool = False) -> None:
    """Write a file a guard above has allowed: missing folders made, the file replaced all at
    once (a symlink in its place is replaced, not followed); what the system refuses (no such
    folder, read-only, disk full) is a clean error, never a traceback. With `new`, the file is
    created exclusively: if it exists (made a moment ago by another gendan), nothing is written.
    `data` may be a function writing to a file object (`yamlio.atomic_write`), only without `new`."""
    from gendan.store.yamlio import atomic_write, create_new

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not new:
            atomic_write(path, data)
        else:
            assert isinstance(data, bytes), "a new file is written from its bytes"
            try:
                create_new(path, data)
            except FileExistsError:
                raise GendanError.worded(
                    said(("{path} already exists (created a moment ago by someone else?)", {"path": display(path)}))
                ) from None
    except OSError as e:
        raise GendanError.worded(refusal_of(e, display(path), "; nothing was written")) from None


def _not_in_an_order_folder(top: Path, real: Path, label: str) -> None:
    """Refuse a folder at or below an order folder of the workspace `top` (both resolved)."""
    if top not in real.parents:
        return
    for folder in (real, *real.parents):
        if folder == top:
            return
        if (folder / ORDER_NAME).exists():
            raise GendanError.worded(
                said(
                    (
                        "{label}: {path} is inside the order folder {folder}; nothing written "
                        "(choose a folder of its own)",
                        {"label": label, "path": real, "folder": display(folder)},
                    )
                )
            )


def _not_private(real: Path, label: str, parts: tuple[str, ...] | None = None) -> None:
    """Refuse a path under a .git/ or .gendan/ folder (among `parts`, by default all of it)."""
    private = next((p for p in (real.parts if parts is None else parts) if p.casefold() in PRIVATE_FOLDERS), None)
    if private:
        raise GendanError.worded(
            said(
                (
                    "{label}: {path} is inside {private}/, which gendan never writes into; nothing written",
                    {"label": label, "path": real, "private": private},
                )
            )
        )
