"""The workspace configuration (`gendan.yaml`) as a typed model.

Reading the file, merging it over the built-in defaults and the checks a schema cannot
express live in `gendan.store.configfile`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from gendan.core.errors import GendanError
from gendan.core.model import MAX_DAYS, STRICT, Count, Day, Flag, Number, Percent, Text, Whole
from gendan.core.text import did_you_mean

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
    __pydantic_config__ = STRICT
    beneficiary: Text | None = None
    name: Text | None = None
    address: Text | None = None
    account: Text | None = None
    swift: Text | None = None


@dataclass
class Company:
    __pydantic_config__ = STRICT
    name: Text
    name_zh: Text | None = None
    address: Text | None = None
    phone: Text | None = None
    email: Text | None = None
    bank: Bank = field(default_factory=Bank)
    origin: Text = "China"  # country of origin printed on invoices and marks


@dataclass
class StageDef:
    __pydantic_config__ = STRICT
    key: Text
    name_zh: Text | None = None
    gates: list[Text] = field(default_factory=list)


@dataclass
class Closure:
    __pydantic_config__ = STRICT
    from_: Annotated[Day, Field(alias="from")]
    to: Day
    name: Text | None = None


@dataclass
class Holidays:
    __pydantic_config__ = STRICT
    country: Text | None = "CN"
    closures: list[Closure] = field(default_factory=list)
    extra: list[Day] = field(default_factory=list)
    workdays: list[Day] = field(default_factory=list)


@dataclass
class MilestoneDef:
    __pydantic_config__ = STRICT
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
    __pydantic_config__ = STRICT
    name: Text
    role: Text | None = None
    email: Text | None = None


@dataclass
class Mail:
    __pydantic_config__ = STRICT
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

    __pydantic_config__ = STRICT
    to: Text
    min_severity: Severity | None = None  # None: notify.min_severity


@dataclass
class NotifyTeam:
    __pydantic_config__ = STRICT
    to: Text
    members: list[Text] = field(default_factory=list)
    min_severity: Severity | None = None


@dataclass
class Notify:
    """`gendan overdue --notify-owners`: who gets which items where (render/notify.py)."""

    __pydantic_config__ = STRICT
    min_severity: Severity = "normal"
    default: NotifyTarget | None = None
    people: dict[Text, NotifyTarget] = field(default_factory=dict)
    teams: dict[Text, NotifyTeam] = field(default_factory=dict)


@dataclass
class Site:
    """Where `gendan site` is published: notifications and calendar events link to each order's
    page there (`url`: an http(s) address, checked in store/configfile.py)."""

    __pydantic_config__ = STRICT
    url: Text | None = None


@dataclass
class AqlConfig:
    """Sampling settings; the values come from gendan/defaults/gendan.yaml under the user's."""

    __pydantic_config__ = STRICT
    level: Literal["I", "II", "III"]
    major: Number | None
    minor: Number | None
    critical: Number | None
    use_larger_sample: Flag


@dataclass
class Config:
    __pydantic_config__ = STRICT
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
        raise GendanError(f"unknown stage '{name}'{did_you_mean(name, known)}; stages are {', '.join(known)}")

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
