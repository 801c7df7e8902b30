"""What `overdue`, `status` and `list` need of one order, as plain data: its digest.

A report over 10,000 orders needs little of each: the fields the filters and the list
show, its pipeline numbers, its hold, its status line (forecast ex-factory, delay, chain)
and its overdue items. `gendan.reports.facts.digest_of` computes a `Digest` from the order
(its plan and forecast, `facts_for`); the reports are built from digests only
(`overdue_items`, `status_of`, `list_rows`), whether the digests were just computed or
come from the per-day cache (`gendan.reports.daily`). One computation, two sources: the
cached report is the computed one.

This module imports neither the model nor pydantic: a warm report reads digests (tuples
of str, int, date, Decimal) and never builds an `Order`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

KINDS = ("overdue", "due_soon", "R4", "R5", "R6", "at_risk", "payment", "lc")
SEVERITIES = ("critical", "high", "normal")
COLUMNS = ("order", "customer", "milestone", "owner", "due", "working_days_late", "kind", "severity", "detail")
JSON_COLUMNS = (*COLUMNS, "chain")  # json also gives an at-risk order's driving chain as a list

# Which overdue items an order has: an open order (not closed, not on hold) has its
# milestones, rule items and risk; a closed order whose goods have gone has its money.
NONE, OPEN, OWING = 0, 1, 2


# An item's detail: a kind and its arguments, plain data (str, int, date, tuples), phrased for
# people in their language by gendan.render.i18n.detail (English text, byte for byte, as before):
#   ("revised", planned, reason)                      a milestone moved, and why
#   ("outstanding", outstanding, value)               money left on a shipped order (amounts as text)
#   ("at_risk", forecast, late_days, contract, chain) chain: Forecast.chain_detail()
#   ("rule", code, message, milestone, due, words)    R4/R5 before cutting (message, words: the rule's finding)
#   ("rule_shipment", received, value, outstanding, ex_factory)   R6 before shipment (amounts as text)
#   ("lc", code, message, due, words)                 the L/C watch (code W301-W304; words: LcAlert.words)
# Empty: nothing to add. A str is taken as already phrased (an item read back from json).
Detail = tuple | str


@dataclass(frozen=True)
class Item:
    """One line of the overdue report."""

    order: str
    customer: str
    milestone: str  # milestone key, or the rule / risk it is about
    owner: str
    due: date | None
    working_days_late: int  # working days past due; negative: due in that many working days
    kind: str  # one of KINDS (gendan.reports.facts)
    severity: str  # one of SEVERITIES
    detail: Detail = ()  # what it is about, as data: phrased by gendan.render.i18n.detail
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

    def as_tuple(self) -> tuple:
        return (
            self.order,
            self.customer,
            self.milestone,
            self.owner,
            self.due,
            self.working_days_late,
            self.kind,
            self.severity,
            self.detail,
            self.merchandiser,
            self.stage,
            self.chain,
        )


class Line(NamedTuple):
    """An open order's line in `status` (at risk, ex-factory this week or next)."""

    forecast: date | None  # forecast ex-factory
    working_days_late: int
    at_risk: bool
    chain: str  # the driving chain as text, when at risk


class Digest(NamedTuple):
    """One order as the reports see it (plain values only: it is what the cache keeps)."""

    id: str
    stage: str
    customer: str
    customer_zh: str | None
    merchandiser: str | None
    factory: str | None
    factory_zh: str | None
    style: str | None
    pieces: int
    currency: str | None
    value: Decimal
    ex_factory: date | None
    chased: int  # NONE, OPEN or OWING: which overdue items it has
    hold: tuple[date | None, str | None, str | None] | None  # on hold: since, from, reason
    line: tuple | None  # an open order whose ex-factory is not done: a Line
    items: dict[int, tuple[tuple, ...]]  # overdue items by `within` (days), as Item.as_tuple()

    def with_items(self, within: int, items: Iterable[Item]) -> Digest:
        return self._replace(items={**self.items, within: tuple(i.as_tuple() for i in items)})


def severity_key(item: Item):
    return (SEVERITIES.index(item.severity), -item.working_days_late, item.order, item.milestone)


def overdue_items(digests: Iterable[Digest], within: int) -> list[Item]:
    """The overdue report: the open orders' items, then the money of closed orders, worst first."""
    digests = list(digests)
    items = [Item(*t) for d in digests if d.chased == OPEN for t in d.items[within]]
    items += [Item(*t) for d in digests if d.chased == OWING for t in d.items[within]]
    return sorted(items, key=severity_key)


def count_late(items: Iterable[Item]) -> int:
    """Items already past their date (what --fail-on-overdue fails on); a risk is not yet late."""
    return sum(1 for i in items if i.kind != "at_risk" and i.working_days_late > 0)


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


GROUPS = ("merchandiser", "customer", "factory")


def group_of(d: Digest, group_by: str | None) -> str:
    if group_by == "merchandiser":
        return d.merchandiser or ""
    if group_by == "customer":
        return d.customer
    if group_by == "factory":
        return d.factory or ""
    return ""


def status_of(digests: Sequence[Digest], stage_keys: Sequence[str], today: date, group_by: str | None) -> Status:
    """The pipeline per stage (orders, pieces, value per currency), risks, holds, ex-factory soon."""
    if group_by is not None and group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {GROUPS}")
    stage_order = [*stage_keys, "on_hold", "cancelled"]
    rows: dict[tuple[str, str], StageRow] = {}
    for d in digests:
        key = (group_of(d, group_by), d.stage)
        row = rows.get(key)
        if row is None:
            row = rows[key] = StageRow(*key)
        row.orders += 1
        row.pieces += d.pieces
        cur = d.currency or ""
        row.values[cur] = row.values.get(cur, Decimal(0)) + d.value
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
    for d in digests:
        if d.stage == "on_hold":
            since, from_, reason = d.hold or (None, None, None)
            on_hold.append(
                {
                    "order": d.id,
                    "customer": d.customer,
                    "merchandiser": d.merchandiser,
                    "since": since,
                    "from": from_,
                    "reason": reason,
                }
            )
    for d in digests:
        if d.line is None:
            continue
        fc = Line(*d.line)
        line = {
            "order": d.id,
            "customer": d.customer,
            "merchandiser": d.merchandiser,
            "factory": d.factory,
            "stage": d.stage,
            "pieces": d.pieces,
            "ex_factory": d.ex_factory,
            "forecast": fc.forecast,
            "working_days_late": fc.working_days_late,
            "chain": fc.chain if fc.at_risk else "",
        }
        if fc.at_risk:
            at_risk.append(line)
        when = fc.forecast or d.ex_factory
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


def list_rows(digests: Iterable[Digest]) -> list[dict[str, Any]]:
    """One row per order (`gendan list`), sorted by id."""
    rows = [
        {
            "id": d.id,
            "customer": d.customer,
            "style": d.style,
            "stage": d.stage,
            "pieces": d.pieces,
            "value": d.value,
            "currency": d.currency,
            "ex_factory": d.ex_factory,
            "merchandiser": d.merchandiser,
        }
        for d in sorted(digests, key=lambda d: d.id)
    ]
    return rows
