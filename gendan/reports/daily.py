"""The reports' view of every order as of one day, from the per-day cache when it can be.

An order's digest (gendan/reports/digest.py: its list fields, pipeline numbers, status line
and overdue items) depends on its file, the configuration and the as-of date only (each
order is planned on its own calendar, `gendan.reports.facts.calendars`). So the digests are
kept in `.gendan/cache/digests.pickle` (gendan/store/cache.py, DigestCache: signed, plain
data only) under

- the whole file: the bytes of gendan.yaml, the as-of date, the Python and gendan versions
  and the size and time of every source file that computes a digest (gendan/core, domain,
  reports, the defaults, the holidays library);
- each entry: the order file's path and stat key (size, mtime, inode, ctime), like the
  parse cache's.

The second report of a day reads the digests and no order: it imports neither the model
nor pydantic. An order file added, edited or moved is read (and its digest computed) alone;
one removed is dropped; another day or another gendan.yaml starts afresh. `--no-cache`
computes everything and writes nothing. An order file with problems is never cached: it is
read, and reported, every time.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gendan.reports.digest import Digest

if TYPE_CHECKING:
    from gendan.core.errors import Problem
    from gendan.store.workspace import Workspace

# Below this many orders to compute, they are read one by one rather than through the parse
# cache (which is read whole: at 10,000 orders, reading it costs what ~100 files do).
FEW = 64

_SOURCES = ("core", "domain", "reports")


def cache_key(ws: Workspace, today: date) -> bytes:
    """What every digest of this workspace depends on besides its order file (see the module)."""
    h = hashlib.sha256()
    h.update(today.isoformat().encode())
    try:
        h.update((ws.root / "gendan.yaml").read_bytes())
    except OSError:
        h.update(b"\0no config")
    here = Path(__file__).resolve().parent.parent  # the gendan package
    files = [here / "defaults" / "gendan.yaml", here / "store" / "configfile.py"]
    for folder in _SOURCES:
        try:
            files += sorted(here / folder / name for name in os.listdir(here / folder) if name.endswith(".py"))
        except OSError:
            h.update(folder.encode())
    files += _holidays_files()
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            h.update(b"\0missing " + str(path).encode())
            continue
        h.update(f"{path.name} {st.st_size} {st.st_mtime_ns}\n".encode())
    return h.hexdigest().encode()


def _holidays_files() -> list[Path]:
    """The holidays library's own files (an upgrade replaces them), found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
    except (ImportError, ValueError):
        return []
    if spec is None or spec.origin is None:
        return []
    package = Path(spec.origin).parent
    return [package / "__init__.py", package / "registry.py", package / "countries" / "__init__.py"]


def digests(ws: Workspace, today: date, within: int | None = None) -> tuple[list[Digest], list[Problem]]:
    """Every order's digest as of `today` (with its overdue items for `within` days, unless None),
    in the workspace's order; and the problems of the order files that do not read cleanly (left
    out). Digests computed here also get the items for alert_days of gendan.yaml: the day's
    `overdue` finds them."""
    if not ws.cache:
        loaded, unread = ws.load_all()
        return _computed([item.order for item in loaded], ws, today, within), unread
    from gendan.store.cache import DigestCache

    files = ws.order_file_names()
    cache = DigestCache(ws.root, cache_key(ws, today))
    found: list[Digest | None] = []
    todo: list[tuple[int, str, str | None, tuple | None, Digest | None]] = []
    present: set[str] = set()
    for n, path in enumerate(files):
        rel, key = ws.cache_key(path, walked=True)
        if rel is not None and key is not None:
            present.add(rel)
            hit = cache.get(rel, key)
            if hit is not None and len(hit) == len(Digest._fields):
                d = Digest._make(hit)
                if within is None or within in d.items:
                    found.append(d)
                    continue
                todo.append((n, path, rel, key, d))
                found.append(None)
                continue
        todo.append((n, path, rel, key, None))
        found.append(None)
    problems: list[Problem] = []
    if todo:
        problems = _compute(ws, today, within, todo, found, cache)
    cache.drop_missing(present)
    cache.save()
    ws.save_config()
    return [d for d in found if d is not None], problems


def _compute(ws, today, within, todo, found, cache) -> list[Problem]:
    """Read the orders of `todo`, put their digests into `found` and the cache; their problems."""
    import dataclasses

    from gendan.reports.facts import calendars, digest_of

    reader = ws if len(todo) > FEW else dataclasses.replace(ws, cache=False)
    loaded, problems = reader.load_all([Path(path) for _, path, _, _, _ in todo])
    by_path = {str(item.path): item.order for item in loaded}
    config = ws.config
    default = config.alert_days
    cal = calendars(config, today)
    for n, path, rel, key, old in todo:
        order = by_path.get(path)
        if order is None:  # it has problems: read and reported every time
            if rel is not None:
                cache.discard(rel)
            continue
        wanted = default if within is None else within
        d = digest_of(order, config, today, wanted, cal)
        if wanted != default and (old is None or default not in old.items):  # the day's usual report too
            d = d._replace(items={**digest_of(order, config, today, default, cal).items, **d.items})
        if old is not None:
            d = d._replace(items={**old.items, **d.items})
        found[n] = d
        if rel is not None and key is not None and ws.cache_key(path, walked=True)[1] == key:
            cache.put(rel, key, tuple(d))  # (unchanged while it was read)
    return problems


def _computed(orders, ws: Workspace, today: date, within: int | None) -> list[Digest]:
    from gendan.reports.facts import calendars, digest_of

    config = ws.config
    cal = calendars(config, today)
    wanted = config.alert_days if within is None else within
    return [digest_of(o, config, today, wanted, cal, items=within is not None) for o in orders]
