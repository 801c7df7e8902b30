"""A change to an order, as data: what a pure domain function returns and the editor applies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DELETE = object()  # the value that removes a key


@dataclass
class Patch:
    """What a command changes in an order: keys to set (or delete), entries to append."""

    sets: list[tuple[tuple[Any, ...], Any]] = field(default_factory=list)
    appends: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # the preferred order of the keys of a mapping (by its path), where new keys are inserted
    key_order: dict[tuple[Any, ...], list[str]] = field(default_factory=dict)

    def set(self, *path: Any, value: Any) -> Patch:
        self.sets.append((tuple(path), value))
        return self

    def delete(self, *path: Any) -> Patch:
        self.sets.append((tuple(path), DELETE))
        return self

    def append(self, key: str, entry: dict[str, Any]) -> Patch:
        self.appends.append((key, entry))
        return self

    def order_keys(self, *path: Any, keys: list[str]) -> Patch:
        self.key_order[tuple(path)] = keys
        return self

    def __bool__(self) -> bool:
        return bool(self.sets or self.appends)


@dataclass
class Change:
    """What a pure domain function decides for one order: the patch, and what to tell the user.

    `gendan.commands.editing.edit_order` writes the patch and prints the message, then
    each note on its own indented line.
    """

    patch: Patch
    message: str
    notes: list[str] = field(default_factory=list)
    # the message's lines as words any language can say: per line, its pieces (English template,
    # {name: value}); the English filled in is `message` (gendan.render.i18n.lines says them)
    words: tuple[Any, ...] = ()
    # the notes as words any language can say, one Pieces per note (empty: the notes in English)
    note_words: tuple[Any, ...] = ()
