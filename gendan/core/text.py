"""Words for people: the one "did you mean" used by every message that names a choice, the one
safe-id rule for order ids and folder names, and the one sanitiser for text shown in a terminal."""

from __future__ import annotations

import re
from collections.abc import Iterable


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """` (did you mean 'x'?)` for the closest option, or "" when nothing is close."""
    guess = closest(word, options, cutoff)
    return f" (did you mean '{guess}'?)" if guess else ""


def guessed(word: str, options: Iterable[str], cutoff: float = 0.6) -> list[tuple[str, dict[str, str]]]:
    """did_you_mean as pieces of a message (gendan.core.errors.said): none when nothing is close."""
    guess = closest(word, options, cutoff)
    return [(" (did you mean '{guess}'?)", {"guess": guess})] if guess else []


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option closest to `word`, or None when nothing is close."""
    import difflib

    guess = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=cutoff)
    return guess[0] if guess else None


# -- order ids --------------------------------------------------------------------------------

# An order id is its folder's name, a file name in every output (documents, the site's pages) and
# a part of every link to it: letters, digits (ASCII or CJK), '-', '_' and '.', starting with a
# letter or digit, at most 80 characters; so never a path, a URL scheme ('javascript:'), a glob or
# git pathspec magic ('*', ':(top)'), and never a control character or a line break.
SAFE_ID = re.compile(r"[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]{0,79}")


def id_problem(ident: str) -> tuple[str, dict[str, str]] | None:
    """Why `ident` is not a usable order id (or folder name of an order), as a piece of a message
    (template, values: gendan.core.errors.said words it), or None when it is."""
    if not isinstance(ident, str) or not SAFE_ID.fullmatch(ident) or ".." in ident:
        return (
            "'{id}' is not a usable order id: use letters, digits, '-', '_' and '.', starting with a letter "
            "or digit, at most 80 characters (e.g. SO-2026-0142)",
            {"id": one_line(str(ident))},
        )
    return None


# -- text shown in a terminal -----------------------------------------------------------------

# Control (Cc), format (Cf: bidi overrides, zero-width), line/paragraph separators, surrogates,
# private-use and unassigned characters: never written raw to a terminal.
_UNSAFE = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def _escape(ch: str) -> str:
    """One character as an escape that reads the same in a terminal and inside a JSON string
    (gendan prints JSON with the same sanitiser): `\\n`, `\\x1b`, `\\u202e`, a pair above U+FFFF."""
    code = ord(ch)
    if ch in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch]
    if code < 0x20:
        return f"\\x{code:02x}"  # JSON escapes these itself; a terminal reader knows \\x1b
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _unsafe(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) in _UNSAFE


def one_line(text: str) -> str:
    """`text` as one line: control, format and line-separator characters (a newline too) shown as
    escapes (`\\n`, `\\x1b`, `\\u202e`), so a value can neither break a line nor send escapes."""
    if text.isprintable():
        return text
    return "".join(ch if ch == " " or not _unsafe(ch) else _escape(ch) for ch in text)


def terminal(text: str) -> str:
    """The one sanitiser for everything gendan prints: like `one_line`, but keeping the newlines
    (and tabs) gendan's own output is made of. A value that must not start a line of its own (a
    folder name, a commit subject, a spreadsheet cell) goes through `one_line` first. JSON printed
    with `ensure_ascii=False` stays valid and means the same: json escapes control characters itself,
    and what it leaves raw becomes JSON's own `\\uXXXX`."""
    if text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable():
        return text  # (a report of many lines: checked at C speed, not character by character)
    return "".join(ch if ch in " \n\t" or not _unsafe(ch) else _escape(ch) for ch in text)
