"""Paths as users see them, and the one guard for every folder or file a command writes into."""

from __future__ import annotations

import os
from pathlib import Path


def display(path: Path) -> str:
    """A path as the user should see it: relative to the current folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel
