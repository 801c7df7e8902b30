"""The one hook long work offers for a progress display.

Code below the command layer never draws anything: a function that loops over many orders
(reading them, forecasting them, rendering their pages) takes `progress: Progress | None` and
loops over `steps(items, label, progress)`. With None (the default, and under cron, in a pipe,
in CI) that is `items` itself: nothing is added. The command layer passes a Progress that
draws a bar on a terminal (gendan/commands/progress.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

# (items, what is being done, how many there are or None) -> the same items, one at a time
Progress = Callable[[Iterable[Any], str, "int | None"], Iterable[Any]]


def steps(items: Iterable[T], label: str, progress: Progress | None, length: int | None = None) -> Iterable[T]:
    """`items` as they are without `progress`; else `progress`'s wrapping of them (`length`:
    their number, taken from `len(items)` when not given)."""
    if progress is None:
        return items
    if length is None and hasattr(items, "__len__"):
        length = len(items)  # type: ignore[arg-type]
    return progress(items, label, length)
