"""Moving an order through the company's stages under its gates (docs/domain.md §2-§3).

Pure: each function takes the order, the config, who and `today`, and returns a
`Move` (whose `change()` is what `gendan.commands.editing.edit_order` writes and
reports) or raises. A refused move names every unmet gate and what would satisfy
it; `override` records a special approval (特批) per unmet gate, by name, date and
reason, and moves anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from gendan.core.config import SIDE_STAGES, Config
from gendan.core.errors import Finding, GendanError, Pieces, Problem, RefusedError, said
from gendan.core.model import Order
from gendan.core.patch import Change, Patch
from gendan.core.text import closest
from gendan.domain.rules import GATE_CHECKS, check_order, effective_stage
from gendan.store.parse import to_problems

ON_HOLD, CANCELLED = SIDE_STAGES
# A gate that no one may override: without its four essentials an order is not an order.
NOT_OVERRIDABLE = ("R1",)


@dataclass(frozen=True)
class Unmet:
    """A gate that does not hold for a stage being entered."""

    gate: str
    stage: str
    finding: Finding

    @property
    def rule(self) -> str:
        """The name a special approval for this gate is recorded under."""
        return f"milestones:{self.stage}" if self.gate == "milestones" else self.gate

    def __str__(self) -> str:
        text = f"{self.gate} (to enter {self.stage}): {self.finding.message}"
        return text + (f"\n      -> {self.finding.hint}" if self.finding.hint else "")

    def line(self) -> Pieces:
        """`\n  ` and the gate as words any language can say, with its finding's message and hint
        (the stage by its name); empty when the finding was worded in English only."""
        f = self.finding
        if not f.words or (f.hint and not f.hint_words):
            return ()
        _, head = said(("\n  {gate} (to enter {stage}): ", {"gate": self.gate, "stage": self.stage}))
        hint = said(("\n      -> ", {}))[1] + f.hint_words if f.hint else ()
        return head + f.words + hint


def gate_lines(unmet: list[Unmet]) -> Pieces:
    """The unmet gates, one indented line (and hint) each, as words: empty unless all have them."""
    lines = [u.line() for u in unmet]
    return sum(lines, ()) if all(lines) else ()


@dataclass
class Move:
    """One stage move, ready to be written to the order's history."""

    order_id: str
    action: str  # advance, back, hold, resume, cancel
    from_: str
    to: str
    by: str
    when: date
    reason: str | None = None
    approved_by: str | None = None
    overridden: list[Unmet] = field(default_factory=list)
    note: str = ""  # NOT_NEEDED, or nothing

    def patch(self) -> Patch:
        patch = Patch().set("stage", value=self.to)
        rules = list(dict.fromkeys(u.rule for u in self.overridden))
        for rule in rules:
            patch.append("approvals", {"rule": rule, "by": self.approved_by, "date": self.when, "reason": self.reason})
        patch.append(
            "history",
            {
                "date": self.when,
                "by": self.by,
                "action": self.action,
                "from": self.from_,
                "to": self.to,
                "reason": self.reason,
                "overrides": rules,
                "approved_by": self.approved_by if rules else None,
            },
        )
        return patch

    def change(self) -> Change:
        """The move as `gendan.commands.editing.edit_order` writes and reports it."""
        summary = self.summary()
        _, moved = said(
            (
                "{id}: " + VERBS[self.action] + ", {from} -> {to} (by {by}, {when})",
                {"id": self.order_id, "from": self.from_, "to": self.to, "by": self.by, "when": self.when},
            )
        )
        lines = [moved]
        if self.overridden:
            rules = ", ".join(dict.fromkeys(u.rule for u in self.overridden))
            values = {"by": self.approved_by, "rules": rules, "reason": self.reason}
            lines.append(said(("  special approval by {by} recorded for {rules}: {reason}", values))[1])
        if self.note:
            lines.append(said(("  " + NOT_NEEDED, {}))[1])
        return Change(self.patch(), summary, words=tuple(lines))

    def summary(self) -> str:
        verb = VERBS[self.action]
        text = f"{self.order_id}: {verb}, {self.from_} -> {self.to} (by {self.by}, {self.when})"
        if self.overridden:
            text += (
                f"\n  special approval by {self.approved_by} recorded for "
                + ", ".join(dict.fromkeys(u.rule for u in self.overridden))
                + f": {self.reason}"
            )
        if self.note:
            text += f"\n  {self.note}"
        return text


# The note of an --override that found every gate holding.
NOT_NEEDED = "(--override was not needed: every gate holds; no special approval recorded)"


def _refused(template: str, **values) -> RefusedError:
    """A refusal with its words kept (GendanError.words), for the user's language."""
    message, words = said((template, values))
    return RefusedError(message, words=words)


def _error(template: str, **values) -> GendanError:
    """A usage error (exit 2) with its words kept, for the user's language."""
    message, words = said((template, values))
    return GendanError(message, words=words)


VERBS = {
    "advance": "advanced",
    "back": "moved back",
    "hold": "put on hold",
    "resume": "resumed",
    "cancel": "cancelled",
}


def milestones_gate(order: Order, config: Config, stage: str) -> list[Finding]:
    """Every template milestone of `stage` has an actual date (or a special approval)."""
    if order.approval_for(f"milestones:{stage}"):
        return []
    template = config.template_for(order.style.product_type if order.style else None)
    found = []
    for m in template:
        if m.stage != stage:
            continue
        held = order.milestones.get(m.key)
        if held is None or held.actual is None:
            found.append(
                Finding.said(
                    "E210",
                    ("milestones", m.key),
                    "milestone {milestone} of stage {stage} is not done",
                    "gendan done {id} {key} --date DATE",  # the key as typed; the message names it
                    milestone=m.key,
                    stage=stage,
                    id=order.id,
                    key=m.key,
                )
            )
    return found


def gate_findings(order: Order, config: Config, gate: str, stage: str) -> list[Finding]:
    if gate == "milestones":
        return milestones_gate(order, config, stage)
    check = GATE_CHECKS.get(gate)
    if check is None:  # check_config refuses such a config; this is the belt to its braces
        raise _error("stage {stage}: unknown gate '{gate}' in gendan.yaml", stage=stage, gate=gate)
    return check(order, config)


def unmet_gates(order: Order, config: Config, stages: list[str]) -> list[Unmet]:
    """The gates of every stage in `stages` that do not hold, each finding once."""
    unmet: list[Unmet] = []
    seen: set[tuple[str, str]] = set()
    by_key = {s.key: s for s in config.stages}
    for stage in stages:
        for gate in by_key[stage].gates:
            for finding in gate_findings(order, config, gate, stage):
                if (gate, finding.message) not in seen:
                    seen.add((gate, finding.message))
                    unmet.append(Unmet(gate, stage, finding))
    return unmet


def problems(draft, config: Config, today: date) -> list[Problem]:
    """What `validate` says about an order read for editing (a `gendan.store.edit.Draft`)."""
    found = [f for f in check_order(draft.order, draft.id, config, today) if f.is_error]
    return to_problems(found, draft.shown, draft.text)


def guard(draft, config: Config, today: date) -> Callable[[Order, str], list[Problem]]:
    """What `gendan.store.edit.write` checks a change with: the rules the changed order breaks
    that the order as read did not (an order already invalid stays editable, so it can be fixed)."""
    before = {(f.code, f.message) for f in check_order(draft.order, draft.id, config, today)}

    def verify(order: Order, text: str) -> list[Problem]:
        new = [
            f for f in check_order(order, draft.id, config, today) if f.is_error and (f.code, f.message) not in before
        ]
        return to_problems(new, draft.shown, text)

    return verify


def refuse_invalid(found: list[Problem], order_id: str) -> None:
    if found:
        message = f"{order_id} fails validation; fix it first:\n" + "\n".join(f"  {p}" for p in found)
        words: Pieces = ()
        if all(p.words for p in found):  # each problem said in the user's language too
            _, words = said(("{id} fails validation; fix it first:", {"id": order_id}))
            for p in found:
                where = {"path": p.path, "line": p.line, "col": p.col, "code": p.code}
                words += said(("\n  {path}:{line}:{col}: {code} ", where))[1] + p.words
        raise RefusedError(message, words=words)


def advance(
    order: Order,
    config: Config,
    today: date,
    by: str,
    to: str | None = None,
    override: bool = False,
    approved_by: str | None = None,
    reason: str | None = None,
    invalid: list[Problem] | None = None,
) -> Move:
    """Move to the next stage, or to `to`, checking every gate of every stage entered.

    `invalid` are the order's validation problems: they refuse a move forward (fix it
    first), never a move back, which may be how the problem gets fixed.
    """
    current = order.stage
    if current == CANCELLED:
        raise _refused("{id} is cancelled; a cancelled order does not move", id=order.id)
    if current == ON_HOLD:
        raise _refused("{id} is on hold; resume it first: gendan resume {id}", id=order.id)
    stages = config.stage_keys
    if current not in stages:
        guess = closest(current, stages)
        raise _error(
            "{id} is at unknown stage '{value}'" + (" (did you mean '{guess}'?)" if guess else ""),
            id=order.id,
            value=current,
            guess=guess,
        )
    here = stages.index(current)
    if override and not (approved_by and reason):
        raise _error("--override needs --approved-by NAME (who grants the special approval, 特批) and --reason TEXT")
    if to is None:
        if here == len(stages) - 1:
            raise _refused("{id} is {stage}, the last stage; it cannot advance", id=order.id, stage=current)
        target = stages[here + 1]
    else:
        if to in SIDE_STAGES:
            raise _error(
                "use `gendan hold {id} --reason TEXT` to make an order on_hold"
                if to == ON_HOLD
                else "use `gendan cancel {id} --reason TEXT` to make an order cancelled",
                id=order.id,
            )
        target = config.check_stage(to)
    there = stages.index(target)
    if there == here:
        raise _error("{id} is already {stage}", id=order.id, stage=current)
    if there < here:
        if not reason:
            raise _error("going back from {from} to {to} needs --reason TEXT", **{"from": current, "to": target})
        return Move(order.id, "back", current, target, by, today, reason)
    if here == len(stages) - 1:
        raise _refused("{id} is {stage}, the last stage; it cannot advance", id=order.id, stage=current)
    refuse_invalid(invalid or [], order.id)
    unmet = unmet_gates(order, config, stages[here + 1 : there + 1])
    if unmet and override:
        locked = [u for u in unmet if u.gate in NOT_OVERRIDABLE]
        if locked:
            raise _not_overridable(order.id, target, locked)
        return Move(order.id, "advance", current, target, by, today, reason, approved_by, unmet)
    if unmet:
        raise _unmet_refusal(order.id, current, target, unmet)
    return Move(order.id, "advance", current, target, by, today, reason, note=NOT_NEEDED if override else "")


def _unmet_refusal(order_id: str, current: str, target: str, unmet: list[Unmet]) -> RefusedError:
    """The refusal naming every unmet gate, with what would satisfy it."""
    head = "{id} cannot move from {from} to {to}; {n} gate" + ("s" if len(unmet) != 1 else "") + " not met:"
    values = {"id": order_id, "from": current, "to": target, "n": len(unmet)}
    gates = "\n" + "\n".join(f"  {u}" for u in unmet)
    tail = "\n  (a special approval moves it anyway: --override --approved-by NAME --reason TEXT)"
    message, words = said((head, values), ("{gates}", {"gates": gates}), (tail, {}))
    lines = gate_lines(unmet)  # each gate in words (else its English line, as a value)
    if lines:
        words = said((head, values))[1] + lines + said((tail, {}))[1]
    return RefusedError(message, words=words)


def _not_overridable(order_id: str, target: str, locked: list[Unmet]) -> RefusedError:
    """The refusal of an --override past a gate no one may override (R1)."""
    rules = ", ".join(NOT_OVERRIDABLE)
    message = f"{order_id} cannot move to {target}; {rules} cannot be overridden:\n" + "\n".join(
        f"  {u}" for u in locked
    )
    lines = gate_lines(locked)
    values = {"id": order_id, "to": target, "rules": rules}
    _, refused = said(("{id} cannot move to {to}; {rules} cannot be overridden:", values))
    return RefusedError(message, words=refused + lines if lines else ())


def _open(order: Order, config: Config) -> bool:
    stages = config.stage_keys
    return order.stage in stages and stages.index(order.stage) < len(stages) - 1


def hold(order: Order, config: Config, today: date, by: str, reason: str) -> Move:
    """Put an open order on hold (暂停), remembering the stage it was at."""
    if order.stage == ON_HOLD:
        raise _refused("{id} is already on hold", id=order.id)
    if not _open(order, config):
        raise _refused("{id} is {stage}; only an open order can be put on hold", id=order.id, stage=order.stage)
    return Move(order.id, "hold", order.stage, ON_HOLD, by, today, _needed(reason, "hold"))


def resume(
    order: Order, config: Config, today: date, by: str, to: str | None = None, reason: str | None = None
) -> Move:
    """Take an order off hold, back to the stage it was held at (from its history)."""
    if order.stage != ON_HOLD:
        raise _refused("{id} is not on hold (it is {stage})", id=order.id, stage=order.stage)
    target = config.check_stage(to) if to else effective_stage(order)
    if target is None or target not in config.stage_keys:
        raise _error(
            "{id}: its history does not say which stage it was held at; name it: gendan resume {id} --to STAGE",
            id=order.id,
        )
    return Move(order.id, "resume", ON_HOLD, target, by, today, reason)


def cancel(order: Order, config: Config, today: date, by: str, reason: str) -> Move:
    """Cancel an open or held order (取消); a cancelled order never moves again."""
    if order.stage == CANCELLED:
        raise _refused("{id} is already cancelled", id=order.id)
    if order.stage != ON_HOLD and not _open(order, config):
        raise _refused("{id} is {stage}; only an open order can be cancelled", id=order.id, stage=order.stage)
    return Move(order.id, "cancel", order.stage, CANCELLED, by, today, _needed(reason, "cancel"))


def _needed(reason: str | None, what: str) -> str:
    if not reason or not reason.strip():
        raise _error("hold needs --reason TEXT" if what == "hold" else "cancel needs --reason TEXT")
    return reason
