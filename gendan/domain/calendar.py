"""Working days and the time-and-action (T&A) calendar (docs/domain.md §7).

`WorkCalendar` counts working days: the configured weekdays, less the country's
public holidays (from the maintained `holidays` library, with China's make-up
working weekends 调休), less the company's own closures, plus its extra workdays.

`plan` computes each milestone's planned date from its template: `offset` working
days from its anchor (the PO date, the ex-factory date, or another milestone).
`forecast` says when each milestone will really happen: done ones on their actual
date, revised ones on their revised date, and the others slipped by as many working
days as the milestones they depend on have slipped; a milestone not yet done cannot
happen before today. The forecast ex-factory date against the contract date says
whether the order is at risk.

Dependencies follow time, not anchors: a milestone anchored `offset` days *after*
its anchor depends on it; one anchored *before* its anchor (backward planning from
ex-factory, e.g. fabric in-house = cutting - 10) is a prerequisite of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from gendan.core.config import WEEKDAYS, Config, MilestoneDef
from gendan.core.model import Order

ONE_DAY = timedelta(days=1)
DATE_ANCHORS = ("po_date", "ex_factory")
EX_FACTORY = "ex_factory"


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: `weekdays` (0 = Monday) less `holidays`, plus `workdays`."""

    weekdays: frozenset[int]
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() in self.weekdays and day not in self.holidays

    def add(self, day: date, n: int) -> date:
        """The date `n` working days after `day` (before it when n < 0); `day` itself for 0."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        remaining = abs(n)
        guard = 0
        while remaining:
            day += step
            guard += 1
            if self.is_workday(day):
                remaining -= 1
            elif guard > 3660 + abs(n) * 7:  # a calendar with no working day at all
                raise ValueError("the working-day calendar has no working days")
        return day

    def between(self, start: date, end: date) -> int:
        """Working days from `start` to `end`, the inverse of `add`: the working days in
        (start, end] going forward, minus those in [end, start) going back."""
        if end >= start:
            lo, hi, sign = start + ONE_DAY, end, 1
        else:
            lo, hi, sign = end, start - ONE_DAY, -1
        count = 0
        day = lo
        while day <= hi:
            if self.is_workday(day):
                count += 1
            day += ONE_DAY
        return sign * count

    def next_workday(self, day: date) -> date:
        while not self.is_workday(day):
            day += ONE_DAY
        return day


def calendar_for(config: Config, years: Iterable[int]) -> WorkCalendar:
    """The working-day calendar of the workspace over the given years."""
    years = sorted(set(years))
    weekdays = frozenset(WEEKDAYS.index(d) for d in config.workdays)
    holidays: set[date] = set(config.holidays.extra)
    workdays: set[date] = set(config.holidays.workdays)
    if config.holidays.country and years:
        try:
            public = country_holidays(config.holidays.country, range(years[0] - 1, years[-1] + 2))
        except NotImplementedError:
            from gendan.core.errors import GendanError

            raise GendanError(
                f"gendan.yaml: holidays.country {config.holidays.country!r} is not a country "
                "the holidays library knows (use an ISO code such as CN, or null)"
            ) from None
        holidays.update(public.keys())
        workdays.update(getattr(public, "weekend_workdays", ()) or ())
    for closure in config.holidays.closures:
        day = closure.from_
        while day <= closure.to:
            holidays.add(day)
            day += ONE_DAY
    # A closure wins over a make-up working day that falls inside it.
    workdays -= {d for d in workdays if any(c.from_ <= d <= c.to for c in config.holidays.closures)}
    return WorkCalendar(weekdays, frozenset(holidays), frozenset(workdays))


def country_holidays(country: str, years: range):
    """`holidays.country_holidays(country, years=years)`, importing that country's module only.

    Asked for any country, the holidays library imports `holidays.countries`, whose package
    imports all of its ~280 country modules (0.8 s, a tenth of a warm `status`). The one module
    needed is imported under a stand-in for the package, removed again afterwards: the same
    class, the same dates (tests/test_calendar.py compares them). Anything unexpected (an
    unknown country, another library version, the package already imported): the library's way.
    """
    import importlib
    import os
    import sys
    import types

    import holidays

    try:
        from holidays.registry import COUNTRIES

        module = next(m for m, names in COUNTRIES.items() if country in names)  # its class has that name
    except (ImportError, AttributeError, StopIteration, TypeError):
        module = None
    if module is None or "holidays.countries" in sys.modules:
        return holidays.country_holidays(country, years=years)
    stand_in = types.ModuleType("holidays.countries")
    stand_in.__path__ = [os.path.join(os.path.dirname(holidays.__file__), "countries")]
    sys.modules["holidays.countries"] = stand_in
    try:
        entity = getattr(importlib.import_module(f"holidays.countries.{module}"), country)
    except Exception:  # noqa: BLE001 - whatever it was, the library's own way says it
        entity = None
    finally:
        if sys.modules.get("holidays.countries") is stand_in:
            del sys.modules["holidays.countries"]
    if entity is None:
        return holidays.country_holidays(country, years=years)
    return entity(years=years)


def order_calendar(order: Order, config: Config, today: date | None = None) -> WorkCalendar:
    """A calendar covering every year an order's dates (and today) fall in."""
    return calendar_for(config, _years(order, today))


def _years(order: Order, today: date | None) -> set[int]:
    years = {d.year for d in (order.po_date, order.ex_factory, today) if d}
    for m in order.milestones.values():
        years.update(d.year for d in (m.planned, m.revised, m.actual) if d)
    return years or {date.today().year}


def _anchor_date(order: Order, anchor: str) -> date | None:
    return order.po_date if anchor == "po_date" else order.ex_factory


def plan(order: Order, config: Config, cal: WorkCalendar) -> dict[str, date | None]:
    """Planned date of every milestone of the order's template (None where an anchor date is missing)."""
    template = config.template_for(order.style.product_type if order.style else None)
    by_key = {m.key: m for m in template}
    planned: dict[str, date | None] = {}

    def resolve(m: MilestoneDef, depth: int = 0) -> date | None:
        if m.key in planned:
            return planned[m.key]
        if depth > len(template):  # anchors in a circle; check_config reports it
            return None
        if m.anchor in by_key and m.anchor != m.key:
            base = resolve(by_key[m.anchor], depth + 1)
        else:
            base = _anchor_date(order, m.anchor)
        planned[m.key] = cal.add(base, m.offset) if base else None
        return planned[m.key]

    for m in template:
        resolve(m)
    return {m.key: planned[m.key] for m in template}


@dataclass
class Forecast:
    """When each milestone will happen, and what that means for the delivery date."""

    dates: dict[str, date | None] = field(default_factory=dict)
    slip: dict[str, int] = field(default_factory=dict)  # working days later than due
    ex_factory: date | None = None  # forecast ex-factory
    contract: date | None = None  # the order's ex_factory
    late_days: int = 0  # working days the forecast ex-factory is past the contract date

    @property
    def at_risk(self) -> bool:
        return self.late_days > 0


def forecast(order: Order, config: Config, cal: WorkCalendar, today: date) -> Forecast:
    """Forecast every milestone of the order, propagating slips along the chain."""
    template = config.template_for(order.style.product_type if order.style else None)
    planned = plan(order, config, cal)
    keys = [m.key for m in template]
    if EX_FACTORY not in keys:
        keys.append(EX_FACTORY)
    # predecessors: who must happen first (by the sign of the offset)
    preds: dict[str, list[str]] = {k: [] for k in keys}
    for m in template:
        anchor = m.anchor if m.anchor in preds else (EX_FACTORY if m.anchor == "ex_factory" else None)
        if anchor is None or anchor == m.key:
            continue
        if m.offset >= 0:
            preds[m.key].append(anchor)
        else:
            preds[anchor].append(m.key)

    result = Forecast(contract=order.ex_factory)
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(key: str) -> None:
        if state.get(key) == 2:
            return
        if state.get(key) == 1:  # a circle in the template; check_config reports it
            return
        state[key] = 1
        for p in preds[key]:
            visit(p)
        held = order.milestones.get(key)
        due = (held.due if held else None) or planned.get(key) or (order.ex_factory if key == EX_FACTORY else None)
        if held and held.actual:
            when: date | None = held.actual
        elif held and held.revised:
            when = held.revised
        elif due is not None:
            upstream = max((result.slip.get(p, 0) for p in preds[key]), default=0)
            when = cal.add(due, upstream) if upstream > 0 else due
        else:
            when = None
        if when is not None and held is not None and not held.actual and when < today:
            when = cal.next_workday(today)  # not done yet: it cannot happen before today
        result.dates[key] = when
        base = (held.planned if held and held.planned else planned.get(key)) or due
        result.slip[key] = cal.between(base, when) if (base and when) else 0
        state[key] = 2

    for key in keys:
        visit(key)
    result.ex_factory = result.dates.get(EX_FACTORY)
    if result.ex_factory and order.ex_factory and result.ex_factory > order.ex_factory:
        result.late_days = cal.between(order.ex_factory, result.ex_factory)
    return result
