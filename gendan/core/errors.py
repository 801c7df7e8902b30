"""The one error hierarchy, and the located problems that `validate` reports.

Domain code raises a `GendanError` (or a subclass) for anything a user must fix;
`gendan.cli` turns it into one clean message and an exit code in one place.
Findings that do not stop a command (validation problems) are `Problem` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gendan.core.text import one_line

# Exit codes, relied upon by cron and scripts (docs/domain.md §4, docs/architecture.md §3).
EXIT_FINDINGS = 1
EXIT_USAGE = 2

# Stable problem codes; the README lists them. Never renumber one.
CODES: dict[str, str] = {
    "E001": "file cannot be read: missing, too large, not UTF-8",
    "E002": "YAML syntax error",
    "E003": "duplicate key",
    "E004": "YAML feature not allowed: tags, alias bombs, recursive aliases",
    "E005": "wrong document shape: empty file, or not a mapping at the top",
    "E006": "unresolved merge conflict: git conflict markers left in the file",
    "E101": "missing required key",
    "E102": "unknown key",
    "E103": "wrong type or value",
    "E104": "impossible or malformed date",
    "E105": "bad money amount or number",
    "E106": "bad quantity: pieces are positive whole numbers",
    "E107": "value not among the allowed ones",
    "E110": "order id differs from its folder name",
    "E111": "unknown stage",
    "E112": "unknown milestone",
    "E113": "the same order id in two folders",
    "E114": "a milestone's own anchor is unknown, or anchor and offset do not come together",
    "E120": "actual date after the as-of date",
    "E121": "revised date without a reason",
    "E201": "R1 four essentials missing (price, quantity, quality, delivery)",
    "E203": "R3 margin below threshold without the general manager's approval",
    "E204": "R4 production without deposit / L/C / special approval",
    "E205": "R5 production without an approved PP sample",
    "E206": "R6 goods shipped before the money the terms want first, and no recorded exception",
    "E208": "R8 shipping without a passed final inspection",
    "E210": "a milestone of the stage being entered is not done (the `milestones` gate)",
    "E211": "`paid` without the balance recorded as received (the `balance` gate)",
    "E212": "money outstanding at closing, not written off (the `settled` gate)",
    "E230": "packing plan does not match the order quantities",
    "E240": "inspection record disagrees with the AQL plan",
    "E250": "split shipments do not fit the order (colour, size, or pieces above the tolerance)",
    "E300": "configuration (gendan.yaml) problem",
    "W301": "warning: the order value is above the L/C amount (and its tolerance)",
    "W302": "warning: the L/C's latest shipment date is near or passed, or before ex-factory",
    "W303": "warning: the L/C's expiry date is near or passed",
    "W304": "warning: the documents must reach the bank soon (presentation period after the B/L date)",
    "W305": "warning: shipped quantity outside the order's tolerance, or a size not on the order",
    "W401": "warning: the template's precedences contradict each other for the order's lead time",
    "W402": "warning: a milestone planned before the PO date: the lead time is too short",
    "W403": "warning: ex-factory on a non-working day or inside a closure",
    "W404": "warning: a product type without a milestone template falls back to default",
    "W405": "warning: a material due after the milestone that needs it (fabric_in_house, trims_in_house)",
}


# A message as words any language can say: its pieces, each (English template, ((name, value), ...)),
# filled in and joined. gendan.render.i18n.Words.pieces says them in the user's language; a value
# named `milestone` (or `milestone_...`) is a milestone's key, `stage` / `from` / `to` (or
# `stage_...`) a stage's, said by their names in that language.
Pieces = tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]


def said(*pieces: tuple[str, dict[str, Any]]) -> tuple[str, Pieces]:
    """A message in English and its words (Pieces), from its pieces (template, values)."""
    text = "".join(t.format(**v) if v else t for t, v in pieces)
    return text, tuple((t, tuple(v.items())) for t, v in pieces)


class Unfit(ValueError):
    """A value refused where it is read (a validator of the model, a date, a cell of a sheet), with
    its words (Pieces) for the user's language. A ValueError, so pydantic and the parsers take it
    as any other; pydantic keeps it (err["ctx"]["error"]), so gendan/store/parse.py passes the
    words on to the located problem."""

    def __init__(self, message_and_words: tuple[str, Pieces]) -> None:
        super().__init__(message_and_words[0])
        self.words = message_and_words[1]


@dataclass(frozen=True, order=True)
class Problem:
    """One located finding: `path:line:col: CODE message`; a W code is a warning, not an error."""

    path: str
    line: int
    col: int
    code: str
    message: str
    # the message as words any language can say (Pieces; empty: English only)
    words: Pieces = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        # One line per problem, and no terminal escapes or bidi tricks from a file's text or name.
        object.__setattr__(self, "message", one_line(self.message))
        object.__setattr__(self, "path", one_line(self.path))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    @property
    def is_error(self) -> bool:
        return not self.code.startswith("W")

    def as_dict(self) -> dict[str, str | int]:
        return {"path": self.path, "line": self.line, "col": self.col, "code": self.code, "message": self.message}


class GendanError(Exception):
    """A user-facing error: one message, optionally located, and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        col: int | None = None,
        code: str | None = None,
        words: Pieces = (),
    ):
        super().__init__(message)
        self.message = message
        self.words = words  # the message as words any language can say (Pieces; empty: English only)
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col
        self.code = code

    @classmethod
    def worded(cls, message_and_words: tuple[str, Pieces], **kwargs: Any) -> GendanError:
        """The error of `said(...)`'s message and words: `raise GendanError.worded(said(("...", {...})))`."""
        message, words = message_and_words
        return cls(message, words=words, **kwargs)

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}:{self.col or 1}"
            where += ": "
        code = f"{self.code} " if self.code else ""
        return f"{where}{code}{self.message}"


class WorkspaceError(GendanError):
    """No workspace, or an order that cannot be found."""


class InvalidFile(GendanError):
    """A file could not be read into a model; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        first = self.problems[0]
        super().__init__(first.message, first.path, first.line, first.col, first.code)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class RefusedError(GendanError):
    """A command understood the request but the rules refuse it (exit 1)."""

    exit_code = EXIT_FINDINGS


class ConflictError(GendanError):
    """The file changed on disk, or another gendan holds its lock."""


@dataclass(frozen=True)
class Finding:
    """A rule that does not hold: its code, where in the file, why, and what would fix it."""

    code: str
    keypath: tuple[str | int, ...]
    message: str
    hint: str = ""
    # the message and the hint as words any language can say (Pieces; empty: English only)
    words: Pieces = field(default=(), compare=False, repr=False)
    hint_words: Pieces = field(default=(), compare=False, repr=False)

    @classmethod
    def said(
        cls, code: str, keypath: tuple[str | int, ...], template: str, hint: str = "", /, **values: Any
    ) -> Finding:
        """A finding worded from English templates for the message and the hint, filled in with
        `values` (the same for both), keeping its words for the user's language."""
        message, words = said((template, values))
        hint_text, hint_words = said((hint, values)) if hint else ("", ())
        return cls(code, keypath, message, hint_text, words, hint_words)

    @property
    def is_error(self) -> bool:
        """W codes are warnings: shown, but they neither fail `validate` nor refuse a change."""
        return not self.code.startswith("W")


# What the system refuses, said as a sentence (an ordinary failure, not a bug to report).
_REFUSALS = {
    "ENOSPC": "the disk is full; free some space and run the command again",
    "EDQUOT": "the disk quota is used up; free some space and run the command again",
    "EFBIG": "the file is larger than this session may write (ulimit -f?)",
    "EROFS": "the file system is read-only",
    "EACCES": "permission denied",
    "EPERM": "permission denied (operation not permitted)",
    "ELOOP": "too many symbolic links (a link pointing at itself?)",
    "ENAMETOOLONG": "the file name is too long",
    "EMFILE": "too many open files",
    "EIO": "the disk reported an input/output error",
}


def _refusal(e: OSError) -> str | None:
    import errno

    return _REFUSALS.get(errno.errorcode.get(e.errno or 0, ""))


def system_refusal(e: OSError) -> tuple[str, Pieces] | None:
    """The sentence (and its words) for an OSError the system raised (disk full, read-only...),
    or None for others."""
    reason = _refusal(e)
    if reason is None:
        return None
    where = e.filename if isinstance(e.filename, str) else None
    return said(*([("stopped: {path}: ", {"path": where})] if where else [("stopped: ", {})]), (reason, {}))


def refusal_of(e: OSError, shown: str, after: str) -> tuple[str, Pieces]:
    """What to tell (and its words) when writing `shown` failed: the sentence for a system refusal,
    else the system's text; then `after` (what became of the file)."""
    reason = _refusal(e)
    why = (reason, {}) if reason else ("{reason}", {"reason": str(e.strerror or e)})
    return said(("cannot write {path}: ", {"path": shown}), why, (after, {}))
