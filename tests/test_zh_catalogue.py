"""The zh catalogue is complete for the messages that carry their words (issue 17): every English
template a finding or a message is worded from (`Finding.said(...)`, `said((template, values))`)
has its Chinese in gendan.render.i18n, with the same placeholders, so no message falls back to
English in a zh run. Found by reading the source (ast), so a new message is checked the day it
is written."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import gendan
from gendan.render.i18n import CATALOGUES

SOURCE = Path(gendan.__file__).parent


def templates() -> list[tuple[str, int, str]]:
    """(file, line, template) of every literal template a message is said from: in `said(...)`,
    `Finding.said(...)`, or a piece `(template, {values})` made anywhere."""
    found = set()
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {  # `template = "..."` then said((template, values)): the strings a name is given
            t.id: n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        for node in ast.walk(tree):
            said: list[ast.expr] = []
            if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Dict):
                said = node.elts[:1]  # a piece (template, {values}), wherever it is made
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "said":
                if isinstance(node.func, ast.Attribute):  # Finding.said(code, keypath, message, hint)
                    said = node.args[2:4]
                else:  # said((template, values), ...)
                    said = [a.elts[0] for a in node.args if isinstance(a, ast.Tuple) and a.elts]
            for arg in said:
                for text in filter(None, _literals(arg, names)):
                    found.add((str(path.relative_to(SOURCE.parent)), node.lineno, text))
    return sorted(found)


def _literals(node: ast.expr, names: dict[str, ast.expr]) -> list[str]:
    """The strings an argument can be: a literal, either side of `a if c else b`, `a + b`, a name
    given one of these."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body, names) + _literals(node.orelse, names)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _literals(node.left, names) for b in _literals(node.right, names)]
    if isinstance(node, ast.Name) and node.id in names:  # (without it: a name given itself does not loop)
        return _literals(names[node.id], {k: v for k, v in names.items() if k != node.id})
    return []


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_reader_finds_the_templates():
    """It can fail: the messages already worded this way are found."""
    found = {t for _, _, t in templates()}
    assert "no order {id} in {folder}" in found  # store/workspace.py
    assert "the L/C's expiry date {expiry} " in found  # domain/payments.py


@pytest.mark.parametrize("where,line,template", templates(), ids=lambda v: str(v)[:60])
def test_every_template_has_its_chinese(where, line, template):
    zh = CATALOGUES["zh"]
    assert template in zh, f"{where}:{line}: no zh for {template!r}"
    assert placeholders(zh[template]) <= placeholders(template), f"{where}:{line}: {zh[template]!r}"


def test_what_the_system_refuses_has_its_chinese():
    """The sentences for a full disk, a read-only file system... (said from a table, not a literal)."""
    from gendan.core.errors import _REFUSALS

    assert all(reason in CATALOGUES["zh"] for reason in _REFUSALS.values())
