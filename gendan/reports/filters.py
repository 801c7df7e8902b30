"""Which orders and items a report covers: the one filter behind --customer, --merchandiser,
--factory, --stage and --owner in every command (`list`, `overdue`, `status`, `whatif`).

Matching (the same in every command):

- A name filter (customer, merchandiser, factory, owner) matches when the text given is a
  part of the name, compared after `normalise`: Unicode NFKC (full-width ``ＣＨＥＮ`` is
  ``CHEN``, the ideographic space a space), case folded (``chen`` finds ``Chen Li``,
  ``STRASSE`` finds ``Straße``), runs of white space taken as one space and the ends
  trimmed. Customer and factory also match their Chinese name (``name_zh``).
- A stage is a stage key of gendan.yaml or a side stage (on_hold, cancelled), given in any
  case; several `--stage` are alternatives (an order at any of them). An unknown stage is a
  usage error (exit 2) with a "did you mean" and the list of stages.
- Different filters all have to hold. An empty name filter is a usage error rather than
  "everything": a cron line `--owner "$NAME"` with NAME unset must not mail the whole team.

Everything here is pure: `Filters.checked` validates against the workspace's stages and
`orders` and `owned` select. The commands only pass their options through
(`gendan.commands.options.filters`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from gendan.core.errors import GendanError, said

if TYPE_CHECKING:
    from gendan.core.config import Config
    from gendan.core.model import Order, Party
    from gendan.reports.digest import Digest, Item


def normalise(text: str) -> str:
    """`text` as name filters compare it: NFKC, case folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def matches(name: str | None, wanted: str | None) -> bool:
    """True when there is no filter, or the filter text is a part of `name` (see the module)."""
    if wanted is None:
        return True
    return name is not None and normalise(wanted) in normalise(name)


def _party(party: Party | None, wanted: str | None) -> bool:
    return _names(wanted, party.name, party.name_zh) if party is not None else wanted is None


def _names(wanted: str | None, name: str | None, name_zh: str | None) -> bool:
    """A party's filter: its name or its Chinese name matches (a missing party matches neither)."""
    return wanted is None or matches(name, wanted) or matches(name_zh, wanted)


@dataclass(frozen=True)
class Filters:
    """What the user asked for, as given; `checked` before use."""

    stages: tuple[str, ...] = ()
    customer: str | None = None
    merchandiser: str | None = None
    factory: str | None = None
    owner: str | None = None  # items only (overdue): the person who has to act

    def checked(self, config: Config) -> Filters:
        """The same filters with each stage as its key; GendanError (exit 2) for an unknown
        stage or an empty name."""
        for option, value in (
            ("--customer", self.customer),
            ("--merchandiser", self.merchandiser),
            ("--factory", self.factory),
            ("--owner", self.owner),
        ):
            if value is not None and not normalise(value):
                raise GendanError.worded(said(("{option} is empty: give a name or a part of one", {"option": option})))
        return replace(self, stages=tuple(stage_key(s, config) for s in self.stages))

    def order(self, order: Order) -> bool:
        """Does this order pass the stage and name filters (not `owner`)?"""
        return (
            (not self.stages or order.stage in self.stages)
            and _party(order.customer, self.customer)
            and matches(order.merchandiser, self.merchandiser)
            and _party(order.factory, self.factory)
        )

    def digest(self, d: Digest) -> bool:
        """The same as `order`, of an order's digest (gendan/reports/digest.py)."""
        return (
            (not self.stages or d.stage in self.stages)
            and _names(self.customer, d.customer, d.customer_zh)
            and matches(d.merchandiser, self.merchandiser)
            and _names(self.factory, d.factory, d.factory_zh)
        )


def stage_key(text: str, config: Config) -> str:
    """A stage given on the command line (any case, spaces around it) as its key; a usage
    error with a suggestion and the list of stages otherwise."""
    from gendan.core.config import SIDE_STAGES

    known = [*config.stage_keys, *SIDE_STAGES]
    wanted = normalise(text)
    for key in known:
        if normalise(key) == wanted:
            return key
    return config.check_stage(text, side=True)  # the one validator: raises, with "did you mean"


def orders(found: Iterable[Order], config: Config, filters: Filters) -> list[Order]:
    """The orders passing every filter, in their order (validates the filters first)."""
    filters = filters.checked(config)
    return [o for o in found if filters.order(o)]


def digests(found: Iterable[Digest], config: Config, filters: Filters) -> list[Digest]:
    """The orders (as digests) passing every filter, in their order (validates the filters first)."""
    filters = filters.checked(config)
    return [d for d in found if filters.digest(d)]


def owned(found: Sequence[Item], filters: Filters) -> list[Item]:
    """The items of the `owner` filter's person (all without it): the one filter on items,
    which come from orders already chosen by `orders`."""
    return [i for i in found if matches(i.owner, filters.owner)]
