"""`+3` / `-2`: working days from the as-of date, on the workspace's calendar (README "Dates").
Taken by `done --date`, `pay --date` and `revise ID M DATE`; refused by `--as-of` and in
spreadsheet cells."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gendan.commands.options import on_calendar
from gendan.core.config import WEEKDAYS, Closure, Holidays
from gendan.core.dates import WorkingDays, parse_day, parse_when
from gendan.domain.calendar import calendar_for
from gendan.domain.importer import parse_date
from gendan.store.workspace import Workspace
from tests.helpers import EXAMPLES, fuzz, run

ORDER = "2026/SO-2026-0142/order.yaml"
CONFIG = Workspace.open(EXAMPLES).config  # CN public holidays, Monday to Friday
_ORACLES: dict = {}


def stepped(config, today: date, n: int) -> date:
    """The date n working days from today, found by stepping one day at a time and asking the
    workspace's calendar (built over a wide span of years, once per configuration) of each day."""
    holidays = config.holidays
    key = (
        tuple(config.workdays),
        holidays.country,
        tuple(holidays.extra),
        tuple((c.from_, c.to) for c in holidays.closures),
        today.year,
    )
    oracle = _ORACLES.get(key)
    if oracle is None:
        oracle = _ORACLES[key] = calendar_for(config, range(today.year - 9, today.year + 10))
    day, left = today, abs(n)
    while left:
        day += timedelta(days=1 if n > 0 else -1)
        if oracle.is_workday(day):
            left -= 1
    return day


@fuzz(150)
@given(
    today=st.dates(date(2019, 1, 1), date(2031, 12, 31)),
    n=st.integers(-300, 300),
    workdays=st.sets(st.sampled_from(WEEKDAYS), min_size=1),
    country=st.sampled_from([None, "CN"]),
    extra=st.lists(st.dates(date(2018, 1, 1), date(2033, 12, 31)), max_size=5),
    closure=st.one_of(st.none(), st.tuples(st.dates(date(2019, 1, 1), date(2031, 12, 31)), st.integers(0, 20))),
)
def test_working_days_count_like_stepping_day_by_day_on_the_calendar(today, n, workdays, country, extra, closure):
    closures = [] if closure is None else [Closure(from_=closure[0], to=closure[0] + timedelta(days=closure[1]))]
    config = dataclasses.replace(
        CONFIG,
        workdays=[d for d in WEEKDAYS if d in workdays],
        holidays=Holidays(country=country, extra=extra, closures=closures),
    )
    assert on_calendar(WorkingDays(n), config, today) == stepped(config, today, n)


@fuzz(200)
@given(st.integers(-999, 999), st.sampled_from(["", " "]))
def test_plus_and_minus_read_as_working_days_and_only_there(n, space):
    text = f"{'+' if n >= 0 else '-'}{space}{abs(n)}"
    assert parse_when(text) == WorkingDays(n)
    assert str(WorkingDays(n)) == f"{n:+d}"
    with pytest.raises(ValueError, match="counts working days from the as-of date"):
        parse_day(text)  # --as-of and the like
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text)  # a spreadsheet cell has no "now"
    assert parse_when("2026/12/02") == date(2026, 12, 2)  # every other form as parse_day reads it


def test_done_pay_and_revise_take_working_days(examples):
    # 2026-11-30 is a Monday: -2 working days is Thursday the 26th, +5 Monday 2026-12-07
    r = run(examples, "--as-of", "2026-11-30", "done", "SO-2026-0142", "trims_in_house", "--date", "-2")
    assert r.exit_code == 0, r.output
    assert "trims_in_house done on 2026-11-26" in r.stdout
    r = run(examples, "--as-of", "2026-11-30", "revise", "SO-2026-0142", "fabric_in_house", "+5", "--reason", "mill")
    assert r.exit_code == 0, r.output
    assert "fabric_in_house revised to 2026-12-07" in r.stdout
    r = run(examples, "--as-of", "2026-11-30", "revise", "SO-2026-0142", "cutting_start", "-1", "--reason", "early")
    assert r.exit_code == 0, r.output  # a minus sign is working days here, not an option
    r = run(examples, "--as-of", "2026-11-30", "pay", "SO-2026-0142", "balance", "100", "--date", "-1")
    assert r.exit_code == 0, r.output
    assert "received on 2026-11-27" in r.stdout  # Friday
    text = (examples / ORDER).read_text(encoding="utf-8")
    assert "trims_in_house: {actual: 2026-11-26}" in text
    assert "revised: 2026-12-07, reason: mill" in text and "cutting_start: {revised: 2026-11-27" in text
    # over the Chinese National Day week (2026-10-01..07 off, Saturday 10-10 a make-up working day)
    r = run(examples, "--as-of", "2026-10-09", "revise", "SO-2026-0142", "sewing_start", "+1", "--reason", "x")
    assert r.exit_code == 0 and "sewing_start revised to 2026-10-10" in r.stdout, r.output
    r = run(examples, "--as-of", "2026-10-08", "revise", "SO-2026-0142", "sewing_start", "-1", "--reason", "x")
    assert r.exit_code == 0 and "sewing_start revised to 2026-09-30" in r.stdout, r.output
    # the as-of date counted from is the command's own --as-of too
    r = run(examples, "done", "SO-2026-0142", "forwarder_booking", "--date", "-1", "--as-of", "2026-11-30")
    assert r.exit_code == 0 and "done on 2026-11-27" in r.stdout, r.output


def test_done_in_the_future_is_still_refused(examples):
    r = run(examples, "--as-of", "2026-11-30", "done", "SO-2026-0142", "trims_in_house", "--date", "+1")
    assert r.exit_code != 0 and "2026-12-01 is after today (2026-11-30)" in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--as-of", "+3", "list"],
        ["overdue", "--as-of", "-2"],
        ["status", "--as-of", "+0"],
    ],
)
def test_as_of_refuses_working_days_and_says_where_they_go(examples, args):
    r = run(examples, *args)
    assert r.exit_code == 2
    assert "counts working days from the as-of date" in r.stderr
    assert "done --date, pay --date and revise's DATE" in r.stderr and "2026-12-02" in r.stderr


def test_a_count_past_the_dates_an_order_may_hold_is_a_usage_error(examples):
    r = run(examples, "--as-of", "2099-06-01", "revise", "SO-2026-0142", "fabric_in_house", "+999", "--reason", "x")
    assert r.exit_code == 2, r.output
    assert "+999 working days from 2099-06-01" in r.stderr and "outside the dates gendan plans with" in r.stderr
    assert "fabric_in_house: {planned: 2027-01-05, revised: 2027-01-12" in (examples / ORDER).read_text(
        encoding="utf-8"
    )
