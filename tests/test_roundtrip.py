"""Round trip: any sequence of advance / done / revise / change leaves a valid file that
means exactly what was asked, in which every line not meant to change is unchanged.

Each step runs the way the command does (read, pure domain function, `edit.write`).
A step the domain refuses must leave the file byte for byte as it was.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from gendan.core.errors import GendanError
from gendan.domain import tracking, workflow
from gendan.store import edit
from gendan.store.yamlio import _PyComposer, loads
from tests.helpers import CORPUS, EXAMPLES, ScratchOrder, fuzz

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 30)
WS = ScratchOrder(TODAY)
ROUNDTRIP_EXAMPLES = 120  # sequences of up to 5 commands; the README quotes this

_BASE = (CORPUS / "order" / "crlf-valid.yaml").read_bytes()
SEEDS = [re.sub(rb"(?m)^id: .*$", b"id: SO-1", p.read_bytes()) for p in sorted(EXAMPLES.rglob("order.yaml"))] + [
    _BASE,  # CRLF line ends
    b"\xef\xbb\xbf" + _BASE.replace(b"\r\n", b"\n"),  # a BOM
    (CORPUS / "order" / "yaml11-strings-accepted.yaml").read_bytes(),  # NO, on, 0012, 1:30 as text
]
# Written by hand, the way people do: aligned values, odd spacing and indentation, comments
# everywhere, quotes of both kinds, a document marker. ruamel alone would re-lay most of it.
HAND = b"""\
---
# SO-1  hand-edited
id:            SO-1
customer:      { name: "Nordic Outdoor AS",  country: NO , po: 'NO-88213' }   # buyer
merchandiser:  Chen Li
payment:       {terms: deposit_balance,   deposit_pct: 30}
quality:       'as approved PP sample'
po_date:       2026-10-12
ex_factory:    2027-02-20     # FOB date
stage:         production

lines:
   -   colour: Black
       unit_price: 18.50
       sizes: {S: 200,   M: 400, L: 400,
               XL: 200}
costing:
    items:
      - {item: fabric, cost: 9.20}    # mill quote
      - {item: CMT,    cost: 4.50}
payments:
- {kind: deposit,  amount: 6660.00, received: 2026-10-20, confirmed_by: Liu Fang}
samples:
- type: pp
  round: 1
  verdict:   approved      # by Ingrid


milestones:
    pp_sample_approved : {planned: 2026-11-20, actual: 2026-11-10}
    fabric_in_house:
        planned: 2027-01-05     # from the mill
        revised: 2027-01-12
        reason: "mill delay"
changes: []
history: []   # filled by gendan
"""
SEEDS.append(HAND)
MILESTONES = [
    "fabric_in_house",
    "pp_sample_approved",
    "trims_in_house",
    "cutting_start",
    "ex_factory",
    "final_inspection",
    "no_such_milestone",
]
TEXT = st.sampled_from(
    [
        "mill delay",
        "buyer: late approval",
        "# not a comment",
        "NO",
        "on",
        "0012",
        "1:30",
        "'quoted'",
        'say "hi"',
        "面料延误",
        "  padded  ",
        "- dash",
        "{x: 1}",
        "",
        "a\nb",
        "trailing colon:",
        "*alias",
        "&anchor",
        "!tag",
        "%",
        "@at",
        "`tick`",
        "=SUM(A1)",
    ]
)
DAYS = st.dates(date(2026, 9, 1), date(2026, 12, 31))

OPS = st.one_of(
    st.tuples(st.just("done"), st.sampled_from(MILESTONES), st.none() | DAYS),
    st.tuples(st.just("revise"), st.sampled_from(MILESTONES), DAYS, TEXT),
    st.tuples(
        st.just("change"),
        st.sampled_from(
            [
                "qty.Black.M",
                "qty.Black.S",
                "qty.Navy.M",
                "ex_factory",
                "packing.instructions",
                "packing.carton",
                "packing.net_kg",
                "packing.pieces_per_carton",
                "colour",
            ]
        ),
        st.sampled_from(["450", "0", "-3", "1,200", "2027-03-05", "2027-02-30", "60x40x35", "12.5", "abc", "24"])
        | TEXT,
    ),
    st.tuples(
        st.just("advance"),
        st.none() | st.sampled_from(["inquiry", "inspection", "shipping", "closed", "on_hold", "nowhere"]),
        st.booleans(),
        TEXT,
    ),
)


def step(draft, op):
    config = WS.ws.config
    kind = op[0]
    if kind == "done":
        return tracking.done(draft.order, config, op[1], op[2], TODAY).patch
    if kind == "revise":
        return tracking.revise(draft.order, config, op[1], op[2], op[3]).patch
    if kind == "change":
        return tracking.change(draft.order, config, op[1], op[2], TODAY, "Ingrid Berg", "Zhang Wei", "fuzz").patch
    to, override, reason = op[1:]
    move = workflow.advance(
        draft.order,
        config,
        TODAY,
        "Chen Li",
        to=to,
        override=override,
        approved_by="Zhang Wei" if override else None,
        reason=reason or None,
        invalid=workflow.problems(draft, config, TODAY),
    )
    return move.patch()


def _yaml_value(value):
    """A patch value as the strict reader gives it back."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _yaml_value(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, (list, tuple)):
        return [_yaml_value(v) for v in value]
    return value


def expected_data(data: dict, patch) -> dict:
    for path, value in patch.sets:
        node = data
        for part in path[:-1]:
            if value is edit._DELETE and (part not in node if isinstance(node, dict) else False):
                break
            if isinstance(node, dict):
                node = node.setdefault(part, {})
            else:
                node = node[part]
        else:
            if value is edit._DELETE:
                if isinstance(node, dict):
                    node.pop(path[-1], None)
            else:
                node[path[-1]] = _yaml_value(value)
    for key, entry in patch.appends:
        if not isinstance(data.get(key), list):
            data[key] = []
        data[key].append(_yaml_value(entry))
    return data


def allowed_lines(text: str, patch) -> set[int]:
    """0-based lines a patch may rewrite: those of the deepest existing node on each of its paths."""
    root = yaml.compose(text, Loader=_PyComposer)
    lines: set[int] = set()
    paths = [p for p, _ in patch.sets] + [(key,) for key, _ in patch.appends]
    for path in paths:
        node, first = root, None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if pair is None:
                    break
                first, node = pair[0].start_mark.line, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                first = node.start_mark.line
            else:
                break
        if first is None:
            continue  # only the top level exists: a new key may be inserted, nothing rewritten
        end = node.end_mark.line - (node.end_mark.column == 0)
        lines.update(range(first, max(first, end) + 1))
    return lines


def check_step(before: bytes, after: bytes, patch) -> None:
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in before:
        assert after.count(b"\n") == after.count(b"\r\n"), "CRLF line ends lost"
    old_text, new_text = before.decode("utf-8-sig"), after.decode("utf-8-sig")
    assert WS.validate(after) == [] or all(p.code >= "E200" for p in WS.validate(after))
    assert loads(new_text, "after") == expected_data(loads(old_text, "before"), patch)
    allowed = allowed_lines(old_text.replace("\r\n", "\n"), patch)
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            touched = set(range(i1, i2)) - allowed
            assert not touched, f"lines {sorted(n + 1 for n in touched)} changed but the patch was {patch}"


@fuzz(ROUNDTRIP_EXAMPLES)
@given(st.sampled_from(SEEDS), st.lists(OPS, min_size=1, max_size=5))
def test_any_sequence_of_commands_keeps_the_file_valid_and_the_rest_unchanged(seed, ops):
    WS.path.write_bytes(seed)
    for op in ops:
        before = WS.path.read_bytes()
        draft = edit.read(WS.path, "SO-1/order.yaml")
        try:
            patch = step(draft, op)
            edit.write(draft, patch)
        except GendanError:
            assert WS.path.read_bytes() == before, f"{op} failed but changed the file"
            continue
        check_step(before, WS.path.read_bytes(), patch)
