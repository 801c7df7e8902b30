"""Performance guards that are about behaviour, not timings."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gendan.domain import payments
from gendan.store import yamlio
from gendan.store.workspace import Workspace
from tests.helpers import copy_examples, make_workspace


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_reader_uses_libyaml():
    assert yamlio.HAVE_LIBYAML and yamlio._Parser is not yamlio._PyParser
    assert issubclass(yamlio._Composer, yaml.cyaml.CParser)  # what the fast path composes with


def test_problems_worded_by_the_reference_parser():
    # libyaml says "did not find expected ',' or ']'" at another line; the report must not change
    text = "a: [1, 2\nb: 3\n"
    with pytest.raises(yamlio.InvalidFile) as e:
        yamlio.loads(text, "f.yaml")
    with pytest.raises(yamlio.InvalidFile) as ref:
        yamlio._loads(text, "f.yaml", yamlio._PyStrictLoader, yamlio._PyComposer)
    assert e.value.problems == ref.value.problems


def _reference(text):
    try:
        return ("ok", yamlio._loads(text, "f.yaml", yamlio._PyStrictLoader, yamlio._PyComposer))
    except yamlio.InvalidFile as e:
        return ("problems", e.problems)


def _fast(text):
    try:
        return ("ok", yamlio.loads(text, "f.yaml"))
    except yamlio.InvalidFile as e:
        return ("problems", e.problems)


EDGE = [
    "a: 1\na: 2\n",
    "x: !!python/object:os.system {}\n",
    "n: 1.5e3\nm: .5\nk: -0\n",
    "a: &x [1]\nb: *x\n",
    "b: NO\nc: on\nd: 012\ne: 12:30\nf: ~\ng:\n",
    "? [1]\n: 2\n",
    "s: !!str 12\ni: !!int 7\n",
    "[1, 2]\n",
    "",
    "# only a comment\n",
    "k: 'it''s'\nl: \"\\u00e9\"\nm: |\n  two\n  lines\n",
    "a: b: c\n",
    "t: True\n",
    "x: !!float abc\n",
    "- &a {k: 1}\n- *a\n",
    "R&D: yes\nok: &anchor 3\nagain: *anchor\n",
]


@pytest.mark.parametrize("text", EDGE)
def test_fast_reader_agrees_with_reference(text):
    assert _fast(text) == _reference(text)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=12),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)
docs = st.recursive(
    scalars,
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=6), kids, max_size=4)),
    max_leaves=20,
)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", str(v)))


@settings(max_examples=200, deadline=None)
@given(docs, st.booleans())
def test_fast_reader_agrees_with_reference_on_any_document(doc, flow):
    text = yaml.dump(doc, Dumper=_Dumper, default_flow_style=flow, allow_unicode=True)
    assert _fast(text) == _reference(text)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("ab:-[]{}&*!#'\" \n,?|>.01\t\r\x85\u2028\ufeffé%@`~\\")
            + ["a: ", "- ", "\n  ", "k: v\n", "{x: 1}", "|-\n", "&a ", "*a"]
        ),
        max_size=20,
    ).map("".join)
)
def test_fast_reader_agrees_with_reference_on_noise(text):
    assert _fast(text) == _reference(text)


# Scalars where YAML 1.1, YAML 1.2, libyaml and gendan's rules could part: the fast path
# resolves plain scalars itself (not through a resolver), so it must give the same type and
# value as the reference reader for every one of them, in every form and place.
ODD_SCALARS = [
    *("2026-01-05", "2026-1-5", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "12:30", "1:20:30"),
    *("yes", "no", "on", "off", "Yes", "NO", "On", "OFF", "y", "n", "Y", "N"),
    *("true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "fAlse"),
    *("~", "null", "Null", "NULL", "nULL", "None", ""),
    *("0", "-0", "+0", "00", "0012", "012", "0o12", "0x1F", "0b101", "1_000", "+12", "-7", "12", "120"),
    *("99999999999999999999999", "1.", "0.", "1.5", ".5", "-.5", "+.5e3", "1e5", "1E-5", "1.5e+3", "12e3"),
    *("-0.0", "01.5", "1.0e", "1e", "e5", "1__0", "1,000", "3.14abc", "18.50", "２５"),
    *(".inf", "-.inf", "+.inf", ".Inf", ".INF", ".NaN", ".nan", ".NAN"),
    *("=", "<<", "+", ".", "..", "-x", "x-", "a b", "é", "宏达", "SO-2026-00001"),
]


def _typed(value):
    """`value` with every scalar's type spelled out: True == 1 == Decimal(1) would hide a difference."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    if isinstance(value, tuple):  # ("ok", data) / ("problems", [...]) from _fast and _reference
        return tuple(_typed(v) for v in value)
    return (type(value).__name__, repr(value))


def _forms(scalar):
    quoted = scalar.replace("'", "''")
    return [scalar, f"'{quoted}'", '"' + scalar.replace("\\", "\\\\").replace('"', '\\"') + '"']


def _fast_only(text):
    """What the fast path alone gives, or None where it gives up (and `loads` reads the reference way)."""
    try:
        return ("ok", yamlio._fast_loads(text, "f.yaml"))
    except Exception:
        return None


@pytest.mark.parametrize("scalar", ODD_SCALARS)
def test_fast_path_reads_odd_scalars_like_the_reference(scalar):
    texts = [
        *(f"k: {form}\n" for form in _forms(scalar)),
        *(f"{form}: v\n" for form in _forms(scalar) if scalar),
        *(f"- {form}\n- [{form}, x]\n- {{k: {form}}}\n" for form in _forms(scalar)),
        f"k: |\n  {scalar}\nj: >-\n  {scalar}\n",
    ]
    fast_taken = 0
    for text in texts:
        ref = _reference(text)
        assert _typed(_fast(text)) == _typed(ref), text
        fast = _fast_only(text)
        if fast is not None:
            fast_taken += 1
            assert _typed(fast) == _typed(ref), text
    assert fast_taken >= len(texts) - 6  # the fast path itself is what was compared (not only its fallback)


_odd = st.sampled_from(ODD_SCALARS).flatmap(lambda s: st.sampled_from(_forms(s)))
_odd_docs = st.recursive(
    _odd,
    lambda kids: st.one_of(
        st.lists(kids, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(_odd, kids), max_size=4).map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_odd, _odd_docs), min_size=1, max_size=6))
def test_fast_path_reads_generated_documents_like_the_reference(entries):
    """Block mappings of flow values built from the odd scalars in plain and quoted forms
    (duplicate keys such as `1` and `1.0`, invalid plain scalars and all): the same data with
    the same types, or the same located problems."""
    text = "".join(f"{k}: {v}\n" for k, v in entries)
    ref = _reference(text)
    assert _typed(_fast(text)) == _typed(ref)
    fast = _fast_only(text)
    if fast is not None:
        assert _typed(fast) == _typed(ref)


HEAVY = (
    "pydantic",
    "yaml",
    "openpyxl",
    "jinja2",
    "ruamel",
    "holidays",
    "smtplib",
    "tabulate",
    "num2words",
    "filelock",
    "gendan.core.model",
)


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["overdue", "--help"], ["status", "--help"], ["validate", "--help"]]
)
def test_start_up_imports_nothing_heavy(args):
    import json
    import subprocess
    import sys

    from tests.helpers import ROOT

    code = (
        "import sys, runpy\n"
        f"sys.argv = ['gendan', *{args!r}]\n"
        "try:\n    runpy.run_module('gendan', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        f"print(__import__('json').dumps([m for m in {HEAVY!r} if m in sys.modules]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([" ", "  ", "- ", "-\t", "? ", "?\t", "-", "?", "a", ":", "[", "{", "\n", "\r", "\r\n"])
        | st.sampled_from(["\x0b", "\x0c", "\x1c", "\x1e", "\x85", "\u2028", "\u2029", "\t", "é"]),
        max_size=60,
    ).map("".join)
)
def test_the_quick_depth_bound_is_never_below_the_line_by_line_one(text):
    """`_check_depth` lets a file through on the quick bound only where the line-by-line bound
    (itself above the real depth) would let it through too: the same files are scanned."""
    assert yamlio._loose_depth_bound(text) >= yamlio._block_depth_bound(text)


def test_order_files_come_in_path_order_not_string_order(tmp_path):
    # ' ' < '-' < '/' < '_' in ASCII: as strings "2026-old/..." would come before "2026/...";
    # by path (part by part) "2026" comes first, as Path sorting always gave
    folders = ["2026_c/SO-4", "2026-old/SO-2", "2026/SO-1", "2026 b/SO-3", "2026/SO-1-x", "2026/SO-1/x"]
    root = make_workspace(
        tmp_path,
        {f"{f}/order.yaml": f"id: {f.rsplit('/', 1)[-1]}\ncustomer: {{name: C}}\nstage: inquiry\n" for f in folders},
    )
    found = Workspace.open(root).order_files()
    assert [p.parent.relative_to(root).as_posix() for p in found] == [
        "2026/SO-1",  # (its nested 2026/SO-1/x is not an order folder: an order folder holds no orders)
        "2026/SO-1-x",
        "2026 b/SO-3",
        "2026-old/SO-2",
        "2026_c/SO-4",
    ]
    assert found == sorted(found)  # Path's own order
    assert [str(p) for p in found] != sorted(str(p) for p in found)  # which plain strings would not give


def test_payment_sums_once_agree_with_the_sums_each_call_makes(tmp_path):
    # overdue computes an order's payment_summary once and hands it to settled: the same verdict
    # and amounts as asking each question afresh, on every example order (paid, short, L/C...)
    ws = Workspace.open(copy_examples(tmp_path / "ws"))
    loaded, _ = ws.load_all()
    verdicts = set()
    for o in (x.order for x in loaded):
        paid = payments.payment_summary(o)
        assert payments.settled(o, ws.config, paid) == payments.settled(o, ws.config)
        assert paid["outstanding"] == payments.outstanding(o) and paid["value"] == o.value
        assert paid["deposit"] == (payments.required_deposit(o) or 0)
        verdicts.add(payments.settled(o, ws.config))
    assert verdicts == {True, False}  # the examples hold both
