"""Working days and the time-and-action (T&A) engine (docs/domain.md §7).

`WorkCalendar` counts working days: the configured weekdays, less the country's
public holidays (from the maintained `holidays` library, with China's make-up
working weekends 调休), less the company's own closures, plus its extra workdays.

`plan` computes each milestone's planned date from its template: `offset` working
days from its anchor (the PO date, the ex-factory date, or another milestone).

The template is also a precedence network (`links`): a milestone anchored at another
with offset >= 0 comes at least that many working days after it; with offset < 0 it
comes that many working days *before* it (fabric in house 10 days before cutting);
`after: {KEY: DAYS}` adds further precedences. `forecast` is the earliest schedule
that keeps every precedence on working days: a done milestone is fixed on its actual
date, an open one happens no earlier than its due date (revised, else planned), no
earlier than today and no earlier than each predecessor allows. What makes each date
(`driver`) gives the chain that makes an order late; a backward pass gives each open
milestone's slack (working days it can slip before the forecast ex-factory moves).

"Done" is defined once, in `completion`: an actual date; the payment or approved PP
sample the order records; or the milestone's stage is behind the order (unless a
revised date says it is still awaited; the PP approval only counts when recorded).
Every command asks it.
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
    """Working days: `weekdays` (0 = Monday) less `holidays`, plus `workdays`.

    Adding, subtracting and counting working days are O(1), by index (`_DayIndex`): the working
    days are counted once over the span of the calendar's exceptions (its holidays and make-up
    working days); outside that span the calendar is its weekly pattern, counted by arithmetic."""

    weekdays: frozenset[int]
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    _ix: _DayIndex | None = field(default=None, init=False, compare=False, hash=False, repr=False)

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() in self.weekdays and day not in self.holidays

    def _index(self) -> _DayIndex:
        ix = self._ix
        if ix is None:
            ix = _DayIndex(self)
            object.__setattr__(self, "_ix", ix)  # built once, on first use (frozen otherwise)
        return ix

    def add(self, day: date, n: int) -> date:
        """The date `n` working days after `day` (before it when n < 0); `day` itself for 0."""
        if n == 0:
            return day
        ix = self._ix or self._index()
        o = day.toordinal()
        i = o - ix.first
        if 0 <= i < ix.span:  # in the span (most dates): ix.before and ix.nth, inlined
            k = ix.counts[i + 1] + n - 1 if n > 0 else ix.counts[i] + n
            if 0 <= k < len(ix.days):
                return date.fromordinal(ix.first + ix.days[k])
        # the n-th working day after `day` counts from those up to `day`; before it, from those before
        k = ix.before(o + 1) + n - 1 if n > 0 else ix.before(o) + n
        return date.fromordinal(ix.nth(k))

    def between(self, start: date, end: date) -> int:
        """Working days from `start` to `end`, the inverse of `add`: the working days in
        (start, end] going forward, minus those in [end, start) going back."""
        ix = self._ix or self._index()
        s, e = start.toordinal() - ix.first, end.toordinal() - ix.first
        if 0 <= s < ix.span and 0 <= e < ix.span:  # both in the span (most dates): ix.before, inlined
            counts = ix.counts
            return counts[e + 1] - counts[s + 1] if e >= s else counts[e] - counts[s]
        s, e = s + ix.first, e + ix.first
        return ix.before(e + 1) - ix.before(s + 1) if e >= s else ix.before(e) - ix.before(s)

    def next_workday(self, day: date) -> date:
        """`day` when it is a working day, else the first working day after it."""
        ix = self._ix or self._index()
        return date.fromordinal(ix.nth(ix.before(day.toordinal())))

    def prev_workday(self, day: date) -> date:
        """`day` when it is a working day, else the last working day before it."""
        ix = self._ix or self._index()
        return date.fromordinal(ix.nth(ix.before(day.toordinal() + 1) - 1))


class _DayIndex:
    """A calendar's working days by number, so that `add` and `between` need no stepping.

    Over the span from the calendar's first to its last exception (a holiday or a make-up working
    day, China's 调休 included) `counts[i]` is the number of working days in the span's first `i`
    days and `days[k]` is where its k-th working day falls. Outside the span every week is the
    same (the weekday pattern), so a count there is whole weeks times the working days per week
    plus a part week from a small table. Numbering the working days of all time from the span's
    first one (0; those before it are -1, -2...), `before(o)` is the number of the first working
    day on or after ordinal `o` and `nth(k)` is where working day k falls."""

    __slots__ = ("first", "span", "counts", "days", "week", "per_week", "part", "fwd", "back")

    def __init__(self, cal: WorkCalendar) -> None:
        exceptions = cal.holidays | cal.workdays
        self.first = min(exceptions).toordinal() if exceptions else 1
        self.span = max(exceptions).toordinal() - self.first + 1 if exceptions else 0
        # the weekly pattern; ordinal 1 (0001-01-01) is a Monday, so ordinal o is weekday (o - 1) % 7
        self.week = [wd in cal.weekdays for wd in range(7)]
        off = {d.toordinal() - self.first for d in cal.holidays}
        on = {d.toordinal() - self.first for d in cal.workdays}  # (is_workday: a workday wins)
        first_wd = (self.first - 1) % 7
        self.days: list[int] = [
            i for i in range(self.span) if i in on or (self.week[(first_wd + i) % 7] and i not in off)
        ]
        self.counts = [0] * (self.span + 1)
        for n, i in enumerate(self.days, 1):
            self.counts[i + 1] = n
        for i in range(1, self.span + 1):  # days off carry the count of the day before
            if not self.counts[i]:
                self.counts[i] = self.counts[i - 1]
        self.per_week = sum(self.week)
        # part[wd][r]: working days among r days from weekday wd on; fwd[wd][j] / back[wd][j]: days
        # from weekday wd forward / back to the j-th working day (0: the first) on or after / before it
        self.part = [[sum(self.week[(wd + d) % 7] for d in range(r)) for r in range(7)] for wd in range(7)]
        self.fwd = [[d for d in range(7) if self.week[(wd + d) % 7]] for wd in range(7)]
        self.back = [[d for d in range(7) if self.week[(wd - d) % 7]] for wd in range(7)]

    def _weekly(self, a: int, b: int) -> int:
        """Working days of the weekly pattern with ordinals in [a, b), a <= b."""
        weeks, rest = divmod(b - a, 7)
        return weeks * self.per_week + self.part[(a - 1) % 7][rest]

    def before(self, o: int) -> int:
        """Working days from the span's start up to ordinal `o` (excluded); negative before the span."""
        i = o - self.first
        if i < 0:
            return -self._weekly(o, self.first)
        if i <= self.span:
            return self.counts[i]
        return self.counts[self.span] + self._weekly(self.first + self.span, o)

    def nth(self, k: int) -> int:
        """The ordinal of working day number `k` (see the class docstring)."""
        if 0 <= k < len(self.days):
            return self.first + self.days[k]
        if not self.per_week:
            raise ValueError("the working-day calendar has no working days")
        if k >= 0:  # after the span
            weeks, j = divmod(k - len(self.days), self.per_week)
            start = self.first + self.span + 7 * weeks
            return start + self.fwd[(start - 1) % 7][j]
        weeks, j = divmod(-k - 1, self.per_week)  # before the span
        start = self.first - 1 - 7 * weeks
        return start - self.back[(start - 1) % 7][j]


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
            from gendan.core.errors import GendanError, said

            message, words = said(
                (
                    "gendan.yaml: holidays.country {country!r} is not a country the holidays library knows (use "
                    "an ISO code such as CN, or null)",
                    {"country": config.holidays.country},
                )
            )
            raise GendanError(message, words=words) from None
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


def shared_calendar(orders: Iterable[Order], config: Config, today: date) -> WorkCalendar:
    """One working-day calendar covering every order (building one per order is slow)."""
    orders = list(orders)
    days = [d for o in orders for d in (o.po_date, o.ex_factory) if d]
    days += [d for o in orders for m in o.milestones.values() for d in (m.planned, m.revised, m.actual) if d]
    # the calendar covers from the first year to the last (calendar_for), so those two suffice
    return calendar_for(config, {today.year, *((min(days).year, max(days).year) if days else ())})


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


def order_forecast(order: Order, config: Config, today: date) -> Forecast:
    """The forecast of one order on its own calendar."""
    return forecast(order, config, order_calendar(order, config, today), today)


def _years(order: Order, today: date | None) -> set[int]:
    years = {d.year for d in (order.po_date, order.ex_factory, today) if d}
    for m in order.milestones.values():
        years.update(d.year for d in (m.planned, m.revised, m.actual) if d)
    return years or {date.today().year}


def _anchor_date(order: Order, anchor: str) -> date | None:
    return order.po_date if anchor == "po_date" else order.ex_factory if anchor == EX_FACTORY else None


def template_of(order: Order, config: Config) -> list[MilestoneDef]:
    return config.template_for(order.style.product_type if order.style else None)


def plan(order: Order, config: Config, cal: WorkCalendar) -> dict[str, date | None]:
    """Planned date of every milestone of the order's template, and of the order's own milestones
    that name an anchor and offset (None where an anchor date is missing)."""
    return _plan(_network_of(order, config), order, cal)


def _plan(net: _Network, order: Order, cal: WorkCalendar) -> dict[str, date | None]:
    """`plan`, following the network's recipe: each date from its anchor's, in the order worked out once."""
    planned: dict[str, date | None] = {}
    for key, after, anchor, offset in net.recipe:
        base = planned[after] if after is not None else _anchor_date(order, anchor) if anchor is not None else None
        planned[key] = cal.add(base, offset) if base else None
    return {k: planned[k] for k in net.planned_keys}


def _recipe(defs: list[MilestoneDef]) -> tuple[tuple[str, str | None, str | None, int], ...]:
    """How `plan` computes the dates of a template, worked out once for every order that uses it:
    (key, the milestone it is anchored at or None, its date anchor or None, offset), in the order
    the dates are computed. A milestone anchored at another follows it; a date anchor (the PO date,
    the ex-factory date) comes from the order; anchors in a circle (check_config reports them)
    give no date, and nor does anything anchored on them."""
    by_key = {m.key: m for m in defs}
    steps: list[tuple[str, str | None, str | None, int]] = []
    done: set[str] = set()

    def resolve(m: MilestoneDef, depth: int = 0) -> bool:  # False: no date (a circle)
        if m.key in done:
            return True
        if depth > len(defs):
            return False
        if m.anchor in by_key and m.anchor != m.key:
            steps.append((m.key, m.anchor if resolve(by_key[m.anchor], depth + 1) else None, None, m.offset))
        else:
            steps.append((m.key, None, m.anchor, m.offset))
        done.add(m.key)
        return True

    for m in defs:
        resolve(m)
    return tuple(steps)


@dataclass(frozen=True)
class Link:
    """`after` happens at least `gap` working days after `before`."""

    before: str
    after: str
    gap: int


def links(defs: Iterable[MilestoneDef]) -> list[Link]:
    """The precedences of a template (and of an order's own anchored milestones)."""
    defs = list(defs)
    keys = {m.key for m in defs} | {EX_FACTORY}
    found: list[Link] = []
    for m in defs:
        if m.anchor in keys and m.anchor != m.key:
            found.append(Link(m.anchor, m.key, m.offset) if m.offset >= 0 else Link(m.key, m.anchor, -m.offset))
        for before, gap in m.after.items():
            if before in keys and before != m.key:
                found.append(Link(before, m.key, gap))
    return found


def is_closed(order: Order, config: Config) -> bool:
    """Closed (the flow's last stage) or cancelled."""
    return order.stage == "cancelled" or (bool(config.stages) and order.stage == config.stages[-1].key)


RECORDED_KEYS = frozenset({"deposit_received", "balance_received", "pp_sample_approved"})  # recorded_actual's


def recorded_actual(key: str, order: Order) -> date | None:
    """The date a money or sample milestone happened, from the payment or sample it records,
    so a deposit entered under `payments:` counts as the deposit milestone done."""
    if key == "deposit_received":
        dates = [p.received for p in order.payments if p.kind in ("deposit", "lc") and p.received]
    elif key == "balance_received":
        dates = [p.received for p in order.payments if p.kind in ("balance", "full") and p.received]
    elif key == "pp_sample_approved":
        dates = [
            day
            for s in order.samples
            if s.type == "pp" and s.verdict in ("approved", "approved_with_comments") and (day := s.reply or s.sent)
        ]
    else:
        return None
    return min(dates, default=None)


@dataclass(frozen=True)
class Done:
    """Whether a milestone is done, when (None: not known) and how gendan knows."""

    done: bool
    when: date | None = None
    how: str = ""  # actual, payment, sample, stage passed


NOT_DONE = Done(False)
# Done only when recorded: an order may pass the sampling stage (it has no gate) without an approved
# PP sample, and enter production by a special approval of R5 while the sample is still awaited.
RECORDED_ONLY = frozenset({"pp_sample_approved"})


def completion(key: str, stage: str | None, order: Order, config: Config) -> Done:
    """The one notion of "done" every command uses (see the module docstring)."""
    return _completion(key, stage, order, _passed_stages(order, config))


STAGE_PASSED = Done(True, None, "stage passed")


def _passed_stages(order: Order, config: Config) -> frozenset[str] | None:
    """The stages behind the order (None: every stage, the order is closed)."""
    from gendan.domain.rules import effective_stage

    if is_closed(order, config):
        return None
    here = config.stage_index(effective_stage(order) or order.stage)
    return frozenset(config.stage_keys[: max(here, 0)])


def _completion(key: str, stage: str | None, order: Order, passed: frozenset[str] | None) -> Done:
    """`completion`, with the order's `_passed_stages` worked out once for all its milestones."""
    held = order.milestones.get(key)
    if held is not None and held.actual:
        return Done(True, held.actual, "actual")
    recorded = recorded_actual(key, order) if key in RECORDED_KEYS else None
    if recorded is not None:
        return Done(True, recorded, "sample" if key == "pp_sample_approved" else "payment")
    if held is not None and held.revised:  # re-dated: somebody still awaits it
        return NOT_DONE
    if stage is not None and key not in RECORDED_ONLY and (passed is None or stage in passed):
        return STAGE_PASSED
    return NOT_DONE


@dataclass
class Step:
    """One milestone of an order's schedule."""

    key: str
    stage: str | None
    owner: str | None  # the template's owner (role or name); the order's own wins
    template: date | None  # what the template computes
    planned: date | None  # the order's planned date, else the template's
    revised: date | None
    reason: str | None
    done: Done
    due: date | None  # revised, else planned
    forecast: date | None
    driver: str | None = None  # a predecessor's key, or revised / planned / today / actual / payment / sample
    late: int = 0  # working days the forecast (or the actual date) is past the due date
    slack: int | None = None  # working days it can slip before the forecast ex-factory moves
    in_template: bool = True

    @property
    def actual(self) -> date | None:
        return self.done.when


@dataclass
class Forecast:
    """An order's schedule: every milestone's forecast, and what it means for the delivery."""

    steps: dict[str, Step] = field(default_factory=dict)
    ex_factory: date | None = None  # forecast ex-factory
    contract: date | None = None  # the order's ex_factory
    late_days: int = 0  # working days the forecast ex-factory is past the contract date
    chain: list[str] = field(default_factory=list)  # ex_factory, what drives it, what drives that...

    @property
    def at_risk(self) -> bool:
        return self.late_days > 0

    @property
    def dates(self) -> dict[str, date | None]:
        return {k: s.forecast for k, s in self.steps.items()}

    def chain_detail(self) -> tuple:
        """The chain as data, for words in any language (gendan.render.i18n.chain):
        `((key, forecast), ...), why` with `why` one of `("revised", reason or "")`,
        `("today", due)`, `("planned",)`, `(driver,)`, or `()`."""
        steps = tuple((k, self.steps[k].forecast) for k in self.chain)
        if not steps:
            return ((), ())
        last = self.steps[self.chain[-1]]
        why: tuple = {
            "revised": ("revised", last.reason or ""),
            "today": ("today", last.due),
            "planned": ("planned",),
        }.get(last.driver or "", (last.driver,) if last.driver else ())
        return steps, why

    def chain_text(self, reasons: bool = True) -> str:
        """`ex_factory 2027-03-19 ← cutting_start 2027-01-26 ← fabric_in_house 2027-01-12 (revised: mill delay)`;
        without `reasons` (for a buyer) a revision's reason is left out."""
        parts = [f"{k} {self.steps[k].forecast}" for k in self.chain]
        if not parts:
            return ""
        last = self.steps[self.chain[-1]]
        why = {
            "revised": f"revised{': ' + last.reason if last.reason and reasons else ''}",
            "today": f"due {last.due}, not done by today",
            "planned": "as planned",
        }.get(last.driver or "", last.driver or "")
        return " ← ".join(parts) + (f" ({why})" if why else "")


def _order(keys: list[str], preds: dict[str, list[Link]]) -> list[str]:
    """Keys with every predecessor first (Kahn); keys in a circle keep their place at the end."""
    indeg = {k: sum(1 for link in preds[k] if link.before in preds) for k in keys}
    succ: dict[str, list[str]] = {k: [] for k in keys}
    for k in keys:
        for link in preds[k]:
            if link.before in succ:
                succ[link.before].append(k)
    ready = [k for k in keys if indeg[k] == 0]
    out: list[str] = []
    while ready:
        k = ready.pop(0)
        out.append(k)
        for s in succ[k]:
            indeg[s] -= 1
            if indeg[s] == 0:
                ready.append(s)
    seen = set(out)
    return out + [k for k in keys if k not in seen]


@dataclass(frozen=True)
class _Network:
    """What every order with the same template (and the same milestones of its own) shares, worked
    out once: the precedence network, its order, the plan's recipe, the report's milestone list."""

    defs: dict[str, MilestoneDef]
    template_keys: frozenset[str]
    preds: dict[str, list[Link]]
    succ: dict[str, list[Link]]
    order: list[str]  # every predecessor first
    links: list[Link]
    recipe: tuple[tuple[str, str | None, str | None, int], ...]  # see _recipe
    planned_keys: tuple[str, ...]  # what `plan` returns, in the template's order
    milestones: tuple[tuple[str, str | None], ...]  # (key, template name): the template's, then the order's own
    # per milestone in `order`: (key, stage, owner, in the template, predecessors)
    rows: tuple[tuple[str, str | None, str | None, bool, list[Link]], ...]


@dataclass
class _Shared:
    template: list[MilestoneDef]
    keys: frozenset[str]
    networks: dict[tuple, _Network]  # by what an order adds: (its own keys, its own anchored milestones)


_TEMPLATES: dict[int, _Shared] = {}


def _network_of(order: Order, config: Config) -> _Network:
    """The precedence network of the order's template (cached: thousands of orders share a few
    templates), with the order's own anchored milestones and the ones it only records."""
    template = template_of(order, config)
    shared = _TEMPLATES.get(id(template))
    if shared is None or shared.template is not template:
        if len(_TEMPLATES) > 64:
            _TEMPLATES.clear()
        shared = _TEMPLATES[id(template)] = _Shared(template, frozenset(m.key for m in template), {})
    own = tuple(k for k in order.milestones if k not in shared.keys)
    anchored = tuple((k, m.anchor, m.offset) for k in own if (m := order.milestones[k]).anchor and m.offset is not None)
    net = shared.networks.get((own, anchored))
    if net is None:
        if len(shared.networks) > 4096:
            shared.networks.clear()
        extra = [MilestoneDef(key=k, anchor=a, offset=o) for k, a, o in anchored]
        net = shared.networks[(own, anchored)] = _network(template, extra, own)
    return net


def _network(template: list[MilestoneDef], extra: list[MilestoneDef], recorded: Iterable[str]) -> _Network:
    """The network of a template with an order's own anchored milestones (`extra`) and the ones it
    only records (`recorded`)."""
    template_keys = {m.key for m in template}
    recorded = [k for k in recorded if k not in template_keys]
    defs = [*template, *extra]
    by_key = {m.key: m for m in defs}
    keys = list(by_key)
    if EX_FACTORY not in by_key:
        keys.append(EX_FACTORY)
    keys += [k for k in recorded if k not in by_key and k != EX_FACTORY]
    found = links(defs)
    preds: dict[str, list[Link]] = {k: [] for k in keys}
    for link in found:
        if link.after in preds and link.before in preds:
            preds[link.after].append(link)
    succ: dict[str, list[Link]] = {k: [] for k in preds}
    for ls in preds.values():
        for link in ls:
            succ[link.before].append(link)
    order = _order(keys, preds)
    names = {m.key: m.name for m in template}
    listed = [m.key for m in template]
    listed += [k for k in recorded if k not in listed]
    rows = tuple(
        (k, m.stage if m else None, m.owner if m else None, k in template_keys, preds[k])
        for k in order
        for m in [by_key.get(k)]
    )
    return _Network(
        by_key,
        frozenset(template_keys),
        preds,
        succ,
        order,
        found,
        _recipe(defs),
        tuple(dict.fromkeys(m.key for m in defs)),
        tuple((k, names.get(k)) for k in listed),
        rows,
    )


def milestones_of(order: Order, config: Config) -> tuple[tuple[str, str | None], ...]:
    """The milestones an order has, as (key, the template's name or None): its template's, in
    order, then the ones only order.yaml records."""
    return _network_of(order, config).milestones


def forecast(order: Order, config: Config, cal: WorkCalendar, today: date) -> Forecast:
    """The earliest schedule of the order that keeps every precedence (see the module docstring)."""
    net = _network_of(order, config)
    computed = _plan(net, order, cal)
    passed = _passed_stages(order, config)
    result = Forecast(contract=order.ex_factory)
    steps = result.steps
    floor = cal.next_workday(today)
    for key, stage, owner, in_template, preds in net.rows:
        held = order.milestones.get(key)
        tpl = computed.get(key)
        if key == EX_FACTORY:
            planned = order.ex_factory or (held.planned if held else None) or tpl
        else:
            planned = (held.planned if held else None) or tpl
        revised = held.revised if held else None
        step = Step(
            key,
            stage,
            owner,
            tpl,
            planned,
            revised,
            held.reason if held else None,
            _completion(key, stage, order, passed),
            revised or planned,
            None,  # forecast, driver, late, slack: _place and _slack say
            None,
            0,
            None,
            in_template,
        )
        _place(step, preds, result, cal, floor)
        steps[key] = step
    exf = steps[EX_FACTORY]
    result.ex_factory = exf.forecast
    if result.ex_factory and order.ex_factory and result.ex_factory > order.ex_factory:
        result.late_days = cal.between(order.ex_factory, result.ex_factory)
    # the driving chain: from ex-factory back through the predecessor that set each date
    link_key: str | None = EX_FACTORY if exf.forecast else None
    while link_key is not None and link_key not in result.chain:
        result.chain.append(link_key)
        driver = steps[link_key].driver
        link_key = driver if driver in steps else None
    _slack(result, net.succ, cal)
    return result


def _place(step: Step, preds: list[Link], result: Forecast, cal: WorkCalendar, floor: date) -> None:
    """A milestone's forecast and what sets it: its actual date when done, else the latest of its
    predecessors (plus their gaps), its due date and today; a predecessor wins a tie (it is critical)."""
    if step.done.done:
        step.forecast, step.driver = step.done.when, step.done.how
    else:
        best: tuple[date, str] | None = None
        for link in preds:
            before = result.steps[link.before].forecast if link.before in result.steps else None
            if before is not None:
                when = cal.add(before, link.gap)
                if best is None or when > best[0]:
                    best = (when, link.before)
        if step.due is not None and (best is None or step.due > best[0]):
            best = (step.due, "revised" if step.revised else "planned")
        if best is not None and best[0] < floor:
            best = (floor, "today")
        if best is not None:
            step.forecast, step.driver = best
    if step.due and step.forecast and step.forecast > step.due:
        step.late = cal.between(step.due, step.forecast)


def _slack(result: Forecast, succ: dict[str, list[Link]], cal: WorkCalendar) -> None:
    """Latest dates that keep the forecast ex-factory (a backward pass), hence each open milestone's slack."""
    exf = result.steps[EX_FACTORY]
    if exf.done.done or exf.forecast is None:
        return
    latest: dict[str, date] = {EX_FACTORY: exf.forecast}
    order = list(result.steps)  # forward order: walk it backwards
    for key in reversed(order):
        step = result.steps[key]
        if key == EX_FACTORY or step.done.done or step.forecast is None:
            continue
        bounds = []
        for link in succ.get(key, ()):
            after = latest.get(link.after)
            if after is not None:
                bounds.append(after if link.gap == 0 else cal.add(cal.prev_workday(after), -link.gap))
        if bounds:
            latest[key] = min(bounds)
    for key, when in latest.items():
        step = result.steps[key]
        if step.forecast is not None:
            step.slack = max(0, cal.between(step.forecast, when))


# What a material holds up: fabric must be in house before cutting, trims and packing before sewing.
NEEDED_BY = {"fabric": "fabric_in_house", "trim": "trims_in_house", "packing": "trims_in_house"}


def material_due(kind: str, fc: Forecast) -> date | None:
    """The date a material of this kind is needed in house: its milestone's due date (revised, else planned)."""
    step = fc.steps.get(NEEDED_BY.get(kind, ""))
    return step.due if step is not None else None


def plan_warnings(order: Order, config: Config, cal: WorkCalendar, today: date, fc: Forecast | None = None) -> list:
    """Where the plan of an open order cannot hold (W401-W405, located `Finding`s): precedences of
    the template that contradict each other for the order's lead time, milestones planned before the
    PO date, an ex-factory date that is not a working day, an unknown product type, and materials
    due after the milestone that needs them. Done milestones are history and are not warned about."""
    from gendan.core.errors import Finding, said
    from gendan.core.text import guessed

    if is_closed(order, config):
        return []
    fc = fc or forecast(order, config, cal, today)
    found: list[Finding] = []
    product = order.style.product_type if order.style else None
    templates = config.milestone_templates
    if product and product not in templates and set(templates) - {"default"}:  # only default: by design
        message, words = said(
            ("product type '{product}' has no milestone template; the default template plans it", {"product": product}),
            *guessed(product, sorted(templates)),
        )
        found.append(Finding("W404", ("style", "product_type"), message, words=words))
    steps = fc.steps
    exf = steps.get(EX_FACTORY)
    if order.ex_factory and not (exf and exf.done.done) and not cal.is_workday(order.ex_factory):
        found.append(_off_calendar(order.ex_factory, config, cal))
    for link in _network_of(order, config).links:
        a, b = steps.get(link.before), steps.get(link.after)
        if a is None or b is None or a.done.done or b.done.done or a.template is None or b.template is None:
            continue
        if not cal.is_workday(b.template):  # a contract date off the calendar: W403 says so
            continue
        need = cal.add(a.template, link.gap)
        if b.template < need:
            short = cal.between(b.template, need)
            found.append(
                Finding.said(
                    "W401",
                    ("ex_factory",),
                    "the template's order of work does not fit this lead time: {milestone_after} is planned on "
                    "{planned} but comes at least {gap} working days after {milestone_before} ({before}): "
                    "{short} working day short"
                    if short == 1
                    else "the template's order of work does not fit this lead time: {milestone_after} is planned on "
                    "{planned} but comes at least {gap} working days after {milestone_before} ({before}): "
                    "{short} working days short",
                    milestone_after=link.after,
                    planned=b.template,
                    gap=link.gap,
                    milestone_before=link.before,
                    before=a.template,
                    short=short,
                )
            )
    if order.po_date:
        for step in steps.values():
            if step.done.done or step.template is None or step.template >= order.po_date:
                continue
            short = cal.between(step.template, order.po_date)
            found.append(
                Finding.said(
                    "W402",
                    ("po_date",),
                    "{milestone} is planned on {planned}, {short} working day before the PO date: "
                    "the lead time is {short} working day too short"
                    if short == 1
                    else "{milestone} is planned on {planned}, {short} working days before the PO date: "
                    "the lead time is {short} working days too short",
                    milestone=step.key,
                    planned=step.template,
                    short=short,
                )
            )
    for i, m in enumerate(order.materials):
        needed = material_due(m.kind, fc)
        key = NEEDED_BY.get(m.kind)
        if m.received or m.due is None or needed is None or key is None or steps[key].done.done or m.due <= needed:
            continue
        late = cal.between(needed, m.due)
        found.append(
            Finding.said(
                "W405",
                ("materials", i, "due"),
                "{item} is due {due}, {late} working day after {milestone} ({needed}) that needs it"
                if late == 1
                else "{item} is due {due}, {late} working days after {milestone} ({needed}) that needs it",
                item=m.item,
                due=m.due,
                late=late,
                milestone=key,
                needed=needed,
            )
        )
    return found


def _off_calendar(ex_factory: date, config: Config, cal: WorkCalendar):
    """W403: the ex-factory date is not a working day, and why."""
    from gendan.core.errors import Finding, said

    closure = next((c for c in config.holidays.closures if c.from_ <= ex_factory <= c.to), None)
    why: tuple[str, dict[str, object]]
    if closure and closure.name:
        why = (
            "inside the closure {name} ({start} to {end})",
            {"name": closure.name, "start": closure.from_, "end": closure.to},
        )
    elif closure:
        why = ("inside the closure ({start} to {end})", {"start": closure.from_, "end": closure.to})
    elif ex_factory.weekday() not in cal.weekdays:
        why = (NOT_A_WORKING_DAY[ex_factory.weekday()], {})
    else:
        why = ("a public holiday", {})
    message, words = said(("ex-factory {ex_factory} is ", {"ex_factory": ex_factory}), why)
    return Finding("W403", ("ex_factory",), message, words=words)


# W403: an ex-factory date on a day of the week the calendar does not work (Monday is 0)
NOT_A_WORKING_DAY = (
    "a Monday, not a working day",
    "a Tuesday, not a working day",
    "a Wednesday, not a working day",
    "a Thursday, not a working day",
    "a Friday, not a working day",
    "a Saturday, not a working day",
    "a Sunday, not a working day",
)
