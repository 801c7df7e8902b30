"""What-if planning: slip one milestone by some working days and see which deliveries break.

The slip is applied the way a real one is recorded: the milestone gets a revised date
`days` working days after its current forecast, and `gendan.domain.calendar.forecast` (the same
engine `plan`, `show`, `overdue` and `status` use) reschedules every milestone after it through
the precedence network. The ex-factory date moves only when the slip is larger than the
milestone's slack; the row says by how many working days and through which chain.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gendan.core.config import Config
from gendan.core.errors import GendanError, said
from gendan.core.model import MAX_DAYS, Milestone, Order
from gendan.domain.calendar import EX_FACTORY, forecast
from gendan.reports.facts import facts_for, is_open, shared_calendar


@dataclass(frozen=True)
class Effect:
    """One order under the slip."""

    order: str
    customer: str
    factory: str
    milestone_before: date | None
    milestone_after: date | None
    contract: date | None
    forecast_before: date | None
    forecast_after: date | None
    late_before: int  # working days past the contract date, before and after the slip
    late_after: int
    moves: int = 0  # working days the forecast ex-factory moves
    chain: str = ""  # what drives the forecast ex-factory after the slip, when it moves
    chain_detail: tuple = ()  # the same as data (Forecast.chain_detail), for words in any language

    @property
    def verdict(self) -> str:
        if self.late_after <= 0:
            return "on time"
        if self.late_before > 0:
            return "already at risk" + (
                f", {self.late_after - self.late_before} more" if self.late_after > self.late_before else ""
            )
        return "becomes late"

    def as_row(self) -> dict:
        return {
            "order": self.order,
            "customer": self.customer,
            "factory": self.factory,
            "milestone": self.milestone_before,
            "slipped_to": self.milestone_after,
            "contract": self.contract,
            "forecast": self.forecast_before,
            "forecast_after": self.forecast_after,
            "ex_factory_moves": self.moves,
            "working_days_late": self.late_after,
            "verdict": self.verdict,
            "chain": self.chain,
        }


COLUMNS = (
    "order",
    "customer",
    "factory",
    "milestone",
    "slipped_to",
    "contract",
    "forecast",
    "forecast_after",
    "ex_factory_moves",
    "working_days_late",
    "verdict",
    "chain",
)


def parse_slip(text: str, config: Config) -> tuple[str, int]:
    """`MILESTONE=DAYS` -> (milestone key, whole working days); GendanError on bad input."""
    from gendan.core.text import guessed

    key, sep, days = text.partition("=")
    key, days = key.strip(), days.strip()
    if not sep or not key:
        raise GendanError.worded(
            said(("--slip {text!r}: write MILESTONE=DAYS, e.g. fabric_in_house=7", {"text": text}))
        )
    known = config.milestone_keys() | {EX_FACTORY}
    if key not in known:
        raise GendanError.worded(said(("--slip: unknown milestone {key!r}", {"key": key}), *guessed(key, known)))
    try:
        n = int(days)
    except ValueError:
        raise GendanError.worded(
            said(
                (
                    "--slip {text!r}: DAYS must be a whole number of working days, got {days!r}",
                    {"text": text, "days": days},
                )
            )
        ) from None
    if abs(n) > MAX_DAYS:
        raise GendanError.worded(
            said(
                (
                    "--slip {text!r}: at most {most} working days either way, got {n}",
                    {"text": text, "most": MAX_DAYS, "n": n},
                )
            )
        )
    return key, n


def whatif(
    orders: Sequence[Order],
    config: Config,
    today: date,
    milestone: str,
    days: int,
) -> list[Effect]:
    """The effect of slipping `milestone` by `days` working days on every open order
    that still has it ahead (a milestone done, or of a stage the order has passed, cannot slip;
    nor anything once the goods are ex-factory); latest first."""
    chosen = [o for o in orders if is_open(o, config)]
    cal = shared_calendar(chosen, config, today)
    effects: list[Effect] = []
    for o in chosen:
        facts = facts_for(o, config, cal, today, 0)
        fact, exf = facts.milestone(milestone), facts.milestone(EX_FACTORY)
        # done, or of a stage the order has passed, or the goods have left: nothing to slip
        if fact is None or fact.done or (exf is not None and exf.done):
            continue
        held = o.milestones.get(milestone)
        before = facts.forecast
        when = before.dates.get(milestone)
        if when is None:  # not in this order's template, or no date to start from
            continue
        slipped = cal.add(when, days)
        revised = dataclasses.replace(held or Milestone(), revised=slipped, reason="what-if")
        changed = dataclasses.replace(o, milestones={**o.milestones, milestone: revised})
        after = forecast(changed, config, cal, today)
        moves = 0
        if before.ex_factory and after.ex_factory and after.ex_factory > before.ex_factory:
            moves = cal.between(before.ex_factory, after.ex_factory)
        effects.append(
            Effect(
                o.id,
                o.customer.name,
                o.factory.name if o.factory else "",
                when,
                slipped,
                o.ex_factory,
                before.ex_factory,
                after.ex_factory,
                before.late_days,
                after.late_days,
                moves,
                after.chain_text() if moves else "",
                after.chain_detail() if moves else (),
            )
        )
    return sorted(effects, key=lambda e: (-e.late_after, e.order))
