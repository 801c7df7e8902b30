"""The open milestones of open orders as calendar entries (`gendan calendar`): one per milestone
that still has to happen and has a date, on the date it is due (the revised date, else the
planned one), marked when that date has passed. The milestones are those `overdue` follows up
(`facts.chased`: an inquiry's production dates are not yet promises); done milestones, those of
a stage the order has passed, and those without a date are not in a calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gendan.core.config import Config
from gendan.core.model import Order
from gendan.reports.facts import Facts, all_facts, chased, is_open
from gendan.reports.filters import Filters, matches

OPEN_STATUSES = ("overdue", "due_soon", "open")


@dataclass(frozen=True)
class Entry:
    order: str
    customer: str
    milestone: str  # key
    name: str  # the milestone's name in the template (its key when it has none)
    stage: str  # the order's stage now
    milestone_stage: str  # the stage the milestone belongs to ("" when none)
    owner: str
    merchandiser: str
    due: date
    days_late: int  # > 0: overdue by that many working days (facts.late_by, as `overdue` counts)
    forecast: date | None

    @property
    def overdue(self) -> bool:
        return self.days_late > 0

    @property
    def uid_key(self) -> str:
        """What identifies the event across runs: the order and the milestone, never a date."""
        return f"{self.order}/{self.milestone}"


def entries(
    orders: Sequence[Order], config: Config, today: date, filters: Filters, facts: Sequence[Facts] | None = None
) -> list[Entry]:
    """The open milestones of the open `orders` (already chosen by the order filters) whose
    owner matches `filters.owner`, by due date then order. `facts`: the orders' facts when the
    caller has them already (the site), as `all_facts` gives them."""
    if facts is None:
        facts = all_facts([o for o in orders if is_open(o, config)], config, today, config.alert_days)
    found: list[Entry] = []
    for f in facts:
        o = f.order
        if not is_open(o, config):
            continue
        for m in chased(f, config):
            if m.status not in OPEN_STATUSES or m.due is None or not matches(m.owner, filters.owner):
                continue
            found.append(
                Entry(
                    order=o.id,
                    customer=o.customer.name if o.customer else "",
                    milestone=m.key,
                    name=m.name,
                    stage=o.stage,
                    milestone_stage=m.stage or "",
                    owner=m.owner,
                    merchandiser=o.merchandiser or "",
                    due=m.due,
                    days_late=m.days_late or 0,  # (an open milestone with a date always has one)
                    forecast=m.forecast,
                )
            )
    return sorted(found, key=lambda e: (e.due, e.order, e.milestone))


def feed_name(config: Config, lang: str, owner: str | None = None) -> str:
    """The calendar's name as a calendar app shows it: the company (its Chinese name in zh, when
    gendan.yaml has one), and whose feed it is."""
    company = (config.company.name_zh if lang == "zh" else None) or config.company.name
    return f"gendan: {company}" + (f" ({owner})" if owner else "")
