"""The workspace configuration (`gendan.yaml`) as a typed model.

Reading the file, merging it over the built-in defaults and the checks a schema cannot
express live in `gendan.store.configfile`.

Importing this module imports neither pydantic nor the order model: a report that reads its
`Config` from the cache (gendan/store/cache.py) needs neither. The validated types of the
annotations (gendan/core/model.py) are bound by `bind_validation`, which the validator
(gendan/store/parse.py) calls before it builds one; pydantic resolves the annotations (text,
under `from __future__ import annotations`) in this module's namespace then.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from gendan.core.errors import GendanError, said
from gendan.core.text import guessed

if TYPE_CHECKING:
    from pydantic import Field

    from gendan.core.model import MAX_DAYS, Count, Day, Flag, Number, Percent, Text, Whole

# Gates a stage may require (docs/domain.md §2); `milestones` is "all milestones of the stage
# done", `balance` "the balance recorded as received", `settled` "nothing outstanding or written off".
GATES = ("R1", "R3", "R4", "R5", "R6", "R8", "milestones", "balance", "settled")
SIDE_STAGES = ("on_hold", "cancelled")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# The T&A a buyer follows (samples for their approval, payments, shipment); not costing,
# order review, bookings, or the factory's own steps.
BUYER_MILESTONES = (
    "po_received",
    "lab_dip_submitted",
    "lab_dip_approved",
    "fit_sample_submitted",
    "fit_sample_comments",
    "deposit_received",
    "pp_sample_submitted",
    "pp_sample_approved",
    "shipping_marks_approved",
    "final_inspection",
    "ex_factory",
    "shipping_documents",
    "balance_received",
)

# Top-level keys whose mappings merge key by key with the defaults.
MERGED_KEYS = ("company", "holidays", "mail", "aql")


@dataclass
class Bank:
    beneficiary: Text | None = None
    name: Text | None = None
    address: Text | None = None
    account: Text | None = None
    swift: Text | None = None


@dataclass
class Company:
    name: Text
    name_zh: Text | None = None
    address: Text | None = None
    phone: Text | None = None
    email: Text | None = None
    bank: Bank = field(default_factory=Bank)
    origin: Text = "China"  # country of origin printed on invoices and marks


@dataclass
class StageDef:
    key: Text
    name_zh: Text | None = None
    gates: list[Text] = field(default_factory=list)


@dataclass
class Closure:
    from_: Annotated[Day, Field(alias="from")]
    to: Day
    name: Text | None = None


@dataclass
class Holidays:
    country: Text | None = "CN"
    closures: list[Closure] = field(default_factory=list)
    extra: list[Day] = field(default_factory=list)
    workdays: list[Day] = field(default_factory=list)


@dataclass
class MilestoneDef:
    key: Text
    anchor: Text
    offset: Annotated[Whole, Field(ge=-MAX_DAYS, le=MAX_DAYS)]
    owner: Text | None = None
    stage: Text | None = None
    name: Text | None = None
    name_zh: Text | None = None
    # further precedences: milestone -> working days this one comes at least after it
    after: dict[Text, Count] = field(default_factory=dict)


@dataclass
class Person:
    name: Text
    role: Text | None = None
    email: Text | None = None


@dataclass
class Mail:
    host: Text | None = None
    port: Count = 587
    starttls: Flag = True
    user: Text | None = None
    password_env: Text = "GENDAN_SMTP_PASSWORD"  # only a GENDAN_* variable (store/configfile.py)
    password_file: Text | None = None  # or a file outside the workspace, e.g. ~/.config/gendan/smtp-password
    sender: Text | None = None


Severity = Literal["critical", "high", "normal"]


@dataclass
class NotifyTarget:
    """Where one person's (or the default) messages go: `to` names a GENDAN_* environment
    variable holding one or more Apprise URLs (store/configfile.py refuses anything else)."""

    to: Text
    min_severity: Severity | None = None  # None: notify.min_severity


@dataclass
class NotifyTeam:
    to: Text
    members: list[Text] = field(default_factory=list)
    min_severity: Severity | None = None


@dataclass
class Notify:
    """`gendan overdue --notify-owners`: who gets which items where (render/notify.py)."""

    min_severity: Severity = "normal"
    default: NotifyTarget | None = None
    people: dict[Text, NotifyTarget] = field(default_factory=dict)
    teams: dict[Text, NotifyTeam] = field(default_factory=dict)


@dataclass
class Site:
    """Where `gendan site` is published: notifications and calendar events link to each order's
    page there (`url`: an http(s) address, checked in store/configfile.py)."""

    url: Text | None = None


@dataclass
class AqlConfig:
    """Sampling settings; the values come from gendan/defaults/gendan.yaml under the user's."""

    level: Literal["I", "II", "III"]
    major: Number | None
    minor: Number | None
    critical: Number | None
    use_larger_sample: Flag


@dataclass
class Config:
    company: Company
    stages: list[StageDef]
    milestone_templates: dict[str, list[MilestoneDef]]
    aql: AqlConfig
    language: Literal["en", "zh"] = "en"
    min_margin_pct: Number = Decimal(5)
    bank_charges_pct: Percent = Decimal("0.5")
    alert_days: Count = 7
    workdays: list[Weekday] = field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"])
    holidays: Holidays = field(default_factory=Holidays)
    people: list[Person] = field(default_factory=list)
    mail: Mail = field(default_factory=Mail)
    notify: Notify = field(default_factory=Notify)
    site: Site = field(default_factory=Site)
    tracker_milestones: list[Text] = field(default_factory=list)
    # document numbers by kind, e.g. {pi: "PI-{yy}{seq:04}"}; fields {yyyy} {yy} {seq} {order}
    numbering: dict[str, Text] = field(default_factory=dict)
    # what a buyer's folder of `gendan site` may show: these documents and these milestones
    buyer_documents: list[Text] = field(
        default_factory=lambda: ["pi", "commercial-invoice", "packing-list", "shipping-marks"]
    )
    buyer_milestones: list[Text] = field(default_factory=lambda: list(BUYER_MILESTONES))

    @property
    def stage_keys(self) -> list[str]:
        return [s.key for s in self.stages]

    def check_stage(self, name: str, side: bool = False) -> str:
        """A stage the user named (an option or argument), or a usage error (exit 2).

        The one validator of stage names: every command that takes a stage calls it, so
        the message is the same everywhere: `unknown stage 'x' (did you mean 'y'?);
        stages are a, b, c`, listing the stages that are accepted there. `side` also
        accepts the side stages (on_hold, cancelled), as filters do.
        """
        known = [*self.stage_keys, *(SIDE_STAGES if side else ())]
        if name in known:
            return name
        raise GendanError.worded(
            said(
                ("unknown stage '{value}'", {"value": name}),
                *guessed(name, known),
                ("; stages are {stages}", {"stages": ", ".join(known)}),
            )
        )

    def stage_index(self, key: str) -> int:
        """Position of a stage in the flow; side stages and unknown ones are -1."""
        try:
            return self.stage_keys.index(key)
        except ValueError:
            return -1

    def gates_up_to(self, stage: str) -> list[str]:
        """Every gate of the stages up to and including `stage`, each once, in order."""
        seen: dict[str, None] = {}
        i = self.stage_index(stage)
        for s in self.stages[: i + 1]:
            for g in s.gates:
                seen.setdefault(g, None)
        return list(seen)

    def template_for(self, product_type: str | None) -> list[MilestoneDef]:
        if product_type and product_type in self.milestone_templates:
            return self.milestone_templates[product_type]
        return self.milestone_templates.get("default", [])

    def milestone_keys(self) -> set[str]:
        return {m.key for t in self.milestone_templates.values() for m in t}


def bind_validation() -> None:
    """Make this module's classes validatable: the annotations' types in its namespace, and
    every class strict (unknown keys are errors, `gendan.core.model.STRICT`). Idempotent."""
    if "Field" in globals():
        return
    from pydantic import Field

    from gendan.core import model

    namespace = globals()
    for name, value in vars(model).items():  # (every type an annotation here may name)
        if not name.startswith("_"):
            namespace.setdefault(name, value)
    for value in list(namespace.values()):
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == __name__:
            value.__pydantic_config__ = model.STRICT  # type: ignore[attr-defined]
    namespace["Field"] = Field  # last: it marks the binding done
