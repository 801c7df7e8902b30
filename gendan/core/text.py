"""Words for people: the one "did you mean" used by every message that names a choice."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """` (did you mean 'x'?)` for the closest option, or "" when nothing is close."""
    guess = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=cutoff)
    return f" (did you mean '{guess[0]}'?)" if guess else ""
