"""The one builder of new order.yaml text, for `gendan new` and `gendan import`.

Both write what the example orders look like: the schema modeline first, then the keys
in one order (`FIELDS`), text values quoted by `yamlio.quote` (so a name like `NO`,
`yes` or `a: b #c` reads back as the same text in any YAML reader), dates, numbers,
ids and stages plain. With `hints`, a key with no value shows as the commented
placeholder a merchandiser fills in (`gendan new`); without, it is left out.
Changing an existing order file is `gendan.store.edit`, never this.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

# Every key an order file starts with, in the examples' order. The text is what a
# template shows when the key has no value (None: nothing); a dotted key is a key
# of the mapping above it, whose own line is written when any of its keys has a value.
FIELDS: tuple[tuple[str, str | None], ...] = (
    ("id", None),
    ("customer", "customer:"),
    ("customer.name", '  name: "CUSTOMER NAME"   # fill in'),
    ("customer.country", "  # country: NO                # ISO code (NO stays the text NO)"),
    ("customer.po", '  # po: ""                     # the customer\'s PO number'),
    ("customer.contact", '  # contact: ""'),
    ("customer.email", '  # email: ""'),
    ("merchandiser", '# merchandiser: ""'),
    ("factory", '# factory: {{name: "", contact: ""}}'),
    ("factory.name", None),
    ("style", "# style:"),
    ("style.number", '#   number: ""'),
    ("style.description", '  # description: ""'),
    ("style.product_type", "  # product_type: outerwear    # picks the milestone template in gendan.yaml"),
    ("incoterm", "# incoterm: FOB Shanghai"),
    ("currency", "# currency: USD"),
    ("payment", "# payment: {{terms: deposit_balance, deposit_pct: 30}}   # or lc, dp, da, tt_before_shipment"),
    ("quality", '# quality: "as approved PP sample; AQL 2.5 major / 4.0 minor"'),
    ("po_date", "# po_date: {today}"),
    ("ex_factory", "# ex_factory: YYYY-MM-DD"),
    ("stage", None),
    (
        "lines",
        "# lines:                       # one per colour; pieces per size, whole numbers\n"
        "#   - colour: Black\n"
        "#     unit_price: 18.50        # no thousands separators\n"
        "#     sizes: {{S: 100, M: 200, L: 200, XL: 100}}",
    ),
    (
        "milestones",
        "# milestones:                  # the T&A calendar: `gendan plan {order_id} --write` fills it\n"
        '#   pp_sample_approved: {{planned: YYYY-MM-DD, owner: ""}}',
    ),
    ("samples", "# samples: []                  # {{type: proto|fit|pp..., round, sent, reply, verdict, comments}}"),
    ("payments", "# payments: []                 # {{kind: deposit|balance|lc|full, amount, received, confirmed_by}}"),
    ("costing", "# costing: {{items: [{{item: fabric, cost: 0.00}}]}}"),
    ("notes", "# notes: |\n#   free text"),
    ("history", None),
)
MAPPINGS = {key.partition(".")[0] for key, _ in FIELDS if "." in key}
ID_NOTE = "                 # the folder name; do not change it here alone"


class Plain(str):
    """Text written as it is, unquoted: what gendan itself checked (an id, a stage, an action, a size)."""


@dataclass(frozen=True)
class Commented:
    """A value with a comment after it on its line."""

    value: Any
    comment: str


def schema_ref(root: Path, folder: Path) -> str:
    """The modeline's path from an order's folder to the workspace's order.schema.json."""
    from gendan.store.schema import SCHEMA_NAME

    return os.path.relpath(root / SCHEMA_NAME, folder).replace(os.sep, "/")


def order_text(
    order_id: str,
    stage: str,
    values: Mapping[str, Any],
    *,
    schema: str,
    comments: Sequence[str] = (),
    today: date | None = None,
    hints: bool = False,
) -> str:
    """The text of a new order.yaml: modeline, `comments` (each a `# ` line), the keys.

    `values` holds the keys of `FIELDS` (nested ones as mappings: {"customer": {"name": ...}});
    a text that YAML cannot carry raises ValueError.
    """
    out = [f"# yaml-language-server: $schema={schema}", *(f"# {c}" for c in comments)]
    given = {"id": Plain(order_id), "stage": Plain(stage), **values}
    for key, hint in FIELDS:
        value = _lookup(given, key)
        if key == "id" and hints:
            out.append(f"id: {order_id}{ID_NOTE}")
        elif key in MAPPINGS and any(v is not None for v in (value or {}).values()):
            out.append(f"{key}:")
        elif key not in MAPPINGS and value is not None and value != []:
            out += _entry(key.rpartition(".")[2], value, "  " * key.count("."))
        elif hints and hint:
            out.append(hint.format(order_id=order_id, today=today.isoformat() if today else "YYYY-MM-DD"))
    return "\n".join(out) + "\n"


def _lookup(values: Mapping[str, Any], key: str) -> Any:
    head, _, rest = key.partition(".")
    value = values.get(head)
    if rest:
        return value.get(rest) if isinstance(value, Mapping) else None
    return value


def _entry(key: str, value: Any, indent: str) -> list[str]:
    """`key: value` at `indent`; a list of mappings as a block sequence under it."""
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        lines = [f"{indent}{key}:"]
        for item in value:
            for n, (k, v) in enumerate(item.items()):
                lines.append(f"{indent}  {'- ' if n == 0 else '  '}{k}: {scalar(v)}")
        return lines
    return [f"{indent}{key}: {scalar(value)}"]


def scalar(value: Any) -> str:
    """One value as YAML text: text quoted, dates and numbers plain, a mapping or list in flow
    style (its keys as they are: gendan's own, like the size ALL)."""
    from gendan.store.yamlio import quote

    if isinstance(value, Commented):
        return f"{scalar(value.value)}  # {value.comment}"
    if isinstance(value, Plain):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    return quote(str(value))
