"""The JSON Schema of order.yaml, generated from the model (never written twice)."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_NAME = "order.schema.json"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def order_schema() -> dict[str, Any]:
    """The order model as a draft-07 JSON Schema (what yaml-language-server reads)."""
    from gendan.core.model import Order
    from gendan.store.parse import adapter

    schema = adapter(Order).json_schema(by_alias=True, ref_template="#/definitions/{model}")
    defs = schema.pop("$defs", {})
    return {
        "$schema": DRAFT_07,
        "$id": "https://gendan.invalid/order.schema.json",
        "title": "gendan order.yaml",
        **_strip_titles(schema),
        "definitions": _strip_titles(defs),
    }


def _strip_titles(node: Any) -> Any:
    """pydantic adds a title to every property; editors show the key anyway."""
    if isinstance(node, dict):
        return {
            k: _strip_titles(v)
            for k, v in node.items()
            if not (k == "title" and isinstance(v, str) and "properties" not in node)
        }
    if isinstance(node, list):
        return [_strip_titles(v) for v in node]
    return node


def schema_text() -> str:
    return json.dumps(order_schema(), ensure_ascii=False, indent=2) + "\n"
