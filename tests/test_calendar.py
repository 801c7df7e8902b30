"""Working days and the T&A plan/forecast, checked by hand against the 2027 calendar."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from gendan.core.config import Config
from gendan.core.model import Order
from gendan.domain.calendar import WorkCalendar, calendar_for, forecast, plan
from gendan.store.configfile import merge_defaults
from gendan.store.parse import adapter


def config(**over) -> Config:
    return adapter(Config).validate_python(merge_defaults({"company": {"name": "T"}, **over}))


def order(**fields) -> Order:
    base = {"id": "SO-1", "customer": {"name": "C"}, "stage": "production"}
    return adapter(Order).validate_python({**base, **fields})


CAL = calendar_for(config(), [2026, 2027])


def test_chinese_public_holidays_and_makeup_days():
    assert not CAL.is_workday(date(2026, 10, 1))  # National Day
    assert not CAL.is_workday(date(2026, 2, 17))  # Spring Festival 2026
    assert CAL.is_workday(date(2026, 2, 14))  # a Saturday worked in exchange (调休)
    assert not CAL.is_workday(date(2026, 11, 28))  # an ordinary Saturday
    assert CAL.is_workday(date(2026, 11, 30))


def test_company_closure_around_chinese_new_year():
    # default closure 2027-02-01..2027-02-19 covers the Spring Festival 2027
    assert not any(CAL.is_workday(date(2027, 2, d)) for d in range(1, 20))
    assert CAL.is_workday(date(2027, 2, 22))


def test_cutting_start_crosses_chinese_new_year_by_hand():
    # ex-factory Fri 2027-03-05; cutting = X-27 working days.
    # Back from Mar 5: Mar 4,3,2,1 (4), Feb 26..22 (9), closure Feb 1-19 and the weekends skipped,
    # Jan 29..25 (14), Jan 22..18 (19), Jan 15..11 (24), Jan 8, 7, 6 (27) -> Wed 2027-01-06.
    o = order(po_date="2026-11-02", ex_factory="2027-03-05", style={"number": "X"})
    p = plan(o, config(), CAL)
    assert p["cutting_start"] == date(2027, 1, 6)
    assert p["sewing_start"] == date(2027, 1, 11)  # cutting + 3: Jan 7, 8, 11
    assert p["fabric_in_house"] == date(2026, 12, 22)  # cutting - 10: Jan 5,4,1(holiday),Dec 31..
    assert p["final_inspection"] == date(2027, 3, 4)
    assert p["ex_factory"] == date(2027, 3, 5)
    assert p["po_received"] == date(2026, 11, 2)
    assert p["deposit_received"] == date(2026, 11, 11)  # P+7: Nov 3,4,5,6,9,10,11


def test_saturday_factories():
    cal = calendar_for(config(workdays=["mon", "tue", "wed", "thu", "fri", "sat"]), [2026])
    assert cal.add(date(2026, 11, 27), 1) == date(2026, 11, 28)


def test_slip_propagates_to_ex_factory_and_flags_risk():
    cfg = config()
    o = order(
        po_date="2026-11-02",
        ex_factory="2027-03-05",
        milestones={"fabric_in_house": {"planned": "2026-12-22", "revised": "2026-12-31", "reason": "mill"}},
    )
    f = forecast(o, cfg, CAL, today=date(2026, 12, 1))
    slip = CAL.between(date(2026, 12, 22), date(2026, 12, 31))
    assert slip == 7
    assert f.dates["fabric_in_house"] == date(2026, 12, 31)
    assert f.dates["cutting_start"] == CAL.add(date(2027, 1, 6), 7)
    assert f.ex_factory == CAL.add(date(2027, 3, 5), 7)
    assert f.at_risk and f.late_days == 7


def test_own_dates_stop_the_slip():
    cfg = config()
    o = order(
        po_date="2026-11-02",
        ex_factory="2027-03-05",
        milestones={
            "fabric_in_house": {"revised": "2026-12-31", "reason": "mill"},
            "cutting_start": {"planned": "2027-01-06", "actual": "2027-01-06"},
        },
    )
    f = forecast(o, cfg, CAL, today=date(2027, 1, 7))
    assert f.dates["cutting_start"] == date(2027, 1, 6)
    assert not f.at_risk


def test_overdue_milestone_cannot_happen_before_today():
    cfg = config()
    o = order(po_date="2026-11-02", ex_factory="2027-03-05", milestones={"cutting_start": {"planned": "2027-01-06"}})
    f = forecast(o, cfg, CAL, today=date(2027, 1, 13))
    assert f.dates["cutting_start"] == date(2027, 1, 13)
    assert f.at_risk and f.late_days == CAL.between(date(2027, 1, 6), date(2027, 1, 13))


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2026, 1, 1), date(2027, 12, 31)), st.integers(-300, 300))
def test_add_and_between_agree(start, n):
    end = CAL.add(start, n)
    assert CAL.between(start, end) == n
    if n:
        assert CAL.is_workday(end)


def test_calendar_without_workdays_refuses():
    cal = WorkCalendar(frozenset())
    try:
        cal.add(date(2026, 1, 1), 1)
    except ValueError as e:
        assert "no working days" in str(e)
    else:
        raise AssertionError("expected a refusal")


def test_holidays_of_one_country_import_that_country_only():
    """Same dates, names and make-up working days as the library's own country_holidays, with one
    country module imported instead of ~280 (checked in a fresh interpreter)."""
    import subprocess
    import sys

    code = """
import sys
from gendan.domain.calendar import country_holidays
got = {c: country_holidays(c, range(2019, 2031)) for c in ("CN", "CHN", "VN")}
modules = sorted(m for m in sys.modules if m.startswith("holidays.countries"))
import holidays
for c, h in got.items():
    lib = holidays.country_holidays(c, years=range(2019, 2031))
    assert dict(h) == dict(lib) and type(h) is type(lib), c
    assert getattr(h, "weekend_workdays", None) == getattr(lib, "weekend_workdays", None), c
print(modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['holidays.countries.china', 'holidays.countries.vietnam']"


def test_an_unknown_country_is_still_refused():
    import pytest

    from gendan.domain.calendar import country_holidays

    with pytest.raises(NotImplementedError):
        country_holidays("XX", range(2025, 2027))
