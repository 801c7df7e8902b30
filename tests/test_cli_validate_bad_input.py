"""Every bad input of issue 2: a located message with a stable code, the right exit code,
no traceback, and `validate` goes on to the other files."""

from __future__ import annotations

import pytest

from tests.helpers import make_workspace, run

GOOD = "id: {id}\ncustomer: {{name: Nordic Outdoor AS, country: NO}}\nstage: inquiry\n"
LINE = (
    "id: SO-1\ncustomer: {name: N}\nstage: inquiry\nlines:\n  - colour: Black\n"
    "    unit_price: PRICE\n    sizes: {S: QTY}\n"
)
BOMB = "".join(
    f"{k}: &{k} [{', '.join([f'*{p}'] * 10 if p else ['x'] * 10)}]\n"
    for k, p in zip("abcdef", ["", "a", "b", "c", "d", "e"], strict=False)
)

CASES = {
    "unclosed quote": (
        'id: "SO-1\ncustomer: {name: N}\nstage: inquiry\n',
        '1:5: E002 the quote " opened here is never closed: end the value with " '
        "[YAML: found unexpected end of stream (while scanning a quoted scalar)]",
    ),
    "bad indentation": (
        "id: SO-1\ncustomer:\n  name: N\n country: NO\nstage: inquiry\n",
        "4:2: E002 this line is indented 1 space, which lines up with no key above it (the line above: 2): "
        "indent it like the keys it belongs with, with spaces "
        "[YAML: expected <block end>, but found '<block mapping start>' (while parsing a block mapping at line 1)]",
    ),
    "tab": (
        "id: SO-1\ncustomer:\n\tname: N\nstage: inquiry\n",
        "3:1: E002 a tab character here: YAML indents with spaces only; replace the tab with spaces "
        "[YAML: found character '\\t' that cannot start any token (while scanning for the next token)]",
    ),
    "list for a mapping": (
        "id: SO-1\ncustomer:\n  - N\nstage: inquiry\n",
        "3:3: E103 'customer': expected a mapping of keys, got a list",
    ),
    "list at the top": ("- id: SO-1\n", "1:1: E005 expected a mapping of keys at the top, got list"),
    "duplicate key": (
        "id: SO-1\nid: SO-2\ncustomer: {name: N}\nstage: inquiry\n",
        "2:1: E003 duplicate key 'id': id is given twice in the same mapping (first on line 1); keep one of them",
    ),
    "unknown key": (
        GOOD.format(id="SO-1").replace("country", "contry"),
        "2:37: E102 unknown key 'customer.contry' (did you mean 'country'?)",
    ),
    "impossible date": (
        GOOD.format(id="SO-1") + "po_date: 2026-02-30\n",
        "4:10: E104 'po_date': 2026-02-30 is not a real date (day is out of range for month)",
    ),
    "negative quantity": (
        LINE.replace("PRICE", "18.50").replace("QTY", "-5"),
        "7:16: E106 'lines[0].sizes.S': quantities must be positive, got -5",
    ),
    "fractional quantity": (
        LINE.replace("PRICE", "18.50").replace("QTY", "2.5"),
        "7:16: E106 'lines[0].sizes.S': quantities are whole pieces, got 2.5",
    ),
    "string quantity": (
        LINE.replace("PRICE", "18.50").replace("QTY", "many"),
        "7:16: E106 'lines[0].sizes.S': expected a quantity in pieces, got 'many'",
    ),
    "price with a thousands comma": (
        LINE.replace("PRICE", "1,850.00").replace("QTY", "100"),
        "6:17: E105 'lines[0].unit_price': '1,850.00': write amounts without thousands separators, e.g. 1850.00",
    ),
    "empty file": (
        "",
        "1:1: E005 expected a mapping of keys at the top, got nothing (the file is empty or only comments)",
    ),
    "only a comment": (
        "# nothing yet\n",
        "1:1: E005 expected a mapping of keys at the top, got nothing (the file is empty or only comments)",
    ),
    "not UTF-8": (
        b"id: SO-1\ncustomer: {name: Caf\xe9}\nstage: inquiry\n",
        "2:21: E001 not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8",
    ),
    "5 MiB file": (
        b"# " + b"x" * (5 * 1024 * 1024) + b"\n",
        "1:1: E001 file is larger than 1024 KiB; refusing to read it",
    ),
    "billion laughs": (BOMB, "5:4: E004 aliases expand to more than 100,000 values (alias bomb?)"),
}


SO3_PROBLEMS = (
    "SO-3/order.yaml:1:1: E101 missing required key 'stage'\n"
    "SO-3/order.yaml:3:1: E102 unknown key 'stgae' (did you mean 'stage'?)\n"
)


@pytest.mark.parametrize("name", CASES)
def test_bad_order_file_is_located_and_validate_goes_on(tmp_path, monkeypatch, name):
    content, expected = CASES[name]
    root = make_workspace(
        tmp_path,
        {
            "SO-1/order.yaml": content,
            "SO-2/order.yaml": GOOD.format(id="SO-2"),
            "SO-3/order.yaml": GOOD.format(id="SO-3").replace("stage", "stgae"),
        },
    )
    monkeypatch.chdir(root)
    result = run(root, "validate")
    assert result.exit_code == 1
    # the broken file, then the next one (SO-2 is clean), then the summary
    assert result.stdout == (f"SO-1/order.yaml:{expected}\n{SO3_PROBLEMS}3 problems in 2 files (3 orders checked)\n")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (("new", "../x"), "'../x' is not a usable order id"),
        (("new", "a/b"), "'a/b' is not a usable order id"),
        (("new", ".hidden"), "'.hidden' is not a usable order id"),
        (("show", "../x"), "../x is outside the workspace {root}"),
        (("show", "SO-9"), "SO-9 has no order.yaml: it is not an order folder"),
        (("show", "SO-9/"), "SO-9/ has no order.yaml"),
        (("validate", "SO-9"), "SO-9: no order.yaml in this folder or below"),
    ],
)
def test_unsafe_ids_and_folders_without_order_yaml(tmp_path, monkeypatch, args, message):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": GOOD.format(id="SO-1"), "SO-9/techpack.txt": "x"})
    monkeypatch.chdir(root)
    result = run(root, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"gendan: {message.format(root=root)}")
    assert "Traceback" not in result.output
    assert not (root / "x").exists() and not (root / "a").exists() and not (root / ".hidden").exists()


@pytest.mark.parametrize("command", [("validate",), ("list",), ("show", "SO-1"), ("new", "SO-1")])
def test_no_workspace(tmp_path, monkeypatch, command):
    bare = tmp_path / "bare"
    bare.mkdir()
    monkeypatch.chdir(bare)
    result = run(None, *command)
    assert result.exit_code == 2
    assert result.stderr == (
        f"gendan: no gendan.yaml in {bare} or any parent folder; "
        "run `gendan init` to make a workspace, or pass -C DIR\n"
    )
