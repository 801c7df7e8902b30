"""Dates as people type them (gendan/core/dates.py): one parser behind --as-of, done --date,
revise DATE and import's year-first cells."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gendan.core.dates import parse_day
from gendan.domain.importer import parse_date
from tests.helpers import copy_examples, fuzz, run

TODAY = date(2026, 12, 2)


@fuzz(300)
@given(st.dates(date(1900, 1, 1), date(2999, 12, 31)), st.sampled_from(["-", "/", "."]), st.booleans())
def test_every_written_form_reads_back(day, sep, pad):
    m, d = (f"{day.month:02d}", f"{day.day:02d}") if pad else (str(day.month), str(day.day))
    assert parse_day(f"{day.year}{sep}{m}{sep}{d}") == day
    assert parse_day(f"{day.year}年{day.month}月{day.day}日") == day
    assert parse_day(f" {day.year} 年 {m} 月 {d} 日 ") == day
    assert parse_date(f"{day.year}{sep}{m}{sep}{d}") == day  # import reads them the same


@fuzz(300)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1900, 2999), st.sampled_from(["/", ".", "-"]))
def test_day_and_month_first_is_refused_with_the_accepted_forms(a, b, year, sep):
    with pytest.raises(ValueError) as e:
        parse_day(f"{a}{sep}{b}{sep}{year}")
    assert "ambiguous" in str(e.value) and "2027-04-03" in str(e.value) and "2026年12月2日" in str(e.value)


@fuzz(300)
@given(st.text(max_size=20))
def test_any_text_is_a_date_or_a_sentence(text):
    try:
        parse_day(text, TODAY)
    except ValueError as e:
        assert "2026-12-02" in str(e) or "not a real date" in str(e)


def test_relative_days_and_impossible_dates():
    assert parse_day("today", TODAY) == TODAY and parse_day("Yesterday", TODAY) == TODAY - timedelta(days=1)
    assert parse_day("昨天", TODAY) == date(2026, 12, 1)
    with pytest.raises(ValueError, match="2026-02-30 is not a real date"):
        parse_day("2026-02-30")
    with pytest.raises(ValueError, match="is not a date"):
        parse_day("yesterday", TODAY, relative=False)  # a spreadsheet cell is not relative
    with pytest.raises(ValueError, match="not a date"):
        parse_date("today")
    with pytest.raises(ValueError):
        parse_day("2026-12/02")  # one separator, not two


def test_as_of_takes_every_form(examples):
    want = run(examples, "--as-of", "2026-12-02", "overdue", "--format", "json").stdout
    for form in ("2026/12/02", "2026.12.2", "2026年12月2日"):
        assert run(examples, "--as-of", form, "overdue", "--format", "json").stdout == want
        assert run(examples, "overdue", "--as-of", form, "--format", "json").stdout == want


def test_as_of_error_speaks_plainly(examples):
    r = run(examples, "overdue", "--as-of", "3/4/2027")
    assert r.exit_code == 2
    assert "'3/4/2027' is ambiguous" in r.stderr and "2026/12/02" in r.stderr
    assert "%Y" not in r.stderr and "format" not in r.stderr
    r = run(examples, "--as-of", "next friday", "list")
    assert r.exit_code == 2 and "write it like 2026-12-02" in r.stderr and "%Y" not in r.stderr


def test_done_yesterday_counts_from_as_of(examples):
    r = run(examples, "--as-of", "2026-11-30", "done", "SO-2026-0142", "trims_in_house", "--date", "yesterday")
    assert r.exit_code == 0, r.output
    order = (examples / "2026" / "SO-2026-0142" / "order.yaml").read_text()
    assert "trims_in_house: {actual: 2026-11-29}" in order
    r = run(examples, "--as-of", "2026-11-30", "done", "SO-2026-0142", "fabric_in_house", "--date", "2026/11/27")
    assert r.exit_code == 0, r.output


def test_messages_name_the_workspace_by_its_path(tmp_path):
    root = copy_examples(tmp_path / "ws")
    here = os.getcwd()
    os.chdir(root)
    try:
        r = run(None, "show", "HF-2026-099")
    finally:
        os.chdir(here)
    assert r.exit_code == 2
    assert f"no order HF-2026-099 in {root}" in r.stderr
