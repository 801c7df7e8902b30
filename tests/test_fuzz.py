"""Fuzzing the reader and the validator: mutated valid orders give "valid" or located problems.

Seeds are the example orders and the corpus's valid order. Mutations are byte
edits (delete, insert, swap, duplicate), and structural ones: a value anywhere in
the parsed order replaced by a value of another type, then dumped back to YAML.
Anything but a clean result or `InvalidFile` with located, coded problems fails.
Hypothesis runs derandomized with a fixed number of examples, so CI is repeatable.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from gendan.core.errors import CODES, InvalidFile
from gendan.store.configfile import DEFAULTS_PATH
from gendan.store.workspace import Workspace
from gendan.store.yamlio import loads
from tests.helpers import CORPUS, EXAMPLES, ScratchOrder, fuzz

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 30)
BYTE_EXAMPLES = 400
STRUCTURE_EXAMPLES = 300
CONFIG_EXAMPLES = 200
FUZZ_EXAMPLES = BYTE_EXAMPLES + STRUCTURE_EXAMPLES + CONFIG_EXAMPLES  # the README's reliability table quotes this

SEEDS = [re.sub(rb"(?m)^id: .*$", b"id: SO-1", p.read_bytes()) for p in sorted(EXAMPLES.rglob("order.yaml"))] + [
    (CORPUS / "order" / "crlf-valid.yaml").read_bytes().replace(b"\r\n", b"\n"),
    (CORPUS / "order" / "yaml11-strings-accepted.yaml").read_bytes(),
]


# Bytes that matter to YAML, plus a few that matter to decoding.
SPECIAL = [
    b":",
    b" ",
    b"\n",
    b"\r\n",
    b"\t",
    b"-",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"#",
    b"&a",
    b"*a",
    b"!!python/object:os.system ",
    b"!",
    b"'",
    b'"',
    b"|",
    b">",
    b"?",
    b"%",
    b"@",
    b"`",
    b"<<: *a",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xe9",
    b"\xff",
    b"0012",
    b"1:30",
    b"NO",
    b"on",
    b"1,200",
    b"-5",
    b"2026-02-30",
    b".inf",
    b"~",
    b"null",
    b"true",
    b"\xe4\xb8\xad",
    b"---\n",
    b"...",
]


WS = ScratchOrder(TODAY)


def assert_located(data: bytes) -> None:
    try:
        problems = WS.validate(data)
    except InvalidFile as e:  # validate_files collects these; one escaping is a bug
        raise AssertionError(f"InvalidFile escaped validate_files: {e}") from None
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for p in problems:
        assert p.code in CODES, p
        assert 1 <= p.line <= lines and p.col >= 1, p
        assert p.message and "\n" not in p.message, p


@st.composite
def byte_mutants(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "swap", "duplicate", "replace"]))
        i = draw(st.integers(0, len(data)))
        if op == "delete":
            del data[i : i + draw(st.integers(1, 12))]
        elif op == "insert":
            piece = draw(st.sampled_from(SPECIAL) | st.binary(min_size=1, max_size=4))
            data[i:i] = piece
        elif op == "swap" and len(data) > 1:
            j = draw(st.integers(0, len(data) - 1))
            i = min(i, len(data) - 1)
            data[i], data[j] = data[j], data[i]
        elif op == "duplicate":
            start = data.rfind(b"\n", 0, i) + 1
            end = data.find(b"\n", i)
            end = len(data) if end < 0 else end + 1
            data[end:end] = data[start:end]
        elif op == "replace" and data:
            data[min(i, len(data) - 1)] = draw(st.integers(0, 255))
    return bytes(data)


@fuzz(BYTE_EXAMPLES)
@given(byte_mutants())
def test_byte_mutations_give_valid_or_located_problems(data):
    assert_located(data)


# Values of every type the reader can produce, including the YAML 1.1 traps as text.
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**12),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**6), max_value=10**6),
    st.sampled_from(
        [
            "NO",
            "on",
            "0012",
            "1:30",
            "2026-02-30",
            "2027-02-20",
            "1,200",
            "6,660.00",
            "",
            " ",
            "production",
            "approved",
            "deposit_balance",
            "pp",
            "final",
            "pass",
            "Chen Li",
            "宁波",
        ]
    ),
    st.text(max_size=20),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=8) | st.sampled_from(["S", "M", "planned"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", str(v)))


@st.composite
def structural_mutants(draw) -> bytes:
    data = loads(draw(st.sampled_from(SEEDS)).decode("utf-8-sig"), "seed")
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))[1:]))
        node = data
        for part in path[:-1]:
            node = node[part]
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "delete":
            del node[path[-1]]
        elif action == "add" and isinstance(node, dict):
            node[draw(st.text(min_size=1, max_size=10))] = draw(VALUES)
        else:
            node[path[-1]] = draw(VALUES)
    flow = draw(st.sampled_from([None, True, False]))
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=flow).encode("utf-8")


@fuzz(STRUCTURE_EXAMPLES)
@given(structural_mutants())
def test_values_of_other_types_give_valid_or_located_problems(data):
    assert_located(data)


def test_seeds_are_valid():
    for seed in SEEDS:
        assert WS.validate(seed) == []


CONFIG_SEEDS = [DEFAULTS_PATH.read_bytes(), (EXAMPLES / "gendan.yaml").read_bytes()]


@st.composite
def config_mutants(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(CONFIG_SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            del data[i : i + draw(st.integers(1, 12))]
        else:
            data[i:i] = draw(st.sampled_from(SPECIAL) | st.binary(min_size=1, max_size=4))
    return bytes(data)


@fuzz(CONFIG_EXAMPLES)
@given(config_mutants())
def test_config_mutations_give_a_config_or_located_problems(data):
    (WS.dir / "gendan.yaml").write_bytes(data)
    try:
        Workspace.open(WS.dir)
    except InvalidFile as e:
        for p in e.problems:
            assert p.code in CODES and p.line >= 1 and p.col >= 1 and "\n" not in p.message, p
    finally:
        (WS.dir / "gendan.yaml").write_text("company: {name: Fuzz Co}\n", encoding="utf-8")
