"""Dates as people type them on the command line: the one parser behind every option and
argument that takes a date (`--as-of`, `done --date`, `revise … DATE`), shared with `import`.

Accepted: 2026-12-02, 2026/12/02, 2026.12.02 (month and day with or without a leading zero),
2026年12月2日, `today` and `yesterday` (今天, 昨天). Refused with the accepted forms: anything
else, in particular 3/4/2027 (the 3rd of April or March the 4th?), and dates that do not exist.
Order files themselves keep the one form YAML reads as a date, 2026-12-02 (core/model.py).

`+3` / `-2` are working days from the as-of date. The working days are the workspace's calendar,
which only the command knows, so `parse_when` returns them unresolved (`WorkingDays`) and the
option layer counts them on the calendar (gendan/commands/options.py). They are taken where a
date is naturally "so many working days from now": `done --date -2`, `pay --date -1`,
`revise ID M +3`. `parse_day` refuses them: `--as-of` is the date they count from, and a
spreadsheet cell has no "now".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from gendan.core.errors import Pieces, Unfit, said

ACCEPTED = "2026-12-02, 2026/12/02, 2026.12.02, 2026年12月2日, today or yesterday"

# Dates an order, gendan.yaml or an option may name: far enough for any real order, near
# enough that a plan computed from them (offsets and slips are bounded too) stays a date.
FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2100, 12, 31)

_YMD = re.compile(r"(\d{4})\s*(?:([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)")
_AMBIGUOUS = re.compile(r"\d{1,2}\s*([-/.])\s*\d{1,2}\s*\1\s*\d{2,4}")
_RELATIVE = {"today": 0, "今天": 0, "今日": 0, "yesterday": 1, "昨天": 1, "昨日": 1}
_WORKING = re.compile(r"([+-])\s*(\d{1,3})")
WORKING_TAKEN_BY = "done --date, pay --date and revise's DATE"


@dataclass(frozen=True)
class WorkingDays:
    """`+3` or `-2` as typed: that many working days after (before) the as-of date, still to be
    counted on the workspace's calendar."""

    days: int

    def __str__(self) -> str:
        return f"{self.days:+d}"


def parse_when(text: str, today: date | None = None) -> date | WorkingDays:
    """A date as `parse_day` reads it, or `+N` / `-N` working days (unresolved: `WorkingDays`)."""
    m = _WORKING.fullmatch(text.strip())
    if m:
        return WorkingDays(int(m[2]) * (-1 if m[1] == "-" else 1))
    return parse_day(text, today)


def parse_day(text: str, today: date | None = None, *, relative: bool = True) -> date:
    """The date `text` names; `today` is what `today`/`yesterday` count from (the real date when
    None; `relative=False` refuses them, for a spreadsheet cell). Raises ValueError with a
    sentence saying what to write instead."""
    value = text.strip()
    if _WORKING.fullmatch(value):
        raise Unfit(
            said(
                ("{value!r} counts working days from the as-of date, which only ", {"value": value}),
                (WORKING_TAKEN_BY, {}),
                (" take; write a date here: ", {}),
                (ACCEPTED, {}),
            )
        )
    back = _RELATIVE.get(value.lower()) if relative else None
    if back is not None:
        return (today or date.today()) - timedelta(days=back)
    m = _YMD.fullmatch(value)
    if m:
        year = int(m[1])
        month, day = (int(m[3]), int(m[4])) if m[2] else (int(m[5]), int(m[6]))
        try:
            return date(year, month, day)
        except ValueError as e:
            raise Unfit(_not_real(value, e)) from None
    if _AMBIGUOUS.fullmatch(value):
        raise Unfit(
            said(
                (
                    "{value!r} is ambiguous (day/month or month/day?): write the year first, "
                    "e.g. 2027-04-03 (accepted: ",
                    {"value": value},
                ),
                (ACCEPTED, {}),
                (")", {}),
            )
        )
    raise Unfit(said(("{value!r} is not a date; write it like ", {"value": value}), (ACCEPTED, {})))


def _not_real(value: str, e: ValueError) -> tuple[str, Pieces]:
    """`2027-13-01 is not a real date (month must be in 1..12)`: Python's reason as a piece of its own."""
    reason = str(e)
    return said(
        ("{value} is not a real date (", {"value": value}),
        (reason, {}),  # (in the catalogue: the reasons `date()` gives)
        (")", {}),
    )


def in_range(day: date) -> date:
    """`day` if gendan plans with it (FIRST_DAY to LAST_DAY), else ValueError saying so."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Unfit(
            said(
                (
                    "{day} is outside the dates gendan plans with ({first} to {last})",
                    {"day": day, "first": FIRST_DAY, "last": LAST_DAY},
                )
            )
        )
    return day
