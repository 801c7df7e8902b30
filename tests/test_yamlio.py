"""The strict reader: YAML 1.2-style scalars (the YAML 1.1 traps stay text)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gendan.core.errors import InvalidFile
from gendan.store.yamlio import loads

BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
NULLS = {"null", "Null", "NULL", "~"}
INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
FLOAT = re.compile(r"[-+]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


@pytest.mark.parametrize(
    "text",
    [
        "NO",
        "no",
        "No",
        "ON",
        "on",
        "OFF",
        "off",
        "YES",
        "yes",
        "Y",
        "n",
        "0012",
        "012",
        "0o17",
        "0x1F",
        "12:30",
        "1:20:30",
        "2026-11-30",
        "1_000",
        ".inf",
        ".NaN",
        "=",
        "<<",
    ],
)
def test_yaml11_traps_stay_text(text):
    assert loads(f"k: {text}\n", "t.yaml") == {"k": text}


def test_only_true_and_false_are_booleans():
    assert loads("a: true\nb: False\nc: yes\nd: on\n", "t.yaml") == {"a": True, "b": False, "c": "yes", "d": "on"}


def test_numbers_are_int_or_decimal_never_float():
    data = loads("a: 12\nb: 18.50\nc: -3\nd: 1e3\n", "t.yaml")
    assert data == {"a": 12, "b": Decimal("18.50"), "c": -3, "d": Decimal("1e3")}
    assert str(data["b"]) == "18.50"
    assert not any(isinstance(v, float) for v in data.values())


def expected_scalar(text: str):
    """YAML 1.2 core schema, minus octal/leading zeros: the rule the reader promises."""
    if text in BOOLS:
        return BOOLS[text]
    if text in NULLS:
        return None
    if INT.fullmatch(text):
        return int(text)
    if FLOAT.fullmatch(text):
        return Decimal(text)
    return text


PLAIN = (
    st.text(alphabet="ONYESTRUEFALSonyestruefalsl0123456789:._-+~", min_size=1, max_size=12)
    .filter(lambda t: not t.startswith(("-", ":", "~")) or t in ("~",) or FLOAT.fullmatch(t) or INT.fullmatch(t))
    .filter(lambda t: ": " not in t and not t.endswith(":") and t != "-")
)


@settings(max_examples=400, deadline=None)
@given(PLAIN)
@example("NO")
@example("0012")
@example("12:30")
@example("True")
@example("-0")
def test_scalar_resolution(text):
    assert loads(f"k: {text}\n", "t.yaml") == {"k": expected_scalar(text)}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")), max_size=40))
def test_quoted_text_is_always_text(text):
    import json

    assert loads(f"k: {json.dumps(text, ensure_ascii=False)}\n", "t.yaml") == {"k": text}


def test_mapping_keys_follow_the_same_rules():
    assert loads("{NO: 1, ON: 2, 0012: 3, 34: 4}", "t.yaml") == {"NO": 1, "ON": 2, "0012": 3, 34: 4}


def test_bom_is_tolerated(tmp_path):
    from gendan.store.yamlio import load_file

    path = tmp_path / "o.yaml"
    path.write_bytes(b"\xef\xbb\xbfk: NO\n")
    assert load_file(path) == {"k": "NO"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("k: !!python/object:os.system x\n", "E004"),
        ("k: &a [*a]\n", "E004"),
        ("a: 1\na: 2\n", "E003"),
    ],
)
def test_refused_documents(text, expected):
    with pytest.raises(InvalidFile) as e:
        loads(text, "t.yaml")
    assert e.value.problems[0].code == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_quote_reads_back_exactly(text):
    from gendan.store.yamlio import quote

    assert loads(f"k: {quote(text)}\n", "t.yaml") == {"k": text}


def test_quote_refuses_undecodable_bytes():
    from gendan.store.yamlio import quote

    with pytest.raises(ValueError):
        quote("caf\udce9")


def test_quick_top_level_locate_agrees_with_composing():
    """`locate` finds a top-level `key: value` without composing the file (validate's warnings are
    located on many orders); it must give exactly what composing gives."""
    from pathlib import Path

    from gendan.store import yamlio

    root = Path(__file__).resolve().parent.parent
    files = [*sorted((root / "examples").rglob("order.yaml")), *sorted((root / "tests" / "corpus").rglob("*.yaml"))]
    checked = 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
            yamlio.loads(text, str(path))
        except Exception:  # only files that read: findings are located in those
            continue
        for name in ("id", "stage", "po_date", "ex_factory", "customer", "milestones", "quality", "notes"):
            quick = yamlio._top_level_value(text, name)
            if quick is None:
                continue
            yaml_node = yamlio.locate(text, [name, "\0no such key\0"])  # composes: deepest existing node
            assert quick == yaml_node, (path, name, quick, yaml_node)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("k: " + "[" * 3000 + "\n", "1:103"),  # 3 KB: libyaml gives up at 1,000 levels, before any event
        ("k: " + "[" * 1500 + "]" * 1500 + "\n", "1:103"),
        ("a:\n  b:\n    - " + "[{a: " * 700 + "\n", "3:248"),
        ("k:\n" + "".join(" " * i + "- \n" for i in range(150)), "101:100"),
    ],
)
def test_a_pathological_nesting_is_refused_without_being_read(monkeypatch, text, where):
    """The cheap depth check refuses it before either reader sees it (the pure-Python scanner,
    which took ~1 s on the first of these, is never started)."""
    from gendan.store import yamlio

    def never(*args, **kwargs):
        raise AssertionError("read it")

    monkeypatch.setattr(yamlio, "_fast_loads", never)
    monkeypatch.setattr(yamlio, "_loads", never)
    monkeypatch.setattr(yamlio._PyParser, "__init__", never)
    with pytest.raises(InvalidFile) as e:
        loads(text, "f.yaml")
    assert str(e.value) == f"f.yaml:{where}: E004 nested more than 100 levels deep; refusing to read it"


def test_unusual_text_is_still_refused_the_reference_way():
    """A tab is where libyaml and PyYAML disagree: PyYAML's verdict (the tab) stands, deep or not."""
    with pytest.raises(InvalidFile) as e:
        loads("k:\t" + "[" * 1200 + "\n", "f.yaml")
    assert str(e.value).startswith("f.yaml:1:3: E002 ") and "tab" in str(e.value)
