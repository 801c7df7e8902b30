"""The reports across all orders: what is late or due (`overdue`), and the pipeline (`status`).

Both work on the orders that read cleanly and take `today` as an argument. Every date
comes from one place, `facts_for`: the T&A plan and the forecast of `gendan.domain.calendar`,
so `overdue`, `status` and the Excel tracker agree on what is late and what is at risk.

Which orders are open: every order not in the flow's last stage (`closed`) and not
`cancelled`. Orders `on_hold` are left out of `overdue` (their calendar is frozen while
the customer or the company decides; a daily reminder about a paused order is noise)
and listed apart by `status`.

Which milestones count: every milestone of the order's template (planned from it,
overridden by what order.yaml records) and any other milestone order.yaml records.
Which are done is `gendan.domain.calendar.completion`, the one notion of "done" (an
actual date, the payment or approved PP sample recorded, or a stage the order has
passed). Delays are in working days (`working_days_late`), like the forecast's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from gendan.core import money
from gendan.core.config import Config
from gendan.core.model import Order
from gendan.core.progress import Progress, steps
from gendan.domain import payments
from gendan.domain.calendar import (
    EX_FACTORY,
    Forecast,
    Step,
    WorkCalendar,
    forecast,
    is_closed,
    milestones_of,
    shared_calendar,
)
from gendan.domain.rules import effective_stage, r4_money_before_production, r5_pp_sample, r6_money_before_goods
from gendan.reports.digest import (
    COLUMNS,
    GROUPS,
    JSON_COLUMNS,
    KINDS,
    NONE,
    OPEN,
    OWING,
    SEVERITIES,
    Detail,
    Digest,
    Item,
    StageRow,
    Status,
    count_late,
    overdue_items,
    status_of,
)

# defined with the digests (which import no model), used from here too
__all__ = [
    "COLUMNS",
    "GROUPS",
    "JSON_COLUMNS",
    "KINDS",
    "SEVERITIES",
    "Detail",
    "Item",
    "StageRow",
    "Status",
    "count_late",
]

CUTTING = "cutting_start"

# Who chases a rule item when no person has the role.
RULE_ROLES = {
    "R4": "finance",
    "R5": "merchandiser",
    "R6": "finance",
    "at_risk": "merchandiser",
    "payment": "finance",
    "lc": "merchandiser",
}
LC_ITEMS = {"W301": "lc_amount", "W302": "latest_shipment", "W303": "lc_expiry", "W304": "presentation"}
BALANCE = "balance_received"


@dataclass
class MilestoneFact:
    """One milestone of one order, as of today."""

    key: str
    name: str
    stage: str | None
    owner: str
    planned: date | None
    revised: date | None
    reason: str | None
    actual: date | None
    due: date | None
    forecast: date | None
    status: str  # done, passed (stage passed, not recorded), overdue, due_soon, open, no_date
    days_late: int | None  # working days past due as of today; negative: due in that many working days
    slack: int | None = None  # working days it can slip before the forecast ex-factory moves

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES


DONE_STATUSES = ("done", "passed")


@dataclass
class Facts:
    """An order with its plan and forecast: what every report reads."""

    order: Order
    forecast: Forecast
    calendar: WorkCalendar
    milestones: list[MilestoneFact] = field(default_factory=list)

    def milestone(self, key: str) -> MilestoneFact | None:
        return next((m for m in self.milestones if m.key == key), None)


def is_open(order: Order, config: Config) -> bool:
    """Open and not on hold: the orders `overdue` reports on."""
    return not is_closed(order, config) and order.stage != "on_hold"


def resolve_owner(who: str | None, order: Order, config: Config) -> str:
    """A person for an owner role or name: the order's merchandiser for `merchandiser`,
    a person of config.people by name or role, else the order's merchandiser (who chases it)."""
    fallback = order.merchandiser or who or ""
    if not who:
        return fallback
    low = who.strip().lower()
    if low == "merchandiser" and order.merchandiser:
        return order.merchandiser
    by_name, by_role = _people(config)
    found = by_name.get(low, by_role.get(low))
    if found is not None:
        return found
    if order.merchandiser is None:
        return who
    return fallback


_PEOPLE: dict[tuple, tuple[dict[str, str], dict[str, str]]] = {}


def _people(config: Config) -> tuple[dict[str, str], dict[str, str]]:
    """config.people by name and by role, in lower case (the first person of each wins), made
    once for the same people (asked for every milestone of every order)."""
    key = tuple((p.name, p.role) for p in config.people)
    found = _PEOPLE.get(key)
    if found is None:
        if len(_PEOPLE) > 64:
            _PEOPLE.clear()
        by_name: dict[str, str] = {}
        by_role: dict[str, str] = {}
        for name, role in key:
            by_name.setdefault(name.lower(), name)
            if role:
                by_role.setdefault(role.lower(), name)
        found = _PEOPLE[key] = (by_name, by_role)
    return found


def milestone_keys(order: Order, config: Config) -> list[str]:
    """The milestones an order has: its template's, in order, then the ones only order.yaml records."""
    return [key for key, _ in milestones_of(order, config)]


def facts_for(order: Order, config: Config, cal: WorkCalendar, today: date, within: int) -> Facts:
    """Plan, forecast and the status of every milestone of one order as of `today`."""
    fc = forecast(order, config, cal, today)
    facts = Facts(order, fc, cal)
    owners: dict[str | None, str] = {}  # the template's owner (a role) -> the person, once per order
    for key, name in milestones_of(order, config):
        step = fc.steps[key]
        held = order.milestones.get(key)
        owner = held.owner if held else None
        if not owner:
            if step.owner not in owners:
                owners[step.owner] = resolve_owner(step.owner, order, config)
            owner = owners[step.owner]
        status, late = _status(step, cal, today, within)
        facts.milestones.append(
            MilestoneFact(
                key,
                name or key,
                step.stage,
                owner,
                step.planned,
                step.revised,
                step.reason,
                step.actual,
                step.due,
                step.forecast,
                status,
                late,
                step.slack,
            )
        )
    return facts


def _status(step: Step, cal: WorkCalendar, today: date, within: int) -> tuple[str, int | None]:
    if step.done.done:
        return ("passed" if step.done.how == "stage passed" else "done"), None
    if step.due is None:
        return "no_date", None
    if step.due < today:
        return "overdue", late_by(cal, step.due, today)
    if (step.due - today).days <= within:
        return "due_soon", -cal.between(today, step.due)
    return "open", -cal.between(today, step.due)


def calendars(config: Config, today: date) -> Callable[[Order], WorkCalendar]:
    """The working-day calendar of each order: the one `order_calendar` builds (the years of its
    dates and today's), made once per span of years and shared by the orders with that span.

    An order's facts depend on the order, the config and today only, never on which other
    orders are read with it: what the per-day cache (gendan/reports/daily.py) relies on, and
    what makes `overdue`, `show` and the tracker agree."""
    made: dict[tuple[int, int], WorkCalendar] = {}

    def calendar(o: Order) -> WorkCalendar:
        years = {today.year}
        years.update(d.year for d in (o.po_date, o.ex_factory) if d)
        for m in o.milestones.values():
            years.update(d.year for d in (m.planned, m.revised, m.actual) if d)
        span = (min(years), max(years))
        cal = made.get(span)
        if cal is None:
            cal = made[span] = shared_calendar([o], config, today)
        return cal

    return calendar


def all_facts(
    orders: Sequence[Order], config: Config, today: date, within: int, progress: Progress | None = None
) -> list[Facts]:
    """Facts of every order, each on its calendar (`calendars`; `progress`: gendan/core/progress.py)."""
    return list(iter_facts(orders, config, today, within, progress))


def iter_facts(
    orders: Sequence[Order], config: Config, today: date, within: int, progress: Progress | None = None
) -> Iterator[Facts]:
    """`all_facts` one order at a time, for a caller that does not keep them all (the tracker)."""
    cal = calendars(config, today)
    for o in steps(orders, "forecasting", progress):
        yield facts_for(o, config, cal(o), today, within)


def digest_of(
    o: Order,
    config: Config,
    today: date,
    within: int,
    cal: Callable[[Order], WorkCalendar],
    f: Facts | None = None,
    items: bool = True,
) -> Digest:
    """What the reports need of one order as of `today` (gendan/reports/digest.py), with its
    overdue items for `within` days (unless `items` is False); `f`: its facts, if already made."""
    hold = None
    if o.stage == "on_hold":
        since = next((h for h in reversed(o.history) if h.to == "on_hold"), None)
        hold = (since.date, since.from_, since.reason) if since else None
    found: list[Item] = []
    line = None
    if is_open(o, config):
        chased = OPEN
        f = f or facts_for(o, config, cal(o), today, within)
        if items:
            found = order_items(f, config, today, within)
        exf = f.milestone(EX_FACTORY)
        if not (exf and exf.done):
            fc = f.forecast
            line = (fc.ex_factory, fc.late_days, fc.at_risk, fc.chain_text() if fc.at_risk else "")
    elif o.stage != "cancelled" and is_closed(o, config) and shipped(o, config):
        chased = OWING  # a closed order stays until its money is in (or written off)
        if items:
            found = money_items(o, None, config, today, within, cal(o))
    else:
        chased = NONE
    return Digest(
        o.id,
        o.stage,
        o.customer.name,
        o.customer.name_zh,
        o.merchandiser,
        o.factory.name if o.factory else None,
        o.factory.name_zh if o.factory else None,
        o.style.number if o.style else None,
        o.quantity,
        o.currency,
        o.value,
        o.ex_factory,
        chased,
        hold,
        line,
        {within: tuple(i.as_tuple() for i in found)} if items else {},
    )


# overdue -------------------------------------------------------------------


def overdue(
    orders: Sequence[Order],
    config: Config,
    today: date,
    within: int | None = None,
    facts: Sequence[Facts] | None = None,
) -> list[Item]:
    """Every late or soon-due milestone and every rule item of the open orders, and the money
    of the closed ones whose goods have gone, worst first; `facts`: of these orders, if made."""
    within = config.alert_days if within is None else within
    given = {id(f.order): f for f in facts or ()}
    cal = calendars(config, today)
    return overdue_items([digest_of(o, config, today, within, cal, given.get(id(o))) for o in orders], within)


def late_by(cal: WorkCalendar | None, due: date | None, today: date) -> int:
    """Working days `due` is past (negative: ahead of) `today`; 0 without a date."""
    if due is None or cal is None:
        return 0
    # a date passed is at least 1 working day late (a Friday deadline, seen on Saturday)
    return max(1, cal.between(due, today)) if due < today else -cal.between(today, due)


def confirmed(order: Order, config: Config) -> bool:
    """Past the inquiry: at or after the first stage that needs the four essentials (R1)."""
    first = next((i for i, s in enumerate(config.stages) if "R1" in s.gates), 1)
    return config.stage_index(effective_stage(order) or order.stage) >= first


def inquiry_stage(stage: str | None, config: Config) -> bool:
    """A milestone stage an inquiry is chased for: quotation and costing (the stages before
    money for production, R4) and samples."""
    first_r4 = next((i for i, s in enumerate(config.stages) if "R4" in s.gates), len(config.stages))
    return stage == "sampling" or 0 <= config.stage_index(stage or "") < first_r4


def shipped(order: Order, config: Config) -> bool:
    """The goods have gone: at or past the stage that needs the final inspection (R8), or
    ex-factory recorded."""
    first = next((i for i, s in enumerate(config.stages) if "R8" in s.gates), len(config.stages))
    held = order.milestones.get(EX_FACTORY)
    return config.stage_index(effective_stage(order) or order.stage) >= first or bool(held and held.actual)


def money_items(
    o: Order, f: Facts | None, config: Config, today: date, within: int, cal: WorkCalendar | None = None
) -> list[Item]:
    """Money outstanding on an order whose goods have gone, until it is received or written off:
    due on the balance's due date (its payment entry, else the balance milestone)."""
    if not shipped(o, config):
        return []
    paid = payments.payment_summary(o)  # the order's sums, once
    if payments.settled(o, config, paid):
        return []
    due = min(
        (p.due for p in o.payments if p.received is None and p.due and p.kind in ("balance", "full")), default=None
    )
    m = f.milestone(BALANCE) if f else None
    due = due or (m.due if m else None)
    if due and (due - today).days > within and not is_closed(o, config):
        return []
    late = late_by(f.calendar if f else cal, due, today)
    detail = ("outstanding", money.labelled(paid["outstanding"], o.currency), money.labelled(paid["value"], o.currency))
    owner = resolve_owner(RULE_ROLES["payment"], o, config)
    severity = "critical" if is_closed(o, config) else "high" if late > 0 else "normal"
    return [
        Item(
            o.id,
            o.customer.name,
            "balance",
            owner,
            due,
            late,
            "payment",
            severity,
            detail,
            o.merchandiser or "",
            o.stage,
        )
    ]


def lc_items(o: Order, config: Config, today: date, cal: WorkCalendar) -> list[Item]:
    """The L/C watch: value above the L/C amount, latest shipment, expiry, presentation period."""
    items = []
    for alert in payments.lc_alerts(o, config, today):
        late = late_by(cal, alert.due, today)
        owner = resolve_owner(RULE_ROLES["lc"], o, config)
        severity = "critical" if late > 0 else "high"
        items.append(
            Item(
                o.id,
                o.customer.name,
                LC_ITEMS[alert.code],
                owner,
                alert.due,
                late,
                "lc",
                severity,
                ("lc", alert.code, alert.message, alert.due, alert.words),
                o.merchandiser or "",
                o.stage,
            )
        )
    return items


def order_items(f: Facts, config: Config, today: date, within: int) -> list[Item]:
    """The overdue report's items for one order."""
    o = f.order
    items: list[Item] = []

    def item(
        what: str, owner: str, due: date | None, kind: str, severity: str, detail: Detail = (), late: int | None = None
    ) -> None:
        days = late if late is not None else late_by(f.calendar, due, today)
        items.append(
            Item(o.id, o.customer.name, what, owner, due, days, kind, severity, detail, o.merchandiser or "", o.stage)
        )

    owed = money_items(o, f, config, today, within)
    items.extend(owed)
    if not confirmed(o, config):  # an inquiry: its quotation, costing and samples, no production gates
        for m in chased(f, config):
            if m.status in ("overdue", "due_soon"):
                is_late = m.status == "overdue"
                item(m.key, m.owner, m.due, m.status, "high" if is_late else "normal", _revised(m))
        return items

    items.extend(lc_items(o, config, today, f.calendar))
    for m in f.milestones:
        if owed and m.key == BALANCE:  # the money item says it, with the amount
            continue
        if m.status == "overdue":
            item(m.key, m.owner, m.due, "overdue", "high", _revised(m), m.days_late)
        elif m.status == "due_soon":
            item(m.key, m.owner, m.due, "due_soon", "normal", _revised(m), m.days_late)

    cutting = f.milestone(CUTTING) or _first_of_stage(f, "production")
    if cutting is not None and not cutting.done and cutting.due and (cutting.due - today).days <= within:
        for code, check in (("R4", r4_money_before_production), ("R5", r5_pp_sample)):
            for finding in check(o, config):
                late = late_by(f.calendar, cutting.due, today)
                item(
                    code,
                    resolve_owner(RULE_ROLES[code], o, config),
                    cutting.due,
                    code,
                    "critical" if late >= 0 else "high",
                    ("rule", code, finding.message, cutting.key, cutting.due, finding.words),
                )

    exf = f.milestone(EX_FACTORY)
    exf_due = exf.due if exf else o.ex_factory
    if exf_due and (exf_due - today).days <= within:
        for _ in r6_money_before_goods(o, config):  # its amounts, as its finding words them
            late = late_by(f.calendar, exf_due, today)
            got = payments.received(o)
            item(
                "R6",
                resolve_owner(RULE_ROLES["R6"], o, config),
                exf_due,
                "R6",
                "critical" if late >= 0 else "high",
                (
                    "rule_shipment",
                    money.labelled(got, o.currency),
                    money.labelled(o.value, o.currency),
                    money.labelled(o.value - got, o.currency),
                    exf_due,
                ),
            )

    items.extend(_risk_items(f, config))
    return items


def _risk_items(f: Facts, config: Config) -> list[Item]:
    """The order at risk: its forecast ex-factory after the contract date, and why (the chain)."""
    o, fc, exf = f.order, f.forecast, f.milestone(EX_FACTORY)
    # (at risk means both dates are known: late_days counts from one to the other)
    if not (fc.at_risk and fc.ex_factory and fc.contract) or (exf and exf.done):
        return []
    detail = ("at_risk", fc.ex_factory, fc.late_days, fc.contract, fc.chain_detail())
    owner = resolve_owner(RULE_ROLES["at_risk"], o, config)
    return [
        Item(
            o.id,
            o.customer.name,
            EX_FACTORY,
            owner,
            fc.contract,
            fc.late_days,
            "at_risk",
            "critical",
            detail,
            o.merchandiser or "",
            o.stage,
            tuple(fc.chain),
        )
    ]


def chased(f: Facts, config: Config) -> list[MilestoneFact]:
    """The milestones that are followed up (in `overdue` and in calendar feeds): every one of a
    confirmed order; of an inquiry, only those of the inquiry stages (its quotation, costing and
    samples: its production dates are not yet promises)."""
    if confirmed(f.order, config):
        return list(f.milestones)
    return [m for m in f.milestones if inquiry_stage(m.stage, config)]


def _revised(m: MilestoneFact) -> Detail:
    return ("revised", m.planned, m.reason) if m.revised and m.reason else ()


def _first_of_stage(f: Facts, stage: str) -> MilestoneFact | None:
    dated = [m for m in f.milestones if m.stage == stage and m.due]
    return min(dated, key=lambda m: m.due or date.max) if dated else None  # (every one is dated)


# status --------------------------------------------------------------------


def status(
    orders: Sequence[Order],
    config: Config,
    today: date,
    group_by: str | None = None,
    facts: Sequence[Facts] | None = None,
) -> Status:
    """The pipeline per stage (orders, pieces, value per currency), risks, holds, ex-factory soon."""
    if group_by is not None and group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {GROUPS}")
    given = {id(f.order): f for f in facts or ()}
    cal = calendars(config, today)
    digests = [digest_of(o, config, today, config.alert_days, cal, given.get(id(o)), items=False) for o in orders]
    return status_of(digests, config.stage_keys, today, group_by)
