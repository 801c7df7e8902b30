"""The parse cache: validated orders kept between runs, so reports over 10,000 orders are quick.

One file per workspace, `.gendan/cache/orders.pickle` (git-ignored): for every order file
that read cleanly, its stat key and the validated `Order`. A file is taken from the cache
only when its key is unchanged: size, st_mtime_ns, st_ino and st_ctime_ns (an atomic
rewrite renames a new inode into place, and any write moves ctime, even if mtime is set
back). Files with problems are never stored, so they are read and reported every time.

The cache is never trusted blindly. It starts with a fingerprint of the gendan version,
the Python version and the source of the modules that build an order (so a model change
invalidates it), and it is signed with a per-user key (HMAC-SHA256) kept outside the
workspace: a cache file that came with a repository, was written by another user or
another gendan, or is truncated or corrupt is ignored and rebuilt without a word (pickle
runs code, so an unsigned file is never unpickled). Writers write a temp file and rename
it, so two gendan processes at once each see a whole file, old or new. A `.gendan/` (or
`cache/`) that is a symlink is never written through: the cache is then simply not saved.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import hmac
import os
import pickle
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CACHE_DIR = Path(".gendan") / "cache"
CACHE_NAME = "orders.pickle"
MAGIC = b"gendan-cache-2\n"
# Entries per pickle in a cache file: a file is a series of (length, pickle) chunks, so that
# neither writing nor reading it keeps a memo of every object of 10,000 orders at once (the
# objects reading one made and dropped would stay interleaved with the orders: a third more memory).
CHUNK = 500
_SOURCES = ("core/model.py", "store/parse.py", "store/yamlio.py", "store/cache.py", "__init__.py")

StatKey = tuple[int, int, int, int]


def stat_key(st: os.stat_result) -> StatKey:
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


@functools.lru_cache(maxsize=1)
def fingerprint() -> bytes:
    """Changes whenever a cached order could mean something else: gendan, Python, the model."""
    h = hashlib.sha256()
    h.update(sys.version.encode())
    here = Path(__file__).parent.parent  # the gendan package
    for name in _SOURCES:
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    return h.hexdigest().encode()


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gendan" / "cache.key"


def signing_key() -> bytes | None:
    """This user's secret for signing caches (made on first use); None when it cannot be had."""
    path = _key_file()
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another gendan made it just now
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return data if len(data) >= 32 else None
    except OSError:
        return None
    secret = os.urandom(32)
    with os.fdopen(fd, "wb") as f:
        f.write(secret)
    return secret


class ParseCache:
    """The cache of one workspace: `get` a cached order by path and stat, `put`, `save`.

    The digests cache (`DigestCache`) is the same file format under another name and key."""

    name = CACHE_NAME
    magic = MAGIC

    def __init__(self, root: Path, key: bytes = b""):
        self.root = root
        self.path = root / CACHE_DIR / self.name
        self.entries: dict[str, tuple[StatKey, Any]] = {}
        self.changed = False
        self._key = signing_key()
        self._fingerprint = fingerprint() + key
        if self._key is not None:
            self.entries = self._read()

    def _head(self) -> bytes:
        return self.magic + self._fingerprint + b"\n"

    def _read(self) -> dict[str, tuple[StatKey, Any]]:
        key = self._key
        if key is None:
            return {}
        try:
            with open(self.path, "rb") as f:
                data = f.read()
        except OSError:
            return {}
        head = self._head()
        sig_end = len(head) + 32
        if not data.startswith(head) or len(data) < sig_end:
            return {}
        body = memoryview(data)[sig_end:]
        if not hmac.compare_digest(data[len(head) : sig_end], hmac.new(key, body, hashlib.sha256).digest()):
            return {}
        enabled = gc.isenabled()
        gc.disable()  # a million small objects and no garbage: collecting only slows it down
        try:
            entries = {}
            at = 0
            while at < len(body):  # chunk by chunk: each one's unpickling memo goes before the next
                size = int.from_bytes(body[at : at + 8], "little")
                chunk = self._loads(body[at + 8 : at + 8 + size])
                if not isinstance(chunk, dict) or at + 8 + size > len(body):
                    return {}
                entries.update(chunk)
                at += 8 + size
        except Exception:
            return {}
        finally:
            gc.freeze()  # and they stay: later collections need not walk them
            if enabled:
                gc.enable()
        return entries if isinstance(entries, dict) else {}

    def _loads(self, body: memoryview) -> Any:
        return pickle.loads(body)

    def get(self, rel: str, key: StatKey) -> Any:
        """The cached order of the file at `rel` if its stat key is unchanged, else None."""
        hit = self.entries.get(rel)
        if hit is not None and hit[0] == key:
            return hit[1]
        return None

    def put(self, rel: str, key: StatKey, order: Any) -> None:
        if not settled(key, time.time_ns()):
            self.discard(rel)
            return
        self.entries[rel] = (key, order)
        self.changed = True

    def discard(self, rel: str) -> None:
        if self.entries.pop(rel, None) is not None:
            self.changed = True

    def drop_missing(self, present: set[str]) -> None:
        gone = [rel for rel in self.entries if rel not in present]
        for rel in gone:
            del self.entries[rel]
        self.changed = self.changed or bool(gone)

    def save(self) -> None:
        """Write the cache (temp file and rename) if it changed; any failure leaves it unwritten."""
        if not self.changed or self._key is None:
            return
        try:
            items = list(self.entries.items())
            mac = hmac.new(self._key, digestmod=hashlib.sha256)
            parts = []
            for n in range(0, len(items), CHUNK):  # in chunks: no memo of every object at once
                chunk = pickle.dumps(dict(items[n : n + CHUNK]), protocol=pickle.HIGHEST_PROTOCOL)
                for part in (len(chunk).to_bytes(8, "little"), chunk):
                    mac.update(part)
                    parts.append(part)
            if not _write(self.root, self.name, [self._head(), mac.digest(), *parts]):
                return
        except (pickle.PicklingError, RecursionError):
            return
        self.changed = False


DIGESTS_NAME = "digests.pickle"


class DigestCache(ParseCache):
    """What the reports need of each order as of one day (gendan/reports/digest.py), kept in
    `.gendan/cache/digests.pickle` so that the second report of a day is a lookup.

    Entries are by order file, under the file's stat key, like the parse cache's; the whole
    file is under `key` (gendan/reports/daily.py: the configuration's bytes, the as-of date and
    the source of everything that computes a digest): another day or another configuration
    finds no entries. Entries are plain data only (tuples, str, int, dates, Decimals): it is
    read by an unpickler that refuses anything else, so even a signed file cannot make it
    build an object of any other class (and reading it imports no model).
    """

    name = DIGESTS_NAME
    magic = b"gendan-digests-1\n"

    def _loads(self, body: memoryview) -> Any:
        import io

        return _PlainUnpickler(io.BytesIO(body)).load()


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles builtin values, dates and Decimals, and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in (("datetime", "date"), ("decimal", "Decimal")):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


CONFIG_CACHE_NAME = "config.pickle"
_CONFIG_SOURCES = ("core/config.py", "store/configfile.py", "defaults/gendan.yaml")


class ConfigCache(ParseCache):
    """gendan.yaml as read and validated (a `gendan.core.config.Config`), in
    `.gendan/cache/config.pickle`: one entry, under gendan.yaml's stat key, in a file under the
    hash of its bytes, the workspace's folder (the checks of gendan.yaml look at it) and the
    source of the configuration's model, reader and defaults. A report then reads its
    configuration without reading YAML or importing pydantic. Read by an unpickler that builds
    the configuration's own classes, dates and Decimals only."""

    name = CONFIG_CACHE_NAME
    magic = b"gendan-config-1\n"

    def __init__(self, root: Path, config_bytes: bytes):
        h = hashlib.sha256(config_bytes)
        h.update(b"\0" + os.fsencode(root))
        here = Path(__file__).parent.parent
        for name in _CONFIG_SOURCES:
            try:
                h.update((here / name).read_bytes())
            except OSError:
                h.update(name.encode())
        super().__init__(root, h.hexdigest().encode())

    def _loads(self, body: memoryview) -> Any:
        import io

        return _ConfigUnpickler(io.BytesIO(body)).load()


class _ConfigUnpickler(pickle.Unpickler):
    """Unpickles the classes of gendan.core.config, dates, Decimals and builtin values only."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in (("datetime", "date"), ("decimal", "Decimal")):
            return super().find_class(module, name)
        if module == "gendan.core.config":
            import dataclasses

            found = super().find_class(module, name)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a configuration")


def cache_folder(root: Path) -> Path | None:
    """`.gendan/cache/`, made (with a .gitignore) if need be; None when it cannot be written: a
    read-only workspace, or a .gendan/ or cache/ that is a link to elsewhere (never written through)."""
    folder = root / CACHE_DIR
    if folder.resolve() != root.resolve() / CACHE_DIR:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder.parent / ".gitignore"
        if not ignore.exists() and not ignore.is_symlink():  # a dangling link would create its target
            try:  # even where the workspace's .gitignore misses it; never through a link made meanwhile
                fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write("*\n")
    except OSError:
        return None
    return folder


def _write(root: Path, name: str, data: bytes | list[bytes]) -> bool:
    """Write `.gendan/cache/NAME` (temp file and rename); False when it cannot be (see cache_folder,
    or a full disk)."""
    folder = cache_folder(root)
    if folder is None:
        return False
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                for part in [data] if isinstance(data, bytes) else data:
                    f.write(part)
            os.replace(tmp, folder / name)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return False
    return True


IDS_NAME = "ids.json"


class IdIndex:
    """Where each order id's folder is, so a command on one order need not walk 10,000 folders.

    `.gendan/cache/ids.json`: the order folders found by the last walk (relative to the root)
    by id, and the stat (mtime, ctime, inode) of every other folder that walk listed, taken
    before it was listed. Adding, removing or renaming an order folder anywhere the walk looks
    changes the times of the folder it is in, so the index is used only while every listed
    folder is unchanged (a few stats, not one per order), and the caller still checks the
    folders it gets (Workspace._indexed). Folders changed within RACY_NS of the walk could
    change again unseen: the index is then not written. Plain JSON (nothing in it runs).
    """

    def __init__(self, root: Path):
        self.root = root
        self.path = root / CACHE_DIR / IDS_NAME

    def lookup(self, ident: str) -> list[str] | None:
        """The folders (relative) of `ident` while the index is current, else None."""
        ids = self._current()
        if ids is None:
            return None
        folders = ids.get(ident, [])
        if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
            return None
        return folders

    def ids(self) -> list[str] | None:
        """Every order id of the index while it is current, else None (shell completion)."""
        ids = self._current()
        return None if ids is None else [str(k) for k in ids]

    def _current(self) -> dict[str, Any] | None:
        """The index's folders by id while every folder it lists is unchanged, else None."""
        import json

        try:
            with open(self.path, "rb") as f:
                data = json.loads(f.read())
            dirs, ids = data["dirs"], data["ids"]
            if data.get("version") != 1 or not isinstance(dirs, dict) or not isinstance(ids, dict):
                return None
            for rel, want in dirs.items():
                st = os.lstat(os.path.join(self.root, rel) if rel else self.root)
                if not stat.S_ISDIR(st.st_mode) or [st.st_mtime_ns, st.st_ctime_ns, st.st_ino] != want:
                    return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return ids

    def save(self, found: list[Path], dirs: list[tuple[str, os.stat_result]]) -> None:
        import json

        now = time.time_ns()
        if any(now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS for _, st in dirs):
            return  # a folder changed just now: it could change again with the same times
        root = str(self.root)
        ids: dict[str, list[str]] = {}
        for path in found:
            ids.setdefault(path.parent.name, []).append(str(path.parent)[len(root) + 1 :])
        listed = {folder[len(root) + 1 :]: [st.st_mtime_ns, st.st_ctime_ns, st.st_ino] for folder, st in dirs}
        data = json.dumps({"version": 1, "dirs": listed, "ids": ids}, ensure_ascii=False)
        _write(self.root, IDS_NAME, data.encode("utf-8"))


# File times tick with the kernel's coarse clock (a few ms): a file changed within this window
# of being read could change again with the very same times, so it is not cached yet (git's
# "racily clean" rule). It is read again next time, and cached once it has settled.
RACY_NS = 100_000_000


def cacheable(st: os.stat_result) -> bool:
    """Only plain files are cached (a symlinked order file is read, and checked, every time)."""
    return stat.S_ISREG(st.st_mode)


def settled(key: StatKey, now_ns: int) -> bool:
    """Whether a file with this stat key last changed long enough ago to be cached."""
    return now_ns - max(key[1], key[3]) > RACY_NS
