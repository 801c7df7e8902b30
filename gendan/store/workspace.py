"""The workspace: a folder with `gendan.yaml`, and the order folders below it.

Found like git finds `.git`: the given folder or the current one, then its parents.
Order folders are the folders holding an `order.yaml`; the folder name is the id.
Hidden folders, `out/` and `templates/` are never searched, symlinked folders are
not followed, and an order file that resolves outside the workspace is refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gendan.core.errors import GendanError, InvalidFile, Problem, WorkspaceError, said
from gendan.core.progress import Progress, steps
from gendan.core.text import closest, id_problem
from gendan.store.paths import CONFIG_NAME, ORDER_NAME, display

__all__ = ["CONFIG_NAME", "ORDER_NAME", "Workspace", "check_id", "find_root", "order_ids"]

if TYPE_CHECKING:  # (the model and the config load pydantic: imported where used, so that
    # finding the workspace and its order ids, as shell completion does, stays light)
    from gendan.core.config import Config
    from gendan.core.model import Order
    from gendan.store.cache import StatKey

SKIP_DIRS = {"out", "templates", "node_modules", "__pycache__"}


def check_id(order_id: str) -> str:
    """An order id must be a plain folder name by the one safe-id rule (`gendan.core.text.id_problem`)."""
    problem = id_problem(order_id)
    if problem:
        raise GendanError.worded(said(problem))
    return order_id


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    where = start or Path.cwd()
    message, words = said(
        (
            "no gendan.yaml in {folder} or any parent folder; run `gendan init` to make a workspace, or pass -C DIR",
            {"folder": where},
        )
    )
    raise WorkspaceError(message, words=words)


def order_ids(root: Path) -> list[str]:
    """Every order id below the workspace `root`, sorted, for shell completion: from the id
    index while it is current (a few stats), else by walking the folders. Reads no order file
    and writes nothing."""
    from gendan.store.cache import IdIndex

    ids = IdIndex(root).ids()
    if ids is None:
        found: list[str] = []
        _walk(str(root), found, top=True)
        ids = [os.path.basename(os.path.dirname(name)) for name in found]
    return sorted(set(ids))


@dataclass
class Loaded:
    """One order read from disk, with where it came from (for located messages)."""

    order: Order
    folder: Path
    path: Path

    @property
    def id(self) -> str:
        return self.folder.name

    @property
    def shown(self) -> str:
        return display(self.path)


@dataclass
class Workspace:
    root: Path
    config: Config
    cache: bool = False  # use the caches in .gendan/cache/ (load_all, the configuration, the reports)
    unsaved: Callable[[], None] | None = field(default=None, repr=False, compare=False)  # (save_config)
    _real_root: Path | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def open(cls, root: Path | None = None, cache: bool = False) -> Workspace:
        """Find and read the workspace; a broken gendan.yaml raises InvalidFile."""
        found = find_root(root)
        if not cache:
            return cls(found, _read_config(found))
        config, unsaved = _config(found)
        return cls(found, config, cache=True, unsaved=unsaved)

    def save_config(self) -> None:
        """Cache gendan.yaml as read, if it was read (after a report has made the caches' folder)."""
        if self.unsaved is not None:
            self.unsaved()
            self.unsaved = None

    # discovery -------------------------------------------------------------

    def order_files(self) -> list[Path]:
        """Every `order.yaml` below the root, sorted by path."""
        return [Path(name) for name in self.order_file_names()]

    def order_file_names(self) -> list[str]:
        """`order_files` as strings (10,000 Path objects cost a report more than it needs)."""
        found: list[str] = []
        _walk(str(self.root), found, top=True)
        found.sort(key=_by_parts)
        return found

    def duplicates(self, files: list[Path] | None = None) -> list[Problem]:
        """E113 for every order folder whose name (the id) another order folder has too: which
        one would `done X` change, and which one would the site publish? Both are refused.
        `files`: every order file of the workspace, when the caller has just walked it."""
        by_id: dict[str, list[Path]] = {}
        for path in self.order_files() if files is None else files:
            by_id.setdefault(path.parent.name, []).append(path)
        found = []
        for ident, paths in by_id.items():
            for path in paths if len(paths) > 1 else ():
                message, words = said(
                    (
                        "order id {id} is also the folder {folders}; an id names one order (rename or remove one of "
                        "them)",
                        {"id": ident, "folders": ", ".join(display(other.parent) for other in paths if other != path)},
                    )
                )
                found.append(Problem(display(path), 1, 1, "E113", message, words))
        return found

    def find(self, ident: str) -> Path:
        """The `order.yaml` of an order given by id, or by its folder's path."""
        if "/" in ident or os.sep in ident or ident in (".", ".."):
            folder = Path(ident)
            if folder.name == ORDER_NAME:
                folder = folder.parent
            folder = folder.resolve()
            if not _inside(folder, self.root):
                message, words = said(
                    ("{path} is outside the workspace {folder}", {"path": ident, "folder": display(self.root)})
                )
                raise WorkspaceError(message, words=words)
            if not (folder / ORDER_NAME).is_file():
                message, words = said(("{path} has no order.yaml", {"path": ident}))
                raise WorkspaceError(message, words=words)
            return self._checked(folder / ORDER_NAME)
        check_id(ident)
        matches = self._indexed(ident)
        if matches is None:
            matches = [p for p in self.order_files() if p.parent.name == ident]
        if not matches:
            bare = [
                d for d in self.root.rglob(ident) if d.is_dir() and not d.is_symlink() and not _skipped(d, self.root)
            ]
            if bare:
                message, words = said(
                    ("{path} has no order.yaml: it is not an order folder", {"path": display(bare[0])})
                )
                raise WorkspaceError(message, words=words)
            guess = closest(ident, [p.parent.name for p in self.order_files()])
            values = {"id": ident, "folder": display(self.root), "guess": guess}
            template = "no order {id} in {folder}" + (" (did you mean '{guess}'?)" if guess else "")
            message, words = said((template, values))
            raise WorkspaceError(message, words=words)
        if len(matches) > 1:
            message, words = said(
                (
                    "order id {id} is ambiguous: {folders}",
                    {"id": ident, "folders": ", ".join(display(m.parent) for m in matches)},
                )
            )
            raise WorkspaceError(message, words=words)
        return self._checked(matches[0])

    def _indexed(self, ident: str) -> list[Path] | None:
        """The order files of `ident` from the id index (gendan/store/cache.py, IdIndex), or None
        when there is no usable index: then the workspace is walked (and the index rewritten)."""
        if not self.cache:
            return None
        from gendan.store.cache import CACHE_DIR, IdIndex

        if not (self.root / CACHE_DIR).is_dir():  # no report has made the cache yet: no index either
            return None  # (a command on one order writes nothing new; making .gendan/ moves the root's times)
        index = IdIndex(self.root)
        folders = index.lookup(ident)
        if folders is not None and all(_plain_folder(self.root, rel) for rel in folders):
            return [self.root / rel / ORDER_NAME for rel in folders]
        names: list[str] = []
        dirs: list[tuple[str, os.stat_result]] = []
        _walk(str(self.root), names, top=True, dirs=dirs)
        names.sort(key=_by_parts)
        found = [Path(name) for name in names]
        index.save(found, dirs)
        return [p for p in found if p.parent.name == ident]

    def _checked(self, path: Path) -> Path:
        if not _inside(path.resolve(), self.root):
            message, words = said(("{path} points outside the workspace; refusing to use it", {"path": display(path)}))
            raise WorkspaceError(message, words=words)
        return path

    # reading ----------------------------------------------------------------

    def load(self, path: Path) -> Loaded:
        """Read and validate one order file (schema only; rules are `rules.check`)."""
        from gendan.core.model import Order
        from gendan.store.parse import build
        from gendan.store.yamlio import loads, read_text

        shown = display(path)
        if not self._holds(path.resolve()):
            message, words = said(("the file points outside the workspace; not read", {}))
            raise InvalidFile([Problem(shown, 1, 1, "E001", message, words)])
        text = read_text(path, shown)
        order = build(Order, loads(text, shown), shown, text)
        return Loaded(order, path.parent, path)

    def _holds(self, real: Path) -> bool:
        """Whether the resolved path `real` is the root or inside it (the root is resolved once:
        `load` asks for every file, and resolving the root each time was 2 % of a cold validate)."""
        if self._real_root is None:
            self._real_root = self.root.resolve()
        root = str(self._real_root)
        path = str(real)
        return path == root or path.startswith(root if root.endswith(os.sep) else root + os.sep)

    def load_all(
        self, paths: list[Path] | None = None, *, progress: Progress | None = None
    ) -> tuple[list[Loaded], list[Problem]]:
        """Every order that reads cleanly, and the problems of those that do not.

        With `cache`, an order whose file is unchanged since it was last read cleanly
        comes from the parse cache (see gendan/cache.py); everything else is read.
        `progress` is shown the files as they are read (gendan/core/progress.py).
        """
        # Reading makes objects that all stay (orders) or go at once (parsers, disposed): the
        # collector, run every few hundred allocations, would walk the growing heap again and
        # again (a quarter of a cold read of 10,000 orders). Off while reading; afterwards the
        # orders live until the process ends: frozen, so the reports' collections skip them.
        import gc

        enabled = gc.isenabled()
        gc.disable()
        try:
            result = self._load_all(paths, progress)
        finally:
            if enabled:
                gc.enable()
        gc.freeze()
        return result

    def _load_all(self, paths: list[Path] | None, progress: Progress | None) -> tuple[list[Loaded], list[Problem]]:
        loaded: list[Loaded] = []
        problems: list[Problem] = []
        walked = paths is None
        files = self.order_files() if paths is None else paths
        cache = None
        if self.cache and files:
            from gendan.store.cache import ParseCache

            cache = ParseCache(self.root)
        present: set[str] = set()
        for path in steps(files, "reading orders", progress):
            rel = None
            try:
                if cache is not None:
                    rel, key = self.cache_key(path, walked)
                    if rel is not None and key is not None:  # (both or neither)
                        present.add(rel)
                        order = cache.get(rel, key)
                        if order is not None:
                            loaded.append(Loaded(order, path.parent, path))
                            continue
                        item = self.load(path)
                        if self.cache_key(path, walked)[1] == key:  # unchanged while it was read
                            cache.put(rel, key, item.order)
                        loaded.append(item)
                        continue
                loaded.append(self.load(path))
            except InvalidFile as e:
                problems.extend(e.problems)
                if cache is not None and rel is not None:
                    cache.discard(rel)  # an invalid file is never served from the cache
        if cache is not None:
            if walked:
                cache.drop_missing(present)
            cache.save()
            self.save_config()
        return loaded, problems

    def cache_key(self, path: str | Path, walked: bool) -> tuple[str, StatKey] | tuple[None, None]:
        """(path relative to the root, stat key) of a plain order file inside the workspace, else (None, None)."""
        from gendan.store.cache import cacheable, stat_key

        try:
            st = os.lstat(path)
        except OSError:
            return None, None
        if not cacheable(st):
            return None, None
        root = str(self.root)
        if walked:  # found by _walk below the root, through no symlinked folder
            return str(path)[len(root) + 1 :], stat_key(st)
        real = os.path.realpath(path)
        if not real.startswith(root + os.sep):
            return None, None
        return real[len(root) + 1 :], stat_key(st)


def _read_config(root: Path) -> Config:
    from gendan.store.configfile import load_config

    return load_config(root / CONFIG_NAME)


def _config(root: Path) -> tuple[Config, Callable[[], None] | None]:
    """gendan.yaml from the configuration cache (gendan/store/cache.py, ConfigCache) while its
    bytes are the same, else read; then also how to cache it (Workspace.save_config)."""
    from gendan.core.config import Config
    from gendan.store.cache import CACHE_DIR, ConfigCache, cacheable, stat_key

    path = root / CONFIG_NAME
    try:
        st = os.lstat(path)
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return _read_config(root), None  # (and its message)
    if not cacheable(st):
        return _read_config(root), None
    store = ConfigCache(root, data)
    config = store.get(CONFIG_NAME, stat_key(st))
    if isinstance(config, Config):
        return config, None
    config = _read_config(root)

    def save() -> None:
        if (root / CACHE_DIR).is_dir():  # (only where a report made it: a command on one order writes nothing new)
            store.put(CONFIG_NAME, stat_key(st), config)
            store.save()

    return config, save


def _inside(path: Path, root: Path) -> bool:
    root = root.resolve()
    return path == root or root in path.parents


def _skipped(path: Path, root: Path) -> bool:
    """Whether discovery ignores this folder (hidden, out/, templates/...)."""
    return any(p.startswith(".") or p in SKIP_DIRS for p in path.relative_to(root).parts)


def _plain_folder(root: Path, rel: str) -> bool:
    """Whether `rel` names an order folder the walk would find: every part a real folder (no
    link), none skipped, an order.yaml in it (the id index is checked this way before use)."""
    parts = Path(rel).parts
    if not parts or any(p in ("..", ".") or p.startswith(".") or p in SKIP_DIRS for p in parts):
        return False
    folder = root
    for part in parts:
        folder = folder / part
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return False
        except OSError:
            return False
    return (folder / ORDER_NAME).is_file()


def _by_parts(name: str) -> list[str]:
    """Sorting paths as `Path`s sort (part by part: `a/b` before `a-b/c`), not as strings."""
    return name.split(os.sep)


def _walk(
    folder: str, found: list[str], top: bool = False, dirs: list[tuple[str, os.stat_result]] | None = None
) -> None:
    """Order files below `folder` into `found`; with `dirs`, every other folder walked and its
    stat from before it was listed (what the id index checks: an order folder added, removed or
    renamed anywhere changes the times of the folder it is in)."""
    try:
        st = os.lstat(folder) if dirs is not None else None
        entries = list(os.scandir(folder))
    except OSError:
        return
    subdirs = []
    for entry in entries:
        name = entry.name
        if name == ORDER_NAME and not top and entry.is_file():
            found.append(entry.path)
            return  # an order folder holds no further orders
        if name.startswith(".") or name in SKIP_DIRS:
            continue
        if entry.is_dir(follow_symlinks=False):
            subdirs.append(entry.path)
    if dirs is not None and st is not None:
        dirs.append((folder, st))
    for sub in subdirs:
        _walk(sub, found, dirs=dirs)
