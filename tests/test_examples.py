"""The example workspace: valid for gendan and, independently, for its JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from gendan.store.schema import schema_text
from gendan.store.yamlio import load_file
from tests.helpers import EXAMPLES, run

ORDER_FILES = sorted(EXAMPLES.rglob("order.yaml"))
MODELINE = "# yaml-language-server: $schema=../../order.schema.json\n"


def test_schema_file_is_current():
    current = (EXAMPLES / "order.schema.json").read_text(encoding="utf-8") == schema_text()
    assert current, "the model changed: run `python -m gendan schema -o examples/orders/order.schema.json`"


@pytest.mark.parametrize("path", ORDER_FILES, ids=lambda p: p.parent.name)
def test_example_matches_schema_with_an_independent_validator(path):
    schema = json.loads((EXAMPLES / "order.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    data = load_file(path)  # plain data: str, int, Decimal (a number to jsonschema), list, dict
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("path", ORDER_FILES, ids=lambda p: p.parent.name)
def test_example_carries_the_modeline(path):
    assert path.read_text(encoding="utf-8").startswith(MODELINE)


def test_examples_cover_every_stage(examples):
    from gendan.store.workspace import Workspace

    ws = Workspace.open(examples)
    loaded, problems = ws.load_all()
    assert problems == []
    assert len(loaded) >= 11
    stages = {ln.order.stage for ln in loaded}
    assert set(ws.config.stage_keys) | {"on_hold", "cancelled"} <= stages
    terms = {ln.order.payment.terms for ln in loaded if ln.order.payment}
    assert {"deposit_balance", "lc", "dp"} <= terms
    keys = ws.config.milestone_keys()
    assert all(k in keys for ln in loaded for k in ln.order.milestones)


@pytest.mark.parametrize("as_of", ["2026-11-30", "2027-06-30"])
def test_examples_validate_on_and_after_the_reference_date(examples, as_of):
    result = run(examples, "validate", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    if as_of == "2026-11-30":
        assert result.output == "14 orders checked, no problems\n"
    else:  # SO-2026-0139 never shipped: its L/C ran out (warnings, not errors)
        lines = result.output.splitlines()
        assert [line.split(": ", 1)[1] for line in lines[:2]] == [
            "W302 the L/C's latest shipment date 2027-03-15 passed 107 days ago",
            "W303 the L/C's expiry date 2027-03-30 passed 92 days ago",
        ]
        assert lines[2:] == ["14 orders checked, no problems, 2 warnings"]
