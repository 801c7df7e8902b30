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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from gendan.core.config import Config
from gendan.core.model import Order
from gendan.domain.calendar import (
    EX_FACTORY,
    Forecast,
    Step,
    WorkCalendar,
    forecast,
    is_closed,
    shared_calendar,
    template_of,
)
from gendan.domain.rules import r4_money_before_production, r5_pp_sample, r6_money_before_goods

KINDS = ("overdue", "due_soon", "R4", "R5", "R6", "at_risk")
SEVERITIES = ("critical", "high", "normal")
CUTTING = "cutting_start"
GROUPS = ("merchandiser", "customer", "factory")

# Who chases a rule item when no person has the role.
RULE_ROLES = {"R4": "finance", "R5": "merchandiser", "R6": "finance", "at_risk": "merchandiser"}


@dataclass(frozen=True)
class Item:
    """One line of the overdue report."""

    order: str
    customer: str
    milestone: str  # milestone key, or the rule / risk it is about
    owner: str
    due: date | None
    working_days_late: int  # working days past due; negative: due in that many working days
    kind: str  # one of KINDS
    severity: str  # one of SEVERITIES
    detail: str = ""
    merchandiser: str = ""
    stage: str = ""
    chain: tuple[str, ...] = ()  # at_risk: the driving chain, ex_factory first

    def as_row(self) -> dict:
        return {
            "chain": list(self.chain),
            "order": self.order,
            "customer": self.customer,
            "milestone": self.milestone,
            "owner": self.owner,
            "due": self.due,
            "working_days_late": self.working_days_late,
            "kind": self.kind,
            "severity": self.severity,
            "detail": self.detail,
        }


COLUMNS = ("order", "customer", "milestone", "owner", "due", "working_days_late", "kind", "severity", "detail")
JSON_COLUMNS = (*COLUMNS, "chain")  # json also gives an at-risk order's driving chain as a list


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
    for p in config.people:
        if p.name.lower() == low:
            return p.name
    for p in config.people:
        if p.role and p.role.lower() == low:
            return p.name
    if order.merchandiser is None:
        return who
    return fallback


def milestone_keys(order: Order, config: Config) -> list[str]:
    """The milestones an order has: its template's, in order, then the ones only order.yaml records."""
    keys = [m.key for m in template_of(order, config)]
    return keys + [k for k in order.milestones if k not in keys]


def facts_for(order: Order, config: Config, cal: WorkCalendar, today: date, within: int) -> Facts:
    """Plan, forecast and the status of every milestone of one order as of `today`."""
    fc = forecast(order, config, cal, today)
    names = {m.key: m.name for m in template_of(order, config)}
    facts = Facts(order, fc, cal)
    for key in milestone_keys(order, config):
        step = fc.steps[key]
        held = order.milestones.get(key)
        status, late = _status(step, cal, today, within)
        facts.milestones.append(
            MilestoneFact(
                key=key,
                name=names.get(key) or key,
                stage=step.stage,
                owner=(held.owner if held else None) or resolve_owner(step.owner, order, config),
                planned=step.planned,
                revised=step.revised,
                reason=step.reason,
                actual=step.actual,
                due=step.due,
                forecast=step.forecast,
                status=status,
                days_late=late,
                slack=step.slack,
            )
        )
    return facts


def _status(step: Step, cal: WorkCalendar, today: date, within: int) -> tuple[str, int | None]:
    if step.done.done:
        return ("passed" if step.done.how == "stage passed" else "done"), None
    if step.due is None:
        return "no_date", None
    if step.due < today:
        return "overdue", cal.between(step.due, today)
    if (step.due - today).days <= within:
        return "due_soon", -cal.between(today, step.due)
    return "open", -cal.between(today, step.due)


def all_facts(orders: Sequence[Order], config: Config, today: date, within: int) -> list[Facts]:
    """Facts of every order, on one shared calendar."""
    cal = shared_calendar(orders, config, today)
    return [facts_for(o, config, cal, today, within) for o in orders]


# overdue -------------------------------------------------------------------


def overdue(
    orders: Sequence[Order],
    config: Config,
    today: date,
    within: int | None = None,
    facts: Sequence[Facts] | None = None,
) -> list[Item]:
    """Every late or soon-due milestone and every rule item of the open orders, worst first."""
    within = config.alert_days if within is None else within
    open_orders = [o for o in orders if is_open(o, config)]
    if facts is None:
        facts = all_facts(open_orders, config, today, within)
    items: list[Item] = []
    for f in facts:
        if is_open(f.order, config):
            items.extend(order_items(f, config, today, within))
    return sorted(items, key=_severity_key)


def _severity_key(item: Item):
    return (SEVERITIES.index(item.severity), -item.working_days_late, item.order, item.milestone)


def order_items(f: Facts, config: Config, today: date, within: int) -> list[Item]:
    """The overdue report's items for one order."""
    o = f.order
    items: list[Item] = []

    def late_by(due: date | None) -> int:
        if due is None:
            return 0
        return f.calendar.between(due, today) if due < today else -f.calendar.between(today, due)

    def item(
        what: str, owner: str, due: date | None, kind: str, severity: str, detail: str = "", late: int | None = None
    ) -> None:
        days = late if late is not None else late_by(due)
        items.append(
            Item(o.id, o.customer.name, what, owner, due, days, kind, severity, detail, o.merchandiser or "", o.stage)
        )

    for m in f.milestones:
        if m.status == "overdue":
            item(m.key, m.owner, m.due, "overdue", "high", _revised(m), m.days_late)
        elif m.status == "due_soon":
            item(m.key, m.owner, m.due, "due_soon", "normal", _revised(m), m.days_late)

    cutting = f.milestone(CUTTING) or _first_of_stage(f, "production")
    if cutting is not None and not cutting.done and cutting.due and (cutting.due - today).days <= within:
        for code, check in (("R4", r4_money_before_production), ("R5", r5_pp_sample)):
            for finding in check(o, config):
                late = late_by(cutting.due)
                item(
                    code,
                    resolve_owner(RULE_ROLES[code], o, config),
                    cutting.due,
                    code,
                    "critical" if late >= 0 else "high",
                    f"{finding.message}; {cutting.key} due {cutting.due}",
                )

    exf = f.milestone(EX_FACTORY)
    exf_due = exf.due if exf else o.ex_factory
    if exf_due and (exf_due - today).days <= within:
        for finding in r6_money_before_goods(o, config):
            late = late_by(exf_due)
            item(
                "R6",
                resolve_owner(RULE_ROLES["R6"], o, config),
                exf_due,
                "R6",
                "critical" if late >= 0 else "high",
                f"{finding.message}; ex-factory {exf_due}",
            )

    fc = f.forecast
    # (at risk means both dates are known: late_days counts from one to the other)
    if fc.at_risk and fc.ex_factory and fc.contract and not (exf and exf.done):
        item(
            "ex_factory",
            resolve_owner(RULE_ROLES["at_risk"], o, config),
            fc.contract,
            "at_risk",
            "critical",
            f"forecast ex-factory {fc.ex_factory} is {fc.late_days} working days after the contract date "
            f"{fc.contract}: {fc.chain_text()}",
            late=fc.late_days,
        )
        items[-1] = replace(items[-1], chain=tuple(fc.chain))
    return items


def _revised(m: MilestoneFact) -> str:
    return f"revised from {m.planned}: {m.reason}" if m.revised and m.reason else ""


def _first_of_stage(f: Facts, stage: str) -> MilestoneFact | None:
    dated = [m for m in f.milestones if m.stage == stage and m.due]
    return min(dated, key=lambda m: m.due or date.max) if dated else None  # (every one is dated)


def count_late(items: Iterable[Item]) -> int:
    """Items already past their date (what --fail-on-overdue fails on); a risk is not yet late."""
    return sum(1 for i in items if i.kind != "at_risk" and i.working_days_late > 0)


# status --------------------------------------------------------------------


@dataclass
class StageRow:
    group: str
    stage: str
    orders: int = 0
    pieces: int = 0
    values: dict[str, Decimal] = field(default_factory=dict)

    def as_row(self) -> dict:
        return {
            "group": self.group,
            "stage": self.stage,
            "orders": self.orders,
            "pieces": self.pieces,
            "value": {c: str(v) for c, v in self.values.items()},
        }


@dataclass
class Status:
    today: date
    group_by: str | None
    pipeline: list[StageRow]
    at_risk: list[dict[str, Any]]
    on_hold: list[dict[str, Any]]
    this_week: list[dict[str, Any]]
    next_week: list[dict[str, Any]]
    weeks: tuple[tuple[date, date], tuple[date, date]]


def group_of(order: Order, group_by: str | None) -> str:
    if group_by == "merchandiser":
        return order.merchandiser or ""
    if group_by == "customer":
        return order.customer.name
    if group_by == "factory":
        return order.factory.name if order.factory else ""
    return ""


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
    if facts is None:  # only open orders need their plan and forecast (most are closed)
        cal = shared_calendar(orders, config, today)
        facts = [facts_for(o, config, cal, today, config.alert_days) for o in orders if is_open(o, config)]
        held = [o for o in orders if o.stage == "on_hold"]
    else:
        held = [f.order for f in facts if f.order.stage == "on_hold"]
    stage_order = [*config.stage_keys, "on_hold", "cancelled"]
    rows: dict[tuple[str, str], StageRow] = {}
    for o in orders:
        key = (group_of(o, group_by), o.stage)
        row = rows.setdefault(key, StageRow(*key))
        row.orders += 1
        row.pieces += o.quantity
        cur = o.currency or ""
        row.values[cur] = row.values.get(cur, Decimal(0)) + o.value
    for row in rows.values():
        row.values = dict(sorted(row.values.items()))

    def rank(key):
        group, stage = key
        return (group.casefold(), stage_order.index(stage) if stage in stage_order else len(stage_order), stage)

    monday = today - timedelta(days=today.weekday())
    weeks = ((monday, monday + timedelta(days=6)), (monday + timedelta(days=7), monday + timedelta(days=13)))
    at_risk: list[dict[str, Any]] = []
    on_hold: list[dict[str, Any]] = []
    this_week: list[dict[str, Any]] = []
    next_week: list[dict[str, Any]] = []
    for o in held:
        since = next((h for h in reversed(o.history) if h.to == "on_hold"), None)
        on_hold.append(
            {
                "order": o.id,
                "customer": o.customer.name,
                "merchandiser": o.merchandiser,
                "since": since.date if since else None,
                "from": since.from_ if since else None,
                "reason": since.reason if since else None,
            }
        )
    for f in facts:
        o = f.order
        if not is_open(o, config):
            continue
        exf = f.milestone(EX_FACTORY)
        if exf and exf.done:
            continue
        fc = f.forecast
        line = {
            "order": o.id,
            "customer": o.customer.name,
            "merchandiser": o.merchandiser,
            "factory": o.factory.name if o.factory else None,
            "stage": o.stage,
            "pieces": o.quantity,
            "ex_factory": o.ex_factory,
            "forecast": fc.ex_factory,
            "working_days_late": fc.late_days,
            "chain": fc.chain_text() if fc.at_risk else "",
        }
        if fc.at_risk:
            at_risk.append(line)
        when = fc.ex_factory or o.ex_factory
        if when and weeks[0][0] <= when <= weeks[0][1]:
            this_week.append(line)
        elif when and weeks[1][0] <= when <= weeks[1][1]:
            next_week.append(line)
    by_date = lambda r: (r["forecast"] or r["ex_factory"] or date.max, r["order"])  # noqa: E731
    at_risk.sort(key=lambda r: (-r["working_days_late"], r["order"]))
    on_hold.sort(key=lambda r: r["order"])
    return Status(
        today,
        group_by,
        [rows[k] for k in sorted(rows, key=rank)],
        at_risk,
        on_hold,
        sorted(this_week, key=by_date),
        sorted(next_week, key=by_date),
        weeks,
    )
